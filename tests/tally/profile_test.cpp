#include "participa/tally/profile_builder.hpp"

#include "gtest/gtest.h"
#include "participa/core/strings.hpp"
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
  ProfileBuilder builder = ProfileBuilder::create(kABC, BallotKind::kRanked).value();
  Candidate first[] = {2, 1, 0};
  std::int32_t levels_a[] = {5, 5, 9};
  Candidate second[] = {1, 2, 0};
  std::int32_t levels_b[] = {0, 0, 1};
  ASSERT_TRUE(builder.add({first, levels_a}).ok());
  ASSERT_TRUE(builder.add({second, levels_b}).ok());
  const Profile p = builder.build();
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
  ProfileBuilder in_batch = ProfileBuilder::create({"x", "y", "z"}, BallotKind::kRanked).value();
  ASSERT_TRUE(in_batch.add_batch(ballots, counts).ok());
  ProfileBuilder one_by_one = ProfileBuilder::create({"x", "y", "z"}, BallotKind::kRanked).value();
  for (std::size_t i = 0; i < 4; ++i) ASSERT_TRUE(one_by_one.add(ballots[i], counts[i]).ok());
  const Profile batch = in_batch.build();
  EXPECT_EQ(batch, one_by_one.build());
  EXPECT_EQ(batch.total_weight(), 6u);
  EXPECT_EQ(batch.num_distinct(), 2u);
}

TEST(Profile, AddBatchChecksEveryBallotBeforeAddingAny) {
  ProfileBuilder p = ProfileBuilder::create({"x", "y"}, BallotKind::kApproval).value();
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

// Results and records carry profile digests, and audits recompute them: the encoding and the
// canonical order must never change. These values were computed by the first implementation
// (a comparison sort of the ballots by content hash) before its canonical order was rewritten
// as a bucket sort; profiles of 20,000 generated ballots of each kind, equal ranks included.
TEST(Profile, DigestsOfFixedProfilesNeverChange) {
  std::uint64_t state = 12345;
  auto next = [&](std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  };
  auto generated = [&](BallotKind kind, bool strict = false) {
    std::vector<std::string> names;
    for (int c = 0; c < 12; ++c) names.push_back(str_cat("c", c));
    ProfileBuilder p = ProfileBuilder::create(names, kind).value();
    for (int b = 0; b < 20'000; ++b) {
      std::vector<Candidate> marks;
      std::vector<std::int32_t> values;
      std::vector<bool> used(12, false);
      const auto length = 1 + next(6);
      for (std::uint64_t m = 0; m < length; ++m) {
        const auto c = static_cast<Candidate>(next(12));
        if (used[c]) continue;
        used[c] = true;
        marks.push_back(c);
        if (kind == BallotKind::kRanked && !strict)
          values.push_back(static_cast<std::int32_t>(marks.size() / 2));
        if (kind == BallotKind::kScore) values.push_back(static_cast<std::int32_t>(next(10)));
      }
      EXPECT_THAT(p.add(BallotView{marks, values}, 1 + next(3)), participa::testing::IsOk());
    }
    return p.build();
  };
  EXPECT_EQ(generated(BallotKind::kRanked).digest().hex(),
            "99556f368e5a8544edade441fda4012fd2a622e79b6cb8524609a4184632f1c0");
  // Strict rankings, stored without levels since; their digest was pinned by the code that
  // stored them, drawn from the first seed.
  const std::uint64_t after_ranked = state;
  state = 12345;
  const Profile strict = generated(BallotKind::kRanked, /*strict=*/true);
  EXPECT_TRUE(strict.values().empty());
  EXPECT_EQ(strict.digest().hex(),
            "433ae5d0b93ca54307bfae97aee6f16402444003a44a2f53ba5353626db3b99e");
  state = after_ranked;
  EXPECT_EQ(generated(BallotKind::kScore).digest().hex(),
            "7b7c29b4b5c845f5c82646f76bf18f77a8b189ee36f3920e8a3e9ac65f05da9e");
  EXPECT_EQ(generated(BallotKind::kApproval).digest().hex(),
            "12cdb774b151dd2a7ba07754786f9df3a5fdafe85a8e3973906f18956ad074c4");
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

TEST(ProfileBuilder, StoresLevelsOnlyFromTheFirstBallotWithEqualRanks) {
  const Profile strict = ranked(kABC, {{2, "A>B>C"}, {1, "C>A"}});
  EXPECT_FALSE(strict.has_equal_ranks());
  EXPECT_TRUE(strict.values().empty());
  EXPECT_EQ(strict.num_marks(), 5u);
  // The first tie stores every earlier ballot's levels (its positions) as well.
  const Profile tied = ranked(kABC, {{2, "A>B>C"}, {1, "C>A"}, {1, "B=C>A"}});
  EXPECT_TRUE(tied.has_equal_ranks());
  EXPECT_EQ(std::vector<std::int32_t>(tied.values().begin(), tied.values().end()),
            (std::vector<std::int32_t>{0, 1, 2, 0, 1, 0, 0, 1}));
  // A strict ballot and its written-out levels are one ballot, whichever side stores them.
  const Profile one_tie = ranked(kABC, {{1, "B=C>A"}});
  EXPECT_EQ(strict + one_tie, tied);
  EXPECT_EQ(one_tie + strict, tied);
  EXPECT_EQ((one_tie + strict).digest(), tied.digest());
  const Profile again = tied + strict;
  EXPECT_EQ(again.num_distinct(), 3u);
  EXPECT_EQ(again.total_weight(), 7u);
}

TEST(ProfileBuilder, GoesOnFromABuiltProfileAndFindsItsBallots) {
  const Profile a = ranked(kABC, {{1, "C>A"}, {2, "B"}});
  ProfileBuilder more(a);
  Candidate c_then_a[] = {2, 0};
  ASSERT_TRUE(more.add(c_then_a, 3).ok());
  const Profile b = more.build();
  EXPECT_EQ(b.num_distinct(), 2u);
  EXPECT_EQ(b, ranked(kABC, {{4, "C>A"}, {2, "B"}}));
  // The profile it went on from is a value of its own, untouched.
  EXPECT_EQ(a, ranked(kABC, {{1, "C>A"}, {2, "B"}}));
}

TEST(ProfileBuilder, BuildHandsOverTheBallotsAndStartsOverEmpty) {
  ProfileBuilder builder = ProfileBuilder::create(kABC, BallotKind::kApproval).value();
  Candidate a_and_c[] = {0, 2};
  ASSERT_TRUE(builder.add(a_and_c, 2).ok());
  const Profile first = builder.build();
  EXPECT_EQ(first.total_weight(), 2u);
  EXPECT_EQ(builder.total_weight(), 0u);
  Candidate b[] = {1};
  ASSERT_TRUE(builder.add(b).ok());
  const Profile second = builder.build();
  EXPECT_EQ(second, approvals(kABC, {{1, "B"}}));
  EXPECT_EQ(second.candidates(), first.candidates());
  // A copy shares its digest; a profile built later has its own.
  const Profile copy = first;
  EXPECT_EQ(copy.digest(), first.digest());
  EXPECT_NE(second.digest(), first.digest());
}

TEST(ProfileBuilder, MergeRefusesOtherCandidatesAndAdoptsThemWhenItHasNone) {
  ProfileBuilder builder = ProfileBuilder::create(kABC, BallotKind::kRanked).value();
  const Profile other = ranked({"A", "B", "D"}, {{1, "D"}});
  EXPECT_THAT(builder.merge(other),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("other candidates")));
  EXPECT_EQ(builder.total_weight(), 0u);
  ProfileBuilder from_nothing{Profile()};
  ASSERT_TRUE(from_nothing.merge(other).ok());
  ASSERT_TRUE(from_nothing.merge(other).ok());
  EXPECT_EQ(from_nothing.build(), ranked({"A", "B", "D"}, {{2, "D"}}));
}

}  // namespace
}  // namespace participa::tally
