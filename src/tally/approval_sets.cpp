#include "tally/approval_sets.hpp"

#include <limits>

#include "participa/core/strings.hpp"

namespace participa::tally::detail {

absl::StatusOr<ApprovalSets> approval_sets(const Profile& profile, std::string_view method) {
  if (profile.kind() != BallotKind::kApproval && profile.kind() != BallotKind::kSingleChoice) {
    return absl::InvalidArgumentError(str_cat(
        method, " counts approval or single-choice ballots, not ", to_string(profile.kind())));
  }
  if (profile.num_distinct() > std::numeric_limits<std::uint32_t>::max()) {
    return absl::OutOfRangeError(str_cat(method, " counts at most 2^32 - 1 distinct ballots"));
  }
  ApprovalSets sets;
  sets.num_candidates = profile.num_candidates();
  sets.approvers.resize(sets.num_candidates);
  sets.approver_weight.assign(sets.num_candidates, 0);
  sets.voters = profile.total_weight();
  sets.weight = profile.weights();
  for (std::size_t i = 0; i < profile.num_distinct(); ++i) {
    for (Candidate c : profile.ballot(i).marks) {
      sets.approvers[c].push_back(static_cast<std::uint32_t>(i));
      sets.approver_weight[c] += profile.weight(i);
    }
  }
  bool any = false;
  for (std::uint64_t w : sets.approver_weight) any = any || w > 0;
  if (!any) {
    return absl::InvalidArgumentError(
        str_cat(method, ": no ballot approves a candidate, so every committee ties"));
  }
  return sets;
}

}  // namespace participa::tally::detail
