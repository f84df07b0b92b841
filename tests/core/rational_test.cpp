#include "participa/core/rational.hpp"

#include "gtest/gtest.h"
#include "status_matchers.hpp"

namespace participa {
namespace {

using ::participa::testing::StatusIs;

TEST(Rational, TextIsLowestTerms) {
  EXPECT_EQ(to_string(Rational(6, 4)), "3/2");
  EXPECT_EQ(to_string(Rational(-4, 2)), "-2");
  EXPECT_EQ(to_string(Rational(0)), "0");
}

TEST(Rational, ParseRoundTrips) {
  for (const char* text : {"3/2", "-7", "0", "123456789012345678901234567891/2"}) {
    auto r = parse_rational(text);
    ASSERT_TRUE(r.ok()) << text;
    EXPECT_EQ(to_string(*r), text);
  }
  EXPECT_EQ(*parse_rational("4/6"), Rational(2, 3));
}

TEST(Rational, ParseRejectsMalformedText) {
  for (const char* bad : {"", "1/", "/2", "a", "1.5", "1/-2", "--1"}) {
    EXPECT_THAT(parse_rational(bad),
                StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("rational")))
        << bad;
  }
  EXPECT_THAT(parse_rational("1/0"),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("zero")));
}

}  // namespace
}  // namespace participa

namespace participa {
namespace {

TEST(Rational, LeadingZerosAreDecimalNotOctal) {
  EXPECT_EQ(*parse_rational("010"), Rational(10));
  EXPECT_EQ(*parse_rational("0008/10"), Rational(4, 5));
  EXPECT_EQ(*parse_decimal_text("0.0008"), Rational(1, 1250));
  EXPECT_EQ(*parse_decimal_text("-3.90"), Rational(-39, 10));
  EXPECT_EQ(*parse_decimal_text("12"), Rational(12));
  for (const char* bad : {".5", "1.", "1.2.3", "0x10", "-", "1e5"}) {
    EXPECT_FALSE(parse_decimal_text(bad).ok()) << bad;
  }
}

// Parts below 2^53 take one IEEE division, which rounds correctly; larger parts take the
// general conversion, which must not overflow when both parts are beyond a double's range.
TEST(Rational, FractionsAndSmallWholeNumbers) {
  EXPECT_EQ(fraction(6, 4), Rational(3, 2));
  EXPECT_EQ(fraction(0, 7), Rational(0));
  EXPECT_EQ(fraction(~std::uint64_t{0}, 3), Rational(BigInt(~std::uint64_t{0}), 3));
  EXPECT_TRUE(is_small_whole(Rational(-12)));
  EXPECT_EQ(small_whole_value(Rational(-12)), -12);
  EXPECT_TRUE(is_small_whole(Rational(0)));
  EXPECT_FALSE(is_small_whole(Rational(1, 2)));
  EXPECT_FALSE(is_small_whole(Rational(BigInt(1) << 40)));
  EXPECT_TRUE(is_small_whole(Rational((BigInt(1) << 40) - 1)));
}

TEST(Rational, ToDoubleIsTheNearestDouble) {
  EXPECT_EQ(to_double(Rational(1, 3)), 1.0 / 3.0);
  EXPECT_EQ(to_double(Rational(-7, 2)), -3.5);
  EXPECT_EQ(to_double(Rational(0)), 0.0);
  EXPECT_EQ(to_double(*parse_decimal_text("1234567.89")), 1234567.89);
  const BigInt big = BigInt(1) << 1100;
  EXPECT_EQ(to_double(Rational(big, big * 3 + 1)), 1.0 / 3.0);
  EXPECT_EQ(to_double(Rational(BigInt(1) << 60, 1)), 1152921504606846976.0);
}

}  // namespace
}  // namespace participa

namespace participa {
namespace {

TEST(Rational, DecimalTextIsExactOrAbsent) {
  EXPECT_EQ(to_decimal_text(Rational(12)), "12");
  EXPECT_EQ(to_decimal_text(Rational(39, 10)), "3.9");
  EXPECT_EQ(to_decimal_text(Rational(-8, 10000)), "-0.0008");
  EXPECT_EQ(to_decimal_text(Rational(1, 8)), "0.125");
  EXPECT_EQ(to_decimal_text(Rational(-7, 4)), "-1.75");
  EXPECT_EQ(to_decimal_text(Rational(0)), "0");
  EXPECT_EQ(to_decimal_text(Rational(1, 3)), std::nullopt);
  EXPECT_EQ(to_decimal_text(Rational(7, 30)), std::nullopt);
  for (const char* text : {"1040337", "0.5", "-2.25", "100.01", "0.00001"}) {
    auto value = parse_decimal_text(text);
    ASSERT_TRUE(value.ok());
    EXPECT_EQ(to_decimal_text(*value), text);
  }
}

}  // namespace
}  // namespace participa
