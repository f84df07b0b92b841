// participa/io/report.hpp — a result as a self-contained page people can read and print.
//
// `report_page(json)` takes the JSON of a result — a count (io::result_to_json: rounds with
// their tallies and transfers, and a pairwise method's head-to-head matrix), rules compared on
// one participatory budget (io::pb_comparison_json: the money each spends, which projects each
// funds against their cost and support), a participatory-budgeting result
// (io::pb_result_report_json: the projects considered, the money spent), a survey's summary
// (io::summary_to_json: counts per option with exact shares, texts, sorting places), an
// election's results (io::election_results_to_json: every question split by channel, stations,
// warnings, outcomes), or a meeting (io::meeting_to_json: agenda, registrations and attendance,
// closed polls, the closing report) — and writes one HTML page with everything inline: no
// script, no font, no request to anywhere. Every chart (inline SVG) has its table beside it, and
// the tables hold the numbers exactly as the JSON gives them, so a page can be checked against
// its source. Templates are mustache, and every text from the result is escaped.
//
//   absl::StatusOr<std::string> page = participa::io::report_page(io::result_to_json(result));
//   absl::Status written = participa::io::write_file("result.html", *page, /*replace=*/false);
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace participa::io {

// report_page — InvalidArgument for text that is not JSON or not a result participa writes.
absl::StatusOr<std::string> report_page(std::string_view result_json);

}  // namespace participa::io
