#include "participa/tally/elimination.hpp"

#include <algorithm>
#include <optional>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/tally/positional.hpp"
#include "tally/counting.hpp"

namespace participa::tally {
namespace {

constexpr std::int32_t kExhausted = -1;
constexpr std::int32_t kTiedTop = -2;

// Where each distinct ballot stands: the start of its highest level holding a continuing
// candidate, and whom it counts for.
struct BallotState {
  std::uint32_t position = 0;
  std::int32_t top = kExhausted;
};

void evaluate(const Profile& profile, std::size_t i, const std::uint8_t* continuing,
              BallotState& state) {
  const auto offsets = profile.offsets();
  const std::size_t begin = offsets[i], size = offsets[i + 1] - begin;
  const Candidate* marks = profile.marks().data() + begin;
  // Without equal ranks the levels are positions: reading them would only cost memory traffic.
  const std::int32_t* levels = profile.values().empty() || !profile.has_equal_ranks()
                                   ? nullptr
                                   : profile.values().data() + begin;
  std::size_t k = state.position;
  while (k < size) {
    if (levels == nullptr || k + 1 == size || levels[k + 1] != levels[k]) {
      // A rank held by one candidate: the common case, one read.
      if (continuing[marks[k]]) {
        state.position = static_cast<std::uint32_t>(k);
        state.top = static_cast<std::int32_t>(marks[k]);
        return;
      }
      ++k;
      continue;
    }
    std::size_t end = k + 1;
    while (end < size && levels[end] == levels[k]) ++end;
    std::int32_t found = kExhausted;
    for (std::size_t j = k; j < end; ++j) {
      if (!continuing[marks[j]]) continue;
      found = found == kExhausted ? static_cast<std::int32_t>(marks[j]) : kTiedTop;
    }
    if (found != kExhausted) {
      state.position = static_cast<std::uint32_t>(k);
      state.top = found;
      return;
    }
    k = end;
  }
  state.position = static_cast<std::uint32_t>(k);
  state.top = kExhausted;
}

// Eliminate `losers` from a round under the tie policy; returns who goes out.
std::vector<Candidate> pick_eliminated(const std::vector<Candidate>& losers, TieBreaker& breaker,
                                       int round, const std::vector<Round>& rounds) {
  if (losers.size() <= 1 || breaker.reports()) {
    if (losers.size() > 1) breaker.record_unbroken(losers, TiePurpose::kElimination, round);
    return losers;
  }
  return {breaker.disfavoured(losers, TiePurpose::kElimination, round, rounds)};
}

// Ranking: the winners, the other candidates still standing by their last tally, then the
// eliminated in reverse order of elimination.
void finish_ranking(Result& result, const std::vector<std::vector<Candidate>>& out_order) {
  result.ranking.clear();
  result.ranking.push_back(result.winners);
  if (!result.rounds.empty()) {
    const Round& last = result.rounds.back();
    std::vector<Candidate> standing;
    std::vector<Rational> votes(result.candidates.size());
    for (const auto& e : last.tally) {
      bool won = std::find(result.winners.begin(), result.winners.end(), e.candidate) !=
                 result.winners.end();
      bool out = std::find(last.eliminated.begin(), last.eliminated.end(), e.candidate) !=
                 last.eliminated.end();
      if (!won && !out) {
        standing.push_back(e.candidate);
        votes[e.candidate] = e.votes;
      }
    }
    for (auto& tier : detail::ranking_by_score(standing, votes)) {
      result.ranking.push_back(std::move(tier));
    }
  }
  for (auto it = out_order.rbegin(); it != out_order.rend(); ++it) {
    std::vector<Candidate> tier;
    for (Candidate c : *it) {
      if (std::find(result.winners.begin(), result.winners.end(), c) == result.winners.end()) {
        tier.push_back(c);
      }
    }
    if (!tier.empty()) result.ranking.push_back(std::move(tier));
  }
}

// Elimination by a per-round score (Baldwin, Nanson, Coombs share the loop).
template <class Step>
absl::StatusOr<Result> eliminate_by(const Profile& profile, const Options& options,
                                    std::string name, Step step) {
  PARTICIPA_RETURN_IF_ERROR(detail::require_ranked(profile, name));
  PARTICIPA_ASSIGN_OR_RETURN(detail::Count begun,
                             detail::begin_count(profile, std::move(name), options));
  auto& [breaker, result] = begun;
  std::vector<bool> continuing(profile.num_candidates(), true);
  std::vector<std::vector<Candidate>> out_order;
  while (true) {
    auto remaining = detail::continuing_list(continuing);
    const int round = static_cast<int>(result.rounds.size());
    // step fills the round and returns either the winners (leaders) or who is eliminated.
    Round r;
    std::vector<Candidate> winners, out;
    step(continuing, remaining, r, winners, out);
    if (winners.empty() && (out.empty() || out.size() == remaining.size())) {
      // Nothing separates the remaining candidates: they tie for the win.
      winners = remaining;
    }
    if (!winners.empty()) {
      result.rounds.push_back(std::move(r));
      detail::choose_winners(winners, breaker, result);
      break;
    }
    out = pick_eliminated(out, breaker, round, result.rounds);
    r.eliminated = out;
    for (Candidate c : out) continuing[c] = false;
    out_order.push_back(out);
    result.rounds.push_back(std::move(r));
  }
  result.ties = breaker.ties();
  finish_ranking(result, out_order);
  return result;
}

// An instant-runoff count. Each distinct ballot remembers whom it counts for, and
// counting_for[c] lists the ballots counting for c, so eliminating c re-reads only those (with
// the ballots tied at the top), prefetched ahead since they are scattered.
class IrvCount {
 public:
  explicit IrvCount(const Profile& profile)
      : profile_(profile),
        n_(profile.num_candidates()),
        continuing_(n_, true),
        live_(n_, 1),
        counting_for_(n_),
        states_(profile.num_distinct()),
        votes_(n_, 0) {}

  // first_count() — every ballot to its highest-ranked candidate.
  void first_count();
  // round(remaining) — the tallies of the continuing candidates, before any elimination.
  Round round(const std::vector<Candidate>& remaining) const;
  // majority_winner(remaining) — the continuing candidate with more than half the active votes.
  std::optional<Candidate> majority_winner(const std::vector<Candidate>& remaining) const;
  // eliminate(out, round) — `out` leave; their ballots move on, recorded as transfers.
  void eliminate(const std::vector<Candidate>& out, Round& round);

  std::vector<Candidate> remaining() const { return detail::continuing_list(continuing_); }
  const std::vector<std::uint64_t>& votes() const { return votes_; }

 private:
  // count(i) — ballot i counted for whom it now counts for.
  void count(std::size_t i);
  // recount(i, moved) — ballot i, which counted for someone eliminated or tied at the top,
  // moved on; the weight moved is added to moved[from][to] (to = n: exhausted).
  void recount(std::size_t i, std::vector<std::uint64_t>& moved);

  const Profile& profile_;
  const std::size_t n_;
  std::vector<bool> continuing_;
  std::vector<std::uint8_t> live_;
  std::vector<std::vector<std::uint32_t>> counting_for_;
  std::vector<std::uint32_t> tied_ballots_, todo_;
  std::vector<BallotState> states_;
  std::vector<std::uint64_t> votes_;
  std::vector<std::uint64_t> moved_;
  std::uint64_t exhausted_ = 0, tied_weight_ = 0;
};

inline void IrvCount::count(std::size_t i) {
  const std::uint64_t w = profile_.weight(i);
  const std::int32_t top = states_[i].top;
  if (top >= 0) {
    votes_[static_cast<std::size_t>(top)] += w;
    counting_for_[static_cast<std::size_t>(top)].push_back(static_cast<std::uint32_t>(i));
  } else if (top == kTiedTop) {
    tied_weight_ += w;
    tied_ballots_.push_back(static_cast<std::uint32_t>(i));
  } else {
    exhausted_ += w;
  }
}

void IrvCount::first_count() {
  for (std::size_t i = 0; i < states_.size(); ++i) {
    evaluate(profile_, i, live_.data(), states_[i]);
    count(i);
  }
}

Round IrvCount::round(const std::vector<Candidate>& remaining) const {
  Round round;
  for (Candidate c : remaining) round.tally.push_back({c, Rational(votes_[c])});
  round.exhausted = exhausted_ + tied_weight_;
  if (tied_weight_ != 0) {
    round.note =
        str_cat(tied_weight_, " ballots rank continuing candidates equal first and count for none");
  }
  return round;
}

std::optional<Candidate> IrvCount::majority_winner(const std::vector<Candidate>& remaining) const {
  std::uint64_t active = 0;
  for (Candidate c : remaining) active += votes_[c];
  for (Candidate c : remaining) {
    if (2 * votes_[c] > active) return c;
  }
  return std::nullopt;
}

inline void IrvCount::recount(std::size_t i, std::vector<std::uint64_t>& moved) {
  BallotState& s = states_[i];
  const std::int32_t from = s.top;
  evaluate(profile_, i, live_.data(), s);
  const std::uint64_t w = profile_.weight(i);
  if (from >= 0) {
    votes_[static_cast<std::size_t>(from)] -= w;
  } else if (s.top != kTiedTop) {
    tied_weight_ -= w;
  } else {
    tied_ballots_.push_back(static_cast<std::uint32_t>(i));  // still tied at the top
    return;
  }
  count(i);
  if (from >= 0 && s.top != kTiedTop) {
    moved[static_cast<std::size_t>(from) * (n_ + 1) +
          (s.top >= 0 ? static_cast<std::size_t>(s.top) : n_)] += w;
  }
}

void IrvCount::eliminate(const std::vector<Candidate>& out, Round& round) {
  for (Candidate c : out) {
    continuing_[c] = false;
    live_[c] = 0;
  }
  moved_.assign(n_ * (n_ + 1), 0);
  todo_.swap(tied_ballots_);
  tied_ballots_.clear();
  for (Candidate c : out) {
    todo_.insert(todo_.end(), counting_for_[c].begin(), counting_for_[c].end());
    counting_for_[c] = {};
  }
  // The ballots to re-read are scattered; fetch a few ahead so memory latency overlaps. Two
  // stages: first the ballot's offset and state, later (once the offset is in cache) its marks
  // and levels.
  constexpr std::size_t kPrefetchDistance = 16;
  const auto offsets = profile_.offsets();
  const Candidate* all_marks = profile_.marks().data();
  const std::int32_t* all_levels =
      profile_.values().empty() || !profile_.has_equal_ranks() ? nullptr : profile_.values().data();
  // recount() does not touch todo_ or states_'s size: read them once.
  const std::uint32_t* todo = todo_.data();
  const std::size_t size = todo_.size();
  const BallotState* states = states_.data();
  for (std::size_t t = 0; t < size; ++t) {
    if (t + 2 * kPrefetchDistance < size) {
      const std::size_t far = todo[t + 2 * kPrefetchDistance];
      __builtin_prefetch(&offsets[far]);
      __builtin_prefetch(&states[far]);
    }
    if (t + kPrefetchDistance < size) {
      const std::size_t at = offsets[todo[t + kPrefetchDistance]];
      __builtin_prefetch(all_marks + at);
      if (all_levels != nullptr) __builtin_prefetch(all_levels + at);
    }
    recount(todo[t], moved_);
  }
  for (Candidate c : out) {
    for (std::size_t to = 0; to <= n_; ++to) {
      const std::uint64_t w = moved_[c * (n_ + 1) + to];
      if (w == 0) continue;
      std::optional<Candidate> target;
      if (to < n_) target = static_cast<Candidate>(to);
      round.transfers.push_back({c, target, Rational(w)});
    }
  }
  round.eliminated = out;
}

}  // namespace

absl::StatusOr<Result> irv(const Profile& profile, const Options& options) {
  PARTICIPA_RETURN_IF_ERROR(detail::require_ranked(profile, "irv"));
  PARTICIPA_ASSIGN_OR_RETURN(detail::Count begun, detail::begin_count(profile, "irv", options));
  auto& [breaker, result] = begun;
  IrvCount counting(profile);
  counting.first_count();
  std::vector<std::vector<Candidate>> out_order;
  while (true) {
    const auto remaining = counting.remaining();
    Round round = counting.round(remaining);
    if (auto winner = counting.majority_winner(remaining)) {
      round.elected = {*winner};
      result.rounds.push_back(std::move(round));
      result.winners = {*winner};
      result.ties = breaker.ties();
      finish_ranking(result, out_order);
      return result;
    }
    std::vector<Rational> tally(profile.num_candidates());
    for (Candidate c : remaining) tally[c] = counting.votes()[c];
    const auto lowest = detail::best(remaining, tally, /*higher_is_better=*/false);
    const bool all_tied = remaining.size() == 1 || lowest.size() == remaining.size();
    if (all_tied && (remaining.size() == 1 || breaker.reports())) {
      result.rounds.push_back(std::move(round));
      detail::choose_winners(remaining, breaker, result);
      finish_ranking(result, out_order);
      return result;
    }
    const int round_number = static_cast<int>(result.rounds.size());
    const auto out = pick_eliminated(lowest, breaker, round_number, result.rounds);
    counting.eliminate(out, round);
    out_order.push_back(out);
    result.rounds.push_back(std::move(round));
  }
}

absl::StatusOr<Result> two_round(const Profile& profile, const Options& options) {
  PARTICIPA_RETURN_IF_ERROR(detail::require_ranked(profile, "two-round"));
  PARTICIPA_ASSIGN_OR_RETURN(detail::Count begun,
                             detail::begin_count(profile, "two-round", options));
  auto& [breaker, result] = begun;
  const std::size_t n = profile.num_candidates();
  std::vector<bool> continuing(n, true);
  auto candidates = detail::all_candidates(profile);
  auto first = detail::count_top_choices(profile, continuing);
  Round r1 = detail::round_of(candidates, first.votes);
  r1.exhausted = first.exhausted + first.tied_top;
  Rational valid;
  for (const auto& v : first.votes) valid += v;
  for (Candidate c : candidates) {
    if (2 * first.votes[c] > valid) {
      r1.elected = {c};
      result.rounds.push_back(std::move(r1));
      result.winners = {c};
      result.ranking = detail::ranking_by_score(candidates, first.votes);
      result.ties = breaker.ties();
      return result;
    }
  }
  // Finalists: the two best; a tie for a place takes every tied candidate under report.
  std::vector<Candidate> finalists;
  auto tiers = detail::ranking_by_score(candidates, first.votes);
  for (const auto& tier : tiers) {
    if (finalists.size() >= 2) break;
    std::size_t room = 2 - finalists.size();
    if (tier.size() <= room || breaker.reports()) {
      if (tier.size() > room) breaker.record_unbroken(tier, TiePurpose::kRanking, 0);
      finalists.insert(finalists.end(), tier.begin(), tier.end());
    } else {
      auto order = breaker.order(tier, TiePurpose::kRanking, 0, result.rounds);
      finalists.insert(finalists.end(), order.begin(),
                       order.begin() + static_cast<std::ptrdiff_t>(room));
    }
  }
  std::fill(continuing.begin(), continuing.end(), false);
  for (Candidate c : finalists) continuing[c] = true;
  for (Candidate c : candidates) {
    if (!continuing[c]) r1.eliminated.push_back(c);
  }
  result.rounds.push_back(std::move(r1));
  auto second = detail::count_top_choices(profile, continuing);
  Round r2 = detail::round_of(finalists, second.votes);
  r2.exhausted = second.exhausted + second.tied_top;
  result.rounds.push_back(std::move(r2));
  detail::choose_winners(detail::best(finalists, second.votes), breaker, result);
  result.ranking = detail::ranking_by_score(finalists, second.votes);
  std::vector<Candidate> rest;
  for (Candidate c : candidates) {
    if (!continuing[c]) rest.push_back(c);
  }
  for (auto& tier : detail::ranking_by_score(rest, first.votes)) result.ranking.push_back(tier);
  return result;
}

absl::StatusOr<Result> coombs(const Profile& profile, const Options& options) {
  const std::size_t n = profile.num_candidates();
  return eliminate_by(
      profile, options, "coombs",
      [&](const std::vector<bool>& continuing, const std::vector<Candidate>& remaining, Round& r,
          std::vector<Candidate>& winners, std::vector<Candidate>& out) {
        auto top = detail::count_top_choices(profile, continuing);
        r = detail::round_of(remaining, top.votes);
        Rational voters(profile.total_weight());
        for (Candidate c : remaining) {
          if (2 * top.votes[c] > voters) {
            winners = {c};
            r.elected = {c};
            return;
          }
        }
        std::vector<Rational> last(n);
        std::vector<bool> ranked(n);
        for (std::size_t i = 0; i < profile.num_distinct(); ++i) {
          BallotView b = profile.ballot(i);
          std::fill(ranked.begin(), ranked.end(), false);
          for (Candidate c : b.marks) ranked[c] = true;
          std::int64_t unranked = -1;
          int unranked_count = 0;
          for (Candidate c : remaining) {
            if (!ranked[c]) {
              ++unranked_count;
              unranked = c;
            }
          }
          if (unranked_count == 1) {
            last[static_cast<std::size_t>(unranked)] += profile.weight(i);
            continue;
          }
          if (unranked_count > 1) continue;
          // Lowest level holding continuing candidates.
          std::int64_t k = static_cast<std::int64_t>(b.marks.size()) - 1;
          while (k >= 0 && !continuing[b.marks[static_cast<std::size_t>(k)]]) --k;
          if (k < 0) continue;
          auto kk = static_cast<std::size_t>(k);
          bool alone = true;
          if (!b.values.empty()) {
            for (std::size_t j = 0; j < kk; ++j) {
              if (b.values[j] == b.values[kk] && continuing[b.marks[j]]) alone = false;
            }
          }
          if (alone) last[b.marks[kk]] += profile.weight(i);
        }
        out = detail::best(remaining, last, /*higher_is_better=*/true);
        r.note = "eliminated: most last places";
      });
}

absl::StatusOr<Result> baldwin(const Profile& profile, const Options& options) {
  return eliminate_by(
      profile, options, "baldwin",
      [&](const std::vector<bool>& continuing, const std::vector<Candidate>& remaining, Round& r,
          std::vector<Candidate>& /*winners*/, std::vector<Candidate>& out) {
        // A lone candidate is its own lowest score: eliminate_by then declares it the winner.
        auto scores = positional_scores(profile, continuing, PositionalScheme::kBorda);
        r = detail::round_of(remaining, scores);
        out = detail::best(remaining, scores, /*higher_is_better=*/false);
      });
}

absl::StatusOr<Result> nanson(const Profile& profile, const Options& options) {
  return eliminate_by(
      profile, options, "nanson",
      [&](const std::vector<bool>& continuing, const std::vector<Candidate>& remaining, Round& r,
          std::vector<Candidate>& winners, std::vector<Candidate>& out) {
        auto scores = positional_scores(profile, continuing, PositionalScheme::kBorda);
        r = detail::round_of(remaining, scores);
        Rational total;
        for (Candidate c : remaining) total += scores[c];
        Rational average = total / static_cast<std::int64_t>(remaining.size());
        r.threshold = average;
        for (Candidate c : remaining) {
          if (scores[c] < average) out.push_back(c);
        }
        if (out.empty()) winners = remaining;
      });
}

absl::StatusOr<Result> bucklin(const Profile& profile, const Options& options) {
  PARTICIPA_RETURN_IF_ERROR(detail::require_ranked(profile, "bucklin"));
  PARTICIPA_ASSIGN_OR_RETURN(detail::Count begun, detail::begin_count(profile, "bucklin", options));
  auto& [breaker, result] = begun;
  const std::size_t n = profile.num_candidates();
  auto candidates = detail::all_candidates(profile);
  std::vector<std::uint64_t> counts(n, 0);
  Rational voters(profile.total_weight());
  for (std::int32_t level = 0; level < static_cast<std::int32_t>(std::max<std::size_t>(n, 1));
       ++level) {
    for (std::size_t i = 0; i < profile.num_distinct(); ++i) {
      BallotView b = profile.ballot(i);
      for (std::size_t k = 0; k < b.marks.size(); ++k) {
        std::int32_t at = b.values.empty() ? static_cast<std::int32_t>(k) : b.values[k];
        if (at == level) counts[b.marks[k]] += profile.weight(i);
      }
    }
    std::vector<Rational> scores(counts.begin(), counts.end());
    Round r = detail::round_of(candidates, scores);
    r.note = str_cat("ranks 1 to ", level + 1);
    result.rounds.push_back(std::move(r));
    bool majority = false;
    for (Candidate c : candidates) majority = majority || 2 * scores[c] > voters;
    if (majority || level + 1 == static_cast<std::int32_t>(n)) {
      result.ranking = detail::ranking_by_score(candidates, scores);
      detail::choose_winners(detail::best(candidates, scores), breaker, result);
      return result;
    }
  }
  detail::choose_winners(candidates, breaker, result);
  return result;
}

}  // namespace participa::tally
