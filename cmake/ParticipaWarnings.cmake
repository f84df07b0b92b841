# Warnings are set per target, privately, so consumers never inherit them.
function(participa_warnings target)
  target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
      $<$<BOOL:${PARTICIPA_WERROR}>:-Werror>)
endfunction()
