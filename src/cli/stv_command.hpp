// `participa stv FILE.blt --rule R`: a single-transferable-vote count under one of the rule
// books of tally/stv.hpp, with the options named after the reference counter's (droop), so
// each of its reports maps to one command:
//
//   participa stv ward.blt --rule scottish
//   participa stv 42.blt --rule meek --arithmetic guarded --precision 18 --guard 9 --omega 9
//   participa stv 42.blt --rule wigm-prf --defeat batch --format json
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace participa::cli {

struct StvArgs {
  std::string file;
  std::string rule;
  std::string defeat;
  std::string arithmetic;
  std::optional<int> precision;
  std::optional<int> guard;
  std::optional<int> display;
  std::optional<int> omega;
  std::optional<int> seats;
  std::string format = "text";
};

CLI::App* add_stv_command(CLI::App& app, StvArgs& args);
// run_stv — 0 when counted; 1 with the reason on stderr otherwise.
int run_stv(const StvArgs& args);

}  // namespace participa::cli
