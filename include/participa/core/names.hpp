// participa/core/names.hpp — one table of names per enum.
//
// Every closed choice that crosses an edge (the command line, JSON, Python) has one table of
// names, and everything that needs a name reads it: to_string, parsing, the error listing the
// valid names, the Python enum and its stubs. A new enumerator is named in one place.
//
//   inline constexpr std::array<Named<Satisfaction>, 2> kSatisfactionNames = {{
//       {Satisfaction::kCost, "cost"}, {Satisfaction::kCardinality, "cardinality"}}};
//   name_of(kSatisfactionNames, Satisfaction::kCost);                   // "cost"
//   parse_name(kSatisfactionNames, "satisfaction", "size");
//   // InvalidArgument: satisfaction 'size' is not cost or cardinality
//
// Names are lower case words joined by '-'; Python spells them with '_' (file-order becomes
// TieBreakPolicy.file_order).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "participa/core/strings.hpp"

namespace participa {

// Named — one enumerator and its name.
template <class Enum>
struct Named {
  Enum value;
  std::string_view name;
};

// name_of(table, value) — the value's name; "unknown" for a value outside the table (a cast
// from a number nobody checked).
template <class Enum, std::size_t N>
constexpr std::string_view name_of(const std::array<Named<Enum>, N>& table, Enum value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return "unknown";
}

// valid_names(table) — "a, b or c", for messages.
template <class Enum, std::size_t N>
std::string valid_names(const std::array<Named<Enum>, N>& table) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) out += i + 1 == N ? " or " : ", ";
    out += table[i].name;
  }
  return out;
}

// parse_name(table, what, text) — the enumerator named `text`; InvalidArgument naming what was
// asked for and every valid name otherwise.
template <class Enum, std::size_t N>
absl::StatusOr<Enum> parse_name(const std::array<Named<Enum>, N>& table, std::string_view what,
                                std::string_view text) {
  for (const auto& entry : table) {
    if (entry.name == text) return entry.value;
  }
  return absl::InvalidArgumentError(str_cat(what, " '", text, "' is not ", valid_names(table)));
}

}  // namespace participa
