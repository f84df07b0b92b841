// participa/tally/committee.hpp — approval committees: `seats` candidates chosen from approval
// ballots so that groups of voters are represented in proportion to their size.
//
//   pav                  proportional approval voting: the committee W maximising
//                        Σ_voters (1 + 1/2 + … + 1/|A ∩ W|), every committee examined;
//   chamberlin-courant   the committee maximising the voters who approve at least one member,
//                        every committee examined;
//   sequential-pav       one seat per round to the candidate adding the most to the PAV score
//                        (each approver of c with s approved members seated adds 1/(s + 1));
//   sequential-chamberlin-courant
//                        one seat per round to the candidate approved by the most voters who
//                        have no approved member yet;
//   sequential-phragmen  Phragmén's sequential rule: seating c costs 1, spread over its
//                        approvers so that their loads end equal; the candidate whose approvers'
//                        new load 1 + Σ load / |approvers| is lowest takes the seat;
//   equal-shares         the method of equal shares (Rule X): each voter holds seats/n; c is
//                        affordable when its approvers hold 1 between them, and costs each of
//                        them min(budget, ρ) for the least ρ that pays 1; the affordable
//                        candidate with the least ρ takes the seat. When none is affordable,
//                        `completion` = phragmen (default) fills the seats left by sequential
//                        Phragmén starting from loads equal to minus the budgets left; none
//                        leaves them empty (the result says so in its last round's note).
//
// These are the rules of Lackner and Skowron's "Multi-Winner Voting with Approval Preferences"
// as abcvoting computes them. Counts are exact: scores, loads and budgets are rationals.
// A candidate nobody approves can still fill a seat that nobody else can (sequential rules),
// last and tied with every such candidate.
//
// Ties: the exact rules find every optimal committee; under the report policy the winners are
// the candidates of any optimal committee (tied_winners when that is more than seats), and
// otherwise the tie-break orders the candidates in some but not all optimal committees and the
// committee holding the most favoured of them wins. The sequential rules break a tie for a seat
// like any round; under report, a tie for a seat ends the count with every tied candidate among
// the winners (tied_winners), since which of them is seated changes every later round.
//
// Rounds: the exact rules give one round whose tally is, for each candidate, the best score of
// a committee containing it (threshold: the optimal score, note: how many committees reach it);
// the sequential rules one round per seat with the continuing candidates' gains (pav, cc),
// new loads (phragmen) or ρ (equal shares); lower is better for the last two.
//
// Errors: InvalidArgument for ballots other than approval or single-choice, for a profile in
// which no ballot approves a candidate, for an exact count over more committees than
// kMaxExactCommittees or (pav, whose scores share the denominator lcm(1..seats)) more than 40
// seats — use the sequential rule — and for an unknown completion; OutOfRange for more seats
// than candidates; FailedPrecondition for a profile without ballots.
#pragma once

#include <cstdint>

#include "absl/status/statusor.h"
#include "participa/tally/method.hpp"

namespace participa::tally {

// The exact rules refuse to examine more committees than this (C(candidates, seats)).
inline constexpr std::uint64_t kMaxExactCommittees = 50'000'000;

absl::StatusOr<Result> pav(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> chamberlin_courant(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> sequential_pav(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> sequential_chamberlin_courant(const Profile& profile,
                                                     const Options& options = {});
absl::StatusOr<Result> sequential_phragmen(const Profile& profile, const Options& options = {});
absl::StatusOr<Result> equal_shares(const Profile& profile, const Options& options = {});

}  // namespace participa::tally
