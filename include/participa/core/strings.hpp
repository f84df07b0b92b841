// participa/core/strings.hpp — string concatenation that accepts std::string_view.
//
// Debian 12's Abseil is built with its own absl::string_view (not an alias of
// std::string_view), so absl::StrCat rejects std::string_view arguments. participa's code
// speaks std::string_view; `str_cat` and `str_append` adapt it and forward to Abseil.
//
//   std::string message = participa::str_cat("ballot ", 17, " ranks '", name, "' twice");
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace participa {
namespace detail {

template <class T>
decltype(auto) abseil_arg(const T& value) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    return absl::string_view(value.data(), value.size());
  } else {
    return (value);
  }
}

}  // namespace detail

template <class... Args>
std::string str_cat(const Args&... args) {
  return absl::StrCat(detail::abseil_arg(args)...);
}

template <class... Args>
void str_append(std::string* out, const Args&... args) {
  absl::StrAppend(out, detail::abseil_arg(args)...);
}

}  // namespace participa
