// STV counts by hand and every kind of bad request. The rule books' own figures are checked
// against droop's reports in conformance/stv_conformance_test.cpp.
#include "participa/tally/stv.hpp"

#include <numeric>
#include <random>
#include <thread>

#include <boost/json.hpp>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "participa/io/blt.hpp"
#include "participa/io/stv.hpp"
#include "participa/tally/method.hpp"
#include "participa/tally/profile_builder.hpp"
#include "status_matchers.hpp"
#include "tally/stv_arithmetic.hpp"

namespace participa::tally::stv {
namespace {

using ::participa::testing::StatusIs;
using ::testing::HasSubstr;
using Code = absl::StatusCode;

Profile from_blt(std::string_view text) {
  auto file = io::parse_blt(text, "t.blt");
  EXPECT_TRUE(file.ok()) << file.status();
  return std::move(file->profile);
}

Options rule(Rule r, int seats) {
  Options options;
  options.rule = r;
  options.seats = seats;
  return options;
}

// A: 6 ballots "A B"; B: 3; C: 2 "C B". 11 ballots, 2 seats, quota floor(11/3) + 1 = 4.
// A is elected with 6; its surplus 2 moves at 2 × 1 / 6 = 0.333333…, truncated to 0.33333 per
// ballot, so B gains 6 × 0.33333 = 1.99998 and reaches 4.99998; 0.00002 is lost to truncation.
constexpr std::string_view kSmall = "3 2\n6 1 2 0\n3 2 0\n2 3 2 0\n0\n\"A\" \"B\" \"C\"\n\"t\"\n";

TEST(Scottish, TruncatesEachBallotsTransferValueToFivePlaces) {
  const Profile profile = from_blt(kSmall);
  ASSERT_OK_AND_ASSIGN(Count count, stv::count(profile, rule(Rule::kScottish, 2)));
  EXPECT_EQ(count.quota, "4.00000");
  ASSERT_EQ(count.elected.size(), 2u);
  EXPECT_EQ(count.elected[0].name, "A");
  EXPECT_EQ(count.elected[0].votes, "4.00000");
  EXPECT_EQ(count.elected[1].name, "B");
  EXPECT_EQ(count.elected[1].votes, "4.99998");
  EXPECT_EQ(count.steps.back().residual, "0.00002");
  EXPECT_EQ(count.defeated, std::vector<Candidate>{2});
  const auto transferred = std::find_if(count.steps.begin(), count.steps.end(), [](const Step& s) {
    return s.action == Action::kSurplusTransferred;
  });
  ASSERT_NE(transferred, count.steps.end());
  EXPECT_EQ(transferred->amount, "2.00000");
}

TEST(Wigm, RationalArithmeticLosesNothing) {
  const Profile profile = from_blt(kSmall);
  Options options = rule(Rule::kWigm, 2);
  options.arithmetic = Arithmetic::kRational;
  options.display = 6;
  ASSERT_OK_AND_ASSIGN(Count count, stv::count(profile, options));
  // Quota 11/3, exceeded by A's 6: B gains 6 × (6 − 11/3) / 6 = 7/3 and reaches 16/3. B is
  // elected in the next round and, the round having begun, hands on its surplus 5/3 too; no
  // ballot of B's names anyone after B, so all of it is non-transferable and nothing is lost.
  EXPECT_EQ(count.quota, "3.666667");
  ASSERT_EQ(count.elected.size(), 2u);
  EXPECT_EQ(count.elected[1].votes, "3.666667");
  EXPECT_EQ(count.steps.back().nontransferable, "1.666667");
  EXPECT_EQ(count.steps.back().residual, "0.000000");
}

TEST(Meek, AMajorityIsElectedAtOnce) {
  const Profile profile = from_blt(kSmall);
  Options options = rule(Rule::kMeek, 1);
  options.arithmetic = Arithmetic::kRational;
  ASSERT_OK_AND_ASSIGN(Count count, stv::count(profile, options));
  // One seat, quota 11/2: A's 6 exceeds it at once.
  ASSERT_EQ(count.elected.size(), 1u);
  EXPECT_EQ(count.elected[0].name, "A");
  EXPECT_EQ(count.quota, "5.500000000000");
}

// Five seats, six candidates, and votes for only four of them: the fifth seat goes to a
// candidate no ballot names. Once elected with no votes, her keep factor cannot be updated
// (nothing to divide by) and stays as it was; the count goes on. Found by stv_fuzz: the count
// divided by zero.
TEST(Meek, OneElectedWithoutVotesKeepsHerFactor) {
  const Profile profile = from_blt(
      "6 5\n32222222225 6 0\n101 2 4 5 0\n0\n\"a\"\n\"b\"\n\"c\"\n\"d\"\n\"e\"\n"
      "\"f\"\n\"zero votes\"\n");
  for (Rule r : {Rule::kMeek, Rule::kWarren}) {
    ASSERT_OK_AND_ASSIGN(Count count, stv::count(profile, rule(r, 5)));
    std::vector<std::string> elected;
    for (const auto& e : count.elected) elected.push_back(e.name);
    // f, b, d and e hold votes; the last seat goes to a or c, by lot.
    EXPECT_THAT(elected, ::testing::IsSupersetOf({"f", "b", "d", "e"})) << rule_name(r);
    ASSERT_EQ(elected.size(), 5u) << rule_name(r);
    EXPECT_TRUE(elected[4] == "a" || elected[4] == "c") << rule_name(r);
  }
}

TEST(Stv, EveryRuleNameReadsBack) {
  for (Rule r : {Rule::kScottish, Rule::kMinneapolis, Rule::kCfer, Rule::kWigm, Rule::kWigmPrf,
                 Rule::kMeek, Rule::kMeekPrf, Rule::kWarren, Rule::kQpq}) {
    ASSERT_OK_AND_ASSIGN(Rule back, parse_rule(rule_name(r)));
    EXPECT_EQ(back, r);
  }
  EXPECT_THAT(parse_rule("droop"), StatusIs(Code::kInvalidArgument, HasSubstr("not an STV rule")));
  EXPECT_THAT(parse_arithmetic("float"), StatusIs(Code::kInvalidArgument, HasSubstr("float")));
  EXPECT_THAT(parse_defeat("all"), StatusIs(Code::kInvalidArgument, HasSubstr("all")));
}

TEST(Stv, EveryRuleCountsTheSmallElection) {
  const Profile profile = from_blt(kSmall);
  for (Rule r : {Rule::kScottish, Rule::kMinneapolis, Rule::kCfer, Rule::kWigm, Rule::kWigmPrf,
                 Rule::kMeek, Rule::kMeekPrf, Rule::kWarren, Rule::kQpq}) {
    ASSERT_OK_AND_ASSIGN(Count count, stv::count(profile, rule(r, 2)));
    std::vector<std::string> names;
    for (const ElectedCandidate& e : count.elected) names.push_back(e.name);
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"A", "B"})) << rule_name(r);
    EXPECT_EQ(count.steps.back().action, Action::kComplete) << rule_name(r);
  }
}

TEST(Stv, RefusesWhatItCannotCountAsAsked) {
  const Profile profile = from_blt(kSmall);
  struct Bad {
    Options options;
    std::string message;
  };
  std::vector<Bad> bad;
  auto add = [&](Options o, std::string message) { bad.push_back({std::move(o), message}); };
  add(rule(Rule::kScottish, 0), "at least one");
  add(rule(Rule::kScottish, 4), "4 seats for 3 candidates");
  Options o = rule(Rule::kScottish, 2);
  o.precision = 6;
  add(o, "5 decimal places, not 6");
  o = rule(Rule::kScottish, 2);
  o.arithmetic = Arithmetic::kRational;
  add(o, "fixed decimals, not rational");
  o = rule(Rule::kScottish, 2);
  o.guard = 3;
  add(o, "no guard digits");
  o = rule(Rule::kScottish, 2);
  o.display = 6;
  add(o, "display 6 is outside 0..5");
  o = rule(Rule::kScottish, 2);
  o.omega = 6;
  add(o, "does not iterate");
  o = rule(Rule::kScottish, 2);
  o.defeat = Defeat::kBatch;
  add(o, "one candidate at a time");
  o = rule(Rule::kMinneapolis, 2);
  o.defeat = Defeat::kSingle;
  add(o, "in batches");
  o = rule(Rule::kWigm, 2);
  o.arithmetic = Arithmetic::kGuarded;
  o.precision = 25;
  o.guard = 10;
  add(o, "at most 30");
  o = rule(Rule::kWigm, 2);
  o.arithmetic = Arithmetic::kRational;
  o.precision = 5;
  add(o, "takes no precision");
  o = rule(Rule::kMeek, 2);
  o.omega = 0;
  add(o, "omega 0 is outside");
  o = rule(Rule::kQpq, 2);
  o.arithmetic = Arithmetic::kFixed;
  add(o, "9 + 9 places");
  o = rule(Rule::kScottish, 2);
  o.tie_order = {0, 0, 1};
  add(o, "each of the 3 candidates once");
  o = rule(Rule::kScottish, 2);
  o.tie_order = {0, 1};
  add(o, "names 2 of the 3");
  o = rule(Rule::kScottish, 2);
  o.undeclared_write_ins = {2};
  add(o, "only minneapolis");
  o = rule(Rule::kMinneapolis, 2);
  o.undeclared_write_ins = {5};
  add(o, "not a candidate");
  for (const Bad& b : bad) {
    EXPECT_THAT(stv::count(profile, b.options),
                StatusIs(Code::kInvalidArgument, HasSubstr(b.message)))
        << b.message;
  }
}

TEST(Stv, RefusesBallotsItCannotRead) {
  const Profile equal = from_blt("3 1\n2 1=2 3 0\n1 3 0\n0\n\"A\" \"B\" \"C\"\n");
  EXPECT_THAT(stv::count(equal, rule(Rule::kScottish, 1)),
              StatusIs(Code::kInvalidArgument, HasSubstr("strict rankings")));
  EXPECT_TRUE(stv::count(equal, rule(Rule::kMeek, 1)).ok());

  const Profile approvals = ProfileBuilder::create({"A", "B"}, BallotKind::kApproval)->build();
  EXPECT_THAT(stv::count(approvals, rule(Rule::kScottish, 1)),
              StatusIs(Code::kInvalidArgument, HasSubstr("ranked (or single-choice) ballots")));

  for (std::string_view text :
       {"3 2\n2 0\n0\n\"A\" \"B\" \"C\"\n", "3 2\n0\n\"A\" \"B\" \"C\"\n"}) {
    const Profile nothing = from_blt(text);
    EXPECT_THAT(stv::count(nothing, rule(Rule::kMeek, 2)),
                StatusIs(Code::kInvalidArgument, HasSubstr("nothing to count")));
  }

  ProfileBuilder huge = ProfileBuilder::create({"A", "B"}, BallotKind::kRanked).value();
  const Candidate first[] = {0};
  ASSERT_TRUE(huge.add(first, std::uint64_t{1} << 60).ok());
  EXPECT_THAT(stv::count(huge.build(), rule(Rule::kScottish, 1)),
              StatusIs(Code::kOutOfRange, HasSubstr("ballots exceed")));
}

TEST(Stv, BlankBallotsAreSetAsideNotCountedInTheQuota) {
  // Two ballots name nobody: 6 valid ballots, quota floor(6/3) + 1 = 3 (with them, 4 would be
  // reached by nobody but A).
  const Profile profile = from_blt("3 2\n4 1 2 0\n2 3 0\n2 0\n0\n\"A\" \"B\" \"C\"\n");
  ASSERT_OK_AND_ASSIGN(Count count, stv::count(profile, rule(Rule::kScottish, 2)));
  EXPECT_EQ(count.ballots, 6u);
  EXPECT_EQ(count.blank_ballots, 2u);
  EXPECT_EQ(count.quota, "3.00000");
}

TEST(Stv, ATieFallsByLotInTheGivenOrder) {
  // B and C tie at 2 with nothing earlier to tell them apart; lot decides who is defeated.
  const std::string_view text = "3 1\n3 1 0\n2 2 0\n2 3 0\n0\n\"A\" \"B\" \"C\"\n";
  const Profile profile = from_blt(text);
  Options options = rule(Rule::kScottish, 1);
  ASSERT_OK_AND_ASSIGN(Count by_default, stv::count(profile, options));
  options.tie_order = {2, 1, 0};
  ASSERT_OK_AND_ASSIGN(Count reversed, stv::count(profile, options));
  EXPECT_EQ(by_default.defeated.front(), 1u);
  EXPECT_EQ(reversed.defeated.front(), 2u);
  const auto tie = std::find_if(reversed.steps.begin(), reversed.steps.end(),
                                [](const Step& s) { return s.action == Action::kBreakTieByLot; });
  ASSERT_NE(tie, reversed.steps.end());
  EXPECT_EQ(tie->tie->tied, (std::vector<Candidate>{1, 2}));
  EXPECT_EQ(tie->tie->purpose, TiePurpose::kElimination);
  EXPECT_EQ(tie->tie->order, (std::vector<Candidate>{2, 1}));
}

TEST(Stv, TheRegistryGivesAResultWithRoundsAndTheQuota) {
  const Profile profile = from_blt(kSmall);
  tally::Options two;
  two.seats = 2;
  ASSERT_OK_AND_ASSIGN(Result result,
                       MethodRegistry::with_builtins().count("stv-scottish", profile, two));
  EXPECT_EQ(result.winner_names(), (std::vector<std::string>{"A", "B"}));
  ASSERT_FALSE(result.rounds.empty());
  EXPECT_EQ(result.rounds[0].threshold, Rational(4));
  EXPECT_EQ(result.rounds[0].elected, std::vector<Candidate>{0});
  // After A's surplus: B holds 3 + 1.99998 (the hand count above), C its 2.
  EXPECT_EQ(result.rounds[1].tally[1].votes, Rational(499998, 100000));
  EXPECT_EQ(result.rounds.back().eliminated, std::vector<Candidate>{2});
}

TEST(Stv, JsonCarriesTheResultAndEveryRound) {
  const Profile profile = from_blt(kSmall);
  ASSERT_OK_AND_ASSIGN(Count count, stv::count(profile, rule(Rule::kScottish, 2)));
  const boost::json::object doc = boost::json::parse(io::stv_count_to_json(count)).as_object();
  EXPECT_EQ(doc.at("rule").as_string(), "scottish");
  EXPECT_EQ(doc.at("quota").as_string(), "4.00000");
  EXPECT_EQ(doc.at("elected").as_array().at(1).at("votes").as_string(), "4.99998");
  EXPECT_EQ(doc.at("defeated").as_array().at(0).as_string(), "C");
  EXPECT_EQ(doc.at("rounds").as_array().size(), count.steps.size());
  EXPECT_EQ(doc.at("input_digest").as_string(), profile.digest().hex());
  EXPECT_TRUE(doc.at("omega").is_null());
}

// `ballots` random rankings of 30 candidates, lower-numbered candidates likelier early choices
// (as in real elections), each of a length drawn from [shortest, longest].
Profile skewed_rankings(std::size_t ballots, std::size_t shortest, std::size_t longest,
                        std::uint64_t seed) {
  constexpr std::size_t kCandidates = 30;
  std::vector<std::string> names;
  for (std::size_t c = 0; c < kCandidates; ++c) names.push_back("C" + std::to_string(c));
  ProfileBuilder builder = ProfileBuilder::create(names, BallotKind::kRanked).value();
  std::mt19937_64 rng(seed);
  std::vector<Candidate> order(kCandidates);
  for (std::size_t b = 0; b < ballots; ++b) {
    std::iota(order.begin(), order.end(), Candidate{0});
    const std::size_t length = shortest + rng() % (longest - shortest + 1);
    for (std::size_t k = 0; k < length; ++k) {
      const std::size_t left = kCandidates - k;
      std::swap(order[k], order[k + std::min(rng() % left, rng() % left)]);
    }
    EXPECT_TRUE(builder.add(std::span<const Candidate>(order.data(), length)).ok());
  }
  return builder.build();
}

// Redoes the last three recounts of a Meek count (18 places and no guard digits, shown in
// full, so the reported keep factors are the working ones) ballot by ballot, from the keep
// factors each step reports, with the rule's truncations (two products each, not the count's
// one): every candidate's votes must come out as the step shows them. Returns the most
// distinct ballots a checked recount entered below their first preference (each ends at a
// node of its own there).
std::size_t expect_recounts_match_a_ballot_by_ballot_walk(const Profile& profile, int seats) {
  Options options = rule(Rule::kMeek, seats);
  options.arithmetic = Arithmetic::kGuarded;
  options.precision = 18;
  options.guard = 0;
  options.display = 18;
  const absl::StatusOr<Count> count = stv::count(profile, options);
  EXPECT_TRUE(count.ok()) << count.status();
  if (!count.ok()) return 0;
  const GuardedArithmetic arithmetic(18, 0, 18);
  auto units = [](std::string_view text) {
    Int128 value = 0;
    for (char digit : text) {
      if (digit != '.') value = value * 10 + (digit - '0');
    }
    return value;
  };
  std::vector<const Step*> recounts;
  for (const Step& step : count->steps) {
    if (step.action == Action::kIterate) recounts.push_back(&step);
  }
  EXPECT_GE(recounts.size(), 3u);
  const std::size_t n = profile.num_candidates();
  std::size_t most_entered = 0;
  for (std::size_t r = recounts.size() < 3 ? 0 : recounts.size() - 3; r < recounts.size(); ++r) {
    const Step& step = *recounts[r];
    std::vector<Int128> keep(n, arithmetic.whole(1));
    for (const KeepFactor& factor : step.keep_factors) keep[factor.candidate] = units(factor.value);
    std::vector<Int128> votes(n, 0);
    std::size_t entered = 0;
    for (std::size_t b = 0; b < profile.num_distinct(); ++b) {
      const auto ranking = profile.ballot(b).marks;
      entered += step.standings[ranking[0]].standing != Standing::kHopeful;
      Int128 weight = arithmetic.whole(1);
      for (Candidate c : ranking) {
        const Standing standing = step.standings[c].standing;
        if (standing == Standing::kDefeated) continue;
        if (standing == Standing::kHopeful) {
          votes[c] += weight * static_cast<Int128>(profile.weight(b));
          break;
        }
        // The rule's two truncated products, each taken on its own.
        votes[c] += arithmetic.multiply(weight, keep[c]) * static_cast<Int128>(profile.weight(b));
        weight = arithmetic.multiply(weight, arithmetic.whole(1) - keep[c]);
        if (weight == 0) break;
      }
    }
    for (std::size_t c = 0; c < n; ++c) {
      if (step.standings[c].standing == Standing::kDefeated) continue;
      EXPECT_EQ(arithmetic.text(votes[c]), step.standings[c].votes)
          << "candidate " << c << " in round " << step.round;
    }
    most_entered = std::max(most_entered, entered);
  }
  return most_entered;
}

// Rankings of 10 of 30 candidates fit one word of the tree's sort. The election is large
// enough that the last recounts walk more than 2^18 nodes of the tree, in two parts on two
// threads where the machine has them.
TEST(Meek, LargeRecountsMatchABallotByBallotWalk) {
  const Profile profile = skewed_rankings(320'000, 10, 10, 11);
  EXPECT_GE(expect_recounts_match_a_ballot_by_ballot_walk(profile, 10), std::size_t{1} << 18);
}

// Rankings of 1 to 30 candidates: those past 12 ranks take more than one word, so the tree is
// sorted word by word from rankings of every length.
TEST(Meek, RecountsOfLongRankingsMatchABallotByBallotWalk) {
  const Profile profile = skewed_rankings(30'000, 1, 30, 12);
  expect_recounts_match_a_ballot_by_ballot_walk(profile, 7);
}

// A count stops when its control says so: Meek and Warren at a recount, the other rules before
// they start.
TEST(Stv, AStopRequestedBeforeTheCountCancelsIt) {
  const Profile profile = from_blt(kSmall);
  StopToken stop;
  stop.request_stop();
  const RunControl control{.stop = &stop};
  for (Rule r : {Rule::kScottish, Rule::kWigm, Rule::kQpq, Rule::kMeek, Rule::kWarren}) {
    EXPECT_THAT(stv::count(profile, rule(r, 2), control).status(),
                StatusIs(Code::kCancelled, HasSubstr("the count: stopped after")))
        << rule_name(r);
  }
}

// The progress callback is called at every recount, numbered from 1, and watching changes
// nothing; a callback that refuses stops the count at that recount.
TEST(Meek, ProgressCountsRecountsAndCanStopTheCount) {
  const Profile profile = skewed_rankings(2'000, 1, 10, 5);
  Options options = rule(Rule::kMeek, 5);
  std::vector<std::uint64_t> seen;
  RunControl control{.progress =
                         [&](std::uint64_t done) {
                           seen.push_back(done);
                           return true;
                         },
                     .interval = std::chrono::milliseconds(0)};
  ASSERT_OK_AND_ASSIGN(Count watched, stv::count(profile, options, control));
  ASSERT_OK_AND_ASSIGN(Count unwatched, stv::count(profile, options));
  EXPECT_EQ(io::stv_count_to_json(watched), io::stv_count_to_json(unwatched));
  const auto iterations = std::count_if(watched.steps.begin(), watched.steps.end(),
                                        [](const Step& s) { return s.action == Action::kIterate; });
  ASSERT_GE(seen.size(), static_cast<std::size_t>(iterations));
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], i + 1);

  control.progress = [](std::uint64_t done) { return done < 3; };
  EXPECT_THAT(stv::count(profile, options, control).status(),
              StatusIs(Code::kCancelled, HasSubstr("stopped after 3 steps")));
  options.arithmetic = Arithmetic::kRational;
  EXPECT_THAT(stv::count(profile, options, control).status(),
              StatusIs(Code::kCancelled, HasSubstr("stopped after 3 steps")));
}

// Rational Meek on this ward runs for over a minute; a stop requested from another thread
// ends it (checked at every recount and while a recount adds up its paths).
TEST(Meek, AStopFromAnotherThreadEndsALongRationalCount) {
  auto file = io::read_blt_file(std::string(PARTICIPA_CONFORMANCE_DIR) +
                                "/stv/droop/blt/scotland/Garscadden-Scotsounhill-2007.blt");
  ASSERT_TRUE(file.ok()) << file.status();
  Options options = rule(Rule::kMeek, file->seats);
  options.arithmetic = Arithmetic::kRational;
  StopToken stop;
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop.request_stop();
  });
  const absl::StatusOr<Count> count = stv::count(file->profile, options, {.stop = &stop});
  stopper.join();
  EXPECT_THAT(count.status(), StatusIs(Code::kCancelled, HasSubstr("the count: stopped after")));
}

}  // namespace
}  // namespace participa::tally::stv
