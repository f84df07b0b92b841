#include "participa/io/questionnaire.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include <google/protobuf/util/json_util.h>
#include <boost/json.hpp>

#include "io/ordered.hpp"
#include "io/questionnaire_proto.hpp"
#include "io/text.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"
#include "participa/io/files.hpp"
#include "participa/io/json.hpp"
#include "participa/v1/questionnaire.pb.h"

namespace participa::io {
namespace {

namespace q = participa::questionnaire;
using TextMap = google::protobuf::Map<std::string, std::string>;

q::Text text_from(const TextMap& map, const std::string& language) {
  q::Text text;
  text.default_language = language;
  for (const auto& [code, words] : map) text.translations.emplace(code, words);
  return text;
}

void text_to(const q::Text& text, TextMap& map) {
  for (const auto& [code, words] : text.translations) map[code] = words;
}

absl::StatusOr<q::Condition> condition_from(const v1::DisplayCondition& m, std::string_view where) {
  q::Condition condition;
  if (m.question() == 0) {
    return absl::InvalidArgumentError(str_cat(where, ": question is required (from 1)"));
  }
  condition.source = m.question() - 1;
  PARTICIPA_ASSIGN_OR_RETURN(
      condition.kind, parse_name(q::kConditionKindNames, str_cat(where, ": kind"), m.kind()));
  const bool by_option =
      condition.kind == q::ConditionKind::kEqual || condition.kind == q::ConditionKind::kNotEqual;
  if (by_option && m.option() == 0) {
    return absl::InvalidArgumentError(
        str_cat(where, ": ", m.kind(), " needs an option number (from 1)"));
  }
  if (!by_option && m.option() != 0) {
    return absl::InvalidArgumentError(
        str_cat(where, ": ", m.kind(), " takes no option (option ", m.option(), " given)"));
  }
  condition.option = by_option ? m.option() - 1 : 0;
  condition.pattern = m.pattern();
  condition.mandatory = !m.optional();
  return condition;
}

}  // namespace

namespace detail {

absl::StatusOr<q::Form> form_from(const v1::Questionnaire& m) {
  if (m.format_version() != kQuestionnaireFormatVersion) {
    return absl::InvalidArgumentError(str_cat("format_version ", m.format_version(), " is not ",
                                              kQuestionnaireFormatVersion,
                                              " (the version this participa reads)"));
  }
  const std::string language = m.default_language().empty() ? "en" : m.default_language();
  q::Form form;
  form.title = text_from(m.title(), language);
  form.description = text_from(m.description(), language);
  form.terms = text_from(m.terms(), language);
  form.salt = m.salt();
  for (int i = 0; i < m.questions_size(); ++i) {
    const v1::Question& qm = m.questions(i);
    const std::string where = str_cat("question ", i + 1);
    q::Question question;
    PARTICIPA_ASSIGN_OR_RETURN(
        question.type, parse_name(q::kQuestionTypeNames, str_cat(where, ": type"), qm.type()));
    question.vendor_type = qm.vendor_type();
    question.body = text_from(qm.body(), language);
    question.description = text_from(qm.description(), language);
    question.mandatory = qm.mandatory();
    question.max_choices = qm.max_choices();
    question.max_characters = qm.max_characters();
    for (const v1::QuestionOption& option : qm.options()) {
      question.options.push_back({text_from(option.body(), language), option.free_text()});
    }
    for (int r = 0; r < qm.rows_size(); ++r) {
      if (qm.rows(r).free_text()) {
        return absl::InvalidArgumentError(
            str_cat(where, ": row ", r + 1, " takes no free text (options do)"));
      }
      question.rows.push_back(text_from(qm.rows(r).body(), language));
    }
    for (int c = 0; c < qm.conditions_size(); ++c) {
      PARTICIPA_ASSIGN_OR_RETURN(
          auto condition, condition_from(qm.conditions(c), str_cat(where, " condition ", c + 1)));
      question.conditions.push_back(std::move(condition));
    }
    question.results_published = qm.results_published();
    form.questions.push_back(std::move(question));
  }
  return form;
}

v1::Questionnaire form_to(const q::Form& form) {
  v1::Questionnaire m;
  m.set_format_version(kQuestionnaireFormatVersion);
  m.set_default_language(form.title.default_language);
  text_to(form.title, *m.mutable_title());
  text_to(form.description, *m.mutable_description());
  text_to(form.terms, *m.mutable_terms());
  m.set_salt(form.salt);
  for (const q::Question& question : form.questions) {
    v1::Question& qm = *m.add_questions();
    qm.set_type(std::string(name_of(q::kQuestionTypeNames, question.type)));
    qm.set_vendor_type(question.vendor_type);
    text_to(question.body, *qm.mutable_body());
    text_to(question.description, *qm.mutable_description());
    qm.set_mandatory(question.mandatory);
    qm.set_max_choices(question.max_choices);
    qm.set_max_characters(question.max_characters);
    for (const q::Option& option : question.options) {
      v1::QuestionOption& om = *qm.add_options();
      text_to(option.body, *om.mutable_body());
      om.set_free_text(option.free_text);
    }
    for (const q::Text& row : question.rows) text_to(row, *qm.add_rows()->mutable_body());
    for (const q::Condition& condition : question.conditions) {
      v1::DisplayCondition& cm = *qm.add_conditions();
      cm.set_question(static_cast<std::uint32_t>(condition.source + 1));
      cm.set_kind(std::string(name_of(q::kConditionKindNames, condition.kind)));
      const bool by_option = condition.kind == q::ConditionKind::kEqual ||
                             condition.kind == q::ConditionKind::kNotEqual;
      if (by_option) cm.set_option(static_cast<std::uint32_t>(condition.option + 1));
      cm.set_pattern(condition.pattern);
      cm.set_optional(!condition.mandatory);
    }
    qm.set_results_published(question.results_published);
  }
  return m;
}

void response_to(const q::Response& response, v1::QuestionnaireResponse& m) {
  for (std::size_t position = 0; position < response.answers.size(); ++position) {
    const q::Answer& answer = response.answers[position];
    v1::QuestionAnswer& am = *m.add_answers();
    am.set_question(static_cast<std::uint32_t>(position + 1));
    am.set_text(answer.text);
    for (const q::Choice& choice : answer.choices) {
      v1::AnswerChoice& cm = *am.add_choices();
      cm.set_option(choice.option + 1);
      cm.set_row(choice.row + 1);
      cm.set_free_text(choice.free_text);
    }
    for (const std::string& file : answer.files) am.add_files(file);
  }
}

absl::StatusOr<q::Response> response_from(const v1::QuestionnaireResponse& m) {
  q::Response response;
  for (const v1::QuestionAnswer& am : m.answers()) {
    if (am.question() != response.answers.size() + 1) {
      return absl::DataLossError(str_cat("a recorded response lists question ", am.question(),
                                         " where question ", response.answers.size() + 1,
                                         " was expected"));
    }
    q::Answer& answer = response.answers.emplace_back();
    answer.text = am.text();
    for (const v1::AnswerChoice& cm : am.choices()) {
      if (cm.option() == 0 || cm.row() == 0) {
        return absl::DataLossError("a recorded choice has no option or row number");
      }
      answer.choices.push_back({cm.option() - 1, cm.row() - 1, cm.free_text()});
    }
    answer.files.assign(am.files().begin(), am.files().end());
  }
  return response;
}

}  // namespace detail

namespace {

template <class Message>
absl::StatusOr<Message> parse_message(std::string_view json, std::string_view what) {
  Message m;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &m,
      google::protobuf::util::JsonParseOptions{});
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        str_cat("not a valid ", what, ": ", std::string(status.message())));
  }
  return m;
}

std::string print_message(const google::protobuf::Message& m, bool pretty) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = pretty;
  options.preserve_proto_field_names = true;
  // A message built here packs nothing foreign, so printing it cannot fail.
  return ordered_json(m, options).value_or("");
}

// Remembers each respondent's line, so a second listing names both.
class Respondents {
 public:
  absl::Status add(const std::string& respondent, std::string_view name, std::size_t line) {
    if (respondent.empty()) return at_line(name, line, "respondent is required");
    if (!is_utf8(respondent)) return at_line(name, line, "respondent is not UTF-8");
    auto [it, fresh] = lines_.emplace(respondent, line);
    if (!fresh) {
      return at_line(name, line,
                     str_cat("respondent '", respondent, "' is listed again (first on line ",
                             it->second, "); a respondent is counted once"));
    }
    return absl::OkStatus();
  }

 private:
  std::map<std::string, std::size_t, std::less<>> lines_;
};

// The JSON mapping of participa.v1.QuestionnaireResponse, read with Boost.JSON: protobuf's
// JSON parser reads about 6 MB/s, a minute for a million responses. Field names are those of
// the message; an unknown field, a value of the wrong type or a number that is not a whole
// number in 32 bits is refused, as protobuf would.
namespace json = boost::json;

absl::Status json_fault(std::string_view where, std::string_view what) {
  return absl::InvalidArgumentError(str_cat("not a valid response: ", where, " ", what));
}

absl::StatusOr<std::uint32_t> json_uint32(const json::value& v, std::string_view where) {
  if (v.is_int64() && v.as_int64() >= 0 && v.as_int64() <= 0xFFFFFFFF) {
    return static_cast<std::uint32_t>(v.as_int64());
  }
  if (v.is_uint64() && v.as_uint64() <= 0xFFFFFFFF)
    return static_cast<std::uint32_t>(v.as_uint64());
  return json_fault(where, "is not a whole number from 0 to 4294967295");
}

absl::StatusOr<std::string> json_string(const json::value& v, std::string_view where) {
  if (!v.is_string()) return json_fault(where, "is not a string");
  return std::string(v.as_string());
}

absl::StatusOr<const json::array*> json_array(const json::value& v, std::string_view where) {
  if (!v.is_array()) return json_fault(where, "is not a list");
  return &v.as_array();
}

absl::StatusOr<const json::object*> json_object(const json::value& v, std::string_view where) {
  if (!v.is_object()) return json_fault(where, "is not an object");
  return &v.as_object();
}

struct RawChoice {
  std::uint32_t option = 0;
  std::uint32_t row = 0;
  std::string free_text;
};

absl::Status read_choice(const json::value& value, RawChoice& choice) {
  PARTICIPA_ASSIGN_OR_RETURN(const json::object* object, json_object(value, "a choice"));
  for (const auto& [key, v] : *object) {
    if (key == "option") {
      PARTICIPA_ASSIGN_OR_RETURN(choice.option, json_uint32(v, "option"));
    } else if (key == "row") {
      PARTICIPA_ASSIGN_OR_RETURN(choice.row, json_uint32(v, "row"));
    } else if (key == "free_text" || key == "freeText") {
      PARTICIPA_ASSIGN_OR_RETURN(choice.free_text, json_string(v, "free_text"));
    } else {
      return json_fault(str_cat("choice field '", std::string_view(key), "'"), "is unknown");
    }
  }
  return absl::OkStatus();
}

// Reads one answer into its question's place; `seen` marks the questions answered so far.
absl::Status read_answer(const json::value& value, const q::Questionnaire& questionnaire,
                         q::Response& response, std::vector<bool>& seen) {
  PARTICIPA_ASSIGN_OR_RETURN(const json::object* object, json_object(value, "an answer"));
  std::uint32_t number = 0;
  q::Answer answer;
  std::vector<RawChoice> choices;
  for (const auto& [key, v] : *object) {
    if (key == "question") {
      PARTICIPA_ASSIGN_OR_RETURN(number, json_uint32(v, "question"));
    } else if (key == "text") {
      PARTICIPA_ASSIGN_OR_RETURN(answer.text, json_string(v, "text"));
    } else if (key == "choices") {
      PARTICIPA_ASSIGN_OR_RETURN(const json::array* list, json_array(v, "choices"));
      choices.resize(list->size());
      for (std::size_t i = 0; i < list->size(); ++i) {
        PARTICIPA_RETURN_IF_ERROR(read_choice((*list)[i], choices[i]));
      }
    } else if (key == "files") {
      PARTICIPA_ASSIGN_OR_RETURN(const json::array* files, json_array(v, "files"));
      for (const json::value& f : *files) {
        PARTICIPA_ASSIGN_OR_RETURN(std::string file, json_string(f, "a file"));
        answer.files.push_back(std::move(file));
      }
    } else {
      return json_fault(str_cat("answer field '", std::string_view(key), "'"), "is unknown");
    }
  }
  if (number == 0 || number > questionnaire.size()) {
    return absl::InvalidArgumentError(str_cat("question ", number, " does not exist (the form has ",
                                              questionnaire.size(), ", numbered from 1)"));
  }
  const std::size_t position = number - 1;
  if (seen[position]) {
    return absl::InvalidArgumentError(str_cat("question ", number, " is answered twice"));
  }
  seen[position] = true;
  const bool matrix = q::takes_rows(questionnaire.question(position).type);
  answer.choices.reserve(choices.size());
  for (RawChoice& choice : choices) {
    if (choice.option == 0) {
      return absl::InvalidArgumentError(
          str_cat("question ", number, ": a choice needs an option number (from 1)"));
    }
    if (matrix == (choice.row == 0)) {
      return absl::InvalidArgumentError(
          matrix ? str_cat("question ", number, ": a choice needs a row number (from 1)")
                 : str_cat("question ", number, " has no rows (row ", choice.row, " given)"));
    }
    answer.choices.push_back(
        {choice.option - 1, matrix ? choice.row - 1 : 0, std::move(choice.free_text)});
  }
  response.answers[position] = std::move(answer);
  return absl::OkStatus();
}

// One line: a response with its respondent. `scratch` holds the parsed line: a typical line
// fits, so parsing allocates nothing.
absl::StatusOr<ResponseRow> response_row(std::string_view line, std::span<unsigned char> scratch,
                                         const q::Questionnaire& questionnaire) {
  json::monotonic_resource resource(scratch.data(), scratch.size());
  json::error_code error;
  const json::value value =
      json::parse(json::string_view(line.data(), line.size()), error, &resource);
  if (error) return json_fault("line", str_cat("is not JSON (", error.message(), ")"));
  PARTICIPA_ASSIGN_OR_RETURN(const json::object* object, json_object(value, "the line"));
  ResponseRow row;
  row.response.answers.resize(questionnaire.size());
  std::vector<bool> seen(questionnaire.size(), false);
  for (const auto& [key, v] : *object) {
    if (key == "respondent") {
      PARTICIPA_ASSIGN_OR_RETURN(row.respondent, json_string(v, "respondent"));
    } else if (key == "answers") {
      PARTICIPA_ASSIGN_OR_RETURN(const json::array* answers, json_array(v, "answers"));
      for (const json::value& a : *answers) {
        PARTICIPA_RETURN_IF_ERROR(read_answer(a, questionnaire, row.response, seen));
      }
    } else {
      return json_fault(str_cat("field '", std::string_view(key), "'"), "is unknown");
    }
  }
  return row;
}

// Whether an export shows this question's answers.
bool exported(const q::Questionnaire& questionnaire, std::size_t position,
              const ExportOptions& options) {
  return !options.published_only ||
         (position < questionnaire.size() && questionnaire.question(position).results_published);
}

v1::QuestionnaireResponse row_message(const q::Questionnaire& questionnaire, const ResponseRow& row,
                                      const ExportOptions& options) {
  v1::QuestionnaireResponse m;
  m.set_respondent(row.respondent);
  for (std::size_t position = 0; position < row.response.answers.size(); ++position) {
    const q::Answer& answer = row.response.answers[position];
    if (!answer.given() || !exported(questionnaire, position, options)) continue;
    const bool matrix =
        position < questionnaire.size() && q::takes_rows(questionnaire.question(position).type);
    v1::QuestionAnswer& am = *m.add_answers();
    am.set_question(static_cast<std::uint32_t>(position + 1));
    am.set_text(answer.text);
    for (const q::Choice& choice : answer.choices) {
      v1::AnswerChoice& cm = *am.add_choices();
      cm.set_option(choice.option + 1);
      if (matrix) cm.set_row(choice.row + 1);
      cm.set_free_text(choice.free_text);
    }
    for (const std::string& file : answer.files) am.add_files(file);
  }
  return m;
}

// --- CSV ------------------------------------------------------------------------------------

enum class ColumnKind { kAnswer, kRow, kFreeText };

struct Column {
  std::string label;
  std::size_t question = 0;
  ColumnKind kind = ColumnKind::kAnswer;
  std::uint32_t index = 0;  // the row, or the option whose free text it holds
};

std::vector<Column> columns_of(const q::Questionnaire& questionnaire,
                               const ExportOptions& options = {}) {
  std::vector<Column> columns;
  for (std::size_t position = 0; position < questionnaire.size(); ++position) {
    const q::Question& question = questionnaire.question(position);
    if (q::display_only(question.type) || !exported(questionnaire, position, options)) continue;
    const std::string label = q::label(questionnaire, position);
    if (q::takes_rows(question.type)) {
      for (std::uint32_t r = 0; r < question.rows.size(); ++r) {
        columns.push_back(
            {str_cat(label, " / ", question.rows[r].text()), position, ColumnKind::kRow, r});
      }
      continue;
    }
    columns.push_back({label, position, ColumnKind::kAnswer, 0});
    for (std::uint32_t o = 0; o < question.options.size(); ++o) {
      if (question.options[o].free_text) {
        columns.push_back({str_cat(label, " / ", question.options[o].body.text()), position,
                           ColumnKind::kFreeText, o});
      }
    }
  }
  return columns;
}

std::string cell_of(const q::Question& question, const q::Answer& answer, const Column& column) {
  std::vector<std::string_view> lines;
  switch (column.kind) {
    case ColumnKind::kFreeText:
      for (const q::Choice& choice : answer.choices) {
        if (choice.option == column.index) return choice.free_text;
      }
      return {};
    case ColumnKind::kRow:
    case ColumnKind::kAnswer:
      if (q::takes_text(question.type)) return answer.text;
      if (question.type == q::QuestionType::kFiles) {
        lines.assign(answer.files.begin(), answer.files.end());
        break;
      }
      for (const q::Choice& choice : answer.choices) {
        if (column.kind == ColumnKind::kRow && choice.row != column.index) continue;
        if (choice.option < question.options.size()) {
          lines.push_back(question.options[choice.option].body.text());
        }
      }
      break;
  }
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    out += lines[i];
  }
  return out;
}

// The lines of a cell: options and files are listed one per line.
std::vector<std::string_view> cell_lines(std::string_view cell) {
  std::vector<std::string_view> out;
  LineReader lines(cell);
  std::string_view line;
  while (lines.next(line)) out.push_back(line);
  return out;
}

absl::Status read_cell(const q::Question& question, const Column& column, std::string_view cell,
                       q::Answer& answer) {
  if (cell.empty()) return absl::OkStatus();
  if (column.kind == ColumnKind::kFreeText) {
    for (q::Choice& choice : answer.choices) {
      if (choice.option == column.index) {
        choice.free_text = std::string(cell);
        return absl::OkStatus();
      }
    }
    return absl::InvalidArgumentError(str_cat(
        "free text for '", question.options[column.index].body.text(), "', which is not chosen"));
  }
  if (q::takes_text(question.type)) {
    answer.text = std::string(cell);
    return absl::OkStatus();
  }
  if (question.type == q::QuestionType::kFiles) {
    for (std::string_view line : cell_lines(cell)) answer.files.emplace_back(line);
    return absl::OkStatus();
  }
  for (std::string_view line : cell_lines(cell)) {
    std::optional<std::uint32_t> found;
    for (std::uint32_t o = 0; o < question.options.size(); ++o) {
      if (question.options[o].body.text() == line) found = o;
    }
    if (!found) {
      return absl::InvalidArgumentError(str_cat("'", line, "' is not an option of the question"));
    }
    answer.choices.push_back({*found, column.kind == ColumnKind::kRow ? column.index : 0, {}});
  }
  return absl::OkStatus();
}

// Reads CSV records that may span lines inside quotes; `line` is where the record began.
class CsvRecords {
 public:
  explicit CsvRecords(std::string_view text) : lines_(text) {}

  // False at the end; an unterminated quote is an error.
  absl::StatusOr<bool> next(std::vector<std::string>& fields, std::size_t& line,
                            std::string_view name) {
    std::string_view part;
    if (!lines_.next(part)) return false;
    line = lines_.line_number();
    fields.clear();
    bool quoted = continue_csv_record(part, fields, false);
    while (quoted) {
      if (!lines_.next(part)) return at_line(name, line, "a quoted cell is never closed");
      fields.back().push_back('\n');
      quoted = continue_csv_record(part, fields, true);
    }
    return true;
  }

 private:
  LineReader lines_;
};

std::string json_text(const Rational& r) { return to_string(r); }

// rejections_json — each response not counted, with its respondent and every problem.
boost::json::array rejections_json(std::span<const ResponseRow> rows,
                                   std::span<const q::Rejection> rejected) {
  boost::json::array out;
  for (const q::Rejection& rejection : rejected) {
    boost::json::array problems;
    for (const q::Problem& p : rejection.problems) {
      problems.push_back({{"question", p.question + 1}, {"reason", p.reason}});
    }
    boost::json::object entry;
    if (rejection.response < rows.size()) entry["respondent"] = rows[rejection.response].respondent;
    entry["problems"] = std::move(problems);
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

absl::StatusOr<questionnaire::Questionnaire> questionnaire_from_json(
    std::string_view json, const questionnaire::QuestionTypeRegistry& types) {
  if (json.size() > kMaxMessageBytes) {
    return absl::OutOfRangeError(str_cat("a form of ", json.size(), " bytes is over the limit"));
  }
  std::string storage;
  PARTICIPA_ASSIGN_OR_RETURN(json, decode_text(json, "the form", storage));
  PARTICIPA_ASSIGN_OR_RETURN(
      auto m, parse_message<v1::Questionnaire>(json, "participa.v1.Questionnaire JSON"));
  PARTICIPA_ASSIGN_OR_RETURN(auto form, detail::form_from(m));
  return questionnaire::Questionnaire::create(std::move(form), types);
}

std::string questionnaire_to_json(const questionnaire::Questionnaire& questionnaire, bool pretty) {
  return print_message(detail::form_to(questionnaire.form()), pretty);
}

absl::StatusOr<questionnaire::Questionnaire> read_questionnaire_file(
    const std::string& path, const questionnaire::QuestionTypeRegistry& types) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, read_file(path));
  auto form = questionnaire_from_json(text, types);
  if (!form.ok()) return with_file(form.status(), path);
  return form;
}

absl::StatusOr<std::vector<ResponseRow>> read_responses_jsonl(
    std::string_view text, const questionnaire::Questionnaire& questionnaire,
    std::string_view name) {
  std::string storage;
  PARTICIPA_ASSIGN_OR_RETURN(text, decode_text(text, name.empty() ? "responses" : name, storage));
  std::vector<ResponseRow> rows;
  Respondents respondents;
  std::vector<unsigned char> scratch(64 * 1024);
  LineReader lines(text);
  std::string_view line;
  while (lines.next(line)) {
    if (trim(line).empty()) continue;
    const std::size_t number = lines.line_number();
    auto row = response_row(line, scratch, questionnaire);
    if (!row.ok()) return at_line(name, number, std::string(row.status().message()));
    PARTICIPA_RETURN_IF_ERROR(respondents.add(row->respondent, name, number));
    rows.push_back(*std::move(row));
  }
  return rows;
}

absl::StatusOr<std::vector<ResponseRow>> read_responses_csv(
    std::string_view text, const questionnaire::Questionnaire& questionnaire,
    std::string_view name) {
  std::string storage;
  PARTICIPA_ASSIGN_OR_RETURN(text, decode_text(text, name.empty() ? "responses" : name, storage));
  const std::vector<Column> expected = columns_of(questionnaire);
  CsvRecords records(text);
  std::vector<std::string> fields;
  std::size_t line = 0;
  PARTICIPA_ASSIGN_OR_RETURN(bool has_header, records.next(fields, line, name));
  if (!has_header) return at_line(name, 1, "no header row");
  // Header: "respondent" and every expected column once, in any order.
  std::vector<const Column*> by_field(fields.size(), nullptr);
  std::optional<std::size_t> respondent_field;
  std::map<std::string_view, const Column*> labels;
  for (const Column& column : expected) labels.emplace(column.label, &column);
  std::map<std::string_view, std::size_t> placed;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const std::string& header = fields[f];
    if (auto [it, fresh] = placed.emplace(header, f); !fresh) {
      return at_line(name, line, str_cat("column '", header, "' appears twice"));
    }
    if (header == "respondent") {
      respondent_field = f;
    } else if (auto it = labels.find(header); it != labels.end()) {
      by_field[f] = it->second;
    } else {
      return at_line(name, line, str_cat("column '", header, "' is not a column of this form"));
    }
  }
  if (!respondent_field) return at_line(name, line, "no 'respondent' column");
  for (const Column& column : expected) {
    if (!placed.contains(column.label)) {
      return at_line(name, line, str_cat("column '", column.label, "' is missing"));
    }
  }
  const std::size_t width = fields.size();
  // Free-text columns are read after the answers they belong to.
  std::vector<std::size_t> order(width);
  for (std::size_t f = 0; f < width; ++f) order[f] = f;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    auto rank = [&](std::size_t f) {
      return by_field[f] != nullptr && by_field[f]->kind == ColumnKind::kFreeText ? 1 : 0;
    };
    return rank(a) < rank(b);
  });
  std::vector<ResponseRow> rows;
  Respondents respondents;
  while (true) {
    PARTICIPA_ASSIGN_OR_RETURN(bool more, records.next(fields, line, name));
    if (!more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != width) {
      return at_line(name, line,
                     str_cat("row has ", fields.size(), " cells; the header has ", width));
    }
    ResponseRow row;
    row.respondent = fields[*respondent_field];
    PARTICIPA_RETURN_IF_ERROR(respondents.add(row.respondent, name, line));
    row.response.answers.resize(questionnaire.size());
    for (std::size_t f : order) {
      const Column* column = by_field[f];
      if (column == nullptr) continue;
      const q::Question& question = questionnaire.question(column->question);
      if (auto status =
              read_cell(question, *column, fields[f], row.response.answers[column->question]);
          !status.ok()) {
        return at_line(name, line, str_cat("column '", column->label, "': ", status.message()));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

absl::StatusOr<std::vector<ResponseRow>> read_responses_file(
    const std::string& path, const questionnaire::Questionnaire& questionnaire) {
  const std::string extension =
      path.rfind('.') == std::string::npos ? std::string() : path.substr(path.rfind('.'));
  if (extension != ".jsonl" && extension != ".csv") {
    return absl::InvalidArgumentError(
        str_cat(path, ": responses are read from .jsonl or .csv files, not '", extension, "'"));
  }
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, read_file(path));
  return extension == ".csv" ? read_responses_csv(text, questionnaire, path)
                             : read_responses_jsonl(text, questionnaire, path);
}

std::string responses_to_jsonl(const questionnaire::Questionnaire& questionnaire,
                               std::span<const ResponseRow> rows, const ExportOptions& options) {
  std::string out;
  for (const ResponseRow& row : rows) {
    out += print_message(row_message(questionnaire, row, options), false);
    out += '\n';
  }
  return out;
}

std::string responses_to_csv(const questionnaire::Questionnaire& questionnaire,
                             std::span<const ResponseRow> rows, const ExportOptions& options) {
  const std::vector<Column> columns = columns_of(questionnaire, options);
  std::string out = "respondent";
  for (const Column& column : columns) str_append(&out, ",", csv_cell(column.label));
  out += "\r\n";
  for (const ResponseRow& row : rows) {
    out += csv_cell(row.respondent);
    for (const Column& column : columns) {
      out += ',';
      out += csv_cell(cell_of(questionnaire.question(column.question),
                              row.response.answer(column.question), column));
    }
    out += "\r\n";
  }
  return out;
}

std::string summary_to_json(const questionnaire::Summary& summary,
                            std::span<const ResponseRow> rows,
                            std::span<const questionnaire::Rejection> rejected) {
  namespace json = boost::json;
  auto value_counts = [](const std::vector<q::ValueCount>& values) {
    json::array out;
    for (const q::ValueCount& v : values) out.push_back({{"value", v.value}, {"count", v.count}});
    return out;
  };
  auto options = [&](const std::vector<q::OptionResult>& results) {
    json::array out;
    for (const q::OptionResult& o : results) {
      json::object entry{{"option", o.option},
                         {"count", o.count},
                         {"share_of_answered", json_text(o.share_of_answered)},
                         {"share_of_shown", json_text(o.share_of_shown)}};
      if (!o.free_texts.empty()) entry["free_texts"] = value_counts(o.free_texts);
      out.push_back(std::move(entry));
    }
    return out;
  };
  json::object root;
  root["kind"] = "survey-summary";
  root["form"] = summary.form.hex();
  root["title"] = summary.title;
  root["respondents"] = summary.respondents;
  json::array questions;
  for (const q::QuestionResult& result : summary.questions) {
    json::object entry;
    entry["question"] = result.position + 1;
    entry["label"] = result.label;
    entry["type"] = name_of(q::kQuestionTypeNames, result.type);
    if (!result.vendor_type.empty()) entry["vendor_type"] = result.vendor_type;
    entry["shown"] = result.shown;
    entry["answered"] = result.answered;
    entry["skipped"] = result.skipped;
    if (!result.options.empty()) entry["options"] = options(result.options);
    if (!result.rows.empty()) {
      json::array rows_out;
      for (const q::RowResult& row : result.rows) {
        rows_out.push_back(
            {{"row", row.row}, {"answered", row.answered}, {"options", options(row.options)}});
      }
      entry["rows"] = std::move(rows_out);
    }
    if (!result.sorting.empty()) {
      json::array sorted;
      for (const q::SortedOption& option : result.sorting) {
        json::array positions;
        for (std::uint64_t n : option.positions) positions.push_back(n);
        sorted.push_back({{"option", option.option},
                          {"positions", std::move(positions)},
                          {"borda_points", json_text(option.points)}});
      }
      entry["sorting"] = std::move(sorted);
      if (result.ranking) {
        json::array ranking;
        for (const auto& tier : result.ranking->ranking) {
          json::array names;
          for (auto c : tier) names.push_back(json::string(result.ranking->candidates[c]));
          ranking.push_back(std::move(names));
        }
        entry["ranking"] = std::move(ranking);
      }
    }
    if (q::takes_text(result.type)) entry["texts"] = value_counts(result.texts);
    if (!result.statistics.empty()) {
      json::object statistics;
      for (const q::Statistic& s : result.statistics) statistics[s.name] = s.value;
      entry["statistics"] = std::move(statistics);
    }
    if (result.type == q::QuestionType::kFiles) entry["files"] = result.files;
    questions.push_back(std::move(entry));
  }
  root["questions"] = std::move(questions);
  if (!rejected.empty()) root["rejected"] = rejections_json(rows, rejected);
  return json::serialize(root);
}

std::string validation_to_json(const questionnaire::Questionnaire& questionnaire,
                               std::span<const ResponseRow> rows,
                               std::span<const questionnaire::Rejection> rejected) {
  boost::json::object root;
  root["form"] = questionnaire.digest().hex();
  root["responses"] = rows.size();
  root["valid"] = rows.size() - rejected.size();
  root["rejected"] = rejections_json(rows, rejected);
  return boost::json::serialize(root);
}

}  // namespace participa::io
