// participa/tally/positional.hpp — positional (scoring) rules over ranked ballots.
//
// Each ballot gives a candidate points by the position it ranks them in, among the candidates
// considered; the most points wins. Candidates a ballot ranks equal share the points of the
// positions they span (the average). Unranked candidates get no points.
//
//   plurality       the single first choice counts 1 (a ballot ranking several candidates
//                   equal first counts for none of them);
//   anti-plurality  fewest last places wins (a ballot's last place is its single lowest
//                   candidate when it ranks every candidate, or its only unranked one);
//   borda           variant=full: position k of m gets m-1-k;
//                   variant=truncated: position k gets max_rank - k (max_rank defaults to the
//                   number of candidates), so a voter's first of N choices gets N (Loomio points);
//   dowdall         position k gets 1/(k+1).
//
// Results rank every candidate by score and carry one round with the scores.
#pragma once

#include "absl/status/statusor.h"
#include "participa/tally/method.hpp"

namespace participa::tally {

absl::StatusOr<Result> plurality(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> anti_plurality(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> borda(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> dowdall(const Profile& profile, const Options& options = {});

enum class PositionalScheme { kBorda, kTruncatedBorda, kDowdall };

// positional_scores(profile, continuing, scheme, max_rank) — each candidate's points from
// the ballots restricted to `continuing` candidates (others score 0).
std::vector<Rational> positional_scores(const Profile& profile, const std::vector<bool>& continuing,
                                        PositionalScheme scheme, std::int64_t max_rank = 0);

}  // namespace participa::tally
