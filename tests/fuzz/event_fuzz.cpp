// Any bytes given to the event decoder give an event or DataLoss, never a crash; an event that
// decodes encodes back to bytes that decode to the same encoding.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "participa/io/record.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto event =
      participa::io::decode_event(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!event.ok()) return 0;
  auto bytes = participa::io::encode_event(*event);
  if (!bytes.ok()) std::abort();
  auto again = participa::io::decode_event(*bytes);
  if (!again.ok() || *participa::io::encode_event(*again) != *bytes) std::abort();
  return 0;
}
