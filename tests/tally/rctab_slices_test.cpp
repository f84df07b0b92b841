// RCTab's reports by precinct and batch (tally::rctab::Slice): hand-counted contests, and the
// sums a partition of the records must give back.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "participa/tally/rctab.hpp"

namespace participa::tally::rctab {
namespace {

Rational votes_of(const Round& round, Candidate c) {
  for (const auto& [candidate, votes] : round.tally) {
    if (candidate == c) return votes;
  }
  return Rational(0);
}

// A, B, C. Precinct P1: A>B ×3, C>B ×1. Precinct P2: B ×2, C>A ×3 (9 ballots, majority 5).
// Round 1: A 3, B 2, C 4; B is eliminated and its two ballots, both in P2, exhaust.
// Round 2: A 3, C 4 of 7 active; C reaches the threshold of 4 and wins.
TEST(RctabSlices, EachPrecinctCountsItsOwnRecordsUnderTheContestsDecisions) {
  Records records({"A", "B", "C"}, {}, false);
  ASSERT_TRUE(records.add({{1, {0}}, {2, {1}}}, 3, {"P1", "morning"}).ok());
  ASSERT_TRUE(records.add({{1, {2}}, {2, {1}}}, 1, {"P1", "evening"}).ok());
  ASSERT_TRUE(records.add({{1, {1}}}, 2, {"P2", "morning"}).ok());
  ASSERT_TRUE(records.add({{1, {2}}, {2, {0}}}, 3, {"P2", "evening"}).ok());
  Rules rules;
  rules.by_precinct = true;
  auto report = tabulate(records, rules);
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->winners, std::vector<Candidate>{2});
  ASSERT_EQ(report->slices.size(), 2u);
  const Slice& p1 = report->slices[0];
  const Slice& p2 = report->slices[1];
  EXPECT_EQ(p1.name, "P1");
  EXPECT_FALSE(p1.batch);
  EXPECT_EQ(p1.total_ballots, 4);
  EXPECT_EQ(p2.total_ballots, 5);
  ASSERT_EQ(p1.rounds.size(), 2u);
  EXPECT_EQ(votes_of(p1.rounds[0], 0), 3);
  EXPECT_EQ(votes_of(p1.rounds[0], 1), 0);
  EXPECT_EQ(votes_of(p1.rounds[0], 2), 1);
  EXPECT_EQ(votes_of(p2.rounds[0], 1), 2);
  EXPECT_EQ(votes_of(p2.rounds[0], 2), 3);
  EXPECT_EQ(votes_of(p1.rounds[1], 0), 3);
  EXPECT_EQ(votes_of(p1.rounds[1], 2), 1);
  EXPECT_EQ(votes_of(p2.rounds[1], 0), 0);
  EXPECT_EQ(votes_of(p2.rounds[1], 2), 3);
  EXPECT_EQ(p2.rounds[1].inactive[static_cast<int>(Inactive::kExhaustedChoices)], 2);
  EXPECT_EQ(p1.rounds[1].inactive[static_cast<int>(Inactive::kExhaustedChoices)], 0);
  // The contest's decisions, with the transfers each slice saw: B's two ballots left from P2.
  ASSERT_EQ(p2.rounds[0].actions.size(), 1u);
  EXPECT_FALSE(p2.rounds[0].actions[0].elected);
  EXPECT_EQ(p2.rounds[0].actions[0].candidate, 1u);
  ASSERT_EQ(p2.rounds[0].actions[0].transfers.size(), 1u);
  EXPECT_EQ(p2.rounds[0].actions[0].transfers[0].first.kind, Target::kExhausted);
  EXPECT_EQ(p2.rounds[0].actions[0].transfers[0].second, 2);
  EXPECT_TRUE(p1.rounds[0].actions[0].transfers.empty());
  EXPECT_TRUE(p1.rounds[1].actions[0].elected);
  // The whole contest is unchanged by reporting slices.
  Rules plain;
  auto whole = tabulate(records, plain);
  ASSERT_TRUE(whole.ok());
  EXPECT_TRUE(whole->slices.empty());
  ASSERT_EQ(whole->rounds.size(), report->rounds.size());
  for (std::size_t r = 0; r < whole->rounds.size(); ++r) {
    EXPECT_EQ(whole->rounds[r].tally, report->rounds[r].tally);
  }
}

TEST(RctabSlices, BatchesAndPrecinctsTogetherAndRecordsNamingNone) {
  Records records({"A", "B"}, {}, false);
  ASSERT_TRUE(records.add({{1, {0}}}, 2, {"P1", "b1"}).ok());
  ASSERT_TRUE(records.add({{1, {0}}}, 1, {"", "b2"}).ok());
  ASSERT_TRUE(records.add({{1, {1}}}, 2, {"P1", ""}).ok());
  // The same ranking from another precinct stays a record of its own.
  EXPECT_EQ(records.num_distinct(), 3u);
  Rules rules;
  rules.by_precinct = true;
  rules.by_batch = true;
  auto report = tabulate(records, rules);
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->slices.size(), 5u);  // P1, ""; b1, b2, ""
  std::vector<std::pair<bool, std::string>> seen;
  for (const Slice& s : report->slices) seen.emplace_back(s.batch, s.name);
  EXPECT_EQ(seen, (std::vector<std::pair<bool, std::string>>{
                      {false, "P1"}, {false, ""}, {true, "b1"}, {true, "b2"}, {true, ""}}));
  EXPECT_EQ(report->slices[0].total_ballots, 4);
  EXPECT_EQ(report->slices[1].total_ballots, 1);
  EXPECT_EQ(votes_of(report->slices[2].rounds[0], 0), 2);
  EXPECT_EQ(votes_of(report->slices[3].rounds[0], 0), 1);
  EXPECT_EQ(votes_of(report->slices[4].rounds[0], 1), 2);
}

// A count reported by neither precinct nor batch merges identical rankings whatever their origin.
TEST(RctabSlices, RecordsForgetOriginsNobodyReportsBy) {
  Records records({"A", "B"}, {}, false);
  records.keep_origins(/*precinct=*/false, /*batch=*/true);
  ASSERT_TRUE(records.add({{1, {0}}}, 1, {"P1", "b1"}).ok());
  ASSERT_TRUE(records.add({{1, {0}}}, 1, {"P2", "b1"}).ok());
  ASSERT_TRUE(records.add({{1, {0}}}, 1, {"P2", "b2"}).ok());
  EXPECT_EQ(records.num_distinct(), 2u);
  EXPECT_EQ(records.precincts(), std::vector<std::string>{""});
  EXPECT_EQ(records.batches(), (std::vector<std::string>{"b1", "b2"}));
  EXPECT_EQ(records.arrivals().size(), 3u);
}

}  // namespace
}  // namespace participa::tally::rctab
