#include "participa/questionnaire/form.hpp"

#include <utility>

#include "absl/strings/str_join.h"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"

namespace participa::questionnaire {

Text::Text(std::string text, std::string language) : default_language(std::move(language)) {
  translations.emplace(default_language, std::move(text));
}

std::string_view Text::in(std::string_view language) const {
  if (auto it = translations.find(std::string(language)); it != translations.end()) {
    return it->second;
  }
  if (auto it = translations.find(default_language); it != translations.end()) return it->second;
  return {};
}

namespace {

// Collects the problems of one form, each prefixed with where it was found.
class FormCheck {
 public:
  explicit FormCheck(std::string language) : language_(std::move(language)) {}

  void problem(std::string where, std::string_view reason) {
    problems_.push_back(str_cat(where, ": ", reason));
  }

  // A text people read: UTF-8, bounded, present in its default language when given at all.
  void text(const std::string& where, const Text& text, bool required) {
    if (text.empty()) {
      if (required) problem(where, "is required");
      return;
    }
    if (text.default_language != language_) {
      problem(where, str_cat("has default language '", text.default_language, "'; the form's is '",
                             language_, "'"));
    } else if (!text.translations.contains(text.default_language)) {
      problem(where, str_cat("has no text in its default language '", text.default_language, "'"));
    }
    for (const auto& [language, words] : text.translations) {
      if (language.empty()) problem(where, "names an empty language");
      if (!is_utf8(language) || !is_utf8(words)) {
        problem(where, str_cat("in '", language, "' is not UTF-8"));
      } else if (words.size() > kMaxTextBytes) {
        problem(where, str_cat("in '", language, "' is over ", kMaxTextBytes, " bytes"));
      }
    }
    if (required && text.text().empty()) problem(where, "is empty");
  }

  // Options or rows: enough of them, each named, no two with the same name.
  void labels(const std::string& where, std::string_view kind, const std::vector<Text>& texts,
              std::size_t minimum, std::size_t maximum) {
    if (texts.size() < minimum) {
      problem(where, str_cat("needs at least ", minimum, " ", kind, minimum == 1 ? "" : "s",
                             ", not ", texts.size()));
    }
    if (texts.size() > maximum) problem(where, str_cat("has over ", maximum, " ", kind, "s"));
    std::map<std::string_view, std::size_t> seen;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      text(str_cat(where, " ", kind, " ", i + 1), texts[i], true);
      for (const auto& [language, words] : texts[i].translations) {
        if (words.find_first_of("\r\n") != std::string::npos) {
          problem(str_cat(where, " ", kind, " ", i + 1),
                  str_cat("in '", language, "' is not one line (exports list choices by line)"));
        }
      }
      auto [it, fresh] = seen.emplace(texts[i].text(), i);
      if (!fresh && !texts[i].text().empty()) {
        problem(where, str_cat(kind, "s ", it->second + 1, " and ", i + 1, " are both '",
                               texts[i].text(), "'"));
      }
    }
  }

  std::vector<std::string> take() { return std::move(problems_); }

 private:
  std::string language_;
  std::vector<std::string> problems_;
};

void check_conditions(FormCheck& check, const std::vector<Question>& questions,
                      std::size_t position) {
  const Question& question = questions[position];
  const std::string where = str_cat("question ", position + 1);
  if (!question.conditions.empty() && position == 0) {
    check.problem(where, "is the first question and cannot have display conditions");
    return;
  }
  for (std::size_t c = 0; c < question.conditions.size(); ++c) {
    const Condition& condition = question.conditions[c];
    const std::string at = str_cat(where, " condition ", c + 1);
    if (name_of(kConditionKindNames, condition.kind) == "unknown") {
      check.problem(at, str_cat("has kind number ", static_cast<int>(condition.kind),
                                ", which is not ", valid_names(kConditionKindNames)));
      continue;
    }
    if (condition.source >= position) {
      check.problem(at, str_cat("points to question ", condition.source + 1,
                                ", which is not an earlier question"));
      continue;
    }
    const Question& source = questions[condition.source];
    const std::string_view source_type = name_of(kQuestionTypeNames, source.type);
    if (source.type == QuestionType::kSorting || display_only(source.type) ||
        source.type == QuestionType::kFiles) {
      check.problem(at, str_cat("points to question ", condition.source + 1, ", a ", source_type,
                                " question, which cannot decide what is shown"));
      continue;
    }
    const bool by_option =
        condition.kind == ConditionKind::kEqual || condition.kind == ConditionKind::kNotEqual;
    if (by_option) {
      if (!takes_options(source.type)) {
        check.problem(
            at, str_cat(name_of(kConditionKindNames, condition.kind),
                        " needs an option, and question ", condition.source + 1, " has none"));
      } else if (condition.option >= source.options.size()) {
        check.problem(at, str_cat("names option ", condition.option + 1, " of question ",
                                  condition.source + 1, ", which has ", source.options.size()));
      }
    } else if (condition.option != 0) {
      check.problem(at, str_cat(name_of(kConditionKindNames, condition.kind),
                                " takes no option (option ", condition.option + 1, " given)"));
    }
    if (condition.kind == ConditionKind::kMatch) {
      if (condition.pattern.empty()) check.problem(at, "match needs a pattern");
      if (!is_utf8(condition.pattern)) check.problem(at, "pattern is not UTF-8");
      if (condition.pattern.size() > kMaxTextBytes) check.problem(at, "pattern is too long");
    } else if (!condition.pattern.empty()) {
      check.problem(at, str_cat(name_of(kConditionKindNames, condition.kind),
                                " takes no pattern ('", condition.pattern, "' given)"));
    }
  }
}

void check_question(FormCheck& check, const std::vector<Question>& questions, std::size_t position,
                    const QuestionTypeHandler* handler) {
  const Question& question = questions[position];
  const std::string where = str_cat("question ", position + 1);
  const std::string_view type = name_of(kQuestionTypeNames, question.type);

  check.text(str_cat(where, " body"), question.body, question.type != QuestionType::kSeparator);
  if (question.type == QuestionType::kSeparator && !question.body.empty()) {
    check.problem(where, "is a separator and takes no body");
  }
  check.text(str_cat(where, " description"), question.description, false);

  std::vector<Text> option_texts;
  for (const Option& option : question.options) option_texts.push_back(option.body);
  if (takes_options(question.type)) {
    check.labels(where, "option", option_texts, 2, kMaxOptions);
  } else if (!question.options.empty()) {
    check.problem(where, str_cat("is a ", type, " question and takes no options"));
  }
  if (takes_rows(question.type)) {
    check.labels(where, "row", question.rows, 1, kMaxRows);
  } else if (!question.rows.empty()) {
    check.problem(where, str_cat("is a ", type, " question and takes no rows"));
  }

  const bool free_text_allowed = question.type == QuestionType::kSingleOption ||
                                 question.type == QuestionType::kMultipleOption;
  for (std::size_t i = 0; i < question.options.size(); ++i) {
    if (question.options[i].free_text && !free_text_allowed) {
      check.problem(where, str_cat("option ", i + 1,
                                   " takes free text, which only single- and "
                                   "multiple-option questions allow"));
    }
  }

  if (question.max_choices != 0) {
    if (question.type != QuestionType::kMultipleOption &&
        question.type != QuestionType::kMatrixMultiple) {
      check.problem(where, str_cat("is a ", type, " question and takes no max_choices"));
    } else if (question.max_choices < 2 || question.max_choices > question.options.size()) {
      check.problem(where, str_cat("max_choices ", question.max_choices,
                                   " must be between 2 and the number of options (",
                                   question.options.size(), ")"));
    }
  }
  if (question.max_characters != 0 &&
      (display_only(question.type) || question.type == QuestionType::kFiles ||
       question.type == QuestionType::kSorting || takes_rows(question.type))) {
    check.problem(where, str_cat("is a ", type, " question and takes no max_characters"));
  }
  if (display_only(question.type)) {
    if (question.mandatory)
      check.problem(where, str_cat("is a ", type, " and cannot be mandatory"));
    if (question.results_published) {
      check.problem(where, str_cat("is a ", type, " and has no results to publish"));
    }
  }

  if (question.type == QuestionType::kVendor) {
    if (handler == nullptr) {
      check.problem(where, str_cat("vendor type '", question.vendor_type, "' is not registered"));
    } else if (handler->check_question) {
      std::vector<std::string> reasons;
      handler->check_question(question, reasons);
      for (const std::string& reason : reasons) check.problem(where, reason);
    }
  } else if (!question.vendor_type.empty()) {
    check.problem(where, str_cat("is a ", type, " question; vendor_type '", question.vendor_type,
                                 "' applies to vendor questions only"));
  }
  check_conditions(check, questions, position);
}

void hash_text(Sha256& h, std::string_view text) {
  h.update_u64(text.size());
  h.update(text);
}

void hash_text(Sha256& h, const Text& text) {
  hash_text(h, text.default_language);
  h.update_u64(text.translations.size());
  for (const auto& [language, words] : text.translations) {
    hash_text(h, language);
    hash_text(h, words);
  }
}

// The canonical encoding: every field, in declaration order, lengths before contents.
Digest form_digest(const Form& form) {
  Sha256 h;
  hash_text(h, "participa.questionnaire.form.v1");
  hash_text(h, form.title);
  hash_text(h, form.description);
  hash_text(h, form.terms);
  hash_text(h, form.salt);
  h.update_u64(form.questions.size());
  for (const Question& q : form.questions) {
    h.update_u64(static_cast<std::uint64_t>(q.type));
    hash_text(h, q.vendor_type);
    hash_text(h, q.body);
    hash_text(h, q.description);
    h.update_u64(q.mandatory);
    h.update_u64(q.max_choices);
    h.update_u64(q.max_characters);
    h.update_u64(q.options.size());
    for (const Option& option : q.options) {
      hash_text(h, option.body);
      h.update_u64(option.free_text);
    }
    h.update_u64(q.rows.size());
    for (const Text& row : q.rows) hash_text(h, row);
    h.update_u64(q.conditions.size());
    for (const Condition& c : q.conditions) {
      h.update_u64(c.source);
      h.update_u64(static_cast<std::uint64_t>(c.kind));
      h.update_u64(c.option);
      hash_text(h, c.pattern);
      h.update_u64(c.mandatory);
    }
    h.update_u64(q.results_published);
  }
  return h.finish();
}

}  // namespace

absl::StatusOr<Questionnaire> Questionnaire::create(Form form, const QuestionTypeRegistry& types) {
  // One default language for the whole form, the title's: every text falls back to it.
  FormCheck check(form.title.default_language);
  check.text("title", form.title, true);
  check.text("description", form.description, false);
  check.text("terms", form.terms, false);
  if (!is_utf8(form.salt)) check.problem("salt", "is not UTF-8");
  if (form.questions.empty()) check.problem("the form", "has no questions");
  if (form.questions.size() > kMaxQuestions) {
    return absl::OutOfRangeError(
        str_cat("a form of ", form.questions.size(), " questions is over ", kMaxQuestions));
  }
  Questionnaire questionnaire;
  std::size_t page = 0;
  for (std::size_t i = 0; i < form.questions.size(); ++i) {
    const Question& question = form.questions[i];
    std::shared_ptr<const QuestionTypeHandler> handler;
    if (question.type == QuestionType::kVendor) {
      if (auto found = types.find(question.vendor_type); found.ok()) handler = *found;
    } else if (name_of(kQuestionTypeNames, question.type) == "unknown") {
      check.problem(str_cat("question ", i + 1),
                    str_cat("has type number ", static_cast<int>(question.type), ", which is not ",
                            valid_names(kQuestionTypeNames)));
      continue;
    }
    check_question(check, form.questions, i, handler.get());
    if (question.type == QuestionType::kSeparator) ++page;
    questionnaire.pages_.push_back(page);
    questionnaire.handlers_.push_back(std::move(handler));
  }
  if (auto problems = check.take(); !problems.empty()) {
    return absl::InvalidArgumentError(
        str_cat("the form is not valid:\n", absl::StrJoin(problems, "\n")));
  }
  questionnaire.digest_ = form_digest(form);
  questionnaire.form_ = std::make_shared<const Form>(std::move(form));
  return questionnaire;
}

std::string label(const Questionnaire& questionnaire, std::size_t position) {
  return str_cat(position + 1, ". ", questionnaire.question(position).body.text());
}

}  // namespace participa::questionnaire
