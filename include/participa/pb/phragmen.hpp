// participa/pb/phragmen.hpp — sequential Phragmén for participatory budgets.
//
// Buying a project puts a load on its supporters, shared so that they all end with the same
// load; each round buys the project giving the smallest new maximal load. It stops at the first
// project that would break the budget. Approval votes only. Each round records the new load
// and the project's approvals.
//
//   auto result = pb::phragmen(election);
#pragma once

#include "absl/status/statusor.h"
#include "participa/pb/instance.hpp"
#include "participa/pb/result.hpp"
#include "participa/pb/tie_break.hpp"

namespace participa::pb {

// phragmen(election, tie_break) — InvalidArgument for votes other than approval (choose-1
// included) or a bad permutation.
absl::StatusOr<Result> phragmen(const Election& election, const TieBreak& tie_break = {});

}  // namespace participa::pb
