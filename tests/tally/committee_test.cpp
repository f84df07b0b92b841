// Approval committees counted by hand, the justified-representation axioms checked against their
// definitions by brute force over every group of voters, and every kind of bad request. The
// rules' committees are checked against abcvoting in conformance/abcvoting_conformance_test.cpp.
#include "participa/tally/committee.hpp"

#include <algorithm>
#include <numeric>
#include <random>
#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "participa/core/strings.hpp"
#include "participa/tally/justified_representation.hpp"
#include "participa/tally/profile_builder.hpp"
#include "status_matchers.hpp"

namespace participa::tally {
namespace {

using ::participa::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Code = absl::StatusCode;
using Committee = std::vector<Candidate>;

Profile approvals(std::vector<std::string> names,
                  const std::vector<std::pair<std::vector<Candidate>, std::uint64_t>>& ballots) {
  ProfileBuilder profile = ProfileBuilder::create(std::move(names), BallotKind::kApproval).value();
  for (const auto& [approved, count] : ballots) EXPECT_TRUE(profile.add(approved, count).ok());
  return profile.build();
}

Options seats(int n, TieBreakPolicy policy = TieBreakPolicy::kCandidateOrder) {
  Options options;
  options.seats = n;
  options.tie_break.policy = policy;
  return options;
}

Rational tally_of(const Round& round, Candidate c) {
  for (const auto& entry : round.tally) {
    if (entry.candidate == c) return entry.votes;
  }
  ADD_FAILURE() << "candidate " << c << " is not in the round";
  return Rational(-1);
}

// Six voters approve a and b, four approve c; two seats. Approval voting would seat a and b;
// every proportional rule gives the four c-voters one seat and the six one of a, b.
constexpr Candidate a = 0, b = 1, c = 2;
Profile six_and_four() { return approvals({"a", "b", "c"}, {{{a, b}, 6}, {{c}, 4}}); }

TEST(Pav, PrefersTheCommitteeServingBothGroups) {
  // {a, b}: 6 · (1 + 1/2) = 9; {a, c} and {b, c}: 6 + 4 = 10.
  ASSERT_OK_AND_ASSIGN(Result result, pav(six_and_four(), seats(2)));
  EXPECT_THAT(result.winners, ElementsAre(a, c));
  ASSERT_EQ(result.rounds.size(), 1u);
  EXPECT_EQ(result.rounds[0].threshold, Rational(10));
  EXPECT_EQ(tally_of(result.rounds[0], a), Rational(10));
  EXPECT_EQ(tally_of(result.rounds[0], c), Rational(10));
  EXPECT_THAT(result.rounds[0].note, HasSubstr("2 of 3 committees"));
  ASSERT_EQ(result.ties.size(), 1u);
  EXPECT_THAT(result.ties[0].tied, ElementsAre(a, b));  // c is in both optimal committees
}

TEST(Pav, ReportPolicyNamesEveryCandidateOfAnOptimalCommittee) {
  ASSERT_OK_AND_ASSIGN(Result result, pav(six_and_four(), seats(2, TieBreakPolicy::kReport)));
  EXPECT_THAT(result.winners, ElementsAre(a, b, c));
  EXPECT_TRUE(result.tied_winners);
}

TEST(Pav, WeighsTheHarmonicSeries) {
  // 5 × {a, b}, 3 × {c}, 3 seats: {a, b, c} scores 5 · 3/2 + 3 = 10.5, better than any other.
  const Profile profile = approvals({"a", "b", "c", "d"}, {{{a, b}, 5}, {{c}, 3}});
  ASSERT_OK_AND_ASSIGN(Result result, pav(profile, seats(3)));
  EXPECT_THAT(result.winners, ElementsAre(a, b, c));
  EXPECT_EQ(result.rounds[0].threshold, Rational(21, 2));
  EXPECT_FALSE(result.tied_winners);
}

TEST(ChamberlinCourant, CountsVotersWithARepresentative) {
  ASSERT_OK_AND_ASSIGN(Result result, chamberlin_courant(six_and_four(), seats(2)));
  EXPECT_THAT(result.winners, ElementsAre(a, c));
  EXPECT_EQ(result.rounds[0].threshold, Rational(10));
  EXPECT_EQ(tally_of(result.rounds[0], b), Rational(10));
}

TEST(SequentialPav, AddsTheLargestGainEachRound) {
  // Round 1: a and b gain 6, c 4 (a wins the lot). Round 2: b gains 6 · 1/2 = 3, c 4.
  ASSERT_OK_AND_ASSIGN(Result result, sequential_pav(six_and_four(), seats(2)));
  EXPECT_THAT(result.winners, ElementsAre(a, c));
  ASSERT_EQ(result.rounds.size(), 2u);
  EXPECT_EQ(tally_of(result.rounds[0], a), Rational(6));
  EXPECT_EQ(tally_of(result.rounds[0], c), Rational(4));
  EXPECT_EQ(tally_of(result.rounds[1], b), Rational(3));
  EXPECT_EQ(tally_of(result.rounds[1], c), Rational(4));
  ASSERT_EQ(result.ties.size(), 1u);
  EXPECT_EQ(result.ties[0].round, 0);
}

TEST(SequentialPav, ReportPolicyStopsAtATieForASeat) {
  // a and b tie for the first seat; seating both would elect {a, b}, which no lot gives.
  for (auto rule :
       {sequential_pav, sequential_chamberlin_courant, sequential_phragmen, equal_shares}) {
    ASSERT_OK_AND_ASSIGN(Result result, rule(six_and_four(), seats(2, TieBreakPolicy::kReport)));
    EXPECT_THAT(result.winners, ElementsAre(a, b));
    EXPECT_TRUE(result.tied_winners);
    ASSERT_EQ(result.rounds.size(), 1u);
    EXPECT_THAT(result.rounds[0].note, HasSubstr("a tie, reported: the count stops here"));
    ASSERT_EQ(result.ties.size(), 1u);
    EXPECT_TRUE(result.ties[0].order.empty());
  }
}

TEST(SequentialChamberlinCourant, CountsOnlyVotersNotYetRepresented) {
  ASSERT_OK_AND_ASSIGN(Result result, sequential_chamberlin_courant(six_and_four(), seats(2)));
  EXPECT_THAT(result.winners, ElementsAre(a, c));
  EXPECT_EQ(tally_of(result.rounds[1], b), Rational(0));
  EXPECT_EQ(tally_of(result.rounds[1], c), Rational(4));
}

TEST(SequentialPhragmen, SpreadsEachSeatsLoadOverItsApprovers) {
  // Round 1: a, b: 1/6; c: 1/4. Round 2 (six voters carry 1/6): b: (1 + 6/6)/6 = 1/3; c: 1/4.
  ASSERT_OK_AND_ASSIGN(Result result, sequential_phragmen(six_and_four(), seats(2)));
  EXPECT_THAT(result.winners, ElementsAre(a, c));
  EXPECT_EQ(tally_of(result.rounds[0], a), Rational(1, 6));
  EXPECT_EQ(tally_of(result.rounds[0], c), Rational(1, 4));
  EXPECT_EQ(tally_of(result.rounds[1], b), Rational(1, 3));
  EXPECT_EQ(tally_of(result.rounds[1], c), Rational(1, 4));
}

TEST(SequentialPhragmen, SeatsAnUnapprovedCandidateOnlyWhenNothingElseIsLeft) {
  const Profile profile = approvals({"a", "b", "c"}, {{{a}, 3}});
  ASSERT_OK_AND_ASSIGN(Result result, sequential_phragmen(profile, seats(2)));
  EXPECT_THAT(result.winners, ElementsAre(a, b));
  EXPECT_THAT(result.rounds[1].note, HasSubstr("no continuing candidate is approved"));
  ASSERT_EQ(result.ties.size(), 1u);
  EXPECT_THAT(result.ties[0].tied, ElementsAre(b, c));
}

TEST(EqualShares, BuysWhatEachGroupCanAffordThenCompletesByPhragmen) {
  // n = 10, 2 seats: each voter holds 1/5. a costs its six approvers 1/6 each; c's four hold
  // only 4/5. After a the six hold 1/30 each and nothing is affordable: Phragmén from loads
  // -1/30 (six) and -1/5 (four) gives b (1 - 6/30)/6 = 2/15 and c (1 - 4/5)/4 = 1/20.
  ASSERT_OK_AND_ASSIGN(Result result, equal_shares(six_and_four(), seats(2)));
  EXPECT_THAT(result.winners, ElementsAre(a, c));
  ASSERT_EQ(result.rounds.size(), 2u);
  EXPECT_EQ(tally_of(result.rounds[0], a), Rational(1, 6));
  EXPECT_EQ(result.rounds[0].tally.size(), 2u);  // c is not affordable
  EXPECT_EQ(tally_of(result.rounds[1], b), Rational(2, 15));
  EXPECT_EQ(tally_of(result.rounds[1], c), Rational(1, 20));
  EXPECT_THAT(result.rounds[1].note, HasSubstr("completed by sequential Phragm"));
}

TEST(EqualShares, WithoutCompletionLeavesSeatsEmptyAndSaysSo) {
  Options options = seats(2);
  options.parameters["completion"] = "none";
  ASSERT_OK_AND_ASSIGN(Result result, equal_shares(six_and_four(), options));
  EXPECT_THAT(result.winners, ElementsAre(a));
  EXPECT_THAT(result.rounds.back().note, HasSubstr("1 of 2 seats filled"));
}

TEST(EqualShares, ApproversHoldingLessThanThePricePayAllTheyHave) {
  // 4 × {a}, 2 × {a, c}, 2 × {c}; 3 seats, n = 8: each voter holds 3/8. Round 1: a costs its six
  // approvers 1/6 each (c would cost its four 1/4). Then the {a, c} voters hold 3/8 - 1/6 = 5/24
  // and the {c} voters 9/24: 4 · 5/24 < 1, so the two poorer pay all 5/24 each and the other
  // two split the remaining 14/24: ρ = 7/24. Nobody approves b or d, so Phragmén's completion
  // seats b on the lot.
  constexpr Candidate d = 3;
  const Profile profile = approvals({"a", "b", "c", "d"}, {{{a}, 4}, {{a, c}, 2}, {{c}, 2}});
  ASSERT_OK_AND_ASSIGN(Result result, equal_shares(profile, seats(3)));
  EXPECT_EQ(tally_of(result.rounds[0], a), Rational(1, 6));
  EXPECT_EQ(tally_of(result.rounds[0], c), Rational(1, 4));
  EXPECT_EQ(tally_of(result.rounds[1], c), Rational(7, 24));
  EXPECT_THAT(result.winners, ElementsAre(a, c, b));
  ASSERT_EQ(result.ties.size(), 1u);
  EXPECT_THAT(result.ties[0].tied, ElementsAre(b, d));
}

// ---- Justified representation --------------------------------------------------------------

TEST(JustifiedRepresentation, FindsTheGroupLeftWithoutARepresentative) {
  // 5 × {a, b}, 5 × {c}; 2 seats; n / k = 5: the five c-voters are a cohesive group.
  const Profile profile = approvals({"a", "b", "c"}, {{{a, b}, 5}, {{c}, 5}});
  const Committee ab = {a, b};
  ASSERT_OK_AND_ASSIGN(auto jr, find_violation(profile, ab, 2, Axiom::kJr));
  ASSERT_TRUE(jr.has_value());
  EXPECT_EQ(jr->ell, 1);
  EXPECT_THAT(jr->common, ElementsAre(c));
  EXPECT_EQ(jr->weight, 5u);
  ASSERT_EQ(jr->ballots.size(), 1u);
  EXPECT_THAT(profile.ballot(jr->ballots[0]).marks, ElementsAre(c));
  const Committee ac = {a, c};
  for (Axiom axiom : {Axiom::kJr, Axiom::kPjr, Axiom::kEjr}) {
    ASSERT_OK_AND_ASSIGN(auto none, find_violation(profile, ac, 2, axiom));
    EXPECT_FALSE(none.has_value()) << to_string(axiom);
  }
}

TEST(JustifiedRepresentation, SeparatesPjrFromEjr) {
  // n = 2, k = 2: {a, b, x} and {a, b, y} together deserve 2 seats of {a, b}. W = {x, y} gives
  // each one approved member (EJR fails for ℓ = 2) while together they approve two (PJR holds).
  constexpr Candidate x = 2, y = 3;
  const Profile profile = approvals({"a", "b", "x", "y"}, {{{a, b, x}, 1}, {{a, b, y}, 1}});
  const Committee xy = {x, y};
  ASSERT_OK_AND_ASSIGN(auto ejr, find_violation(profile, xy, 2, Axiom::kEjr));
  ASSERT_TRUE(ejr.has_value());
  EXPECT_EQ(ejr->ell, 2);
  EXPECT_THAT(ejr->common, ElementsAre(a, b));
  EXPECT_EQ(ejr->weight, 2u);
  ASSERT_OK_AND_ASSIGN(auto pjr, find_violation(profile, xy, 2, Axiom::kPjr));
  EXPECT_FALSE(pjr.has_value());
  ASSERT_OK_AND_ASSIGN(auto jr, find_violation(profile, xy, 2, Axiom::kJr));
  EXPECT_FALSE(jr.has_value());
}

// The axioms straight from their definitions: every group of voters (unit weights), every ℓ.
bool violates_by_definition(const std::vector<std::vector<Candidate>>& voters, std::size_t m,
                            const Committee& committee, int k, Axiom axiom) {
  const std::size_t n = voters.size();
  std::set<Candidate> w(committee.begin(), committee.end());
  for (std::uint32_t group = 1; group < (1u << n); ++group) {
    std::vector<std::size_t> members;
    for (std::size_t v = 0; v < n; ++v) {
      if (group & (1u << v)) members.push_back(v);
    }
    std::size_t common = 0;
    for (std::size_t cand = 0; cand < m; ++cand) {
      bool all = true;
      for (std::size_t v : members) {
        all = all && std::count(voters[v].begin(), voters[v].end(), cand) > 0;
      }
      common += all ? 1 : 0;
    }
    std::set<Candidate> union_in_w;
    std::size_t most_represented = 0;
    for (std::size_t v : members) {
      std::size_t mine = 0;
      for (Candidate cand : voters[v]) {
        if (w.contains(cand)) {
          union_in_w.insert(cand);
          ++mine;
        }
      }
      most_represented = std::max(most_represented, mine);
    }
    const int top = axiom == Axiom::kJr ? 1 : k;
    for (int ell = 1; ell <= top; ++ell) {
      if (members.size() * static_cast<std::size_t>(k) < static_cast<std::size_t>(ell) * n) break;
      if (common < static_cast<std::size_t>(ell)) break;
      const bool let_down = axiom == Axiom::kPjr ? union_in_w.size() < static_cast<std::size_t>(ell)
                                                 : most_represented < static_cast<std::size_t>(ell);
      if (let_down) return true;
    }
  }
  return false;
}

TEST(JustifiedRepresentation, AgreesWithTheDefinitionOnEveryGroupOfRandomProfiles) {
  std::mt19937 random(20261201);
  int violations = 0, checks = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t m = 3 + random() % 4, n = 2 + random() % 7;
    const int k = 1 + static_cast<int>(random() % std::min<std::size_t>(m, 4));
    std::vector<std::vector<Candidate>> voters(n);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < m; ++i) names.push_back(str_cat("c", i));
    ProfileBuilder ballots = ProfileBuilder::create(names, BallotKind::kApproval).value();
    for (auto& voter : voters) {
      for (std::size_t cand = 0; cand < m; ++cand) {
        if (random() % 3 == 0) voter.push_back(static_cast<Candidate>(cand));
      }
      ASSERT_TRUE(ballots.add(voter).ok());
    }
    const Profile profile = ballots.build();
    std::vector<Candidate> all(m);
    std::iota(all.begin(), all.end(), Candidate{0});
    std::shuffle(all.begin(), all.end(), random);
    const Committee committee(all.begin(), all.begin() + (random() % (k + 1)));
    bool any_approval = false;
    for (const auto& voter : voters) any_approval = any_approval || !voter.empty();
    for (Axiom axiom : {Axiom::kJr, Axiom::kPjr, Axiom::kEjr}) {
      auto found = find_violation(profile, committee, k, axiom);
      if (!any_approval) {
        EXPECT_THAT(found, StatusIs(Code::kInvalidArgument, HasSubstr("no ballot approves")));
        continue;
      }
      ASSERT_TRUE(found.ok()) << found.status();
      ++checks;
      const bool expected = violates_by_definition(voters, m, committee, k, axiom);
      ASSERT_EQ(found->has_value(), expected) << "trial " << trial << " axiom " << to_string(axiom);
      if (!found->has_value()) continue;
      ++violations;
      // The witness is what it claims: ℓ common candidates approved by every ballot of a group
      // of at least ℓ·n/k voters, let down as the axiom says.
      const Violation& v = **found;
      EXPECT_EQ(v.common.size(), static_cast<std::size_t>(v.ell));
      EXPECT_GE(v.weight * static_cast<std::uint64_t>(k), static_cast<std::uint64_t>(v.ell) * n);
      std::set<Candidate> union_in_w;
      std::uint64_t weight = 0;
      for (std::size_t i : v.ballots) {
        const auto marks = profile.ballot(i).marks;
        weight += profile.weight(i);
        for (Candidate cand : v.common) {
          EXPECT_NE(std::find(marks.begin(), marks.end(), cand), marks.end());
        }
        std::size_t mine = 0;
        for (Candidate cand : marks) {
          if (std::find(committee.begin(), committee.end(), cand) != committee.end()) {
            union_in_w.insert(cand);
            ++mine;
          }
        }
        if (axiom != Axiom::kPjr) {
          EXPECT_LT(mine, static_cast<std::size_t>(v.ell));
        }
      }
      EXPECT_EQ(weight, v.weight);
      if (axiom == Axiom::kPjr) {
        EXPECT_LT(union_in_w.size(), static_cast<std::size_t>(v.ell));
      }
    }
  }
  // The random profiles exercise both answers.
  EXPECT_GT(violations, 50);
  EXPECT_GT(checks - violations, 50);
}

// ---- Exact rules against brute force --------------------------------------------------------

TEST(Pav, FindsEveryOptimalCommitteeOfRandomWeightedProfiles) {
  std::mt19937 random(7);
  for (int trial = 0; trial < 100; ++trial) {
    const std::size_t m = 4 + random() % 4;
    const int k = 1 + static_cast<int>(random() % (m - 1));
    std::vector<std::string> names;
    for (std::size_t i = 0; i < m; ++i) names.push_back(str_cat("c", i));
    std::vector<std::pair<std::vector<Candidate>, std::uint64_t>> ballots;
    for (int v = 0; v < 6; ++v) {
      std::vector<Candidate> approved;
      for (std::size_t cand = 0; cand < m; ++cand) {
        if (random() % 2 == 0) approved.push_back(static_cast<Candidate>(cand));
      }
      if (approved.empty()) approved.push_back(0);
      ballots.emplace_back(approved, 1 + random() % 5);
    }
    const Profile profile = approvals(names, ballots);
    // Every committee scored from the definition.
    Rational best = -1;
    std::set<Candidate> in_some;
    std::vector<bool> pick(m, false);
    std::fill(pick.begin(), pick.begin() + k, true);
    std::vector<std::pair<Rational, Committee>> scored;
    do {
      Committee committee;
      for (std::size_t cand = 0; cand < m; ++cand) {
        if (pick[cand]) committee.push_back(static_cast<Candidate>(cand));
      }
      Rational score = 0;
      for (const auto& [approved, weight] : ballots) {
        std::size_t hits = 0;
        for (Candidate cand : approved) hits += pick[cand] ? 1 : 0;
        for (std::size_t j = 1; j <= hits; ++j) score += Rational(weight) / Rational(j);
      }
      scored.emplace_back(score, committee);
      best = std::max(best, score);
    } while (std::prev_permutation(pick.begin(), pick.end()));
    std::set<Committee> optimal;
    for (const auto& [score, committee] : scored) {
      if (score == best) optimal.insert(committee);
    }
    ASSERT_OK_AND_ASSIGN(Result broken, pav(profile, seats(k)));
    Committee elected = broken.winners;
    std::sort(elected.begin(), elected.end());
    EXPECT_TRUE(optimal.contains(elected)) << "trial " << trial;
    EXPECT_EQ(broken.rounds[0].threshold, best) << "trial " << trial;
    ASSERT_OK_AND_ASSIGN(Result reported, pav(profile, seats(k, TieBreakPolicy::kReport)));
    for (const Committee& committee : optimal) in_some.insert(committee.begin(), committee.end());
    EXPECT_EQ(std::set<Candidate>(reported.winners.begin(), reported.winners.end()), in_some);
    // And PAV's committee satisfies EJR.
    ASSERT_OK_AND_ASSIGN(auto violation, find_violation(profile, elected, k, Axiom::kEjr));
    EXPECT_FALSE(violation.has_value()) << "trial " << trial;
  }
}

// ---- Bad requests ----------------------------------------------------------------------------

TEST(Committees, RefuseWhatTheyCannotCount) {
  const Profile good = six_and_four();
  for (auto rule : {pav, chamberlin_courant, sequential_pav, sequential_chamberlin_courant,
                    sequential_phragmen, equal_shares}) {
    EXPECT_THAT(rule(good, seats(4)), StatusIs(Code::kOutOfRange, HasSubstr("exceeds the 3")));
    EXPECT_THAT(rule(good, seats(0)), StatusIs(Code::kInvalidArgument, HasSubstr("seats")));
    ProfileBuilder ranked_ballots = ProfileBuilder::create({"a", "b"}, BallotKind::kRanked).value();
    ASSERT_TRUE(ranked_ballots.add(std::vector<Candidate>{0, 1}).ok());
    const Profile ranked = ranked_ballots.build();
    EXPECT_THAT(rule(ranked, seats(1)), StatusIs(Code::kInvalidArgument, HasSubstr("not ranked")));
    const Profile blank = approvals({"a", "b"}, {{{}, 3}});
    EXPECT_THAT(rule(blank, seats(1)),
                StatusIs(Code::kInvalidArgument, HasSubstr("no ballot approves")));
    const Profile empty = approvals({"a", "b"}, {});
    EXPECT_THAT(rule(empty, seats(1)),
                StatusIs(Code::kFailedPrecondition, HasSubstr("no ballots")));
    Options bad_lot = seats(1, TieBreakPolicy::kPermutation);
    bad_lot.tie_break.permutation = {0, 0, 1};
    EXPECT_THAT(rule(good, bad_lot), StatusIs(Code::kInvalidArgument, HasSubstr("permutation")));
  }
}

TEST(Committees, ExactRulesRefuseTooManyCommittees) {
  std::vector<std::string> names;
  for (int i = 0; i < 60; ++i) names.push_back(str_cat("c", i));
  const Profile wide = approvals(names, {{{0, 1}, 1}});
  EXPECT_THAT(pav(wide, seats(10)),
              StatusIs(Code::kInvalidArgument, HasSubstr("use the sequential rule")));
  EXPECT_THAT(chamberlin_courant(wide, seats(10)),
              StatusIs(Code::kInvalidArgument, HasSubstr("use the sequential rule")));
  EXPECT_THAT(pav(wide, seats(59)), StatusIs(Code::kInvalidArgument, HasSubstr("at most 40")));
  // The sequential rules count it.
  ASSERT_OK_AND_ASSIGN(Result sequential, sequential_pav(wide, seats(10)));
  EXPECT_EQ(sequential.winners.size(), 10u);
}

TEST(Committees, RegistryChecksTheirParameters) {
  const auto registry = MethodRegistry::with_builtins();
  Options options = seats(2);
  options.parameters["completion"] = "add-one";
  EXPECT_THAT(registry.count("equal-shares", six_and_four(), options),
              StatusIs(Code::kInvalidArgument, HasSubstr("neither 'phragmen' nor 'none'")));
  options.parameters.clear();
  options.parameters["omega"] = "3";
  EXPECT_THAT(registry.count("pav", six_and_four(), options),
              StatusIs(Code::kInvalidArgument, HasSubstr("no parameter 'omega'")));
  ASSERT_OK_AND_ASSIGN(Result counted,
                       registry.count("sequential-phragmen", six_and_four(), seats(2)));
  EXPECT_EQ(counted.method, "sequential-phragmen");
}

TEST(JustifiedRepresentation, RefusesCommitteesItCannotRead) {
  const Profile profile = six_and_four();
  const Committee unknown = {7};
  EXPECT_THAT(find_violation(profile, unknown, 2, Axiom::kJr),
              StatusIs(Code::kInvalidArgument, HasSubstr("candidate 7 of only 3")));
  const Committee twice = {a, a};
  EXPECT_THAT(find_violation(profile, twice, 2, Axiom::kJr),
              StatusIs(Code::kInvalidArgument, HasSubstr("names a twice")));
  const Committee three = {a, b, c};
  EXPECT_THAT(find_violation(profile, three, 2, Axiom::kEjr),
              StatusIs(Code::kInvalidArgument, HasSubstr("3 members for 2 seats")));
  EXPECT_THAT(find_violation(profile, three, 0, Axiom::kEjr),
              StatusIs(Code::kInvalidArgument, HasSubstr("seats must be at least 1")));
  EXPECT_THAT(parse_axiom("fjr"), StatusIs(Code::kInvalidArgument, HasSubstr("fjr")));
}

}  // namespace
}  // namespace participa::tally
