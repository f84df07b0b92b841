#include "participa/core/rational.hpp"

#include <algorithm>
#include <numeric>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"

namespace participa {

std::string to_string(const Rational& r) {
  if (denominator(r) == 1) return numerator(r).str();
  return numerator(r).str() + "/" + denominator(r).str();
}

std::optional<std::string> to_decimal_text(const Rational& r) {
  // A fraction in lowest terms has a finite decimal exactly when its denominator is 2^a 5^b;
  // it then needs max(a, b) places.
  BigInt rest = denominator(r);
  int twos = 0, fives = 0;
  while (rest % 2 == 0) {
    rest /= 2;
    ++twos;
  }
  while (rest % 5 == 0) {
    rest /= 5;
    ++fives;
  }
  if (rest != 1) return std::nullopt;
  const int places = std::max(twos, fives);
  if (places == 0) return numerator(r).str();
  BigInt scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  BigInt scaled = numerator(r) * scale / denominator(r);
  const bool negative = scaled < 0;
  std::string digits = (negative ? BigInt(-scaled) : scaled).str();
  if (digits.size() <= static_cast<std::size_t>(places)) {
    digits.insert(0, static_cast<std::size_t>(places) + 1 - digits.size(), '0');
  }
  digits.insert(digits.size() - static_cast<std::size_t>(places), ".");
  return negative ? "-" + digits : digits;
}

absl::StatusOr<BigInt> parse_integer_text(std::string_view text) {
  bool negative = !text.empty() && text[0] == '-';
  std::string_view digits = negative ? text.substr(1) : text;
  if (digits.empty() || digits.size() > 4096 ||
      digits.find_first_not_of("0123456789") != std::string_view::npos) {
    return absl::InvalidArgumentError(str_cat("'", text, "' is not an integer"));
  }
  // Boost reads a leading 0 as octal; strip it so the digits stay decimal.
  std::size_t first = digits.find_first_not_of('0');
  BigInt value =
      first == std::string_view::npos ? BigInt(0) : BigInt{std::string(digits.substr(first))};
  return negative ? BigInt(-value) : value;
}

absl::StatusOr<Rational> parse_decimal_text(std::string_view text) {
  auto dot = text.find('.');
  if (dot == std::string_view::npos) {
    PARTICIPA_ASSIGN_OR_RETURN(BigInt whole, parse_integer_text(text));
    return Rational(whole);
  }
  std::string digits = std::string(text.substr(0, dot)) + std::string(text.substr(dot + 1));
  std::string_view fraction = text.substr(dot + 1);
  if (fraction.empty() || fraction.find_first_not_of("0123456789") != std::string_view::npos ||
      text.substr(0, dot).empty() || text.substr(0, dot) == "-") {
    return absl::InvalidArgumentError(str_cat("'", text, "' is not a decimal number"));
  }
  PARTICIPA_ASSIGN_OR_RETURN(BigInt scaled, parse_integer_text(digits));
  BigInt scale = 1;
  for (std::size_t i = 0; i < fraction.size(); ++i) scale *= 10;
  return Rational(scaled, scale);
}

absl::StatusOr<Rational> parse_rational(std::string_view text) {
  auto slash = text.find('/');
  std::string_view num = text.substr(0, slash);
  std::string_view den = slash == std::string_view::npos ? "1" : text.substr(slash + 1);
  auto n = parse_integer_text(num);
  auto d = parse_integer_text(den);
  if (!n.ok() || !d.ok() || (!den.empty() && den[0] == '-')) {
    return absl::InvalidArgumentError(str_cat("'", text, "' is not a rational p/q"));
  }
  if (*d == 0) return absl::InvalidArgumentError(str_cat("'", text, "' divides by zero"));
  return Rational(*n, *d);
}

Rational fraction(std::uint64_t n, std::uint64_t d) {
  const std::uint64_t g = std::gcd(n, d);
  Rational r;
  r.backend().num() = BigInt(n / g).backend();
  r.backend().denom() = BigInt(d / g).backend();
  return r;
}

bool is_small_whole(const Rational& r) {
  const auto& num = r.backend().num();
  const auto& den = r.backend().denom();
  return den.size() == 1 && *den.limbs() == 1 && num.size() == 1 &&
         *num.limbs() < (std::uint64_t{1} << 40);
}

std::int64_t small_whole_value(const Rational& r) {
  const auto& num = r.backend().num();
  const auto value = static_cast<std::int64_t>(*num.limbs());
  return num.sign() ? -value : value;
}

double to_double(const Rational& r) {
  // Both parts exact in a double: one IEEE division, correctly rounded, and far faster than
  // the general conversion (costs and budgets take this path).
  constexpr std::uint64_t kExactInDouble = std::uint64_t{1} << 53;
  const auto& num = r.backend().num();
  const auto& den = r.backend().denom();
  if (num.size() == 1 && den.size() == 1) {
    const std::uint64_t n = *num.limbs();
    const std::uint64_t d = *den.limbs();
    if (n < kExactInDouble && d < kExactInDouble) {
      const double q = static_cast<double>(n) / static_cast<double>(d);
      return num.sign() ? -q : q;
    }
  }
  return r.convert_to<double>();
}

}  // namespace participa
