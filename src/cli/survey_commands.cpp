#include "survey_commands.hpp"

#include <cstdio>
#include <iostream>

#include "participa/core/strings.hpp"
#include "participa/io/questionnaire.hpp"
#include "participa/questionnaire/aggregate.hpp"
#include "participa/questionnaire/summary.hpp"

namespace participa::cli {
namespace {

namespace q = participa::questionnaire;

int fail(const absl::Status& status) {
  std::cerr << "participa: " << status.message() << "\n";
  return 1;
}

std::string percent(const Rational& share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%5.1f%%", 100 * to_double(share));
  return buffer;
}

void print_options(const std::vector<q::OptionResult>& options, std::string_view indent) {
  std::size_t width = 0;
  for (const q::OptionResult& o : options) width = std::max(width, o.option.size());
  for (const q::OptionResult& o : options) {
    std::cout << indent << o.option << std::string(width - o.option.size() + 2, ' ') << o.count
              << "  " << percent(o.share_of_answered) << " of answers  "
              << percent(o.share_of_shown) << " of shown\n";
    for (const q::ValueCount& v : o.free_texts) {
      std::cout << indent << "    \"" << v.value << "\"  " << v.count << "\n";
    }
  }
}

void print_summary(const q::Summary& summary, std::size_t rejected) {
  std::cout << summary.title << ": " << summary.respondents << " respondents counted";
  if (rejected > 0) std::cout << ", " << rejected << " responses not counted (invalid)";
  std::cout << "\nform " << summary.form.hex() << "\n";
  for (const q::QuestionResult& result : summary.questions) {
    std::cout << "\n"
              << result.label << "  [" << name_of(q::kQuestionTypeNames, result.type) << "; shown "
              << result.shown << ", answered " << result.answered << ", skipped " << result.skipped
              << "]\n";
    print_options(result.options, "  ");
    for (const q::RowResult& row : result.rows) {
      std::cout << "  " << row.row << " (answered " << row.answered << ")\n";
      print_options(row.options, "    ");
    }
    for (const q::SortedOption& option : result.sorting) {
      std::cout << "  " << option.option << "  Borda " << to_string(option.points) << "  positions";
      for (std::uint64_t n : option.positions) std::cout << " " << n;
      std::cout << "\n";
    }
    for (const q::ValueCount& v : result.texts) {
      std::cout << "  \"" << v.value << "\"  " << v.count << "\n";
    }
    for (const q::Statistic& s : result.statistics) {
      std::cout << "  " << s.name << ": " << s.value << "\n";
    }
    if (result.type == q::QuestionType::kFiles) std::cout << "  files: " << result.files << "\n";
  }
}

int summarize(const q::Questionnaire& questionnaire, const std::vector<io::ResponseRow>& rows,
              const SurveyArgs& args) {
  std::vector<q::Response> responses;
  responses.reserve(rows.size());
  for (const io::ResponseRow& row : rows) responses.push_back(row.response);
  q::Tabulation tabulation = q::tabulate(questionnaire, responses);
  auto summary = q::summarize(questionnaire, tabulation.aggregate,
                              {.published_only = args.published_only, .language = args.language});
  if (!summary.ok()) return fail(summary.status());
  if (!tabulation.rejected.empty()) {
    std::cerr << "participa: warning: " << tabulation.rejected.size() << " of " << rows.size()
              << " responses are not valid and were not counted (participa survey validate "
                 "lists why)\n";
  }
  if (args.format == "json") {
    std::cout << io::summary_to_json(*summary, rows, tabulation.rejected) << "\n";
  } else {
    print_summary(*summary, tabulation.rejected.size());
  }
  return 0;
}

int validate(const q::Questionnaire& questionnaire, const std::vector<io::ResponseRow>& rows,
             const SurveyArgs& args) {
  std::vector<q::Response> responses;
  for (const io::ResponseRow& row : rows) responses.push_back(row.response);
  const q::Tabulation tabulation = q::tabulate(questionnaire, responses);
  if (args.format == "json") {
    std::cout << io::validation_to_json(questionnaire, rows, tabulation.rejected) << "\n";
  } else {
    for (const q::Rejection& rejection : tabulation.rejected) {
      for (const q::Problem& problem : rejection.problems) {
        std::cout << rows[rejection.response].respondent << ": question " << problem.question + 1
                  << ": " << problem.reason << "\n";
      }
    }
    std::cout << rows.size() - tabulation.rejected.size() << " of " << rows.size()
              << " responses are valid\n";
  }
  return tabulation.rejected.empty() ? 0 : 1;
}

}  // namespace

SurveyCommands add_survey_commands(CLI::App& app, SurveyArgs& args) {
  SurveyCommands commands;
  commands.survey = app.add_subcommand("survey", "questionnaire responses: summarize, validate");
  commands.survey->require_subcommand(1);
  auto common = [&](CLI::App* cmd, const std::string& formats) {
    cmd->add_option("form", args.form, "the form: JSON of participa.v1.Questionnaire")->required();
    cmd->add_option("responses", args.responses, "responses: .jsonl or .csv, one respondent each")
        ->required();
    cmd->add_option("--format", args.format, formats);
  };
  commands.summarize =
      commands.survey->add_subcommand("summarize", "per-question results of the valid responses");
  common(commands.summarize, "text | json");
  commands.summarize->add_flag("--published-only", args.published_only,
                               "only questions whose results are published");
  commands.summarize->add_option("--language", args.language,
                                 "language of the labels (default: the form's)");
  commands.validate =
      commands.survey->add_subcommand("validate", "every invalid response, with every reason");
  common(commands.validate, "text | json");
  commands.export_responses =
      commands.survey->add_subcommand("export", "the responses as CSV or JSONL on stdout");
  common(commands.export_responses, "csv | jsonl");
  commands.export_responses->add_flag(
      "--published-only", args.published_only,
      "open data: only the answers to questions whose results are published");
  return commands;
}

int run_survey_command(const SurveyCommands& commands, const SurveyArgs& args) {
  const bool exporting = commands.export_responses->parsed();
  const bool known = exporting ? args.format == "csv" || args.format == "jsonl"
                               : args.format == "text" || args.format == "json";
  if (!known) {
    return fail(absl::InvalidArgumentError(str_cat("--format '", args.format, "' is not ",
                                                   exporting ? "csv or jsonl" : "text or json")));
  }
  auto questionnaire = io::read_questionnaire_file(args.form);
  if (!questionnaire.ok()) return fail(questionnaire.status());
  auto rows = io::read_responses_file(args.responses, *questionnaire);
  if (!rows.ok()) return fail(rows.status());
  if (*commands.summarize) return summarize(*questionnaire, *rows, args);
  if (*commands.validate) return validate(*questionnaire, *rows, args);
  const io::ExportOptions options{.published_only = args.published_only};
  std::cout << (args.format == "csv" ? io::responses_to_csv(*questionnaire, *rows, options)
                                     : io::responses_to_jsonl(*questionnaire, *rows, options));
  return 0;
}

}  // namespace participa::cli
