// src/pb/money.hpp — the money a PB rule spends (private to the pb layer).
//
// Costs and budgets are exact rationals. On every real election they are whole numbers of
// one unit (their common denominator is 1), so the hot checks — does this project fit, how much
// is left, is the outcome exhaustive — run in 64-bit integers of that unit and fall back to
// rationals only when the amounts are not whole or too large.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "participa/core/rational.hpp"
#include "participa/pb/instance.hpp"

namespace participa::pb::detail {

// cost_of(instance, projects) — what the projects cost together.
Rational cost_of(const Instance& instance, const std::vector<std::uint32_t>& projects);

// exhaustive(instance, selected, among) — no project of `among` still fits beside `selected`.
bool exhaustive(const Instance& instance, const std::vector<std::uint32_t>& selected,
                const std::vector<std::uint32_t>& among);

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
    if (!costs_.whole) return detail::exhaustive(instance_, selected, among);
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

}  // namespace participa::pb::detail
