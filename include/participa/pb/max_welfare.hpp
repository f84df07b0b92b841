// participa/pb/max_welfare.hpp — a feasible set of projects of the largest total satisfaction.
//
// An exact knapsack: branch and bound over projects in density order, bounded by the
// fractional relaxation, in exact rationals. Among equally good sets, the first found in that
// order. Each round records the selected project's total satisfaction.
//
//   auto result = pb::max_welfare(election, pb::Satisfaction::kCost);
#pragma once

#include <cstdint>

#include "absl/status/statusor.h"
#include "participa/pb/instance.hpp"
#include "participa/pb/result.hpp"
#include "participa/pb/satisfaction.hpp"
#include "participa/pb/tie_break.hpp"

namespace participa::pb {

// The search gives up (OutOfRange) past this many nodes: a bound on work, which real
// elections (a few hundred projects, few fit together) stay far below.
inline constexpr std::uint64_t kMaxWelfareNodes = 20'000'000;

absl::StatusOr<Result> max_welfare(const Election& election, Satisfaction satisfaction,
                                   const TieBreak& tie_break = {});

}  // namespace participa::pb
