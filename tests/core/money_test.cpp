#include "participa/core/money.hpp"

#include <limits>

#include "gtest/gtest.h"
#include "status_matchers.hpp"

namespace participa {
namespace {

using ::participa::testing::StatusIs;

TEST(Money, AddsMinorUnitsExactly) {
  auto sum = Money::from_minor(1'000'000, "EUR").add(Money::from_minor(250, "EUR"));
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum->minor_units(), 1'000'250);
  EXPECT_EQ(sum->currency(), "EUR");
}

TEST(Money, RefusesMixedCurrenciesAndOverflow) {
  EXPECT_THAT(Money::from_minor(1, "EUR").add(Money::from_minor(1, "PLN")),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("PLN")));
  EXPECT_THAT(Money::from_minor(std::numeric_limits<std::int64_t>::max(), "EUR")
                  .add(Money::from_minor(1, "EUR")),
              StatusIs(absl::StatusCode::kOutOfRange, ::testing::HasSubstr("overflow")));
}

}  // namespace
}  // namespace participa
