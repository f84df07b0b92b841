#include "participa/core/names.hpp"

#include "gtest/gtest.h"
#include "status_matchers.hpp"

namespace participa {
namespace {

using ::participa::testing::StatusIs;
using ::testing::HasSubstr;

enum class Color { kRed, kDarkBlue, kGreen };
constexpr std::array<Named<Color>, 3> kColorNames = {{
    {Color::kRed, "red"},
    {Color::kDarkBlue, "dark-blue"},
    {Color::kGreen, "green"},
}};

TEST(Names, EveryNameParsesBackToItsValue) {
  for (const auto& entry : kColorNames) {
    EXPECT_EQ(name_of(kColorNames, entry.value), entry.name);
    auto parsed = parse_name(kColorNames, "color", entry.name);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, entry.value);
  }
  EXPECT_EQ(name_of(kColorNames, static_cast<Color>(7)), "unknown");
}

TEST(Names, AnUnknownNameListsTheValidOnes) {
  EXPECT_EQ(valid_names(kColorNames), "red, dark-blue or green");
  EXPECT_THAT(parse_name(kColorNames, "color", "dark_blue").status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("color 'dark_blue' is not red, dark-blue or green")));
  EXPECT_FALSE(parse_name(kColorNames, "color", "").ok());
}

}  // namespace
}  // namespace participa
