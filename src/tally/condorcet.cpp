#include "participa/tally/condorcet.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "tally/counting.hpp"

namespace participa::tally {
namespace {

struct Setup {
  TieBreaker breaker;
  Result result;
  PairwiseMatrix matrix;
  std::vector<Candidate> candidates;
};

absl::StatusOr<Setup> setup(const Profile& profile, const Options& options, std::string name) {
  PARTICIPA_RETURN_IF_ERROR(detail::require_ranked(profile, name));
  PARTICIPA_ASSIGN_OR_RETURN(Unranked unranked,
                             parse_unranked(detail::parameter(options, "unranked", "below")));
  PARTICIPA_ASSIGN_OR_RETURN(detail::Count begun,
                             detail::begin_count(profile, std::move(name), options));
  Setup s{std::move(begun.breaker), std::move(begun.result),
          PairwiseMatrix::from_profile(profile, unranked), detail::all_candidates(profile)};
  const std::size_t n = s.matrix.num_candidates();
  s.result.pairwise.assign(n, std::vector<std::uint64_t>(n, 0));
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      s.result.pairwise[a][b] =
          s.matrix.support(static_cast<Candidate>(a), static_cast<Candidate>(b));
    }
  }
  return s;
}

// A method that scores candidates and elects the best score.
absl::StatusOr<Result> by_scores(Setup s, const std::vector<Rational>& scores,
                                 bool higher_is_better, std::string note) {
  Round r = detail::round_of(s.candidates, scores);
  r.note = std::move(note);
  s.result.rounds.push_back(std::move(r));
  s.result.ranking = detail::ranking_by_score(s.candidates, scores, higher_is_better);
  detail::choose_winners(detail::best(s.candidates, scores, higher_is_better), s.breaker, s.result);
  return std::move(s.result);
}

// Reachability kept transitively closed as edges are locked.
struct LockedGraph {
  std::size_t n;
  std::vector<char> reach;  // reach[a*n+b]: a path a -> b exists
  bool reaches(std::size_t a, std::size_t b) const { return reach[a * n + b] != 0; }
  bool try_lock(std::size_t a, std::size_t b) {
    if (a == b || reaches(b, a)) return false;
    for (std::size_t x = 0; x < n; ++x) {
      if (x != a && !reaches(x, a)) continue;
      for (std::size_t y = 0; y < n; ++y) {
        if (y == b || reaches(b, y)) reach[x * n + y] = 1;
      }
    }
    return true;
  }
  std::vector<Candidate> sources() const {
    std::vector<Candidate> out;
    for (std::size_t c = 0; c < n; ++c) {
      bool beaten = false;
      for (std::size_t x = 0; x < n && !beaten; ++x) beaten = x != c && reaches(x, c);
      if (!beaten) out.push_back(static_cast<Candidate>(c));
    }
    return out;
  }
  friend bool operator<(const LockedGraph& a, const LockedGraph& b) { return a.reach < b.reach; }
};

struct Edge {
  Candidate from, to;
  std::int64_t margin;
};

}  // namespace

std::vector<std::int64_t> strongest_paths(const PairwiseMatrix& m) {
  const std::size_t n = m.num_candidates();
  std::vector<std::int64_t> p(n * n, 0);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      if (a != b)
        p[a * n + b] = std::max<std::int64_t>(
            0, m.margin(static_cast<Candidate>(a), static_cast<Candidate>(b)));
    }
  }
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t a = 0; a < n; ++a) {
      if (a == k || p[a * n + k] == 0) continue;
      const std::int64_t ak = p[a * n + k];
      for (std::size_t b = 0; b < n; ++b) {
        if (b == a || b == k) continue;
        p[a * n + b] = std::max(p[a * n + b], std::min(ak, p[k * n + b]));
      }
    }
  }
  return p;
}

std::vector<Candidate> smith_set_of(const PairwiseMatrix& m) {
  const std::size_t n = m.num_candidates();
  std::vector<char> reach(n * n, 0);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      reach[a * n + b] =
          a == b || m.margin(static_cast<Candidate>(a), static_cast<Candidate>(b)) >= 0;
    }
  }
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t a = 0; a < n; ++a) {
      if (!reach[a * n + k]) continue;
      for (std::size_t b = 0; b < n; ++b) reach[a * n + b] |= reach[k * n + b];
    }
  }
  std::vector<Candidate> out;
  for (std::size_t a = 0; a < n; ++a) {
    bool all = true;
    for (std::size_t b = 0; b < n && all; ++b) all = reach[a * n + b] != 0;
    if (all) out.push_back(static_cast<Candidate>(a));
  }
  return out;
}

absl::StatusOr<Result> copeland(const Profile& profile, const Options& options) {
  PARTICIPA_ASSIGN_OR_RETURN(Setup s, setup(profile, options, "copeland"));
  std::vector<Rational> scores(s.candidates.size());
  for (Candidate a : s.candidates) {
    for (Candidate b : s.candidates) {
      if (a == b) continue;
      auto m = s.matrix.margin(a, b);
      scores[a] += m > 0 ? Rational(1) : m == 0 ? Rational(1, 2) : Rational(0);
    }
  }
  return by_scores(std::move(s), scores, true, "tally = pairwise wins, a tie counting half");
}

absl::StatusOr<Result> minimax(const Profile& profile, const Options& options) {
  PARTICIPA_ASSIGN_OR_RETURN(Setup s, setup(profile, options, "minimax"));
  std::vector<Rational> scores(s.candidates.size());
  for (Candidate c : s.candidates) {
    std::int64_t worst = std::numeric_limits<std::int64_t>::min();
    for (Candidate d : s.candidates) {
      if (d != c) worst = std::max(worst, s.matrix.margin(d, c));
    }
    scores[c] = s.candidates.size() > 1 ? worst : 0;
  }
  return by_scores(std::move(s), scores, false, "tally = worst pairwise margin against");
}

absl::StatusOr<Result> schulze(const Profile& profile, const Options& options) {
  PARTICIPA_ASSIGN_OR_RETURN(Setup s, setup(profile, options, "schulze"));
  const std::size_t n = s.candidates.size();
  auto p = strongest_paths(s.matrix);
  // The Schulze relation is transitive, so counting whom each candidate beats ranks them.
  std::vector<Rational> beaten(n);
  std::vector<Candidate> winners;
  for (std::size_t a = 0; a < n; ++a) {
    bool wins = true;
    std::int64_t count = 0;
    for (std::size_t b = 0; b < n; ++b) {
      if (a == b) continue;
      if (p[a * n + b] > p[b * n + a]) ++count;
      if (p[a * n + b] < p[b * n + a]) wins = false;
    }
    beaten[a] = count;
    if (wins) winners.push_back(static_cast<Candidate>(a));
  }
  Round r = detail::round_of(s.candidates, beaten);
  r.note = "tally = candidates beaten by strongest path";
  s.result.rounds.push_back(std::move(r));
  s.result.ranking = detail::ranking_by_score(s.candidates, beaten);
  detail::choose_winners(winners, s.breaker, s.result);
  return std::move(s.result);
}

absl::StatusOr<Result> split_cycle(const Profile& profile, const Options& options) {
  PARTICIPA_ASSIGN_OR_RETURN(Setup s, setup(profile, options, "split-cycle"));
  const std::size_t n = s.candidates.size();
  auto p = strongest_paths(s.matrix);
  std::vector<Rational> defeats(n);
  std::vector<Candidate> winners;
  for (std::size_t b = 0; b < n; ++b) {
    std::int64_t count = 0;
    for (std::size_t a = 0; a < n; ++a) {
      if (a == b) continue;
      auto m = s.matrix.margin(static_cast<Candidate>(a), static_cast<Candidate>(b));
      if (m > 0 && m > p[b * n + a]) ++count;
    }
    defeats[b] = count;
    if (count == 0) winners.push_back(static_cast<Candidate>(b));
  }
  Round r = detail::round_of(s.candidates, defeats);
  r.note = "tally = split-cycle defeats suffered";
  s.result.rounds.push_back(std::move(r));
  s.result.ranking = detail::ranking_by_score(s.candidates, defeats, false);
  detail::choose_winners(winners, s.breaker, s.result);
  return std::move(s.result);
}

namespace {

// Every majority, strongest first (equal margins in the order the candidates are listed).
std::vector<Edge> majorities(const Setup& s) {
  std::vector<Edge> edges;
  for (Candidate a : s.candidates) {
    for (Candidate b : s.candidates) {
      if (auto m = s.matrix.margin(a, b); m > 0) edges.push_back({a, b, m});
    }
  }
  std::stable_sort(edges.begin(), edges.end(),
                   [](const Edge& x, const Edge& y) { return x.margin > y.margin; });
  return edges;
}

// Locks the majorities in the given order, skipping any that would close a cycle: the
// candidates nobody beats in the locked graph, and the locked edges as the round's note.
std::vector<Candidate> lock_in_order(const std::vector<Edge>& edges, std::size_t n,
                                     std::string& note) {
  LockedGraph g{n, std::vector<char>(n * n, 0)};
  note = "locked:";
  for (const Edge& e : edges) {
    if (g.try_lock(e.from, e.to)) str_append(&note, " ", e.from, ">", e.to);
  }
  return g.sources();
}

// The winners of every order of equal margins. Orders are explored depth first, remembering
// each (locked graph, edges left) state already seen, so orders that meet again are not followed
// twice; an edge that would close a cycle now always would, so it is dropped without branching.
absl::StatusOr<std::vector<Candidate>> winners_of_every_order(const std::vector<Edge>& edges,
                                                              std::size_t n) {
  std::set<LockedGraph> states = {LockedGraph{n, std::vector<char>(n * n, 0)}};
  std::size_t explored = 0;
  for (std::size_t start = 0; start < edges.size();) {
    std::size_t end = start;
    while (end < edges.size() && edges[end].margin == edges[start].margin) ++end;
    std::set<LockedGraph> next;
    std::set<std::pair<std::vector<char>, std::vector<bool>>> seen;
    std::function<bool(const LockedGraph&, std::vector<bool>)> explore =
        [&](const LockedGraph& g, std::vector<bool> left) {
          for (std::size_t i = start; i < end; ++i) {
            if (left[i - start] && g.reaches(edges[i].to, edges[i].from)) left[i - start] = false;
          }
          if (std::none_of(left.begin(), left.end(), [](bool b) { return b; })) {
            next.insert(g);
            return true;
          }
          if (!seen.emplace(g.reach, left).second) return true;
          if (++explored > kMaxRankedPairsStates) return false;
          for (std::size_t i = start; i < end; ++i) {
            if (!left[i - start]) continue;
            LockedGraph h = g;
            h.try_lock(edges[i].from, edges[i].to);
            auto rest = left;
            rest[i - start] = false;
            if (!explore(h, std::move(rest))) return false;
          }
          return true;
        };
    for (const auto& state : states) {
      if (!explore(state, std::vector<bool>(end - start, true))) {
        return absl::OutOfRangeError(
            str_cat("ranked-pairs: equal margins allow more than ", kMaxRankedPairsStates,
                    " partial orders to explore; choose a tie-break policy other than report"));
      }
    }
    states = std::move(next);
    start = end;
  }
  std::set<Candidate> all;
  for (const auto& state : states) {
    for (Candidate c : state.sources()) all.insert(c);
  }
  return std::vector<Candidate>(all.begin(), all.end());
}

}  // namespace

absl::StatusOr<Result> ranked_pairs(const Profile& profile, const Options& options) {
  PARTICIPA_ASSIGN_OR_RETURN(Setup s, setup(profile, options, "ranked-pairs"));
  const std::size_t n = s.candidates.size();
  std::vector<Edge> edges = majorities(s);
  bool equal_margins = false;
  for (std::size_t i = 1; i < edges.size(); ++i) {
    equal_margins = equal_margins || edges[i].margin == edges[i - 1].margin;
  }
  std::vector<Candidate> winners;
  Round r;
  if (!s.breaker.reports() || !equal_margins) {
    if (equal_margins) {
      // Equal margins in the tie-break's order of their candidates.
      auto order = s.breaker.order(s.candidates, TiePurpose::kRanking, 0, {});
      std::vector<std::size_t> precedence(n);
      for (std::size_t i = 0; i < n; ++i) precedence[order[i]] = i;
      std::stable_sort(edges.begin(), edges.end(), [&](const Edge& x, const Edge& y) {
        if (x.margin != y.margin) return x.margin > y.margin;
        if (x.from != y.from) return precedence[x.from] < precedence[y.from];
        return precedence[x.to] < precedence[y.to];
      });
    }
    winners = lock_in_order(edges, n, r.note);
  } else {
    PARTICIPA_ASSIGN_OR_RETURN(winners, winners_of_every_order(edges, n));
  }
  s.result.rounds.push_back(std::move(r));
  if (winners.size() > 1 && s.breaker.reports()) {
    s.result.winners = winners;
    s.result.tied_winners = true;
    s.breaker.record_unbroken(winners, TiePurpose::kWinner, 0);
    s.result.ties = s.breaker.ties();
  } else {
    detail::choose_winners(winners, s.breaker, s.result);
  }
  return std::move(s.result);
}

absl::StatusOr<Result> smith_set(const Profile& profile, const Options& options) {
  PARTICIPA_ASSIGN_OR_RETURN(Setup s, setup(profile, options, "smith-set"));
  auto smith = smith_set_of(s.matrix);
  s.result.rounds.push_back(Round{});
  detail::choose_winners(smith, s.breaker, s.result);
  return std::move(s.result);
}

absl::StatusOr<Result> condorcet(const Profile& profile, const Options& options) {
  PARTICIPA_ASSIGN_OR_RETURN(Setup s, setup(profile, options, "condorcet"));
  auto winner = s.matrix.condorcet_winner();
  s.result.rounds.push_back(Round{});
  std::vector<Candidate> winners =
      winner >= 0 ? std::vector<Candidate>{static_cast<Candidate>(winner)} : s.candidates;
  detail::choose_winners(winners, s.breaker, s.result);
  return std::move(s.result);
}

}  // namespace participa::tally
