// Result pages: what report_page refuses, that every text from a result is escaped, and that the
// tables hold each number exactly as the JSON gives it. The browser reads the pages back in
// tests/python/test_report.py.
#include "participa/io/report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "participa/io/elections.hpp"
#include "participa/io/json.hpp"
#include "participa/tally/method.hpp"
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
  auto profile = tally::Profile::create({"<script>alert(1)</script>", "Ben & Co", "\"Cleo\""},
                                        tally::BallotKind::kRanked);
  ASSERT_THAT(profile, IsOk());
  const std::vector<std::vector<tally::Candidate>> ballots = {{0, 1}, {0}, {1, 2}, {2, 1}};
  for (const auto& ballot : ballots) ASSERT_THAT(profile->add(ballot), IsOk());
  auto result = tally::MethodRegistry::with_builtins().count("irv", *profile, {});
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
