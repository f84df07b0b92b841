// The `participa` command: count ballot files, list methods, run RCTab contests, and run,
// verify and list the record of a participatory process.
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/ballot_files.hpp"
#include "participa/io/files.hpp"
#include "participa/io/json.hpp"
#include "participa/io/pabulib.hpp"
#include "participa/io/rctab.hpp"
#include "participa/io/report.hpp"
#include "participa/pb/registry.hpp"
#include "participa/pb/result.hpp"
#include "participa/tally/method.hpp"
#include "record_commands.hpp"
#include "serve_command.hpp"
#include "stv_command.hpp"
#include "survey_commands.hpp"
#include "terminal_progress.hpp"

namespace {

using participa::str_cat;
namespace tally = participa::tally;
namespace pb = participa::pb;
namespace io = participa::io;

std::string shown(const participa::Rational& r) {
  if (denominator(r) == 1) return participa::to_string(r);
  return str_cat(participa::to_string(r), " (", participa::to_double(r), ")");
}

std::string names(const std::vector<std::string>& all, const std::vector<tally::Candidate>& cs,
                  std::string_view separator = ", ") {
  std::string out;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    participa::str_append(&out, i == 0 ? "" : separator, all[cs[i]]);
  }
  return out;
}

void print_text(const tally::Result& r) {
  std::cout << "Method: " << r.method;
  for (std::size_t i = 0; i < r.parameters.size(); ++i) {
    std::cout << (i == 0 ? "  (" : ", ") << r.parameters[i].first << "=" << r.parameters[i].second;
  }
  std::cout << (r.parameters.empty() ? "" : ")") << "\n";
  std::cout << "Ballots: " << r.total_weight << "    input digest: " << r.input_digest.hex()
            << "\n";
  std::size_t width = 9;
  for (const auto& c : r.candidates) width = std::max(width, c.size());
  for (std::size_t i = 0; i < r.rounds.size(); ++i) {
    const tally::Round& round = r.rounds[i];
    std::cout << "\nRound " << i + 1 << "\n";
    if (!round.note.empty() && round.note.size() < 200) std::cout << "  " << round.note << "\n";
    for (const auto& e : round.tally) {
      std::string name = r.candidates[e.candidate];
      std::cout << "  " << name << std::string(width - name.size() + 2, ' ') << shown(e.votes)
                << "\n";
    }
    if (round.exhausted != 0) std::cout << "  exhausted: " << shown(round.exhausted) << "\n";
    if (round.threshold) std::cout << "  threshold: " << shown(*round.threshold) << "\n";
    if (!round.elected.empty())
      std::cout << "  elected: " << names(r.candidates, round.elected) << "\n";
    if (!round.eliminated.empty()) {
      std::cout << "  eliminated: " << names(r.candidates, round.eliminated) << "\n";
    }
    for (const auto& t : round.transfers) {
      std::cout << "  transfer: " << r.candidates[t.from] << " -> "
                << (t.to ? r.candidates[*t.to] : std::string("exhausted")) << "  " << shown(t.votes)
                << "\n";
    }
  }
  for (const auto& tie : r.ties) {
    std::cout << "\nTie (" << tally::to_string(tie.purpose) << ", round " << tie.round + 1
              << "): " << names(r.candidates, tie.tied);
    if (tie.order.empty()) {
      std::cout << " — reported, not broken\n";
    } else {
      std::cout << " — broken as " << names(r.candidates, tie.order, " > ") << "\n";
    }
  }
  if (!r.ranking.empty()) {
    std::cout << "\nRanking:";
    for (std::size_t i = 0; i < r.ranking.size(); ++i) {
      std::cout << " " << i + 1 << ". " << names(r.candidates, r.ranking[i], " = ");
    }
    std::cout << "\n";
  }
  std::cout << "\n"
            << (r.winners.size() == 1 ? "Winner: " : "Winners: ") << names(r.candidates, r.winners)
            << (r.tied_winners ? "  (tied)" : "") << "\n";
}

int fail(const absl::Status& status) {
  std::cerr << "participa: " << status.message() << "\n";
  return 1;
}

// Participatory budgeting: one rule, or the main rules side by side.
void print_pb(const pb::Election& e, const pb::Result& o) {
  const auto& projects = e.instance.projects;
  const std::vector<std::uint64_t> support = pb::supporters(e);
  std::cout << "Rule: " << o.rule;
  for (const auto& [k, v] : o.parameters) std::cout << "  " << k << "=" << v;
  std::cout << "\nBudget: " << participa::to_string(e.instance.budget)
            << "    voters: " << e.profile.total_weight() << "    projects: " << projects.size()
            << "\n\n";
  std::cout << "Selected projects (in selection order):\n";
  for (auto p : o.selected) {
    std::string name = projects[p].name;
    if (name.size() > 60) {
      // Cut at a character boundary: never inside a UTF-8 sequence.
      std::size_t cut = 57;
      while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
      name = name.substr(0, cut) + "...";
    }
    std::cout << "  " << projects[p].id << "  cost " << participa::to_string(projects[p].cost)
              << "  supporters " << support[p] << "  " << name << "\n";
  }
  std::cout << "\nSpent " << participa::to_string(o.total_cost) << " of "
            << participa::to_string(e.instance.budget);
  if (o.budget_increments > 0) {
    std::cout << " (each voter's share raised by " << o.budget_increments << ")";
  }
  std::cout << "; " << o.selected.size() << " projects\n";
}

int compare_pb(const pb::Election& e, const pb::RuleRegistry& registry, bool as_json) {
  const std::vector<pb::ComparedRule> compared = pb::compare_main_rules(e, registry);
  if (as_json) {
    absl::StatusOr<std::string> json = io::pb_comparison_json(e, compared);
    if (!json.ok()) return fail(json.status());
    std::cout << *json << "\n";
    return 0;
  }
  std::printf("%-40s %9s %16s %12s\n", "rule", "projects", "spent", "voters with");
  std::printf("%-40s %9s %16s %12s\n", "", "", "", "a project");
  for (const pb::ComparedRule& row : compared) {
    if (!row.result.ok()) {
      std::printf("%-40s %s\n", row.label.c_str(),
                  std::string(row.result.status().message()).c_str());
      continue;
    }
    const pb::Result& o = *row.result;
    std::printf("%-40s %9zu %16s %11.1f%%\n", row.label.c_str(), o.selected.size(),
                participa::to_string(o.total_cost).c_str(),
                100.0 * participa::to_double(pb::share_with_a_funded_project(e, o)));
  }
  return 0;
}

// A seed as typed: digits that fit in 64 bits, never clamped or wrapped.
absl::StatusOr<std::uint64_t> parse_seed(std::string_view text) {
  std::uint64_t seed = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return absl::InvalidArgumentError(
        str_cat("--seed '", text, "' is not a whole number from 0 to 18446744073709551615"));
  }
  return seed;
}

// The options the command line gave, and only those: a rule refuses an option it would
// ignore. Equal shares completes with add-one unless told otherwise.
absl::StatusOr<pb::RuleOptions> pb_rule_options(std::string_view rule, std::string_view sat,
                                                std::string_view completion,
                                                std::string_view tie_break, std::string_view seed,
                                                std::string_view increment) {
  pb::RuleOptions options;
  if (!sat.empty()) {
    PARTICIPA_ASSIGN_OR_RETURN(options.satisfaction, pb::parse_satisfaction(sat));
  }
  if (!completion.empty()) {
    PARTICIPA_ASSIGN_OR_RETURN(options.completion, pb::parse_completion(completion));
  } else if (rule == "equal-shares") {
    options.completion = pb::Completion::kAddOne;
  }
  if (!increment.empty()) {
    std::int64_t units = 0;
    if (!absl::SimpleAtoi(absl::string_view(increment.data(), increment.size()), &units)) {
      return absl::InvalidArgumentError(
          str_cat("--increment '", increment, "' is not a whole number of currency units"));
    }
    options.increment = units;
  }
  if (!tie_break.empty()) {
    pb::TieBreak chosen;
    PARTICIPA_ASSIGN_OR_RETURN(chosen.policy, pb::parse_tie_break_policy(tie_break));
    options.tie_break = chosen;
  }
  if (!seed.empty()) {
    if (!options.tie_break || options.tie_break->policy != pb::TieBreakPolicy::kRandom) {
      return absl::InvalidArgumentError("--seed applies to --tie-break random only");
    }
    PARTICIPA_ASSIGN_OR_RETURN(options.tie_break->seed, parse_seed(seed));
  }
  return options;
}

// write_report — the page of a result file; the file is named in every error.
int write_report(const std::string& input, const std::string& output, bool replace) {
  absl::StatusOr<std::string> json = io::read_file(input);
  if (!json.ok()) return fail(io::with_file(json.status(), input));
  absl::StatusOr<std::string> page = io::report_page(*json);
  if (!page.ok()) return fail(io::with_file(page.status(), input));
  if (absl::Status written = io::write_file(output, *page, replace); !written.ok()) {
    return fail(io::with_file(written, output));
  }
  std::cout << output << ": the page of " << input << "\n";
  return 0;
}

// The command's subcommands: each has its arguments, the options that fill them, and a run.
struct TallyArgs {
  std::string file, method = "irv", tie_break = "report", format = "text", input_format = "auto";
  std::string permutation, seed;
  std::optional<int> seats;
  std::vector<std::string> params;
};

CLI::App* add_tally_command(CLI::App& app, TallyArgs& a) {
  auto* cmd = app.add_subcommand("tally", "count a ballot file with a method");
  cmd->add_option("file", a.file,
                  "ballots: PrefLib .soc/.soi/.toc/.toi, .blt, ranked .csv, "
                  "or a participa JSON profile")
      ->required();
  cmd->add_option("--method,-m", a.method, "counting method (see `participa methods`)");
  cmd->add_option("--seats", a.seats, "seats to fill (default: the file's, else 1)");
  cmd->add_option("--tie-break", a.tie_break, participa::valid_names(tally::kTieBreakPolicyNames));
  cmd->add_option("--seed", a.seed, "seed of the random tie-break");
  cmd->add_option("--permutation", a.permutation,
                  "candidate names, most favoured first, comma-separated");
  cmd->add_option("--param,-p", a.params, "method parameter NAME=VALUE (repeatable)");
  cmd->add_option("--format", a.format, "text | json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--input-format", a.input_format,
                  "auto (by the extension), " + participa::valid_names(io::kBallotFormatNames));
  return cmd;
}

// The counting options the command line gives, checked against the profile's candidates.
absl::StatusOr<tally::Options> tally_options(const TallyArgs& a, const io::BallotFile& loaded) {
  tally::Options options;
  if (a.seats && *a.seats < 1) {
    return absl::InvalidArgumentError(str_cat("--seats must be at least 1, not ", *a.seats));
  }
  options.seats = a.seats ? *a.seats : (loaded.seats > 0 ? loaded.seats : 1);
  PARTICIPA_ASSIGN_OR_RETURN(options.tie_break.policy, tally::parse_tie_break_policy(a.tie_break));
  if (!a.seed.empty()) {
    if (options.tie_break.policy != tally::TieBreakPolicy::kRandom) {
      return absl::InvalidArgumentError("--seed applies to --tie-break random only");
    }
    PARTICIPA_ASSIGN_OR_RETURN(options.tie_break.seed, parse_seed(a.seed));
  }
  const auto& all = loaded.profile.candidates();
  if (!a.permutation.empty()) {
    for (auto part : absl::StrSplit(a.permutation, ',')) {
      std::string name(part);
      auto it = std::find(all.begin(), all.end(), name);
      if (it == all.end()) {
        return absl::InvalidArgumentError(
            str_cat("--permutation names unknown candidate '", name, "'"));
      }
      options.tie_break.permutation.push_back(static_cast<tally::Candidate>(it - all.begin()));
    }
  }
  for (const auto& p : a.params) {
    auto eq = p.find('=');
    if (eq == std::string::npos) {
      return absl::InvalidArgumentError(str_cat("--param '", p, "' is not NAME=VALUE"));
    }
    options.parameters[p.substr(0, eq)] = p.substr(eq + 1);
  }
  return options;
}

int run_tally(const TallyArgs& a, const tally::MethodRegistry& registry) {
  std::optional<io::BallotFormat> named_format;
  if (a.input_format != "auto") {
    auto parsed = io::parse_ballot_format(a.input_format);
    if (!parsed.ok()) return fail(parsed.status());
    named_format = *parsed;
  }
  auto loaded = io::read_ballot_file(a.file, named_format);
  if (!loaded.ok()) return fail(loaded.status());
  auto options = tally_options(a, *loaded);
  if (!options.ok()) return fail(options.status());
  auto result = registry.count(a.method, loaded->profile, *options);
  if (!result.ok()) return fail(io::with_file(result.status(), a.file));
  if (a.format == "json") {
    std::cout << io::result_to_json(*result) << "\n";
  } else {
    print_text(*result);
  }
  return 0;
}

int list_methods(const tally::MethodRegistry& registry) {
  for (const auto& name : registry.names()) {
    const tally::MethodInfo& info = **registry.find(name);
    std::cout << name << (info.multi_winner ? "  [multi-winner]" : "") << "\n    " << info.summary
              << "\n    ballots:";
    for (auto k : info.accepts) std::cout << " " << tally::to_string(k);
    std::cout << "\n";
    for (const auto& p : info.parameters) {
      std::cout << "    --param " << p.name << "=...  " << p.description << " (default "
                << p.default_value << ")\n";
    }
  }
  return 0;
}

int tabulate_contest(const std::string& config, const io::RctabRunOptions& options) {
  auto report = io::run_rctab(config, options);
  if (!report.ok()) return fail(report.status());
  for (const auto& path : *report) std::cout << "wrote " << path << "\n";
  return 0;
}

struct PbArgs {
  std::string file, rule = "equal-shares", satisfaction, completion, format = "text";
  std::string tie_break, seed, increment;
  bool compare = false, strict = false;
};

CLI::App* add_pb_command(CLI::App& app, PbArgs& a, const pb::RuleRegistry& registry) {
  auto* cmd = app.add_subcommand("pb", "select projects of a participatory budget (.pb)");
  cmd->add_option("file", a.file, "a pabulib .pb file")->required();
  cmd->add_option("--rule", a.rule, absl::StrJoin(registry.names(), " | "));
  cmd->add_option("--satisfaction", a.satisfaction,
                  participa::valid_names(pb::kSatisfactionNames) + " (default: by vote type)");
  cmd->add_option(
      "--completion", a.completion,
      participa::valid_names(pb::kCompletionNames) + " (equal-shares only; default add1)");
  cmd->add_option("--increment", a.increment,
                  "currency units per raise of an add-one completion (default 1)");
  cmd->add_option("--format", a.format, "text | json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--strict", a.strict,
                "refuse a file the reader would repair (a project marked twice in a ballot)");
  cmd->add_option("--seed", a.seed, "seed of the random tie-break");
  cmd->add_option("--tie-break", a.tie_break,
                  participa::valid_names(pb::kTieBreakPolicyNames) + " (default project-id)");
  // The comparison runs the main rules with their own options: a rule's option would be ignored.
  auto* compare = cmd->add_flag(
      "--compare", a.compare,
      "the main rules side by side (with --format json, what `participa report` draws)");
  for (const char* option :
       {"--rule", "--satisfaction", "--completion", "--increment", "--seed", "--tie-break"}) {
    compare->excludes(cmd->get_option(option));
  }
  return cmd;
}

int run_pb(const PbArgs& a, const pb::RuleRegistry& registry) {
  auto election = io::read_pabulib_file(a.file, io::PabulibOptions{.strict = a.strict});
  if (!election.ok()) return fail(election.status());
  for (const auto& warning : election->warnings) {
    std::cerr << "participa: warning: " << a.file << ": " << warning << "\n";
  }
  if (a.compare) return compare_pb(*election, registry, a.format == "json");
  auto options =
      pb_rule_options(a.rule, a.satisfaction, a.completion, a.tie_break, a.seed, a.increment);
  if (!options.ok()) return fail(options.status());
  absl::StatusOr<pb::Result> result;
  {
    const participa::cli::TerminalProgress progress(a.rule,
                                                    "raises of each voter's budget settled");
    options->control = progress.control();
    result = registry.run(a.rule, *election, *options);
  }
  if (!result.ok()) return fail(io::with_file(result.status(), a.file));
  if (a.format == "json") {
    std::cout << io::pb_result_report_json(*result) << "\n";
  } else {
    print_pb(*election, *result);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"participa — citizen participation with exact, auditable counting"};
  app.require_subcommand(1);
  const auto methods = tally::MethodRegistry::with_builtins();
  const auto rules = pb::RuleRegistry::with_builtins();
  TallyArgs tally_args;
  auto* tally_cmd = add_tally_command(app, tally_args);
  auto* methods_cmd = app.add_subcommand("methods", "list the counting methods and parameters");
  auto* rctab_cmd = app.add_subcommand("rctab", "tabulate an RCTab contest configuration");
  std::string config;
  io::RctabRunOptions rctab_options;
  rctab_cmd->add_option("config", config, "RCTab contest config JSON")->required();
  rctab_cmd->add_option("--output", rctab_options.output_dir,
                        "folder for the detailed report JSON (default: the config's)");
  rctab_cmd->add_option("--cvr-root", rctab_options.cvr_root,
                        "folder the CVR files must lie in (default: the config's)");
  rctab_cmd->add_flag("--force", rctab_options.replace, "replace reports that exist already");
  PbArgs pb_args;
  auto* pb_cmd = add_pb_command(app, pb_args, rules);
  std::string report_input, report_output;
  bool report_replace = false;
  auto* report_cmd = app.add_subcommand(
      "report",
      "write a result (tally, pb, survey, election results or meeting JSON) as a self-contained "
      "page");
  report_cmd->add_option("result", report_input, "the result's JSON file")->required();
  report_cmd->add_option("--output,-o", report_output, "the HTML page to write")->required();
  report_cmd->add_flag("--force", report_replace, "replace a page that exists already");
  participa::cli::RecordArgs record_args;
  participa::cli::RecordCommands record_cmds =
      participa::cli::add_record_commands(app, record_args);

  participa::cli::SurveyArgs survey_args;
  participa::cli::SurveyCommands survey_cmds =
      participa::cli::add_survey_commands(app, survey_args);

  participa::cli::ServeArgs serve_args;
  auto* serve_cmd = participa::cli::add_serve_command(app, serve_args);

  participa::cli::StvArgs stv_args;
  auto* stv_cmd = participa::cli::add_stv_command(app, stv_args);

  CLI11_PARSE(app, argc, argv);

  int code = 2;
  if (*pb_cmd) code = run_pb(pb_args, rules);
  if (*methods_cmd) code = list_methods(methods);
  if (*rctab_cmd) code = tabulate_contest(config, rctab_options);
  if (*tally_cmd) code = run_tally(tally_args, methods);
  if (*report_cmd) code = write_report(report_input, report_output, report_replace);
  if (*record_cmds.demo || *record_cmds.verify || *record_cmds.snapshot || *record_cmds.log ||
      *record_cmds.meetings || *record_cmds.elections) {
    code = participa::cli::run_record_command(record_cmds, record_args);
  }
  if (*serve_cmd) code = participa::cli::run_serve(serve_args);
  if (*stv_cmd) code = participa::cli::run_stv(stv_args);
  if (*survey_cmds.survey) code = participa::cli::run_survey_command(survey_cmds, survey_args);
  // Output that did not reach its destination (a full disk, /dev/full, a closed pipe) is a
  // failure: a caller must never read an exit code of 0 beside a missing result.
  errno = 0;
  std::cout.flush();
  if (!std::cout || std::fflush(stdout) != 0) {
    std::cerr << "participa: the output could not be written"
              << (errno != 0 ? str_cat(": ", std::strerror(errno)) : std::string()) << "\n";
    return 1;
  }
  return code;
}
