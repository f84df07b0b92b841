// participa/tally/cardinal.hpp — methods over approvals and scores.
//
//   approval           most approvals wins (approval or single-choice ballots; with seats=k
//                      the k most approved win, block approval);
//   score              range voting: variant=sum (default) adds each candidate's scores;
//                      variant=mean divides by the ballots that scored the candidate;
//   majority-judgment  scores are grades; the highest lower-median grade wins, ties resolved
//                      by repeatedly removing one median grade from each tied candidate until
//                      their medians differ (Balinski and Laraki's majority ranking);
//   star               score, then an automatic runoff between the two highest totals: each
//                      ballot supports the finalist it scored higher; a runoff tie goes to the
//                      higher total, then to the tie-break.
#pragma once

#include "absl/status/statusor.h"
#include "participa/tally/method.hpp"

namespace participa::tally {

absl::StatusOr<Result> approval(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> score(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> majority_judgment(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> star(const Profile& profile, const Options& options = {});

}  // namespace participa::tally
