#include "participa/pb/result.hpp"

#include <vector>

namespace participa::pb {

namespace {

bool points_ballots(const tally::Profile& profile) {
  return profile.kind() == tally::BallotKind::kCumulative ||
         profile.kind() == tally::BallotKind::kScore;
}

}  // namespace

std::vector<std::uint64_t> supporters(const Election& election) {
  const tally::Profile& profile = election.profile;
  const bool points = points_ballots(profile);
  std::vector<std::uint64_t> counts(election.instance.projects.size(), 0);
  for (std::size_t i = 0; i < profile.num_distinct(); ++i) {
    tally::BallotView b = profile.ballot(i);
    for (std::size_t k = 0; k < b.marks.size(); ++k) {
      if (!points || b.values[k] > 0) counts[b.marks[k]] += profile.weight(i);
    }
  }
  return counts;
}

Rational share_with_a_funded_project(const Election& election, const Result& outcome) {
  const tally::Profile& profile = election.profile;
  if (profile.total_weight() == 0) return Rational(0);
  std::vector<bool> funded(election.instance.projects.size(), false);
  for (auto p : outcome.selected) funded[p] = true;
  const bool points = points_ballots(profile);
  std::uint64_t served = 0;
  for (std::size_t i = 0; i < profile.num_distinct(); ++i) {
    tally::BallotView b = profile.ballot(i);
    for (std::size_t k = 0; k < b.marks.size(); ++k) {
      if (funded[b.marks[k]] && (!points || b.values[k] > 0)) {
        served += profile.weight(i);
        break;
      }
    }
  }
  return Rational(served) / Rational(profile.total_weight());
}

}  // namespace participa::pb
