// src/io/json_value.hpp — reading outside JSON documents with Boost.JSON (private to io).
#pragma once

#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "absl/status/statusor.h"

namespace participa::io::detail {

// read_json_file(path) — the document of a UTF-8 (or byte-order-marked) JSON file of at most
// kMaxFileBytes; InvalidArgument naming the file for anything else.
absl::StatusOr<boost::json::value> read_json_file(const std::string& path);

// member(value, key) — the member of an object, or nullptr (also when `value` is no object).
inline const boost::json::value* member(const boost::json::value& value, std::string_view key) {
  if (!value.is_object()) return nullptr;
  return value.as_object().if_contains(boost::json::string_view(key.data(), key.size()));
}

}  // namespace participa::io::detail
