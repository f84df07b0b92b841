// participa/pb/greedy.hpp — the greedy rule: best value for money first.
//
// Projects by total satisfaction per unit of cost (their density), highest first, each
// selected if it still fits the money left; a project that does not fit is skipped, not a stop.
// Free supported projects come first and projects nobody supports last (density 0), as in
// pabutools. Equal densities follow the tie-break. Each round records the project's density.
//
//   auto result = pb::greedy(election, pb::Satisfaction::kCost);
#pragma once

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/pb/instance.hpp"
#include "participa/pb/result.hpp"
#include "participa/pb/satisfaction.hpp"
#include "participa/pb/tie_break.hpp"

namespace participa::pb {

// greedy(election, satisfaction, initial, tie_break) — `initial` projects (indices) are
// selected before the pass starts. InvalidArgument for a satisfaction the votes do not carry or
// a permutation that is not one of all projects.
absl::StatusOr<Result> greedy(const Election& election, Satisfaction satisfaction,
                              const std::vector<std::uint32_t>& initial = {},
                              const TieBreak& tie_break = {});

}  // namespace participa::pb
