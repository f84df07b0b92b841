// participa/tally/stv.hpp — single transferable vote as the rule books count it.
//
// Each rule here follows one published rule book exactly, including its arithmetic: the
// Scottish rule counts in fixed decimals of five places and truncates where the Scottish Local
// Government Elections Order 2007 says "any remainder being ignored"; the PR Foundation's
// reference WIGM counts to four places and truncates every product and quotient. Nothing in a count
// is a `double`: fixed and guarded values are whole multiples of 10^-digits in 64- or 128-bit
// integers with wider intermediates for products; rationals are exact.
//
//   auto ballots = participa::io::read_blt_file("ward.blt");      // a Profile and its seats
//   stv::Options options{.rule = stv::Rule::kScottish, .seats = ballots->seats};
//   absl::StatusOr<stv::Count> count = stv::count(ballots->profile, options);
//
// Every action of the count is a Step with each candidate's state and votes after it, the
// non-transferable votes and the residual lost to truncation, so a count can be audited line by
// line (and is checked against the reference counter's round-by-round reports). Ties are broken
// as the rule says — for the Scottish rule by the most recent stage at which the tied
// candidates differed, then by lot, where "lot" is `Options::tie_order` (the BLT file's `[tie]`
// line, or the candidates' order) and each broken tie is a step naming how it was broken.
//
// Ballots must be strict rankings (no equal ranks). Limits: fixed decimals of up to 9 places
// are 64-bit, guarded ones (or longer fixed ones) 128-bit, so the ballots times
// 10^(precision+guard) must fit; rationals have no limit but time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/core/digest.hpp"
#include "participa/core/run_control.hpp"
#include "participa/tally/ballot.hpp"
#include "participa/tally/profile.hpp"
#include "participa/tally/result.hpp"

namespace participa::tally::stv {

enum class Rule {
  // Scottish Local Government Elections Order 2007, rules 45–52: quota floor(v/(s+1)) + 1,
  // highest surplus first, each ballot's transfer value truncated to five decimals.
  kScottish,
  // The PR Foundation's reference WIGM: quota ballots/(seats+1) + 0.0001, four places, each
  // product and quotient truncated, ties by lot; one defeat per round, or (Defeat::kBatch)
  // every sure loser at once.
  kWigmPrf,
  // The Californians for Electoral Reform model law (Elections Code §10059 draft): threshold
  // ballots/(seats+1) + 0.00001, five places truncated, every pending surplus of a round moved
  // in that round, ties by lot; single defeat, or (Defeat::kBatch) the largest safe defeat set.
  kCfer,
  // Minneapolis Code of Ordinances §167.70: threshold floor(v/(s+1)) + 1, four places, each
  // product and quotient truncated; a candidate at the threshold is elected only when its
  // surplus, the largest, is transferred; certain losers are defeated together; undeclared
  // write-ins leave after the first count.
  kMinneapolis,
  // Generic weighted inclusive Gregory method: quota ballots/(seats+1) (plus the smallest unit
  // in inexact arithmetic, where reaching it elects; in exact arithmetic it must be exceeded),
  // highest surplus first, one defeat per round, ties by lot; any arithmetic.
  kWigm,
  // Meek's method (parametric form): every round recounts every ballot through the keep
  // factors of the elected, until someone reaches the quota (votes in the count / (seats+1)),
  // the total surplus falls to 10^-omega or stops falling, or a batch of sure losers appears;
  // the lowest (with everyone within the surplus of it, by lot) is defeated. Any arithmetic.
  kMeek,
  // Warren's method: as Meek, but a candidate keeps min(keep factor, what is left of the
  // ballot) rather than that fraction of it.
  kWarren,
  // The PR Foundation's Meek reference: nine fixed places, each keep rounded up, the quota
  // truncated plus 10^-9, omega 10^-6, one defeat per round.
  kMeekPrf,
  // Woodall's Quota Preferential by Quotient: guarded 9 + 9 places; each stage elects the
  // highest quotient vc/(1 + tc) above the quota va/(1 + seats − tx), or excludes the lowest
  // and restarts the count without it.
  kQpq,
};

// How many candidates a defeat may take: one, or a batch of sure losers (candidates who could
// not overtake the next one even with every surplus). Offered by wigm-prf and cfer (single by
// default) and by meek and warren (batch by default); the other rules prescribe theirs
// (minneapolis batch, the rest single).
enum class Defeat { kSingle, kBatch };
std::string_view defeat_name(Defeat defeat);
absl::StatusOr<Defeat> parse_defeat(std::string_view name);

enum class Arithmetic {
  kFixed,     // whole multiples of 10^-precision, every product and quotient truncated
  kGuarded,   // precision + guard digits; values within half a unit of precision are equal
  kRational,  // exact
};
std::string_view arithmetic_name(Arithmetic arithmetic);
absl::StatusOr<Arithmetic> parse_arithmetic(std::string_view name);

// rule_name(rule) — "scottish", "minneapolis", "cfer", "wigm", "wigm-prf", "meek", "meek-prf",
// "warren", "qpq";
// parse_rule(name) — the inverse, InvalidArgument for a
// name that is not a rule here.
std::string_view rule_name(Rule rule);
absl::StatusOr<Rule> parse_rule(std::string_view name);
// iterates(rule) — Meek, Warren and PR Foundation Meek: rules of keep factors, recounting every
// ballot until the surplus falls to omega.
constexpr bool iterates(Rule rule) {
  return rule == Rule::kMeek || rule == Rule::kWarren || rule == Rule::kMeekPrf;
}

struct Options {
  Rule rule = Rule::kScottish;
  int seats = 1;
  std::optional<Defeat> defeat;  // nullopt: the rule's default
  // The arithmetic; nullopt takes the rule's own. A rule that prescribes its arithmetic (all
  // but wigm) refuses another; wigm defaults to guarded.
  std::optional<Arithmetic> arithmetic;
  // Digits of working precision and guard digits; nullopt takes the rule's (five for the
  // Scottish rule; 18 + 9 guarded or 9 fixed for wigm). Precision + guard ≤ 30.
  std::optional<int> precision;
  std::optional<int> guard;
  // Digits shown in steps and results (rounded half up from the working value); nullopt shows
  // the working precision (12 for rational arithmetic).
  std::optional<int> display;
  // Meek and Warren: an iteration ends when the total surplus is at most 10^-omega; nullopt
  // takes half the precision for guarded arithmetic, two thirds for fixed, 10 for rational.
  std::optional<int> omega;
  // Lot order: candidates (profile indices) from the first to be chosen by lot to the last.
  // Empty means the profile's order; otherwise a permutation of every candidate.
  std::vector<Candidate> tie_order;
  // Minneapolis: write-in candidates who did not declare (the BLT file's [undeclared] line).
  std::vector<Candidate> undeclared_write_ins;
};

enum class Standing {
  kHopeful,
  kElected,         // elected, surplus (if any) dealt with
  kElectedPending,  // elected, surplus not yet transferred
  kDefeated,
};
std::string_view standing_name(Standing standing);

enum class Action {
  kBegin,                 // first preferences counted
  kCountVotes,            // Minneapolis: the votes as a round leaves them
  kElect,                 // reached the quota (surplus transfer pending if above it)
  kElectAll,              // first round: no more candidates than seats
  kElectAtThreshold,      // Minneapolis: the seats are filled by those at the threshold
  kDefeatUndeclared,      // Minneapolis: an undeclared write-in leaves
  kTransferSurplus,       // a surplus's transfer begins: the candidate with the highest one
  kSurplusTransferred,    // its ballots moved on at reduced transfer values
  kDefeatLowest,          // the lowest continuing candidate is excluded
  kDefeatSureLoser,       // one of a batch that cannot overtake anyone, even with surpluses
  kDefeatedTransferred,   // the excluded candidates' ballots moved on at their values
  kElectRemaining,        // as many continuing candidates as seats left: all elected
  kElectPending,          // the count ends with this surplus never transferred
  kIterate,               // Meek, Warren: the round's iterations ended (see Step::iteration)
  kElectHighestQuotient,  // QPQ: the highest quotient exceeds the quota
  kElectedTransferred,    // QPQ: the winner's ballots move on, each having elected 1/quotient
  kDefeatRemaining,       // seats filled: the other continuing candidates lose
  kBreakTieByEarlierStage,
  kBreakTieByLot,
  kComplete,
};
std::string_view action_name(Action action);

struct CandidateStanding {
  Standing standing = Standing::kHopeful;
  std::string votes;     // to Options::display places (QPQ: the ballots whose top hopeful it is)
  std::string quotient;  // QPQ only: vc / (1 + tc), as last computed
};

// Why a Meek or Warren round stopped iterating.
enum class Iteration {
  kElected,  // a candidate reached the quota
  kOmega,    // the total surplus fell to omega
  kStable,   // the total surplus stopped falling
  kBatch,    // a batch of sure losers can be defeated
};
std::string_view iteration_name(Iteration iteration);

// Votes held by the candidates of each standing, summed in the working arithmetic.
struct VotesByStanding {
  std::string elected;
  std::string pending;  // elected, surplus not yet transferred
  std::string hopeful;
  std::string defeated;
  std::string all;  // every candidate's, the defeated ones' included
};

struct KeepFactor {
  Candidate candidate = 0;
  std::string value;
};

struct Step {
  int round = 0;  // 0 before the first transfer
  Action action = Action::kBegin;
  // Whom the action concerns: the elected, defeated or transferring candidates; for a tie,
  // the one chosen.
  std::vector<Candidate> candidates;
  // On the break-tie steps: the tied candidates in the order the rule lists them, and the
  // order it put them in (the one chosen first). The purpose is kElimination when choosing
  // whom to defeat, kRanking when choosing whose surplus moves first, kWinner in QPQ's choice
  // of the highest quotient.
  std::optional<tally::Tie> tie;
  // Meek, Warren: why the round stopped iterating, on its kIterate step and on the defeat
  // that follows it.
  std::optional<Iteration> iteration;
  std::string amount;                        // a transferred surplus; empty otherwise
  std::vector<CandidateStanding> standings;  // every candidate, in the profile's order
  VotesByStanding totals;
  std::string quota;  // as it stands (it falls in Meek and Warren as votes leave the count)
  std::vector<KeepFactor> keep_factors;  // Meek, Warren: those in the count below 1
  // WIGM family: votes whose ballots ran out of preferences, and the residual lost to
  // truncation (ballots − everything else). Meek and Warren report both together as the
  // residual: the part of each ballot that no candidate in the count keeps.
  std::string nontransferable;
  std::string residual;
  std::string surplus;  // surpluses of candidates still pending
};

struct ElectedCandidate {
  Candidate candidate = 0;
  std::string name;
  std::string votes;  // at the end of the count (QPQ: the quotient that elected it)
};

struct Count {
  Rule rule = Rule::kScottish;
  int seats = 0;
  Defeat defeat = Defeat::kSingle;
  Arithmetic arithmetic = Arithmetic::kFixed;
  int precision = 0;  // 0 for rational arithmetic
  int guard = 0;
  int display = 0;
  int omega = 0;                          // Meek, Warren
  std::vector<std::string> candidates;    // names; every Candidate here indexes them
  std::uint64_t ballots = 0;              // valid: naming at least one candidate
  std::uint64_t blank_ballots = 0;        // naming none (or only withdrawn ones): set aside
  std::string quota;                      // at the start of the count
  std::vector<ElectedCandidate> elected;  // in the order they were elected
  std::vector<Candidate> defeated;        // in the order they were defeated
  std::vector<Step> steps;
  Digest input_digest;
};

// count(profile, options, control) — the count under options.rule. InvalidArgument for a
// profile that is not ranked, has equal ranks, has fewer candidates than seats or no ballot
// naming one, for seats < 1, for a precision or display the rule does not allow, and for a tie
// order that is not a permutation of the candidates; OutOfRange when the ballots are too many
// for the precision. Cancelled when `control` stops the count: Meek and Warren, which can run
// for minutes in rational arithmetic, check it at every recount (its steps) and while a recount
// adds up its paths; the other rules count in one pass a round and check it once, before
// counting.
absl::StatusOr<Count> count(const Profile& profile, const Options& options,
                            const RunControl& control = {});

}  // namespace participa::tally::stv
