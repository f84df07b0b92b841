#include "participa/core/rational.hpp"

#include "participa/core/strings.hpp"

namespace participa {

std::string to_string(const Rational& r) {
  if (denominator(r) == 1) return numerator(r).str();
  return numerator(r).str() + "/" + denominator(r).str();
}

namespace {
bool is_integer_text(std::string_view t) {
  if (!t.empty() && t[0] == '-') t.remove_prefix(1);
  if (t.empty() || t.size() > 4096) return false;
  for (char c : t) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}
}  // namespace

absl::StatusOr<Rational> parse_rational(std::string_view text) {
  auto slash = text.find('/');
  std::string_view num = text.substr(0, slash);
  std::string_view den = slash == std::string_view::npos ? "1" : text.substr(slash + 1);
  if (!is_integer_text(num) || !is_integer_text(den) || den[0] == '-') {
    return absl::InvalidArgumentError(str_cat("'", text, "' is not a rational p/q"));
  }
  BigInt d{std::string(den)};
  if (d == 0) return absl::InvalidArgumentError(str_cat("'", text, "' divides by zero"));
  return Rational(BigInt{std::string(num)}, d);
}

double to_double(const Rational& r) { return r.convert_to<double>(); }

}  // namespace participa
