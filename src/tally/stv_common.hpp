// What the STV counters share: the candidates still hopeful, the lot, a broken tie as a result
// records it, and the sure losers of a batch defeat. Private to stv.cpp.
#pragma once

#include <algorithm>
#include <vector>

#include "participa/tally/result.hpp"
#include "participa/tally/stv.hpp"

namespace participa::tally::stv {

inline std::vector<Candidate> hopeful_of(const std::vector<Standing>& standing) {
  std::vector<Candidate> out;
  for (std::size_t c = 0; c < standing.size(); ++c) {
    if (standing[c] == Standing::kHopeful) out.push_back(static_cast<Candidate>(c));
  }
  return out;
}

// The tied candidate the lot falls on: the first of them in the lot order.
inline Candidate first_by_lot(const std::vector<Candidate>& lot_order,
                              const std::vector<Candidate>& tied) {
  for (Candidate c : lot_order) {
    if (std::find(tied.begin(), tied.end(), c) != tied.end()) return c;
  }
  return tied.front();
}

// A tie as the result records it: the tied candidates as listed, the chosen one first in the
// order.
inline Tie lot_tie(int round, const std::vector<Candidate>& tied, Candidate chosen,
                   TiePurpose purpose) {
  Tie tie{.round = round, .purpose = purpose, .tied = tied, .order = {chosen}};
  for (Candidate c : tied) {
    if (c != chosen) tie.order.push_back(c);
  }
  return tie;
}

// Droop's sure losers: the largest set of the lowest hopeful candidates, never splitting a
// group of candidates within `surplus` of one another, whose votes and the surplus together
// stay below the next candidate, leaving enough candidates for the seats left. `sorted` is
// lowest first; `compare` is the arithmetic's.
template <class Value, class Compare>
std::vector<Candidate> sure_losers(const std::vector<Candidate>& sorted,
                                   const std::vector<Value>& votes, const Value& surplus,
                                   const Value& zero, std::size_t seats_left, Compare compare) {
  std::vector<std::vector<Candidate>> groups;
  Value group_vote = zero;
  for (Candidate c : sorted) {
    if (!groups.empty() && compare(group_vote + surplus, votes[c]) >= 0) {
      groups.back().push_back(c);
    } else if (groups.empty() && compare(surplus, votes[c]) >= 0) {
      groups.push_back({c});
    } else {
      groups.push_back({c});
      group_vote = votes[c];
    }
  }
  const std::size_t most = sorted.size() - std::min(sorted.size(), seats_left);
  std::size_t taken = 0;
  std::size_t defeat_groups = 0;
  Value total = zero;
  for (std::size_t g = 0; g + 1 < groups.size(); ++g) {
    taken += groups[g].size();
    if (taken > most) break;
    for (Candidate c : groups[g]) total += votes[c];
    if (compare(total + surplus, votes[groups[g + 1].front()]) < 0) defeat_groups = g + 1;
  }
  std::vector<Candidate> losers;
  for (std::size_t g = 0; g < defeat_groups; ++g) {
    losers.insert(losers.end(), groups[g].begin(), groups[g].end());
  }
  return losers;
}

}  // namespace participa::tally::stv
