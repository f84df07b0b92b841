#include "stv_command.hpp"

#include <iostream>

#include "participa/core/strings.hpp"
#include "participa/io/blt.hpp"
#include "participa/io/files.hpp"
#include "participa/io/stv.hpp"
#include "participa/tally/stv.hpp"
#include "terminal_progress.hpp"

namespace participa::cli {
namespace {

namespace stv = tally::stv;

int fail(const absl::Status& status) {
  std::cerr << "participa: " << status.message() << "\n";
  return 1;
}

void print_count(const stv::Count& count) {
  const auto name = [&](tally::Candidate c) { return count.candidates[c]; };
  std::cout << "rule: " << stv::rule_name(count.rule) << " (" << stv::defeat_name(count.defeat)
            << " defeat), " << stv::arithmetic_name(count.arithmetic) << " arithmetic";
  if (count.arithmetic != stv::Arithmetic::kRational) {
    std::cout << ", " << count.precision << (count.guard > 0 ? str_cat("+", count.guard) : "")
              << " places";
  }
  std::cout << "\nseats: " << count.seats << "  ballots: " << count.ballots;
  if (count.blank_ballots > 0) std::cout << " (and " << count.blank_ballots << " blank, set aside)";
  std::cout << "  quota: " << count.quota << "\n\n";
  for (const stv::Step& step : count.steps) {
    std::cout << "round " << step.round << "  " << stv::action_name(step.action);
    for (tally::Candidate c : step.candidates) std::cout << "  " << name(c);
    if (!step.amount.empty()) std::cout << "  (" << step.amount << ")";
    if (step.tie) {
      std::cout << "  among";
      for (tally::Candidate c : step.tie->tied) std::cout << " " << name(c);
    }
    if (step.iteration) std::cout << "  (" << stv::iteration_name(*step.iteration) << ")";
    std::cout << "\n";
  }
  std::cout << "\nelected:\n";
  for (const stv::ElectedCandidate& e : count.elected) {
    std::cout << "  " << e.name << "  " << e.votes << "\n";
  }
  std::cout << "input digest: " << count.input_digest.hex() << "\n";
}

}  // namespace

CLI::App* add_stv_command(CLI::App& app, StvArgs& args) {
  auto* cmd = app.add_subcommand(
      "stv", "count a BLT ballot file by single transferable vote under a published rule book");
  cmd->add_option("file", args.file, "the BLT ballot file")->required();
  cmd->add_option("--rule", args.rule,
                  "scottish, minneapolis, cfer, wigm, wigm-prf, meek, meek-prf, warren or qpq")
      ->required();
  cmd->add_option("--defeat", args.defeat, "single or batch (where the rule offers both)");
  cmd->add_option("--arithmetic", args.arithmetic,
                  "fixed, guarded or rational (wigm, meek and warren)");
  cmd->add_option("--precision", args.precision, "digits of working precision");
  cmd->add_option("--guard", args.guard, "guard digits (guarded arithmetic)");
  cmd->add_option("--display", args.display, "digits shown");
  cmd->add_option("--omega", args.omega, "meek, warren: iterate until the surplus is 10^-N");
  cmd->add_option("--seats", args.seats, "seats to fill (default: the file's)");
  cmd->add_option("--format", args.format, "text or json");
  return cmd;
}

int run_stv(const StvArgs& args) {
  if (args.format != "text" && args.format != "json") {
    return fail(
        absl::InvalidArgumentError(str_cat("--format '", args.format, "' is not text or json")));
  }
  stv::Options options;
  auto rule = stv::parse_rule(args.rule);
  if (!rule.ok()) return fail(rule.status());
  options.rule = *rule;
  if (!args.defeat.empty()) {
    auto defeat = stv::parse_defeat(args.defeat);
    if (!defeat.ok()) return fail(defeat.status());
    options.defeat = *defeat;
  }
  if (!args.arithmetic.empty()) {
    auto arithmetic = stv::parse_arithmetic(args.arithmetic);
    if (!arithmetic.ok()) return fail(arithmetic.status());
    options.arithmetic = *arithmetic;
  }
  options.precision = args.precision;
  options.guard = args.guard;
  options.display = args.display;
  options.omega = args.omega;
  auto file = io::read_blt_file(args.file);
  if (!file.ok()) return fail(file.status());
  if (!file->counter_options.empty()) {
    std::cerr << "participa: warning: the file's [droop";
    for (const std::string& option : file->counter_options) std::cerr << " " << option;
    std::cerr << "] line is not applied; give options on the command line\n";
  }
  options.seats = args.seats.value_or(file->seats);
  options.tie_order = file->tie_order;
  options.undeclared_write_ins = file->undeclared;
  if (!file->undeclared.empty() && options.rule != stv::Rule::kMinneapolis) {
    return fail(absl::InvalidArgumentError(
        str_cat(args.file,
                ": the file names undeclared write-ins, which only the minneapolis "
                "rule counts apart")));
  }
  absl::StatusOr<stv::Count> count;
  {
    // Meek or Warren in rational arithmetic can take minutes.
    const TerminalProgress progress(args.rule, "recounts");
    count = stv::count(file->profile, options, progress.control());
  }
  if (!count.ok()) return fail(io::with_file(count.status(), args.file));
  if (args.format == "json") {
    std::cout << io::stv_count_to_json(*count) << "\n";
  } else {
    print_count(*count);
  }
  return 0;
}

}  // namespace participa::cli
