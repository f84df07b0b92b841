#include "pb/equal_shares_engine.hpp"

#include <algorithm>
#include <bit>
#include <limits>
#include <numeric>
#include <optional>
#include <span>
#include <utility>

namespace participa::pb::detail {

namespace {

constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Sums of units are kept exact in doubles below this.
constexpr std::uint64_t kExactInDouble = std::uint64_t{1} << 52;
// Fixed-point passes of the floating-point pricing before it sorts instead.
constexpr int kMaxPricingPasses = 8;
// Bounds wider than this share of the price are not worth trusting: decide exactly.
constexpr double kLargestRelativeBound = 1e-6;
// How far below the price guessed from an earlier run pricing starts (a share of it).
constexpr double kStartBelowGuess = 1e-5;
// How many more spans like the one from the earlier run a bound must keep a project out of
// reach for, to leave it unpriced.
constexpr double kSpansOutOfReach = 16;

// a / b for b > 0; with a 64-bit gcd when a's parts and b are small enough (prices of a few
// purchases on small elections), else Boost's division.
Rational divided(const Rational& a, const Rational& b) {
  if (b == 1) return a;
  const auto& num = a.backend().num();
  const auto& den = a.backend().denom();
  std::uint64_t denominator = 0;
  if (is_small_whole(b) && num.size() == 1 && den.size() == 1 && !num.sign() &&
      !__builtin_mul_overflow(*den.limbs(), static_cast<std::uint64_t>(small_whole_value(b)),
                              &denominator)) {
    return fraction(*num.limbs(), denominator);
  }
  return a / b;
}

}  // namespace

EqualShares::EqualShares(const Election& election, const Satisfactions& sats,
                         const std::vector<std::uint32_t>& order) {
  const tally::Profile& profile = election.profile;
  const auto& projects = election.instance.projects;
  num_groups_ = static_cast<std::uint32_t>(profile.num_distinct());
  group_weight_.resize(num_groups_);
  for (std::uint32_t g = 0; g < num_groups_; ++g) group_weight_[g] = profile.weight(g);
  voters_ = static_cast<double>(profile.total_weight()) * (1 + kEpsilon);
  std::vector<std::uint32_t> tie_rank(projects.size());
  for (std::size_t r = 0; r < order.size(); ++r) tie_rank[order[r]] = static_cast<std::uint32_t>(r);

  items_.reserve(projects.size());
  supporters_.reserve(sats.supporters.size());
  units_.reserve(sats.supporters.size());
  for (std::uint32_t p = 0; p < projects.size(); ++p) {
    if (sats.supporters_of(p).empty()) continue;
    if (projects[p].cost <= 0) {
      free_.push_back(p);
      continue;
    }
    available_.push_back(p);
    Item item;
    item.project = p;
    item.tie_rank = tie_rank[p];
    item.cost = projects[p].cost;
    item.scale = sats.scale[p];
    item.cost_d = to_double(item.cost);
    item.scale_d = to_double(item.scale);
    const bool exact_in_double = sats.total_units[p] < kExactInDouble;
    floating_point_usable_ = floating_point_usable_ && exact_in_double;
    item.total_units =
        exact_in_double ? sats.total_units[p].convert_to<std::uint64_t>() : kExactInDouble;
    item.begin = static_cast<std::uint32_t>(supporters_.size());
    item.single_units = true;
    for (const auto& [group, units] : sats.supporters_of(p)) {
      const std::uint64_t weight = profile.weight(group);
      units_.push_back(units);
      supporters_.push_back({group, static_cast<double>(weight), static_cast<double>(units),
                             1.0 / static_cast<double>(units)});
      const bool single = units == 1 && weight <= std::numeric_limits<std::uint32_t>::max();
      item.single_units = item.single_units && single;
      single_units_.push_back({group, single ? static_cast<std::uint32_t>(weight) : 0});
    }
    item.end = static_cast<std::uint32_t>(supporters_.size());
    // A sum over n supporters of non-negative terms, each a product of a few doubles, added left
    // to right, is within about (n + 3)u of the exact sum, relative to it (u = epsilon / 2: n - 1
    // additions and up to three roundings per term; Higham's gamma_{n+3} to first order).
    // 8 (n + 16) epsilon = 16 (n + 16) u leaves a wide margin for the few operations callers
    // add (a division by units, a comparison) without re-deriving the bound at each of them.
    item.rounding = 8.0 * (static_cast<double>(item.end - item.begin) + 16.0) * kEpsilon;
    items_.push_back(std::move(item));
  }
}

// The state of one run. Budgets live in floating point, each with a bound on its error. Exact
// budgets are kept symbolically: a voter who ran out has nothing, any other has her starting
// budget less her share of each purchase she paid. The exact price of a purchase is worked out
// (replayed) only when a decision or the explanation needs it.
class EqualSharesRun {
 public:
  using Item = EqualShares::Item;

  // Every project's first lower bound, cost over its supporters' total satisfaction, depends
  // on nothing a run changes: worked out and sorted once.
  explicit EqualSharesRun(const EqualShares& mes) : mes_(mes) {
    for (std::uint32_t j = 0; j < mes_.items_.size(); ++j) {
      const Item& item = mes_.items_[j];
      const double lowest =
          item.cost_d / static_cast<double>(item.total_units) / item.scale_d * (1 - 8 * kEpsilon);
      first_bounds_.push_back({j, mes_.floating_point_usable_ ? lowest : 0.0});
    }
    std::sort(first_bounds_.begin(), first_bounds_.end(), by_afford);
    item_of_.assign(mes_.items_.empty() ? 0 : mes_.items_.back().project + 1, 0);
    for (std::uint32_t j = 0; j < mes_.items_.size(); ++j) item_of_[mes_.items_[j].project] = j;
    start_hint_.assign(mes_.items_.size(), 0);
  }

  // Every voter holds base + raise (kept apart: the exact sum is needed only by exact
  // decisions); nothing is bought yet.
  void reset(const Rational& base, std::int64_t raise, bool tracing,
             const EqualShares::Trace* earlier) {
    tracing_ = tracing;
    earlier_ = earlier;
    if (earlier != nullptr) climb_floor_.assign(mes_.num_groups_, 1.0);
    base_ = &base;
    raise_ = raise;
    start_.reset();
    max_budget_ = to_double(base) + static_cast<double>(raise);
    wallet_.assign(mes_.num_groups_, {max_budget_, 4 * kEpsilon * max_budget_});
    ran_out_.assign(mes_.num_groups_, raise <= 0 && base <= 0);
    last_share_.assign(mes_.num_groups_, kNoShare);
    out_of_reach_.clear();
    unreached_from_.assign(mes_.items_.size(), kNoRound);
    unreached_share_.assign(mes_.items_.size(), 1);
    if (earlier != nullptr) {
      for (const auto& out : earlier->out_of_reach) {
        unreached_from_[item_of_[out.project]] = out.round;
        unreached_share_[item_of_[out.project]] = out.share_ceiling;
      }
    }
    shares_.clear();
    purchases_.clear();
    replayed_ = 0;
  }

  // selected(rounds, trace, earlier): a run's selection; `rounds` gets each purchase explained,
  // `trace` the price ceilings and, given an earlier run's trace, whether the rounds are separated
  // from it.
  std::vector<std::uint32_t> selected(std::vector<Round>* rounds, EqualShares::Trace* trace,
                                      const EqualShares::Trace* earlier);

 private:
  static constexpr std::uint32_t kNoShare = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::uint32_t kNoRound = std::numeric_limits<std::uint32_t>::max();

  // A price estimate. kPriced: the exact price per unit of satisfaction lies in [low, high],
  // and `unit_price` (price per unit) is within `unit_error` of the exact one.
  struct Estimate {
    enum class Kind { kOutOfReach, kPriced, kUnsure };
    Kind kind = Kind::kUnsure;
    double low = 0;
    double high = 0;
    double unit_price = 0;
    double unit_error = 0;
    // kOutOfReach: about what share of the cost the supporters hold, and at most what share.
    double reach = 0;
    double reach_ceiling = 0;
  };

  // Sums over an item's supporters at a unit price: who runs out (capped) and who pays her
  // share; min_sure_level is the least budget per unit a payer surely holds.
  struct Pass {
    double available = 0;
    double available_error = 0;
    double capped = 0;
    double capped_error = 0;
    double uncapped_units = 0;
    double min_level = std::numeric_limits<double>::infinity();
    double min_sure_level = std::numeric_limits<double>::infinity();
  };

  // An item's supporters split by what floating point can tell for a unit price known to lie
  // in an interval: those who surely run out, those who might, and the units of those who
  // surely pay their share (a whole number, exact in a double). Entries are supporter indices.
  struct Split {
    std::vector<std::uint32_t> capped;
    std::vector<std::uint32_t> unsure;
    double paying_units = 0;
  };

  struct Purchase {
    std::uint32_t item;
    Split split;
    std::optional<Rational> unit_price;  // exact, once replayed
    std::uint64_t payers = 0;
    // A proven upper bound on the price per unit of satisfaction.
    double price_ceiling = 0;
    // Traced runs: the supporters not sure to have paid their share in full: those who had
    // nothing, then those who surely ran out, then the unsure ones (split.unsure, last).
    std::vector<std::uint32_t> short_payers;
    // Runs after an earlier one: how fast, at least, the unit price falls per unit of raise
    // between the two.
    double unit_price_fall = 0;
    // Traced runs: the other projects whose price was bounded this round, each with a lower
    // bound on its price per unit of satisfaction.
    std::vector<EqualShares::Rival> rivals;
  };

  // A share paid: a voter group's link in the list of the purchases it paid its share of.
  struct Share {
    std::uint32_t purchase;
    std::uint32_t previous;
    std::uint64_t units;
  };

  // loop.template operator()<single>(), `single` telling whether every supporter of the item
  // has single units: a loop over its supporters, compiled for the compact table and the full.
  template <typename Loop>
  static decltype(auto) by_units(const Item& item, Loop&& loop) {
    if (item.single_units) return loop.template operator()<true>();
    return loop.template operator()<false>();
  }
  // A supporter's voter group and units: from the compact table, where units are 1, or the full.
  template <bool kSingleUnits>
  std::pair<std::uint32_t, double> group_and_units(std::uint32_t i) const {
    if constexpr (kSingleUnits) return {mes_.single_units_[i].group, 1.0};
    return {mes_.supporters_[i].group, mes_.supporters_[i].units};
  }
  Pass pass_at(const Item& item, double unit_price) const {
    return by_units(item,
                    [&]<bool kSingleUnits>() { return pass_at<kSingleUnits>(item, unit_price); });
  }
  template <bool kSingleUnits>
  Pass pass_at(const Item& item, double unit_price) const;
  // estimate(item, price_floor) — price_floor: a price per unit of satisfaction the item's
  // price surely reaches.
  Estimate estimate(const Item& item, double price_floor);
  Estimate settle(const Item& item, double unit_price, const Pass& p) const;
  Split split(const Item& item, double low_unit_price, double high_unit_price) const;
  void buy(std::uint32_t item_index, double unit_price, double unit_error);
  // Each voter group's budget in floating point; the exact budget is within `error` of it.
  struct Wallet {
    double have;
    double error;
  };
  // Where a supporter stands at a unit price known to lie in [low, high]: with nothing left,
  // surely running out, surely paying her share, or either (unsure).
  struct Side {
    bool broke, capped, paying;
    bool unsure() const { return !broke & !capped & !paying; }
  };
  // Without branches (bitwise, not short-circuit): it runs once per supporter of a purchase.
  static Side side_of(const Wallet& w, double units, double low, double high) {
    const bool broke = (w.have == 0) & (w.error == 0);
    const bool capped = !broke & (w.have + w.error < low * units);
    const bool paying = !broke & !capped & (w.have - w.error >= high * units);
    return {broke, capped, paying};
  }
  // How fast, at least, a unit price falls per unit of raise: the least rate at which the money
  // of the supporters who surely run out grows (Σ weight × climb), over the units of all others
  // who hold money (the units still paying can only be fewer).
  static double unit_price_fall(const Item& item, double climb_of_capped, double other_units) {
    if (other_units == 0) return 0;
    return climb_of_capped * (1 - item.rounding) / other_units * (1 - 4 * kEpsilon);
  }
  // The same per unit of satisfaction.
  static double price_fall(const Item& item, double unit_fall) {
    return unit_fall / item.scale_d * (1 - 8 * kEpsilon);
  }
  double price_fall_of(const Purchase& purchase) const {
    return price_fall(mes_.items_[purchase.item], purchase.unit_price_fall);
  }
  // After a purchase in a run after an earlier one: how fast, at least, its payers' budgets grow.
  void update_climb(const Purchase& purchase);
  // How fast, at least, an item's price per unit of satisfaction falls per unit of raise between
  // the earlier run and now, given a lower bound on its unit price now.
  double price_fall_now(const Item& item, double low_unit_price) const;
  std::optional<std::pair<std::size_t, double>> exact_winner();
  // In a run after an earlier one that bought alike so far: an estimate saying the item is
  // out of reach, without a pass, when the earlier run found it so by a wide margin.
  std::optional<Estimate> still_out_of_reach(const Item& item) const;
  // In a run after an earlier one that bought alike so far: where to start pricing this round
  // the projects the earlier run priced in it, just below where their price then, moving on as
  // it moved before the earlier run, puts them now. A start that close usually settles in one
  // pass, where the last lower bound took several; a wrong one costs a pass, never a
  // different price.
  void guess_prices();

  void replay();
  // Every voter's exact starting budget.
  const Rational& start() {
    if (!start_) start_ = *base_ + Rational(raise_);
    return *start_;
  }
  Rational exact_budget(std::uint32_t group, std::uint32_t before);
  Rational exact_money(const std::vector<std::uint32_t>& supporters, std::uint32_t before);
  bool exactly_in_reach(const Item& item);
  Rational exact_unit_price(const Item& item, const Split& split, std::uint32_t before,
                            std::vector<std::uint32_t>* paying = nullptr,
                            std::vector<std::uint32_t>* ran_out = nullptr);

  // What a run's loop keeps from one round to the next.
  struct Live {
    std::uint32_t item;
    double afford;  // a lower bound on its price; prices only grow as voters spend
  };
  static bool by_afford(const Live& a, const Live& b) { return a.afford < b.afford; }

  const EqualShares& mes_;
  bool tracing_ = false;
  const EqualShares::Trace* earlier_ = nullptr;
  // In a run after an earlier one: whether it bought as the earlier one so far and, per voter
  // group, a lower bound on how fast her budget before the next purchase grows per unit of
  // raise, between the earlier run's raise and this one's (kept while the runs buy alike).
  bool alike_ = false;
  std::vector<double> climb_floor_;
  const Rational* base_ = nullptr;
  std::int64_t raise_ = 0;
  std::optional<Rational> start_;
  double max_budget_ = 0;
  std::vector<Wallet> wallet_;

  // Exact state as of the purchases replayed so far.
  std::vector<bool> ran_out_;
  std::vector<std::uint32_t> last_share_;
  std::vector<Share> shares_;
  std::vector<Purchase> purchases_;
  std::size_t replayed_ = 0;

  std::vector<Live> first_bounds_;
  // Each project's item, by project index.
  std::vector<std::uint32_t> item_of_;
  // Per item, where this round's pricing starts (a unit price; 0: from its lower bound), and
  // the items given one.
  std::vector<double> start_hint_;
  std::vector<std::uint32_t> hinted_;
  // Per item, where the earlier run found it out of reach: from which round (kNoRound: never)
  // and at most what share of its cost its supporters held.
  std::vector<std::uint32_t> unreached_from_;
  std::vector<double> unreached_share_;
  std::vector<Live> live_;
  std::vector<std::pair<std::size_t, Estimate>> evaluated_;
  std::vector<std::pair<std::size_t, const Estimate*>> contenders_;
  std::vector<char> drop_;
  // Working lists of a purchase's supporters (buy).
  std::vector<std::uint32_t> scratch_;
  // Traced runs: projects found out of reach, with the round and the share of their cost their
  // supporters then held.
  std::vector<EqualShares::Reach> out_of_reach_;
  // Projects whose price this round is not clearly above the earlier run's: their lower bound on
  // the price, and on the unit price, and how fast it falls at least (worked out only where the
  // separation needs it).
  struct Close {
    std::size_t live_index;
    double low;
    double low_unit_price;
    double fall = 0;
  };
  std::vector<Close> close_;
  // Projects priced past the scan, for the separation: their place in live_ and lower bound.
  std::vector<std::pair<std::size_t, double>> priced_beyond_;
};

// Without branches: who is capped is as good as random, and a mispredicted branch per supporter
// cost more than the arithmetic. Multiplying by one or zero, or adding zero, changes no value;
// a level is replaced by infinity by its bits.
template <bool kSingleUnits>
EqualSharesRun::Pass EqualSharesRun::pass_at(const Item& item, double unit_price) const {
  constexpr std::uint64_t kInfinityBits = std::bit_cast<std::uint64_t>(kInfinity);
  Pass p;
  for (std::uint32_t i = item.begin; i < item.end; ++i) {
    // With single units, a unit count and its inverse are 1, and multiplying by 1 changes no
    // value: both reads give the same sums.
    std::uint32_t group;
    double weight, units = 1, inverse_units = 1;
    if constexpr (kSingleUnits) {
      group = mes_.single_units_[i].group;
      weight = static_cast<double>(mes_.single_units_[i].weight);
    } else {
      const EqualShares::Supporter& s = mes_.supporters_[i];
      group = s.group;
      weight = s.weight;
      units = s.units;
      inverse_units = s.inverse_units;
    }
    const Wallet w = wallet_[group];
    const double money = weight * w.have;
    const double error = weight * w.error;
    const bool is_capped = w.have < unit_price * units;
    const double capped = static_cast<double>(is_capped);
    const std::uint64_t mask = -static_cast<std::uint64_t>(is_capped);
    auto unless_capped = [&](double level) {
      return std::bit_cast<double>((std::bit_cast<std::uint64_t>(level) & ~mask) |
                                   (kInfinityBits & mask));
    };
    p.available += money;
    p.available_error += error;
    p.capped += money * capped;
    p.capped_error += error * capped;
    p.uncapped_units += weight * units * (1.0 - capped);
    p.min_level = std::min(p.min_level, unless_capped(w.have * inverse_units));
    p.min_sure_level =
        std::min(p.min_sure_level, unless_capped((w.have - w.error) * inverse_units));
  }
  return p;
}

EqualSharesRun::Estimate EqualSharesRun::estimate(const Item& item, double price_floor) {
  if (!mes_.floating_point_usable_) return {};
  if (auto e = still_out_of_reach(item)) return *e;
  const double cost = item.cost_d;
  const double total_units = static_cast<double>(item.total_units);
  // Start from the project's last lower bound (prices only rise, so few supporters will have run
  // out since) or, when higher, the start guessed from an earlier run. From a start above the
  // price, the first step lands below it (the passes' sums are a tangent above the money its
  // supporters would pay), and the passes go on from there; should a start from the last bound
  // lie above the price after all, they go on from the lowest.
  const double lowest = cost / total_units;
  const double hint = start_hint_[static_cast<std::size_t>(&item - mes_.items_.data())];
  double threshold = std::max({lowest, price_floor * item.scale_d, hint});
  // A start above the price gives a first step below it, from where the passes go on.
  bool may_start_above = threshold == hint;
  Pass p = pass_at(item, threshold);
  const double reach_error = p.available_error + item.rounding * p.available + 2 * kEpsilon * cost;
  if (p.available + reach_error < cost) {
    Estimate e;
    e.kind = Estimate::Kind::kOutOfReach;
    e.reach = p.available / cost;
    e.reach_ceiling = (p.available + reach_error) / cost * (1 + 4 * kEpsilon);
    return e;
  }
  if (p.available - reach_error < cost) return {};
  // Fixed point: pricing with the poorer supporters paying all they have only raises the
  // price, and stops once nobody else becomes one of them.
  for (int pass = 0; pass < kMaxPricingPasses; ++pass) {
    const double next = p.uncapped_units > 0 ? (cost - p.capped) / p.uncapped_units : -kInfinity;
    if (threshold != lowest && !(next >= threshold)) {
      threshold = may_start_above && next > lowest ? next : lowest;
      may_start_above = false;
      p = pass_at(item, threshold);
      continue;
    }
    if (p.uncapped_units == 0 || !(next > 0)) return {};
    if (p.min_level >= next) return settle(item, next, p);
    threshold = next;
    p = pass_at(item, threshold);
  }
  // Many layers of poorer supporters: water-filling over them sorted by budget per unit.
  std::vector<std::pair<double, std::uint32_t>> by_level;
  for (std::uint32_t i = item.begin; i < item.end; ++i) {
    by_level.emplace_back(
        wallet_[mes_.supporters_[i].group].have * mes_.supporters_[i].inverse_units, i);
  }
  std::sort(by_level.begin(), by_level.end());
  double paid = 0, units_left = total_units;
  for (const auto& [level, i] : by_level) {
    const double price = (cost - paid) / units_left;
    if (price <= level) {
      p = pass_at(item, price);
      const double next = (cost - p.capped) / p.uncapped_units;
      if (p.uncapped_units > 0 && next > 0 && p.min_level >= next) return settle(item, next, p);
      return {};
    }
    paid += mes_.supporters_[i].weight * wallet_[mes_.supporters_[i].group].have;
    units_left -= mes_.supporters_[i].weight * mes_.supporters_[i].units;
  }
  return {};
}

// The bound on a unit price found by a pass. Near the price, the exact and floating-point
// totals the supporters would pay differ by at most the capped supporters' budget errors plus
// rounding, as long as every other supporter surely pays her share; the total grows at least
// uncapped_units per unit of price, so the exact price is that difference over
// uncapped_units away at most (doubled for safety).
EqualSharesRun::Estimate EqualSharesRun::settle(const Item& item, double unit_price,
                                                const Pass& p) const {
  const double unit_error =
      2 * (p.capped_error + 2 * item.rounding * item.cost_d) / p.uncapped_units;
  if (!(unit_error <= kLargestRelativeBound * unit_price)) return {};
  if (p.min_sure_level * (1 - 4 * kEpsilon) < unit_price + unit_error) return {};
  Estimate e;
  e.kind = Estimate::Kind::kPriced;
  e.unit_price = unit_price;
  e.unit_error = unit_error;
  e.low = (unit_price - unit_error) / item.scale_d * (1 - 8 * kEpsilon);
  e.high = (unit_price + unit_error) / item.scale_d * (1 + 8 * kEpsilon);
  return e;
}

EqualSharesRun::Split EqualSharesRun::split(const Item& item, double low_unit_price,
                                            double high_unit_price) const {
  Split s;
  for (std::uint32_t i = item.begin; i < item.end; ++i) {
    const std::uint32_t group = mes_.supporters_[i].group;
    const double units = mes_.supporters_[i].units;
    const Side side = side_of(wallet_[group], units, low_unit_price, high_unit_price);
    if (side.capped) {
      s.capped.push_back(i);
    } else if (side.paying) {
      s.paying_units += mes_.supporters_[i].weight * units;
    } else if (!side.broke) {
      s.unsure.push_back(i);
    }
  }
  return s;
}

// Supporters pay their share at `unit_price` or all they have. Who surely runs out has
// exactly nothing left; everyone else's error grows by her share's. The split is kept for the
// replay. One pass without branches sorts the supporters and pays: who runs out is as good as
// random, and multiplying by one or zero, or adding zero, changes no value.
void EqualSharesRun::buy(std::uint32_t item_index, double unit_price, double unit_error) {
  const Item& item = mes_.items_[item_index];
  // Without exact sums of units in doubles, nobody's side is taken as sure.
  const bool usable = mes_.floating_point_usable_;
  const double low = usable ? (unit_price - unit_error) * (1 - 4 * kEpsilon) : 0;
  const double high = usable ? (unit_price + unit_error) * (1 + 4 * kEpsilon) : kInfinity;
  const double ceiling = (unit_price + unit_error) / item.scale_d * (1 + 8 * kEpsilon);
  Purchase bought{item_index, {}, std::nullopt, 0, ceiling, {}, 0, {}};
  const double rounding = 4 * kEpsilon * max_budget_;
  const std::uint32_t n = item.end - item.begin;
  // The loop writes every supporter into each list and moves a list's end past her when she
  // belongs to it: working lists as long as the longest item's, kept from purchase to purchase.
  if (scratch_.size() < 3 * std::size_t{n}) scratch_.resize(3 * std::size_t{n});
  std::uint32_t* const capped = scratch_.data();
  std::uint32_t* const unsure = capped + n;
  std::uint32_t* const broke = unsure + n;
  std::uint32_t num_capped = 0, num_unsure = 0, num_broke = 0;
  // No sums in this loop: the compiler kept them in memory, and each addition then waited on
  // the one before. They are taken over the lists it makes.
  by_units(item, [&]<bool kSingleUnits>() {
    for (std::uint32_t i = item.begin; i < item.end; ++i) {
      const auto [group, units] = group_and_units<kSingleUnits>(i);
      Wallet& w = wallet_[group];
      const Side side = side_of(w, units, low, high);
      capped[num_capped] = i;
      num_capped += side.capped;
      unsure[num_unsure] = i;
      num_unsure += side.unsure();
      broke[num_broke] = i;
      num_broke += side.broke;
      const double keeps = static_cast<double>(!side.broke && !side.capped);
      // max(0, left) by its bits: as a comparison and a branch, taken as good as at random by
      // those who just run out, it cost a mispredicted branch per supporter.
      const double left = w.have - unit_price * units;
      const std::uint64_t positive = -static_cast<std::uint64_t>(left > 0);
      w.have = keeps * std::bit_cast<double>(std::bit_cast<std::uint64_t>(left) & positive);
      w.error = keeps * (w.error + unit_error * units + rounding);
    }
  });
  const std::span<const std::uint32_t> capped_list(capped, num_capped);
  const std::span<const std::uint32_t> unsure_list(unsure, num_unsure);
  const std::span<const std::uint32_t> broke_list(broke, num_broke);
  auto units_of = [&](std::span<const std::uint32_t> supporters) {
    double units = 0;
    for (std::uint32_t i : supporters)
      units += mes_.supporters_[i].weight * mes_.supporters_[i].units;
    return units;
  };
  const double unsure_units = units_of(unsure_list);
  // Whole numbers below 2^52, so exact; without exact sums, nobody surely pays.
  bought.split.paying_units = usable
                                  ? static_cast<double>(item.total_units) - units_of(broke_list) -
                                        units_of(capped_list) - unsure_units
                                  : 0;
  if (earlier_ != nullptr && alike_) {
    // Σ weight × climb over those who surely run out: the least rate at which their money grows.
    double climb_of_capped = 0;
    for (std::uint32_t i : capped_list) {
      climb_of_capped += mes_.supporters_[i].weight * climb_floor_[mes_.supporters_[i].group];
    }
    bought.unit_price_fall =
        unit_price_fall(item, climb_of_capped, bought.split.paying_units + unsure_units);
  }
  bought.split.capped.assign(capped_list.begin(), capped_list.end());
  bought.split.unsure.assign(unsure_list.begin(), unsure_list.end());
  if (tracing_) {
    std::vector<std::uint32_t>& short_payers = bought.short_payers;
    short_payers.reserve(broke_list.size() + capped_list.size() + unsure_list.size());
    short_payers.assign(broke_list.begin(), broke_list.end());
    short_payers.insert(short_payers.end(), capped_list.begin(), capped_list.end());
    short_payers.insert(short_payers.end(), unsure_list.begin(), unsure_list.end());
  }
  purchases_.push_back(std::move(bought));
}

void EqualSharesRun::update_climb(const Purchase& purchase) {
  const Item& item = mes_.items_[purchase.item];
  // Sure to pay in the earlier run, so at every raise since: her budget falls by her share,
  // which falls at least as fast as the price. Anyone else may end with nothing: first every
  // supporter climbs, then those left with nothing now (who had nothing, or ran out: the
  // purchase's short payers but the unsure ones) and those short in the earlier run are set to
  // nothing. Without branches, and without reading the budgets again.
  by_units(item, [&]<bool kSingleUnits>() {
    for (std::uint32_t i = item.begin; i < item.end; ++i) {
      const auto [group, units] = group_and_units<kSingleUnits>(i);
      double& climb = climb_floor_[group];
      climb = (climb + purchase.unit_price_fall * units) * (1 - 4 * kEpsilon);
    }
  });
  const std::size_t left_with_nothing = purchase.short_payers.size() - purchase.split.unsure.size();
  for (std::size_t k = 0; k < left_with_nothing; ++k) {
    climb_floor_[mes_.supporters_[purchase.short_payers[k]].group] = 0;
  }
  for (std::uint32_t i : earlier_->short_payers[purchases_.size() - 1]) {
    climb_floor_[mes_.supporters_[i].group] = 0;
  }
}

double EqualSharesRun::price_fall_now(const Item& item, double low_unit_price) const {
  double climb_of_capped = 0, other_units = 0;
  for (std::uint32_t i = item.begin; i < item.end; ++i) {
    const EqualShares::Supporter& s = mes_.supporters_[i];
    const Side side = side_of(wallet_[s.group], s.units, low_unit_price, kInfinity);
    climb_of_capped += s.weight * climb_floor_[s.group] * static_cast<double>(side.capped);
    other_units += s.weight * s.units * static_cast<double>(!side.broke && !side.capped);
  }
  return price_fall(item, unit_price_fall(item, climb_of_capped, other_units));
}

// A voter group's exact budget just before purchase `before` (replayed up to there).
Rational EqualSharesRun::exact_budget(std::uint32_t group, std::uint32_t before) {
  if (ran_out_[group]) return Rational(0);
  Rational budget = start();
  for (std::uint32_t s = last_share_[group]; s != kNoShare; s = shares_[s].previous) {
    if (shares_[s].purchase < before) {
      budget -= *purchases_[shares_[s].purchase].unit_price * shares_[s].units;
    }
  }
  return budget;
}

// Σ weight × exact budget over the given supporters, just before purchase `before`: their
// starting budgets less, per earlier purchase, its price times the units they paid for.
Rational EqualSharesRun::exact_money(const std::vector<std::uint32_t>& supporters,
                                     std::uint32_t before) {
  BigInt weight = 0;
  std::vector<BigInt> units(before);
  for (std::uint32_t i : supporters) {
    const std::uint32_t group = mes_.supporters_[i].group;
    if (ran_out_[group]) continue;
    const std::uint64_t w = mes_.group_weight_[group];
    weight += w;
    for (std::uint32_t s = last_share_[group]; s != kNoShare; s = shares_[s].previous) {
      if (shares_[s].purchase < before) units[shares_[s].purchase] += BigInt(w) * shares_[s].units;
    }
  }
  Rational money = start() * Rational(weight);
  for (std::uint32_t p = 0; p < before; ++p) {
    if (units[p] != 0) money -= *purchases_[p].unit_price * Rational(units[p]);
  }
  return money;
}

bool EqualSharesRun::exactly_in_reach(const Item& item) {
  replay();
  std::vector<std::uint32_t> all(item.end - item.begin);
  std::iota(all.begin(), all.end(), item.begin);
  return exact_money(all, static_cast<std::uint32_t>(purchases_.size())) >= item.cost;
}

// The exact price per unit of `item` just before purchase `before`, given a split of its
// supporters: the money of those who surely run out, then water-filling over the unsure ones
// by exact budget per unit. Reports which unsure supporters pay their share and which run out.
Rational EqualSharesRun::exact_unit_price(const Item& item, const Split& split,
                                          std::uint32_t before, std::vector<std::uint32_t>* paying,
                                          std::vector<std::uint32_t>* ran_out) {
  Rational paid = split.capped.empty() ? Rational(0) : exact_money(split.capped, before);
  struct Unsure {
    std::uint32_t supporter;
    Rational budget;
  };
  std::vector<Unsure> unsure;
  BigInt units_left(static_cast<std::uint64_t>(split.paying_units));
  for (std::uint32_t i : split.unsure) {
    const std::uint32_t group = mes_.supporters_[i].group;
    if (ran_out_[group]) continue;
    unsure.push_back({i, exact_budget(group, before)});
    units_left += BigInt(mes_.units_[i]) * mes_.group_weight_[group];
  }
  std::sort(unsure.begin(), unsure.end(), [&](const Unsure& a, const Unsure& b) {
    return a.budget * mes_.units_[b.supporter] < b.budget * mes_.units_[a.supporter];
  });
  std::size_t first_paying = 0;
  Rational price;
  for (;; ++first_paying) {
    price = divided(paid == 0 ? item.cost : Rational(item.cost - paid), Rational(units_left));
    if (first_paying == unsure.size()) break;
    const Unsure& u = unsure[first_paying];
    if (price * mes_.units_[u.supporter] <= u.budget) break;
    const std::uint64_t weight = mes_.group_weight_[mes_.supporters_[u.supporter].group];
    paid += u.budget * weight;
    units_left -= BigInt(mes_.units_[u.supporter]) * weight;
  }
  if (paying != nullptr) {
    for (std::size_t k = 0; k < unsure.size(); ++k) {
      const Unsure& u = unsure[k];
      const bool pays = k >= first_paying && price * mes_.units_[u.supporter] < u.budget;
      (pays ? paying : ran_out)->push_back(u.supporter);
    }
  }
  return price;
}

// Works out exactly the purchases made in floating point since the last replay. The
// supporters a purchase's split does not name, and who had money left, surely paid their share.
void EqualSharesRun::replay() {
  std::vector<std::uint32_t> paying, ran_out;
  std::vector<bool> named;
  for (; replayed_ < purchases_.size(); ++replayed_) {
    Purchase& purchase = purchases_[replayed_];
    const Item& item = mes_.items_[purchase.item];
    const auto before = static_cast<std::uint32_t>(replayed_);
    named.assign(item.end - item.begin, false);
    for (std::uint32_t i : purchase.split.capped) named[i - item.begin] = true;
    for (std::uint32_t i : purchase.split.unsure) named[i - item.begin] = true;
    paying.clear();
    ran_out.clear();
    purchase.unit_price = exact_unit_price(item, purchase.split, before, &paying, &ran_out);
    for (std::uint32_t i = item.begin; i < item.end; ++i) {
      const std::uint32_t group = mes_.supporters_[i].group;
      if (ran_out_[group]) continue;
      purchase.payers += mes_.group_weight_[group];
      if (!named[i - item.begin]) paying.push_back(i);
    }
    for (std::uint32_t i : purchase.split.capped) ran_out_[mes_.supporters_[i].group] = true;
    for (std::uint32_t i : ran_out) ran_out_[mes_.supporters_[i].group] = true;
    for (std::uint32_t i : paying) {
      const std::uint32_t group = mes_.supporters_[i].group;
      shares_.push_back({before, last_share_[group], mes_.units_[i]});
      last_share_[group] = static_cast<std::uint32_t>(shares_.size() - 1);
    }
  }
}

// Along the same purchases, the voters together hold exactly `voters` currency units more per
// unit of raise before each round (every purchase collects its cost), and none holds less
// (monotonicity): a project's supporters gain at most that. Their money only falls from round to
// round. So a share held at the earlier run's raise, plus that gain, bounds the share now. A
// project is left unpriced only when that bound keeps it out of reach for many more such spans,
// so that where the next runs go is not guessed from a bound where a measure would have served.
std::optional<EqualSharesRun::Estimate> EqualSharesRun::still_out_of_reach(const Item& item) const {
  const std::size_t j = static_cast<std::size_t>(&item - mes_.items_.data());
  if (!alike_ || unreached_from_[j] > purchases_.size()) return std::nullopt;
  const double gain_per_share = mes_.voters_ * static_cast<double>(raise_ - earlier_->raise) /
                                item.cost_d * (1 + 4 * kEpsilon);
  const double ceiling = (unreached_share_[j] + gain_per_share) * (1 + 4 * kEpsilon);
  if (!(1 - ceiling >= kSpansOutOfReach * gain_per_share)) return std::nullopt;
  Estimate e;
  e.kind = Estimate::Kind::kOutOfReach;
  e.reach = ceiling;
  e.reach_ceiling = ceiling;
  return e;
}

void EqualSharesRun::guess_prices() {
  for (std::uint32_t j : hinted_) start_hint_[j] = 0;
  hinted_.clear();
  const std::size_t round = purchases_.size();
  if (!alike_ || round >= earlier_->price_ceilings.size()) return;
  const EqualShares::Trace& earlier = *earlier_;
  const auto span = static_cast<double>(raise_ - earlier.raise);
  auto guess = [&](std::uint32_t project, double price, double slope) {
    const std::uint32_t j = item_of_[project];
    start_hint_[j] = (price + slope * span) * mes_.items_[j].scale_d * (1 - kStartBelowGuess);
    hinted_.push_back(j);
  };
  guess(earlier.selected[mes_.free_.size() + round], earlier.price_ceilings[round],
        earlier.price_slopes[round]);
  for (const auto& rival : earlier.rivals[round]) {
    guess(rival.project, rival.price_floor, rival.price_slope);
  }
}

// A tie, or a decision floating point cannot settle: prices the contenders exactly, drops those
// out of reach, and picks the cheapest (the favoured one in a tie). Returns its index in live_
// and its unit price.
std::optional<std::pair<std::size_t, double>> EqualSharesRun::exact_winner() {
  const auto now = static_cast<std::uint32_t>(purchases_.size());
  std::optional<std::size_t> winner;
  std::optional<Rational> best_rho, best_unit_price;
  for (const auto& [j, e] : contenders_) {
    const Item& item = mes_.items_[live_[j].item];
    Split s;
    if (e->kind == Estimate::Kind::kPriced) {
      s = split(item, (e->unit_price - e->unit_error) * (1 - 4 * kEpsilon),
                (e->unit_price + e->unit_error) * (1 + 4 * kEpsilon));
    } else {
      if (!exactly_in_reach(item)) {
        drop_[j] = true;
        continue;
      }
      s = split(item, 0, kInfinity);
    }
    if (!s.capped.empty() || !s.unsure.empty()) replay();
    Rational unit_price = exact_unit_price(item, s, now);
    Rational rho = divided(unit_price, item.scale);
    const bool better =
        !best_rho || rho < *best_rho ||
        (rho == *best_rho && item.tie_rank < mes_.items_[live_[*winner].item].tie_rank);
    if (better) {
      winner = j;
      best_rho = std::move(rho);
      best_unit_price = std::move(unit_price);
    }
  }
  if (!winner) return std::nullopt;
  return std::pair(*winner, to_double(*best_unit_price));
}

std::vector<std::uint32_t> EqualSharesRun::selected(std::vector<Round>* rounds,
                                                    EqualShares::Trace* trace,
                                                    const EqualShares::Trace* earlier) {
  std::vector<std::uint32_t> selected = mes_.free_;
  // Whether this run bought as the earlier one so far, and stands apart from it.
  alike_ = earlier != nullptr;
  bool separated = alike_;
  std::size_t rounds_alike = 0;
  std::vector<Live>& live = live_;
  live = first_bounds_;
  auto& evaluated = evaluated_;
  auto& contenders = contenders_;
  auto& drop = drop_;
  while (!live.empty()) {
    evaluated.clear();
    drop.assign(live.size(), 0);
    guess_prices();
    double best_high = kInfinity;
    // An estimate that finds the project out of reach drops it (for the rest of the run).
    auto dropped = [&](std::size_t j, const Estimate& e) {
      if (e.kind != Estimate::Kind::kOutOfReach) return false;
      drop[j] = true;
      if (tracing_) {
        out_of_reach_.push_back({mes_.items_[live[j].item].project,
                                 static_cast<std::uint32_t>(purchases_.size()), e.reach,
                                 e.reach_ceiling});
      }
      return true;
    };
    std::size_t scanned = 0;
    for (; scanned < live.size(); ++scanned) {
      const std::size_t j = scanned;
      if (live[j].afford > best_high) break;
      Estimate e = estimate(mes_.items_[live[j].item], live[j].afford);
      if (dropped(j, e)) continue;
      if (e.kind == Estimate::Kind::kPriced) {
        live[j].afford = std::max(live[j].afford, e.low);
        best_high = std::min(best_high, e.high);
      }
      evaluated.emplace_back(j, e);
    }
    // Separation from the earlier run: every project but the one bought must surely cost more
    // than this round's purchase at every raise in between. Those whose price now is not clearly
    // above what the earlier run paid are compared along the way (after the purchase, whose fall
    // that needs); those past the scan whose lower bound does not show it yet are estimated too.
    const std::size_t round = purchases_.size();
    const bool check = alike_ && round < earlier->price_ceilings.size();
    const double ceiling = check ? earlier->price_ceilings[round] : 0;
    close_.clear();
    priced_beyond_.clear();
    auto compare = [&](std::size_t j, const Estimate& e) {
      if (e.kind != Estimate::Kind::kPriced) {
        close_.push_back({j, -kInfinity, 0});  // apart only if it is the one bought
      } else if (e.low <= ceiling) {
        close_.push_back({j, e.low, (e.unit_price - e.unit_error) * (1 - 4 * kEpsilon)});
      }
    };
    if (check) {
      for (const auto& [j, e] : evaluated) compare(j, e);
    }
    for (; check && separated && scanned < live.size() && live[scanned].afford <= ceiling;
         ++scanned) {
      const double afford = live[scanned].afford;
      Estimate e = estimate(mes_.items_[live[scanned].item], afford);
      if (dropped(scanned, e)) continue;
      if (e.kind == Estimate::Kind::kPriced) {
        live[scanned].afford = std::max(afford, e.low);
        priced_beyond_.emplace_back(scanned, e.low);
      }
      compare(scanned, e);
    }
    contenders.clear();
    for (const auto& [j, e] : evaluated) {
      const double low = e.kind == Estimate::Kind::kPriced ? e.low : live[j].afford;
      if (low <= best_high) contenders.emplace_back(j, &e);
    }
    std::optional<std::size_t> winner;
    double unit_price = 0, unit_error = 0;
    if (contenders.size() == 1 && contenders[0].second->kind == Estimate::Kind::kPriced) {
      winner = contenders[0].first;
      unit_price = contenders[0].second->unit_price;
      unit_error = contenders[0].second->unit_error;
    } else if (!contenders.empty()) {
      if (const auto exact = exact_winner()) {
        winner = exact->first;
        unit_price = exact->second;
        unit_error = 4 * kEpsilon * unit_price;
      }
    }
    if (!winner && std::none_of(drop.begin(), drop.end(), [](bool d) { return d; })) break;
    if (winner) {
      // A purchase the earlier run did not make: the runs differ.
      const bool bought_alike = check && mes_.items_[live[*winner].item].project ==
                                             earlier->selected[mes_.free_.size() + round];
      // How fast the close projects' prices fall serves the separation only, and only while it
      // holds, this round's purchase made alike; the purchase's own fall comes with it.
      for (Close& c : close_) {
        if (separated && bought_alike && c.live_index != *winner && c.low > -kInfinity) {
          c.fall = price_fall_now(mes_.items_[live[c.live_index].item], c.low_unit_price);
        }
      }
      buy(live[*winner].item, unit_price, unit_error);
      selected.push_back(mes_.items_[live[*winner].item].project);
      drop[*winner] = true;
      Purchase& bought = purchases_.back();
      if (tracing_) {
        auto consider = [&](std::size_t j, double low) {
          if (j == *winner) return;
          double fall = 0;
          for (const Close& c : close_) fall = c.live_index == j ? c.fall : fall;
          bought.rivals.push_back({mes_.items_[live[j].item].project, low, fall});
        };
        for (const auto& [j, e] : evaluated) {
          if (e.kind == Estimate::Kind::kPriced) consider(j, e.low);
        }
        for (const auto& [j, low] : priced_beyond_) consider(j, low);
      }
      alike_ = bought_alike;
      separated = separated && alike_;
      if (alike_) update_climb(bought);
      rounds_alike += alike_;
      // Each close project must stay above the purchase's price over the interval; both bounds
      // are lines in the raise, so it is enough that they are apart at both ends.
      if (separated) {
        const double span = static_cast<double>(raise_ - earlier->raise) * (1 - 4 * kEpsilon);
        const double fell = price_fall_of(bought) * span;
        const double ceiling_now = ceiling - fell + 4 * kEpsilon * ceiling;
        const double ceiling_then = ceiling * (1 + 4 * kEpsilon);
        for (const Close& c : close_) {
          if (c.live_index == *winner) continue;
          separated = separated && c.low > ceiling_now &&
                      c.low + c.fall * span * (1 - 4 * kEpsilon) > ceiling_then;
        }
      }
    }
    // Only the bounds of the projects scanned rose: re-sort those and merge them back.
    std::size_t kept = 0, kept_scanned = 0;
    for (std::size_t j = 0; j < live.size(); ++j) {
      if (drop[j]) continue;
      live[kept++] = live[j];
      if (j < scanned) kept_scanned = kept;
    }
    live.resize(kept);
    const auto middle = live.begin() + static_cast<std::ptrdiff_t>(kept_scanned);
    std::sort(live.begin(), middle, by_afford);
    std::inplace_merge(live.begin(), middle, live.end(), by_afford);
  }
  if (rounds != nullptr) {
    replay();
    rounds->reserve(rounds->size() + purchases_.size());
    for (const Purchase& purchase : purchases_) {
      const Item& item = mes_.items_[purchase.item];
      Round round;
      round.project = item.project;
      round.selected = true;
      round.reason = "selected";
      round.price = divided(*purchase.unit_price, item.scale);
      round.payers = purchase.payers;
      rounds->push_back(std::move(round));
    }
  }
  if (trace != nullptr) {
    trace->raise = raise_;
    trace->separated = separated || earlier == nullptr;
    trace->price_ceilings.clear();
    trace->price_falls.clear();
    trace->price_slopes.clear();
    trace->short_payers.clear();
    trace->rivals.clear();
    trace->out_of_reach = std::move(out_of_reach_);
    out_of_reach_.clear();
    // Secants from the earlier run, where the rounds compare: as far as the runs bought alike.
    const double span = earlier != nullptr ? static_cast<double>(raise_ - earlier->raise) : 0;
    auto secant = [&](double then, double now) { return (now - then) / span; };
    for (std::size_t t = 0; t < purchases_.size(); ++t) {
      Purchase& purchase = purchases_[t];
      trace->price_ceilings.push_back(purchase.price_ceiling);
      trace->price_falls.push_back(price_fall_of(purchase));
      trace->price_slopes.push_back(
          t < rounds_alike ? secant(earlier->price_ceilings[t], purchase.price_ceiling) : 0);
      if (earlier != nullptr && t <= rounds_alike && t < earlier->rivals.size()) {
        for (auto& rival : purchase.rivals) {
          if (const auto then = earlier->price_floor(t, rival.project)) {
            rival.price_slope = secant(*then, rival.price_floor);
          }
        }
      }
      trace->rivals.push_back(std::move(purchase.rivals));
      trace->short_payers.push_back(std::move(purchase.short_payers));
    }
  }
  return selected;
}

EqualShares::~EqualShares() = default;

std::vector<std::uint32_t> EqualShares::run(const Rational& base, std::int64_t raise,
                                            std::vector<Round>* rounds) {
  if (!workspace_) workspace_ = std::make_unique<EqualSharesRun>(*this);
  workspace_->reset(base, raise, false, nullptr);
  return workspace_->selected(rounds, nullptr, nullptr);
}

EqualShares::Trace EqualShares::run_after(const Rational& base, std::int64_t raise,
                                          const Trace* earlier) {
  if (!workspace_) workspace_ = std::make_unique<EqualSharesRun>(*this);
  workspace_->reset(base, raise, true, earlier);
  Trace trace;
  trace.selected = workspace_->selected(nullptr, &trace, earlier);
  return trace;
}

}  // namespace participa::pb::detail
