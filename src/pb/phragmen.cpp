#include "participa/pb/phragmen.hpp"

#include <algorithm>
#include <limits>
#include <optional>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "pb/rule_support.hpp"

namespace participa::pb {
namespace {

using detail::Purse;

// The state of a sequential Phragmén count. Loads take few distinct values (every supporter of
// a bought project gets the same new load), so each group of identical voters points at a load
// class. Each class's load is exact; new loads are first compared in floating point, with a
// bound on the rounding, and exactly only when those bounds overlap.
class PhragmenCount {
 public:
  explicit PhragmenCount(const Election& election);

  // The projects of smallest new maximal load among `remaining` (in its order), and that load;
  // no load when nobody approves any of them (they then all tie, with an infinite load).
  struct Cheapest {
    std::optional<Rational> load;
    std::vector<std::uint32_t> projects;
  };
  Cheapest cheapest(const std::vector<std::uint32_t>& remaining);

  // buy(project, load) — its supporters now carry `load`.
  void buy(std::uint32_t project, const Rational& load);

  std::uint64_t approvals(std::uint32_t project) const { return approvals_[project]; }

 private:
  // The new maximal load if `project` were bought, exactly.
  Rational exact_new_load(std::uint32_t project);
  // Σ weight × load over the project's supporters, in floating point.
  double weighted_load(std::uint32_t project) const;

  const Instance& instance_;
  const tally::Profile& profile_;
  std::vector<std::vector<std::uint32_t>> supporters_;  // groups, per project
  std::vector<std::uint64_t> approvals_;
  std::vector<double> weight_d_, cost_d_;
  std::vector<std::uint32_t> load_class_;  // per group
  std::vector<Rational> load_value_ = {Rational(0)};
  std::vector<double> load_d_ = {0.0};
  std::vector<std::uint64_t> weight_in_class_;
};

PhragmenCount::PhragmenCount(const Election& election)
    : instance_(election.instance),
      profile_(election.profile),
      supporters_(instance_.projects.size()),
      approvals_(instance_.projects.size(), 0),
      weight_d_(profile_.num_distinct()),
      cost_d_(instance_.projects.size()),
      load_class_(profile_.num_distinct(), 0) {
  for (std::size_t g = 0; g < profile_.num_distinct(); ++g) {
    weight_d_[g] = static_cast<double>(profile_.weight(g));
    for (auto p : profile_.ballot(g).marks) {
      supporters_[p].push_back(static_cast<std::uint32_t>(g));
      approvals_[p] += profile_.weight(g);
    }
  }
  for (std::size_t p = 0; p < cost_d_.size(); ++p)
    cost_d_[p] = to_double(instance_.projects[p].cost);
}

// Four running sums keep the additions from waiting on one another.
double PhragmenCount::weighted_load(std::uint32_t project) const {
  const std::vector<std::uint32_t>& groups = supporters_[project];
  double sum[4] = {0, 0, 0, 0};
  const std::size_t n = groups.size();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    for (std::size_t k = 0; k < 4; ++k) {
      const std::uint32_t g = groups[i + k];
      sum[k] += weight_d_[g] * load_d_[load_class_[g]];
    }
  }
  for (; i < n; ++i) sum[0] += weight_d_[groups[i]] * load_d_[load_class_[groups[i]]];
  return (sum[0] + sum[1]) + (sum[2] + sum[3]);
}

Rational PhragmenCount::exact_new_load(std::uint32_t p) {
  weight_in_class_.assign(load_value_.size(), 0);
  for (auto g : supporters_[p]) weight_in_class_[load_class_[g]] += profile_.weight(g);
  // One fraction over the product of the denominators, reduced once at the end: a gcd per term
  // would cost more than the products.
  BigInt num = numerator(instance_.projects[p].cost);
  BigInt den = denominator(instance_.projects[p].cost);
  for (std::size_t c = 1; c < load_value_.size(); ++c) {
    if (weight_in_class_[c] == 0) continue;
    const BigInt& q = denominator(load_value_[c]);
    if (q == den) {
      num += numerator(load_value_[c]) * weight_in_class_[c];
    } else {
      num = num * q + numerator(load_value_[c]) * weight_in_class_[c] * den;
      den *= q;
    }
  }
  den *= approvals_[p];
  if (num.backend().size() == 1 && den.backend().size() == 1 && num.sign() > 0) {
    return fraction(num.convert_to<std::uint64_t>(), den.convert_to<std::uint64_t>());
  }
  return Rational(num, den);
}

PhragmenCount::Cheapest PhragmenCount::cheapest(const std::vector<std::uint32_t>& remaining) {
  // Each estimate is within `bound` of the exact load. With u = epsilon / 2 the unit roundoff
  // and every term positive, relative errors add up: each of the n products weight × load is
  // off by at most 2u (the load was rounded from its exact value, then the product), the sum of
  // n terms kept in four running sums by at most (n/4 + 2)u, and rounding the cost, adding it
  // and dividing by the approvals (exact below 2^53) by 3u more: under (n + 8)u in all. The
  // bound 2 (n + 8) epsilon = 4 (n + 8) u leaves a factor of four to spare.
  constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
  struct Estimate {
    std::uint32_t project;
    double low, high;
  };
  std::vector<Estimate> estimates;
  estimates.reserve(remaining.size());
  double best_high = std::numeric_limits<double>::infinity();
  for (auto p : remaining) {
    if (approvals_[p] == 0) continue;
    const double load = (cost_d_[p] + weighted_load(p)) / static_cast<double>(approvals_[p]);
    const double bound = 2 * (static_cast<double>(supporters_[p].size()) + 8) * kEpsilon * load;
    estimates.push_back({p, load - bound, load + bound});
    best_high = std::min(best_high, load + bound);
  }
  Cheapest out;
  for (const Estimate& e : estimates) {
    if (e.low > best_high) continue;
    Rational new_load = exact_new_load(e.project);
    if (!out.load || new_load < *out.load) {
      out.load = std::move(new_load);
      out.projects = {e.project};
    } else if (new_load == *out.load) {
      out.projects.push_back(e.project);
    }
  }
  if (!out.load) out.projects = remaining;
  return out;
}

void PhragmenCount::buy(std::uint32_t project, const Rational& load) {
  load_d_.push_back(to_double(load));
  load_value_.push_back(load);
  const auto new_class = static_cast<std::uint32_t>(load_value_.size() - 1);
  for (auto g : supporters_[project]) load_class_[g] = new_class;
}

}  // namespace

absl::StatusOr<Result> phragmen(const Election& election, const TieBreak& tie_break) {
  PARTICIPA_RETURN_IF_ERROR(detail::require_ballots(election, "phragmen"));
  const Instance& instance = election.instance;
  if (election.profile.kind() != tally::BallotKind::kApproval) {
    return absl::InvalidArgumentError(
        str_cat("phragmen needs approval votes, not ", to_string(instance.vote_type)));
  }
  PARTICIPA_ASSIGN_OR_RETURN(auto order, detail::tie_order(instance, tie_break));
  Result o = detail::start(election, "phragmen");
  detail::record_tie_break(tie_break, o);
  PhragmenCount count(election);
  std::vector<std::uint32_t> remaining;
  for (std::uint32_t p : order) {
    if (instance.projects[p].cost <= instance.budget) remaining.push_back(p);
  }
  o.rounds.reserve(remaining.size() + 1);
  Purse purse(instance, instance.budget);
  while (!remaining.empty()) {
    PhragmenCount::Cheapest cheapest = count.cheapest(remaining);
    Round round;
    round.project = cheapest.projects.front();  // the projects follow the tie order
    if (std::any_of(cheapest.projects.begin(), cheapest.projects.end(),
                    [&](std::uint32_t p) { return !purse.affords(p); })) {
      round.reason = "stopped: does not fit";
      round.budget_left = purse.left();
      o.rounds.push_back(std::move(round));
      break;
    }
    if (cheapest.load) count.buy(round.project, *cheapest.load);
    purse.pay(round.project);
    o.selected.push_back(round.project);
    round.selected = true;
    round.reason = "selected";
    round.load = cheapest.load;
    round.approvals = count.approvals(round.project);
    round.budget_left = purse.left();
    remaining.erase(std::find(remaining.begin(), remaining.end(), round.project));
    o.rounds.push_back(std::move(round));
  }
  detail::finish(election, o);
  return o;
}

}  // namespace participa::pb
