// Any bytes given as a questionnaire form give a checked form or an error, never a crash; a
// form that reads writes back to the same form.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "participa/io/questionnaire.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto form = participa::io::questionnaire_from_json(
      std::string_view(reinterpret_cast<const char*>(data), size));
  if (!form.ok()) return 0;
  auto again = participa::io::questionnaire_from_json(participa::io::questionnaire_to_json(*form));
  if (!again.ok() || again->digest() != form->digest()) std::abort();
  return 0;
}
