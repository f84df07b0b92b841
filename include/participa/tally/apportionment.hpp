// participa/tally/apportionment.hpp — apportionment of seats to parties: highest averages and
// largest remainders.
//
// Votes per party are the first choices of the profile (single-choice or ranked ballots).
// Seats go one at a time to the party with the highest quotient votes / d(s), where s is the
// seats it holds: d(s) = s + 1 for dhondt (Jefferson), 2s + 1 for sainte-lague (Webster).
// Each seat is one round (the quotients, and who took the seat); a tie for a seat is broken
// by the tie-break policy or, under report, gives every tied party a seat and is reported.
//
// Largest remainders (Hamilton): with quota q, each party first takes ⌊votes / q⌋ seats (round
// 0, whose tally is votes / q), then the seats left go one each to the largest remainders
// votes − q·⌊votes / q⌋ (round 1, whose tally is the remainders); q = votes/seats (Hare) or
// ⌊votes/(seats + 1)⌋ + 1 (Droop). A tie for the last remainder seats is broken or reported as
// above. A profile naming no party is InvalidArgument.
#pragma once

#include "absl/status/statusor.h"
#include "participa/tally/method.hpp"

namespace participa::tally {

absl::StatusOr<Result> dhondt(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> sainte_lague(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> largest_remainder_hare(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> largest_remainder_droop(const Profile& profile, const Options& options = {});

}  // namespace participa::tally
