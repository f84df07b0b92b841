#include "participa/io/rctab.hpp"

#include <filesystem>

#include <boost/json.hpp>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/files.hpp"
#include "participa/version.hpp"

namespace participa::io {

namespace json = boost::json;
namespace rctab = tally::rctab;

std::string rctab_report_json(const RctabContest& contest, const rctab::Result& report) {
  const int places = report.decimal_places;
  auto number = [&](const Rational& v) { return json::value(rctab::format_decimal(v, places)); };
  const auto& names = report.candidates;
  json::object config;
  config["contest"] = contest.contest_name;
  config["date"] = contest.date;
  config["generatedBy"] = str_cat("participa ", kVersion);
  config["jurisdiction"] = contest.jurisdiction;
  config["office"] = contest.office;
  const bool surplus = contest.rules.seats > 1 &&
                       contest.rules.mode != rctab::WinnerMode::kBottomsUp &&
                       contest.rules.mode != rctab::WinnerMode::kBottomsUpPercentage &&
                       contest.rules.mode != rctab::WinnerMode::kMultiPassIrv;
  json::array results;
  for (const rctab::Round& round : report.rounds) {
    json::object inactive;
    auto at = [&](rctab::Inactive kind) { return round.inactive[static_cast<int>(kind)]; };
    inactive["exhaustedChoices"] = number(at(rctab::Inactive::kExhaustedChoices));
    if (surplus && round.number == static_cast<int>(report.rounds.size())) {
      inactive["finalRoundSurplus"] = number(at(rctab::Inactive::kFinalRoundSurplus));
    }
    inactive["overvotes"] = number(at(rctab::Inactive::kOvervote));
    inactive["repeatedRankings"] = number(at(rctab::Inactive::kRepeatedRankings));
    inactive["skippedRankings"] = number(at(rctab::Inactive::kSkippedRankings));
    json::object tally;
    for (const auto& [c, votes] : round.tally) tally[names[c]] = number(votes);
    json::array actions;
    for (const rctab::Action& action : round.actions) {
      json::object a;
      a[action.elected ? "elected" : "eliminated"] = names[action.candidate];
      json::object transfers;
      for (const auto& [target, votes] : action.transfers) {
        std::string key = target.kind == rctab::Target::kCandidate   ? names[target.candidate]
                          : target.kind == rctab::Target::kExhausted ? "exhausted"
                                                                     : "residual surplus";
        transfers[key] = number(votes);
      }
      a["transfers"] = std::move(transfers);
      actions.push_back(std::move(a));
    }
    json::object r;
    r["inactiveBallots"] = std::move(inactive);
    r["round"] = round.number;
    r["tally"] = std::move(tally);
    r["tallyResults"] = std::move(actions);
    r["threshold"] = number(round.threshold);
    results.push_back(std::move(r));
  }
  json::object summary;
  summary["finalThreshold"] =
      report.rounds.empty() ? json::value("0") : number(report.rounds.back().threshold);
  summary["numCandidates"] = report.num_candidates;
  summary["numWinners"] = report.num_winners;
  summary["totalNumBallots"] = number(report.total_ballots);
  summary["undervotes"] =
      static_cast<std::int64_t>(numerator(report.undervotes) / denominator(report.undervotes));
  json::object root;
  root["config"] = std::move(config);
  root["jsonFormatVersion"] = "1";
  root["results"] = std::move(results);
  root["summary"] = std::move(summary);
  return json::serialize(root);
}

absl::StatusOr<std::vector<std::string>> run_rctab(const std::string& config_path,
                                                   const RctabRunOptions& options) {
  PARTICIPA_ASSIGN_OR_RETURN(RctabContest contest,
                             read_rctab_contest(config_path, options.cvr_root));
  PARTICIPA_ASSIGN_OR_RETURN(auto reports, tabulate_rctab(contest));
  const std::string dir = options.output_dir.empty() ? contest.directory : options.output_dir;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return absl::PermissionDeniedError(str_cat(dir, ": cannot create: ", ec.message()));
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    std::string name = reports.size() == 1
                           ? str_cat(contest.stem, "_detailed_report.json")
                           : str_cat(contest.stem, "_", i + 1, "_detailed_report.json");
    paths.push_back((std::filesystem::path(dir) / name).string());
    // Refuse before writing any, so a refused run leaves the folder as it was.
    if (!options.replace &&
        std::filesystem::exists(std::filesystem::symlink_status(paths.back()))) {
      return absl::AlreadyExistsError(
          str_cat(paths.back(), ": exists; it is replaced only when asked (--force)"));
    }
  }
  for (std::size_t i = 0; i < reports.size(); ++i) {
    PARTICIPA_RETURN_IF_ERROR(write_file(
        paths[i], str_cat(rctab_report_json(contest, reports[i]), "\n"), options.replace));
  }
  return paths;
}

}  // namespace participa::io
