// src/tally/approval_sets.hpp — approval ballots turned around: for each candidate, the distinct
// ballots approving it (private to the tally layer; the committee rules and the
// justified-representation checks walk these lists rather than the ballots).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/tally/profile.hpp"

namespace participa::tally::detail {

struct ApprovalSets {
  std::size_t num_candidates = 0;
  // Per distinct ballot of the profile, its weight (the profile's own array).
  std::span<const std::uint64_t> weight;
  // Per candidate: the distinct ballots approving it, and their total weight.
  std::vector<std::vector<std::uint32_t>> approvers;
  std::vector<std::uint64_t> approver_weight;
  // Every voter, blank ballots included: n in "seats / n" and "ℓ·n / seats".
  std::uint64_t voters = 0;
};

// approval_sets(profile, method) — InvalidArgument for ballots other than approval or
// single-choice (naming `method`), and when no ballot approves a candidate.
absl::StatusOr<ApprovalSets> approval_sets(const Profile& profile, std::string_view method);

}  // namespace participa::tally::detail
