// Every error the counting layer reports: code, a message naming the problem, and no change
// to the state it was asked to modify.
#include <functional>
#include <limits>

#include "gtest/gtest.h"
#include "participa/tally/method.hpp"
#include "participa/tally/pairwise.hpp"
#include "participa/tally/profile_builder.hpp"
#include "profiles.hpp"
#include "status_matchers.hpp"

namespace participa::tally {
namespace {

using ::participa::testing::ranked;
using ::participa::testing::StatusIs;
using ::testing::HasSubstr;
using Code = absl::StatusCode;

struct ErrorCase {
  std::string name;
  std::function<absl::Status()> run;
  Code code;
  std::string message;
};

const std::vector<std::string> kABC = {"A", "B", "C"};

// Adds a ballot to a fresh builder and checks the builder did not change.
absl::Status add_to(BallotKind kind, std::vector<Candidate> marks, std::vector<std::int32_t> values,
                    std::uint64_t count = 1) {
  ProfileBuilder p = ProfileBuilder::create(kABC, kind).value();
  Candidate a[] = {0};
  std::int32_t v[] = {1};
  EXPECT_TRUE(p.add(BallotView{a, has_values(kind) ? std::span<const std::int32_t>(v)
                                                   : std::span<const std::int32_t>()})
                  .ok());
  ProfileBuilder before = p;
  absl::Status s = p.add(BallotView{marks, values}, count);
  EXPECT_EQ(p.build(), before.build()) << "state changed by a refused ballot";
  return s;
}

absl::Status validate(Contest contest, std::vector<Candidate> marks,
                      std::vector<std::int32_t> values) {
  return contest.validate(BallotView{marks, values}, 17);
}

absl::Status count(std::string method, const Profile& p, Options o = {}) {
  return MethodRegistry::with_builtins().count(method, p, o).status();
}

Options with(std::string key, std::string value) {
  Options o;
  o.parameters[key] = value;
  return o;
}

const Contest kRanked{
    .candidates = kABC, .kind = BallotKind::kRanked, .max_choices = 2, .allow_equal_ranks = false};
const Contest kScore{
    .candidates = kABC, .kind = BallotKind::kScore, .min_score = 0, .max_score = 5};
const Contest kPoints{.candidates = kABC, .kind = BallotKind::kCumulative, .points_budget = 10};
const Contest kSingle{.candidates = kABC, .kind = BallotKind::kSingleChoice};

std::vector<ErrorCase> cases() {
  Profile ranked_profile = ranked(kABC, {{1, "A>B"}});
  Profile approval_profile = ProfileBuilder::create(kABC, BallotKind::kApproval)->build();
  return {
      {"duplicate candidate",
       [] {
         return ProfileBuilder::create({"A", "A"}, BallotKind::kRanked).status();
       },
       Code::kInvalidArgument, "candidate 'A' is listed twice"},
      {"empty candidate name",
       [] {
         return ProfileBuilder::create({"A", ""}, BallotKind::kRanked).status();
       },
       Code::kInvalidArgument, "empty name"},
      {"too many candidates",
       [] {
         return ProfileBuilder::create(std::vector<std::string>(Profile::kMaxCandidates + 1, "x"),
                                       BallotKind::kRanked)
             .status();
       },
       Code::kOutOfRange, "exceed the limit"},
      {"add to a builder without candidates",
       [] {
         ProfileBuilder p{Profile()};
         Candidate a[] = {0};
         return p.add(a);
       },
       Code::kFailedPrecondition, "ProfileBuilder::create"},
      {"unknown candidate",
       [] {
         return add_to(BallotKind::kRanked, {0, 7}, {});
       },
       Code::kInvalidArgument, "unknown candidate #7"},
      {"candidate marked twice",
       [] {
         return add_to(BallotKind::kRanked, {1, 1}, {});
       },
       Code::kInvalidArgument, "marks 'B' twice"},
      {"ranks out of order",
       [] {
         return add_to(BallotKind::kRanked, {0, 1}, {2, 1});
       },
       Code::kInvalidArgument, "out of order at 'B'"},
      {"values on approval ballots", [] { return add_to(BallotKind::kApproval, {0}, {1}); },
       Code::kInvalidArgument, "carry no values"},
      {"score without values",
       [] {
         return add_to(BallotKind::kScore, {0, 1}, {});
       },
       Code::kInvalidArgument, "needs a value for every mark"},
      {"value count mismatch",
       [] {
         return add_to(BallotKind::kRanked, {0, 1}, {0});
       },
       Code::kInvalidArgument, "2 marks but 1 values"},
      {"two marks on a single-choice ballot",
       [] {
         return add_to(BallotKind::kSingleChoice, {0, 1}, {});
       },
       Code::kInvalidArgument, "single-choice ballot marks 2"},
      {"more marks than candidates",
       [] {
         return add_to(BallotKind::kApproval, {0, 1, 2, 0}, {});
       },
       Code::kInvalidArgument, "cannot fit 3 candidates"},
      {"total weight overflow",
       [] {
         return add_to(BallotKind::kRanked, {0}, {}, std::numeric_limits<std::uint64_t>::max());
       },
       Code::kOutOfRange, "overflow"},
      {"merge other candidates",
       [ranked_profile] {
         Profile p = ranked_profile;
         return p.merge(ranked({"X", "Y"}, {{1, "X"}}));
       },
       Code::kInvalidArgument, "other candidates"},
      {"contest: unknown candidate", [] { return validate(kRanked, {5}, {}); },
       Code::kInvalidArgument, "ballot 17: unknown candidate #5"},
      {"contest: ranked twice",
       [] {
         return validate(kRanked, {0, 0}, {});
       },
       Code::kInvalidArgument, "ranks 'A' twice"},
      {"contest: too many choices",
       [] {
         return validate(kRanked, {0, 1, 2}, {});
       },
       Code::kOutOfRange, "more than the 2 allowed"},
      {"contest: equal ranks forbidden",
       [] {
         return validate(kRanked, {0, 1}, {0, 0});
       },
       Code::kInvalidArgument, "ranks 'A' and 'B' equal"},
      {"contest: ranks out of order",
       [] {
         return validate(kRanked, {0, 1}, {1, 0});
       },
       Code::kInvalidArgument, "out of order at 'B'"},
      {"contest: score out of range", [] { return validate(kScore, {2}, {6}); },
       Code::kInvalidArgument, "scores 'C' 6, outside 0..5"},
      {"contest: score missing", [] { return validate(kScore, {2}, {}); }, Code::kInvalidArgument,
       "needs a score"},
      {"contest: negative points", [] { return validate(kPoints, {0}, {-1}); },
       Code::kInvalidArgument, "negative points"},
      {"contest: points over budget",
       [] {
         return validate(kPoints, {0, 1}, {6, 5});
       },
       Code::kOutOfRange, "spends 11 points, more than the 10"},
      {"contest: two single choices",
       [] {
         return validate(kSingle, {0, 1}, {});
       },
       Code::kOutOfRange, "single-choice ballot"},
      {"contest: values on single choice", [] { return validate(kSingle, {0}, {3}); },
       Code::kInvalidArgument, "carry no values"},
      {"unknown ballot kind", [] { return parse_ballot_kind("borda").status(); },
       Code::kInvalidArgument,
       "ballot kind 'borda' is not single-choice, approval, ranked, score or cumulative"},
      {"unknown tie-break policy", [] { return parse_tie_break_policy("coin").status(); },
       Code::kInvalidArgument,
       "tie-break policy 'coin' is not report, candidate-order, permutation"},
      {"permutation too short",
       [] {
         return TieBreaker::create({TieBreakPolicy::kPermutation, {0, 1}, 0}, 3).status();
       },
       Code::kInvalidArgument, "lists 2 candidates; the contest has 3"},
      {"permutation repeats a candidate",
       [] {
         return TieBreaker::create({TieBreakPolicy::kPermutation, {0, 1, 1}, 0}, 3).status();
       },
       Code::kInvalidArgument, "candidate #1 twice"},
      {"permutation names a stranger",
       [] {
         return TieBreaker::create({TieBreakPolicy::kPermutation, {0, 1, 9}, 0}, 3).status();
       },
       Code::kInvalidArgument, "#9, which does not exist"},
      {"unknown method", [ranked_profile] { return count("stv-meek", ranked_profile); },
       Code::kNotFound, "no counting method 'stv-meek'"},
      {"wrong ballot kind", [approval_profile] { return count("irv", approval_profile); },
       Code::kInvalidArgument, "irv counts ranked or single-choice ballots, not approval"},
      {"seats below one",
       [approval_profile] {
         Options o;
         o.seats = 0;
         return count("approval", approval_profile, o);
       },
       Code::kInvalidArgument, "seats must be at least 1"},
      {"seats on a single-winner method",
       [ranked_profile] {
         Options o;
         o.seats = 2;
         return count("irv", ranked_profile, o);
       },
       Code::kInvalidArgument, "irv elects one winner"},
      {"unknown parameter",
       [ranked_profile] { return count("irv", ranked_profile, with("quota", "droop")); },
       Code::kInvalidArgument, "irv has no parameter 'quota'"},
      {"bad borda variant",
       [ranked_profile] { return count("borda", ranked_profile, with("variant", "modified")); },
       Code::kInvalidArgument, "borda variant 'modified'"},
      {"bad borda max_rank",
       [ranked_profile] {
         Options o = with("variant", "truncated");
         o.parameters["max_rank"] = "-2";
         return count("borda", ranked_profile, o);
       },
       Code::kInvalidArgument, "max_rank '-2'"},
      {"bad unranked convention",
       [ranked_profile] { return count("schulze", ranked_profile, with("unranked", "above")); },
       Code::kInvalidArgument, "unranked 'above'"},
      {"bad score variant",
       [] {
         return count("score", ::participa::testing::scored(kABC, {{1, {{"A", 1}}}}),
                      with("variant", "median"));
       },
       Code::kInvalidArgument, "score variant 'median'"},
      {"register a nameless method",
       [] {
         auto r = MethodRegistry::with_builtins();
         return r.add(MethodInfo{});
       },
       Code::kInvalidArgument, "needs a name"},
      {"register without a count function",
       [] {
         auto r = MethodRegistry::with_builtins();
         MethodInfo m;
         m.name = "x";
         return r.add(m);
       },
       Code::kInvalidArgument, "has no count function"},
      {"register a taken name",
       [] {
         auto r = MethodRegistry::with_builtins();
         MethodInfo m = **r.find("irv");
         return r.add(m);
       },
       Code::kAlreadyExists, "'irv' is already registered"},
  };
}

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class CountingErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(CountingErrors, ReportsACodeAndAMessageNamingTheProblem) {
  const ErrorCase& c = GetParam();
  EXPECT_THAT(c.run(), StatusIs(c.code, HasSubstr(c.message))) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Table, CountingErrors, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<ErrorCase>& param) {
                           std::string name = param.param.name;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace participa::tally
