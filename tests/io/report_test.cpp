// Result pages: what report_page refuses, that every text from a result is escaped, and that the
// tables hold each number exactly as the JSON gives it. The browser reads the pages back in
// tests/python/test_report.py.
#include "participa/io/report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "participa/io/elections.hpp"
#include "participa/io/json.hpp"
#include "participa/io/pabulib.hpp"
#include "participa/pb/registry.hpp"
#include "participa/tally/method.hpp"
#include "participa/tally/profile_builder.hpp"
#include "status_matchers.hpp"

namespace participa::testing {
namespace {

namespace el = participa::components::elections;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(ReportPage, RefusesWhatIsNotAResult) {
  EXPECT_THAT(io::report_page("{"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not JSON")));
  EXPECT_THAT(io::report_page("[1, 2]"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a JSON object")));
  EXPECT_THAT(io::report_page(R"({"answer": 42})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a result participa")));
  EXPECT_THAT(io::report_page(R"({"method": "irv", "candidates": [], "rounds": [{"tally": []}],
                                  "winners": []})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'number'")));
  EXPECT_THAT(io::report_page(R"({"method": "irv", "candidates": [], "winners": [],
                                  "rounds": [{"number": 1, "tally": [{"candidate": "A",
                                  "votes": "many"}]}]})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("count 'many'")));
  EXPECT_THAT(io::report_page(R"({"kind": "election-results", "title": "T",
                                  "channels": ["online"], "stations": [], "warnings": [],
                                  "superseded": 0, "questions": [{"position": 0, "title": "Q",
                                  "kind": "single-choice", "method": "plurality",
                                  "options": [{"option": "A", "votes": [1, 2]}]}]})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'votes'")));
}

// A count whose names are markup: the page shows them as text.
TEST(ReportPage, EscapesEveryTextAndKeepsExactNumbers) {
  auto profile = tally::ProfileBuilder::create(
      {"<script>alert(1)</script>", "Ben & Co", "\"Cleo\""}, tally::BallotKind::kRanked);
  ASSERT_THAT(profile, IsOk());
  const std::vector<std::vector<tally::Candidate>> ballots = {{0, 1}, {0}, {1, 2}, {2, 1}};
  for (const auto& ballot : ballots) ASSERT_THAT(profile->add(ballot), IsOk());
  auto result = tally::MethodRegistry::with_builtins().count("irv", profile->build(), {});
  ASSERT_THAT(result, IsOk());
  auto page = io::report_page(io::result_to_json(*result));
  ASSERT_THAT(page, IsOk());
  EXPECT_THAT(*page, Not(HasSubstr("<script>")));
  EXPECT_THAT(*page, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(*page, HasSubstr("Ben &amp; Co"));
  EXPECT_THAT(*page, Not(HasSubstr("http")));  // nothing fetched from anywhere

  // An exact fraction stays as the JSON writes it.
  auto fractional = io::report_page(R"({"method": "score", "candidates": ["A"],
      "winners": ["A"], "rounds": [{"number": 1, "tally": [{"candidate": "A",
      "votes": "7/3"}], "elected": ["A"], "eliminated": []}]})");
  ASSERT_THAT(fractional, IsOk());
  EXPECT_THAT(*fractional, HasSubstr(R"(<td class="votes">7/3</td>)"));
}

// A pairwise method's page: a cell per pair with the ballots ranking the row above the column
// (the 3-voter cycle worked out by hand: A over B on 2 ballots, B over C on 2, C over A on 2),
// and counts that do not make a square are refused.
TEST(ReportPage, APairwiseCountShowsItsHeadToHeadMatrix) {
  auto profile = tally::ProfileBuilder::create({"A", "B", "C"}, tally::BallotKind::kRanked);
  ASSERT_THAT(profile, IsOk());
  const std::vector<std::vector<tally::Candidate>> ballots = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}};
  for (const auto& ballot : ballots) ASSERT_THAT(profile->add(ballot), IsOk());
  const tally::Profile cycle = profile->build();
  auto result = tally::MethodRegistry::with_builtins().count("copeland", cycle, {});
  ASSERT_THAT(result, IsOk());
  auto page = io::report_page(io::result_to_json(*result));
  ASSERT_THAT(page, IsOk());
  EXPECT_THAT(*page, HasSubstr(R"(<tr data-candidate="A"><th scope="row">1. A</th>)"
                               R"(<td class="self" data-against="A">—</td>)"
                               R"(<td class="wins" data-against="B">2</td>)"
                               R"(<td class="loses" data-against="C">1</td></tr>)"));
  EXPECT_THAT(*page, HasSubstr("<title>C over A: 2 to 1</title>"));

  auto irv = tally::MethodRegistry::with_builtins().count("irv", cycle, {});
  ASSERT_THAT(irv, IsOk());
  auto irv_page = io::report_page(io::result_to_json(*irv));
  ASSERT_THAT(irv_page, IsOk());
  EXPECT_THAT(*irv_page, Not(HasSubstr("Head to head")));

  EXPECT_THAT(io::report_page(R"({"method": "copeland", "candidates": ["A", "B"], "winners": [],
                                  "rounds": [], "pairwise": [{"support": ["0", "1"]}]})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("1 rows for 2 candidates")));
  EXPECT_THAT(io::report_page(R"({"method": "copeland", "candidates": ["A", "B"], "winners": [],
                                  "rounds": [], "pairwise": [{"support": ["0", "1"]},
                                  {"support": ["1"]}]})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("row 2 has 1 entries")));
}

// Rules compared on one election. Five voters, a budget of 10: the park (cost 6) is approved by
// v1, v2 and v5, the library (5) by v1 and v3, the bus stop (4) by v3 and v4. Greedy by
// approvals per unit of cost takes the park (3), cannot fit the library (2, first by id) in the
// 4 left, takes the bus stop (2): 10 spent, and every voter has a funded project.
TEST(ReportPage, RulesComparedSideBySide) {
  auto election = io::parse_pabulib(
      "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost;name\n"
      "p1;6;Park\np2;5;Library\np3;4;Bus stop\nVOTES\nvoter_id;vote\nv1;p1,p2\nv2;p1\n"
      "v3;p2,p3\nv4;p3\nv5;p1\n");
  ASSERT_THAT(election, IsOk());
  const auto registry = pb::RuleRegistry::with_builtins();
  std::vector<pb::ComparedRule> rules;
  rules.push_back({"greedy", registry.run("greedy", *election)});
  rules.push_back({"unfinished", absl::InvalidArgumentError("the rule <stopped>")});
  auto json = io::pb_comparison_json(*election, rules);
  ASSERT_THAT(json, IsOk());
  auto page = io::report_page(*json);
  ASSERT_THAT(page, IsOk());
  EXPECT_THAT(*page, HasSubstr(R"(<tr data-rule="greedy"><th scope="row">greedy</th>)"
                               R"(<td class="count">2</td><td class="total-cost">10</td>)"
                               R"(<td class="share">1</td><td class="percent">100.0 %</td></tr>)"));
  EXPECT_THAT(*page, HasSubstr(R"(<td class="error" colspan="4">the rule &lt;stopped&gt;</td>)"));
  EXPECT_THAT(*page, HasSubstr(R"(<tr data-project="p1"><th scope="row">p1</th>)"
                               R"(<td class="name">Park</td><td class="cost">6</td>)"
                               R"(<td class="supporters">3</td>)"
                               R"(<td class="funded" data-rule="greedy">funded</td></tr>)"));
  EXPECT_THAT(*page, HasSubstr(R"(<td class="supporters">2</td>)"
                               R"(<td class="not-funded" data-rule="greedy"></td></tr>)"));
  EXPECT_THAT(*page, HasSubstr("<title>p3 Bus stop: cost 4, 2 supporters, funded</title>"));

  auto other = io::parse_pabulib(
      "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\np1;6\n"
      "VOTES\nvoter_id;vote\nv1;p1\n");
  ASSERT_THAT(other, IsOk());
  rules.push_back({"elsewhere", registry.run("greedy", *other)});
  EXPECT_THAT(io::pb_comparison_json(*election, rules),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("'elsewhere' is of another election")));
}

// A survey's summary: an option question's counts and exact shares, texts escaped, and a
// question whose options are not counts refused.
TEST(ReportPage, ASurveyShowsEachQuestionAsItsSummaryCountsIt) {
  auto page = io::report_page(R"({"kind": "survey-summary", "form": "ab", "title": "Our <park>",
      "respondents": 3, "questions": [
        {"question": 1, "label": "1. Trees", "type": "multiple-option", "shown": 3,
         "answered": 3, "skipped": 0, "options": [
           {"option": "Oak", "count": 2, "share_of_answered": "2/3", "share_of_shown": "2/3"},
           {"option": "Elm", "count": 1, "share_of_answered": "1/3", "share_of_shown": "1/3",
            "free_texts": [{"value": "<b>tall</b>", "count": 1}]}]},
        {"question": 2, "label": "2. Why?", "type": "long-text", "shown": 3, "answered": 1,
         "skipped": 2, "texts": [{"value": "Shade", "count": 1}]}]})");
  ASSERT_THAT(page, IsOk());
  EXPECT_THAT(*page, HasSubstr("<title>Our &lt;park&gt;</title>"));
  EXPECT_THAT(*page, HasSubstr(R"(<tr data-option="Oak"><th scope="row">Oak</th>)"
                               R"(<td class="count">2</td><td class="share-of-answered">2/3</td>)"
                               R"(<td class="share-of-shown">2/3</td></tr>)"));
  EXPECT_THAT(*page, HasSubstr(R"(<td class="text">&lt;b&gt;tall&lt;/b&gt;</td>)"));
  EXPECT_THAT(*page, HasSubstr(R"(<td class="text">Shade</td><td class="count">1</td>)"));
  EXPECT_THAT(*page, HasSubstr("3 respondents counted"));

  EXPECT_THAT(io::report_page(R"({"kind": "survey-summary", "title": "T", "respondents": 1,
      "questions": [{"question": 1, "label": "1. Q", "type": "single-option", "shown": 1,
      "answered": 1, "skipped": 0, "options": [{"option": "A", "count": "lots",
      "share_of_answered": "1", "share_of_shown": "1"}]}]})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("count 'lots'")));
}

TEST(ReportPage, AnElectionsTablesSumTheChannels) {
  el::Results results;
  results.title = "Mayor";
  el::QuestionResult question;
  question.title = "Mayor";
  question.method = "plurality";
  question.options = {"Ana", "Ben"};
  question.votes = {{3, 1, 0, 10}, {2, 0, 1, 5}};
  question.blank = {1, 0, 0, 1};
  question.ballots = {6, 1, 1, 16};
  results.questions.push_back(question);
  results.stations.push_back({.name = "North", .issued = 17, .cast = 16, .confirmed = true});
  results.warnings.push_back("station 'North' issued 17 ballots and counted 16");
  auto page = io::report_page(io::election_results_to_json(results));
  ASSERT_THAT(page, IsOk());
  // Ana: 3 + 1 + 0 + 10 = 14; the ballots row: 6 + 1 + 1 + 16 = 24.
  EXPECT_THAT(*page, HasSubstr(R"(<td data-channel="station">10</td><td class="total">14</td>)"));
  EXPECT_THAT(*page, HasSubstr(R"(<td data-channel="station">16</td><td class="total">24</td>)"));
  EXPECT_THAT(*page, HasSubstr("no valid ballot"));  // no count was given
  EXPECT_THAT(*page, HasSubstr("station &apos;North&apos; issued 17 ballots and counted 16"));
}

}  // namespace
}  // namespace participa::testing
