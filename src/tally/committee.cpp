#include "participa/tally/committee.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <optional>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "tally/approval_sets.hpp"
#include "tally/counting.hpp"

namespace participa::tally {
namespace {

using detail::Int128;
using detail::UInt128;

using detail::ApprovalSets;

// The lcm of 1..k fits 64 bits up to k = 40, and scores scaled by it then fit 128 bits.
constexpr int kMaxExactPavSeats = 40;

struct Begun {
  detail::Count count;
  ApprovalSets sets;
};

absl::StatusOr<Begun> begin(const Profile& profile, std::string method, const Options& options) {
  if (options.seats < 1) {
    return absl::InvalidArgumentError(str_cat("seats must be at least 1, got ", options.seats));
  }
  // A profile without ballots is refused first, as by every method.
  PARTICIPA_ASSIGN_OR_RETURN(detail::Count count, detail::begin_count(profile, method, options));
  PARTICIPA_ASSIGN_OR_RETURN(ApprovalSets sets, detail::approval_sets(profile, method));
  if (static_cast<std::size_t>(options.seats) > profile.num_candidates()) {
    return absl::OutOfRangeError(str_cat(method, ": seats=", options.seats, " exceeds the ",
                                         profile.num_candidates(), " candidates"));
  }
  return Begun{std::move(count), std::move(sets)};
}

// binomial(n, k), or nullopt once it passes `cap`.
std::optional<std::uint64_t> binomial_up_to(std::uint64_t n, std::uint64_t k, std::uint64_t cap) {
  k = std::min(k, n - k);
  UInt128 value = 1;
  for (std::uint64_t i = 1; i <= k; ++i) {
    value = value * (n - k + i) / i;
    if (value > cap) return std::nullopt;
  }
  return static_cast<std::uint64_t>(value);
}

// ---- Exact Thiele rules -------------------------------------------------------------------

// ThieleSearch — every committee of `seats`, scored Σ_ballots weight · Σ_{j < approved} gain[j]
// (gain scaled to integers), walked depth first so that adding or removing one member updates
// only the ballots approving it.
class ThieleSearch {
 public:
  ThieleSearch(const ApprovalSets& sets, int seats, std::vector<Int128> gain)
      : sets_(sets),
        seats_(static_cast<std::size_t>(seats)),
        gain_(std::move(gain)),
        seated_(sets.weight.size(), 0),
        in_committee_(sets.num_candidates, false) {}

  // First pass: the best score, how many committees reach it, which candidates are in all or
  // some of them, and each candidate's best score.
  void survey() {
    best_with_.assign(sets_.num_candidates, std::numeric_limits<Int128>::min());
    in_all_.assign(sets_.num_candidates, true);
    in_some_.assign(sets_.num_candidates, false);
    walk(0, 0, [this](Int128 score) {
      for (Candidate c : members_) best_with_[c] = std::max(best_with_[c], score);
      if (optimal_count_ == 0 || score > best_) {
        best_ = score;
        optimal_count_ = 0;
        std::fill(in_all_.begin(), in_all_.end(), true);
        std::fill(in_some_.begin(), in_some_.end(), false);
      }
      if (score < best_) return;
      ++optimal_count_;
      for (std::size_t c = 0; c < sets_.num_candidates; ++c) {
        in_all_[c] = in_all_[c] && in_committee_[c];
        in_some_[c] = in_some_[c] || in_committee_[c];
      }
    });
  }

  // Second pass: the optimal committee whose members, ranked by `rank` (0 most favoured),
  // sorted, come first lexicographically.
  std::vector<Candidate> favoured_optimal(const std::vector<std::uint32_t>& rank) {
    std::vector<std::uint32_t> best_key;
    std::vector<Candidate> chosen;
    walk(0, 0, [&](Int128 score) {
      if (score != best_) return;
      std::vector<std::uint32_t> key;
      for (Candidate c : members_) key.push_back(rank[c]);
      std::sort(key.begin(), key.end());
      if (chosen.empty() || key < best_key) {
        best_key = std::move(key);
        chosen = members_;
      }
    });
    return chosen;
  }

  Int128 best() const { return best_; }
  std::uint64_t optimal_count() const { return optimal_count_; }
  const std::vector<Int128>& best_with() const { return best_with_; }
  const std::vector<bool>& in_all() const { return in_all_; }
  const std::vector<bool>& in_some() const { return in_some_; }

 private:
  template <typename Visit>
  void walk(std::size_t first, Int128 score, const Visit& visit) {
    if (members_.size() == seats_) {
      visit(score);
      return;
    }
    const std::size_t last = sets_.num_candidates - (seats_ - members_.size());
    for (std::size_t c = first; c <= last; ++c) {
      Int128 added = 0;
      for (std::uint32_t i : sets_.approvers[c]) {
        added += static_cast<Int128>(sets_.weight[i]) * gain_[seated_[i]];
        ++seated_[i];
      }
      members_.push_back(static_cast<Candidate>(c));
      in_committee_[c] = true;
      walk(c + 1, score + added, visit);
      in_committee_[c] = false;
      members_.pop_back();
      for (std::uint32_t i : sets_.approvers[c]) --seated_[i];
    }
  }

  const ApprovalSets& sets_;
  std::size_t seats_;
  std::vector<Int128> gain_;  // gain_[j]: a ballot's gain from its (j+1)-th approved member
  std::vector<std::uint32_t> seated_;
  std::vector<Candidate> members_;
  std::vector<bool> in_committee_;
  Int128 best_ = 0;
  std::uint64_t optimal_count_ = 0;
  std::vector<Int128> best_with_;
  std::vector<bool> in_all_, in_some_;
};

absl::StatusOr<Result> exact_thiele(const Profile& profile, const Options& options,
                                    std::string name, bool proportional) {
  PARTICIPA_ASSIGN_OR_RETURN(Begun begun, begin(profile, name, options));
  const ApprovalSets& sets = begun.sets;
  TieBreaker& breaker = begun.count.breaker;
  Result& result = begun.count.result;
  if (proportional && options.seats > kMaxExactPavSeats) {
    return absl::InvalidArgumentError(str_cat(name, " examines committees of at most ",
                                              kMaxExactPavSeats, " seats; use sequential-pav for ",
                                              options.seats));
  }
  const auto committees = binomial_up_to(
      sets.num_candidates, static_cast<std::uint64_t>(options.seats), kMaxExactCommittees);
  if (!committees) {
    return absl::InvalidArgumentError(str_cat(name, ": choosing ", options.seats, " of ",
                                              sets.num_candidates, " candidates gives more than ",
                                              kMaxExactCommittees,
                                              " committees to examine; use the sequential rule"));
  }
  // PAV's gains 1/j share the denominator lcm(1..seats); CC's are 1 then 0.
  std::uint64_t scale = 1;
  std::vector<Int128> gain(static_cast<std::size_t>(options.seats) + 1, 0);
  if (proportional) {
    for (std::uint64_t j = 1; j <= static_cast<std::uint64_t>(options.seats); ++j)
      scale = std::lcm(scale, j);
    for (std::size_t j = 0; j < gain.size(); ++j) gain[j] = static_cast<Int128>(scale / (j + 1));
  } else {
    gain[0] = 1;
  }
  ThieleSearch search(sets, options.seats, std::move(gain));
  search.survey();

  const Rational denominator(scale);
  Round round;
  for (std::size_t c = 0; c < sets.num_candidates; ++c) {
    round.tally.push_back(
        {static_cast<Candidate>(c), detail::rational_of(search.best_with()[c]) / denominator});
  }
  round.threshold = detail::rational_of(search.best()) / denominator;
  round.note = str_cat(search.optimal_count(), " of ", *committees, " committees reach the best ",
                       proportional ? "PAV score" : "number of represented voters",
                       "; tally = best score of a committee with the candidate");
  std::vector<Candidate> contested, winners;
  for (std::size_t c = 0; c < sets.num_candidates; ++c) {
    if (search.in_some()[c] && !search.in_all()[c]) contested.push_back(static_cast<Candidate>(c));
    if (search.in_all()[c]) winners.push_back(static_cast<Candidate>(c));
  }
  if (contested.empty()) {
    result.winners = winners;
  } else if (breaker.reports()) {
    breaker.record_unbroken(contested, TiePurpose::kWinner, 0);
    for (std::size_t c = 0; c < sets.num_candidates; ++c) {
      if (search.in_some()[c]) result.winners.push_back(static_cast<Candidate>(c));
    }
    result.tied_winners = true;
  } else {
    std::vector<std::uint32_t> rank(sets.num_candidates, 0);
    const auto order = breaker.order(contested, TiePurpose::kWinner, 0, result.rounds);
    for (std::size_t r = 0; r < order.size(); ++r) rank[order[r]] = static_cast<std::uint32_t>(r);
    result.winners = search.favoured_optimal(rank);
  }
  round.elected = result.winners;
  result.rounds.push_back(std::move(round));
  result.ties = breaker.ties();
  return result;
}

// ---- Sequential rules ---------------------------------------------------------------------

// take_seat(leaders, ...) — who takes the next seat among `leaders`, tied for the best value:
// the tie-break's favourite, or every one of them under the report policy.
std::vector<Candidate> take_seat(const std::vector<Candidate>& leaders, int round,
                                 TieBreaker& breaker, Result& result) {
  if (leaders.size() == 1) return leaders;
  if (breaker.reports()) {
    breaker.record_unbroken(leaders, TiePurpose::kWinner, round);
    return leaders;
  }
  return {breaker.favoured(leaders, TiePurpose::kWinner, round, result.rounds)};
}

// seat(taking, ...) — seats `taking`; `note` explains the round. Under the report policy a tie
// seats every tied candidate and ends the count, since which of them takes the seat changes every
// later round: the winners are then the seats filled and the tied candidates.
void seat(const std::vector<Candidate>& taking, std::vector<bool>& continuing, Round& round,
          Result& result, std::string note) {
  for (Candidate c : taking) {
    continuing[c] = false;
    result.winners.push_back(c);
  }
  round.elected = taking;
  round.note = std::move(note);
  if (taking.size() > 1) {
    result.tied_winners = true;
    round.note += "; a tie, reported: the count stops here";
  }
}

absl::StatusOr<Result> sequential_thiele(const Profile& profile, const Options& options,
                                         std::string name, bool proportional) {
  PARTICIPA_ASSIGN_OR_RETURN(Begun begun, begin(profile, name, options));
  const ApprovalSets& sets = begun.sets;
  TieBreaker& breaker = begun.count.breaker;
  Result& result = begun.count.result;
  const std::size_t m = sets.num_candidates;
  std::vector<std::uint32_t> seated(sets.weight.size(), 0);
  std::vector<bool> continuing(m, true);
  // Gains with a common denominator: PAV's ballot with s members seated gains 1/(s+1), which is
  // scale/(s+1) over scale = lcm(1..round+1).
  BigInt scale = 1;
  std::vector<std::uint64_t> by_seated;
  while (result.winners.size() < static_cast<std::size_t>(options.seats) && !result.tied_winners) {
    const int r = static_cast<int>(result.rounds.size());
    if (proportional) scale = boost::multiprecision::lcm(scale, BigInt(r + 1));
    std::vector<Candidate> candidates;
    std::vector<BigInt> gain(m);
    std::vector<Rational> shown(m);
    for (std::size_t c = 0; c < m; ++c) {
      if (!continuing[c]) continue;
      candidates.push_back(static_cast<Candidate>(c));
      by_seated.assign(static_cast<std::size_t>(r) + 1, 0);
      for (std::uint32_t i : sets.approvers[c]) by_seated[seated[i]] += sets.weight[i];
      if (proportional) {
        for (std::size_t s = 0; s < by_seated.size(); ++s) {
          if (by_seated[s] == 0) continue;
          gain[c] += BigInt(by_seated[s]) * (scale / (s + 1));
        }
      } else {
        gain[c] = BigInt(by_seated[0]);
      }
      shown[c] = Rational(gain[c], proportional ? scale : BigInt(1));
    }
    Round round = detail::round_of(candidates, shown);
    std::vector<Candidate> leaders;
    for (Candidate c : candidates) {
      if (leaders.empty() || gain[c] > gain[leaders.front()]) {
        leaders.assign(1, c);
      } else if (gain[c] == gain[leaders.front()]) {
        leaders.push_back(c);
      }
    }
    const auto taking = take_seat(leaders, r, breaker, result);
    for (Candidate c : taking) {
      for (std::uint32_t i : sets.approvers[c]) ++seated[i];
    }
    seat(taking, continuing, round, result,
         str_cat("seat ", result.winners.size() + 1,
                 ": tally = ", proportional ? "PAV score added" : "voters newly represented"));
    result.rounds.push_back(std::move(round));
  }
  result.ties = breaker.ties();
  return result;
}

// Classes — ballots sharing a value (a load, a budget): ballots move between classes as seats
// are filled, and sums over a candidate's approvers take one rational product per class.
struct Classes {
  std::vector<Rational> value;
  std::vector<std::uint32_t> of_ballot;
};

// approver_weights(sets, classes, c) — (class, weight of c's approvers in it), classes in
// increasing order of their index.
std::vector<std::pair<std::uint32_t, std::uint64_t>> approver_weights(
    const ApprovalSets& sets, const Classes& classes, Candidate c,
    std::vector<std::uint64_t>& scratch) {
  scratch.assign(classes.value.size(), 0);
  for (std::uint32_t i : sets.approvers[c]) scratch[classes.of_ballot[i]] += sets.weight[i];
  std::vector<std::pair<std::uint32_t, std::uint64_t>> out;
  for (std::size_t k = 0; k < scratch.size(); ++k) {
    if (scratch[k] > 0) out.emplace_back(static_cast<std::uint32_t>(k), scratch[k]);
  }
  return out;
}

// move_approvers(sets, classes, c, next) — every ballot approving c moves to the class holding
// next(its old value); classes created once per old class.
template <typename Next>
void move_approvers(const ApprovalSets& sets, Classes& classes, Candidate c, const Next& next) {
  std::vector<std::optional<std::uint32_t>> moved(classes.value.size());
  for (std::uint32_t i : sets.approvers[c]) {
    const std::uint32_t old = classes.of_ballot[i];
    if (!moved[old]) {
      moved[old] = static_cast<std::uint32_t>(classes.value.size());
      classes.value.push_back(next(classes.value[old]));
    }
    classes.of_ballot[i] = *moved[old];
  }
}

// phragmen_seats — fills the seats left by sequential Phragmén from `loads`.
void phragmen_seats(const ApprovalSets& sets, Classes& loads, int seats,
                    std::vector<bool>& continuing, TieBreaker& breaker, Result& result,
                    std::string_view label) {
  const std::size_t m = sets.num_candidates;
  std::vector<std::uint64_t> scratch;
  while (result.winners.size() < static_cast<std::size_t>(seats) && !result.tied_winners) {
    const int r = static_cast<int>(result.rounds.size());
    std::vector<Candidate> candidates, unapproved;
    std::vector<Rational> load(m);
    for (std::size_t c = 0; c < m; ++c) {
      if (!continuing[c]) continue;
      const auto cand = static_cast<Candidate>(c);
      if (sets.approver_weight[c] == 0) {
        unapproved.push_back(cand);
        continue;
      }
      candidates.push_back(cand);
      Rational total = 1;
      for (const auto& [k, w] : approver_weights(sets, loads, cand, scratch))
        total += loads.value[k] * w;
      load[c] = total / sets.approver_weight[c];
    }
    Round round = detail::round_of(candidates, load);
    // A candidate nobody approves takes a seat only when every approved one is seated.
    const auto leaders = candidates.empty() ? unapproved : detail::best(candidates, load, false);
    const auto taking = take_seat(leaders, r, breaker, result);
    for (Candidate c : taking) {
      if (sets.approver_weight[c] == 0) continue;
      const Rational new_load = load[c];
      move_approvers(sets, loads, c, [&](const Rational&) { return new_load; });
    }
    seat(taking, continuing, round, result,
         str_cat("seat ", result.winners.size() + 1, label,
                 candidates.empty() ? ": no continuing candidate is approved"
                                    : ": tally = approvers' load after taking the seat"));
    result.rounds.push_back(std::move(round));
  }
}

// price(sets, budgets, c) — the least ρ with Σ_approvers weight · min(budget, ρ) = 1, or
// nullopt when c's approvers hold less than 1.
std::optional<Rational> price(const ApprovalSets& sets, const Classes& budgets, Candidate c,
                              std::vector<std::uint64_t>& scratch) {
  auto held = approver_weights(sets, budgets, c, scratch);
  Rational total = 0;
  for (const auto& [k, w] : held) total += budgets.value[k] * w;
  if (total < 1) return std::nullopt;
  std::sort(held.begin(), held.end(), [&](const auto& a, const auto& b) {
    return budgets.value[a.first] < budgets.value[b.first];
  });
  Rational owed = 1;
  std::uint64_t paying = sets.approver_weight[c];
  for (const auto& [k, w] : held) {
    // Every approver still paying can give ρ = owed / paying unless this class holds less.
    if (budgets.value[k] * paying >= owed) return owed / paying;
    owed -= budgets.value[k] * w;
    paying -= w;
  }
  return owed / paying;  // unreachable: total >= 1 means some class pays the rest
}

}  // namespace

absl::StatusOr<Result> pav(const Profile& profile, const Options& options) {
  return exact_thiele(profile, options, "pav", true);
}

absl::StatusOr<Result> chamberlin_courant(const Profile& profile, const Options& options) {
  return exact_thiele(profile, options, "chamberlin-courant", false);
}

absl::StatusOr<Result> sequential_pav(const Profile& profile, const Options& options) {
  return sequential_thiele(profile, options, "sequential-pav", true);
}

absl::StatusOr<Result> sequential_chamberlin_courant(const Profile& profile,
                                                     const Options& options) {
  return sequential_thiele(profile, options, "sequential-chamberlin-courant", false);
}

absl::StatusOr<Result> sequential_phragmen(const Profile& profile, const Options& options) {
  PARTICIPA_ASSIGN_OR_RETURN(Begun begun, begin(profile, "sequential-phragmen", options));
  const ApprovalSets& sets = begun.sets;
  TieBreaker& breaker = begun.count.breaker;
  Result& result = begun.count.result;
  Classes loads{{Rational(0)}, std::vector<std::uint32_t>(sets.weight.size(), 0)};
  std::vector<bool> continuing(sets.num_candidates, true);
  phragmen_seats(sets, loads, options.seats, continuing, breaker, result, "");
  result.ties = breaker.ties();
  return result;
}

absl::StatusOr<Result> equal_shares(const Profile& profile, const Options& options) {
  const std::string completion = detail::parameter(options, "completion", "phragmen");
  if (completion != "phragmen" && completion != "none") {
    return absl::InvalidArgumentError(
        str_cat("equal-shares completion '", completion, "' is neither 'phragmen' nor 'none'"));
  }
  PARTICIPA_ASSIGN_OR_RETURN(Begun begun, begin(profile, "equal-shares", options));
  const ApprovalSets& sets = begun.sets;
  TieBreaker& breaker = begun.count.breaker;
  Result& result = begun.count.result;
  const std::size_t m = sets.num_candidates;
  Classes budgets{{Rational(options.seats) / sets.voters},
                  std::vector<std::uint32_t>(sets.weight.size(), 0)};
  std::vector<bool> continuing(m, true);
  std::vector<std::uint64_t> scratch;
  bool affordable = true;
  while (result.winners.size() < static_cast<std::size_t>(options.seats) && !result.tied_winners) {
    const int r = static_cast<int>(result.rounds.size());
    std::vector<Candidate> candidates;
    std::vector<Rational> rho(m);
    for (std::size_t c = 0; c < m; ++c) {
      if (!continuing[c]) continue;
      const auto cand = static_cast<Candidate>(c);
      auto p = price(sets, budgets, cand, scratch);
      if (!p) continue;
      rho[c] = *std::move(p);
      candidates.push_back(cand);
    }
    if (candidates.empty()) {
      affordable = false;
      break;
    }
    Round round = detail::round_of(candidates, rho);
    const auto taking = take_seat(detail::best(candidates, rho, false), r, breaker, result);
    for (Candidate c : taking) {
      const Rational paid = rho[c];
      move_approvers(sets, budgets, c, [&](const Rational& b) {
        return b > paid ? Rational(b - paid) : Rational(0);
      });
    }
    seat(taking, continuing, round, result,
         str_cat("seat ", result.winners.size() + 1,
                 ": tally = ρ, the most an approver pays (affordable candidates only)"));
    result.rounds.push_back(std::move(round));
  }
  if (!affordable) {
    if (completion == "phragmen") {
      // What a voter has left is spent first: a load of minus the budget left.
      for (Rational& b : budgets.value) b = -b;
      phragmen_seats(sets, budgets, options.seats, continuing, breaker, result,
                     " (completed by sequential Phragmén)");
    } else {
      Round last;
      last.note = str_cat("no continuing candidate is affordable: ", result.winners.size(), " of ",
                          options.seats, " seats filled, completion = none");
      result.rounds.push_back(std::move(last));
    }
  }
  result.ties = breaker.ties();
  return result;
}

}  // namespace participa::tally
