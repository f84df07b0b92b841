// Equal shares' add-one completions by their definition, one raise at a time: rerun equal shares
// without completion on the budget every voter would hold after k raises of `increment` units,
// and keep the last raise whose outcome fits the real budget, stopping early once an outcome
// funds every project that has a supporter or, for add1, is exhaustive. The completion itself
// skips raises whose outcome cannot differ; tests hold it to this loop.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "participa/pb/equal_shares.hpp"
#include "participa/pb/instance.hpp"

namespace participa::testing {

struct RaisedOutcome {
  std::vector<std::uint32_t> selected;
  std::int64_t raise = 0;
};

// Nullopt when no stopping point comes within `max_runs` raises.
inline std::optional<RaisedOutcome> raise_by_definition(const pb::Election& e,
                                                        pb::Satisfaction satisfaction,
                                                        pb::Completion completion,
                                                        std::int64_t increment,
                                                        std::int64_t max_runs) {
  const Rational budget = e.instance.budget;
  const auto voters = static_cast<std::int64_t>(e.profile.total_weight());
  std::vector<bool> available(e.instance.projects.size(), false);
  for (std::size_t g = 0; g < e.profile.num_distinct(); ++g) {
    const auto ballot = e.profile.ballot(g);
    for (std::size_t m = 0; m < ballot.marks.size(); ++m) {
      const auto p = ballot.marks[m];
      // A project is worth something to a ballot that gives it points or, ranked, a Borda
      // score (the last of a strict ranking scores nothing).
      const bool counts = (satisfaction != pb::Satisfaction::kPoints || ballot.values[m] > 0) &&
                          (satisfaction != pb::Satisfaction::kBorda || m + 1 < ballot.marks.size());
      if (counts && e.instance.projects[p].cost > 0) available[p] = true;
    }
  }
  auto run = [&](std::int64_t raise) {
    pb::Instance raised = e.instance;
    raised.budget = budget + Rational(voters) * Rational(raise);
    auto outcome = pb::equal_shares(pb::Election::create(raised, e.profile).value(), satisfaction);
    return outcome.value().selected;
  };
  const bool stop_when_exhaustive = completion != pb::Completion::kAddOneUntilInfeasible;
  RaisedOutcome kept{run(0), 0};
  for (std::int64_t k = 0; k < max_runs; ++k) {
    const auto selected = run(k * increment);
    Rational cost;
    std::vector<bool> chosen(available.size(), false);
    for (auto p : selected) {
      cost += e.instance.projects[p].cost;
      chosen[p] = true;
    }
    if (cost > budget) return kept;
    kept = {selected, k * increment};
    bool all_funded = true;
    bool exhaustive = true;
    for (std::size_t p = 0; p < available.size(); ++p) {
      if (!available[p] || chosen[p]) continue;
      all_funded = false;
      if (e.instance.projects[p].cost <= budget - cost) exhaustive = false;
    }
    if (all_funded || (stop_when_exhaustive && exhaustive)) return kept;
  }
  return std::nullopt;
}

}  // namespace participa::testing
