// participa/questionnaire/form.hpp — a questionnaire: its texts and its ordered questions.
//
// A `Form` is the plain value an application fills in; `Questionnaire::create` checks it once
// (every problem of the definition, forward or circular display conditions, unknown vendor
// types) and gives an immutable questionnaire that responses are validated and aggregated
// against. Questions are named by their position, 0-based in code and "1." in texts people
// read; a question may not change once responses exist, which is the surveys component's rule
// (this layer is pure: it holds no responses).
//
//   Form form{.title = Text("Our park")};
//   form.questions.push_back({.type = QuestionType::kSingleOption, .body = Text("Which entrance?"),
//                             .options = {{Text("North")}, {Text("South"), /*free_text=*/true}}});
//   absl::StatusOr<Questionnaire> q = Questionnaire::create(std::move(form));
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/core/digest.hpp"
#include "participa/core/names.hpp"
#include "participa/questionnaire/question_types.hpp"

namespace participa::questionnaire {

// Text — a text in several languages: language code → text, and the language to fall back to.
// Text("Hello") is English only. Every text of a form has the title's default language; option
// and row texts are one line each.
struct Text {
  std::map<std::string, std::string> translations{};
  std::string default_language = "en";

  Text() = default;
  explicit Text(std::string text, std::string language = "en");

  // in(language) — the text in that language, else in the default language, else "".
  std::string_view in(std::string_view language) const;
  std::string_view text() const { return in(default_language); }
  bool empty() const { return translations.empty(); }

  friend bool operator==(const Text&, const Text&) = default;
};

enum class QuestionType {
  kShortText,
  kLongText,
  kSingleOption,
  kMultipleOption,
  kSorting,
  kMatrixSingle,
  kMatrixMultiple,
  kFiles,
  kTitleAndDescription,
  kSeparator,
  kVendor,  // a type a vendor registered; Question::vendor_type names it
};

inline constexpr std::array<Named<QuestionType>, 11> kQuestionTypeNames = {{
    {QuestionType::kShortText, "short-text"},
    {QuestionType::kLongText, "long-text"},
    {QuestionType::kSingleOption, "single-option"},
    {QuestionType::kMultipleOption, "multiple-option"},
    {QuestionType::kSorting, "sorting"},
    {QuestionType::kMatrixSingle, "matrix-single"},
    {QuestionType::kMatrixMultiple, "matrix-multiple"},
    {QuestionType::kFiles, "files"},
    {QuestionType::kTitleAndDescription, "title-and-description"},
    {QuestionType::kSeparator, "separator"},
    {QuestionType::kVendor, "vendor"},
}};

// takes_options — single, multiple, sorting and both matrices; takes_rows — the matrices;
// display_only — title-and-description and separator, which take no answer; takes_text — short
// text, long text and vendor types. Inline: they run for every answer counted.
constexpr bool takes_options(QuestionType type) {
  return type == QuestionType::kSingleOption || type == QuestionType::kMultipleOption ||
         type == QuestionType::kSorting || type == QuestionType::kMatrixSingle ||
         type == QuestionType::kMatrixMultiple;
}
constexpr bool takes_rows(QuestionType type) {
  return type == QuestionType::kMatrixSingle || type == QuestionType::kMatrixMultiple;
}
constexpr bool display_only(QuestionType type) {
  return type == QuestionType::kTitleAndDescription || type == QuestionType::kSeparator;
}
constexpr bool takes_text(QuestionType type) {
  return type == QuestionType::kShortText || type == QuestionType::kLongText ||
         type == QuestionType::kVendor;
}

// Option — one possible answer (a column of a matrix). With free_text the respondent who
// chooses it may add words of their own, kept with the choice.
struct Option {
  Text body{};
  bool free_text = false;
  friend bool operator==(const Option&, const Option&) = default;
};

enum class ConditionKind { kAnswered, kNotAnswered, kEqual, kNotEqual, kMatch };

inline constexpr std::array<Named<ConditionKind>, 5> kConditionKindNames = {{
    {ConditionKind::kAnswered, "answered"},
    {ConditionKind::kNotAnswered, "not-answered"},
    {ConditionKind::kEqual, "equal"},
    {ConditionKind::kNotEqual, "not-equal"},
    {ConditionKind::kMatch, "match"},
}};

// Condition — shows the question it belongs to depending on an earlier question's answer
// (see conditions.hpp for when each kind holds and how conditions combine).
struct Condition {
  std::size_t source = 0;  // position of an earlier question
  ConditionKind kind = ConditionKind::kAnswered;
  std::size_t option = 0;  // equal / not-equal: the option of the source question
  std::string pattern{};   // match: see conditions.hpp
  bool mandatory = true;
  friend bool operator==(const Condition&, const Condition&) = default;
};

struct Question {
  QuestionType type = QuestionType::kShortText;
  std::string vendor_type{};  // the registered name, when type is kVendor
  Text body{};
  Text description{};
  bool mandatory = false;
  // Multiple option: most options one respondent may choose; matrix multiple: per row.
  // 0 means no limit but the number of options.
  std::uint32_t max_choices = 0;
  // Most characters (Unicode code points) of a text answer and of each free text; 0: no limit.
  std::uint32_t max_characters = 0;
  std::vector<Option> options{};
  std::vector<Text> rows{};  // matrix rows
  std::vector<Condition> conditions{};
  // Whether this question's aggregated results are public (open data, results pages).
  bool results_published = false;
  friend bool operator==(const Question&, const Question&) = default;
};

struct Form {
  Text title{};
  Text description{};
  Text terms{};
  // Respondent tokens are derived from it (respondent.hpp); keep it secret and stable.
  std::string salt{};
  std::vector<Question> questions{};
  friend bool operator==(const Form&, const Form&) = default;
};

// Limits a form is checked against; they bound the work and memory one response can cause.
inline constexpr std::size_t kMaxQuestions = 1000;
inline constexpr std::size_t kMaxOptions = 1000;
inline constexpr std::size_t kMaxRows = 1000;
inline constexpr std::size_t kMaxTextBytes = 64 * 1024;

class Questionnaire {
 public:
  // create(form, types) — the checked questionnaire. InvalidArgument listing every problem of
  // the definition, one per line ("question 3: ..."); vendor types are looked up in `types`.
  static absl::StatusOr<Questionnaire> create(Form form, const QuestionTypeRegistry& types = {});

  const Form& form() const { return *form_; }
  std::size_t size() const { return form_->questions.size(); }
  const Question& question(std::size_t position) const { return form_->questions[position]; }
  // page(position) — 0 for questions before the first separator, 1 after it, and so on.
  std::size_t page(std::size_t position) const { return pages_[position]; }
  std::size_t pages() const { return pages_.empty() ? 1 : pages_.back() + 1; }
  // The handler of a vendor question (nullptr for built-in types).
  const QuestionTypeHandler* handler(std::size_t position) const {
    return handlers_[position].get();
  }
  // digest — SHA-256 of the form's canonical encoding: aggregates of different forms never
  // merge, and results name the form they count.
  const Digest& digest() const { return digest_; }

  friend bool operator==(const Questionnaire& a, const Questionnaire& b) {
    return a.digest_ == b.digest_;
  }

 private:
  Questionnaire() = default;
  std::shared_ptr<const Form> form_;
  std::vector<std::size_t> pages_;
  std::vector<std::shared_ptr<const QuestionTypeHandler>> handlers_;
  Digest digest_;
};

// label(questionnaire, position) — "3. Which entrance?": how exports and reports name a
// question, in the default language.
std::string label(const Questionnaire& questionnaire, std::size_t position);

}  // namespace participa::questionnaire
