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
// write_pabulib(election) — the election as .pb text, which reads back to the same election.
// A read election is written as read (values changed in code since are written as they are
// now); one built in code gets the rows the format requires (budget, vote_type, project_id,
// cost, name, voter_id, vote, points; one voter row per ballot). InvalidArgument for a cost or
// budget without a decimal form (1/3) or equal ranks in an ordinal vote; FailedPrecondition
// when the voter table no longer matches the ballots.
absl::StatusOr<std::string> write_pabulib(const pb::Election& election);

}  // namespace participa::io
