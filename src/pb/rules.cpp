#include "participa/pb/rules.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <optional>

#include "participa/core/rng.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "pb/equal_shares_engine.hpp"

namespace participa::pb {

std::string_view to_string(Satisfaction s) {
  switch (s) {
    case Satisfaction::kCost:
      return "cost";
    case Satisfaction::kCardinality:
      return "cardinality";
    case Satisfaction::kPoints:
      return "points";
    case Satisfaction::kBorda:
      return "borda";
  }
  return "unknown";
}

absl::StatusOr<Satisfaction> parse_satisfaction(std::string_view text) {
  for (auto s : {Satisfaction::kCost, Satisfaction::kCardinality, Satisfaction::kPoints,
                 Satisfaction::kBorda}) {
    if (text == to_string(s)) return s;
  }
  return absl::InvalidArgumentError(
      str_cat("satisfaction '", text, "' is not cost, cardinality, points or borda"));
}

std::string_view to_string(Completion c) {
  switch (c) {
    case Completion::kNone:
      return "none";
    case Completion::kAddOne:
      return "add1";
    case Completion::kAddOneUntilInfeasible:
      return "add1-until-infeasible";
    case Completion::kAddOneThenGreedy:
      return "add1-greedy";
    case Completion::kGreedy:
      return "greedy";
  }
  return "unknown";
}

absl::StatusOr<Completion> parse_completion(std::string_view text) {
  for (auto c : {Completion::kNone, Completion::kAddOne, Completion::kAddOneUntilInfeasible,
                 Completion::kAddOneThenGreedy, Completion::kGreedy}) {
    if (text == to_string(c)) return c;
  }
  return absl::InvalidArgumentError(str_cat(
      "completion '", text, "' is not none, add1, add1-until-infeasible, add1-greedy or greedy"));
}

namespace {

using detail::Satisfactions;

// satisfactions(election, s, with_supporters) — every project's scale and total units, and
// each supporter's units when `with_supporters` (equal shares needs them, greedy does not;
// without them `first` and `supporters` stay empty).
absl::StatusOr<Satisfactions> satisfactions(const Election& election, Satisfaction s,
                                            bool with_supporters) {
  const tally::Profile& profile = election.profile;
  const auto& projects = election.instance.projects;
  const tally::BallotKind kind = profile.kind();
  const bool approval = kind == tally::BallotKind::kApproval;
  const bool points = kind == tally::BallotKind::kCumulative || kind == tally::BallotKind::kScore;
  const bool ranked = kind == tally::BallotKind::kRanked;
  if ((s == Satisfaction::kCost || s == Satisfaction::kCardinality) && !approval) {
    return absl::InvalidArgumentError(str_cat(to_string(s),
                                              " satisfaction needs approval votes, not ",
                                              to_string(election.instance.vote_type)));
  }
  if (s == Satisfaction::kPoints && !points) {
    return absl::InvalidArgumentError(
        str_cat("points satisfaction needs cumulative or scoring votes, not ",
                to_string(election.instance.vote_type)));
  }
  if (s == Satisfaction::kBorda && !ranked) {
    return absl::InvalidArgumentError(str_cat("borda satisfaction needs ordinal votes, not ",
                                              to_string(election.instance.vote_type)));
  }
  Satisfactions out;
  out.scale.resize(projects.size(), Rational(1));
  if (s == Satisfaction::kCost) {
    for (std::size_t p = 0; p < projects.size(); ++p) out.scale[p] = projects[p].cost;
  }
  // Calls visit(project, group, units) for every mark worth something.
  auto for_each_mark = [&](auto visit) {
    for (std::size_t g = 0; g < profile.num_distinct(); ++g) {
      tally::BallotView b = profile.ballot(g);
      const auto length = static_cast<std::int64_t>(b.marks.size());
      for (std::size_t k = 0; k < b.marks.size(); ++k) {
        const std::uint32_t p = b.marks[k];
        std::int64_t units = 1;
        if (s == Satisfaction::kCost && projects[p].cost <= 0) units = 0;
        if (s == Satisfaction::kPoints) units = b.values[k];
        if (s == Satisfaction::kBorda) units = length - b.values[k] - 1;
        if (units > 0) {
          visit(p, static_cast<std::uint32_t>(g), static_cast<std::uint64_t>(units));
        }
      }
    }
  };
  // Σ weight × units per project, in 64 bits unless that overflows.
  std::vector<std::uint64_t> total_units(projects.size(), 0);
  std::vector<bool> overflows(projects.size(), false);
  // With supporters, out.first counts them first (shifted by one), then becomes offsets.
  if (with_supporters) out.first.assign(projects.size() + 1, 0);
  for_each_mark([&](std::uint32_t p, std::uint32_t g, std::uint64_t units) {
    std::uint64_t weighted = 0;
    overflows[p] = overflows[p] || __builtin_mul_overflow(units, profile.weight(g), &weighted) ||
                   __builtin_add_overflow(total_units[p], weighted, &total_units[p]);
    if (with_supporters) ++out.first[p + 1];
  });
  if (with_supporters) {
    std::partial_sum(out.first.begin(), out.first.end(), out.first.begin());
    out.supporters.resize(out.first.back());
    std::vector<std::uint32_t> next(out.first.begin(), out.first.end() - 1);
    for_each_mark([&](std::uint32_t p, std::uint32_t g, std::uint64_t units) {
      out.supporters[next[p]++] = {g, units};
    });
  }
  out.total_units.assign(total_units.begin(), total_units.end());
  if (std::find(overflows.begin(), overflows.end(), true) != overflows.end()) {
    for (std::size_t p = 0; p < projects.size(); ++p) {
      if (overflows[p]) out.total_units[p] = 0;
    }
    for_each_mark([&](std::uint32_t p, std::uint32_t g, std::uint64_t units) {
      if (overflows[p]) out.total_units[p] += BigInt(units) * profile.weight(g);
    });
  }
  return out;
}

// Projects in pabutools' default tie-breaking order: by id as text.
std::vector<std::uint32_t> id_order(const Instance& instance) {
  std::vector<std::uint32_t> order(instance.projects.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const int by_id = instance.projects[a].id.compare(instance.projects[b].id);
    return by_id != 0 ? by_id < 0 : a < b;
  });
  return order;
}

// The projects, most favoured in a tie first.
absl::StatusOr<std::vector<std::uint32_t>> tie_order(const Instance& instance,
                                                     const TieBreak& tie_break) {
  const std::size_t n = instance.projects.size();
  switch (tie_break.policy) {
    case TieBreakPolicy::kProjectId:
      return id_order(instance);
    case TieBreakPolicy::kFileOrder: {
      std::vector<std::uint32_t> order(n);
      std::iota(order.begin(), order.end(), 0u);
      return order;
    }
    case TieBreakPolicy::kRandom: {
      auto order = id_order(instance);
      Rng rng(tie_break.seed);
      rng.shuffle(order);
      return order;
    }
    case TieBreakPolicy::kPermutation: {
      if (tie_break.permutation.size() != n) {
        return absl::InvalidArgumentError(str_cat("the tie permutation lists ",
                                                  tie_break.permutation.size(),
                                                  " projects; the instance has ", n));
      }
      std::vector<bool> seen(n, false);
      for (auto p : tie_break.permutation) {
        if (p >= n || seen[p]) {
          return absl::InvalidArgumentError(str_cat("the tie permutation has project #", p,
                                                    p >= n ? ", which does not exist" : " twice"));
        }
        seen[p] = true;
      }
      return tie_break.permutation;
    }
  }
  return id_order(instance);
}

Rational cost_of(const Instance& instance, const std::vector<std::uint32_t>& projects) {
  std::int64_t whole = 0;
  bool all_whole = projects.size() < (std::size_t{1} << 20);
  for (auto p : projects) {
    const Rational& cost = instance.projects[p].cost;
    if (!all_whole || !is_small_whole(cost)) {
      all_whole = false;
      break;
    }
    whole += small_whole_value(cost);
  }
  if (all_whole) return Rational(whole);
  Rational total;
  for (auto p : projects) total += instance.projects[p].cost;
  return total;
}

Outcome start(const Election& election, std::string rule) {
  Outcome o;
  o.rule = std::move(rule);
  o.budget = election.instance.budget;
  o.projects.reserve(election.instance.projects.size());
  for (const auto& p : election.instance.projects) o.projects.push_back(p.id);
  return o;
}

void finish(const Election& election, Outcome& o) {
  o.total_cost = cost_of(election.instance, o.selected);
}

// Every cost and the budget as 64-bit whole numbers of units of their common denominator,
// when those are all below 2^40 (every real file: the denominator is 1). Spending checks then
// cost no gcd; otherwise `whole` is false and callers use exact rationals.
struct WholeCosts {
  explicit WholeCosts(const Instance& instance) {
    using boost::multiprecision::denominator;
    // Below 2^20 projects of below 2^40 units each, every sum fits in 64 bits.
    if (instance.projects.size() >= (std::size_t{1} << 20)) return;
    whole = is_small_whole(instance.budget);
    for (const auto& p : instance.projects) whole = whole && is_small_whole(p.cost);
    if (!whole) {
      common = denominator(instance.budget);
      for (const auto& p : instance.projects) {
        const BigInt d = denominator(p.cost);
        common = common / gcd(common, d) * d;
      }
      whole = units(instance.budget).has_value();
      for (const auto& p : instance.projects) whole = whole && units(p.cost).has_value();
      if (!whole) return;
    }
    budget = *units(instance.budget);
    cost.reserve(instance.projects.size());
    for (const auto& p : instance.projects) cost.push_back(*units(p.cost));
  }

  // `amount` in units, if it is a whole number of them below 2^40.
  std::optional<std::int64_t> units(const Rational& amount) const {
    if (common == 1) {
      if (!is_small_whole(amount)) return std::nullopt;
      return small_whole_value(amount);
    }
    const Rational scaled = amount * Rational(common);
    if (!is_small_whole(scaled)) return std::nullopt;
    return small_whole_value(scaled);
  }
  Rational amount(std::int64_t in_units) const {
    return common == 1 ? Rational(in_units) : Rational(in_units) / Rational(common);
  }

  bool whole = false;
  BigInt common = 1;  // the costs' and the budget's common denominator
  std::int64_t budget = 0;
  std::vector<std::int64_t> cost;
};

// Money left while a rule spends it, in whole units when the costs and the starting amount
// allow (see WholeCosts), else exact.
class Purse {
 public:
  Purse(const Instance& instance, Rational start)
      : instance_(instance), costs_(instance), left_(std::move(start)) {
    if (!costs_.whole) return;
    const auto in_units = costs_.units(left_);
    whole_ = in_units.has_value();
    left_units_ = in_units.value_or(0);
  }

  bool affords(std::uint32_t project) const {
    return whole_ ? costs_.cost[project] <= left_units_ : instance_.projects[project].cost <= left_;
  }
  void pay(std::uint32_t project) {
    if (whole_) {
      left_units_ -= costs_.cost[project];
    } else {
      left_ -= instance_.projects[project].cost;
    }
  }
  Rational left() const { return whole_ ? costs_.amount(left_units_) : left_; }

 private:
  const Instance& instance_;
  WholeCosts costs_;
  Rational left_;
  bool whole_ = false;
  std::int64_t left_units_ = 0;
};

// Total satisfaction per unit of cost (cost > 0), in 64-bit integers when it can be.
Rational density_of(const Satisfactions& sats, std::uint32_t p, const Rational& cost) {
  const BigInt& units = sats.total_units[p];
  const Rational& scale = sats.scale[p];
  std::uint64_t numerator_units = 0;
  if (is_small_whole(cost) && is_small_whole(scale) && units < (BigInt(1) << 63) &&
      !__builtin_mul_overflow(units.convert_to<std::uint64_t>(),
                              static_cast<std::uint64_t>(small_whole_value(scale)),
                              &numerator_units)) {
    return fraction(numerator_units, static_cast<std::uint64_t>(small_whole_value(cost)));
  }
  return sats.total(p) / cost;
}

// A greedy step: the project is selected if the money left covers it, else it does not fit.
// Returns whether it was selected.
bool select_if_it_fits(Purse& purse, std::uint32_t project, Outcome& o, Step& step) {
  const bool fits = purse.affords(project);
  if (fits) {
    purse.pay(project);
    o.selected.push_back(project);
    step.selected = true;
    step.reason = "selected";
  } else {
    step.reason = "does not fit";
  }
  step.budget_left = purse.left();
  return fits;
}

// The greedy pass shared by the greedy rule and the greedy completion.
void greedy_pass(const Election& election, const Satisfactions& sats,
                 const std::vector<std::uint32_t>& initial, const std::vector<std::uint32_t>& order,
                 Outcome& o) {
  const Instance& instance = election.instance;
  std::vector<bool> taken(instance.projects.size(), false);
  for (auto p : initial) taken[p] = true;
  o.selected = initial;
  // Density: total satisfaction per unit of cost; unsupported projects 0, free ones first.
  struct Entry {
    std::uint32_t project;
    int klass;  // 0: free and supported, 1: positive density, 2: unsupported
    Rational density;
    double density_d;
  };
  std::vector<Entry> entries;
  for (std::uint32_t p : order) {
    if (taken[p]) continue;
    const Rational& cost = instance.projects[p].cost;
    if (sats.total_units[p] == 0) {
      entries.push_back({p, 2, Rational(0), 0});
    } else if (cost == 0) {
      entries.push_back({p, 0, Rational(0), 0});
    } else {
      Rational density = density_of(sats, p, cost);
      const double density_d = to_double(density);
      entries.push_back({p, 1, std::move(density), density_d});
    }
  }
  // Densities far apart in floating point (beyond a few units in the last place) compare the
  // same exactly, so the order is the exact one at a fraction of its cost. Equal densities keep
  // the tie order (entries follow it).
  std::vector<std::uint32_t> by_density(entries.size());
  std::iota(by_density.begin(), by_density.end(), 0u);
  std::sort(by_density.begin(), by_density.end(), [&](std::uint32_t i, std::uint32_t j) {
    const Entry& a = entries[i];
    const Entry& b = entries[j];
    if (a.klass != b.klass) return a.klass < b.klass;
    const double gap = a.density_d - b.density_d;
    const double margin = 1e-12 * std::max(a.density_d, b.density_d);
    if (gap > margin) return true;
    if (gap < -margin) return false;
    if (a.density != b.density) return a.density > b.density;
    return i < j;
  });
  Purse purse(instance, initial.empty() ? instance.budget
                                        : Rational(instance.budget - cost_of(instance, initial)));
  o.steps.reserve(o.steps.size() + entries.size());
  for (std::uint32_t i : by_density) {
    Entry& e = entries[i];
    Step step;
    step.project = e.project;
    step.rho = std::move(e.density);
    select_if_it_fits(purse, e.project, o, step);
    o.steps.push_back(std::move(step));
  }
}

bool exhaustive(const Instance& instance, const std::vector<std::uint32_t>& selected,
                const std::vector<std::uint32_t>& among) {
  const Rational spent = cost_of(instance, selected);
  for (auto p : among) {
    if (std::find(selected.begin(), selected.end(), p) != selected.end()) continue;
    if (spent + instance.projects[p].cost <= instance.budget) return false;
  }
  return true;
}

// The spending checks of the add-one loop, run once per raise: in whole units when the costs
// allow (see WholeCosts), else in exact rationals.
class Ledger {
 public:
  explicit Ledger(const Instance& instance) : instance_(instance), costs_(instance) {}

  bool fits(const std::vector<std::uint32_t>& selected) const {
    if (!costs_.whole) return cost_of(instance_, selected) <= instance_.budget;
    return spent(selected) <= costs_.budget;
  }

  bool exhaustive(const std::vector<std::uint32_t>& selected,
                  const std::vector<std::uint32_t>& among) const {
    if (!costs_.whole) return participa::pb::exhaustive(instance_, selected, among);
    std::vector<bool> taken(costs_.cost.size(), false);
    for (auto p : selected) taken[p] = true;
    const std::int64_t left = costs_.budget - spent(selected);
    for (auto p : among) {
      if (!taken[p] && costs_.cost[p] <= left) return false;
    }
    return true;
  }

 private:
  std::int64_t spent(const std::vector<std::uint32_t>& selected) const {
    std::int64_t total = 0;
    for (auto p : selected) total += costs_.cost[p];
    return total;
  }

  const Instance& instance_;
  WholeCosts costs_;
};

std::vector<std::uint32_t> all_projects(const Instance& instance) {
  std::vector<std::uint32_t> out(instance.projects.size());
  std::iota(out.begin(), out.end(), 0u);
  return out;
}

}  // namespace

// The tie order as result parameters (nothing for the default).
static void tie_parameters(const TieBreak& tie_break, Outcome& o) {
  switch (tie_break.policy) {
    case TieBreakPolicy::kProjectId:
      return;
    case TieBreakPolicy::kFileOrder:
      o.parameters.emplace_back("tie_break", "file-order");
      return;
    case TieBreakPolicy::kPermutation:
      o.parameters.emplace_back("tie_break", "permutation");
      return;
    case TieBreakPolicy::kRandom:
      o.parameters.emplace_back("tie_break", "random");
      o.parameters.emplace_back("seed", str_cat(tie_break.seed));
      return;
  }
}

absl::StatusOr<TieBreakPolicy> parse_tie_break_policy(std::string_view text) {
  if (text == "project-id") return TieBreakPolicy::kProjectId;
  if (text == "file-order") return TieBreakPolicy::kFileOrder;
  if (text == "permutation") return TieBreakPolicy::kPermutation;
  if (text == "random") return TieBreakPolicy::kRandom;
  return absl::InvalidArgumentError(
      str_cat("tie order '", text, "' is not project-id, file-order, permutation or random"));
}

absl::StatusOr<Outcome> greedy(const Election& election, Satisfaction satisfaction,
                               const std::vector<std::uint32_t>& initial,
                               const TieBreak& tie_break) {
  PARTICIPA_ASSIGN_OR_RETURN(Satisfactions sats, satisfactions(election, satisfaction, false));
  PARTICIPA_ASSIGN_OR_RETURN(auto order, tie_order(election.instance, tie_break));
  Outcome o = start(election, "greedy");
  o.parameters.emplace_back("satisfaction", std::string(to_string(satisfaction)));
  tie_parameters(tie_break, o);
  greedy_pass(election, sats, initial, order, o);
  finish(election, o);
  return o;
}

absl::StatusOr<Outcome> equal_shares(const Election& election, Satisfaction satisfaction,
                                     Completion completion, const TieBreak& tie_break) {
  PARTICIPA_ASSIGN_OR_RETURN(Satisfactions sats, satisfactions(election, satisfaction, true));
  PARTICIPA_ASSIGN_OR_RETURN(auto order, tie_order(election.instance, tie_break));
  const Instance& instance = election.instance;
  const std::uint64_t voters = election.profile.total_weight();
  Outcome o = start(election, "equal-shares");
  o.parameters.emplace_back("satisfaction", std::string(to_string(satisfaction)));
  o.parameters.emplace_back("completion", std::string(to_string(completion)));
  tie_parameters(tie_break, o);
  if (voters == 0) {
    finish(election, o);
    return o;
  }
  detail::EqualShares mes(election, sats, order);
  const Rational per_voter = instance.budget / Rational(voters);
  const bool add_one = completion == Completion::kAddOne ||
                       completion == Completion::kAddOneThenGreedy ||
                       completion == Completion::kAddOneUntilInfeasible;
  if (!add_one) {
    o.selected = mes.run(per_voter, 0, &o.steps);
  } else {
    // Raise every voter's budget by one unit at a time; keep the last feasible outcome. Once
    // every supported project is funded, more budget changes nothing: stop there too.
    const bool stop_when_exhaustive = completion != Completion::kAddOneUntilInfeasible;
    // Runs skip the explanation; the one kept is run again with it.
    const Ledger ledger(instance);
    std::vector<bool> buyable(instance.projects.size(), false);
    for (auto p : mes.available()) buyable[p] = true;
    for (std::int64_t k = 0;; ++k) {
      if (k > kMaxBudgetIncrements) {
        return absl::OutOfRangeError(
            str_cat("equal shares: no stopping point after raising each "
                    "voter's budget by ",
                    kMaxBudgetIncrements));
      }
      auto outcome = mes.run(per_voter, k, nullptr);
      if (!ledger.fits(outcome)) {
        o.budget_increments = k - 1;
        break;
      }
      const auto funded =
          std::count_if(outcome.begin(), outcome.end(), [&](auto p) { return buyable[p]; });
      const bool all_funded = static_cast<std::size_t>(funded) == mes.available().size();
      if (all_funded || (stop_when_exhaustive && ledger.exhaustive(outcome, mes.available()))) {
        o.budget_increments = k;
        break;
      }
    }
    o.selected = mes.run(per_voter, o.budget_increments, &o.steps);
  }
  const bool then_greedy =
      completion == Completion::kGreedy || completion == Completion::kAddOneThenGreedy;
  if (then_greedy && !exhaustive(instance, o.selected, all_projects(instance))) {
    Satisfaction greedy_sat =
        satisfaction == Satisfaction::kCardinality ? Satisfaction::kCost : satisfaction;
    PARTICIPA_ASSIGN_OR_RETURN(Satisfactions gsats, satisfactions(election, greedy_sat, false));
    greedy_pass(election, gsats, std::vector<std::uint32_t>(o.selected), order, o);
  }
  finish(election, o);
  return o;
}

// Σ weight × load over a project's supporters, in floating point; four running sums keep the
// additions from waiting on one another.
static double weighted_load(const std::vector<std::uint32_t>& groups,
                            const std::vector<double>& weight,
                            const std::vector<std::uint32_t>& load_class,
                            const std::vector<double>& load) {
  double sum[4] = {0, 0, 0, 0};
  const std::size_t n = groups.size();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    for (std::size_t k = 0; k < 4; ++k) {
      const std::uint32_t g = groups[i + k];
      sum[k] += weight[g] * load[load_class[g]];
    }
  }
  for (; i < n; ++i) sum[0] += weight[groups[i]] * load[load_class[groups[i]]];
  return (sum[0] + sum[1]) + (sum[2] + sum[3]);
}

absl::StatusOr<Outcome> phragmen(const Election& election, const TieBreak& tie_break) {
  if (election.profile.kind() != tally::BallotKind::kApproval) {
    return absl::InvalidArgumentError(
        str_cat("phragmen needs approval votes, not ", to_string(election.instance.vote_type)));
  }
  const Instance& instance = election.instance;
  const tally::Profile& profile = election.profile;
  PARTICIPA_ASSIGN_OR_RETURN(auto order, tie_order(election.instance, tie_break));
  Outcome o = start(election, "phragmen");
  tie_parameters(tie_break, o);
  std::vector<std::vector<std::uint32_t>> supporters(instance.projects.size());
  std::vector<std::uint64_t> approvals(instance.projects.size(), 0);
  for (std::size_t g = 0; g < profile.num_distinct(); ++g) {
    for (auto p : profile.ballot(g).marks) {
      supporters[p].push_back(static_cast<std::uint32_t>(g));
      approvals[p] += profile.weight(g);
    }
  }
  // Loads take few distinct values (every supporter of a bought project gets the same new
  // load), so groups point at a load class. Each class's load is exact; new loads are first
  // compared in floating point, with a bound on the rounding, and exactly when bounds overlap.
  std::vector<double> weight_d(profile.num_distinct());
  for (std::size_t g = 0; g < weight_d.size(); ++g)
    weight_d[g] = static_cast<double>(profile.weight(g));
  std::vector<std::uint32_t> load_class(profile.num_distinct(), 0);
  std::vector<Rational> load_value = {Rational(0)};
  std::vector<double> load_d = {0.0};
  std::vector<std::uint64_t> weight_in_class;
  auto exact_new_load = [&](std::uint32_t p) {
    weight_in_class.assign(load_value.size(), 0);
    for (auto g : supporters[p]) weight_in_class[load_class[g]] += profile.weight(g);
    // One fraction over the product of the denominators, reduced once at the end: a gcd per
    // term would cost more than the products.
    BigInt num = numerator(instance.projects[p].cost);
    BigInt den = denominator(instance.projects[p].cost);
    for (std::size_t c = 1; c < load_value.size(); ++c) {
      if (weight_in_class[c] == 0) continue;
      const BigInt& q = denominator(load_value[c]);
      if (q == den) {
        num += numerator(load_value[c]) * weight_in_class[c];
      } else {
        num = num * q + numerator(load_value[c]) * weight_in_class[c] * den;
        den *= q;
      }
    }
    den *= approvals[p];
    if (num.backend().size() == 1 && den.backend().size() == 1 && num.sign() > 0) {
      return fraction(num.convert_to<std::uint64_t>(), den.convert_to<std::uint64_t>());
    }
    return Rational(num, den);
  };
  std::vector<std::uint32_t> remaining;
  std::vector<double> cost_d(instance.projects.size());
  for (std::uint32_t p : order) {
    cost_d[p] = to_double(instance.projects[p].cost);
    if (instance.projects[p].cost <= instance.budget) remaining.push_back(p);
  }
  constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
  struct Estimate {
    std::uint32_t project;
    double low, high;
  };
  std::vector<Estimate> estimates;
  estimates.reserve(remaining.size());
  o.steps.reserve(remaining.size() + 1);
  Purse purse(instance, instance.budget);
  while (!remaining.empty()) {
    // The smallest new maximal load; projects nobody approves come last (infinite load).
    estimates.clear();
    double best_high = std::numeric_limits<double>::infinity();
    for (auto p : remaining) {
      if (approvals[p] == 0) continue;
      const double loads = weighted_load(supporters[p], weight_d, load_class, load_d);
      const double load = (cost_d[p] + loads) / static_cast<double>(approvals[p]);
      const double bound = 2 * (static_cast<double>(supporters[p].size()) + 8) * kEpsilon * load;
      estimates.push_back({p, load - bound, load + bound});
      best_high = std::min(best_high, load + bound);
    }
    std::optional<Rational> best;
    std::vector<std::uint32_t> argmin;
    for (const Estimate& e : estimates) {
      if (e.low > best_high) continue;
      Rational new_load = exact_new_load(e.project);
      if (!best || new_load < *best) {
        best = std::move(new_load);
        argmin = {e.project};
      } else if (new_load == *best) {
        argmin.push_back(e.project);
      }
    }
    const bool infinite = !best;
    if (infinite) {
      for (auto p : remaining) argmin.push_back(p);
    }
    bool breaks_budget = std::any_of(argmin.begin(), argmin.end(),
                                     [&](std::uint32_t p) { return !purse.affords(p); });
    if (breaks_budget) {
      Step step;
      step.project = argmin.front();
      step.reason = "stopped: does not fit";
      step.budget_left = purse.left();
      o.steps.push_back(std::move(step));
      break;
    }
    const std::uint32_t chosen = argmin.front();  // argmin follows the tie order
    if (!infinite) {
      load_d.push_back(to_double(*best));
      load_value.push_back(*best);
      const auto new_class = static_cast<std::uint32_t>(load_value.size() - 1);
      for (auto g : supporters[chosen]) load_class[g] = new_class;
    }
    purse.pay(chosen);
    o.selected.push_back(chosen);
    Step step;
    step.project = chosen;
    step.selected = true;
    step.reason = "selected";
    if (!infinite) step.rho = *best;
    step.payers = approvals[chosen];
    step.budget_left = purse.left();
    o.steps.push_back(std::move(step));
    remaining.erase(std::find(remaining.begin(), remaining.end(), chosen));
  }
  finish(election, o);
  return o;
}

absl::StatusOr<Outcome> max_welfare(const Election& election, Satisfaction satisfaction,
                                    const TieBreak& tie_break) {
  PARTICIPA_ASSIGN_OR_RETURN(Satisfactions sats, satisfactions(election, satisfaction, false));
  PARTICIPA_ASSIGN_OR_RETURN(auto order, tie_order(election.instance, tie_break));
  const Instance& instance = election.instance;
  Outcome o = start(election, "max-welfare");
  o.parameters.emplace_back("satisfaction", std::string(to_string(satisfaction)));
  tie_parameters(tie_break, o);
  // Free supported projects always belong; the rest are searched in density order.
  struct Item {
    std::uint32_t project;
    Rational cost, value;
  };
  std::vector<Item> items;
  std::vector<std::uint32_t> chosen;
  for (std::uint32_t p : order) {
    if (sats.total(p) <= 0) continue;
    if (instance.projects[p].cost == 0) {
      chosen.push_back(p);
    } else if (instance.projects[p].cost <= instance.budget) {
      items.push_back({p, instance.projects[p].cost, sats.total(p)});
    }
  }
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return a.value * b.cost > b.value * a.cost;
  });
  std::vector<bool> take(items.size(), false), best_take(items.size(), false);
  Rational best_value = -1;
  std::uint64_t nodes = 0;
  bool exhausted = false;
  // Upper bound: current value plus the fractional knapsack of items from `from` on.
  auto bound = [&](std::size_t from, Rational room, Rational value) {
    for (std::size_t i = from; i < items.size(); ++i) {
      if (items[i].cost <= room) {
        room -= items[i].cost;
        value += items[i].value;
      } else {
        value += items[i].value * room / items[i].cost;
        break;
      }
    }
    return value;
  };
  std::function<void(std::size_t, const Rational&, const Rational&)> search =
      [&](std::size_t i, const Rational& room, const Rational& value) {
        if (exhausted) return;
        if (++nodes > kMaxWelfareNodes) {
          exhausted = true;
          return;
        }
        if (i == items.size()) {
          if (value > best_value) {
            best_value = value;
            best_take = take;
          }
          return;
        }
        if (bound(i, room, value) <= best_value) return;
        if (items[i].cost <= room) {
          take[i] = true;
          search(i + 1, room - items[i].cost, value + items[i].value);
          take[i] = false;
        }
        search(i + 1, room, value);
      };
  search(0, instance.budget, Rational(0));
  if (exhausted) {
    return absl::OutOfRangeError(str_cat("max-welfare: the exact search passed ", kMaxWelfareNodes,
                                         " nodes on ", items.size(), " projects"));
  }
  o.selected = chosen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (best_take[i]) o.selected.push_back(items[i].project);
  }
  Rational left = instance.budget - cost_of(instance, o.selected);
  for (auto p : o.selected) {
    Step step;
    step.project = p;
    step.selected = true;
    step.reason = "selected";
    step.rho = sats.total(p);
    step.budget_left = left;
    o.steps.push_back(std::move(step));
  }
  finish(election, o);
  return o;
}

absl::StatusOr<Outcome> consul(const Election& election, const ConsulRules& rules,
                               const TieBreak& tie_break) {
  const Instance& instance = election.instance;
  if (election.profile.kind() != tally::BallotKind::kApproval) {
    return absl::InvalidArgumentError(
        str_cat("consul needs approval votes, not ", to_string(instance.vote_type)));
  }
  PARTICIPA_RETURN_IF_ERROR(VotingSnapshot::freeze(instance, rules).status());
  PARTICIPA_ASSIGN_OR_RETURN(auto order, tie_order(instance, tie_break));
  std::vector<std::uint64_t> approvals(instance.projects.size(), 0);
  for (std::size_t g = 0; g < election.profile.num_distinct(); ++g) {
    for (auto p : election.profile.ballot(g).marks) approvals[p] += election.profile.weight(g);
  }
  std::map<std::string, std::vector<std::uint32_t>> by_heading;
  for (std::uint32_t p : order) {
    auto it = rules.heading_of.find(instance.projects[p].id);
    by_heading[it == rules.heading_of.end() ? "" : it->second].push_back(p);
  }
  Outcome o = start(election, "consul");
  tie_parameters(tie_break, o);
  o.budget = 0;
  for (auto& [heading, projects] : by_heading) {
    auto money = rules.heading_money.find(heading);
    const Rational& heading_money =
        money == rules.heading_money.end() ? instance.budget : money->second;
    o.budget += heading_money;
    Purse purse(instance, heading_money);
    std::stable_sort(projects.begin(), projects.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return approvals[a] > approvals[b]; });
    for (std::uint32_t p : projects) {
      Step step;
      step.project = p;
      step.payers = approvals[p];
      if (rules.incompatible.count(instance.projects[p].id)) {
        step.reason = "incompatible: never wins";
        step.budget_left = purse.left();
      } else {
        select_if_it_fits(purse, p, o, step);
      }
      o.steps.push_back(std::move(step));
    }
  }
  finish(election, o);
  return o;
}

absl::StatusOr<Outcome> official(const Election& election) {
  const Instance& instance = election.instance;
  const std::string rule = instance.meta_value("rule").value_or("");
  if (rule == "equalshares/add1" || rule == "equalshares/add1-comparison") {
    PARTICIPA_ASSIGN_OR_RETURN(
        Outcome o, equal_shares(election, Satisfaction::kCost, Completion::kAddOneUntilInfeasible));
    o.rule = "official " + rule;
    return o;
  }
  if (rule != "greedy" && rule != "greedy-threshold" && rule != "greedy-no-skip") {
    return absl::FailedPreconditionError(
        str_cat("the file's rule '", rule,
                "' is not one participa reproduces (greedy, greedy-threshold, greedy-no-skip, "
                "equalshares/add1, equalshares/add1-comparison)"));
  }
  const std::string column =
      std::find(instance.project_columns.begin(), instance.project_columns.end(), "score") !=
              instance.project_columns.end()
          ? "score"
          : "votes";
  std::optional<Rational> threshold;
  if (rule == "greedy-threshold") {
    auto text = instance.meta_value("min_project_score_threshold");
    if (!text) {
      return absl::InvalidArgumentError(
          "greedy-threshold needs min_project_score_threshold in META");
    }
    auto t = parse_decimal_text(*text);
    if (!t.ok())
      return absl::InvalidArgumentError(
          str_cat("min_project_score_threshold '", *text, "' is not a number"));
    threshold = *t;
  }
  struct Entry {
    std::uint32_t project;
    Rational score;
  };
  std::vector<Entry> entries;
  for (std::uint32_t p : id_order(instance)) {
    auto it = instance.projects[p].fields.find(column);
    auto score = it == instance.projects[p].fields.end() ? absl::InvalidArgumentError("missing")
                                                         : parse_decimal_text(it->second);
    if (!score.ok()) {
      return absl::InvalidArgumentError(
          str_cat("project '", instance.projects[p].id, "' has no numeric '", column, "' column"));
    }
    entries.push_back({p, *score});
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.score > b.score; });
  Outcome o = start(election, "official " + rule);
  o.parameters.emplace_back("score", column);
  Purse purse(instance, instance.budget);
  for (const Entry& e : entries) {
    Step step;
    step.project = e.project;
    step.rho = e.score;
    if (threshold && e.score < *threshold) {
      step.reason = "below the score threshold";
      step.budget_left = purse.left();
    } else if (!select_if_it_fits(purse, e.project, o, step) && rule == "greedy-no-skip") {
      step.reason = "stopped: does not fit";
      o.steps.push_back(std::move(step));
      break;
    }
    o.steps.push_back(std::move(step));
  }
  finish(election, o);
  return o;
}

Rational share_with_a_funded_project(const Election& election, const Outcome& outcome) {
  const tally::Profile& profile = election.profile;
  if (profile.total_weight() == 0) return Rational(0);
  std::vector<bool> funded(election.instance.projects.size(), false);
  for (auto p : outcome.selected) funded[p] = true;
  const bool points = profile.kind() == tally::BallotKind::kCumulative ||
                      profile.kind() == tally::BallotKind::kScore;
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
