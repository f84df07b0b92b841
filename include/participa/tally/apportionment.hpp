// participa/tally/apportionment.hpp — highest-averages apportionment of seats to parties.
//
// Votes per party are the first choices of the profile (single-choice or ranked ballots).
// Seats go one at a time to the party with the highest quotient votes / d(s), where s is the
// seats it holds: d(s) = s + 1 for dhondt (Jefferson), 2s + 1 for sainte-lague (Webster).
// Each seat is one round (the quotients, and who took the seat); a tie for a seat is broken
// by the tie-break policy or, under report, gives every tied party a seat and is reported.
#pragma once

#include "absl/status/statusor.h"
#include "participa/tally/method.hpp"

namespace participa::tally {

absl::StatusOr<Result> dhondt(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> sainte_lague(const Profile& profile, const Options& options = {});

}  // namespace participa::tally
