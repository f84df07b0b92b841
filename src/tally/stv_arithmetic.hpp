// The three arithmetics STV rule books prescribe, behind one interface so a rule is written
// once: fixed decimals (a whole number of 10^-precision units, every product and quotient
// truncated), guarded decimals (precision + guard digits, values closer than half a unit of
// precision compare equal), and exact rationals. Values are never `double`.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "participa/core/rational.hpp"
#include "participa/core/strings.hpp"

namespace participa::tally::stv {

__extension__ using Int128 = __int128;
__extension__ using UInt128 = unsigned __int128;
using Int256 = boost::multiprecision::int256_t;

// "12.34560" from a whole number of 10^-places units, with the floor division of the
// reference counters for negative values.
inline std::string decimal_text(const BigInt& units, int places) {
  BigInt unit = 1;
  for (int i = 0; i < places; ++i) unit *= 10;
  BigInt whole = units / unit;
  BigInt fraction = units % unit;
  if (fraction < 0) {
    fraction += unit;
    whole -= 1;
  }
  std::string out = whole.str();
  if (places > 0) {
    std::string digits = fraction.str();
    out += '.';
    out.append(static_cast<std::size_t>(places) - digits.size(), '0');
    out += digits;
  }
  return out;
}

// v in 256 bits, where products of two 128-bit values fit.
inline Int256 widen(Int128 v) {
  const bool negative = v < 0;
  const auto magnitude = static_cast<UInt128>(negative ? -v : v);
  Int256 out = static_cast<std::uint64_t>(magnitude >> 64);
  out <<= 64;
  out += static_cast<std::uint64_t>(magnitude);
  return negative ? Int256(-out) : out;
}

// floor(a / b) for b > 0.
inline BigInt floor_divide(const BigInt& a, const BigInt& b) {
  BigInt q = a / b;
  if ((a % b != 0) && (a < 0)) q -= 1;
  return q;
}

inline std::int64_t power_of_ten(int n) {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// Fixed decimals in 64 bits with 128-bit products: precision ≤ 9.
class FixedArithmetic {
 public:
  using Value = std::int64_t;

  FixedArithmetic(int precision, int display)
      : precision_(precision), display_(display), scale_(power_of_ten(precision)) {}

  bool exact() const { return false; }
  bool unbounded() const { return false; }
  Value zero() const { return 0; }
  Value unit() const { return 1; }
  Value whole(std::uint64_t n) const { return static_cast<Value>(n) * scale_; }
  Value times(Value v, std::uint64_t n) const { return v * static_cast<Value>(n); }
  Value multiply(Value a, Value b) const {
    return static_cast<Value>(static_cast<Int128>(a) * b / scale_);
  }
  Value divide(Value a, Value b) const {
    return static_cast<Value>(static_cast<Int128>(a) * scale_ / b);
  }
  // a × b / c with one truncation.
  Value multiply_divide(Value a, Value b, Value c) const {
    return static_cast<Value>(static_cast<Int128>(a) * b / c);
  }
  // {a × b, a × (1 − b)}, each truncated. For a ≥ 0 and 0 ≤ b ≤ 1, a × (1 − b) is a less
  // a × b, one unit less again where a × b was truncated.
  std::pair<Value, Value> split(Value a, Value b) const {
    if (a < 0 || b < 0 || b > scale_) return {multiply(a, b), multiply(a, scale_ - b)};
    const Int128 product = static_cast<Int128>(a) * b;
    const auto kept = static_cast<Value>(product / scale_);
    return {kept, a - kept - (product % scale_ != 0 ? 1 : 0)};
  }
  // a × b and a / b rounded up (for non-negative values).
  Value multiply_up(Value a, Value b) const {
    return static_cast<Value>(ceiling(static_cast<Int128>(a) * b, scale_));
  }
  Value divide_up(Value a, Value b) const {
    return static_cast<Value>(ceiling(static_cast<Int128>(a) * scale_, b));
  }
  int compare(Value a, Value b) const { return a < b ? -1 : (a > b ? 1 : 0); }
  // Rounds half up to the display places.
  std::string text(Value v) const {
    const std::int64_t drop = power_of_ten(precision_ - display_);
    BigInt shown = v;
    if (drop > 1) shown = floor_divide(shown + drop / 2, drop);
    return decimal_text(shown, display_);
  }
  // Largest number of ballots whose total fits.
  std::uint64_t max_ballots() const { return static_cast<std::uint64_t>(INT64_MAX / scale_); }

 private:
  static Int128 ceiling(Int128 n, Int128 d) { return n / d + (n % d != 0 ? 1 : 0); }

  int precision_;
  int display_;
  std::int64_t scale_;
};

// Guarded decimals in 128 bits with 256-bit products: precision + guard ≤ 30.
class GuardedArithmetic {
 public:
  using Value = Int128;

  GuardedArithmetic(int precision, int guard, int display)
      : digits_(precision + guard), display_(display), exact_(guard > 0) {
    scale_ = 1;
    for (int i = 0; i < digits_; ++i) scale_ *= 10;
    Int128 g = 1;
    for (int i = 0; i < guard; ++i) g *= 10;
    near_ = g / 2 == 0 ? 1 : g / 2;
    for (int left = digits_; left > 0; left -= kFivesPerLimb) {
      std::uint64_t five_power = 1;
      for (int i = 0; i < std::min(left, kFivesPerLimb); ++i) five_power *= 5;
      fives_.push_back(Divisor::of(five_power));
    }
  }

  // With guard digits the reference counters treat the arithmetic as exact (no quota
  // rounding up); without, it is plain fixed decimals.
  bool exact() const { return exact_; }
  bool unbounded() const { return false; }
  Value zero() const { return 0; }
  Value unit() const { return 1; }
  Value whole(std::uint64_t n) const { return static_cast<Value>(n) * scale_; }
  Value times(Value v, std::uint64_t n) const { return v * static_cast<Value>(n); }
  // a × b / 10^digits truncated toward zero, as the 256-bit quotient would be: this runs once
  // per ballot group in every Meek recount.
  Value multiply(Value a, Value b) const {
    const bool negative = (a < 0) != (b < 0);
    bool truncated = false;
    const Int128 magnitude = scaled_product(static_cast<UInt128>(a < 0 ? -a : a),
                                            static_cast<UInt128>(b < 0 ? -b : b), truncated);
    return negative ? -magnitude : magnitude;
  }
  // {a × b, a × (1 − b)}, each truncated. For a ≥ 0 and 0 ≤ b ≤ 1, a × (1 − b) is a less
  // a × b, one unit less again where a × b was truncated.
  std::pair<Value, Value> split(Value a, Value b) const {
    if (a < 0 || b < 0 || b > scale_) return {multiply(a, b), multiply(a, scale_ - b)};
    bool truncated = false;
    const Int128 kept = scaled_product(static_cast<UInt128>(a), static_cast<UInt128>(b), truncated);
    return {kept, a - kept - (truncated ? 1 : 0)};
  }
  Value divide(Value a, Value b) const { return narrow(widen(a) * widen(scale_) / widen(b)); }
  Value multiply_divide(Value a, Value b, Value c) const {
    return narrow(widen(a) * widen(b) / widen(c));
  }
  // Rounded up only without guard digits; with them, truncated like everything else.
  Value multiply_up(Value a, Value b) const {
    return exact_ ? multiply(a, b) : narrow(ceiling(widen(a) * widen(b), widen(scale_)));
  }
  Value divide_up(Value a, Value b) const {
    return exact_ ? divide(a, b) : narrow(ceiling(widen(a) * widen(scale_), widen(b)));
  }
  // Values within half a unit of precision are equal.
  int compare(Value a, Value b) const {
    const Value difference = a > b ? a - b : b - a;
    if (difference < near_) return 0;
    return a > b ? 1 : -1;
  }
  std::string text(Value v) const {
    BigInt drop = 1;
    for (int i = 0; i < digits_ - display_; ++i) drop *= 10;
    return decimal_text(floor_divide(big(v) + drop / 2, drop), display_);
  }
  std::uint64_t max_ballots() const {
    const Int128 limit = (~static_cast<Int128>(0) & ~(static_cast<Int128>(1) << 127)) / scale_;
    return limit > static_cast<Int128>(UINT64_MAX) ? UINT64_MAX : static_cast<std::uint64_t>(limit);
  }

 private:
  // x × y / 10^digits, truncated; `truncated` tells whether anything was dropped. The product
  // is held in four 64-bit limbs; 10^digits = 2^digits · 5^digits, so it is shifted right by
  // `digits` bits and divided by 5^digits (one 64-bit divisor up to 27 digits, two beyond)
  // through a precomputed reciprocal, limb by limb from the highest that is not zero: a
  // multiplication where a hardware division would wait tens of cycles.
  Int128 scaled_product(UInt128 x, UInt128 y, bool& truncated) const {
    const std::uint64_t x0 = static_cast<std::uint64_t>(x),
                        x1 = static_cast<std::uint64_t>(x >> 64);
    const std::uint64_t y0 = static_cast<std::uint64_t>(y),
                        y1 = static_cast<std::uint64_t>(y >> 64);
    // limbs[0] is the lowest.
    std::uint64_t limbs[4] = {0, 0, 0, 0};
    const UInt128 p00 = static_cast<UInt128>(x0) * y0;
    const UInt128 p01 = static_cast<UInt128>(x0) * y1;
    const UInt128 p10 = static_cast<UInt128>(x1) * y0;
    const UInt128 p11 = static_cast<UInt128>(x1) * y1;
    limbs[0] = static_cast<std::uint64_t>(p00);
    UInt128 middle =
        (p00 >> 64) + static_cast<std::uint64_t>(p01) + static_cast<std::uint64_t>(p10);
    limbs[1] = static_cast<std::uint64_t>(middle);
    UInt128 upper = (middle >> 64) + (p01 >> 64) + (p10 >> 64) + static_cast<std::uint64_t>(p11);
    limbs[2] = static_cast<std::uint64_t>(upper);
    limbs[3] = static_cast<std::uint64_t>((upper >> 64) + (p11 >> 64));
    truncated = false;
    if (digits_ > 0) {
      const int shift = digits_;
      truncated = (limbs[0] & ((std::uint64_t{1} << shift) - 1)) != 0;
      for (int i = 0; i < 3; ++i) {
        limbs[i] = (limbs[i] >> shift) | (limbs[i + 1] << (64 - shift));
      }
      limbs[3] >>= shift;
      for (const Divisor& divisor : fives_) truncated |= divide_limbs(limbs, divisor) != 0;
    }
    return static_cast<Int128>((static_cast<UInt128>(limbs[1]) << 64) | limbs[0]);
  }

  // 5^27 is the largest power of five below 2^64.
  static constexpr int kFivesPerLimb = 27;

  // A 64-bit divisor shifted so that its top bit is set, with its reciprocal
  // floor((2^128 − 1) / normalized) − 2^64 (Möller and Granlund, "Improved division by
  // invariant integers", IEEE Trans. Computers 60(2), 2011).
  struct Divisor {
    std::uint64_t normalized = 0;
    std::uint64_t reciprocal = 0;
    int shift = 0;

    static Divisor of(std::uint64_t d) {
      Divisor out;
      out.shift = std::countl_zero(d);
      out.normalized = d << out.shift;
      out.reciprocal =
          static_cast<std::uint64_t>(~UInt128{0} / out.normalized - (UInt128{1} << 64));
      return out;
    }
    // (high · 2^64 + low) / normalized with high < normalized; the remainder replaces `high`.
    std::uint64_t divide(std::uint64_t& high, std::uint64_t low) const {
      UInt128 estimate = static_cast<UInt128>(reciprocal) * high;
      estimate += (static_cast<UInt128>(high + 1) << 64) | low;
      auto quotient = static_cast<std::uint64_t>(estimate >> 64);
      std::uint64_t remainder = low - quotient * normalized;
      if (remainder > static_cast<std::uint64_t>(estimate)) {
        --quotient;
        remainder += normalized;
      }
      if (remainder >= normalized) [[unlikely]] {
        ++quotient;
        remainder -= normalized;
      }
      high = remainder;
      return quotient;
    }
  };

  // limbs /= divisor, truncated: the dividend is shifted as the divisor was (into five limbs),
  // which leaves the quotient unchanged. Returns the remainder, shifted likewise.
  static std::uint64_t divide_limbs(std::uint64_t (&limbs)[4], const Divisor& divisor) {
    std::uint64_t shifted[5];
    const int s = divisor.shift;
    shifted[4] = s == 0 ? 0 : limbs[3] >> (64 - s);
    for (int i = 3; i > 0; --i) {
      shifted[i] = s == 0 ? limbs[i] : (limbs[i] << s) | (limbs[i - 1] >> (64 - s));
    }
    shifted[0] = limbs[0] << s;
    // The top limb is below the divisor, and so is any limb below a zero remainder and smaller
    // than it: their quotient limbs are zero and they pass on as the remainder.
    std::uint64_t remainder = shifted[4];
    int i = 3;
    while (i > 0 && remainder == 0 && shifted[i] < divisor.normalized) {
      remainder = shifted[i];
      limbs[i--] = 0;
    }
    for (; i >= 0; --i) limbs[i] = divisor.divide(remainder, shifted[i]);
    return remainder;
  }
  static Int128 narrow(const Int256& v) {
    const bool negative = v < 0;
    const Int256 magnitude = negative ? Int256(-v) : v;
    const auto high = static_cast<std::uint64_t>(magnitude >> 64);
    const auto low = static_cast<std::uint64_t>(magnitude & Int256(UINT64_MAX));
    const auto joined = static_cast<Int128>((static_cast<UInt128>(high) << 64) | low);
    return negative ? -joined : joined;
  }
  static Int256 ceiling(const Int256& n, const Int256& d) { return n / d + (n % d != 0 ? 1 : 0); }
  static BigInt big(Int128 v) {
    const Int256 w = widen(v);
    return BigInt(w);
  }

  int digits_;
  int display_;
  bool exact_;
  Int128 scale_;
  Int128 near_;
  std::vector<Divisor> fives_;  // 5^digits as 64-bit factors
};

// Exact rationals; shown rounded half up to the display places.
class RationalArithmetic {
 public:
  using Value = Rational;

  explicit RationalArithmetic(int display) : display_(display) {}

  bool exact() const { return true; }
  // Values grow without bound: one operation can cost as much as thousands of tree steps.
  bool unbounded() const { return true; }
  Value zero() const { return 0; }
  Value unit() const { return 0; }
  Value whole(std::uint64_t n) const { return Rational(n); }
  Value times(const Value& v, std::uint64_t n) const { return v * n; }
  Value multiply(const Value& a, const Value& b) const { return a * b; }
  std::pair<Value, Value> split(const Value& a, const Value& b) const {
    return {a * b, a * (1 - b)};
  }
  Value divide(const Value& a, const Value& b) const { return a / b; }
  Value multiply_divide(const Value& a, const Value& b, const Value& c) const { return a * b / c; }
  Value multiply_up(const Value& a, const Value& b) const { return a * b; }
  Value divide_up(const Value& a, const Value& b) const { return a / b; }
  int compare(const Value& a, const Value& b) const { return a < b ? -1 : (a > b ? 1 : 0); }
  std::string text(const Value& v) const {
    BigInt scale = 1;
    for (int i = 0; i < display_; ++i) scale *= 10;
    const Rational shifted = v * scale + Rational(1, 2);
    return decimal_text(floor_divide(boost::multiprecision::numerator(shifted),
                                     boost::multiprecision::denominator(shifted)),
                        display_);
  }
  std::uint64_t max_ballots() const { return UINT64_MAX; }

 private:
  int display_;
};

}  // namespace participa::tally::stv
