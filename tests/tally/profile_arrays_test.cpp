#include "participa/tally/profile_arrays.hpp"
#include "participa/tally/profile_builder.hpp"

#include <cmath>
#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "status_matchers.hpp"

namespace participa::tally {
namespace {

using ::participa::testing::StatusIs;
using ::testing::HasSubstr;

std::vector<std::string> abc() { return {"a", "b", "c"}; }

// The same ballots added one by one: the definition the array builders must agree with.
Profile by_hand(
    BallotKind kind,
    const std::vector<std::pair<std::vector<Candidate>, std::vector<std::int32_t>>>& ballots) {
  ProfileBuilder p = ProfileBuilder::create(abc(), kind).value();
  for (const auto& [c, v] : ballots) EXPECT_TRUE(p.add({c, v}).ok());
  return p.build();
}

TEST(ApprovalMatrix, RowsAreBallotsAndNonZeroIsApproval) {
  const std::uint8_t m[] = {1, 0, 1,  //
                            0, 0, 0,  //
                            0, 7, 0,  //
                            1, 0, 1};
  auto p = approval_profile_from_matrix(abc(), m, 4);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p, by_hand(BallotKind::kApproval, {{{0, 2}, {}}, {{}, {}}, {{1}, {}}, {{2, 0}, {}}}));
  EXPECT_EQ(p->num_distinct(), 3u);
  EXPECT_EQ(p->total_weight(), 4u);
}

TEST(ApprovalMatrix, WeightsCountRows) {
  const std::uint8_t m[] = {1, 0, 0, 0, 1, 0};
  const std::uint64_t w[] = {5, 2};
  auto p = approval_profile_from_matrix(abc(), m, 2, w);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->total_weight(), 7u);
  const std::uint64_t too_few[] = {5};
  EXPECT_THAT(approval_profile_from_matrix(abc(), m, 2, too_few).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("1 weights for 2 ballots")));
}

TEST(ApprovalMatrix, RefusesAShapeThatDoesNotFit) {
  const std::uint8_t m[] = {1, 0, 0, 0, 1};
  EXPECT_THAT(approval_profile_from_matrix(abc(), m, 2).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("5 entries is not 2 rows")));
}

TEST(ApprovalCsr, ReadsOffsetsAndIndices) {
  const std::uint64_t offsets[] = {0, 2, 2, 3};
  const std::int64_t indices[] = {2, 0, 1};
  auto p = approval_profile_from_csr(abc(), offsets, indices);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p, by_hand(BallotKind::kApproval, {{{0, 2}, {}}, {{}, {}}, {{1}, {}}}));
}

TEST(ApprovalCsr, RefusesBadOffsetsAndIndices) {
  const std::int64_t indices[] = {2, 0, 1};
  const std::uint64_t short_end[] = {0, 2};
  EXPECT_THAT(approval_profile_from_csr(abc(), short_end, indices).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("must start at 0")));
  const std::uint64_t decreasing[] = {0, 2, 1, 3};
  EXPECT_THAT(approval_profile_from_csr(abc(), decreasing, indices).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("decrease at row 1")));
  const std::uint64_t offsets[] = {0, 3};
  const std::int64_t unknown[] = {0, 3, 1};
  EXPECT_THAT(approval_profile_from_csr(abc(), offsets, unknown).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("row 0: candidate index 3")));
  const std::int64_t twice[] = {0, 1, 0};
  EXPECT_THAT(
      approval_profile_from_csr(abc(), offsets, twice).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("row 0: a ballot marks 'a' twice")));
}

TEST(RankingMatrix, BlanksAreSkipped) {
  const std::int32_t m[] = {2,  0, -1,  //
                            -1, 1, 0,   //
                            2,  0, 1};
  auto p = ranked_profile_from_matrix(abc(), m, 3);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p, by_hand(BallotKind::kRanked, {{{2, 0}, {}}, {{1, 0}, {}}, {{2, 0, 1}, {}}}));
  EXPECT_FALSE(p->has_equal_ranks());
}

TEST(RankingMatrix, RowsMayBeShorterThanTheCandidates) {
  const std::int32_t m[] = {1, 2, 2, -1};
  auto p = ranked_profile_from_matrix(abc(), m, 2);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, by_hand(BallotKind::kRanked, {{{1, 2}, {}}, {{2}, {}}}));
}

TEST(RankingMatrix, RefusesUnknownCandidatesAndRepeats) {
  const std::int32_t unknown[] = {0, -2, 1, 3};
  EXPECT_THAT(ranked_profile_from_matrix(abc(), unknown, 2).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("row 0, column 1: -2")));
  const std::int32_t repeated[] = {0, 1, 1, 1};
  EXPECT_THAT(
      ranked_profile_from_matrix(abc(), repeated, 2).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("row 1: a ballot marks 'b' twice")));
  const std::int32_t ragged[] = {0, 1, 2};
  EXPECT_THAT(ranked_profile_from_matrix(abc(), ragged, 2).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not 2 rows")));
}

TEST(ScoreMatrix, IntegerEntriesAreAllScores) {
  const std::int32_t m[] = {3, 0, 5, 1, 1, 1};
  auto p = score_profile_from_matrix(abc(), m, 2, BallotKind::kScore);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p, by_hand(BallotKind::kScore, {{{0, 1, 2}, {3, 0, 5}}, {{0, 1, 2}, {1, 1, 1}}}));
}

TEST(ScoreMatrix, NanIsNotScored) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double m[] = {3, nan, 5, nan, nan, 2};
  auto p = score_profile_from_matrix(abc(), m, 2, BallotKind::kCumulative);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p, by_hand(BallotKind::kCumulative, {{{0, 2}, {3, 5}}, {{2}, {2}}}));
}

TEST(ScoreMatrix, RefusesFractionsHugeValuesAndOtherKinds) {
  const double half[] = {0.5, 1, 1};
  EXPECT_THAT(score_profile_from_matrix(abc(), half, 1, BallotKind::kScore).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("column 0: score 0.5")));
  const double huge[] = {1, 1e10, 1};
  EXPECT_THAT(score_profile_from_matrix(abc(), huge, 1, BallotKind::kScore).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("fits 32 bits")));
  const double inf[] = {1, 1, std::numeric_limits<double>::infinity()};
  EXPECT_THAT(score_profile_from_matrix(abc(), inf, 1, BallotKind::kScore).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("column 2")));
  const std::int32_t ints[] = {1, 1, 1};
  EXPECT_THAT(score_profile_from_matrix(abc(), ints, 1, BallotKind::kRanked).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not ranked")));
}

TEST(WideEntries, AgreeWithNarrowOnesAndRefuseWhatDoesNotFit) {
  const std::int64_t wide[] = {2, 0, -1, 1, 2, 0};
  const std::int32_t narrow[] = {2, 0, -1, 1, 2, 0};
  EXPECT_EQ(ranked_profile_from_matrix(abc(), wide, 2).value(),
            ranked_profile_from_matrix(abc(), narrow, 2).value());
  const std::int64_t beyond[] = {0, std::int64_t{1} << 32, 1};
  EXPECT_THAT(ranked_profile_from_matrix(abc(), beyond, 1).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("column 1: 4294967296")));
  const std::int64_t scores[] = {1, 2, 3};
  const std::int32_t same[] = {1, 2, 3};
  EXPECT_EQ(score_profile_from_matrix(abc(), scores, 1, BallotKind::kScore).value(),
            score_profile_from_matrix(abc(), same, 1, BallotKind::kScore).value());
  const std::int64_t huge[] = {1, std::int64_t{1} << 40, 3};
  EXPECT_THAT(score_profile_from_matrix(abc(), huge, 1, BallotKind::kScore).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("does not fit 32 bits")));
}

// Large enough for the builders' second thread; rows drawn so that many repeat.
std::vector<std::int32_t> random_rankings(std::size_t rows, std::size_t cols) {
  std::vector<std::int32_t> m(rows * cols, -1);
  std::uint64_t x = 88172645463325252ull;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      const auto candidate = static_cast<std::int32_t>(x % 6);
      bool repeated = false;
      for (std::size_t k = 0; k < c; ++k) repeated |= m[r * cols + k] == candidate;
      if (!repeated) m[r * cols + c] = candidate;
    }
  }
  return m;
}

TEST(LargeInputs, BuildTheSameProfileAsAddingRowsInOrder) {
  const std::size_t rows = 100'000, cols = 4;
  const auto m = random_rankings(rows, cols);
  std::vector<std::uint64_t> weights(rows);
  for (std::size_t r = 0; r < rows; ++r) weights[r] = r % 3;
  std::vector<std::string> six = {"a", "b", "c", "d", "e", "f"};
  auto built = ranked_profile_from_matrix(six, m, rows, weights);
  ASSERT_TRUE(built.ok()) << built.status();
  ProfileBuilder adding = ProfileBuilder::create(six, BallotKind::kRanked).value();
  for (std::size_t r = 0; r < rows; ++r) {
    std::vector<Candidate> ballot;
    for (std::size_t c = 0; c < cols; ++c) {
      if (m[r * cols + c] >= 0) ballot.push_back(static_cast<Candidate>(m[r * cols + c]));
    }
    ASSERT_TRUE(adding.add(ballot, weights[r]).ok());
  }
  const Profile by_add = adding.build();
  EXPECT_EQ(*built, by_add);
  EXPECT_EQ(built->digest(), by_add.digest());
  // Distinct ballots in first-appearance order, as add() keeps them.
  for (std::size_t i = 0; i < by_add.num_distinct(); ++i) {
    auto a = built->ballot(i), b = by_add.ballot(i);
    ASSERT_TRUE(std::equal(a.marks.begin(), a.marks.end(), b.marks.begin(), b.marks.end()));
  }
}

TEST(LargeInputs, NameTheFirstBadRow) {
  const std::size_t rows = 100'000, cols = 4;
  auto m = random_rankings(rows, cols);
  m[77'777 * cols + 1] = 9;
  m[91'000 * cols + 2] = 9;
  EXPECT_THAT(ranked_profile_from_matrix({"a", "b", "c", "d", "e", "f"}, m, rows).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("row 77777, column 1: 9")));
  m[77'777 * cols + 1] = m[77'777 * cols];
  EXPECT_THAT(ranked_profile_from_matrix({"a", "b", "c", "d", "e", "f"}, m, rows).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("row 77777: a ballot marks")));
}

TEST(ArrayBuilders, RefuseBadCandidateLists) {
  const std::uint8_t m[] = {1, 1};
  EXPECT_THAT(approval_profile_from_matrix({"a", "a"}, m, 1).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("listed twice")));
}

}  // namespace
}  // namespace participa::tally
