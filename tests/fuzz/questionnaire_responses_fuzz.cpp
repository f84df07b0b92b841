// Any bytes given as responses (JSONL, and CSV) to a form with every question type give
// responses or an error, never a crash; what reads is validated, counted and summarized.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "participa/io/questionnaire.hpp"

namespace {

const participa::questionnaire::Questionnaire& form() {
  static const auto* const questionnaire = new participa::questionnaire::Questionnaire(
      *participa::io::questionnaire_from_json(R"({"format_version": 1, "title": {"en": "Park"},
    "questions": [
      {"type": "single-option", "body": {"en": "How do you come?"}, "mandatory": true,
       "options": [{"body": {"en": "Bus"}}, {"body": {"en": "Bike"}},
                   {"body": {"en": "Other"}, "free_text": true}]},
      {"type": "multiple-option", "body": {"en": "Trees"}, "max_choices": 2,
       "options": [{"body": {"en": "Oak"}}, {"body": {"en": "Elm"}}, {"body": {"en": "Ash"}}]},
      {"type": "short-text", "body": {"en": "Which line?"}, "max_characters": 10,
       "conditions": [{"question": 1, "kind": "equal", "option": 1},
                      {"question": 2, "kind": "match", "pattern": "o*k", "optional": true}]},
      {"type": "sorting", "body": {"en": "Rank"},
       "options": [{"body": {"en": "A"}}, {"body": {"en": "B"}}, {"body": {"en": "C"}}]},
      {"type": "matrix-multiple", "body": {"en": "Rate"}, "mandatory": true,
       "options": [{"body": {"en": "Good"}}, {"body": {"en": "Bad"}}],
       "rows": [{"body": {"en": "Paths"}}, {"body": {"en": "Light"}}]},
      {"type": "separator"},
      {"type": "files", "body": {"en": "Photos"}}]})"));
  return *questionnaire;
}

void count(const std::vector<participa::io::ResponseRow>& rows) {
  namespace q = participa::questionnaire;
  std::vector<q::Response> responses;
  for (const auto& row : rows) responses.push_back(row.response);
  const q::Tabulation tabulation = q::tabulate(form(), responses);
  if (tabulation.aggregate.respondents() + tabulation.rejected.size() != rows.size()) std::abort();
  if (!q::summarize(form(), tabulation.aggregate).ok()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto rows = participa::io::read_responses_jsonl(text, form()); rows.ok()) count(*rows);
  if (auto rows = participa::io::read_responses_csv(text, form()); rows.ok()) count(*rows);
  return 0;
}
