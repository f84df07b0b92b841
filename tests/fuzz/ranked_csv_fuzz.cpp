// Any bytes given to the ranked CSV reader give a profile or an error, never a crash.
#include <cstdint>
#include <string_view>

#include "participa/io/ranked_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto profile = participa::io::parse_ranked_csv(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
  if (profile.ok()) static_cast<void>(profile->digest());
  return 0;
}
