#include "participa/core/utf8.hpp"

#include <cstdint>

#include "participa/core/strings.hpp"

namespace participa {

std::size_t first_invalid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    // The second byte's range depends on the lead byte (RFC 3629, table 3-7 of Unicode): this
    // is what excludes overlong forms, surrogates and code points above U+10FFFF.
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    if (i + length > n) return i;
    if (bytes[i + 1] < low || bytes[i + 1] > high) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

absl::Status check_text(std::string_view what, std::string_view text, std::size_t max_bytes) {
  if (text.empty()) return absl::InvalidArgumentError(str_cat(what, " is empty"));
  if (!is_utf8(text)) return absl::InvalidArgumentError(str_cat(what, " is not UTF-8"));
  if (text.size() > max_bytes) {
    return absl::OutOfRangeError(
        str_cat(what, " has ", text.size(), " bytes; at most ", max_bytes, " are allowed"));
  }
  return absl::OkStatus();
}

}  // namespace participa
