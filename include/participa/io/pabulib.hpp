// participa/io/pabulib.hpp — the pabulib .pb format of participatory-budgeting elections.
//
// A .pb file has three sections, each a line META, PROJECTS or VOTES followed by a header row
// and ';'-separated rows (fields may be quoted with '"'). META holds key;value pairs (budget and
// vote_type are required); PROJECTS needs project_id and cost; VOTES needs voter_id and vote
// (comma-separated project ids, best first for ordinal votes) and, for cumulative and scoring
// votes, points (comma-separated, aligned with vote). Every column is kept, so writing an
// election back gives a file that reads to the same Election.
//
// Real files are read as pabutools and Python's csv module read them: a '"' inside an
// unquoted field is an ordinary character, and a project marked twice in a ballot without
// points counts once, recorded in Election::warnings (PabulibOptions::strict refuses it
// instead). Everything else inconsistent is refused: declared counts (num_votes,
// num_projects) that the sections do not match, a voter_id or META key given twice, a
// choose-1 voter with two projects, negative cumulative points, a repeated project in a
// ballot with points.
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

struct PabulibOptions {
  // Refuse what the default reading repairs (a project marked twice in an approval, choose-1
  // or ordinal ballot), instead of repairing it with a warning.
  bool strict = false;
};

absl::StatusOr<pb::Election> parse_pabulib(std::string_view text, std::string_view name = "",
                                           const PabulibOptions& options = {});
absl::StatusOr<pb::Election> read_pabulib_file(const std::string& path,
                                               const PabulibOptions& options = {});
// write_pabulib(election) — the election as .pb text, which reads back to the same election.
// A read election is written as read (values changed in code since are written as they are
// now); one built in code gets the rows the format requires (budget, vote_type, project_id,
// cost, name, voter_id, vote, points; one voter row per ballot). InvalidArgument for a cost or
// budget without a decimal form (1/3) or equal ranks in an ordinal vote; FailedPrecondition
// when the voter table no longer matches the ballots.
absl::StatusOr<std::string> write_pabulib(const pb::Election& election);

}  // namespace participa::io
