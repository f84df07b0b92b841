// The questionnaire layer: forms, display conditions, validation, aggregation and merging.
// Expected figures are worked out by hand in the comments, or counted independently in the test.
#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "participa/core/mergeable.hpp"
#include "participa/questionnaire/aggregate.hpp"
#include "participa/questionnaire/conditions.hpp"
#include "participa/questionnaire/form.hpp"
#include "participa/questionnaire/respondent.hpp"
#include "participa/questionnaire/response.hpp"
#include "participa/questionnaire/summary.hpp"

namespace participa::questionnaire {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

static_assert(Mergeable<Aggregate>);
static_assert(Mergeable<CrossTabulation>);

std::vector<Option> options(std::initializer_list<const char*> names) {
  std::vector<Option> out;
  for (const char* name : names) out.push_back({Text(name)});
  return out;
}

Question single(const char* body, std::initializer_list<const char*> names) {
  return {.type = QuestionType::kSingleOption, .body = Text(body), .options = options(names)};
}

Question multiple(const char* body, std::initializer_list<const char*> names,
                  std::uint32_t max_choices = 0) {
  return {.type = QuestionType::kMultipleOption,
          .body = Text(body),
          .max_choices = max_choices,
          .options = options(names)};
}

Question text_question(const char* body, bool mandatory = false) {
  return {.type = QuestionType::kShortText, .body = Text(body), .mandatory = mandatory};
}

Questionnaire make(std::vector<Question> questions) {
  Form form{.title = Text("Our park"), .salt = "s3cret", .questions = std::move(questions)};
  auto q = Questionnaire::create(std::move(form));
  EXPECT_TRUE(q.ok()) << q.status();
  return *std::move(q);
}

Answer chose(std::initializer_list<std::uint32_t> picked) {
  Answer a;
  for (std::uint32_t o : picked) a.choices.push_back({.option = o});
  return a;
}

Answer wrote(std::string text) { return {.text = std::move(text)}; }

Response respond(std::vector<Answer> answers) { return {std::move(answers)}; }

TEST(Form, RefusesEveryProblemOfTheDefinitionAtOnce) {
  Form form{.title = Text("t")};
  form.questions.push_back(single("Only one option", {"A"}));
  form.questions.push_back({.type = QuestionType::kSeparator, .body = Text("a body")});
  form.questions.push_back(
      {.type = QuestionType::kShortText, .body = Text("q"), .options = options({"A", "B"})});
  auto q = Questionnaire::create(form);
  ASSERT_EQ(q.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(q.status().message(), HasSubstr("question 1: needs at least 2 options, not 1"));
  EXPECT_THAT(q.status().message(), HasSubstr("question 2: is a separator and takes no body"));
  EXPECT_THAT(q.status().message(),
              HasSubstr("question 3: is a short-text question and takes no options"));
}

TEST(Form, RefusesForwardAndSelfConditionsSoNoCycleCanExist) {
  Question later = text_question("b");
  later.conditions.push_back({.source = 1});
  Question first = text_question("a");
  auto q =
      Questionnaire::create({.title = Text("t"), .questions = {first, later, text_question("c")}});
  EXPECT_THAT(q.status().message(),
              HasSubstr("question 2 condition 1: points to question 2, which is not an earlier"));
  Question forward = text_question("a2");
  forward.conditions.push_back({.source = 2});
  q = Questionnaire::create(
      {.title = Text("t"), .questions = {first, forward, text_question("c")}});
  EXPECT_THAT(q.status().message(), HasSubstr("points to question 3, which is not an earlier"));
}

TEST(Form, PagesFollowSeparators) {
  auto q = make({text_question("a"),
                 {.type = QuestionType::kSeparator},
                 text_question("b"),
                 {.type = QuestionType::kSeparator},
                 text_question("c")});
  EXPECT_EQ(q.pages(), 3u);
  EXPECT_EQ(q.page(0), 0u);
  EXPECT_EQ(q.page(2), 1u);
  EXPECT_EQ(q.page(4), 2u);
}

TEST(Form, DigestChangesWithAnyQuestionDetail) {
  auto a = make({single("Entrance", {"North", "South"})});
  auto b = make({single("Entrance", {"North", "South"})});
  Question changed = single("Entrance", {"North", "South"});
  changed.options[1].free_text = true;
  auto c = make({changed});
  EXPECT_EQ(a.digest(), b.digest());
  EXPECT_NE(a.digest(), c.digest());
}

TEST(Text, FallsBackToTheDefaultLanguage) {
  Text t("Hola", "es");
  t.translations["ca"] = "Hola!";
  EXPECT_EQ(t.in("ca"), "Hola!");
  EXPECT_EQ(t.in("fr"), "Hola");
  auto q = Questionnaire::create({.title = Text{}, .questions = {text_question("a")}});
  EXPECT_THAT(q.status().message(), HasSubstr("title: is required"));
  Text missing_default;
  missing_default.translations["fr"] = "Bonjour";
  q = Questionnaire::create({.title = missing_default, .questions = {text_question("a")}});
  EXPECT_THAT(q.status().message(), HasSubstr("title: has no text in its default language 'en'"));
}

TEST(Patterns, MatchAnywhereWithoutCaseAndWithWildcards) {
  EXPECT_TRUE(pattern_matches("park", "The PARK is green"));
  EXPECT_TRUE(pattern_matches("écOLE", "Une ÉCOLE"));
  EXPECT_TRUE(pattern_matches("ΑΘΗΝΑ", "αθηνα"));
  EXPECT_TRUE(pattern_matches("МОСТ", "новый мост"));
  EXPECT_TRUE(pattern_matches("b?s", "a bus stop"));
  EXPECT_TRUE(pattern_matches("tree*bench", "trees and a bench"));
  EXPECT_FALSE(pattern_matches("tree*bench", "a bench and trees"));
  EXPECT_FALSE(pattern_matches("b?s", "a bs stop"));
  EXPECT_FALSE(pattern_matches("park", ""));
  // A pattern that makes backtracking regular expressions take exponential time ends at once.
  const std::string text(20000, 'a');
  EXPECT_FALSE(pattern_matches("*a*a*a*a*a*a*a*a*b", text));
}

// Question 2 is shown when question 1 chose "Bus" (mandatory); question 3 when question 1 was
// answered or question 2 mentions "tram" (both optional: one is enough).
Questionnaire transport() {
  Question bus_line = text_question("Which line?", /*mandatory=*/true);
  bus_line.conditions.push_back({.source = 0, .kind = ConditionKind::kEqual, .option = 0});
  Question why = text_question("Why?");
  why.conditions.push_back({.source = 0, .kind = ConditionKind::kNotAnswered, .mandatory = false});
  why.conditions.push_back(
      {.source = 1, .kind = ConditionKind::kMatch, .pattern = "tram", .mandatory = false});
  return make({single("How do you come?", {"Bus", "Bike", "Car"}), bus_line, why});
}

TEST(Conditions, MandatoryConditionsAllHoldOptionalOnesAnyHolds) {
  auto q = transport();
  EXPECT_THAT(visible(q, respond({chose({0}), wrote("the 7, or the TRAM")})),
              ElementsAre(true, true, true));
  EXPECT_THAT(visible(q, respond({chose({0}), wrote("the 7")})), ElementsAre(true, true, false));
  EXPECT_THAT(visible(q, respond({chose({1})})), ElementsAre(true, false, false));
  EXPECT_THAT(visible(q, respond({})), ElementsAre(true, false, true));
}

TEST(Conditions, EachKindHoldsAsDefined) {
  auto with = [](ConditionKind kind, std::size_t option = 0, std::string pattern = "") {
    Question shown = text_question("shown?");
    shown.conditions.push_back(
        {.source = 0, .kind = kind, .option = option, .pattern = std::move(pattern)});
    Question source = multiple("source", {"Red", "Green", "Blue"});
    source.options[2].free_text = true;
    return make({source, shown});
  };
  const Response red_and_blue =
      respond({Answer{.choices = {{.option = 0}, {.option = 2, .free_text = "navy"}}}});
  const Response nothing = respond({});
  struct Case {
    ConditionKind kind;
    std::size_t option;
    std::string pattern;
    bool on_red_and_blue;
    bool on_nothing;
  };
  for (const Case& c : std::vector<Case>{
           {ConditionKind::kAnswered, 0, "", true, false},
           {ConditionKind::kNotAnswered, 0, "", false, true},
           {ConditionKind::kEqual, 2, "", true, false},
           {ConditionKind::kEqual, 1, "", false, false},
           {ConditionKind::kNotEqual, 1, "", true, false},  // not-equal needs an answer
           {ConditionKind::kNotEqual, 0, "", false, false},
           {ConditionKind::kMatch, 0, "GREEN", false, false},  // an option not chosen
           {ConditionKind::kMatch, 0, "ue", true, false},      // the chosen "Blue"
           {ConditionKind::kMatch, 0, "NAV", true, false},     // its free text
       }) {
    auto q = with(c.kind, c.option, c.pattern);
    SCOPED_TRACE(std::string(name_of(kConditionKindNames, c.kind)) + " " + c.pattern);
    EXPECT_EQ(visible(q, red_and_blue)[1], c.on_red_and_blue);
    EXPECT_EQ(visible(q, nothing)[1], c.on_nothing);
  }
}

TEST(Conditions, SourcesThatCannotDecideAreRefused) {
  Question sorted{
      .type = QuestionType::kSorting, .body = Text("rank"), .options = options({"A", "B"})};
  Question shown = text_question("b");
  shown.conditions.push_back({.source = 0});
  auto q = Questionnaire::create({.title = Text("t"), .questions = {sorted, shown}});
  EXPECT_THAT(q.status().message(),
              HasSubstr("points to question 1, a sorting question, which cannot decide"));
  Question first = text_question("a");
  first.conditions.push_back({.source = 0});
  q = Questionnaire::create({.title = Text("t"), .questions = {first}});
  EXPECT_THAT(q.status().message(),
              HasSubstr("is the first question and cannot have display conditions"));
}

TEST(Validate, ReturnsEveryProblemInQuestionOrder) {
  auto q = transport();
  // Question 1 takes one choice; question 2 is shown (Bus chosen) and mandatory but empty;
  // question 3 is hidden (question 1 answered, no "tram") yet answered.
  auto problems = validate(q, respond({chose({0, 1}), Answer{}, wrote("because")}));
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0], (Problem{0, "takes one choice, not 2"}));
  EXPECT_EQ(problems[1], (Problem{1, "is mandatory and not answered"}));
  EXPECT_EQ(problems[2], (Problem{2, "is hidden by its display conditions and takes no answer"}));
  EXPECT_THAT(describe(problems), HasSubstr("question 2: is mandatory and not answered"));
}

TEST(Validate, AHiddenMandatoryQuestionNeedsNoAnswer) {
  auto q = transport();
  EXPECT_TRUE(validate(q, respond({chose({2})})).empty());
}

TEST(Validate, ChecksEachTypesShape) {
  Question free = single("Entrance", {"North", "Other"});
  free.options[1].free_text = true;
  free.max_characters = 5;
  Question pick_two = multiple("Trees", {"Oak", "Elm", "Ash"}, 2);
  Question rank{
      .type = QuestionType::kSorting, .body = Text("Rank"), .options = options({"A", "B", "C"})};
  Question grid{.type = QuestionType::kMatrixSingle,
                .body = Text("Rate"),
                .mandatory = true,
                .options = options({"Good", "Bad"}),
                .rows = {Text("Paths"), Text("Light")}};
  Question upload{.type = QuestionType::kFiles, .body = Text("Photos")};
  Question limited = text_question("Name");
  limited.max_characters = 3;
  auto q = make({free, pick_two, rank, grid, upload, limited});

  Response r;
  r.answers.resize(6);
  r.answers[0].choices = {{.option = 0, .free_text = "x"}};
  r.answers[1] = chose({0, 1, 2});
  r.answers[2] = chose({0, 2, 0});
  r.answers[3].choices = {{.option = 0, .row = 0}, {.option = 1, .row = 0}};
  r.answers[4].text = "a photo";
  r.answers[5].text = "Zoë!";  // 4 code points, 5 bytes
  EXPECT_THAT(
      validate(q, r),
      ElementsAre(Problem{0, "option 1 takes no free text"},
                  Problem{1, "chooses 3 options; at most 2"}, Problem{2, "ranks option 1 twice"},
                  Problem{2, "ranks 2 of 3 options; a sorting question ranks every option"},
                  Problem{3, "row 1 chooses 2 options; at most 1"},
                  Problem{3, "is mandatory and row 2 is not answered"},
                  Problem{4, "takes files, not text"},
                  Problem{5, "the answer has 4 characters; at most 3"}));

  Response fine;
  fine.answers.resize(6);
  fine.answers[0].choices = {{.option = 1, .free_text = "West"}};
  fine.answers[1] = chose({2, 0});
  fine.answers[2] = chose({2, 0, 1});
  fine.answers[3].choices = {{.option = 0, .row = 0}, {.option = 1, .row = 1}};
  fine.answers[4].files = {"https://example.org/p.jpg"};
  fine.answers[5].text = "Zoë";
  EXPECT_THAT(validate(q, fine), ElementsAre());
}

TEST(Validate, RefusesOutOfRangeChoicesAndExtraAnswers) {
  auto q = make({single("Entrance", {"North", "South"})});
  Response r = respond({chose({5}), wrote("extra")});
  EXPECT_THAT(validate(q, r),
              ElementsAre(Problem{1, "answers question 2; the form has 1 questions"},
                          Problem{0, "option 6 does not exist (the question has 2)"}));
  Response not_utf8 = respond({Answer{.text = "\xC3("}});
  auto text_q = make({text_question("Name")});
  EXPECT_THAT(validate(text_q, not_utf8), ElementsAre(Problem{0, "the answer is not UTF-8"}));
}

// decidim#16421: charts of multiple-option questions counted combinations. Three respondents
// choose {Oak, Elm}, {Oak} and {Elm, Ash}: Oak 2, Elm 2, Ash 1 (never "Oak and Elm": 1).
TEST(Aggregate, CountsEachOptionNeverCombinations) {
  auto q = make({multiple("Trees", {"Oak", "Elm", "Ash"})});
  std::vector<Response> responses = {respond({chose({0, 1})}), respond({chose({0})}),
                                     respond({chose({1, 2})})};
  Tabulation t = tabulate(q, responses);
  ASSERT_TRUE(t.rejected.empty());
  auto s = summarize(q, t.aggregate);
  ASSERT_TRUE(s.ok()) << s.status();
  const QuestionResult& trees = s->questions[0];
  EXPECT_EQ(trees.answered, 3u);
  ASSERT_EQ(trees.options.size(), 3u);
  EXPECT_EQ(trees.options[0].count, 2u);
  EXPECT_EQ(trees.options[1].count, 2u);
  EXPECT_EQ(trees.options[2].count, 1u);
  EXPECT_EQ(trees.options[0].share_of_answered, Rational(2, 3));
  EXPECT_EQ(trees.options[2].share_of_answered, Rational(1, 3));
}

// Four respondents; question 2 ("Which line?") is shown only to the two who came by bus, and one
// of them answers it: shown 2, answered 1, skipped 1, "7" has 1/1 of answers and 1/2 of shown.
TEST(Aggregate, SharesHaveBothDenominators) {
  Questionnaire q = transport();
  Question optional_line = q.question(1);
  optional_line.mandatory = false;
  q = make({q.question(0), optional_line, q.question(2)});
  std::vector<Response> responses = {respond({chose({0}), wrote("7")}), respond({chose({0})}),
                                     respond({chose({1})}), respond({chose({2})})};
  Tabulation t = tabulate(q, responses);
  ASSERT_TRUE(t.rejected.empty()) << describe(t.rejected.front().problems);
  auto s = summarize(q, t.aggregate);
  ASSERT_TRUE(s.ok());
  const QuestionResult& line = s->questions[1];
  EXPECT_EQ(line.shown, 2u);
  EXPECT_EQ(line.answered, 1u);
  EXPECT_EQ(line.skipped, 1u);
  EXPECT_THAT(line.texts, ElementsAre(ValueCount{"7", 1}));
  const QuestionResult& how = s->questions[0];
  EXPECT_EQ(how.options[0].share_of_shown, Rational(1, 2));
  EXPECT_EQ(s->questions[2].shown, 0u);  // "Why?" never shown: every respondent answered Q1
}

TEST(Aggregate, MatricesCountPerRowAndOption) {
  Question grid{.type = QuestionType::kMatrixMultiple,
                .body = Text("Uses"),
                .options = options({"Walk", "Sport", "Rest"}),
                .rows = {Text("Morning"), Text("Evening")}};
  auto q = make({grid});
  auto cell = [](std::uint32_t row, std::uint32_t option) {
    return Choice{.option = option, .row = row};
  };
  std::vector<Response> responses = {
      respond({Answer{.choices = {cell(0, 0), cell(0, 1), cell(1, 2)}}}),
      respond({Answer{.choices = {cell(0, 0)}}}),
      respond({Answer{.choices = {cell(1, 2), cell(1, 0)}}})};
  auto s = summarize(q, tabulate(q, responses).aggregate);
  ASSERT_TRUE(s.ok());
  const auto& rows = s->questions[0].rows;
  ASSERT_EQ(rows.size(), 2u);
  // Morning: answered by respondents 1 and 2; Walk 2, Sport 1, Rest 0.
  EXPECT_EQ(rows[0].answered, 2u);
  EXPECT_EQ(rows[0].options[0].count, 2u);
  EXPECT_EQ(rows[0].options[1].count, 1u);
  EXPECT_EQ(rows[0].options[2].count, 0u);
  EXPECT_EQ(rows[0].options[1].share_of_answered, Rational(1, 2));
  // Evening: respondents 1 and 3; Walk 1, Rest 2.
  EXPECT_EQ(rows[1].answered, 2u);
  EXPECT_EQ(rows[1].options[0].count, 1u);
  EXPECT_EQ(rows[1].options[2].count, 2u);
}

// Orders (best first) A>B>C twice, B>C>A once, C>A>B once. Borda, position k of 3 gets 2-k:
// A = 2+2+0+1 = 5, B = 1+1+2+0 = 4, C = 0+0+1+2 = 3.
TEST(Aggregate, SortingRanksByBordaThroughTally) {
  Question rank{.type = QuestionType::kSorting,
                .body = Text("Priorities"),
                .options = options({"A", "B", "C"})};
  auto q = make({rank});
  std::vector<Response> responses = {respond({chose({0, 1, 2})}), respond({chose({0, 1, 2})}),
                                     respond({chose({1, 2, 0})}), respond({chose({2, 0, 1})})};
  auto s = summarize(q, tabulate(q, responses).aggregate);
  ASSERT_TRUE(s.ok());
  const QuestionResult& result = s->questions[0];
  EXPECT_EQ(result.sorting[0].points, Rational(5));
  EXPECT_EQ(result.sorting[1].points, Rational(4));
  EXPECT_EQ(result.sorting[2].points, Rational(3));
  EXPECT_THAT(result.sorting[0].positions, ElementsAre(2u, 1u, 1u));
  EXPECT_THAT(result.sorting[2].positions, ElementsAre(1u, 1u, 2u));
  ASSERT_TRUE(result.ranking.has_value());
  EXPECT_EQ(result.ranking->method, "borda");
  EXPECT_THAT(result.ranking->winner_names(), ElementsAre("A"));
}

// Decidim exports dropped the chosen option when free text was written: here both stay together.
TEST(Aggregate, FreeTextStaysWithItsOption) {
  Question where = single("Where?", {"Park", "Other"});
  where.options[1].free_text = true;
  auto q = make({where});
  std::vector<Response> responses = {
      respond({Answer{.choices = {{.option = 1, .free_text = "Harbour"}}}}),
      respond({Answer{.choices = {{.option = 1, .free_text = "Harbour"}}}}),
      respond({Answer{.choices = {{.option = 1, .free_text = "Station"}}}}), respond({chose({0})})};
  auto s = summarize(q, tabulate(q, responses).aggregate);
  ASSERT_TRUE(s.ok());
  const OptionResult& other = s->questions[0].options[1];
  EXPECT_EQ(other.count, 3u);
  EXPECT_THAT(other.free_texts, ElementsAre(ValueCount{"Harbour", 2}, ValueCount{"Station", 1}));
  EXPECT_TRUE(s->questions[0].options[0].free_texts.empty());
}

TEST(Aggregate, AddRefusesAnInvalidResponseAndCountsNothing) {
  auto q = make({single("Entrance", {"North", "South"}), text_question("Why?", true)});
  Aggregate total(q);
  ASSERT_TRUE(total.add(q, respond({chose({0}), wrote("shade")})).ok());
  const Aggregate before = total;
  absl::Status status = total.add(q, respond({chose({0, 1})}));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("question 1: takes one choice, not 2; question 2: is "
                                          "mandatory and not answered"));
  EXPECT_EQ(total, before);
  auto other = make({single("Entrance", {"North", "West"})});
  EXPECT_EQ(total.add(other, respond({chose({0})})).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(total, before);
}

// A small survey answered at random, counted by the layer and by a plain count written here.
struct RandomSurvey {
  Questionnaire questionnaire = make({
      single("District", {"North", "South", "East"}),
      multiple("Trees", {"Oak", "Elm", "Ash", "Lime"}, 3),
      {.type = QuestionType::kSorting, .body = Text("Rank"), .options = options({"A", "B", "C"})},
      text_question("Name"),
  });
  std::vector<Response> responses;

  explicit RandomSurvey(std::size_t n, unsigned seed) {
    std::mt19937 gen(seed);
    for (std::size_t i = 0; i < n; ++i) {
      Response r;
      r.answers.resize(4);
      if (gen() % 5 != 0) r.answers[0] = chose({static_cast<std::uint32_t>(gen() % 3)});
      std::vector<std::uint32_t> trees = {0, 1, 2, 3};
      std::shuffle(trees.begin(), trees.end(), gen);
      for (std::size_t k = 0; k < gen() % 4; ++k) r.answers[1].choices.push_back({trees[k]});
      if (gen() % 2 == 0) {
        std::vector<std::uint32_t> order = {0, 1, 2};
        std::shuffle(order.begin(), order.end(), gen);
        for (auto o : order) r.answers[2].choices.push_back({o});
      }
      if (gen() % 3 == 0) r.answers[3].text = "name " + std::to_string(gen() % 4);
      responses.push_back(std::move(r));
    }
  }
};

TEST(Aggregate, AgreesWithAPlainCount) {
  RandomSurvey survey(2000, 7);
  std::map<std::uint32_t, std::uint64_t> trees;
  std::map<std::string, std::uint64_t> names;
  std::uint64_t tree_respondents = 0;
  std::map<std::uint32_t, std::uint64_t> first_place;
  for (const Response& r : survey.responses) {
    for (const Choice& c : r.answers[1].choices) ++trees[c.option];
    tree_respondents += r.answers[1].choices.empty() ? 0 : 1;
    if (!r.answers[2].choices.empty()) ++first_place[r.answers[2].choices[0].option];
    if (!r.answers[3].text.empty()) ++names[r.answers[3].text];
  }
  Tabulation t = tabulate(survey.questionnaire, survey.responses);
  ASSERT_TRUE(t.rejected.empty());
  auto s = summarize(survey.questionnaire, t.aggregate);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->respondents, 2000u);
  EXPECT_EQ(s->questions[1].answered, tree_respondents);
  for (std::uint32_t o = 0; o < 4; ++o) EXPECT_EQ(s->questions[1].options[o].count, trees[o]);
  for (std::uint32_t o = 0; o < 3; ++o) {
    EXPECT_EQ(s->questions[2].sorting[o].positions[0], first_place[o]);
  }
  std::map<std::string, std::uint64_t> listed;
  for (const ValueCount& v : s->questions[3].texts) listed[v.value] = v.count;
  EXPECT_EQ(listed, names);
}

TEST(Aggregate, MergesInAnyGroupingAndOrder) {
  RandomSurvey survey(900, 11);
  const Questionnaire& q = survey.questionnaire;
  std::span<const Response> all(survey.responses);
  const Aggregate whole = tabulate(q, all).aggregate;
  Aggregate a = tabulate(q, all.subspan(0, 300)).aggregate;
  Aggregate b = tabulate(q, all.subspan(300, 250)).aggregate;
  Aggregate c = tabulate(q, all.subspan(550)).aggregate;
  Aggregate left = a;
  (left += b) += c;
  Aggregate right_inner = b;
  right_inner += c;
  Aggregate right = a;
  right += right_inner;
  Aggregate reversed = c;
  (reversed += b) += a;
  EXPECT_EQ(left, whole);
  EXPECT_EQ(right, whole);
  EXPECT_EQ(reversed, whole);
  Aggregate identity;
  identity += whole;
  EXPECT_EQ(identity, whole);
  Aggregate unchanged = whole;
  unchanged += Aggregate{};
  EXPECT_EQ(unchanged, whole);
  EXPECT_EQ(*summarize(q, left), *summarize(q, whole));
}

TEST(Aggregate, MergingAnotherFormIsAnErrorTheValueKeeps) {
  RandomSurvey survey(10, 3);
  auto other = make({single("Entrance", {"North", "South"})});
  Aggregate mixed = tabulate(survey.questionnaire, survey.responses).aggregate;
  mixed += Aggregate(other);
  EXPECT_EQ(mixed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(summarize(survey.questionnaire, mixed).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(summarize(other, Aggregate(survey.questionnaire)).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(CrossTabulation, SplitsAnswersBySingleOptionQuestion) {
  RandomSurvey survey(1200, 5);
  const Questionnaire& q = survey.questionnaire;
  auto by_district = cross_tabulate(q, survey.responses, 0);
  ASSERT_TRUE(by_district.ok()) << by_district.status();
  std::map<std::uint32_t, std::map<std::uint32_t, std::uint64_t>> expected;  // district → tree
  std::uint64_t unanswered = 0;
  for (const Response& r : survey.responses) {
    if (r.answers[0].choices.empty()) {
      ++unanswered;
      continue;
    }
    for (const Choice& c : r.answers[1].choices)
      ++expected[r.answers[0].choices[0].option][c.option];
  }
  ASSERT_EQ(by_district->by_option.size(), 3u);
  for (std::uint32_t d = 0; d < 3; ++d) {
    for (std::uint32_t t = 0; t < 4; ++t) {
      EXPECT_EQ(by_district->by_option[d].questions()[1].choices[t], expected[d][t]);
    }
  }
  EXPECT_EQ(by_district->not_answered.respondents(), unanswered);
  // Shards merge like aggregates.
  std::span<const Response> all(survey.responses);
  auto first = cross_tabulate(q, all.subspan(0, 500), 0);
  auto second = cross_tabulate(q, all.subspan(500), 0);
  CrossTabulation merged = *second;
  merged += *first;
  EXPECT_EQ(merged, *by_district);
  EXPECT_EQ(cross_tabulate(q, survey.responses, 1).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(Summary, PublishedOnlyLeavesUnpublishedQuestionsOut) {
  Question shown = single("Entrance", {"North", "South"});
  shown.results_published = true;
  auto q = make({shown, text_question("Private remarks")});
  auto s = summarize(q, Aggregate(q), {.published_only = true});
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->questions.size(), 1u);
  EXPECT_EQ(s->questions[0].label, "1. Entrance");
}

TEST(VendorTypes, CheckAnswersAndDescribeValues) {
  QuestionTypeRegistry types;
  QuestionTypeHandler scale{
      .check_answer =
          [](const Question&, std::string_view value, std::vector<std::string>& problems) {
            if (value.size() != 1 || value[0] < '1' || value[0] > '5') {
              problems.push_back("is not a whole number from 1 to 5");
            }
          },
      .describe =
          [](const Question&, const std::vector<ValueCount>& values) {
            std::uint64_t sum = 0, n = 0;
            for (const ValueCount& v : values) {
              sum += static_cast<std::uint64_t>(v.value[0] - '0') * v.count;
              n += v.count;
            }
            return std::vector<Statistic>{{"mean", to_string(fraction(sum, n))}};
          }};
  ASSERT_TRUE(types.add("scale", scale).ok());
  EXPECT_EQ(types.add("scale", scale).code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(types.add("Scale!", scale).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(types.add("sorting", scale).code(), absl::StatusCode::kInvalidArgument);
  Question rate{.type = QuestionType::kVendor, .vendor_type = "scale", .body = Text("Rate it")};
  auto unknown = Questionnaire::create({.title = Text("t"), .questions = {rate}});
  EXPECT_THAT(unknown.status().message(), HasSubstr("vendor type 'scale' is not registered"));
  auto q = Questionnaire::create({.title = Text("t"), .questions = {rate}}, types);
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_THAT(validate(*q, respond({wrote("9")})),
              ElementsAre(Problem{0, "is not a whole number from 1 to 5"}));
  // 4, 5, 5: mean 14/3.
  std::vector<Response> responses = {respond({wrote("4")}), respond({wrote("5")}),
                                     respond({wrote("5")})};
  auto s = summarize(*q, tabulate(*q, responses).aggregate);
  ASSERT_TRUE(s.ok());
  EXPECT_THAT(s->questions[0].statistics, ElementsAre(Statistic{"mean", "14/3"}));
}

TEST(Respondents, TokensAreStablePerSurveyAndUnrelatedAcrossSurveys) {
  const Digest a = respondent_token("salt-1", Identity::kAccount, "participant-9");
  EXPECT_EQ(a, respondent_token("salt-1", Identity::kAccount, "participant-9"));
  EXPECT_NE(a, respondent_token("salt-2", Identity::kAccount, "participant-9"));
  EXPECT_NE(a, respondent_token("salt-1", Identity::kCensusToken, "participant-9"));
  // Framing: moving a character from the salt to the value gives another token.
  EXPECT_NE(respondent_token("ab", Identity::kSession, "c"),
            respondent_token("a", Identity::kSession, "bc"));
  EXPECT_NE(ip_hash("salt-1", "10.0.0.1"), ip_hash("salt-2", "10.0.0.1"));
}

}  // namespace
}  // namespace participa::questionnaire
