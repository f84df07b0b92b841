// participa/io/questionnaire.hpp — questionnaires and responses in files: JSON forms, JSONL and
// CSV responses, and summaries as JSON.
//
// A form is the JSON of participa.v1.Questionnaire (proto/participa/v1/questionnaire.proto);
// unknown fields, unknown type names and numbers out of range are refused, and the form is then
// checked by Questionnaire::create. Responses are one respondent per line (JSONL of
// participa.v1.QuestionnaireResponse) or per row (CSV as written by responses_to_csv). Both
// readers refuse a response set naming a respondent twice (counted once means listed once),
// with the lines of both; a response that does not fit the form is read and left to validate.
//
// CSV columns: "respondent", then per question that takes an answer its label ("3. Which
// entrance?"), except matrices, which take one column per row ("4. Rate / Paths"), and each
// option that takes free text, which adds a column for it ("2. Where? / Other"). A cell lists
// the chosen options' texts one per line (sorting: best first), so option texts are one line.
//
//   auto form = participa::io::read_questionnaire_file("form.json");
//   auto rows = participa::io::read_responses_file("responses.csv", *form);
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/questionnaire/aggregate.hpp"
#include "participa/questionnaire/form.hpp"
#include "participa/questionnaire/response.hpp"
#include "participa/questionnaire/summary.hpp"

namespace participa::io {

// The format_version of participa.v1.Questionnaire this participa writes and reads.
inline constexpr std::uint32_t kQuestionnaireFormatVersion = 1;

absl::StatusOr<questionnaire::Questionnaire> questionnaire_from_json(
    std::string_view json, const questionnaire::QuestionTypeRegistry& types = {});
std::string questionnaire_to_json(const questionnaire::Questionnaire& questionnaire,
                                  bool pretty = false);
absl::StatusOr<questionnaire::Questionnaire> read_questionnaire_file(
    const std::string& path, const questionnaire::QuestionTypeRegistry& types = {});

// ResponseRow — one respondent's response as a file holds it.
struct ResponseRow {
  std::string respondent;
  questionnaire::Response response;
  friend bool operator==(const ResponseRow&, const ResponseRow&) = default;
};

// Readers name faults "name:line: ..." ("name:line: column 'label': ..." for CSV cells).
absl::StatusOr<std::vector<ResponseRow>> read_responses_jsonl(
    std::string_view text, const questionnaire::Questionnaire& questionnaire,
    std::string_view name = "");
absl::StatusOr<std::vector<ResponseRow>> read_responses_csv(
    std::string_view text, const questionnaire::Questionnaire& questionnaire,
    std::string_view name = "");
// read_responses_file(path, questionnaire) — by extension: .jsonl or .csv.
absl::StatusOr<std::vector<ResponseRow>> read_responses_file(
    const std::string& path, const questionnaire::Questionnaire& questionnaire);

struct ExportOptions {
  // Open data: only the answers to questions whose results are published. A file written so
  // lacks columns the reader requires; it is for publishing, not for reading back.
  bool published_only = false;
};

std::string responses_to_jsonl(const questionnaire::Questionnaire& questionnaire,
                               std::span<const ResponseRow> rows,
                               const ExportOptions& options = {});
std::string responses_to_csv(const questionnaire::Questionnaire& questionnaire,
                             std::span<const ResponseRow> rows, const ExportOptions& options = {});

// summary_to_json — the summary (kind "survey-summary", which `participa report` draws) with
// exact shares as "p/q" text; rejections (when given) list each response not counted with its
// respondent and problems.
std::string summary_to_json(const questionnaire::Summary& summary,
                            std::span<const ResponseRow> rows = {},
                            std::span<const questionnaire::Rejection> rejected = {});

// validation_to_json — what `participa survey validate --format json` prints: the form's
// digest, how many responses were read and how many are valid, and every rejected response
// with its respondent and problems.
std::string validation_to_json(const questionnaire::Questionnaire& questionnaire,
                               std::span<const ResponseRow> rows,
                               std::span<const questionnaire::Rejection> rejected);

}  // namespace participa::io
