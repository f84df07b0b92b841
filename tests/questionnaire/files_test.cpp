// Questionnaires and responses through files: what is written reads back the same, and the
// export keeps both the chosen option and its free text.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "participa/io/questionnaire.hpp"

namespace participa::io {
namespace {

namespace q = participa::questionnaire;
using ::testing::ElementsAre;

q::Questionnaire every_type() {
  q::Form form{.title = q::Text("Park"), .salt = "salt"};
  form.title.translations["ca"] = "Parc";
  q::Question pick{.type = q::QuestionType::kSingleOption,
                   .body = q::Text("How do you come?"),
                   .mandatory = true,
                   .options = {{q::Text("Bus")}, {q::Text("Other"), true}},
                   .results_published = true};
  q::Question trees{.type = q::QuestionType::kMultipleOption,
                    .body = q::Text("Trees"),
                    .max_choices = 2,
                    .options = {{q::Text("Oak")}, {q::Text("Elm")}, {q::Text("Ash, the tall")}}};
  q::Question line{
      .type = q::QuestionType::kShortText, .body = q::Text("Which line?"), .max_characters = 20};
  line.conditions.push_back({.source = 0, .kind = q::ConditionKind::kEqual, .option = 0});
  line.conditions.push_back(
      {.source = 1, .kind = q::ConditionKind::kMatch, .pattern = "o*k", .mandatory = false});
  q::Question rank{.type = q::QuestionType::kSorting,
                   .body = q::Text("Rank"),
                   .options = {{q::Text("A")}, {q::Text("B")}}};
  q::Question rate{.type = q::QuestionType::kMatrixMultiple,
                   .body = q::Text("Rate"),
                   .options = {{q::Text("Good")}, {q::Text("Bad")}, {q::Text("Unsure")}},
                   .rows = {q::Text("Paths"), q::Text("Light")}};
  q::Question photos{.type = q::QuestionType::kFiles, .body = q::Text("Photos")};
  q::Question remarks{.type = q::QuestionType::kLongText, .body = q::Text("Remarks")};
  form.questions = {
      pick, trees,  {.type = q::QuestionType::kSeparator},
      line, rank,   {.type = q::QuestionType::kTitleAndDescription, .body = q::Text("Last")},
      rate, photos, remarks};
  auto questionnaire = q::Questionnaire::create(std::move(form));
  EXPECT_TRUE(questionnaire.ok()) << questionnaire.status();
  return *questionnaire;
}

std::vector<ResponseRow> some_rows() {
  std::vector<ResponseRow> rows(2);
  rows[0].respondent = "r1";
  rows[0].response.answers.resize(9);
  rows[0].response.answers[0].choices = {{.option = 0}};
  rows[0].response.answers[1].choices = {{.option = 2}, {.option = 0}};
  rows[0].response.answers[3].text = "7, \"express\"";
  rows[0].response.answers[4].choices = {{.option = 1}, {.option = 0}};
  rows[0].response.answers[6].choices = {
      {.option = 0, .row = 0}, {.option = 2, .row = 0}, {.option = 1, .row = 1}};
  rows[0].response.answers[7].files = {"https://example.org/a.jpg", "b.png"};
  rows[0].response.answers[8].text = "two\nlines";
  rows[1].respondent = "r,2";
  rows[1].response.answers.resize(9);
  rows[1].response.answers[0].choices = {{.option = 1, .free_text = "Tram"}};
  return rows;
}

TEST(Files, FormsReadBackWithTheSameDigest) {
  const q::Questionnaire questionnaire = every_type();
  const std::string json = questionnaire_to_json(questionnaire, /*pretty=*/true);
  auto back = questionnaire_from_json(json);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->digest(), questionnaire.digest());
  EXPECT_EQ(back->form(), questionnaire.form());
}

TEST(Files, ResponsesRoundTripThroughJsonlAndCsv) {
  const q::Questionnaire questionnaire = every_type();
  const std::vector<ResponseRow> rows = some_rows();
  for (const ResponseRow& row : rows) {
    EXPECT_THAT(q::validate(questionnaire, row.response), ElementsAre()) << row.respondent;
  }
  auto from_jsonl = read_responses_jsonl(responses_to_jsonl(questionnaire, rows), questionnaire);
  ASSERT_TRUE(from_jsonl.ok()) << from_jsonl.status();
  EXPECT_EQ(*from_jsonl, rows);
  const std::string csv = responses_to_csv(questionnaire, rows);
  auto from_csv = read_responses_csv(csv, questionnaire);
  ASSERT_TRUE(from_csv.ok()) << from_csv.status() << "\n" << csv;
  // CSV lists multiple choices in option order of the cell, as written; matrix choices come
  // back row by row. Both describe the same answers.
  ASSERT_EQ(from_csv->size(), 2u);
  EXPECT_EQ((*from_csv)[1], rows[1]);
  const q::Response& back = (*from_csv)[0].response;
  EXPECT_EQ(back.answers[1], rows[0].response.answers[1]);
  EXPECT_EQ(back.answers[3].text, "7, \"express\"");
  EXPECT_EQ(back.answers[4], rows[0].response.answers[4]);  // best first, kept in order
  EXPECT_EQ(back.answers[6], rows[0].response.answers[6]);
  EXPECT_EQ(back.answers[7], rows[0].response.answers[7]);
  EXPECT_EQ(back.answers[8].text, "two\nlines");
}

// Decidim's export once dropped the chosen option when the respondent wrote free text: here the
// option is in the question's column and the words in the option's own column.
TEST(Files, CsvKeepsTheChosenOptionAndItsFreeText) {
  const q::Questionnaire questionnaire = every_type();
  const std::string csv = responses_to_csv(questionnaire, some_rows());
  EXPECT_THAT(csv, ::testing::StartsWith(
                       "respondent,1. How do you come?,1. How do you come? / Other,2. Trees,"));
  EXPECT_THAT(csv, ::testing::HasSubstr("\r\n\"r,2\",Other,Tram,"));
}

// Open data: only question 1 has published results, so only its columns and answers are
// exported; r2's free text goes with it, r1's remarks do not.
TEST(Files, OpenDataExportsPublishedQuestionsOnly) {
  const q::Questionnaire questionnaire = every_type();
  const std::vector<ResponseRow> rows = some_rows();
  const std::string csv = responses_to_csv(questionnaire, rows, {.published_only = true});
  EXPECT_EQ(csv,
            "respondent,1. How do you come?,1. How do you come? / Other\r\n"
            "r1,Bus,\r\n"
            "\"r,2\",Other,Tram\r\n");
  const std::string jsonl = responses_to_jsonl(questionnaire, rows, {.published_only = true});
  EXPECT_EQ(jsonl.find("lines"), std::string::npos);
  EXPECT_NE(jsonl.find("Tram"), std::string::npos);
}

// Two respondents: r1 chose Bus and Oak+Ash; r2 chose Other ("Tram"). Question 4 is shown to r1
// (Bus) only. Every figure below is counted by hand from some_rows().
TEST(Files, SummaryJsonCarriesExactShares) {
  const q::Questionnaire questionnaire = every_type();
  std::vector<q::Response> responses;
  for (const ResponseRow& row : some_rows()) responses.push_back(row.response);
  const q::Tabulation t = q::tabulate(questionnaire, responses);
  ASSERT_TRUE(t.rejected.empty());
  auto summary = q::summarize(questionnaire, t.aggregate);
  ASSERT_TRUE(summary.ok());
  const boost::json::value json = boost::json::parse(summary_to_json(*summary));
  EXPECT_EQ(json.at("respondents").to_number<std::uint64_t>(), 2u);
  const auto& questions = json.at("questions").as_array();
  ASSERT_EQ(questions.size(), 7u);  // separator and title-and-description left out
  const auto& pick = questions[0].as_object();
  EXPECT_EQ(pick.at("options").at(1).at("option").as_string(), "Other");
  EXPECT_EQ(pick.at("options").at(1).at("share_of_answered").as_string(), "1/2");
  EXPECT_EQ(pick.at("options").at(1).at("free_texts").at(0).at("value").as_string(), "Tram");
  const auto& line = questions[2].as_object();
  EXPECT_EQ(line.at("question").to_number<std::uint64_t>(), 4u);
  EXPECT_EQ(line.at("shown").to_number<std::uint64_t>(), 1u);  // r1 only: Bus (mandatory condition)
  const auto& rate = questions[4].as_object();
  EXPECT_EQ(rate.at("rows").at(0).at("answered").to_number<std::uint64_t>(), 1u);
  EXPECT_EQ(rate.at("rows").at(0).at("options").at(2).at("share_of_shown").as_string(), "1/2");
  EXPECT_EQ(questions[5].at("files").to_number<std::uint64_t>(), 2u);
}

}  // namespace
}  // namespace participa::io
