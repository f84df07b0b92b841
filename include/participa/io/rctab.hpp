// participa/io/rctab.hpp — RCTab contests: configuration, cast-vote records, detailed report.
//
// An RCTab contest configuration (the `*_config.json` RCTab writes) names the candidates
// (with aliases and exclusions), the rules, and the cast-vote-record sources. This module
// reads all of it and writes the detailed report JSON in the shape of RCTab's own
// (`config`, `jsonFormatVersion`, `results` per round with `tally`, `tallyResults`,
// `inactiveBallots` and `threshold`, and `summary`).
//
// CVR sources: ES&S spreadsheets (.xlsx, read directly), NIST CDF JSON, Clear Ballot CSV and
// generic CSV. Relative paths are resolved against the configuration's folder. A ranking above
// maxRankingsAllowed, an unknown candidate, or a malformed source is refused with an error
// naming the file and the row, as RCTab refuses them.
//
//   auto contest = participa::io::read_rctab_contest("contest_config.json");
//   auto reports = participa::io::tabulate_rctab(*contest);   // one per pass
//   std::string json = participa::io::rctab_report_json(*contest, reports->front());
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/tally/rctab.hpp"

namespace participa::io {

struct RctabContest {
  std::string contest_name, date, jurisdiction, office;
  // The configuration file's name without "_config.json", used to name reports.
  std::string stem;
  std::string directory;
  tally::rctab::Rules rules;
  tally::rctab::Records records{{}, {}, false};
};

// read_rctab_contest(config_path) — the configuration and every CVR source it names.
absl::StatusOr<RctabContest> read_rctab_contest(const std::string& config_path);

// tabulate_rctab(contest) — one report, or one per pass for multi-pass IRV.
absl::StatusOr<std::vector<tally::rctab::Result>> tabulate_rctab(const RctabContest& contest);

// rctab_report_json(contest, report) — the detailed report in RCTab's JSON shape.
std::string rctab_report_json(const RctabContest& contest, const tally::rctab::Result& report);

// run_rctab(config_path, output_dir) — reads, tabulates and writes
// <stem>_detailed_report.json (or <stem>_<pass>_detailed_report.json per pass) into output_dir
// (default: the configuration's folder); returns the paths written.
absl::StatusOr<std::vector<std::string>> run_rctab(const std::string& config_path,
                                                   const std::string& output_dir);

}  // namespace participa::io
