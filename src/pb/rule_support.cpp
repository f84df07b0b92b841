#include "pb/rule_support.hpp"

#include <algorithm>
#include <numeric>

#include "participa/core/rng.hpp"
#include "participa/core/strings.hpp"

namespace participa::pb::detail {

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
        if (s == Satisfaction::kBorda) {
          // A strict ranking stores no levels: its level is the position.
          const std::int64_t level = b.values.empty() ? static_cast<std::int64_t>(k) : b.values[k];
          units = length - level - 1;
        }
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

std::vector<std::uint32_t> id_order(const Instance& instance) {
  std::vector<std::uint32_t> order(instance.projects.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const int by_id = instance.projects[a].id.compare(instance.projects[b].id);
    return by_id != 0 ? by_id < 0 : a < b;
  });
  return order;
}

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

std::vector<std::uint32_t> all_projects(const Instance& instance) {
  std::vector<std::uint32_t> out(instance.projects.size());
  std::iota(out.begin(), out.end(), 0u);
  return out;
}

absl::Status require_ballots(const Election& election, std::string_view rule) {
  if (election.profile.total_weight() > 0) return absl::OkStatus();
  return absl::FailedPreconditionError(
      str_cat(rule, ": the election has no ballots, and a budget nobody voted on has no result"));
}

Result start(const Election& election, std::string rule) {
  Result o;
  o.rule = std::move(rule);
  o.budget = election.instance.budget;
  o.projects.reserve(election.instance.projects.size());
  for (const auto& p : election.instance.projects) o.projects.push_back(p.id);
  o.warnings = election.warnings;
  return o;
}

void record_tie_break(const TieBreak& tie_break, Result& o) {
  if (tie_break.policy == TieBreakPolicy::kProjectId) return;
  o.parameters.emplace_back("tie_break", std::string(to_string(tie_break.policy)));
  if (tie_break.policy == TieBreakPolicy::kRandom) {
    o.parameters.emplace_back("seed", str_cat(tie_break.seed));
  }
}

void finish(const Election& election, Result& o) {
  o.total_cost = cost_of(election.instance, o.selected);
}

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

bool select_if_it_fits(Purse& purse, std::uint32_t project, Result& o, Round& round) {
  const bool fits = purse.affords(project);
  if (fits) {
    purse.pay(project);
    o.selected.push_back(project);
    round.selected = true;
    round.reason = "selected";
  } else {
    round.reason = "does not fit";
  }
  round.budget_left = purse.left();
  return fits;
}

void greedy_pass(const Election& election, const Satisfactions& sats,
                 const std::vector<std::uint32_t>& initial, const std::vector<std::uint32_t>& order,
                 Result& o) {
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
  // Densities far apart in floating point compare the same exactly, so the order is the exact
  // one at a fraction of its cost: to_double is within an ulp of the exact density (2^-52, about
  // 2.2e-16, relative), so a relative gap over 1e-12 leaves four orders of magnitude to spare.
  // Closer densities are compared exactly; equal ones keep the tie order (entries follow it).
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
  o.rounds.reserve(o.rounds.size() + entries.size());
  for (std::uint32_t i : by_density) {
    Entry& e = entries[i];
    Round round;
    round.project = e.project;
    round.density = std::move(e.density);
    select_if_it_fits(purse, e.project, o, round);
    o.rounds.push_back(std::move(round));
  }
}

}  // namespace participa::pb::detail
