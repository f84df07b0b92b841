// participa/core/rational.hpp — exact rational numbers for counts that are not integers.
//
// Scores averaged over voters, fractional STV transfers and equal-shares prices are kept
// exact: `Rational` is Boost.Multiprecision's arbitrary-precision rational. Its text form is
// "p/q" in lowest terms (or "p" when q = 1), which is how it crosses the wire.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/multiprecision/cpp_int.hpp>

#include "absl/status/statusor.h"

namespace participa {

using Rational = boost::multiprecision::cpp_rational;
using BigInt = boost::multiprecision::cpp_int;

// parse_integer_text(text) — a base-10 integer of at most 4096 digits with an optional '-';
// leading zeros are decimal, never octal. InvalidArgument otherwise.
absl::StatusOr<BigInt> parse_integer_text(std::string_view text);
// parse_decimal_text(text) — "12", "-0.0008", "3.90" as an exact rational.
absl::StatusOr<Rational> parse_decimal_text(std::string_view text);
// to_decimal_text(r) — "12", "-0.0008", "3.9": the exact decimal, the inverse of
// parse_decimal_text, or nullopt when r has no finite decimal (1/3).
std::optional<std::string> to_decimal_text(const Rational& r);
// to_string(r) — "p/q" in lowest terms, or "p" for integers.
std::string to_string(const Rational& r);
// parse_rational(text) — inverse of to_string; InvalidArgument for anything else.
absl::StatusOr<Rational> parse_rational(std::string_view text);
// fraction(n, d) — n/d in lowest terms (d > 0), reduced with one 64-bit gcd: much cheaper
// than Rational(n, d) for values that fit.
Rational fraction(std::uint64_t n, std::uint64_t d);
// is_small_whole(r) — r is a whole number of magnitude below 2^40, so sums of up to 2^20 of
// them fit in 64 bits; small_whole_value(r) — its value (requires is_small_whole(r)).
bool is_small_whole(const Rational& r);
std::int64_t small_whole_value(const Rational& r);
// to_double(r) — the nearest double (within a unit in the last place when a part exceeds
// 2^53), for display and for floating-point estimates that carry their own error bounds.
double to_double(const Rational& r);

}  // namespace participa
