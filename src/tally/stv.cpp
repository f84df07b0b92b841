#include "participa/tally/stv.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <type_traits>
#include <utility>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "tally/stv_arithmetic.hpp"
#include "tally/stv_common.hpp"
#include "tally/stv_meek.hpp"
#include "tally/stv_qpq.hpp"

namespace participa::tally::stv {
namespace {

// How the rules of the weighted inclusive Gregory family differ from one another.
struct Wigm {
  // The arithmetic the rule prescribes; nullopt lets the count choose (generic WIGM).
  std::optional<int> precision = 5;
  // Scottish: floor(ballots / (seats + 1)) + 1; PR Foundation: ballots / (seats + 1),
  // truncated, plus the smallest unit; generic WIGM in exact arithmetic: ballots / (seats + 1),
  // exceeded (not merely reached) to be elected.
  bool whole_quota = true;
  // Scottish: each ballot's value is weight × surplus / votes truncated once; PR Foundation:
  // the product is truncated, then the quotient.
  bool truncate_once = true;
  // Scottish: quota holders are elected before a stage begins and the count may end there;
  // PR Foundation: every round begins, then elects.
  bool elect_before_round = true;
  // Scottish: a tie goes to the latest stage at which the tied candidates differed, then lot;
  // PR Foundation: lot.
  bool ties_by_earlier_stages = true;
  // The CfER model law, §10059: every pending surplus of a round moves in that round.
  bool cfer = false;
  // Minneapolis, §167.70: election waits for the surplus transfer; certain losers go at once.
  bool minneapolis = false;
};

Wigm wigm_of(Rule rule) {
  switch (rule) {
    case Rule::kScottish:
      return {};
    case Rule::kWigmPrf:
      return {.precision = 4,
              .whole_quota = false,
              .truncate_once = false,
              .elect_before_round = false,
              .ties_by_earlier_stages = false};
    case Rule::kCfer:
      return {.precision = 5,
              .whole_quota = false,
              .truncate_once = false,
              .elect_before_round = false,
              .ties_by_earlier_stages = false,
              .cfer = true};
    case Rule::kMinneapolis:
      return {.precision = 4,
              .whole_quota = true,
              .truncate_once = false,
              .elect_before_round = false,
              .ties_by_earlier_stages = false,
              .minneapolis = true};
    case Rule::kMeekPrf:
      return {.precision = 9,
              .whole_quota = false,
              .truncate_once = false,
              .elect_before_round = false,
              .ties_by_earlier_stages = false};
    case Rule::kWigm:
    case Rule::kMeek:
    case Rule::kWarren:
    case Rule::kQpq:
      return {.precision = std::nullopt,
              .whole_quota = false,
              .truncate_once = false,
              .elect_before_round = false,
              .ties_by_earlier_stages = false};
  }
  return {};
}

// A distinct ranking with how many ballots carry it, its current value per ballot and the
// position of its current preference.
template <class Value>
struct Parcel {
  std::span<const Candidate> ranking;
  std::uint64_t ballots = 0;
  Value weight;
  std::size_t position = 0;
};

// The weighted inclusive Gregory family, in any of the three arithmetics. Every comparison of
// votes goes through the arithmetic, since guarded values within half a unit are equal.
template <class Arithmetic>
class WigmCount {
 public:
  using Value = typename Arithmetic::Value;

  WigmCount(const Profile& profile, const Options& options, Arithmetic arithmetic,
            std::vector<Candidate> lot_order, Count count)
      : profile_(profile),
        options_(options),
        rules_(wigm_of(options.rule)),
        arithmetic_(std::move(arithmetic)),
        lot_order_(std::move(lot_order)),
        n_(profile.num_candidates()),
        standing_(n_, Standing::kHopeful),
        votes_(n_, arithmetic_.zero()),
        holding_(n_),
        quota_(arithmetic_.zero()),
        nontransferable_(arithmetic_.zero()),
        surplus_(arithmetic_.zero()),
        count_(std::move(count)) {}

  Count run() {
    const auto parts = static_cast<std::uint64_t>(seats() + 1);
    if (rules_.whole_quota) {
      quota_ = arithmetic_.whole(count_.ballots / parts + 1);
    } else {
      quota_ = arithmetic_.divide(arithmetic_.whole(count_.ballots), arithmetic_.whole(parts));
      if (!arithmetic_.exact()) quota_ += arithmetic_.unit();
    }
    count_.quota = arithmetic_.text(quota_);
    const Value one = arithmetic_.whole(1);
    for (std::size_t b = 0; b < profile_.num_distinct(); ++b) {
      BallotView ballot = profile_.ballot(b);
      if (ballot.marks.empty()) continue;
      parcels_.push_back({ballot.marks, profile_.weight(b), one, 0});
      const Candidate first = ballot.marks.front();
      holding_[first].push_back(parcels_.size() - 1);
      votes_[first] += arithmetic_.times(one, profile_.weight(b));
    }
    if (rules_.minneapolis) {
      count_by_minneapolis();
    } else if (rules_.cfer) {
      record(Action::kBegin, {});
      count_by_cfer();
    } else if (rules_.elect_before_round) {
      record(Action::kBegin, {});
      count_in_stages();
      finish();
    } else {
      record(Action::kBegin, {});
      count_in_rounds();
      finish();
    }
    record(Action::kComplete, {});
    for (Candidate c : elected_order_) {
      count_.elected.push_back({c, profile_.candidates()[c], arithmetic_.text(votes_[c])});
    }
    return std::move(count_);
  }

 private:
  int cmp(const Value& a, const Value& b) const { return arithmetic_.compare(a, b); }
  bool batch_defeats() const { return options_.defeat == Defeat::kBatch; }
  // Rule 47 and its kin: reaching the quota elects, except that the generic rule in exact
  // arithmetic (whose quota is not rounded up) asks for more than the quota.
  bool has_quota(Candidate c) const {
    const int order = cmp(votes_[c], quota_);
    return options_.rule == Rule::kWigm && arithmetic_.exact() ? order > 0 : order >= 0;
  }
  // Candidates sorted by votes, lowest first, ties by their order (droop's byVote).
  std::vector<Candidate> by_votes(std::vector<Candidate> candidates) const {
    std::stable_sort(candidates.begin(), candidates.end(), [&](Candidate a, Candidate b) {
      const int order = cmp(votes_[a], votes_[b]);
      return order != 0 ? order < 0 : a < b;
    });
    return candidates;
  }
  // Scottish rules 45–52.
  void count_in_stages() {
    while (true) {
      elect_quota_holders();
      if (complete()) break;
      begin_round();
      if (any_pending()) {
        transfer_highest_surplus();
        continue;
      }
      if (hopeful().empty()) break;
      defeat_lowest();
      if (complete()) break;
    }
  }

  // PR Foundation reference WIGM, steps B.1–B.4.
  void count_in_rounds() {
    while (seats_left() > 0 && hopeful().size() > seats_left()) {
      begin_round();
      elect_quota_holders();
      if (batch_defeats()) {
        std::vector<Candidate> losers = sure_losers();
        if (!losers.empty()) {
          std::vector<Candidate> in_order = losers;
          std::sort(in_order.begin(), in_order.end());
          for (Candidate c : in_order) defeat(c, Action::kDefeatSureLoser);
          if (hopeful().size() <= seats_left()) break;
          for (Candidate c : losers) move_parcels_of(c);
          for (Candidate c : losers) votes_[c] = arithmetic_.zero();
          record(Action::kDefeatedTransferred, losers);
          continue;
        }
      }
      if (any_pending()) {
        transfer_highest_surplus();
      } else if (!hopeful().empty()) {
        defeat_lowest();
      }
    }
  }

  // Minneapolis Code of Ordinances §167.70(1) a–f. Undeclared write-ins leave after the first
  // count (§167.20, "qualified candidate").
  void count_by_minneapolis() {
    begin_round();
    record(Action::kCountVotes, {});
    while (true) {
      const std::vector<Candidate> at = at_threshold();
      if (elected_order_.size() + at.size() >= static_cast<std::size_t>(seats())) {
        for (Candidate c : at) elect(c, Action::kElectAtThreshold);
        break;
      }
      begin_round();
      std::vector<Candidate> leaving;
      for (Candidate c : options_.undeclared_write_ins) {
        if (standing_[c] == Standing::kHopeful) leaving.push_back(c);
      }
      std::sort(leaving.begin(), leaving.end());
      Action why = Action::kDefeatUndeclared;
      if (leaving.empty()) {
        leaving = certain_losers(at);
        why = Action::kDefeatSureLoser;
      }
      if (!leaving.empty()) {
        for (Candidate c : leaving) defeat(c, why);
        transfer_defeated(leaving);
        record(Action::kCountVotes, {});
        continue;
      }
      if (!at.empty()) {
        std::vector<Candidate> tied;
        for (Candidate c : at) {
          if (cmp(votes_[c], votes_[at.front()]) == 0) tied.push_back(c);
        }
        const Candidate from = break_tie(tied, /*lowest=*/false);
        elect(from, Action::kElect);
        transfer_surplus_of(from, /*announce=*/false);
        record(Action::kCountVotes, {});
        continue;
      }
      if (hopeful().size() <= seats_left()) break;
      const Candidate loser = lowest_hopeful();
      defeat(loser, Action::kDefeatLowest);
      if (hopeful().size() <= seats_left()) break;
      transfer_defeated({loser});
      record(Action::kCountVotes, {});
    }
    finish();
  }

  bool undeclared(Candidate c) const {
    return std::find(options_.undeclared_write_ins.begin(), options_.undeclared_write_ins.end(),
                     c) != options_.undeclared_write_ins.end();
  }

  // Continuing declared candidates with the threshold, the highest first.
  std::vector<Candidate> at_threshold() const {
    std::vector<Candidate> at;
    for (Candidate c : hopeful()) {
      if (has_quota(c) && !undeclared(c)) at.push_back(c);
    }
    at = by_votes(std::move(at));
    std::reverse(at.begin(), at.end());
    return at;
  }

  // §167.20 "mathematically impossible to be elected", read as droop reads it: a group of
  // equal candidates is certain to lose when, with every lower candidate's votes and every
  // surplus, it would still fall short of (not merely tie) the next higher candidate.
  std::vector<Candidate> certain_losers(const std::vector<Candidate>& at) const {
    Value surplus = arithmetic_.zero();
    for (Candidate c : at) surplus += votes_[c] - quota_;
    const std::vector<Candidate> sorted = by_votes(hopeful());
    std::vector<std::vector<Candidate>> groups;
    for (Candidate c : sorted) {
      if (groups.empty() || cmp(votes_[groups.back().front()], votes_[c]) != 0) {
        groups.emplace_back();
      }
      groups.back().push_back(c);
    }
    const std::size_t most = sorted.size() - seats_left();
    std::vector<Candidate> maybe;
    std::vector<Candidate> losers;
    Value reach = arithmetic_.zero();
    for (std::size_t g = 0; g + 1 < groups.size(); ++g) {
      maybe.insert(maybe.end(), groups[g].begin(), groups[g].end());
      if (maybe.size() > most) break;
      reach += arithmetic_.times(votes_[groups[g].front()], groups[g].size());
      if (cmp(reach + surplus, votes_[groups[g + 1].front()]) >= 0) continue;
      losers = maybe;
    }
    std::sort(losers.begin(), losers.end());
    return losers;
  }

  void transfer_defeated(const std::vector<Candidate>& defeated) {
    for (Candidate c : defeated) move_parcels_of(c);
    for (Candidate c : defeated) votes_[c] = arithmetic_.zero();
    record(Action::kDefeatedTransferred, defeated);
  }

  // The CfER model law, §10059 (b)–(j).
  void count_by_cfer() {
    while (true) {
      begin_round();
      if (round_ == 1 && hopeful().size() <= static_cast<std::size_t>(seats())) {
        for (Candidate c : hopeful()) elect(c, Action::kElectAll);
        return;
      }
      elect_quota_holders();
      if (seats_left() == 0) {
        settle_pending();
        for (Candidate c : hopeful()) defeat(c, Action::kDefeatRemaining);
        return;
      }
      std::vector<Candidate> defeats = batch_defeats() ? defeat_set() : std::vector<Candidate>{};
      if (!defeats.empty()) {
        std::vector<Candidate> in_order = defeats;
        std::sort(in_order.begin(), in_order.end());
        for (Candidate c : in_order) defeat(c, Action::kDefeatSureLoser);
      } else if (any_pending()) {
        for (std::size_t c = 0; c < n_; ++c) {
          if (standing_[c] == Standing::kElectedPending) {
            transfer_surplus_of(static_cast<Candidate>(c));
          }
        }
      } else {
        const Candidate loser = lowest_hopeful();
        defeat(loser, Action::kDefeatLowest);
        defeats.push_back(loser);
      }
      if (defeats.empty()) continue;
      if (hopeful().size() + elected_order_.size() <= static_cast<std::size_t>(seats())) {
        for (std::size_t c = 0; c < n_; ++c) {
          if (standing_[c] == Standing::kElectedPending) {
            standing_[c] = Standing::kElected;
            record(Action::kElectPending, {static_cast<Candidate>(c)});
          }
        }
        for (Candidate c : hopeful()) elect(c, Action::kElectRemaining);
        return;
      }
      for (Candidate c : defeats) move_parcels_of(c);
      for (Candidate c : defeats) votes_[c] = arithmetic_.zero();
      record(Action::kDefeatedTransferred, defeats);
    }
  }

  // §10059(k): the largest set of the lowest continuing candidates that cannot catch the next
  // one even with every surplus, leaving enough candidates, and that cannot change the order
  // of election.
  std::vector<Candidate> defeat_set() const {
    const Value surplus = pending_surplus();
    const std::vector<Candidate> sorted = by_votes(hopeful());
    const std::size_t elected = elected_order_.size();
    const auto seat_count = static_cast<std::size_t>(seats());
    const Value highest = sorted.empty() ? arithmetic_.zero() : votes_[sorted.back()];
    std::size_t size = 0;
    Value in_set = arithmetic_.zero();
    for (std::size_t t = 0; t + 1 < sorted.size(); ++t) {
      in_set += votes_[sorted[t]];
      const std::size_t outside = sorted.size() - (t + 1);
      if (outside + elected < seat_count) break;
      if (cmp(in_set + surplus, votes_[sorted[t + 1]]) >= 0) continue;
      if (elected + 1 == seat_count || outside + elected == seat_count ||
          cmp(in_set + surplus, quota_ - highest) < 0 ||
          (cmp(surplus, arithmetic_.zero()) == 0 &&
           cmp(in_set - votes_[sorted[t]], quota_ - highest) < 0)) {
        size = t + 1;
      }
    }
    return {sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(size)};
  }

  void elect(Candidate c, Action action) {
    standing_[c] = Standing::kElected;
    elected_order_.push_back(c);
    record(action, {c});
  }

  void defeat(Candidate c, Action action) {
    standing_[c] = Standing::kDefeated;
    count_.defeated.push_back(c);
    record(action, {c});
  }

  void settle_pending() {
    for (Standing& s : standing_) {
      if (s == Standing::kElectedPending) s = Standing::kElected;
    }
  }

  // Step C / rule 52: pending surpluses stay where they are; the continuing candidates fill
  // the seats left (there are no more of them than seats by now) or lose.
  void finish() {
    settle_pending();
    for (Candidate c : hopeful()) {
      if (seats_left() > 0) {
        elect(c, Action::kElectRemaining);
      } else {
        defeat(c, Action::kDefeatRemaining);
      }
    }
  }

  void begin_round() {
    ++round_;
    history_.push_back(votes_);
    surplus_ = arithmetic_.zero();
    for (std::size_t c = 0; c < n_; ++c) {
      if (standing_[c] == Standing::kElectedPending) surplus_ += surplus_of(c);
    }
  }

  Value pending_surplus() const {
    Value surplus = arithmetic_.zero();
    for (std::size_t c = 0; c < n_; ++c) {
      if (standing_[c] == Standing::kElectedPending) surplus += votes_[c] - quota_;
    }
    return surplus;
  }

  bool any_pending() const {
    return std::any_of(standing_.begin(), standing_.end(),
                       [](Standing s) { return s == Standing::kElectedPending; });
  }

  // PR Foundation B.2: the sure losers, given the pending surpluses.
  std::vector<Candidate> sure_losers() const {
    return stv::sure_losers(by_votes(hopeful()), votes_, pending_surplus(), arithmetic_.zero(),
                            seats_left(),
                            [&](const Value& a, const Value& b) { return cmp(a, b); });
  }

  int seats() const { return options_.seats; }
  std::size_t seats_left() const {
    return static_cast<std::size_t>(seats()) - elected_order_.size();
  }
  Value surplus_of(std::size_t c) const {
    return cmp(votes_[c], quota_) > 0 ? Value(votes_[c] - quota_) : arithmetic_.zero();
  }

  std::vector<Candidate> hopeful() const { return hopeful_of(standing_); }

  bool complete() const { return seats_left() == 0 || hopeful().size() <= seats_left(); }

  // Rule 47: everyone at or above the quota is elected, the highest first.
  void elect_quota_holders() {
    std::vector<Candidate> reached;
    for (Candidate c : hopeful()) {
      if (has_quota(c)) reached.push_back(c);
    }
    reached = by_votes(std::move(reached));
    std::reverse(reached.begin(), reached.end());
    for (Candidate c : reached) {
      const bool surplus = !rules_.cfer || cmp(votes_[c], quota_) > 0;
      standing_[c] = surplus ? Standing::kElectedPending : Standing::kElected;
      elected_order_.push_back(c);
      record(Action::kElect, {c});
    }
  }

  // Rules 48–49: the largest surplus goes first; each of its ballots moves on at
  // surplus × (its value) / (the candidate's votes), truncated.
  void transfer_highest_surplus() {
    std::optional<Value> high;
    for (std::size_t c = 0; c < n_; ++c) {
      if (standing_[c] == Standing::kElectedPending && (!high || cmp(votes_[c], *high) > 0)) {
        high = votes_[c];
      }
    }
    std::vector<Candidate> tied;
    for (std::size_t c = 0; c < n_; ++c) {
      if (standing_[c] == Standing::kElectedPending && cmp(votes_[c], *high) == 0) {
        tied.push_back(static_cast<Candidate>(c));
      }
    }
    transfer_surplus_of(break_tie(tied, /*lowest=*/false));
  }

  void transfer_surplus_of(Candidate from, bool announce = true) {
    standing_[from] = Standing::kElected;
    if (announce) record(Action::kTransferSurplus, {from});
    const Value surplus = votes_[from] - quota_;
    const Value total = votes_[from];
    std::vector<std::size_t> moving = std::move(holding_[from]);
    holding_[from].clear();
    for (std::size_t p : moving) {
      Value& weight = parcels_[p].weight;
      weight = rules_.truncate_once
                   ? arithmetic_.multiply_divide(weight, surplus, total)
                   : arithmetic_.divide(arithmetic_.multiply(weight, surplus), total);
      pass_on(p);
    }
    votes_[from] = quota_;
    Step& step = record(Action::kSurplusTransferred, {from});
    step.amount = arithmetic_.text(surplus);
  }

  // Rules 50–51: the lowest continuing candidate is excluded and every ballot it holds moves
  // on at the value it has.
  void defeat_lowest() {
    const Candidate loser = lowest_hopeful();
    defeat(loser, Action::kDefeatLowest);
    move_parcels_of(loser);
    votes_[loser] = arithmetic_.zero();
    record(Action::kDefeatedTransferred, {loser});
  }

  Candidate lowest_hopeful() {
    const std::vector<Candidate> continuing = hopeful();
    Value low = votes_[continuing.front()];
    for (Candidate c : continuing) {
      if (cmp(votes_[c], low) < 0) low = votes_[c];
    }
    std::vector<Candidate> tied;
    for (Candidate c : continuing) {
      if (cmp(votes_[c], low) == 0) tied.push_back(c);
    }
    return break_tie(tied, /*lowest=*/true);
  }

  void move_parcels_of(Candidate c) {
    std::vector<std::size_t> moving = std::move(holding_[c]);
    holding_[c].clear();
    for (std::size_t p : moving) pass_on(p);
  }

  // The parcel goes to its next continuing preference, or is non-transferable.
  void pass_on(std::size_t p) {
    Parcel<Value>& parcel = parcels_[p];
    while (parcel.position < parcel.ranking.size() &&
           standing_[parcel.ranking[parcel.position]] != Standing::kHopeful) {
      ++parcel.position;
    }
    const Value value = arithmetic_.times(parcel.weight, parcel.ballots);
    if (parcel.position == parcel.ranking.size()) {
      nontransferable_ += value;
      return;
    }
    const Candidate to = parcel.ranking[parcel.position];
    votes_[to] += value;
    holding_[to].push_back(p);
  }

  // Rules 49(2)–(3) and 51(2): the most recent stage at which the tied candidates had unequal
  // votes decides (the highest for a surplus, the lowest for an exclusion), then lot.
  Candidate break_tie(std::vector<Candidate> tied, bool lowest) {
    if (tied.size() == 1) return tied.front();
    const std::vector<Candidate> all = tied;
    for (std::size_t stage = rules_.ties_by_earlier_stages ? history_.size() : 0; stage-- > 0;) {
      const std::vector<Value>& then = history_[stage];
      Value extreme = then[tied.front()];
      for (Candidate c : tied) {
        const int order = cmp(then[c], extreme);
        if (lowest ? order < 0 : order > 0) extreme = then[c];
      }
      std::erase_if(tied, [&](Candidate c) { return cmp(then[c], extreme) != 0; });
      if (tied.size() == 1) {
        record_tie(Action::kBreakTieByEarlierStage, all, tied.front(), lowest);
        return tied.front();
      }
    }
    const Candidate chosen = first_by_lot(lot_order_, tied);
    record_tie(Action::kBreakTieByLot, all, chosen, lowest);
    return chosen;
  }

  void record_tie(Action action, const std::vector<Candidate>& tied, Candidate chosen,
                  bool lowest) {
    Step& step = record(action, {chosen});
    step.tie =
        lot_tie(step.round, tied, chosen, lowest ? TiePurpose::kElimination : TiePurpose::kRanking);
  }

  Step& record(Action action, std::vector<Candidate> candidates) {
    Step step;
    step.round = round_;
    step.action = action;
    step.candidates = std::move(candidates);
    Value total = nontransferable_;
    Value by_standing[4] = {arithmetic_.zero(), arithmetic_.zero(), arithmetic_.zero(),
                            arithmetic_.zero()};
    step.standings.reserve(n_);
    for (std::size_t c = 0; c < n_; ++c) {
      step.standings.push_back({standing_[c], arithmetic_.text(votes_[c]), ""});
      by_standing[static_cast<int>(standing_[c])] += votes_[c];
      total += votes_[c];
    }
    step.totals = {
        .elected = arithmetic_.text(by_standing[static_cast<int>(Standing::kElected)]),
        .pending = arithmetic_.text(by_standing[static_cast<int>(Standing::kElectedPending)]),
        .hopeful = arithmetic_.text(by_standing[static_cast<int>(Standing::kHopeful)]),
        .defeated = arithmetic_.text(by_standing[static_cast<int>(Standing::kDefeated)]),
        .all = arithmetic_.text(total - nontransferable_),
    };
    step.quota = arithmetic_.text(quota_);
    step.nontransferable = arithmetic_.text(nontransferable_);
    step.residual = arithmetic_.text(arithmetic_.whole(count_.ballots) - total);
    step.surplus = arithmetic_.text(rules_.minneapolis ? surplus_now() : surplus_);
    count_.steps.push_back(std::move(step));
    return count_.steps.back();
  }

  // Minneapolis reports every surplus as it stands, candidates at the threshold included.
  Value surplus_now() const {
    Value total = arithmetic_.zero();
    for (std::size_t c = 0; c < n_; ++c) {
      const bool counts =
          standing_[c] == Standing::kElected ||
          (standing_[c] == Standing::kHopeful && !undeclared(static_cast<Candidate>(c)));
      if (counts) total += surplus_of(c);
    }
    return total;
  }

  const Profile& profile_;
  const Options& options_;
  Wigm rules_;
  Arithmetic arithmetic_;
  std::vector<Candidate> lot_order_;
  std::size_t n_;
  std::vector<Standing> standing_;
  std::vector<Value> votes_;
  std::vector<std::vector<std::size_t>> holding_;  // parcels each candidate holds
  std::vector<Parcel<Value>> parcels_;
  std::vector<std::vector<Value>> history_;  // votes at the start of each round
  std::vector<Candidate> elected_order_;
  Value quota_;
  Value nontransferable_;
  Value surplus_;
  int round_ = 0;
  Count count_;
};

constexpr int kMaxFixedPrecision = 9;  // 64-bit values
constexpr int kMaxGuardedDigits = 30;  // 128-bit values with room for 10^8 ballots

// The arithmetic a count uses: the rule's own where it prescribes one, otherwise the options'
// with droop's defaults (guarded 18 + 9 places, fixed 9, rational shown to 12).
// The iteration's omega (10^-omega) of the rules that iterate, checked against the count's
// arithmetic; the other rules take none.
absl::Status set_omega(const Options& options, Count& count) {
  const bool meek = options.rule == Rule::kMeek || options.rule == Rule::kWarren;
  if (options.omega && !meek) {
    return absl::InvalidArgumentError(str_cat("the ", rule_name(options.rule),
                                              options.rule == Rule::kMeekPrf
                                                  ? " rule fixes omega at 6"
                                                  : " rule does not iterate: no omega"));
  }
  if (options.rule == Rule::kMeekPrf) count.omega = 6;
  if (meek) {
    const int default_omega = count.arithmetic == Arithmetic::kGuarded ? count.precision / 2
                              : count.arithmetic == Arithmetic::kFixed ? count.precision * 2 / 3
                                                                       : 10;
    count.omega = options.omega.value_or(default_omega);
    const int most_omega = count.arithmetic == Arithmetic::kRational ? 18 : count.precision;
    if (count.omega < 1 || count.omega > most_omega) {
      return absl::InvalidArgumentError(
          str_cat("omega ", count.omega, " is outside 1..", most_omega));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Count> arithmetic_for(const Options& options) {
  Count count;
  const std::string_view rule = rule_name(options.rule);
  if (const std::optional<int> prescribed = wigm_of(options.rule).precision) {
    if (options.arithmetic && *options.arithmetic != Arithmetic::kFixed) {
      return absl::InvalidArgumentError(str_cat("the ", rule,
                                                " rule counts in fixed decimals, not ",
                                                arithmetic_name(*options.arithmetic)));
    }
    if (options.precision && *options.precision != *prescribed) {
      return absl::InvalidArgumentError(str_cat("the ", rule, " rule counts to ", *prescribed,
                                                " decimal places, not ", *options.precision));
    }
    if (options.guard.value_or(0) != 0) {
      return absl::InvalidArgumentError(str_cat("the ", rule, " rule has no guard digits"));
    }
    count.arithmetic = Arithmetic::kFixed;
    count.precision = *prescribed;
  } else if (options.rule == Rule::kQpq) {
    if (options.arithmetic.value_or(Arithmetic::kGuarded) != Arithmetic::kGuarded ||
        options.precision.value_or(9) != 9 || options.guard.value_or(9) != 9) {
      return absl::InvalidArgumentError(
          "the qpq rule counts in guarded decimals of 9 + 9 places, and only those");
    }
    count.arithmetic = Arithmetic::kGuarded;
    count.precision = 9;
    count.guard = 9;
  } else {
    count.arithmetic = options.arithmetic.value_or(Arithmetic::kGuarded);
    switch (count.arithmetic) {
      case Arithmetic::kFixed:
        count.precision = options.precision.value_or(kMaxFixedPrecision);
        if (options.guard.value_or(0) != 0) {
          return absl::InvalidArgumentError("fixed arithmetic has no guard digits");
        }
        break;
      case Arithmetic::kGuarded:
        count.precision = options.precision.value_or(18);
        count.guard = options.guard.value_or(count.precision / 2);
        break;
      case Arithmetic::kRational:
        if (options.precision || options.guard) {
          return absl::InvalidArgumentError(
              "rational arithmetic is exact: it takes no precision or guard digits");
        }
        break;
    }
  }
  if (count.precision < 0 || count.guard < 0 || count.precision + count.guard > kMaxGuardedDigits) {
    return absl::InvalidArgumentError(str_cat("precision ", count.precision, " and guard ",
                                              count.guard,
                                              " must be at least 0 and together at "
                                              "most ",
                                              kMaxGuardedDigits));
  }
  PARTICIPA_RETURN_IF_ERROR(set_omega(options, count));
  const int default_display = count.arithmetic == Arithmetic::kRational ? 12 : count.precision;
  count.display = options.display.value_or(default_display);
  const int most = count.arithmetic == Arithmetic::kRational ? kMaxGuardedDigits : count.precision;
  if (count.display < 0 || count.display > most) {
    return absl::InvalidArgumentError(
        str_cat("display ", count.display, " is outside 0..", most,
                count.arithmetic == Arithmetic::kRational ? "" : " (the working precision)"));
  }
  return count;
}

template <template <class> class Counter, class A>
absl::StatusOr<Count> run(const Profile& profile, const Options& options, A arithmetic,
                          std::vector<Candidate> lots, const Count& settings,
                          const RunControl& control) {
  std::uint64_t ballots = profile.total_weight();
  if (ballots > arithmetic.max_ballots()) {
    return absl::OutOfRangeError(str_cat(ballots, " ballots exceed the ", arithmetic.max_ballots(),
                                         " that ", settings.precision + settings.guard,
                                         "-place arithmetic can hold"));
  }
  Count count = settings;
  count.rule = options.rule;
  count.defeat = *options.defeat;
  count.seats = options.seats;
  count.input_digest = profile.digest();
  count.candidates = profile.candidates();
  Counter<A> counter(profile, options, std::move(arithmetic), std::move(lots), std::move(count));
  if constexpr (std::is_same_v<Counter<A>, MeekCount<A>>) {
    return counter.run(control);
  } else {
    return counter.run();
  }
}

template <template <class> class Counter>
absl::StatusOr<Count> count_in(const Profile& profile, const Options& options,
                               const Count& settings, std::vector<Candidate> lots,
                               const RunControl& control) {
  switch (settings.arithmetic) {
    case Arithmetic::kFixed:
      if (settings.precision <= kMaxFixedPrecision) {
        return run<Counter>(profile, options, FixedArithmetic(settings.precision, settings.display),
                            std::move(lots), settings, control);
      }
      [[fallthrough]];
    case Arithmetic::kGuarded:
      return run<Counter>(profile, options,
                          GuardedArithmetic(settings.precision, settings.guard, settings.display),
                          std::move(lots), settings, control);
    case Arithmetic::kRational:
      return run<Counter>(profile, options, RationalArithmetic(settings.display), std::move(lots),
                          settings, control);
  }
  return absl::InternalError("unknown arithmetic");
}

absl::StatusOr<std::vector<Candidate>> lot_order(const Profile& profile, const Options& options) {
  const std::size_t n = profile.num_candidates();
  if (options.tie_order.empty()) {
    std::vector<Candidate> order(n);
    std::iota(order.begin(), order.end(), Candidate{0});
    return order;
  }
  std::vector<bool> seen(n, false);
  for (Candidate c : options.tie_order) {
    if (c >= n || seen[c]) {
      return absl::InvalidArgumentError(
          str_cat("the tie order must name each of the ", n, " candidates once"));
    }
    seen[c] = true;
  }
  if (options.tie_order.size() != n) {
    return absl::InvalidArgumentError(
        str_cat("the tie order names ", options.tie_order.size(), " of the ", n, " candidates"));
  }
  return options.tie_order;
}

}  // namespace

std::string_view rule_name(Rule rule) {
  switch (rule) {
    case Rule::kScottish:
      return "scottish";
    case Rule::kWigmPrf:
      return "wigm-prf";
    case Rule::kCfer:
      return "cfer";
    case Rule::kMinneapolis:
      return "minneapolis";
    case Rule::kWigm:
      return "wigm";
    case Rule::kMeek:
      return "meek";
    case Rule::kWarren:
      return "warren";
    case Rule::kMeekPrf:
      return "meek-prf";
    case Rule::kQpq:
      return "qpq";
  }
  return "";
}

absl::StatusOr<Rule> parse_rule(std::string_view name) {
  for (Rule rule : {Rule::kScottish, Rule::kMinneapolis, Rule::kCfer, Rule::kWigm, Rule::kWigmPrf,
                    Rule::kMeek, Rule::kMeekPrf, Rule::kWarren, Rule::kQpq}) {
    if (name == rule_name(rule)) return rule;
  }
  return absl::InvalidArgumentError(
      str_cat("'", name,
              "' is not an STV rule (known: scottish, minneapolis, cfer, wigm, "
              "wigm-prf, meek, meek-prf, warren, qpq)"));
}

std::string_view defeat_name(Defeat defeat) {
  return defeat == Defeat::kBatch ? "batch" : "single";
}

absl::StatusOr<Defeat> parse_defeat(std::string_view name) {
  if (name == "single") return Defeat::kSingle;
  if (name == "batch") return Defeat::kBatch;
  return absl::InvalidArgumentError(
      str_cat("'", name, "' is not a way to defeat (known: single, batch)"));
}

std::string_view arithmetic_name(Arithmetic arithmetic) {
  switch (arithmetic) {
    case Arithmetic::kFixed:
      return "fixed";
    case Arithmetic::kGuarded:
      return "guarded";
    case Arithmetic::kRational:
      return "rational";
  }
  return "";
}

absl::StatusOr<Arithmetic> parse_arithmetic(std::string_view name) {
  for (Arithmetic a : {Arithmetic::kFixed, Arithmetic::kGuarded, Arithmetic::kRational}) {
    if (name == arithmetic_name(a)) return a;
  }
  return absl::InvalidArgumentError(
      str_cat("'", name, "' is not an arithmetic (known: fixed, guarded, rational)"));
}

std::string_view iteration_name(Iteration iteration) {
  switch (iteration) {
    case Iteration::kElected:
      return "elected";
    case Iteration::kOmega:
      return "omega";
    case Iteration::kStable:
      return "stable";
    case Iteration::kBatch:
      return "batch";
  }
  return "";
}

std::string_view standing_name(Standing standing) {
  switch (standing) {
    case Standing::kHopeful:
      return "hopeful";
    case Standing::kElected:
      return "elected";
    case Standing::kElectedPending:
      return "elected-pending";
    case Standing::kDefeated:
      return "defeated";
  }
  return "";
}

std::string_view action_name(Action action) {
  switch (action) {
    case Action::kBegin:
      return "begin";
    case Action::kCountVotes:
      return "count-votes";
    case Action::kElectAtThreshold:
      return "elect-at-threshold";
    case Action::kDefeatUndeclared:
      return "defeat-undeclared";
    case Action::kElect:
      return "elect";
    case Action::kTransferSurplus:
      return "transfer-surplus";
    case Action::kSurplusTransferred:
      return "surplus-transferred";
    case Action::kDefeatLowest:
      return "defeat-lowest";
    case Action::kDefeatSureLoser:
      return "defeat-sure-loser";
    case Action::kDefeatedTransferred:
      return "defeated-transferred";
    case Action::kElectRemaining:
      return "elect-remaining";
    case Action::kElectAll:
      return "elect-all";
    case Action::kElectPending:
      return "elect-pending";
    case Action::kIterate:
      return "iterate";
    case Action::kElectHighestQuotient:
      return "elect-highest-quotient";
    case Action::kElectedTransferred:
      return "elected-transferred";
    case Action::kDefeatRemaining:
      return "defeat-remaining";
    case Action::kBreakTieByEarlierStage:
      return "break-tie-by-earlier-stage";
    case Action::kBreakTieByLot:
      return "break-tie-by-lot";
    case Action::kComplete:
      return "complete";
  }
  return "";
}

absl::StatusOr<Count> count(const Profile& profile, const Options& options,
                            const RunControl& control) {
  if (profile.kind() != BallotKind::kRanked && profile.kind() != BallotKind::kSingleChoice) {
    return absl::InvalidArgumentError("STV counts ranked (or single-choice) ballots");
  }
  if (profile.has_equal_ranks() && options.rule != Rule::kMeek && options.rule != Rule::kWarren) {
    return absl::InvalidArgumentError(str_cat("the ", rule_name(options.rule),
                                              " rule counts strict rankings; a ballot ranks "
                                              "two candidates equal"));
  }
  if (options.seats < 1) {
    return absl::InvalidArgumentError(str_cat(options.seats, " seats: at least one is needed"));
  }
  if (static_cast<std::size_t>(options.seats) > profile.num_candidates()) {
    return absl::InvalidArgumentError(
        str_cat(options.seats, " seats for ", profile.num_candidates(), " candidates"));
  }
  PARTICIPA_ASSIGN_OR_RETURN(Count settings, arithmetic_for(options));
  for (std::size_t b = 0; b < profile.num_distinct(); ++b) {
    (profile.ballot(b).marks.empty() ? settings.blank_ballots : settings.ballots) +=
        profile.weight(b);
  }
  if (settings.ballots == 0) {
    return absl::InvalidArgumentError(
        str_cat("no ballot names a candidate (", settings.blank_ballots,
                " blank): there is nothing to count, and no seat can be filled by lot"));
  }
  const bool offers_batch = options.rule == Rule::kWigmPrf || options.rule == Rule::kCfer ||
                            options.rule == Rule::kMeek || options.rule == Rule::kWarren;
  const Defeat default_defeat = options.rule == Rule::kMeek || options.rule == Rule::kWarren ||
                                        options.rule == Rule::kMinneapolis
                                    ? Defeat::kBatch
                                    : Defeat::kSingle;
  if (options.defeat && *options.defeat != default_defeat && !offers_batch) {
    return absl::InvalidArgumentError(str_cat(
        "the ", rule_name(options.rule), " rule defeats ",
        default_defeat == Defeat::kBatch ? "sure losers in batches" : "one candidate at a time",
        "; it has no other way"));
  }
  Options resolved = options;
  resolved.defeat = options.defeat.value_or(default_defeat);
  if (!options.undeclared_write_ins.empty() && options.rule != Rule::kMinneapolis) {
    return absl::InvalidArgumentError(str_cat(
        "the ", rule_name(options.rule), " rule has no undeclared write-ins; only minneapolis"));
  }
  for (std::size_t i = 0; i < options.undeclared_write_ins.size(); ++i) {
    const Candidate c = options.undeclared_write_ins[i];
    if (c >= profile.num_candidates() || std::count(options.undeclared_write_ins.begin(),
                                                    options.undeclared_write_ins.end(), c) > 1) {
      return absl::InvalidArgumentError(
          str_cat("undeclared write-in ", c, " is not a candidate, or is named twice"));
    }
  }
  PARTICIPA_ASSIGN_OR_RETURN(std::vector<Candidate> lots, lot_order(profile, resolved));
  if (iterates(options.rule)) {
    return count_in<MeekCount>(profile, resolved, settings, std::move(lots), control);
  }
  PARTICIPA_RETURN_IF_ERROR(Checkpoint(control, "the count").step(0));
  if (options.rule == Rule::kQpq) {
    return count_in<QpqCount>(profile, resolved, settings, std::move(lots), control);
  }
  return count_in<WigmCount>(profile, resolved, settings, std::move(lots), control);
}

}  // namespace participa::tally::stv
