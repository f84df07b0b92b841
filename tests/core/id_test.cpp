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

TEST(Id, OrderIsTheOrderOfTheBytes) {
  // std::array compares lexicographically: an independent statement of the order that maps,
  // snapshots and sorted lists of ids rely on.
  Rng rng(3);
  std::vector<ProposalId> ids;
  for (int i = 0; i < 500; ++i) ids.push_back(ProposalId::random(rng));
  for (const char* text :
       {"00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000100",
        "00000000-0000-0000-0100-000000000000", "00000000-0000-0001-0000-000000000000",
        "ff000000-0000-0000-0000-000000000000", "00000000-0000-0000-8000-000000000000"}) {
    ids.push_back(*ProposalId::parse(text));
  }
  for (const ProposalId& a : ids) {
    for (const ProposalId& b : ids) {
      ASSERT_EQ(a < b, a.bytes() < b.bytes()) << a.to_string() << " " << b.to_string();
      ASSERT_EQ(a == b, a.bytes() == b.bytes());
    }
  }
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
