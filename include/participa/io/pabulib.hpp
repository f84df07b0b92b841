// participa/io/pabulib.hpp — the pabulib .pb format of participatory-budgeting elections.
//
// A .pb file has three sections, each a line META, PROJECTS or VOTES followed by a header row
// and ';'-separated rows (fields may be quoted with '"'). META holds key;value pairs (budget and
// vote_type are required); PROJECTS needs project_id and cost; VOTES needs voter_id and vote
// (comma-separated project ids, best first for ordinal votes) and, for cumulative and scoring
// votes, points (comma-separated, aligned with vote). Every column is kept, so writing an
// election back gives a file that reads to the same Election.
//
// Limits: kMaxFileBytes; Profile::kMaxCandidates projects. A fault is reported as
// "NAME:LINE: problem".
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "participa/pb/instance.hpp"
#include "participa/pb/result.hpp"

namespace participa::io {

absl::StatusOr<pb::Election> parse_pabulib(std::string_view text, std::string_view name = "");
absl::StatusOr<pb::Election> read_pabulib_file(const std::string& path);
// write_pabulib(election) — the election as .pb text.
std::string write_pabulib(const pb::Election& election);

// pb_result_report_json(result) — the report `participa pb --format json` prints, one JSON
// object: rule, parameters, selected (project ids as text, sorted), total_cost, budget,
// budget_increments and rounds (each with the project, whether it was selected, why, the
// rule's number under its own name — density, price, load, satisfaction or score — approvals
// or payers where the rule gives them, and the budget left). The lossless message form is
// io::pb_result_to_json.
std::string pb_result_report_json(const pb::Result& result);

}  // namespace participa::io
