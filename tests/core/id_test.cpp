#include "participa/core/id.hpp"

#include <type_traits>

#include "absl/container/flat_hash_set.h"
#include "gtest/gtest.h"
#include "status_matchers.hpp"

namespace participa {
namespace {

using ProposalId = Id<struct ProposalTag>;
using SpaceId = Id<struct SpaceTag>;
using ::participa::testing::StatusIs;

static_assert(!std::is_convertible_v<ProposalId, SpaceId>, "ids of different tags must not mix");
static_assert(!std::is_constructible_v<SpaceId, ProposalId>);

TEST(Id, RandomIdsAreVersion4AndReproducibleFromTheSeed) {
  Rng a(11), b(11);
  ProposalId x = ProposalId::random(a);
  EXPECT_EQ(x, ProposalId::random(b));
  EXPECT_EQ(x.bytes()[6] >> 4, 4);
  EXPECT_EQ(x.bytes()[8] & 0xC0, 0x80);
  EXPECT_NE(ProposalId::random(a), x);
}

TEST(Id, NameBasedIdsAreVersion5AndStable) {
  auto x = ProposalId::from_name("decidim:42");
  EXPECT_EQ(x, ProposalId::from_name("decidim:42"));
  EXPECT_NE(x, ProposalId::from_name("decidim:43"));
  EXPECT_EQ(x.bytes()[6] >> 4, 5);
}

TEST(Id, TextRoundTripOrderingAndHashing) {
  Rng rng(1);
  ProposalId x = ProposalId::random(rng);
  auto parsed = ProposalId::parse(x.to_string());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, x);
  EXPECT_EQ(x.to_string().size(), 36u);
  EXPECT_TRUE(ProposalId().is_nil());
  EXPECT_LT(ProposalId(), x);
  absl::flat_hash_set<ProposalId> set = {x, *parsed};
  EXPECT_EQ(set.size(), 1u);
}

TEST(Id, ParseRejectsMalformedText) {
  for (const char* bad :
       {"", "not-a-uuid", "123e4567-e89b-12d3-a456-42661417400",
        "123e4567e89b-12d3-a456-4266141740000", "123e4567-e89b-12d3-a456-42661417400g"}) {
    EXPECT_THAT(ProposalId::parse(bad),
                StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("UUID")))
        << bad;
  }
}

}  // namespace
}  // namespace participa
