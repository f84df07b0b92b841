// Malformed forms and response files, each refused with its status code and a message that names
// the fault. Rows are grouped by what is read: a form (JSON or built in C++), JSONL responses, CSV
// responses.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "participa/io/questionnaire.hpp"

namespace participa::io {
namespace {

using questionnaire::Questionnaire;
using ::testing::HasSubstr;

struct Row {
  std::string name;
  std::string input;
  absl::StatusCode code;
  std::string message;
};

// A question in JSON: type, English body, then any more fields.
std::string question(std::string_view type, std::string_view body, std::string_view more = "") {
  return str_cat(R"({"type": ")", type, R"(", "body": {"en": ")", body, R"("})",
                 more.empty() ? "" : ", ", more, "}");
}

std::string form(std::initializer_list<std::string> questions) {
  std::string out = R"({"format_version": 1, "title": {"en": "Park"}, "questions": [)";
  bool first = true;
  for (const std::string& q : questions) {
    if (!first) out += ", ";
    out += q;
    first = false;
  }
  return out + "]}";
}

const std::string kTwo = R"("options": [{"body": {"en": "A"}}, {"body": {"en": "B"}}])";
const std::string kText = question("short-text", "Name");

std::vector<Row> form_rows() {
  using enum absl::StatusCode;
  const std::string single = question("single-option", "Pick", kTwo);
  return {
      {"not JSON", "{", kInvalidArgument, "not a valid participa.v1.Questionnaire JSON"},
      {"unknown field", R"({"format_version": 1, "titel": {}})", kInvalidArgument,
       "not a valid participa.v1.Questionnaire JSON"},
      {"no format version", R"({"title": {"en": "Park"}})", kInvalidArgument,
       "format_version 0 is not 1"},
      {"unknown type", form({question("dropdown", "Pick", kTwo)}), kInvalidArgument,
       "question 1: type 'dropdown' is not short-text, long-text"},
      {"unknown condition kind",
       form({single,
             question("short-text", "Why", R"("conditions": [{"question": 1, "kind": "is"}])")}),
       kInvalidArgument, "question 2 condition 1: kind 'is' is not answered, not-answered"},
      {"condition without question",
       form({single, question("short-text", "Why", R"("conditions": [{"kind": "answered"}])")}),
       kInvalidArgument, "question 2 condition 1: question is required (from 1)"},
      {"equal without option",
       form({single,
             question("short-text", "Why", R"("conditions": [{"question": 1, "kind": "equal"}])")}),
       kInvalidArgument, "equal needs an option number (from 1)"},
      {"answered with option",
       form({single,
             question("short-text", "Why",
                      R"("conditions": [{"question": 1, "kind": "answered", "option": 2}])")}),
       kInvalidArgument, "answered takes no option (option 2 given)"},
      {"forward condition",
       form(
           {single,
            question("short-text", "Why", R"("conditions": [{"question": 3, "kind": "answered"}])"),
            kText}),
       kInvalidArgument, "question 2 condition 1: points to question 3, which is not an earlier"},
      {"condition on itself",
       form({single, question("short-text", "Why",
                              R"("conditions": [{"question": 2, "kind": "answered"}])")}),
       kInvalidArgument, "points to question 2, which is not an earlier question"},
      {"first question conditioned",
       form({question("short-text", "Why",
                      R"("conditions": [{"question": 1, "kind": "answered"}])")}),
       kInvalidArgument, "question 1: is the first question and cannot have display conditions"},
      {"sorting as source",
       form({question("sorting", "Rank", kTwo),
             question("short-text", "Why",
                      R"("conditions": [{"question": 1, "kind": "answered"}])")}),
       kInvalidArgument, "a sorting question, which cannot decide what is shown"},
      {"option beyond the source's",
       form({single, question("short-text", "Why",
                              R"("conditions": [{"question": 1, "kind": "equal", "option": 5}])")}),
       kInvalidArgument, "names option 5 of question 1, which has 2"},
      {"equal on a text source",
       form({kText, question("short-text", "Why",
                             R"("conditions": [{"question": 1, "kind": "equal", "option": 1}])")}),
       kInvalidArgument, "equal needs an option, and question 1 has none"},
      {"match without pattern",
       form({kText,
             question("short-text", "Why", R"("conditions": [{"question": 1, "kind": "match"}])")}),
       kInvalidArgument, "match needs a pattern"},
      {"pattern on answered",
       form({kText,
             question("short-text", "Why",
                      R"("conditions": [{"question": 1, "kind": "answered", "pattern": "x"}])")}),
       kInvalidArgument, "answered takes no pattern ('x' given)"},
      {"one option",
       form({question("single-option", "Pick", R"("options": [{"body": {"en": "A"}}])")}),
       kInvalidArgument, "question 1: needs at least 2 options, not 1"},
      {"same option twice",
       form({question("multiple-option", "Pick",
                      R"("options": [{"body": {"en": "A"}}, {"body": {"en": "A"}}])")}),
       kInvalidArgument, "options 1 and 2 are both 'A'"},
      {"empty option",
       form({question("single-option", "Pick",
                      R"("options": [{"body": {"en": "A"}}, {"body": {}}])")}),
       kInvalidArgument, "question 1 option 2: is required"},
      {"options on text", form({question("short-text", "Name", kTwo)}), kInvalidArgument,
       "question 1: is a short-text question and takes no options"},
      {"rows on single option",
       form({question("single-option", "Pick", kTwo + R"(, "rows": [{"body": {"en": "R"}}])")}),
       kInvalidArgument, "is a single-option question and takes no rows"},
      {"matrix without rows", form({question("matrix-single", "Rate", kTwo)}), kInvalidArgument,
       "question 1: needs at least 1 row, not 0"},
      {"max_choices 1", form({question("multiple-option", "Pick", kTwo + R"(, "max_choices": 1)")}),
       kInvalidArgument, "max_choices 1 must be between 2 and the number of options (2)"},
      {"max_choices over options",
       form({question("multiple-option", "Pick", kTwo + R"(, "max_choices": 3)")}),
       kInvalidArgument, "max_choices 3 must be between 2 and the number of options (2)"},
      {"max_choices on single",
       form({question("single-option", "Pick", kTwo + R"(, "max_choices": 2)")}), kInvalidArgument,
       "is a single-option question and takes no max_choices"},
      {"max_characters on sorting",
       form({question("sorting", "Rank", kTwo + R"(, "max_characters": 10)")}), kInvalidArgument,
       "is a sorting question and takes no max_characters"},
      {"free text on sorting",
       form({question(
           "sorting", "Rank",
           R"("options": [{"body": {"en": "A"}, "free_text": true}, {"body": {"en": "B"}}])")}),
       kInvalidArgument, "option 1 takes free text, which only single- and multiple-option"},
      {"free text on a row",
       form({question("matrix-single", "Rate",
                      kTwo + R"(, "rows": [{"body": {"en": "R"}, "free_text": true}])")}),
       kInvalidArgument, "question 1: row 1 takes no free text (options do)"},
      {"option over two lines",
       form({question("single-option", "Pick",
                      R"("options": [{"body": {"en": "A\nB"}}, {"body": {"en": "C"}}])")}),
       kInvalidArgument, "question 1 option 1: in 'en' is not one line"},
      {"mandatory separator", form({kText, R"({"type": "separator", "mandatory": true})"}),
       kInvalidArgument, "question 2: is a separator and cannot be mandatory"},
      {"separator with body", form({kText, question("separator", "Page 2")}), kInvalidArgument,
       "question 2: is a separator and takes no body"},
      {"published separator", form({kText, R"({"type": "separator", "results_published": true})"}),
       kInvalidArgument, "is a separator and has no results to publish"},
      {"title-and-description without body", form({R"({"type": "title-and-description"})"}),
       kInvalidArgument, "question 1 body: is required"},
      {"no title", R"({"format_version": 1, "questions": [)" + kText + "]}", kInvalidArgument,
       "title: is required"},
      {"text not in the default language",
       R"({"format_version": 1, "default_language": "ca", "title": {"en": "Park"}, "questions": [)" +
           kText + "]}",
       kInvalidArgument, "title: has no text in its default language 'ca'"},
      {"vendor type not registered",
       form({R"({"type": "vendor", "vendor_type": "scale", "body": {"en": "Rate"}})"}),
       kInvalidArgument, "vendor type 'scale' is not registered"},
      {"vendor_type on a built-in type",
       form({question("short-text", "Name", R"("vendor_type": "scale")")}), kInvalidArgument,
       "vendor_type 'scale' applies to vendor questions only"},
      {"no questions", form({}), kInvalidArgument, "the form: has no questions"},
      {"Latin-1 bytes", form({question("short-text", "Caf\xE9")}), kInvalidArgument, "not UTF-8"},
  };
}

TEST(BadForms, EachIsRefusedWithItsReason) {
  for (const Row& row : form_rows()) {
    SCOPED_TRACE(row.name);
    auto q = questionnaire_from_json(row.input);
    ASSERT_FALSE(q.ok());
    EXPECT_EQ(q.status().code(), row.code) << q.status();
    EXPECT_THAT(q.status().message(), HasSubstr(row.message));
  }
}

TEST(BadForms, TooManyQuestionsIsOutOfRange) {
  questionnaire::Form big{.title = questionnaire::Text("Park")};
  big.questions.resize(questionnaire::kMaxQuestions + 1, {.body = questionnaire::Text("Name")});
  auto q = Questionnaire::create(big);
  EXPECT_EQ(q.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(q.status().message(), HasSubstr("a form of 1001 questions is over 1000"));
}

TEST(BadForms, TextsShareTheFormsDefaultLanguage) {
  questionnaire::Form mixed{.title = questionnaire::Text("Park"),
                            .questions = {{.body = questionnaire::Text("Nom", "fr")}}};
  auto q = Questionnaire::create(mixed);
  EXPECT_THAT(q.status().message(),
              HasSubstr("question 1 body: has default language 'fr'; the form's is 'en'"));
}

// The form the response rows are read against: 1 single option (A, B, Other with free text),
// 2 matrix (rows R1, R2), 3 short text.
Questionnaire response_form() {
  auto q = questionnaire_from_json(
      form({question("single-option", "Pick",
                     R"("options": [{"body": {"en": "A"}}, {"body": {"en": "B"}},)"
                     R"( {"body": {"en": "Other"}, "free_text": true}])"),
            question("matrix-single", "Rate",
                     kTwo + R"(, "rows": [{"body": {"en": "R1"}}, {"body": {"en": "R2"}}])"),
            kText}));
  EXPECT_TRUE(q.ok()) << q.status();
  return *q;
}

TEST(BadResponses, JsonLinesAreRefusedWithTheirLine) {
  using enum absl::StatusCode;
  const std::string good = R"({"respondent": "r1", "answers": [{"question": 3, "text": "x"}]})";
  const std::vector<Row> rows = {
      {"not JSON", good + "\n{", kInvalidArgument, "in.jsonl:2: not a valid response"},
      {"unknown field", R"({"respondent": "r1", "answer": []})", kInvalidArgument,
       "in.jsonl:1: not a valid response"},
      {"question 0", R"({"respondent": "r1", "answers": [{"text": "x"}]})", kInvalidArgument,
       "in.jsonl:1: question 0 does not exist (the form has 3, numbered from 1)"},
      {"question beyond the form", R"({"respondent": "r1", "answers": [{"question": 9}]})",
       kInvalidArgument, "question 9 does not exist (the form has 3"},
      {"question twice",
       R"({"respondent": "r1", "answers": [{"question": 3, "text": "x"}, {"question": 3}]})",
       kInvalidArgument, "question 3 is answered twice"},
      {"choice without option",
       R"({"respondent": "r1", "answers": [{"question": 1, "choices": [{}]}]})", kInvalidArgument,
       "question 1: a choice needs an option number (from 1)"},
      {"matrix choice without row",
       R"({"respondent": "r1", "answers": [{"question": 2, "choices": [{"option": 1}]}]})",
       kInvalidArgument, "question 2: a choice needs a row number (from 1)"},
      {"row outside a matrix",
       R"({"respondent": "r1", "answers": [{"question": 1, "choices": [{"option": 1, "row": 1}]}]})",
       kInvalidArgument, "question 1 has no rows (row 1 given)"},
      {"no respondent", R"({"answers": []})", kInvalidArgument,
       "in.jsonl:1: respondent is required"},
      {"respondent not a string", R"({"respondent": 5})", kInvalidArgument,
       "in.jsonl:1: not a valid response: respondent is not a string"},
      {"question number over 32 bits",
       R"({"respondent": "r1", "answers": [{"question": 4294967296}]})", kInvalidArgument,
       "question is not a whole number from 0 to 4294967295"},
      {"negative option",
       R"({"respondent": "r1", "answers": [{"question": 1, "choices": [{"option": -1}]}]})",
       kInvalidArgument, "option is not a whole number"},
      {"answers not a list", R"({"respondent": "r1", "answers": {}})", kInvalidArgument,
       "answers is not a list"},
      {"respondent twice", good + "\n\n" + good, kInvalidArgument,
       "in.jsonl:3: respondent 'r1' is listed again (first on line 1)"},
      {"Latin-1 bytes",
       R"({"respondent": "r1", "answers": [{"question": 3, "text": "caf)"
       "\xE9"
       R"("}]})",
       kInvalidArgument, "not UTF-8"},
  };
  const Questionnaire q = response_form();
  ASSERT_TRUE(read_responses_jsonl(good, q, "in.jsonl").ok());
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    auto read = read_responses_jsonl(row.input, q, "in.jsonl");
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.status().code(), row.code) << read.status();
    EXPECT_THAT(read.status().message(), HasSubstr(row.message));
  }
}

TEST(BadResponses, CsvIsRefusedWithItsLineAndColumn) {
  using enum absl::StatusCode;
  const std::string header =
      "respondent,1. Pick,1. Pick / Other,2. Rate / R1,2. Rate / R2,3. Name\n";
  const std::vector<Row> rows = {
      {"empty", "", kInvalidArgument, "in.csv:1: no header row"},
      {"no respondent column", "1. Pick,1. Pick / Other,2. Rate / R1,2. Rate / R2,3. Name\n",
       kInvalidArgument, "in.csv:1: no 'respondent' column"},
      {"unknown column", "respondent,1. Pick,Age\n", kInvalidArgument,
       "in.csv:1: column 'Age' is not a column of this form"},
      {"column twice", "respondent,1. Pick,1. Pick\n", kInvalidArgument,
       "in.csv:1: column '1. Pick' appears twice"},
      {"missing column", "respondent,1. Pick,1. Pick / Other,2. Rate / R1,3. Name\n",
       kInvalidArgument, "in.csv:1: column '2. Rate / R2' is missing"},
      {"short row", header + "r1,A\n", kInvalidArgument,
       "in.csv:2: row has 2 cells; the header has 6"},
      {"unknown option", header + "r1,Tram,,,,\n", kInvalidArgument,
       "in.csv:2: column '1. Pick': 'Tram' is not an option of the question"},
      {"free text without its option", header + "r1,A,Tram,,,\n", kInvalidArgument,
       "in.csv:2: column '1. Pick / Other': free text for 'Other', which is not chosen"},
      {"quote never closed", header + "r1,\"A,,,,\n", kInvalidArgument,
       "in.csv:2: a quoted cell is never closed"},
      {"respondent twice", header + "r1,A,,,,\n\"r2\",B,,,,\nr1,B,,,,\n", kInvalidArgument,
       "in.csv:4: respondent 'r1' is listed again (first on line 2)"},
      {"empty respondent", header + ",A,,,,\n", kInvalidArgument,
       "in.csv:2: respondent is required"},
  };
  const Questionnaire q = response_form();
  auto fine = read_responses_csv(header + "r1,\"Other\",Tram,A,B,\"x, y\"\n", q, "in.csv");
  ASSERT_TRUE(fine.ok()) << fine.status();
  ASSERT_EQ(fine->size(), 1u);
  EXPECT_EQ((*fine)[0].response.answers[0].choices[0].free_text, "Tram");
  EXPECT_EQ((*fine)[0].response.answers[2].text, "x, y");
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    auto read = read_responses_csv(row.input, q, "in.csv");
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.status().code(), row.code) << read.status();
    EXPECT_THAT(read.status().message(), HasSubstr(row.message));
  }
}

// A quote opened and never closed makes the rest of the file one cell: read once, then refused
// (reading it again for every line would take hours on a large file).
TEST(BadResponses, AnUnclosedQuoteIsReadOnce) {
  const Questionnaire q = response_form();
  std::string text =
      "respondent,1. Pick,1. Pick / Other,2. Rate / R1,2. Rate / R2,3. Name\n"
      "r1,A,,,,\"never closed\n";
  for (int i = 0; i < 200'000; ++i) text += "r,A,,,,x\n";
  auto read = read_responses_csv(text, q, "in.csv");
  EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(read.status().message(), HasSubstr("in.csv:2: a quoted cell is never closed"));
}

TEST(BadResponses, FilesAreReadByExtensionOnly) {
  const Questionnaire q = response_form();
  auto read = read_responses_file("responses.txt", q);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(read.status().message(), HasSubstr("responses are read from .jsonl or .csv files"));
  EXPECT_EQ(read_responses_file("/nonexistent/responses.csv", q).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace participa::io
