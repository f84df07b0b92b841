// participa/core/utf8.hpp — checking that text is well-formed UTF-8.
//
// Every name that reaches a result (candidates, projects, options) is UTF-8: JSON, protobuf and
// Python all require it, and a byte string that is not UTF-8 would be mangled differently by
// each. Readers decode or refuse their input; ProfileBuilder::create and pb::Election::create check
// again, so text from any source is caught before it is counted.
//
//   if (auto bad = first_invalid_utf8(name); bad != std::string_view::npos) { ... }
//   PARTICIPA_RETURN_IF_ERROR(check_text("the title", title, 150));
#pragma once

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"

namespace participa {

// first_invalid_utf8(text) — the offset of the first byte that does not begin or continue a
// well-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing above
// U+10FFFF), or std::string_view::npos when the whole text is UTF-8.
std::size_t first_invalid_utf8(std::string_view text);

inline bool is_utf8(std::string_view text) {
  return first_invalid_utf8(text) == std::string_view::npos;
}

// check_text(what, text, max_bytes) — text a person typed (a title, a comment): InvalidArgument
// when empty or not UTF-8, OutOfRange when longer than max_bytes; `what` names it in the message.
absl::Status check_text(std::string_view what, std::string_view text, std::size_t max_bytes);

}  // namespace participa
