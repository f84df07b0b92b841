// participa/io/rctab.hpp — RCTab contests: configuration, cast-vote records, reports, CDF export.
//
// An RCTab contest configuration (the `*_config.json` RCTab writes) names the candidates
// (with aliases and exclusions), the rules, and the cast-vote-record sources. This module
// reads all of it and writes the detailed report JSON in the shape of RCTab's own
// (`config`, `jsonFormatVersion`, `results` per round with `tally`, `tallyResults`,
// `inactiveBallots` and `threshold`, and `summary`), the reports by precinct and batch, and the
// records as NIST CDF JSON, as the configuration's output settings ask.
//
// CVR sources: ES&S spreadsheets (.xlsx, read directly), NIST CDF in JSON or XML, Clear
// Ballot CSV, generic CSV, Hart (a folder of XML records) and Dominion (the folder of its JSON
// export, CvrExport*.json with its manifests). Relative paths are resolved against the
// configuration's folder, and every CVR file must lie below the CVR root (the configuration's
// folder unless another is named), so a configuration from elsewhere cannot make the counter read
// other files. With tabulateByPrecinct or tabulateByBatch in the output settings, each precinct
// and batch is also reported apart; they are read from the precinctColumnIndex and
// batchColumnIndex of ess and genericCsv sources and from the records of the other providers,
// as RCTab reads them; a contest where no record names one is refused for it. A
// ranking above maxRankingsAllowed, an unknown candidate, or a malformed source is refused with
// an error naming the file and the row, as RCTab refuses them. So is input that
// matches nothing: a source with no record of the contest, a first vote column past the last, a
// contest where no record marks any candidate, a setting given as an object where a value belongs.
//
//   auto contest = participa::io::read_rctab_contest("contest_config.json");
//   auto reports = participa::io::tabulate_rctab(*contest);   // one per pass
//   std::string json = participa::io::rctab_report_json(*contest, reports->front());
#pragma once

#include <string>
#include <string_view>
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
  // Each CVR source's file name and how many records it gave, in order: with the records'
  // arrivals, what names each cast-vote record as RCTab does ("<file>(<n>)").
  struct CvrFile {
    std::string name;
    std::size_t records = 0;
  };
  std::vector<CvrFile> cvr_files;
  // outputSettings.generateCdfJson: run_rctab also writes the records as NIST CDF JSON.
  bool generate_cdf_json = false;
};

// read_rctab_contest(config_path, cvr_root) — the configuration and every CVR source it
// names; `cvr_root` (default: the configuration's folder) is the folder CVR files must lie in.
absl::StatusOr<RctabContest> read_rctab_contest(const std::string& config_path,
                                                const std::string& cvr_root = "");

// tabulate_rctab(contest) — one report, or one per pass for multi-pass IRV.
absl::StatusOr<std::vector<tally::rctab::Result>> tabulate_rctab(const RctabContest& contest);

// rctab_report_json(contest, report) — the detailed report in RCTab's JSON shape.
std::string rctab_report_json(const RctabContest& contest, const tally::rctab::Result& report);

// rctab_slice_report_json(contest, report, slice) — one precinct's or batch's report in the same
// shape: its rounds, `config.precinct` or `config.batch`, and no threshold.
std::string rctab_slice_report_json(const RctabContest& contest, const tally::rctab::Result& report,
                                    const tally::rctab::Slice& slice);

// rctab_slice_label(slice) — the slice's name, or "no precinct id" / "no batch id" (RCTab's
// words) for the records that named none.
std::string rctab_slice_label(const tally::rctab::Slice& slice);

// rctab_cdf_json(contest, report, generated) — every cast-vote record as NIST CDF JSON, as
// RCTab's generateCdfJson writes it: the election's candidates and contest, then each record
// in the order read, named "<file>_<n>_" (RCTab's "<file>(<n>)" made file-safe), with its
// original snapshot (every mark with its rank) and one interpreted snapshot per round saying
// where the ballot counted (IsAllocable, NumberVotes, FractionalVotes); with reports by precinct
// or batch, each record's precinct (BallotStyleUnitId naming a GpUnit) and batch (BatchId).
// `generated` is the GeneratedDate written. FailedPrecondition unless the report comes from a
// count with Rules::allocations.
absl::StatusOr<std::string> rctab_cdf_json(const RctabContest& contest,
                                           const tally::rctab::Result& report,
                                           std::string_view generated);

struct RctabRunOptions {
  std::string output_dir;  // default: the configuration's folder
  std::string cvr_root;    // default: the configuration's folder
  bool replace = false;    // replace reports that exist already
};

// run_rctab(config_path, options) — reads, tabulates and writes <stem>_detailed_report.json
// (or <stem>_<pass>_detailed_report.json per pass) into the output folder, and with
// tabulateByPrecinct or tabulateByBatch one <stem>_<name>_precinct_detailed_report.json or
// <stem>_<name>_batch_detailed_report.json per precinct or batch (the name made file-safe as
// RCTab makes it), and with generateCdfJson <stem>_cdf_cvr.json (rctab_cdf_json; per pass
// for multi-pass IRV); returns the paths written. Each report is written whole or not at all
// (write_file); AlreadyExists when a report exists and `replace` is false, before anything is
// written.
absl::StatusOr<std::vector<std::string>> run_rctab(const std::string& config_path,
                                                   const RctabRunOptions& options = {});

}  // namespace participa::io
