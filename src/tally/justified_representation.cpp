#include "participa/tally/justified_representation.hpp"

#include <algorithm>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "tally/approval_sets.hpp"
#include "tally/counting.hpp"

namespace participa::tally {
namespace {

using detail::ApprovalSets;
using detail::UInt128;

absl::Status gave_up() {
  return absl::ResourceExhaustedError(
      str_cat("the justified-representation check gave up after ", kMaxAxiomSteps,
              " steps; the search for cohesive groups grows exponentially with seats"));
}

// CohesiveSearch — looks for ℓ candidates approved in common by a large enough part of a group
// of ballots, adding one candidate at a time and dropping the branch as soon as the ballots
// approving all chosen candidates weigh less than ℓ·n/seats (Apriori's pruning: a subgroup
// can only shrink).
class CohesiveSearch {
 public:
  CohesiveSearch(const ApprovalSets& sets, int seats, std::uint64_t& steps)
      : sets_(sets), seats_(static_cast<std::uint64_t>(seats)), steps_(steps) {}

  // find(group, ell) — common candidates and the ballots of `group` approving them all, when
  // they weigh at least ell·n/seats.
  absl::StatusOr<std::optional<std::pair<std::vector<Candidate>, std::vector<std::uint32_t>>>> find(
      const std::vector<std::uint32_t>& group, int ell) {
    ell_ = ell;
    chosen_.clear();
    found_.reset();
    PARTICIPA_RETURN_IF_ERROR(extend(group, 0));
    return std::move(found_);
  }

  // large_enough(group, ell) — the group holds at least ell·n/seats voters.
  bool large_enough(const std::vector<std::uint32_t>& group, int ell) const {
    UInt128 weight = 0;
    for (std::uint32_t i : group) weight += sets_.weight[i];
    return weight * seats_ >= static_cast<UInt128>(ell) * sets_.voters;
  }

 private:
  absl::Status extend(const std::vector<std::uint32_t>& group, std::size_t first) {
    if (static_cast<int>(chosen_.size()) == ell_) {
      found_.emplace(chosen_, group);
      return absl::OkStatus();
    }
    std::vector<bool> in_group(sets_.weight.size(), false);
    for (std::uint32_t i : group) in_group[i] = true;
    for (std::size_t c = first; c < sets_.num_candidates && !found_; ++c) {
      std::vector<std::uint32_t> narrowed;
      for (std::uint32_t i : sets_.approvers[c]) {
        if (in_group[i]) narrowed.push_back(i);
      }
      steps_ += sets_.approvers[c].size() + 1;
      if (steps_ > kMaxAxiomSteps) return gave_up();
      if (!large_enough(narrowed, ell_)) continue;
      chosen_.push_back(static_cast<Candidate>(c));
      PARTICIPA_RETURN_IF_ERROR(extend(narrowed, c + 1));
      if (!found_) chosen_.pop_back();
    }
    return absl::OkStatus();
  }

  const ApprovalSets& sets_;
  std::uint64_t seats_;
  std::uint64_t& steps_;
  int ell_ = 1;
  std::vector<Candidate> chosen_;
  std::optional<std::pair<std::vector<Candidate>, std::vector<std::uint32_t>>> found_;
};

Violation violation(Axiom axiom, int ell, const ApprovalSets& sets,
                    std::pair<std::vector<Candidate>, std::vector<std::uint32_t>> found) {
  Violation v;
  v.axiom = axiom;
  v.ell = ell;
  v.common = std::move(found.first);
  for (std::uint32_t i : found.second) {
    v.ballots.push_back(i);
    v.weight += sets.weight[i];
  }
  return v;
}

// Subsets of `members` of size `size`, in lexicographic order of positions.
template <typename Visit>
absl::Status for_each_subset(const std::vector<Candidate>& members, std::size_t size,
                             const Visit& visit) {
  std::vector<std::size_t> pick(size);
  for (std::size_t i = 0; i < size; ++i) pick[i] = i;
  while (true) {
    PARTICIPA_ASSIGN_OR_RETURN(bool done, visit(pick));
    if (done) return absl::OkStatus();
    std::size_t i = size;
    while (i > 0 && pick[i - 1] == members.size() - size + i - 1) --i;
    if (i == 0) return absl::OkStatus();
    ++pick[i - 1];
    for (std::size_t j = i; j < size; ++j) pick[j] = pick[j - 1] + 1;
  }
}

}  // namespace

absl::StatusOr<std::optional<Violation>> find_violation(const Profile& profile,
                                                        std::span<const Candidate> committee,
                                                        int seats, Axiom axiom) {
  if (seats < 1) {
    return absl::InvalidArgumentError(str_cat("seats must be at least 1, got ", seats));
  }
  PARTICIPA_ASSIGN_OR_RETURN(ApprovalSets sets,
                             detail::approval_sets(profile, "the justified-representation check"));
  if (committee.size() > static_cast<std::size_t>(seats)) {
    return absl::InvalidArgumentError(
        str_cat("the committee has ", committee.size(), " members for ", seats, " seats"));
  }
  std::vector<bool> in_committee(sets.num_candidates, false);
  for (Candidate c : committee) {
    if (c >= sets.num_candidates) {
      return absl::InvalidArgumentError(
          str_cat("the committee names candidate ", c, " of only ", sets.num_candidates));
    }
    if (in_committee[c]) {
      return absl::InvalidArgumentError(
          str_cat("the committee names ", profile.candidates()[c], " twice"));
    }
    in_committee[c] = true;
  }
  std::vector<std::uint32_t> represented(sets.weight.size(), 0);
  for (std::size_t i = 0; i < sets.weight.size(); ++i) {
    for (Candidate c : profile.ballot(i).marks) represented[i] += in_committee[c] ? 1 : 0;
  }
  std::uint64_t steps = 0;
  CohesiveSearch search(sets, seats, steps);
  const int largest_ell = axiom == Axiom::kJr ? 1 : seats;
  for (int ell = 1; ell <= largest_ell; ++ell) {
    if (axiom != Axiom::kPjr) {
      // JR and EJR: the voters with fewer than ℓ approved members, all of them at once.
      std::vector<std::uint32_t> group;
      for (std::size_t i = 0; i < sets.weight.size(); ++i) {
        if (represented[i] < static_cast<std::uint32_t>(ell)) {
          group.push_back(static_cast<std::uint32_t>(i));
        }
      }
      if (!search.large_enough(group, ell)) continue;
      PARTICIPA_ASSIGN_OR_RETURN(auto found, search.find(group, ell));
      if (found) return violation(axiom, ell, sets, *std::move(found));
      continue;
    }
    // PJR: a group whose voters approve, together, at most the ℓ - 1 members of some S ⊆ W.
    std::vector<Candidate> members(committee.begin(), committee.end());
    std::sort(members.begin(), members.end());
    const std::size_t size = std::min(members.size(), static_cast<std::size_t>(ell - 1));
    std::optional<Violation> failed;
    PARTICIPA_RETURN_IF_ERROR(for_each_subset(
        members, size, [&](const std::vector<std::size_t>& pick) -> absl::StatusOr<bool> {
          std::vector<bool> allowed(sets.num_candidates, false);
          for (std::size_t p : pick) allowed[members[p]] = true;
          std::vector<std::uint32_t> group;
          for (std::size_t i = 0; i < sets.weight.size(); ++i) {
            bool inside = true;
            for (Candidate c : profile.ballot(i).marks)
              inside = inside && (!in_committee[c] || allowed[c]);
            if (inside) group.push_back(static_cast<std::uint32_t>(i));
          }
          steps += sets.weight.size();
          if (steps > kMaxAxiomSteps) return gave_up();
          if (!search.large_enough(group, ell)) return false;
          PARTICIPA_ASSIGN_OR_RETURN(auto found, search.find(group, ell));
          if (found) failed = violation(axiom, ell, sets, *std::move(found));
          return failed.has_value();
        }));
    if (failed) return failed;
  }
  return std::nullopt;
}

}  // namespace participa::tally
