// participa/pb/rules.hpp — participatory-budgeting winner rules, explained step by step.
//
// Satisfaction (pabutools' meaning): kCost — a voter gains the cost of each funded project she
// approves; kCardinality — one per funded approved project; kPoints — the points she gave it
// (cumulative and scoring ballots); kBorda — on a ranking of L projects, L - position - 1
// (the last ranked project gives 0).
//
//   greedy        projects by total satisfaction per unit of cost, highest first, each taken
//                 if it still fits (a project that does not fit is skipped, not a stop);
//                 projects nobody supports come last (density 0), as in pabutools.
//   equal_shares  the Method of Equal Shares, outcome and prices as in exact arithmetic (the
//                 work is done in floating point with proven error bounds; ties and near ties
//                 are settled in exact rationals; docs/pb.md): each voter holds
//                 budget/n; the project whose supporters can pay it with the lowest price per
//                 unit of satisfaction (rho) is bought, poorer supporters paying all they have.
//                 Completions: none; add-one (raise every voter's budget by one currency unit
//                 and rerun until the outcome is exhaustive, keeping the last feasible one);
//                 add-one until infeasible (ignore exhaustiveness); add-one then greedy; greedy.
//   phragmen      sequential Phragmén: loads spread over supporters; stops at the first
//                 project that would break the budget (approval ballots only).
//
// Ties are broken as pabutools does by default: the project id compared as text, smallest
// first; a TieBreak selects another order (official() always uses the default). Outcomes list the
// selected projects in selection order and explain each step: for equal shares the price per voter
// and how many supporters paid, for greedy each project skipped and why.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/core/rational.hpp"
#include "participa/pb/ballot_rules.hpp"
#include "participa/pb/instance.hpp"

namespace participa::pb {

enum class Satisfaction { kCost, kCardinality, kPoints, kBorda };
enum class Completion { kNone, kAddOne, kAddOneUntilInfeasible, kAddOneThenGreedy, kGreedy };

std::string_view to_string(Satisfaction s);
absl::StatusOr<Satisfaction> parse_satisfaction(std::string_view text);
std::string_view to_string(Completion c);
absl::StatusOr<Completion> parse_completion(std::string_view text);

// TieBreakPolicy — which project wins a tie: by id compared as text (pabutools' default), in
// the file's order, by an explicit permutation (project indices, most favoured first), or in an
// order drawn once from the seeded ChaCha20 generator (projects sorted by id, then shuffled).
// Names: project-id, file-order, permutation, random.
enum class TieBreakPolicy { kProjectId, kFileOrder, kPermutation, kRandom };

// TieBreak — a policy with its permutation or seed, as tally::TieBreak is for candidates.
struct TieBreak {
  TieBreakPolicy policy = TieBreakPolicy::kProjectId;
  std::vector<std::uint32_t> permutation;
  std::uint64_t seed = 0;
  friend bool operator==(const TieBreak&, const TieBreak&) = default;
};
absl::StatusOr<TieBreakPolicy> parse_tie_break_policy(std::string_view text);

struct Step {
  std::uint32_t project = 0;
  bool selected = false;
  // Why: "selected", "does not fit", "stopped: does not fit", ...
  std::string reason;
  // Equal shares: the price per unit of satisfaction, and how many voters paid something.
  Rational rho;
  std::uint64_t payers = 0;
  Rational budget_left;
  friend bool operator==(const Step&, const Step&) = default;
};

struct Outcome {
  std::string rule;
  std::vector<std::pair<std::string, std::string>> parameters;
  // Every project id of the election in its order, so the outcome reads without the election
  // (like tally::Result::candidates); `selected` and steps index into it.
  std::vector<std::string> projects;
  std::vector<std::uint32_t> selected;
  Rational total_cost;
  Rational budget;
  // Add-one completions: how many units each voter's budget was raised by.
  std::int64_t budget_increments = 0;
  std::vector<Step> steps;
  friend bool operator==(const Outcome&, const Outcome&) = default;
};

absl::StatusOr<Outcome> greedy(const Election& election, Satisfaction satisfaction,
                               const std::vector<std::uint32_t>& initial = {},
                               const TieBreak& tie_break = {});
absl::StatusOr<Outcome> equal_shares(const Election& election, Satisfaction satisfaction,
                                     Completion completion = Completion::kNone,
                                     const TieBreak& tie_break = {});
absl::StatusOr<Outcome> phragmen(const Election& election, const TieBreak& tie_break = {});

// max_welfare(election, sat) — a budget-feasible set of projects of the largest total
// satisfaction (exact knapsack by branch and bound over projects in density order, bounded by
// the fractional relaxation, in exact rationals). Among equally good sets, the first found in
// that order. OutOfRange after kMaxWelfareNodes search nodes.
// Add-one completions give up (OutOfRange) past this many one-unit raises per voter.
inline constexpr std::int64_t kMaxBudgetIncrements = std::int64_t{1} << 32;

// share_with_a_funded_project(election, outcome) — the share of voters with at least one funded
// project among those they voted for (given positive points, for points ballots).
Rational share_with_a_funded_project(const Election& election, const Outcome& outcome);

inline constexpr std::uint64_t kMaxWelfareNodes = 20'000'000;
absl::StatusOr<Outcome> max_welfare(const Election& election, Satisfaction satisfaction,
                                    const TieBreak& tie_break = {});

// consul(election, rules, tie_break) — Consul Democracy's results, heading by heading: projects by
// approvals, most first, each a winner if it still fits the heading's money (the instance's
// budget for a heading without money of its own); incompatible projects never win. Approval
// votes only. Steps give each project's approvals (`payers`) and what is left of its heading's
// money. Ties follow `tie_break` (Consul favours the newer project: give that as a permutation).
// InvalidArgument for other votes and for rules that do not fit the instance.
absl::StatusOr<Outcome> consul(const Election& election, const ConsulRules& rules,
                               const TieBreak& tie_break = {});

// official(election) — the rule the city used, as named in the file's meta `rule`:
//   greedy            projects by their own `score` column (else `votes`), highest first, no
//                     division by cost, each taken if it still fits;
//   greedy-threshold  the same among projects whose score reaches min_project_score_threshold;
//   greedy-no-skip    the same, stopping at the first project that does not fit;
//   equalshares/add1, equalshares/add1-comparison
//                     equal shares with cost satisfaction, add-one until infeasible.
// Score ties go to the project id compared as text. FailedPrecondition for any other rule
// name; InvalidArgument when the score column is missing or not a number.
absl::StatusOr<Outcome> official(const Election& election);

}  // namespace participa::pb
