// participa/tally/condorcet.hpp — methods that decide from the pairwise margins.
//
// All read the PairwiseMatrix (parameter unranked = below | incomparable, see pairwise.hpp)
// and elect a Condorcet winner whenever one exists.
//
//   copeland      most pairwise wins, a pairwise tie counting half;
//   minimax       smallest worst defeat: min over c of max over d of margin(d, c);
//   schulze       beat-path: the strongest path (by margin) from a to b is at least as
//                 strong as the one from b to a, for every b;
//   ranked-pairs  lock majorities from the largest margin down unless they close a cycle;
//                 the unbeaten candidate of the locked graph wins. Under the report policy
//                 every order of equal margins is tried and each winner reported (exploring
//                 at most kMaxRankedPairsStates partial orders); otherwise equal margins are
//                 ordered by the tie-break's precedence of the winning, then the losing, candidate;
//   split-cycle   in every majority cycle the weakest margins are discarded; the
//                 undefeated candidates win (a defeats b iff margin(a, b) exceeds the
//                 strongest path from b back to a);
//   smith-set     the smallest set whose members all beat everyone outside it;
//   condorcet     the Condorcet winner, or every candidate when there is none.
//
// Every result carries the head-to-head counts (Result::pairwise) and a round of scores where
// the method has scores; ranked pairs notes, in its round, the majorities it locked.
#pragma once

#include "absl/status/statusor.h"
#include "participa/tally/method.hpp"
#include "participa/tally/pairwise.hpp"

namespace participa::tally {

inline constexpr std::size_t kMaxRankedPairsStates = 1'000'000;

absl::StatusOr<Result> copeland(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> minimax(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> schulze(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> ranked_pairs(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> split_cycle(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> smith_set(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> condorcet(const Profile& profile, const Options& options = {});

// strongest_paths(matrix) — widest-path strengths over positive margins (Floyd-Warshall).
std::vector<std::int64_t> strongest_paths(const PairwiseMatrix& matrix);
// smith_set_of(matrix) — the Smith set, sorted.
std::vector<Candidate> smith_set_of(const PairwiseMatrix& matrix);

}  // namespace participa::tally
