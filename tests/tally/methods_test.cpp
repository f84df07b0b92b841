// Counting methods on profiles whose outcome was computed by hand from each rule's definition.
#include <algorithm>

#include "gtest/gtest.h"
#include "participa/core/rng.hpp"
#include "participa/core/strings.hpp"
#include "participa/tally/apportionment.hpp"
#include "participa/tally/cardinal.hpp"
#include "participa/tally/condorcet.hpp"
#include "participa/tally/elimination.hpp"
#include "participa/tally/method.hpp"
#include "participa/tally/positional.hpp"
#include "participa/tally/profile_builder.hpp"
#include "profiles.hpp"
#include "status_matchers.hpp"

namespace participa::tally {
namespace {

using ::participa::testing::approvals;
using ::participa::testing::ranked;
using ::participa::testing::scored;

std::vector<std::string> winners(const absl::StatusOr<Result>& r) {
  EXPECT_TRUE(r.ok()) << r.status();
  if (!r.ok()) return {};
  auto names = r->winner_names();
  std::sort(names.begin(), names.end());
  return names;
}

Rational votes_of(const Round& round, Candidate c) {
  for (const auto& e : round.tally) {
    if (e.candidate == c) return e.votes;
  }
  ADD_FAILURE() << "candidate " << c << " not in the round";
  return Rational(-1);
}

// The "Tennessee capital" electorate: 42 Memphis > Nashville > Chattanooga > Knoxville,
// 26 N > C > K > M, 15 C > K > N > M, 17 K > C > N > M.
const std::vector<std::string> kTN = {"Memphis", "Nashville", "Chattanooga", "Knoxville"};
Profile tennessee() {
  return ranked(kTN, {{42, "Memphis>Nashville>Chattanooga>Knoxville"},
                      {26, "Nashville>Chattanooga>Knoxville>Memphis"},
                      {15, "Chattanooga>Knoxville>Nashville>Memphis"},
                      {17, "Knoxville>Chattanooga>Nashville>Memphis"}});
}

using Strings = std::vector<std::string>;

TEST(Methods, TennesseeWinnersByDefinition) {
  Profile p = tennessee();
  auto registry = MethodRegistry::with_builtins();
  Options options;
  // Plurality: Memphis has the most first choices (42).
  EXPECT_EQ(winners(registry.count("plurality", p, options)), Strings{"Memphis"});
  // IRV: C (15) out, its ballots go to K (32); N (26) out, its ballots reach K: 58.
  EXPECT_EQ(winners(registry.count("irv", p, options)), Strings{"Knoxville"});
  // Two-round: Memphis and Nashville meet; 58 prefer Nashville.
  EXPECT_EQ(winners(registry.count("two-round", p, options)), Strings{"Nashville"});
  // Nashville beats every other city head to head (68-32, 58-42, 68-32 ...).
  for (const char* m :
       {"borda", "dowdall", "coombs", "bucklin", "baldwin", "nanson", "copeland", "minimax",
        "schulze", "ranked-pairs", "split-cycle", "smith-set", "condorcet"}) {
    EXPECT_EQ(winners(registry.count(m, p, options)), Strings{"Nashville"}) << m;
  }
  // Anti-plurality: Memphis is last on 58 ballots, Knoxville on 42; N and C never: a tie.
  EXPECT_EQ(winners(registry.count("anti-plurality", p, options)),
            (Strings{"Chattanooga", "Nashville"}));
}

TEST(Methods, BordaAndDowdallScoresByHand) {
  Profile p = tennessee();
  auto b = borda(p);
  ASSERT_TRUE(b.ok());
  // 3-2-1-0 points: M 42*3; N 26*3+42*2+15+17; C 15*3+26*2+17*2+42; K 17*3+15*2+26.
  EXPECT_EQ(votes_of(b->rounds[0], 0), Rational(126));
  EXPECT_EQ(votes_of(b->rounds[0], 1), Rational(194));
  EXPECT_EQ(votes_of(b->rounds[0], 2), Rational(173));
  EXPECT_EQ(votes_of(b->rounds[0], 3), Rational(107));
  auto d = dowdall(p);
  ASSERT_TRUE(d.ok());
  // Nashville: 26 + 42/2 + 15/3 + 17/3.
  EXPECT_EQ(votes_of(d->rounds[0], 1), Rational(26) + Rational(21) + Rational(32, 3));
}

TEST(Methods, TruncatedBordaGivesLoomioPoints) {
  // With max_rank 3: first choice 3 points, second 2, third 1, unranked 0.
  Profile p = ranked({"A", "B", "C", "D"}, {{1, "A>B"}, {1, "B>C>D"}});
  Options o;
  o.parameters["variant"] = "truncated";
  o.parameters["max_rank"] = "3";
  auto r = borda(p, o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(votes_of(r->rounds[0], 0), Rational(3));
  EXPECT_EQ(votes_of(r->rounds[0], 1), Rational(2 + 3));
  EXPECT_EQ(votes_of(r->rounds[0], 2), Rational(2));
  EXPECT_EQ(votes_of(r->rounds[0], 3), Rational(1));
}

TEST(Methods, EqualRanksShareTheirPositionsPoints) {
  // B and C share positions 1 and 2 of 3: (1 + 0) / 2 each.
  auto r = borda(ranked({"A", "B", "C"}, {{2, "A>B=C"}}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(votes_of(r->rounds[0], 1), Rational(1));
  EXPECT_EQ(votes_of(r->rounds[0], 0), Rational(4));
}

TEST(Methods, IrvRecordsRoundsAndTransfers) {
  auto r = irv(tennessee());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rounds.size(), 3u);
  EXPECT_EQ(r->rounds[0].eliminated, std::vector<Candidate>{2});
  ASSERT_EQ(r->rounds[0].transfers.size(), 1u);
  EXPECT_EQ(r->rounds[0].transfers[0].from, 2u);
  EXPECT_EQ(r->rounds[0].transfers[0].to, std::optional<Candidate>(3));
  EXPECT_EQ(r->rounds[0].transfers[0].votes, Rational(15));
  EXPECT_EQ(votes_of(r->rounds[1], 3), Rational(32));
  EXPECT_EQ(r->rounds[1].eliminated, std::vector<Candidate>{1});
  EXPECT_EQ(votes_of(r->rounds[2], 3), Rational(58));
  EXPECT_EQ(r->rounds[2].elected, std::vector<Candidate>{3});
  // Ranking: the winner, then the reverse order of elimination.
  EXPECT_EQ(r->ranking, (std::vector<std::vector<Candidate>>{{3}, {0}, {1}, {2}}));
}

TEST(Methods, IrvExhaustsTruncatedBallots) {
  // A 4, B 3, C 2 (C ballots rank nothing else): C out, 2 exhausted; A has 4 of 7 active.
  auto r = irv(ranked({"A", "B", "C"}, {{4, "A"}, {3, "B>A"}, {2, "C"}}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rounds[1].exhausted, Rational(2));
  EXPECT_EQ(r->winner_names(), Strings{"A"});
  EXPECT_TRUE(r->pairwise.empty()) << "only the pairwise methods give head-to-head counts";
}

// The Schulze method's standard example (45 voters, 5 candidates): E wins and the Schulze
// order is E > A > C > B > D.
TEST(Methods, SchulzeStandardExample) {
  Profile p = ranked({"A", "B", "C", "D", "E"}, {{5, "A>C>B>E>D"},
                                                 {5, "A>D>E>C>B"},
                                                 {8, "B>E>D>A>C"},
                                                 {3, "C>A>B>E>D"},
                                                 {7, "C>A>E>B>D"},
                                                 {2, "C>B>A>D>E"},
                                                 {7, "D>C>E>B>A"},
                                                 {8, "E>B>A>D>C"}});
  auto r = schulze(p);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->winner_names(), Strings{"E"});
  EXPECT_EQ(r->ranking, (std::vector<std::vector<Candidate>>{{4}, {0}, {2}, {1}, {3}}));
  // The head-to-head counts d[row, column] as the example's published matrix gives them.
  EXPECT_EQ(r->pairwise, (std::vector<std::vector<std::uint64_t>>{{0, 20, 26, 30, 22},
                                                                  {25, 0, 16, 33, 18},
                                                                  {19, 29, 0, 17, 24},
                                                                  {15, 12, 28, 0, 14},
                                                                  {23, 27, 21, 31, 0}}));
  // No Condorcet winner: the Smith set is all five.
  EXPECT_EQ(winners(smith_set(p)).size(), 5u);
}

TEST(Methods, RankedPairsLocksLargestMarginsFirst) {
  // A>B 6-3... margins: A>B 3, B>C 5, C>A 1. Lock B>C, then A>B; C>A would close a cycle.
  Profile p = ranked({"A", "B", "C"}, {{4, "A>B>C"}, {3, "B>C>A"}, {2, "C>A>B"}});
  auto r = ranked_pairs(p);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->winner_names(), Strings{"A"});
  EXPECT_EQ(r->pairwise,
            (std::vector<std::vector<std::uint64_t>>{{0, 6, 4}, {3, 0, 7}, {5, 2, 0}}));
  EXPECT_EQ(r->rounds[0].note, "locked: 1>2 0>1");
  // Split cycle drops C>A (the weakest margin of the only cycle): A undefeated.
  EXPECT_EQ(winners(split_cycle(p)), Strings{"A"});
  // Minimax: worst defeats A 1, B 3, C 5.
  EXPECT_EQ(winners(minimax(p)), Strings{"A"});
}

TEST(Methods, ScoreStarAndMajorityJudgment) {
  Profile p = scored({"A", "B", "C"}, {{3, {{"A", 5}, {"B", 4}, {"C", 0}}},
                                       {2, {{"A", 0}, {"B", 4}, {"C", 5}}},
                                       {1, {{"A", 1}, {"B", 5}, {"C", 2}}}});
  // Sums: A 16, B 25, C 12.
  auto s = score(p);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(votes_of(s->rounds[0], 1), Rational(25));
  EXPECT_EQ(s->winner_names(), Strings{"B"});
  Options mean;
  mean.parameters["variant"] = "mean";
  EXPECT_EQ(votes_of(score(p, mean)->rounds[0], 1), Rational(25, 6));
  // STAR: B and A reach the runoff; A is preferred on 3 ballots, B on 3: the tie goes to
  // the higher score total, B.
  auto st = star(p);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(votes_of(st->rounds[1], 0), Rational(3));
  EXPECT_EQ(votes_of(st->rounds[1], 1), Rational(3));
  EXPECT_EQ(st->winner_names(), Strings{"B"});
  // Lower medians: A {0,0,1,5,5,5} -> 1, B {4,4,4,4,4,5} -> 4, C {0,0,0,2,5,5} -> 0.
  auto mj = majority_judgment(p);
  ASSERT_TRUE(mj.ok());
  EXPECT_EQ(votes_of(mj->rounds[0], 0), Rational(1));
  EXPECT_EQ(mj->winner_names(), Strings{"B"});
}

// Large profiles are summed in two halves on two threads; the sums must be those of adding
// every ballot's scores in one pass, here kept while the ballots are drawn. 750 000 distinct
// ballots of 6 or 7 marks: over 4 M stored marks, past the point where the count splits.
TEST(Methods, ScoreSumsOfALargeProfileAreEveryBallotsScores) {
  constexpr std::size_t kCandidates = 7;
  std::vector<std::string> names;
  for (std::size_t c = 0; c < kCandidates; ++c) names.push_back(str_cat("c", c));
  ProfileBuilder builder = ProfileBuilder::create(names, BallotKind::kScore).value();
  std::vector<std::int64_t> sums(kCandidates, 0);
  std::vector<std::uint64_t> scorers(kCandidates, 0);
  Rng rng(11);
  std::vector<Candidate> marks;
  std::vector<std::int32_t> values;
  for (std::uint32_t b = 0; b < 750'000; ++b) {
    marks.clear();
    values.clear();
    // Candidate 0 is always scored, with the ballot's number: no two ballots are alike.
    const auto skipped = static_cast<Candidate>(1 + rng.uniform(kCandidates));
    for (Candidate c = 0; c < kCandidates; ++c) {
      if (c == skipped) continue;
      marks.push_back(c);
      values.push_back(c == 0 ? static_cast<std::int32_t>(b) : static_cast<std::int32_t>(b % 11));
    }
    const std::uint64_t weight = 1 + rng.uniform(3);
    ASSERT_THAT(builder.add(BallotView{marks, values}, weight), ::participa::testing::IsOk());
    for (std::size_t k = 0; k < marks.size(); ++k) {
      sums[marks[k]] += values[k] * static_cast<std::int64_t>(weight);
      scorers[marks[k]] += weight;
    }
  }
  const Profile p = builder.build();
  ASSERT_GT(p.num_marks(), std::uint64_t{1} << 22);
  auto total = score(p);
  ASSERT_TRUE(total.ok()) << total.status();
  Options mean;
  mean.parameters["variant"] = "mean";
  auto averaged = score(p, mean);
  ASSERT_TRUE(averaged.ok()) << averaged.status();
  for (Candidate c = 0; c < kCandidates; ++c) {
    EXPECT_EQ(votes_of(total->rounds[0], c), Rational(sums[c])) << c;
    EXPECT_EQ(votes_of(averaged->rounds[0], c), Rational(sums[c]) / Rational(scorers[c])) << c;
  }
}

TEST(Methods, ApprovalSingleAndBlock) {
  Profile p = approvals({"A", "B", "C"}, {{3, "A,B"}, {2, "B"}, {4, "C"}});
  EXPECT_EQ(winners(approval(p)), Strings{"B"});
  Options two;
  two.seats = 2;
  EXPECT_EQ(winners(approval(p, two)), (Strings{"B", "C"}));
}

// The usual apportionment example: 100 000, 80 000, 30 000 and 20 000 votes, 8 seats.
TEST(Methods, HighestAveragesApportionment) {
  Profile p =
      ranked({"A", "B", "C", "D"}, {{100000, "A"}, {80000, "B"}, {30000, "C"}, {20000, "D"}});
  Options eight;
  eight.seats = 8;
  auto count_seats = [](const Result& r) {
    std::vector<int> seats(r.candidates.size(), 0);
    for (Candidate c : r.winners) ++seats[c];
    return seats;
  };
  EXPECT_EQ(count_seats(*dhondt(p, eight)), (std::vector<int>{4, 3, 1, 0}));
  EXPECT_EQ(count_seats(*sainte_lague(p, eight)), (std::vector<int>{3, 3, 1, 1}));
}

// 100 000 votes, 10 seats: 47 000, 16 000, 15 800, 12 000, 6 100 and 3 100. Hare quota 10 000:
// whole quotas 4, 1, 1, 1, 0, 0, and the 3 seats left go to the remainders 7 000 (A), 6 100 (E)
// and 6 000 (B). Droop quota ⌊100 000 / 11⌋ + 1 = 9 091: whole quotas 5, 1, 1, 1, 0, 0, and the
// 2 left go to the remainders 6 909 (B) and 6 709 (C).
TEST(Methods, LargestRemainderApportionment) {
  Profile p =
      ranked({"A", "B", "C", "D", "E", "F"},
             {{47000, "A"}, {16000, "B"}, {15800, "C"}, {12000, "D"}, {6100, "E"}, {3100, "F"}});
  Options ten;
  ten.seats = 10;
  auto count_seats = [](const Result& r) {
    std::vector<int> seats(r.candidates.size(), 0);
    for (Candidate c : r.winners) ++seats[c];
    return seats;
  };
  auto hare = largest_remainder_hare(p, ten);
  ASSERT_TRUE(hare.ok()) << hare.status();
  EXPECT_EQ(count_seats(*hare), (std::vector<int>{5, 2, 1, 1, 1, 0}));
  EXPECT_EQ(hare->rounds[0].threshold, Rational(10000));
  auto droop = largest_remainder_droop(p, ten);
  ASSERT_TRUE(droop.ok()) << droop.status();
  EXPECT_EQ(count_seats(*droop), (std::vector<int>{5, 2, 2, 1, 0, 0}));
  EXPECT_EQ(droop->rounds[0].threshold, Rational(9091));
  EXPECT_EQ(votes_of(droop->rounds[1], 1), Rational(6909));

  // Two parties tied for the last seat: reported, or broken by the policy.
  Profile tied = ranked({"A", "B", "C"}, {{5, "A"}, {5, "B"}, {2, "C"}});
  Options two;
  two.seats = 1;
  auto reported = largest_remainder_hare(tied, two);
  ASSERT_TRUE(reported.ok());
  EXPECT_TRUE(reported->tied_winners);
  two.tie_break.policy = TieBreakPolicy::kCandidateOrder;
  EXPECT_EQ(winners(largest_remainder_hare(tied, two)), Strings{"A"});
  Profile none = ranked({"A", "B"}, {});
  EXPECT_FALSE(largest_remainder_droop(none, ten).ok());
}

TEST(Methods, ApportionmentRefusesBallotsNamingNoParty) {
  // Three blank ballots: every party would tie at zero for every seat.
  ProfileBuilder blanks = ProfileBuilder::create({"A", "B"}, BallotKind::kRanked).value();
  ASSERT_TRUE(blanks.add(std::vector<Candidate>{}, 3).ok());
  const Profile blank = blanks.build();
  Options two;
  two.seats = 2;
  for (auto method : {dhondt, sainte_lague, largest_remainder_hare, largest_remainder_droop}) {
    const auto counted = method(blank, two);
    EXPECT_EQ(counted.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(counted.status().message().find("no ballot names a party"), std::string::npos)
        << counted.status();
  }
}

TEST(TieBreaks, EveryPolicyOnOnePluralityTie) {
  Profile p = ranked({"A", "B", "C"}, {{2, "A"}, {2, "B"}, {1, "C"}});
  Options o;
  auto report = plurality(p, o);
  EXPECT_EQ(winners(report), (Strings{"A", "B"}));
  EXPECT_TRUE(report->tied_winners);
  ASSERT_EQ(report->ties.size(), 1u);
  EXPECT_TRUE(report->ties[0].order.empty());

  o.tie_break.policy = TieBreakPolicy::kCandidateOrder;
  EXPECT_EQ(winners(plurality(p, o)), Strings{"A"});

  o.tie_break = {TieBreakPolicy::kPermutation, {2, 1, 0}, 0};
  auto perm = plurality(p, o);
  EXPECT_EQ(winners(perm), Strings{"B"});
  EXPECT_EQ(perm->ties[0].order, (std::vector<Candidate>{1, 0}));

  for (std::uint64_t seed : {1u, 2u, 3u, 4u}) {
    o.tie_break = {TieBreakPolicy::kRandom, {}, seed};
    auto r = plurality(p, o);
    std::vector<Candidate> expected = {0, 1};
    Rng rng(seed);
    rng.shuffle(expected);
    EXPECT_EQ(r->winners, std::vector<Candidate>{expected[0]}) << seed;
    EXPECT_EQ(*plurality(p, o), *r) << "same seed, same result";
    bool seed_recorded = std::find(r->parameters.begin(), r->parameters.end(),
                                   std::pair<std::string, std::string>{
                                       "seed", std::to_string(seed)}) != r->parameters.end();
    EXPECT_TRUE(seed_recorded);
  }
}

TEST(TieBreaks, PreviousRoundsLooksBackBeforeThePermutation) {
  // Round 1: A 7, B 5, C 4, D 3. D out (1 ballot to C). Round 2: A 7, B 5, C 5 - a tie for
  // elimination that round 1 separates (C had fewer).
  Profile p = ranked({"A", "B", "C", "D"}, {{7, "A"}, {5, "B"}, {4, "C"}, {1, "D>C"}, {2, "D"}});
  Options o;
  o.tie_break = {TieBreakPolicy::kPermutation, {0, 2, 1, 3}, 0};
  EXPECT_EQ(irv(p, o)->rounds[1].eliminated, std::vector<Candidate>{1});
  o.tie_break.policy = TieBreakPolicy::kPreviousRounds;
  auto r = irv(p, o);
  EXPECT_EQ(r->rounds[1].eliminated, std::vector<Candidate>{2});
  ASSERT_EQ(r->ties.size(), 1u);
  EXPECT_EQ(r->ties[0].purpose, TiePurpose::kElimination);
  EXPECT_EQ(r->ties[0].order, (std::vector<Candidate>{1, 2}));
}

TEST(TieBreaks, ReportEliminatesEveryTiedLoserTogether) {
  auto r = irv(ranked({"A", "B", "C"}, {{4, "A"}, {2, "B>A"}, {2, "C>A"}}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rounds[0].eliminated, (std::vector<Candidate>{1, 2}));
  EXPECT_EQ(r->winner_names(), Strings{"A"});
}

TEST(Registry, VendorMethodsRegisterAndAreFoundByName) {
  auto registry = MethodRegistry::with_builtins();
  MethodInfo last_named{"last-named",
                        "the last candidate wins",
                        {BallotKind::kRanked},
                        {},
                        false,
                        [](const Profile& p, const Options&) -> absl::StatusOr<Result> {
                          Result r;
                          r.method = "last-named";
                          r.candidates = p.candidates();
                          r.winners = {static_cast<Candidate>(p.num_candidates() - 1)};
                          return r;
                        }};
  ASSERT_TRUE(registry.add(last_named).ok());
  EXPECT_EQ(winners(registry.count("last-named", tennessee(), {})), Strings{"Knoxville"});
  EXPECT_EQ(registry.add(last_named).code(), absl::StatusCode::kAlreadyExists);
  // 25 methods of their own, the 9 STV rule books, the 6 committee rules, and the vendor's.
  EXPECT_EQ(registry.names().size(), 41u);
}

TEST(Methods, EachRoundSaysWhatItsTallyHolds) {
  const auto registry = MethodRegistry::with_builtins();
  auto measure = [&](std::string_view name, std::size_t round) {
    return std::string(registry.find(name).value()->measure(round));
  };
  EXPECT_EQ(measure("irv", 0), "votes");
  EXPECT_EQ(measure("borda", 0), "points");
  EXPECT_EQ(measure("schulze", 0), "candidates_beaten_by_strongest_path");
  EXPECT_EQ(measure("minimax", 0), "worst_margin_against");
  // STAR: a scoring round, then the runoff counts ballots; any later round is a runoff too.
  EXPECT_EQ(measure("star", 0), "score");
  EXPECT_EQ(measure("star", 1), "votes");
  EXPECT_EQ(measure("star", 7), "votes");
  // A method registered without measures tallies votes.
  EXPECT_EQ(MethodInfo{}.measure(3), "votes");
  // Every method whose round says "tally = ..." (its numbers are not votes) names its measure.
  const Profile p = tennessee();
  for (const auto& name : registry.names()) {
    auto counted = registry.count(name, p, {});
    if (!counted.ok() || counted->rounds.empty()) continue;
    if (counted->rounds[0].note.find("tally = ") != std::string::npos) {
      EXPECT_NE(measure(name, 0), "votes") << name << ": " << counted->rounds[0].note;
    }
  }
}

}  // namespace
}  // namespace participa::tally
