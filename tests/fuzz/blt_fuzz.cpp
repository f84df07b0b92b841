// Any bytes given to the BLT reader give a profile or an error, never a crash.
#include <cstdint>
#include <string_view>

#include "participa/io/blt.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto file = participa::io::parse_blt(std::string_view(reinterpret_cast<const char*>(data), size),
                                       "fuzz.blt");
  if (file.ok()) static_cast<void>(file->profile.digest());
  return 0;
}
