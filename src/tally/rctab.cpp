#include "participa/tally/rctab.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"

namespace participa::tally::rctab {
namespace {

BigInt pow10(int places) {
  BigInt p = 1;
  for (int i = 0; i < places; ++i) p *= 10;
  return p;
}

// Truncate toward zero at `places` decimal digits (RCTab's RoundingMode.DOWN on positives).
Rational truncate(const Rational& value, int places) {
  BigInt scale = pow10(places);
  BigInt scaled = numerator(value) * scale / denominator(value);
  return Rational(scaled, scale);
}

// Round up at `places` digits (RoundingMode.UP on positives).
Rational round_up(const Rational& value, int places) {
  BigInt scale = pow10(places);
  BigInt num = numerator(value) * scale;
  BigInt q = num / denominator(value);
  if (q * denominator(value) != num) q += 1;
  return Rational(q, scale);
}

// java.util.Random, as its API specification defines it: a 48-bit linear congruential
// generator. RCTab draws random tie-breaks from it.
class JavaRandom {
 public:
  explicit JavaRandom(std::int64_t seed)
      : seed_((static_cast<std::uint64_t>(seed) ^ 0x5DEECE66Dull) & kMask) {}
  // next_int(bound) — uniform in [0, bound), as Random.nextInt(int) specifies.
  std::size_t next_int(std::int32_t bound) {
    if ((bound & -bound) == bound) {
      return static_cast<std::size_t>(
          (static_cast<std::int64_t>(bound) * static_cast<std::int64_t>(next(31))) >> 31);
    }
    while (true) {
      auto bits = static_cast<std::int32_t>(next(31));
      std::int32_t value = bits % bound;
      // Java's int arithmetic: reject when bits - value + (bound - 1) overflows.
      if (static_cast<std::int64_t>(bits) - value + (bound - 1) <= INT32_MAX) {
        return static_cast<std::size_t>(value);
      }
    }
  }
  double next_double() {
    std::uint64_t hi = next(26), lo = next(27);
    return static_cast<double>((hi << 27) + lo) * 0x1.0p-53;
  }

 private:
  static constexpr std::uint64_t kMask = (std::uint64_t{1} << 48) - 1;
  std::uint64_t next(int bits) {
    seed_ = (seed_ * 0x5DEECE66Dull + 0xBull) & kMask;
    return seed_ >> (48 - bits);
  }
  std::uint64_t seed_;
};

enum class Status { kContinuing, kEliminated, kWinner, kExcluded };

// Transfers observed while counting round r + 1, by round and source candidate; shown with
// round r's actions.
using Transfers = std::map<int, std::map<Candidate, std::vector<std::pair<Target, Rational>>>>;

struct RecordState {
  std::int64_t recipient = -1;
  bool active = true;
  Inactive reason = Inactive::kExhaustedChoices;
  // Value still carried: 1 minus what winners kept.
  Rational value = 1;
  // Value each winner kept from this record.
  std::vector<std::pair<Candidate, Rational>> kept;
};

class Tabulation {
 public:
  Tabulation(const Records& records, const Rules& rules, std::vector<bool> excluded)
      : records_(records), rules_(rules), random_(rules.random_seed) {
    const std::size_t n = records.candidates().size();
    status_.assign(n, Status::kContinuing);
    for (std::size_t c = 0; c < n; ++c) {
      if (excluded[c]) status_[c] = Status::kExcluded;
    }
    states_.resize(records.num_distinct());
    for (std::size_t c = 0; c < n; ++c) permutation_.push_back(static_cast<Candidate>(c));
    if (rules.tie_break == TieBreakPolicy::kGeneratePermutation) shuffle_permutation();
    if (rules.by_precinct || rules.by_batch) {
      const auto precincts = static_cast<std::int64_t>(slices_.size());
      if (rules.by_precinct) {
        for (const auto& name : records.precincts())
          slices_.push_back({{false, name, {}, {}, {}}, {}});
      }
      const auto batches = static_cast<std::int64_t>(slices_.size());
      if (rules.by_batch) {
        for (const auto& name : records.batches())
          slices_.push_back({{true, name, {}, {}, {}}, {}});
      }
      slice_of_.resize(records.num_distinct());
      for (std::size_t i = 0; i < records.num_distinct(); ++i) {
        slice_of_[i] = {rules.by_precinct ? precincts + records.precinct(i) : -1,
                        rules.by_batch ? batches + records.batch(i) : -1};
      }
    }
  }

  absl::StatusOr<Result> run();

 private:
  bool continuing(Candidate c) const {
    if (c >= status_.size()) return false;
    return status_[c] == Status::kContinuing ||
           (status_[c] == Status::kWinner && rules_.continue_until_two_remain);
  }
  // Candidates that can be counted at all: every one not excluded by the contest.
  int eligible_candidates() const {
    return static_cast<int>(std::count_if(status_.begin(), status_.end(),
                                          [](Status s) { return s != Status::kExcluded; }));
  }
  int seats() const { return rules_.mode == WinnerMode::kBottomsUpPercentage ? 0 : rules_.seats; }
  bool uses_surplus() const {
    return rules_.seats > 1 && rules_.mode != WinnerMode::kBottomsUp &&
           rules_.mode != WinnerMode::kBottomsUpPercentage;
  }
  bool should_continue() const;
  absl::Status count_round(Round& round);
  // What one rank of a record does: its first continuing candidate counts (kRead; a rank with
  // none is passed), it makes the record an overvote, or it is skipped.
  enum class RankAction { kRead, kOvervote, kSkip };
  absl::StatusOr<RankAction> rank_action(std::span<const Candidate> group) const;
  // place(i, ...) — record i, counting for nobody still continuing, read from its first rank:
  // counted for its first continuing candidate, or made inactive with RCTab's reason.
  absl::Status place(std::size_t i, Round& round, std::vector<Rational>& tally, bool final_round,
                     std::vector<bool>& seen);
  void select(std::size_t i, std::int64_t to, Inactive reason, Round& round,
              std::vector<Rational>& tally, bool final_round);
  Rational threshold_for(const Rational& active) const;
  void set_threshold(Round& round) const;
  void seat(Round& round, const std::vector<Candidate>& winners);
  bool eliminates() const;
  absl::StatusOr<std::vector<Candidate>> identify_winners(const Round& round);
  absl::StatusOr<std::vector<Candidate>> eliminate(const Round& round);
  absl::StatusOr<Candidate> break_tie(std::vector<Candidate> tied, bool selecting_winner);
  void transfer(int round, std::int64_t from, Target to, const Rational& value);
  void update_winner_tallies(Round& round);
  void shuffle_permutation();

  const Records& records_;
  const Rules& rules_;
  JavaRandom random_;
  std::vector<Status> status_;
  std::vector<RecordState> states_;
  std::vector<Candidate> permutation_;
  std::vector<Round> rounds_;
  std::map<Candidate, int> winner_round_;
  std::map<Candidate, int> eliminated_round_;
  std::vector<Candidate> winners_in_order_;
  Transfers transfers_;

  // The precincts and batches reported apart, and each record's slices among them.
  struct SliceCount {
    Slice slice;
    Transfers transfers;
  };
  std::vector<SliceCount> slices_;
  std::vector<std::vector<std::vector<Allocation>>> allocations_;
  std::vector<std::array<std::int64_t, 2>> slice_of_;
  void count_slices(const Round& round);
  void close_slice_round(const Round& round);
};

void add_transfer(Transfers& transfers, int round, std::int64_t from, Target to,
                  const Rational& value) {
  if (from < 0 || value <= 0) return;
  auto& list = transfers[round][static_cast<Candidate>(from)];
  for (auto& [target, amount] : list) {
    if (target == to) {
      amount += value;
      return;
    }
  }
  list.emplace_back(to, value);
}

// Each action of the rounds with the transfers seen while counting the next round.
void attach_transfers(std::vector<Round>& rounds, const Transfers& transfers) {
  for (Round& round : rounds) {
    auto it = transfers.find(round.number + 1);
    if (it == transfers.end()) continue;
    for (Action& action : round.actions) {
      auto from = it->second.find(action.candidate);
      if (from != it->second.end()) action.transfers = from->second;
    }
  }
}

void Tabulation::shuffle_permutation() {
  // RCTab sorts the candidates by name, then shuffles them with Collections.shuffle.
  std::sort(permutation_.begin(), permutation_.end(), [&](Candidate a, Candidate b) {
    return records_.candidates()[a] < records_.candidates()[b];
  });
  for (std::size_t i = permutation_.size(); i > 1; --i) {
    std::swap(permutation_[i - 1], permutation_[random_.next_int(static_cast<std::int32_t>(i))]);
  }
}

void Tabulation::transfer(int round, std::int64_t from, Target to, const Rational& value) {
  add_transfer(transfers_, round, from, to, value);
}

void Tabulation::select(std::size_t i, std::int64_t to, Inactive reason, Round& round,
                        std::vector<Rational>& tally, bool final_round) {
  RecordState& s = states_[i];
  const Rational amount = s.value * records_.weight(i);
  Target target;
  if (to >= 0) {
    target = {Target::kCandidate, static_cast<Candidate>(to)};
  } else {
    target.kind = Target::kExhausted;
  }
  transfer(round.number, s.recipient, target, amount);
  if (!slices_.empty()) {
    for (std::int64_t k : slice_of_[i]) {
      if (k >= 0) add_transfer(slices_[k].transfers, round.number, s.recipient, target, amount);
    }
  }
  s.recipient = to;
  if (to >= 0) {
    tally[static_cast<std::size_t>(to)] += amount;
    return;
  }
  s.active = false;
  s.reason = final_round ? Inactive::kFinalRoundSurplus : reason;
  round.inactive[static_cast<int>(s.reason)] += amount;
}

absl::StatusOr<Tabulation::RankAction> Tabulation::rank_action(
    std::span<const Candidate> group) const {
  if (std::find(group.begin(), group.end(), kOvervoteMark) != group.end()) {
    if (group.size() != 1) {
      return absl::InvalidArgumentError("a rank holds both an overvote mark and candidates");
    }
    return rules_.overvote == OvervoteRule::kExhaustImmediately ? RankAction::kOvervote
                                                                : RankAction::kSkip;
  }
  if (group.size() > 1) {
    switch (rules_.overvote) {
      case OvervoteRule::kExhaustImmediately:
        return RankAction::kOvervote;
      case OvervoteRule::kAlwaysSkipToNextRank:
        return RankAction::kSkip;
      case OvervoteRule::kExhaustIfMultipleContinuing: {
        int live = 0;
        for (Candidate c : group) live += continuing(c) ? 1 : 0;
        if (live >= 2) return RankAction::kOvervote;
        break;
      }
    }
  }
  return RankAction::kRead;
}

absl::Status Tabulation::place(std::size_t i, Round& round, std::vector<Rational>& tally,
                               bool final_round, std::vector<bool>& seen) {
  const std::size_t n = status_.size();
  auto ranks = records_.ranks(i);
  auto marks = records_.marks(i);
  if (ranks.empty()) {
    select(i, -1, Inactive::kUndervote, round, tally, false);
    return absl::OkStatus();
  }
  const int last_rank = ranks.back();
  int last_seen = 0;
  std::fill(seen.begin(), seen.end(), false);
  std::size_t k = 0;
  while (k < ranks.size()) {
    const int rank = ranks[k];
    std::size_t end = k;
    while (end < ranks.size() && ranks[end] == rank) ++end;
    auto group = marks.subspan(k, end - k);
    k = end;
    if (rules_.max_skipped_ranks && rank - last_seen > *rules_.max_skipped_ranks + 1) {
      select(i, -1, Inactive::kSkippedRankings, round, tally, final_round);
      return absl::OkStatus();
    }
    last_seen = rank;
    if (rules_.exhaust_on_duplicate) {
      bool duplicate = false;
      for (Candidate c : group) {
        if (c < n) {
          if (seen[c]) duplicate = true;
          seen[c] = true;
        }
      }
      if (duplicate) {
        select(i, -1, Inactive::kRepeatedRankings, round, tally, final_round);
        return absl::OkStatus();
      }
    }
    PARTICIPA_ASSIGN_OR_RETURN(RankAction action, rank_action(group));
    if (action == RankAction::kOvervote) {
      select(i, -1, Inactive::kOvervote, round, tally, final_round);
      return absl::OkStatus();
    }
    if (action == RankAction::kRead) {
      auto chosen =
          std::find_if(group.begin(), group.end(), [&](Candidate c) { return continuing(c); });
      if (chosen != group.end()) {
        select(i, *chosen, Inactive::kExhaustedChoices, round, tally, final_round);
        return absl::OkStatus();
      }
    }
    if (rank == last_rank) select(i, -1, Inactive::kExhaustedChoices, round, tally, final_round);
  }
  return absl::OkStatus();
}

absl::Status Tabulation::count_round(Round& round) {
  const std::size_t n = status_.size();
  std::vector<Rational> tally(n);
  // Records moving in the round after every seat is filled carry surplus nobody can receive.
  const bool final_round = uses_surplus() && static_cast<int>(winner_round_.size()) >= rules_.seats;
  std::vector<bool> seen(n);
  for (std::size_t i = 0; i < states_.size(); ++i) {
    RecordState& s = states_[i];
    if (!s.active) {
      round.inactive[static_cast<int>(s.reason)] += s.value * records_.weight(i);
    } else if (s.recipient >= 0 && continuing(static_cast<Candidate>(s.recipient))) {
      tally[static_cast<std::size_t>(s.recipient)] += s.value * records_.weight(i);
    } else if (final_round) {
      // Every seat is filled: surplus leaving a winner has nowhere to go.
      select(i, -1, Inactive::kFinalRoundSurplus, round, tally, final_round);
    } else {
      PARTICIPA_RETURN_IF_ERROR(place(i, round, tally, final_round, seen));
    }
  }
  for (std::size_t c = 0; c < n; ++c) {
    if (continuing(static_cast<Candidate>(c))) {
      round.tally.emplace_back(static_cast<Candidate>(c), tally[c]);
    }
  }
  if (!slices_.empty()) count_slices(round);
  if (rules_.allocations) {
    auto& now = allocations_.emplace_back(states_.size());
    for (std::size_t i = 0; i < states_.size(); ++i) {
      const RecordState& s = states_[i];
      for (const auto& [c, kept] : s.kept) now[i].push_back({c, kept});
      if (s.active && s.recipient >= 0) {
        now[i].push_back({static_cast<Candidate>(s.recipient), s.value});
      }
    }
  }
  return absl::OkStatus();
}

// Every record now counts for a continuing candidate or is inactive: each slice's round is the
// sum over its records.
void Tabulation::count_slices(const Round& round) {
  const std::size_t n = status_.size();
  std::vector<std::vector<Rational>> tallies(slices_.size(), std::vector<Rational>(n));
  std::vector<Round> rounds(slices_.size());
  for (std::size_t i = 0; i < states_.size(); ++i) {
    const RecordState& s = states_[i];
    const Rational amount = s.value * records_.weight(i);
    for (std::int64_t k : slice_of_[i]) {
      if (k < 0) continue;
      if (!s.active) {
        rounds[k].inactive[static_cast<int>(s.reason)] += amount;
      } else if (s.recipient >= 0) {
        tallies[k][static_cast<std::size_t>(s.recipient)] += amount;
      }
    }
  }
  for (std::size_t k = 0; k < slices_.size(); ++k) {
    rounds[k].number = round.number;
    for (const auto& [c, unused] : round.tally) rounds[k].tally.emplace_back(c, tallies[k][c]);
    slices_[k].slice.rounds.push_back(std::move(rounds[k]));
  }
}

// The round's decisions, and the votes of winners no longer counting: what their records kept
// when they won in the previous round, else as before. Nothing is capped at a threshold.
void Tabulation::close_slice_round(const Round& round) {
  const bool winner_tallies = rules_.seats > 1 && round.number > 1;
  // What each slice's records kept for each winner, summed in one pass over the records.
  std::vector<std::map<Candidate, Rational>> kept_in(slices_.size());
  if (winner_tallies) {
    for (std::size_t i = 0; i < states_.size(); ++i) {
      for (const auto& [c, kept] : states_[i].kept) {
        for (std::int64_t k : slice_of_[i]) {
          if (k >= 0) kept_in[k][c] += kept * records_.weight(i);
        }
      }
    }
  }
  for (std::size_t k = 0; k < slices_.size(); ++k) {
    std::vector<Round>& rounds = slices_[k].slice.rounds;
    Round& mine = rounds.back();
    for (const Action& action : round.actions)
      mine.actions.push_back({action.elected, action.candidate, {}});
    if (!winner_tallies) continue;
    for (Candidate w : winners_in_order_) {
      const int won = winner_round_[w];
      if (won == round.number) continue;
      Rational votes;
      if (won == round.number - 1) {
        votes = kept_in[k][w];
      } else {
        for (const auto& [c, v] : rounds[rounds.size() - 2].tally) {
          if (c == w) votes = v;
        }
      }
      mine.tally.emplace_back(w, votes);
    }
    std::sort(mine.tally.begin(), mine.tally.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
  }
}

Rational Tabulation::threshold_for(const Rational& active) const {
  Rational threshold;
  if (rules_.mode == WinnerMode::kBottomsUpPercentage) {
    threshold = active * rules_.bottoms_up_share;
  } else {
    const int divisor = rules_.hare_quota ? rules_.seats : rules_.seats + 1;
    const int places = rules_.non_integer_threshold ? rules_.decimal_places : 0;
    if (rules_.hare_quota) {
      threshold = round_up(active / divisor, places);
    } else {
      threshold = truncate(active / divisor, places) + Rational(1, pow10(places));
    }
  }
  if (rules_.minimum_vote_threshold > 0 && rules_.minimum_vote_threshold > threshold) {
    threshold = rules_.minimum_vote_threshold;
  }
  return threshold;
}

bool Tabulation::should_continue() const {
  const int round = static_cast<int>(rounds_.size());
  const int eliminated = static_cast<int>(eliminated_round_.size());
  const int winners = static_cast<int>(winner_round_.size());
  if (rules_.stop_after_round > 0 && round >= rules_.stop_after_round) return false;
  if (rules_.continue_until_two_remain) {
    bool eliminated_now = false;
    for (const auto& [c, r] : eliminated_round_) eliminated_now = eliminated_now || r == round;
    return eliminated + winners + 1 < eligible_candidates() || eliminated_now;
  }
  if (rules_.mode == WinnerMode::kBottomsUpPercentage) return winners == 0;
  bool won_now = false;
  for (const auto& [c, r] : winner_round_) won_now = won_now || r == round;
  return winners < rules_.seats || (rules_.seats > 1 && won_now && uses_surplus());
}

absl::StatusOr<Candidate> Tabulation::break_tie(std::vector<Candidate> tied,
                                                bool selecting_winner) {
  const auto& names = records_.candidates();
  std::sort(tied.begin(), tied.end(),
            [&](Candidate a, Candidate b) { return names[a] < names[b]; });
  auto random_pick = [&](const std::vector<Candidate>& among) {
    double x = random_.next_double();
    return among[static_cast<std::size_t>(x * static_cast<double>(among.size()))];
  };
  switch (rules_.tie_break) {
    case TieBreakPolicy::kCandidateOrder:
    case TieBreakPolicy::kGeneratePermutation: {
      if (selecting_winner) {
        for (Candidate c : permutation_) {
          if (std::find(tied.begin(), tied.end(), c) != tied.end()) return c;
        }
      } else {
        for (auto it = permutation_.rbegin(); it != permutation_.rend(); ++it) {
          if (std::find(tied.begin(), tied.end(), *it) != tied.end()) return *it;
        }
      }
      return tied.front();
    }
    case TieBreakPolicy::kRandom:
      return random_pick(tied);
    case TieBreakPolicy::kStopCountingAndAsk:
      break;
    case TieBreakPolicy::kPreviousRoundsThenRandom:
    case TieBreakPolicy::kPreviousRoundsThenAsk: {
      std::vector<Candidate> contention = tied;
      for (int r = static_cast<int>(rounds_.size()) - 1; r >= 1 && contention.size() > 1; --r) {
        const Round& previous = rounds_[static_cast<std::size_t>(r - 1)];
        std::optional<Rational> best;
        std::vector<Candidate> next;
        for (Candidate c : contention) {
          Rational v;
          for (const auto& [cand, votes] : previous.tally) {
            if (cand == c) v = votes;
          }
          bool better = !best || (selecting_winner ? v > *best : v < *best);
          if (better) {
            best = v;
            next = {c};
          } else if (v == *best) {
            next.push_back(c);
          }
        }
        contention = next;
      }
      if (contention.size() == 1) return contention.front();
      if (rules_.tie_break == TieBreakPolicy::kPreviousRoundsThenRandom)
        return random_pick(contention);
      tied = contention;
      break;
    }
  }
  std::string listed;
  for (Candidate c : tied) str_append(&listed, listed.empty() ? "" : ", ", "'", names[c], "'");
  return absl::FailedPreconditionError(
      str_cat("round ", rounds_.size(), ": a tie between ", listed,
              " must be broken by an operator (tiebreakMode stopCountingAndAsk)"));
}

absl::StatusOr<std::vector<Candidate>> Tabulation::identify_winners(const Round& round) {
  std::vector<Candidate> winners;
  const auto uwi = records_.undeclared_write_in();
  for (const auto& [c, votes] : round.tally) {
    if (uwi && c == *uwi && votes != 0) return winners;
  }
  const std::size_t active_candidates = round.tally.size();
  if (rules_.mode == WinnerMode::kBottomsUpPercentage) {
    std::size_t meeting = 0;
    for (const auto& [c, votes] : round.tally) meeting += votes > round.threshold ? 1 : 0;
    if (meeting == active_candidates) {
      for (const auto& [c, votes] : round.tally) winners.push_back(c);
    }
    return winners;
  }
  const int unfilled = rules_.seats - static_cast<int>(winner_round_.size());
  Rational max_votes;
  for (const auto& [c, votes] : round.tally) max_votes = std::max(max_votes, votes);
  auto with_max = [&] {
    std::vector<Candidate> out;
    for (const auto& [c, votes] : round.tally) {
      if (votes == max_votes) out.push_back(c);
    }
    return out;
  };
  if (unfilled > 0) {
    if (static_cast<int>(active_candidates) == unfilled) {
      for (const auto& [c, votes] : round.tally) winners.push_back(c);
    } else if (rules_.first_round_determines_threshold &&
               static_cast<int>(active_candidates) - 1 == rules_.seats) {
      winners = with_max();
    } else if (rules_.mode != WinnerMode::kBottomsUp) {
      // Ascending by votes, as RCTab lists them.
      std::vector<std::pair<Rational, Candidate>> over;
      for (const auto& [c, votes] : round.tally) {
        if (votes >= round.threshold && !(uwi && c == *uwi)) over.emplace_back(votes, c);
      }
      std::stable_sort(over.begin(), over.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (const auto& [votes, c] : over) winners.push_back(c);
    }
  }
  bool tie_multiple = winners.size() > 1 && (rules_.mode == WinnerMode::kMultiWinnerOnePerRound ||
                                             rules_.first_round_determines_threshold);
  bool all_over_minimum = std::all_of(round.tally.begin(), round.tally.end(), [&](const auto& e) {
    return e.second >= rules_.minimum_vote_threshold;
  });
  bool tie_none = rules_.seats == 1 && winners.empty() && active_candidates == 2 && unfilled == 1 &&
                  all_over_minimum;
  if (tie_multiple || tie_none) {
    winners = with_max();
    if (winners.size() > 1) {
      PARTICIPA_ASSIGN_OR_RETURN(Candidate w, break_tie(winners, /*selecting_winner=*/true));
      winners = {w};
    }
  }
  return winners;
}

absl::StatusOr<std::vector<Candidate>> Tabulation::eliminate(const Round& round) {
  std::vector<Candidate> out;
  const auto uwi = records_.undeclared_write_in();
  for (const auto& [c, votes] : round.tally) {
    if (uwi && c == *uwi && votes > 0) return std::vector<Candidate>{c};
  }
  // Tallies from lowest to highest, candidates grouped by equal tallies.
  std::map<Rational, std::vector<Candidate>> by_votes;
  for (const auto& [c, votes] : round.tally) by_votes[votes].push_back(c);
  if (by_votes.empty()) return absl::FailedPreconditionError("no candidate is left to eliminate");
  const Rational& minimum = rules_.minimum_vote_threshold;
  if (minimum > 0 && by_votes.begin()->first < minimum) {
    for (const auto& [votes, cs] : by_votes) {
      if (votes >= minimum) break;
      out.insert(out.end(), cs.begin(), cs.end());
    }
    std::size_t declared = status_.size() - (uwi ? 1 : 0);
    if (out.size() == declared) {
      return absl::FailedPreconditionError(
          "every declared candidate is below the minimum vote threshold");
    }
    return out;
  }
  if (rules_.batch_elimination) {
    Rational running;
    std::vector<Candidate> seen_so_far, batch, previous;
    std::set<Candidate> done;
    for (const auto& [votes, cs] : by_votes) {
      std::vector<Candidate> extended = batch;
      if (running < votes) {
        for (Candidate c : seen_so_far) {
          if (done.insert(c).second) extended.push_back(c);
        }
      }
      running += votes * static_cast<std::int64_t>(cs.size());
      seen_so_far.insert(seen_so_far.end(), cs.begin(), cs.end());
      if (extended.size() > batch.size()) {
        previous = batch;
        batch = extended;
      }
    }
    if (rules_.continue_until_two_remain &&
        static_cast<int>(batch.size() + eliminated_round_.size()) == eligible_candidates() - 1) {
      batch = previous;
    }
    if (batch.size() > 1) return batch;
  }
  const auto& lowest = by_votes.begin()->second;
  if (lowest.size() == 1) return lowest;
  PARTICIPA_ASSIGN_OR_RETURN(Candidate loser, break_tie(lowest, /*selecting_winner=*/false));
  return std::vector<Candidate>{loser};
}

void Tabulation::update_winner_tallies(Round& round) {
  const int current = round.number;
  for (Candidate w : winners_in_order_) {
    int won = winner_round_[w];
    if (won == current) continue;
    Rational votes;
    if (won == current - 1) {
      for (std::size_t i = 0; i < states_.size(); ++i) {
        for (const auto& [c, kept] : states_[i].kept) {
          if (c == w) votes += kept * records_.weight(i);
        }
      }
      Rational residual = votes - round.threshold;
      if (residual > 0) {
        votes = round.threshold;
        transfer(current, w, Target{Target::kResidualSurplus, 0}, residual);
      }
    } else {
      for (const auto& [c, v] : rounds_.back().tally) {
        if (c == w) votes = v;
      }
    }
    round.tally.emplace_back(w, votes);
  }
  std::sort(round.tally.begin(), round.tally.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
}

// A round's threshold: from its active votes, or, where the rules fix it, the first round's.
void Tabulation::set_threshold(Round& round) const {
  bool recompute = rules_.seats > 1
                       ? round.number == 1
                       : (!rules_.first_round_determines_threshold || round.number == 1);
  if (rules_.mode == WinnerMode::kBottomsUpPercentage) {
    recompute = !rules_.first_round_determines_threshold || round.number == 1;
  }
  if (!recompute) {
    round.threshold = rounds_.back().threshold;
    return;
  }
  Rational active;
  for (const auto& [c, votes] : round.tally) active += votes;
  round.threshold = threshold_for(active);
}

// Seats the round's winners. With surplus transfer, each record counting for a winner keeps the
// winner's share of it and moves the rest on (both truncated as RCTab truncates).
void Tabulation::seat(Round& round, const std::vector<Candidate>& winners) {
  for (Candidate w : winners) {
    winner_round_[w] = round.number;
    winners_in_order_.push_back(w);
    status_[w] = Status::kWinner;
    round.actions.push_back({true, w, {}});
  }
  if (!uses_surplus()) return;
  for (Candidate w : winners) {
    Rational votes;
    for (const auto& [c, v] : round.tally) {
      if (c == w) votes = v;
    }
    Rational extra = votes - round.threshold;
    Rational fraction = extra > 0 ? truncate(extra / votes, rules_.decimal_places) : 0;
    for (RecordState& s : states_) {
      if (!s.active || s.recipient != static_cast<std::int64_t>(w)) continue;
      Rational moving = truncate(s.value * fraction, rules_.decimal_places);
      s.kept.emplace_back(w, s.value - moving);
      s.value = moving;
    }
  }
}

// Whether a round that elected nobody eliminates: seats are left, or the rules go on to two
// candidates or to the percentage threshold.
bool Tabulation::eliminates() const {
  return static_cast<int>(winner_round_.size()) < rules_.seats ||
         (rules_.continue_until_two_remain &&
          static_cast<int>(eliminated_round_.size()) + 2 < eligible_candidates()) ||
         rules_.mode == WinnerMode::kBottomsUpPercentage;
}

// The ballots counted, and the undervotes, as the first round saw them.
void first_round_totals(const std::vector<Round>& rounds, Rational& total, Rational& undervotes) {
  if (rounds.empty()) return;
  const Round& first = rounds.front();
  total = 0;
  for (const auto& [c, v] : first.tally) total += v;
  for (const auto& v : first.inactive) total += v;
  undervotes = first.inactive[static_cast<int>(Inactive::kUndervote)];
}

absl::StatusOr<Result> Tabulation::run() {
  while (should_continue()) {
    Round round;
    round.number = static_cast<int>(rounds_.size()) + 1;
    PARTICIPA_RETURN_IF_ERROR(count_round(round));
    set_threshold(round);
    PARTICIPA_ASSIGN_OR_RETURN(auto winners, identify_winners(round));
    if (!winners.empty()) {
      seat(round, winners);
    } else if (eliminates()) {
      PARTICIPA_ASSIGN_OR_RETURN(auto out, eliminate(round));
      for (Candidate c : out) {
        eliminated_round_[c] = round.number;
        status_[c] = Status::kEliminated;
        round.actions.push_back({false, c, {}});
      }
    }
    if (rules_.seats > 1 && round.number > 1) update_winner_tallies(round);
    if (!slices_.empty()) close_slice_round(round);
    rounds_.push_back(std::move(round));
  }
  // Transfers seen while counting round r + 1 belong to round r's actions.
  attach_transfers(rounds_, transfers_);
  Result report;
  report.candidates = records_.candidates();
  report.rounds = std::move(rounds_);
  report.winners = winners_in_order_;
  report.num_winners = rules_.mode == WinnerMode::kMultiPassIrv ? 1 : seats();
  report.num_candidates = static_cast<int>(records_.candidates().size());
  report.decimal_places = rules_.decimal_places;
  first_round_totals(report.rounds, report.total_ballots, report.undervotes);
  report.allocations = std::move(allocations_);
  for (SliceCount& count : slices_) {
    attach_transfers(count.slice.rounds, count.transfers);
    first_round_totals(count.slice.rounds, count.slice.total_ballots, count.slice.undervotes);
    report.slices.push_back(std::move(count.slice));
  }
  return report;
}

}  // namespace

Records::Records(std::vector<std::string> candidates, std::vector<bool> excluded,
                 bool undeclared_write_in)
    : candidates_(std::move(candidates)), excluded_(std::move(excluded)) {
  excluded_.resize(candidates_.size(), false);
  if (undeclared_write_in) {
    undeclared_ = static_cast<Candidate>(candidates_.size());
    candidates_.emplace_back(kUndeclaredWriteInName);
    excluded_.push_back(false);
  }
}

std::uint32_t Records::Labels::of(const std::string& name) {
  auto [it, inserted] = index.try_emplace(name, static_cast<std::uint32_t>(names.size()));
  if (inserted) names.push_back(name);
  return it->second;
}

absl::Status Records::add(const std::vector<RankMarks>& ranks, std::uint64_t count,
                          const Origin& origin) {
  std::string key;
  int previous = 0;
  for (const auto& rm : ranks) {
    if (rm.rank < 1) return absl::InvalidArgumentError(str_cat("rank ", rm.rank, " is below 1"));
    if (rm.rank <= previous) {
      return absl::InvalidArgumentError(str_cat("rank ", rm.rank, " comes after rank ", previous));
    }
    previous = rm.rank;
    for (Candidate c : rm.marks) {
      if (c != kOvervoteMark && c >= candidates_.size()) {
        return absl::InvalidArgumentError(str_cat("unknown candidate #", c));
      }
      str_append(&key, rm.rank, ":", c, ",");
    }
  }
  // Records of different precincts or batches stay apart, so each can be reported.
  static const std::string kNone;
  const std::string& precinct = keep_precinct_ ? origin.precinct : kNone;
  const std::string& batch = keep_batch_ ? origin.batch : kNone;
  str_append(&key, "|", precinct.size(), ":", precinct, "|", batch);
  total_ += count;
  auto [it, inserted] = index_.try_emplace(key, static_cast<std::uint32_t>(weights_.size()));
  arrivals_.push_back({it->second, count});
  if (!inserted) {
    weights_[it->second] += count;
    return absl::OkStatus();
  }
  for (const auto& rm : ranks) {
    for (Candidate c : rm.marks) {
      ranks_.push_back(rm.rank);
      marks_.push_back(c);
    }
  }
  offsets_.push_back(marks_.size());
  weights_.push_back(count);
  precinct_.push_back(precincts_.of(precinct));
  batch_.push_back(batches_.of(batch));
  return absl::OkStatus();
}

absl::StatusOr<Result> tabulate(const Records& records, const Rules& rules) {
  if (rules.mode == WinnerMode::kMultiPassIrv) {
    return absl::InvalidArgumentError(
        "multi-pass IRV produces one report per pass; use tabulate_passes");
  }
  if (rules.mode != WinnerMode::kBottomsUpPercentage && rules.seats < 1) {
    return absl::InvalidArgumentError(
        str_cat("numberOfWinners must be at least 1, got ", rules.seats));
  }
  if (rules.decimal_places < 1 || rules.decimal_places > 20) {
    return absl::InvalidArgumentError(
        str_cat("decimalPlacesForVoteArithmetic must be 1 to 20, got ", rules.decimal_places));
  }
  Tabulation t(records, rules, records.excluded());
  return t.run();
}

absl::StatusOr<std::vector<Result>> tabulate_passes(const Records& records, const Rules& rules) {
  Rules single = rules;
  single.mode = WinnerMode::kSingleWinnerMajority;
  single.seats = 1;
  std::vector<bool> excluded = records.excluded();
  std::vector<Result> passes;
  for (int pass = 0; pass < rules.seats; ++pass) {
    Tabulation t(records, single, excluded);
    PARTICIPA_ASSIGN_OR_RETURN(Result report, t.run());
    for (Candidate w : report.winners) excluded[w] = true;
    passes.push_back(std::move(report));
  }
  return passes;
}

std::string format_decimal(const Rational& value, int places) {
  if (denominator(value) == 1) return numerator(value).str();
  Rational t = truncate(value, places);
  BigInt scaled = numerator(t) * pow10(places) / denominator(t);
  const bool negative = scaled < 0;
  if (negative) scaled = -scaled;
  const std::string digits = scaled.str();
  const auto p = static_cast<std::size_t>(places);
  const std::string padded =
      digits.size() > p ? digits : std::string(p + 1 - digits.size(), '0') + digits;
  const std::size_t point = padded.size() - p;
  return (negative ? "-" : "") + padded.substr(0, point) + "." + padded.substr(point);
}

}  // namespace participa::tally::rctab
