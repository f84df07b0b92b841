#include "participa/tally/ballot.hpp"

#include "gtest/gtest.h"
#include "status_matchers.hpp"

namespace participa::tally {
namespace {

using ::participa::testing::IsOk;
using ::participa::testing::StatusIs;
using ::testing::HasSubstr;

TEST(Contest, AcceptsValidBallotsOfEveryKind) {
  Contest ranked{.candidates = {"A", "B", "C"}, .kind = BallotKind::kRanked};
  Candidate abc[] = {0, 1, 2};
  std::int32_t tied[] = {0, 0, 1};
  EXPECT_THAT(ranked.validate({abc, tied}, 1), IsOk());
  EXPECT_THAT(ranked.validate({abc, {}}, 1), IsOk());

  Contest score{
      .candidates = {"A", "B"}, .kind = BallotKind::kScore, .min_score = 0, .max_score = 5};
  Candidate ab[] = {0, 1};
  std::int32_t scores[] = {5, 0};
  EXPECT_THAT(score.validate({ab, scores}, 1), IsOk());

  Contest points{.candidates = {"A", "B"}, .kind = BallotKind::kCumulative, .points_budget = 10};
  std::int32_t spent[] = {6, 4};
  EXPECT_THAT(points.validate({ab, spent}, 1), IsOk());
}

TEST(BallotKind, NamesRoundTrip) {
  for (auto k : {BallotKind::kSingleChoice, BallotKind::kApproval, BallotKind::kRanked,
                 BallotKind::kScore, BallotKind::kCumulative}) {
    EXPECT_EQ(*parse_ballot_kind(to_string(k)), k);
  }
  EXPECT_THAT(parse_ballot_kind("stv"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("ballot kind 'stv' is not single-choice")));
}

}  // namespace
}  // namespace participa::tally
