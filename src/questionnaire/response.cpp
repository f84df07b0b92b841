#include "participa/questionnaire/response.hpp"

#include <algorithm>
#include <array>

#include "absl/strings/str_join.h"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"
#include "participa/questionnaire/conditions.hpp"
#include "questionnaire/checks.hpp"

namespace participa::questionnaire {
namespace {

// The most bytes of one file reference (a name or URL).
constexpr std::size_t kMaxReferenceBytes = 4096;

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

class ResponseCheck {
 public:
  ResponseCheck(const Question& question, std::size_t position, std::vector<Problem>& problems)
      : question_(question), position_(position), problems_(problems) {}

  template <class... Args>
  void problem(const Args&... args) {
    problems_.push_back({position_, str_cat(args...)});
  }

  // Words a respondent typed: UTF-8 and within the question's limit.
  void words(std::string_view what, std::string_view text) {
    if (!is_utf8(text)) {
      problem(what, " is not UTF-8");
    } else if (text.size() > kMaxTextBytes) {
      problem(what, " is over ", kMaxTextBytes, " bytes");
    } else if (question_.max_characters != 0) {
      if (std::size_t n = code_points(text); n > question_.max_characters) {
        problem(what, " has ", n, " characters; at most ", question_.max_characters);
      }
    }
  }

  void text(const Answer& answer, const QuestionTypeHandler* handler) {
    if (!answer.choices.empty()) problem("takes text, not choices");
    if (!answer.files.empty()) problem("takes text, not files");
    words("the answer", answer.text);
    if (handler != nullptr && handler->check_answer && is_utf8(answer.text)) {
      std::vector<std::string> reasons;
      handler->check_answer(question_, answer.text, reasons);
      for (const std::string& reason : reasons) problem(reason);
    }
  }

  void files(const Answer& answer) {
    if (!answer.text.empty()) problem("takes files, not text");
    if (!answer.choices.empty()) problem("takes files, not choices");
    for (std::size_t i = 0; i < answer.files.size(); ++i) {
      const std::string& reference = answer.files[i];
      if (reference.empty()) problem("file ", i + 1, " is an empty reference");
      if (!is_utf8(reference)) problem("file ", i + 1, " is not UTF-8");
      if (reference.find_first_of("\r\n") != std::string::npos) {
        problem("file ", i + 1, " is not one line");
      }
      if (reference.size() > kMaxReferenceBytes) {
        problem("file ", i + 1, " is over ", kMaxReferenceBytes,
                " bytes (a reference, not a file)");
      }
    }
  }

  // The choices name existing options (and rows); free text only where the option takes it.
  // False when a choice is out of range, so the shape checks below may index safely.
  bool choices(const Answer& answer) {
    if (!answer.text.empty()) problem("takes choices, not text");
    if (!answer.files.empty()) problem("takes choices, not files");
    bool in_range = true;
    const bool matrix = takes_rows(question_.type);
    for (const Choice& choice : answer.choices) {
      if (choice.option >= question_.options.size()) {
        problem("option ", choice.option + 1, " does not exist (the question has ",
                question_.options.size(), ")");
        in_range = false;
        continue;
      }
      if (matrix && choice.row >= question_.rows.size()) {
        problem("row ", choice.row + 1, " does not exist (the question has ", question_.rows.size(),
                ")");
        in_range = false;
      } else if (!matrix && choice.row != 0) {
        problem("takes no rows (row ", choice.row + 1, " given)");
        in_range = false;
      }
      if (!choice.free_text.empty()) {
        if (!question_.options[choice.option].free_text) {
          problem("option ", choice.option + 1, " takes no free text");
        } else {
          words(str_cat("the free text of option ", choice.option + 1), choice.free_text);
        }
      }
    }
    return in_range;
  }

  // Per row (one row outside matrices): no option twice, at most `most` choices; a mandatory
  // matrix answers every row. This runs for nearly every answer counted, so the usual shape (at
  // most 64 cells, 8 rows) is first checked in registers; only an answer that fails it is
  // checked again below to say what is wrong.
  void limits(const Answer& answer, std::size_t most) {
    const std::size_t options = question_.options.size();
    const std::size_t rows = std::max<std::size_t>(question_.rows.size(), 1);
    const bool every_row = takes_rows(question_.type) && question_.mandatory;
    if (rows <= 8 && rows * options <= 64) {
      std::uint64_t cells = 0;
      std::array<std::uint8_t, 8> per_row{};
      bool fine = answer.choices.size() <= rows * options;
      for (const Choice& choice : answer.choices) {
        if (!fine) break;
        const std::uint64_t bit = std::uint64_t{1} << (choice.row * options + choice.option);
        fine = (cells & bit) == 0 && ++per_row[choice.row] <= most;
        cells |= bit;
      }
      for (std::size_t row = 0; fine && every_row && row < rows; ++row) fine = per_row[row] > 0;
      if (fine) return;
    }
    std::vector<std::uint32_t> per_row(rows, 0);
    std::vector<bool> chosen(rows * options, false);
    for (const Choice& choice : answer.choices) {
      const std::size_t cell = choice.row * options + choice.option;
      if (chosen[cell])
        problem(row_name(choice.row), "chooses option ", choice.option + 1, " twice");
      chosen[cell] = true;
      ++per_row[choice.row];
    }
    std::vector<std::string> missing;
    for (std::size_t row = 0; row < rows; ++row) {
      if (per_row[row] > most) {
        problem(row_name(row), "chooses ", per_row[row], " options; at most ", most);
      }
      if (every_row && per_row[row] == 0) missing.push_back(str_cat(row + 1));
    }
    if (!missing.empty()) {
      problem("is mandatory and row", missing.size() > 1 ? "s " : " ", absl::StrJoin(missing, ", "),
              missing.size() > 1 ? " are" : " is", " not answered");
    }
  }

  void sorting(const Answer& answer) {
    const std::size_t options = question_.options.size();
    std::vector<bool> ranked(options, false);
    std::size_t distinct = 0;
    for (const Choice& choice : answer.choices) {
      if (ranked[choice.option]) {
        problem("ranks option ", choice.option + 1, " twice");
      } else {
        ranked[choice.option] = true;
        ++distinct;
      }
    }
    if (distinct != options) {
      problem("ranks ", distinct, " of ", options,
              " options; a sorting question ranks every option");
    }
  }

 private:
  std::string row_name(std::size_t row) const {
    return takes_rows(question_.type) ? str_cat("row ", row + 1, " ") : std::string();
  }

  const Question& question_;
  std::size_t position_;
  std::vector<Problem>& problems_;
};

}  // namespace

void check_response(const Questionnaire& questionnaire, const Response& response,
                    const std::vector<bool>& shown, std::vector<Problem>& problems) {
  for (std::size_t q = questionnaire.size(); q < response.answers.size(); ++q) {
    if (response.answers[q].given()) {
      problems.push_back({q, str_cat("answers question ", q + 1, "; the form has ",
                                     questionnaire.size(), " questions")});
    }
  }
  for (std::size_t q = 0; q < questionnaire.size(); ++q) {
    const Question& question = questionnaire.question(q);
    const Answer& answer = response.answer(q);
    ResponseCheck check(question, q, problems);
    if (display_only(question.type)) {
      if (answer.given()) check.problem("is display-only and takes no answer");
      continue;
    }
    if (!shown[q]) {
      if (answer.given()) check.problem("is hidden by its display conditions and takes no answer");
      continue;
    }
    if (!answer.given()) {
      if (question.mandatory) check.problem("is mandatory and not answered");
      continue;
    }
    switch (question.type) {
      case QuestionType::kShortText:
      case QuestionType::kLongText:
      case QuestionType::kVendor:
        check.text(answer, questionnaire.handler(q));
        break;
      case QuestionType::kFiles:
        check.files(answer);
        break;
      case QuestionType::kSingleOption:
        if (check.choices(answer) && answer.choices.size() > 1) {
          check.problem("takes one choice, not ", answer.choices.size());
        }
        break;
      case QuestionType::kMultipleOption:
      case QuestionType::kMatrixMultiple:
        if (check.choices(answer)) {
          check.limits(answer,
                       question.max_choices != 0 ? question.max_choices : question.options.size());
        }
        break;
      case QuestionType::kMatrixSingle:
        if (check.choices(answer)) check.limits(answer, 1);
        break;
      case QuestionType::kSorting:
        if (check.choices(answer)) check.sorting(answer);
        break;
      case QuestionType::kTitleAndDescription:
      case QuestionType::kSeparator:
        break;
    }
  }
}

std::vector<Problem> validate(const Questionnaire& questionnaire, const Response& response) {
  std::vector<Problem> problems;
  std::vector<bool> shown;
  visible_into(questionnaire, response, shown);
  check_response(questionnaire, response, shown, problems);
  return problems;
}

std::string describe(const std::vector<Problem>& problems) {
  return absl::StrJoin(problems, "; ", [](std::string* out, const Problem& p) {
    str_append(out, "question ", p.question + 1, ": ", p.reason);
  });
}

}  // namespace participa::questionnaire
