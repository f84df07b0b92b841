// Any bytes parsed as a participa profile (json) give a value or an error, never a crash;
// a value that parses survives a round trip unchanged.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "participa/io/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto value = participa::io::profile_from_json(input);
  if (!value.ok()) return 0;
  auto again = participa::io::profile_from_json(participa::io::profile_to_json(*value));
  if (!again.ok() || !(*again == *value)) std::abort();
  return 0;
}
