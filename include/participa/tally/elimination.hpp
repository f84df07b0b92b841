// participa/tally/elimination.hpp — single-winner methods that count in rounds.
//
//   irv        instant runoff: each ballot counts for its highest-ranked continuing
//              candidate; a candidate over half the ballots still counting wins, otherwise
//              the fewest votes is eliminated. A ballot ranking several continuing candidates
//              equal first counts for none that round (an overvote) and is counted again once
//              the tie is gone. Under the report policy all candidates tied for fewest are
//              eliminated together (pref_voting's instant_runoff).
//   two-round  the top two by first choices meet in a runoff unless one already has over
//              half; the runoff is counted from the same ranked ballots.
//   coombs     a candidate over half of first choices wins; otherwise the candidate ranked
//              last by most ballots is eliminated. A ballot's last place is its single lowest
//              continuing candidate (a single unranked one counts as lowest).
//   baldwin    eliminate the lowest Borda score among continuing candidates, recount.
//   nanson     eliminate every candidate whose Borda score is below the average, recount
//              (pref_voting's nanson_strict).
//   bucklin    add the k-th ranks of all ballots, k = 1, 2, ..., until some candidate is on
//              over half the ballots; the most such ballots wins.
//
// Each round records the tally, eliminations and, for irv, transfers between candidates.
#pragma once

#include "absl/status/statusor.h"
#include "participa/tally/method.hpp"

namespace participa::tally {

absl::StatusOr<Result> irv(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> two_round(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> coombs(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> baldwin(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> nanson(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> bucklin(const Profile& profile, const Options& options = {});

}  // namespace participa::tally
