// participa/pb/consul.hpp — Consul Democracy's results.
//
// Heading by heading: projects by approvals, most first, each a winner if it still fits the
// heading's money (the instance's budget for a heading without money of its own); incompatible
// projects never win. Approval votes only. Each round records the project's approvals and what
// is left of its heading's money. Consul favours the newer project in a tie: give that order as
// a permutation.
//
//   auto result = pb::consul(election, pb::ConsulRules{.heading_of = ..., .heading_money = ...});
#pragma once

#include "absl/status/statusor.h"
#include "participa/pb/ballot_rules.hpp"
#include "participa/pb/instance.hpp"
#include "participa/pb/result.hpp"
#include "participa/pb/tie_break.hpp"

namespace participa::pb {

// consul(election, rules, tie_break) — InvalidArgument for votes other than approval and for
// rules that do not fit the instance.
absl::StatusOr<Result> consul(const Election& election, const ConsulRules& rules,
                              const TieBreak& tie_break = {});

}  // namespace participa::pb
