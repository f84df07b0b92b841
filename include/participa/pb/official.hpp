// participa/pb/official.hpp — the rule a city used, as its pabulib file names it.
//
// The file's meta `rule`:
//   greedy            projects by their own `score` column (else `votes`), highest first, no
//                     division by cost, each taken if it still fits;
//   greedy-threshold  the same among projects whose score reaches min_project_score_threshold;
//   greedy-no-skip    the same, stopping at the first project that does not fit;
//   equalshares/add1, equalshares/add1-comparison
//                     equal shares with cost satisfaction, add-one until infeasible.
// Score ties go to the project id compared as text. Each round records the project's score.
//
//   auto result = pb::official(election);
#pragma once

#include "absl/status/statusor.h"
#include "participa/pb/instance.hpp"
#include "participa/pb/result.hpp"

namespace participa::pb {

// official(election) — FailedPrecondition for any other rule name; InvalidArgument when the
// score column is missing or not a number.
absl::StatusOr<Result> official(const Election& election);

}  // namespace participa::pb
