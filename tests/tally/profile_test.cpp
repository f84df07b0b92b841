#include "participa/tally/profile.hpp"

#include "gtest/gtest.h"
#include "profiles.hpp"
#include "status_matchers.hpp"

namespace participa::tally {
namespace {

using ::participa::testing::approvals;
using ::participa::testing::ranked;
using ::participa::testing::StatusIs;
using ::testing::HasSubstr;

const std::vector<std::string> kABC = {"A", "B", "C"};

TEST(Profile, StoresEachDistinctBallotOnceWithItsMultiplicity) {
  Profile p = ranked(kABC, {{2, "A>B>C"}, {3, "B>A"}, {4, "A>B>C"}});
  EXPECT_EQ(p.num_distinct(), 2u);
  EXPECT_EQ(p.total_weight(), 9u);
  EXPECT_EQ(p.weight(0), 6u);
  EXPECT_EQ(p.offsets().size(), 3u);
  EXPECT_EQ(p.num_marks(), 5u);
}

TEST(Profile, NormalizesEqualRanksAndApprovalOrder) {
  // Equal ranks written in either order, and any level numbers, are one ballot.
  Profile p = Profile::create(kABC, BallotKind::kRanked).value();
  Candidate first[] = {2, 1, 0};
  std::int32_t levels_a[] = {5, 5, 9};
  Candidate second[] = {1, 2, 0};
  std::int32_t levels_b[] = {0, 0, 1};
  ASSERT_TRUE(p.add({first, levels_a}).ok());
  ASSERT_TRUE(p.add({second, levels_b}).ok());
  EXPECT_EQ(p.num_distinct(), 1u);
  BallotView b = p.ballot(0);
  EXPECT_EQ(std::vector<Candidate>(b.marks.begin(), b.marks.end()),
            (std::vector<Candidate>{1, 2, 0}));
  EXPECT_EQ(std::vector<std::int32_t>(b.values.begin(), b.values.end()),
            (std::vector<std::int32_t>{0, 0, 1}));

  Profile q = approvals(kABC, {{1, "C,A"}, {1, "A,C"}});
  EXPECT_EQ(q.num_distinct(), 1u);
  EXPECT_EQ(q.weight(0), 2u);
}

TEST(Profile, AddBatchEqualsAddingOneByOne) {
  const Candidate a[] = {2, 0}, b[] = {1}, c[] = {0, 2};
  const std::int32_t tied[] = {0, 0};
  const BallotView ballots[] = {{a, {}}, {b, {}}, {a, {}}, {c, tied}};
  const std::uint64_t counts[] = {2, 1, 3, 0};
  Profile batch = Profile::create({"x", "y", "z"}, BallotKind::kRanked).value();
  ASSERT_TRUE(batch.add_batch(ballots, counts).ok());
  Profile one_by_one = Profile::create({"x", "y", "z"}, BallotKind::kRanked).value();
  for (std::size_t i = 0; i < 4; ++i) ASSERT_TRUE(one_by_one.add(ballots[i], counts[i]).ok());
  EXPECT_EQ(batch, one_by_one);
  EXPECT_EQ(batch.total_weight(), 6u);
  EXPECT_EQ(batch.num_distinct(), 2u);
}

TEST(Profile, AddBatchChecksEveryBallotBeforeAddingAny) {
  Profile p = Profile::create({"x", "y"}, BallotKind::kApproval).value();
  const Candidate good[] = {0}, unknown[] = {5};
  const BallotView ballots[] = {{good, {}}, {unknown, {}}};
  const std::uint64_t counts[] = {1, 1};
  EXPECT_THAT(p.add_batch(ballots, counts, /*first_row=*/40),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("row 41: unknown candidate")));
  EXPECT_EQ(p.total_weight(), 0u);
  EXPECT_EQ(p.num_distinct(), 0u);
  const std::uint64_t too_few[] = {1};
  EXPECT_THAT(p.add_batch(ballots, too_few),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("2 ballots but 1 counts")));
  const std::uint64_t overflow[] = {~std::uint64_t{0}, 1};
  const BallotView two_good[] = {{good, {}}, {good, {}}};
  EXPECT_THAT(p.add_batch(two_good, overflow),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("overflow")));
  EXPECT_EQ(p.total_weight(), 0u);
}

TEST(Profile, EqualityAndDigestIgnoreBallotOrder) {
  Profile a = ranked(kABC, {{1, "A>B"}, {2, "C"}, {3, "B=C>A"}});
  Profile b = ranked(kABC, {{3, "C=B>A"}, {2, "C"}, {1, "A>B"}});
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.digest(), b.digest());
  Profile c = ranked(kABC, {{1, "A>B"}, {2, "C"}, {2, "B=C>A"}});
  EXPECT_NE(a, c);
  EXPECT_NE(a.digest(), c.digest());
}

TEST(Profile, MergeIsAssociativeAndCommutativeWithTheDefaultAsIdentity) {
  Profile a = ranked(kABC, {{1, "A>B"}, {2, "C"}});
  Profile b = ranked(kABC, {{5, "C"}, {1, "B>A>C"}});
  Profile c = ranked(kABC, {{7, "A"}});
  EXPECT_EQ((a + b) + c, a + (b + c));
  EXPECT_EQ(a + b, b + a);
  EXPECT_EQ(Profile() + a, a);
  EXPECT_EQ(a + Profile(), a);
  EXPECT_EQ((a + b).total_weight(), 9u);
  EXPECT_EQ((a + b).num_distinct(), 3u);
}

TEST(Profile, MergeRefusesOtherCandidatesAndLeavesStateUnchanged) {
  Profile a = ranked(kABC, {{1, "A>B"}});
  Profile other = ranked({"A", "B", "D"}, {{1, "D"}});
  Profile before = a;
  EXPECT_THAT(a.merge(other),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("other candidates")));
  EXPECT_EQ(a, before);
}

TEST(Profile, CanonicalFormListsBallotsInAnOrderIndependentOfInsertion) {
  Profile a = ranked(kABC, {{1, "C>A"}, {2, "A>B"}, {4, "B"}});
  Profile b = ranked(kABC, {{4, "B"}, {2, "A>B"}, {1, "C>A"}});
  Profile ca = a.canonical(), cb = b.canonical();
  EXPECT_EQ(ca, a);
  ASSERT_EQ(ca.num_distinct(), cb.num_distinct());
  for (std::size_t i = 0; i < ca.num_distinct(); ++i) {
    auto x = ca.ballot(i), y = cb.ballot(i);
    EXPECT_TRUE(std::equal(x.marks.begin(), x.marks.end(), y.marks.begin(), y.marks.end()));
    EXPECT_EQ(ca.weight(i), cb.weight(i));
  }
}

TEST(Profile, CopiesAndMovesKeepTheDedupIndexWorking) {
  Profile a = ranked(kABC, {{1, "C>A"}});
  Profile copy = a;
  Profile moved = std::move(a);
  Candidate c_then_a[] = {2, 0};
  ASSERT_TRUE(copy.add(c_then_a).ok());
  ASSERT_TRUE(moved.add(c_then_a).ok());
  EXPECT_EQ(copy.num_distinct(), 1u);
  EXPECT_EQ(moved.weight(0), 2u);
}

}  // namespace
}  // namespace participa::tally
