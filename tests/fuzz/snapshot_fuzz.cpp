// Any bytes given to the snapshot decoder give a state or DataLoss, never a crash; a state
// that decodes encodes back to bytes that decode to the same encoding.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "participa/components/proposals/proposals.hpp"
#include "participa/io/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  participa::components::proposals::register_kind();
  auto state =
      participa::io::decode_snapshot(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!state.ok()) return 0;
  auto bytes = participa::io::encode_snapshot(*state);
  if (!bytes.ok()) std::abort();
  auto again = participa::io::decode_snapshot(*bytes);
  if (!again.ok() || *participa::io::encode_snapshot(*again) != *bytes) std::abort();
  return 0;
}
