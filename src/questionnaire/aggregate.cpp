#include "participa/questionnaire/aggregate.hpp"

#include <utility>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/questionnaire/conditions.hpp"
#include "questionnaire/checks.hpp"

namespace participa::questionnaire {
namespace {

template <class Map>
void add_counts(Map& into, const Map& from) {
  for (const auto& [key, count] : from) into[key] += count;
}

void merge(QuestionCounts& into, const QuestionCounts& from) {
  into.shown += from.shown;
  into.answered += from.answered;
  for (std::size_t i = 0; i < into.choices.size(); ++i) into.choices[i] += from.choices[i];
  for (std::size_t i = 0; i < into.rows_answered.size(); ++i) {
    into.rows_answered[i] += from.rows_answered[i];
  }
  add_counts(into.texts, from.texts);
  add_counts(into.free_texts, from.free_texts);
  add_counts(into.orders, from.orders);
  into.files += from.files;
}

absl::Status wrong_form() {
  return absl::FailedPreconditionError(
      "the aggregate counts responses to another form (its digest differs)");
}

}  // namespace

Aggregate::Aggregate(const Questionnaire& questionnaire)
    : form_(questionnaire.digest()), has_form_(true), questions_(questionnaire.size()) {
  for (std::size_t q = 0; q < questionnaire.size(); ++q) {
    const Question& question = questionnaire.question(q);
    const std::size_t rows = std::max<std::size_t>(question.rows.size(), 1);
    if (takes_options(question.type) && question.type != QuestionType::kSorting) {
      questions_[q].choices.assign(rows * question.options.size(), 0);
    }
    if (takes_rows(question.type)) questions_[q].rows_answered.assign(rows, 0);
  }
}

absl::Status Aggregate::status() const {
  if (conflict_) {
    return absl::FailedPreconditionError("aggregates of different forms were merged into this one");
  }
  return absl::OkStatus();
}

absl::Status Aggregate::add(const Questionnaire& questionnaire, const Response& response) {
  PARTICIPA_RETURN_IF_ERROR(status());
  if (has_form_ && form_ != questionnaire.digest()) return wrong_form();
  std::vector<bool> shown;
  visible_into(questionnaire, response, shown);
  std::vector<Problem> problems;
  check_response(questionnaire, response, shown, problems);
  if (!problems.empty()) {
    return absl::InvalidArgumentError(str_cat("the response is not valid: ", describe(problems)));
  }
  // The empty aggregate takes the form of its first response, only once that one is counted.
  if (!has_form_) *this = Aggregate(questionnaire);
  std::vector<std::uint32_t> order;
  count(questionnaire, response, shown, order);
  return absl::OkStatus();
}

void Aggregate::count(const Questionnaire& questionnaire, const Response& response,
                      const std::vector<bool>& shown, std::vector<std::uint32_t>& order) {
  ++respondents_;
  const std::size_t size = questionnaire.size();
  for (std::size_t q = 0; q < size; ++q) {
    const Question& question = questionnaire.question(q);
    if (display_only(question.type) || !shown[q]) continue;
    QuestionCounts& counts = questions_[q];
    ++counts.shown;
    const Answer& answer = response.answer(q);
    if (!answer.given()) continue;
    ++counts.answered;
    switch (question.type) {
      case QuestionType::kShortText:
      case QuestionType::kLongText:
      case QuestionType::kVendor:
        ++counts.texts[answer.text];
        break;
      case QuestionType::kFiles:
        counts.files += answer.files.size();
        break;
      case QuestionType::kSorting: {
        // Looked up before it is copied: most orders were seen before.
        order.clear();
        for (const Choice& choice : answer.choices) order.push_back(choice.option);
        if (auto it = counts.orders.find(order); it != counts.orders.end()) {
          ++it->second;
        } else {
          counts.orders.emplace(order, 1);
        }
        break;
      }
      case QuestionType::kSingleOption:
      case QuestionType::kMultipleOption:
      case QuestionType::kMatrixSingle:
      case QuestionType::kMatrixMultiple: {
        const std::size_t options = question.options.size();
        std::uint64_t rows_seen = 0;  // a bit per row, for matrices of up to 64 rows
        for (const Choice& choice : answer.choices) {
          ++counts.choices[choice.row * options + choice.option];
          if (!choice.free_text.empty()) ++counts.free_texts[{choice.option, choice.free_text}];
          if (!counts.rows_answered.empty()) {
            if (choice.row < 64) {
              if ((rows_seen >> choice.row & 1) != 0) continue;
              rows_seen |= std::uint64_t{1} << choice.row;
              ++counts.rows_answered[choice.row];
            } else {
              bool earlier = false;
              for (const Choice& other : answer.choices) {
                if (&other == &choice) break;
                earlier = earlier || other.row == choice.row;
              }
              if (!earlier) ++counts.rows_answered[choice.row];
            }
          }
        }
        break;
      }
      case QuestionType::kTitleAndDescription:
      case QuestionType::kSeparator:
        break;
    }
  }
}

Aggregate& Aggregate::operator+=(const Aggregate& other) {
  if (!other.has_form_) return *this;
  if (!has_form_) {
    *this = other;
    return *this;
  }
  if (form_ != other.form_ || conflict_ || other.conflict_) {
    conflict_ = true;
    return *this;
  }
  respondents_ += other.respondents_;
  for (std::size_t q = 0; q < questions_.size(); ++q) merge(questions_[q], other.questions_[q]);
  return *this;
}

// prefetch_choices(response) — asks for the next response's choices while this one is checked:
// each answer's choices live in a block of their own, and at a million responses the wait for
// them is a good part of the time.
void prefetch_choices(const Response& response) {
  for (const Answer& answer : response.answers) __builtin_prefetch(answer.choices.data());
}

Tabulation tabulate(const Questionnaire& questionnaire, std::span<const Response> responses) {
  Tabulation out{Aggregate(questionnaire), {}};
  std::vector<Problem> problems;
  std::vector<bool> shown;
  std::vector<std::uint32_t> order;
  for (std::size_t i = 0; i < responses.size(); ++i) {
    if (i + 1 < responses.size()) prefetch_choices(responses[i + 1]);
    visible_into(questionnaire, responses[i], shown);
    check_response(questionnaire, responses[i], shown, problems);
    if (problems.empty()) {
      out.aggregate.count(questionnaire, responses[i], shown, order);
    } else {
      out.rejected.push_back({i, std::move(problems)});
      problems.clear();
    }
  }
  return out;
}

CrossTabulation& CrossTabulation::operator+=(const CrossTabulation& other) {
  if (other.by_option.empty() && !other.conflict) return *this;
  if (by_option.empty() && !conflict) {
    *this = other;
    return *this;
  }
  if (by != other.by || by_option.size() != other.by_option.size() || other.conflict) {
    conflict = true;
    return *this;
  }
  for (std::size_t i = 0; i < by_option.size(); ++i) by_option[i] += other.by_option[i];
  not_answered += other.not_answered;
  return *this;
}

absl::StatusOr<CrossTabulation> cross_tabulate(const Questionnaire& questionnaire,
                                               std::span<const Response> responses, std::size_t by,
                                               std::vector<Rejection>* rejected) {
  if (by >= questionnaire.size() ||
      questionnaire.question(by).type != QuestionType::kSingleOption) {
    return absl::InvalidArgumentError(
        by >= questionnaire.size()
            ? str_cat("question ", by + 1, " does not exist (the form has ", questionnaire.size(),
                      ")")
            : str_cat("question ", by + 1, " is a ",
                      name_of(kQuestionTypeNames, questionnaire.question(by).type),
                      " question; answers are split by a single-option question"));
  }
  CrossTabulation out;
  out.by = by;
  out.by_option.assign(questionnaire.question(by).options.size(), Aggregate(questionnaire));
  out.not_answered = Aggregate(questionnaire);
  std::vector<Problem> problems;
  std::vector<bool> shown;
  std::vector<std::uint32_t> order;
  for (std::size_t i = 0; i < responses.size(); ++i) {
    if (i + 1 < responses.size()) prefetch_choices(responses[i + 1]);
    const Response& response = responses[i];
    visible_into(questionnaire, response, shown);
    check_response(questionnaire, response, shown, problems);
    if (!problems.empty()) {
      if (rejected != nullptr) rejected->push_back({i, std::move(problems)});
      problems.clear();
      continue;
    }
    const Answer& answer = response.answer(by);
    Aggregate& group = shown[by] && answer.given() ? out.by_option[answer.choices.front().option]
                                                   : out.not_answered;
    group.count(questionnaire, response, shown, order);
  }
  return out;
}

}  // namespace participa::questionnaire
