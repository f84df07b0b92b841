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
// Each round records the price paid per unit of satisfaction and how many voters paid.
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

// Add-one completions give up (OutOfRange) past this many one-unit raises per voter: a bound
// on work, far above the raises of any real election (Mokotów 2023 needs 349).
inline constexpr std::int64_t kMaxBudgetIncrements = std::int64_t{1} << 32;

// equal_shares(election, satisfaction, completion, tie_break, control) — InvalidArgument for
// a satisfaction the votes do not carry or a bad permutation; OutOfRange past
// kMaxBudgetIncrements raises; Cancelled when `control` stops the run (its steps are the
// add-one raises tried).
absl::StatusOr<Result> equal_shares(const Election& election, Satisfaction satisfaction,
                                    Completion completion = Completion::kNone,
                                    const TieBreak& tie_break = {}, const RunControl& control = {});

}  // namespace participa::pb
