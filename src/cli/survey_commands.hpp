// The survey commands of `participa`: summarize (per-question results of a response file),
// validate (every response that does not fit its form, with every reason) and export (responses
// rewritten as CSV or JSONL).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace participa::cli {

struct SurveyArgs {
  std::string form;
  std::string responses;
  std::string format = "text";
  std::string language;
  bool published_only = false;
};

struct SurveyCommands {
  CLI::App* survey = nullptr;
  CLI::App* summarize = nullptr;
  CLI::App* validate = nullptr;
  CLI::App* export_responses = nullptr;
};

SurveyCommands add_survey_commands(CLI::App& app, SurveyArgs& args);
// run_survey_command — the exit code: 0 done; 1 refused, failed, or (validate) any response
// invalid; the message on stderr.
int run_survey_command(const SurveyCommands& commands, const SurveyArgs& args);

}  // namespace participa::cli
