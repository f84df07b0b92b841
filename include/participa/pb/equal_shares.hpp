// participa/pb/equal_shares.hpp — the Method of Equal Shares and its completions.
//
// Each voter holds budget / n. Repeatedly, the project whose supporters can pay for it at the
// lowest price per unit of satisfaction (ρ) is bought, the poorer supporters paying all they
// have; it stops when no project is affordable. Outcomes and prices are those of exact
// arithmetic, though the work is done in floating point with proven error bounds (docs/pb.md).
//
// Completions (names): none; add1 (raise every voter's budget by one currency unit and rerun
// until the outcome is exhaustive, keeping the last feasible one); add1-until-infeasible
// (ignore exhaustiveness); add1-greedy (add1, then greedy); greedy (greedy on what is left).
// `increment` makes each raise that many currency units instead of one (pabutools'
// voter_budget_increment): far fewer reruns on a budget in small units, but only multiples of
// the increment are tried, so the kept raise and the outcome may differ from one-unit raises.
// The raises are not all rerun: those whose outcome provably cannot differ from the last one
// run are skipped, so the work follows the changes of outcome (docs/pb.md); the result is the
// raise-by-raise one. Each round records the price paid per unit of satisfaction and how many
// voters paid.
//
//   auto result = pb::equal_shares(election, pb::Satisfaction::kCost, pb::Completion::kAddOne);
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "participa/core/names.hpp"
#include "participa/core/run_control.hpp"
#include "participa/pb/instance.hpp"
#include "participa/pb/result.hpp"
#include "participa/pb/satisfaction.hpp"
#include "participa/pb/tie_break.hpp"

namespace participa::pb {

enum class Completion { kNone, kAddOne, kAddOneUntilInfeasible, kAddOneThenGreedy, kGreedy };

inline constexpr std::array<Named<Completion>, 5> kCompletionNames = {{
    {Completion::kNone, "none"},
    {Completion::kAddOne, "add1"},
    {Completion::kAddOneUntilInfeasible, "add1-until-infeasible"},
    {Completion::kAddOneThenGreedy, "add1-greedy"},
    {Completion::kGreedy, "greedy"},
}};

inline std::string_view to_string(Completion c) { return name_of(kCompletionNames, c); }
inline absl::StatusOr<Completion> parse_completion(std::string_view text) {
  return parse_name(kCompletionNames, "completion", text);
}

// Add-one completions give up (OutOfRange) past this many raises per voter: far above the
// raises of any real election (Budapest 2024 needs 22,001 of one forint).
inline constexpr std::int64_t kMaxBudgetIncrements = std::int64_t{1} << 32;

// The largest raise step equal_shares takes: with kMaxBudgetIncrements raises, the raise
// stays far inside 64 bits.
inline constexpr std::int64_t kMaxIncrement = std::int64_t{1} << 30;

// equal_shares(election, satisfaction, completion, tie_break, control, increment) —
// InvalidArgument for a satisfaction the votes do not carry, a bad permutation, an increment
// below 1 or above kMaxIncrement, or an increment other than 1 for a completion that raises no
// budget; OutOfRange past kMaxBudgetIncrements raises; Cancelled when `control` stops the run
// (its steps are the raises settled so far). A result with an increment other than 1 lists it among
// its parameters; budget_increments counts currency units either way.
absl::StatusOr<Result> equal_shares(const Election& election, Satisfaction satisfaction,
                                    Completion completion = Completion::kNone,
                                    const TieBreak& tie_break = {}, const RunControl& control = {},
                                    std::int64_t increment = 1);

}  // namespace participa::pb
