// The guarded arithmetic's product a × b / 10^digits against the same quotient taken in
// Boost's 256-bit integers, truncated toward zero: every digit count a count may use, values
// at the edges of the limbs and of the divisor, and random values of every size whose result
// fits 128 bits.
#include "tally/stv_arithmetic.hpp"

#include <random>

#include "gtest/gtest.h"

namespace participa::tally::stv {
namespace {

// a × b / 10^digits, truncated toward zero (Boost's division truncates).
Int256 reference(Int128 a, Int128 b, int digits) {
  Int256 scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  return widen(a) * widen(b) / scale;
}

Int128 random_below_bits(std::mt19937_64& rng, int bits) {
  if (bits <= 0) return 0;
  UInt128 v = (static_cast<UInt128>(rng()) << 64) | rng();
  if (bits < 128) v &= (UInt128{1} << bits) - 1;
  return static_cast<Int128>(v >> 1);
}

TEST(GuardedArithmetic, ProductsMatchTheWideQuotient) {
  std::mt19937_64 rng(20261201);
  int checked = 0;
  for (int precision = 0; precision <= 18; ++precision) {
    for (int guard : {0, 1, 9, 12}) {
      if (precision + guard > 30) continue;
      const int digits = precision + guard;
      const GuardedArithmetic arithmetic(precision, guard, 0);
      Int128 scale = 1;
      for (int i = 0; i < digits; ++i) scale *= 10;
      std::vector<Int128> edges = {0,
                                   1,
                                   2,
                                   scale - 1,
                                   scale,
                                   scale + 1,
                                   scale / 2,
                                   scale * 3 - 1,
                                   Int128{1} << 63,
                                   (Int128{1} << 64) - 1,
                                   Int128{1} << 64};
      auto check = [&](Int128 a, Int128 b) {
        const Int256 expected = reference(a, b, digits);
        // Only results that fit 128 bits are a count's values.
        if (expected > widen(~static_cast<Int128>(0) & ~(static_cast<Int128>(1) << 127)) ||
            expected < -widen(~static_cast<Int128>(0) & ~(static_cast<Int128>(1) << 127))) {
          return;
        }
        ASSERT_EQ(widen(arithmetic.multiply(a, b)), expected)
            << "digits " << digits << ": " << widen(a) << " x " << widen(b);
        ++checked;
      };
      for (Int128 a : edges) {
        for (Int128 b : edges) {
          check(a, b);
          check(-a, b);
          check(a, -b);
        }
      }
      for (int trial = 0; trial < 2000; ++trial) {
        const int bits_a = static_cast<int>(rng() % 127) + 1;
        const int bits_b = static_cast<int>(rng() % 127) + 1;
        check(random_below_bits(rng, bits_a), random_below_bits(rng, bits_b));
      }
    }
  }
  // Most random pairs overflow 128 bits at few digits; the rest must be many.
  EXPECT_GT(checked, 50'000);
}

// A ballot's kept and passed parts come from one product: each must equal its own truncated
// product, weight × keep and weight × (1 − keep), for every weight and keep factor a count holds
// (and, for keep factors past 1, still equal the two products).
TEST(GuardedArithmetic, SplitEqualsBothTruncatedProducts) {
  std::mt19937_64 rng(7);
  for (int guard : {0, 3, 9}) {
    const GuardedArithmetic arithmetic(18, guard, 9);
    const Int128 one = arithmetic.whole(1);
    int inexact = 0;
    for (int trial = 0; trial < 20'000; ++trial) {
      const Int128 weight =
          random_below_bits(rng, 1 + static_cast<int>(rng() % 100)) % (one * 1000);
      Int128 keep = random_below_bits(rng, 100) % (one + 1);
      if (trial % 10 == 0) keep = one + static_cast<Int128>(rng() % 1000);
      if (trial % 10 == 1) keep = trial % 20 == 1 ? 0 : one;
      const auto [kept, passed] = arithmetic.split(weight, keep);
      ASSERT_EQ(widen(kept), widen(arithmetic.multiply(weight, keep)));
      ASSERT_EQ(widen(passed), widen(arithmetic.multiply(weight, one - keep)))
          << widen(weight) << " x (1 - " << widen(keep) << ")";
      inexact += widen(kept) + widen(passed) != widen(weight);
    }
    // Most products are truncated: the unit taken off the passed part is tested.
    EXPECT_GT(inexact, 10'000);
  }
}

TEST(FixedArithmetic, SplitEqualsBothTruncatedProducts) {
  std::mt19937_64 rng(9);
  const FixedArithmetic arithmetic(5, 5);
  const std::int64_t one = arithmetic.whole(1);
  for (int trial = 0; trial < 20'000; ++trial) {
    const auto weight = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(one * 1000));
    const auto keep = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(one + 1));
    const auto [kept, passed] = arithmetic.split(weight, keep);
    ASSERT_EQ(kept, arithmetic.multiply(weight, keep));
    ASSERT_EQ(passed, arithmetic.multiply(weight, one - keep))
        << weight << " x (1 - " << keep << ")";
  }
}

}  // namespace
}  // namespace participa::tally::stv
