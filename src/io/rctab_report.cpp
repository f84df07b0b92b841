#include "participa/io/rctab.hpp"

#include <filesystem>
#include <set>
#include <utility>

#include <boost/json.hpp>

#include "io/rctab_sources.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utc.hpp"
#include "participa/io/files.hpp"
#include "participa/version.hpp"

namespace participa::io {

namespace json = boost::json;
namespace rctab = tally::rctab;

namespace {

// The detailed report of the whole contest (slice == nullptr) or of one of its slices: the
// slice's rounds, its name in `config`, and no threshold.
std::string report_json(const RctabContest& contest, const rctab::Result& report,
                        const rctab::Slice* slice) {
  const int places = report.decimal_places;
  auto number = [&](const Rational& v) { return json::value(rctab::format_decimal(v, places)); };
  const auto& names = report.candidates;
  const std::vector<rctab::Round>& rounds = slice ? slice->rounds : report.rounds;
  json::object config;
  config["contest"] = contest.contest_name;
  config["date"] = contest.date;
  config["generatedBy"] = str_cat("participa ", kVersion);
  config["jurisdiction"] = contest.jurisdiction;
  config["office"] = contest.office;
  if (slice) config[slice->batch ? "batch" : "precinct"] = rctab_slice_label(*slice);
  const bool surplus = contest.rules.seats > 1 &&
                       contest.rules.mode != rctab::WinnerMode::kBottomsUp &&
                       contest.rules.mode != rctab::WinnerMode::kBottomsUpPercentage &&
                       contest.rules.mode != rctab::WinnerMode::kMultiPassIrv;
  json::array results;
  for (const rctab::Round& round : rounds) {
    json::object inactive;
    auto at = [&](rctab::Inactive kind) { return round.inactive[static_cast<int>(kind)]; };
    inactive["exhaustedChoices"] = number(at(rctab::Inactive::kExhaustedChoices));
    if (surplus && round.number == static_cast<int>(rounds.size())) {
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
    if (!slice) r["threshold"] = number(round.threshold);
    results.push_back(std::move(r));
  }
  json::object summary;
  if (!slice) {
    summary["finalThreshold"] =
        report.rounds.empty() ? json::value("0") : number(report.rounds.back().threshold);
  }
  const Rational& total = slice ? slice->total_ballots : report.total_ballots;
  const Rational& undervotes = slice ? slice->undervotes : report.undervotes;
  summary["numCandidates"] = report.num_candidates;
  summary["numWinners"] = report.num_winners;
  summary["totalNumBallots"] = number(total);
  summary["undervotes"] =
      static_cast<std::int64_t>(numerator(undervotes) / denominator(undervotes));
  json::object root;
  root["config"] = std::move(config);
  root["jsonFormatVersion"] = "1";
  root["results"] = std::move(results);
  root["summary"] = std::move(summary);
  return json::serialize(root);
}

}  // namespace

std::string rctab_report_json(const RctabContest& contest, const rctab::Result& report) {
  return report_json(contest, report, nullptr);
}

std::string rctab_slice_label(const rctab::Slice& slice) {
  if (!slice.name.empty()) return slice.name;
  return slice.batch ? "no batch id" : "no precinct id";
}

std::string rctab_slice_report_json(const RctabContest& contest, const rctab::Result& report,
                                    const rctab::Slice& slice) {
  return report_json(contest, report, &slice);
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
  // Every report to write, named before any is written.
  std::vector<std::pair<std::string, std::string>> files;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const std::string stem = reports.size() == 1 ? contest.stem : str_cat(contest.stem, "_", i + 1);
    files.emplace_back(str_cat(stem, "_detailed_report.json"),
                       rctab_report_json(contest, reports[i]));
    if (contest.generate_cdf_json) {
      PARTICIPA_ASSIGN_OR_RETURN(std::string cdf,
                                 rctab_cdf_json(contest, reports[i], utc_text(absl::Now())));
      files.emplace_back(str_cat(stem, "_cdf_cvr.json"), std::move(cdf));
    }
    std::set<std::string> taken;
    for (const rctab::Slice& slice : reports[i].slices) {
      // Names that differ only in characters a file name cannot hold are told apart by a number.
      const std::string safe = detail::file_safe(rctab_slice_label(slice));
      std::string unique = safe;
      for (int k = 2; !taken.insert(str_cat(slice.batch, unique)).second; ++k) {
        unique = str_cat(safe, "_", k);
      }
      files.emplace_back(
          str_cat(stem, "_", unique, slice.batch ? "_batch" : "_precinct", "_detailed_report.json"),
          rctab_slice_report_json(contest, reports[i], slice));
    }
  }
  std::vector<std::string> paths;
  for (const auto& [name, unused] : files) {
    paths.push_back((std::filesystem::path(dir) / name).string());
    // Refuse before writing any, so a refused run leaves the folder as it was.
    if (!options.replace &&
        std::filesystem::exists(std::filesystem::symlink_status(paths.back()))) {
      return absl::AlreadyExistsError(
          str_cat(paths.back(), ": exists; it is replaced only when asked (--force)"));
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    PARTICIPA_RETURN_IF_ERROR(
        write_file(paths[i], str_cat(files[i].second, "\n"), options.replace));
  }
  return paths;
}

}  // namespace participa::io
