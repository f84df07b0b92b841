#include "participa/pb/max_welfare.hpp"

#include <algorithm>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "pb/rule_support.hpp"

namespace participa::pb {
namespace {

// An exact 0-1 knapsack by branch and bound: items in density order, each branch cut when the
// fractional relaxation of what is left cannot beat the best set found.
class Knapsack {
 public:
  struct Item {
    std::uint32_t project;
    Rational cost, value;
  };

  explicit Knapsack(std::vector<Item> items) : items_(std::move(items)) {
    std::stable_sort(items_.begin(), items_.end(), [](const Item& a, const Item& b) {
      return a.value * b.cost > b.value * a.cost;
    });
    take_.assign(items_.size(), false);
    best_take_.assign(items_.size(), false);
  }

  // solve(room) — the projects of the best set, or OutOfRange past kMaxWelfareNodes nodes.
  absl::StatusOr<std::vector<std::uint32_t>> solve(const Rational& room) {
    search(0, room, Rational(0));
    if (exhausted_) {
      return absl::OutOfRangeError(str_cat("max-welfare: the exact search passed ",
                                           kMaxWelfareNodes, " nodes on ", items_.size(),
                                           " projects"));
    }
    std::vector<std::uint32_t> chosen;
    for (std::size_t i = 0; i < items_.size(); ++i) {
      if (best_take_[i]) chosen.push_back(items_[i].project);
    }
    return chosen;
  }

 private:
  // The value so far plus the fractional knapsack of the items from `from` on.
  Rational bound(std::size_t from, Rational room, Rational value) const {
    for (std::size_t i = from; i < items_.size(); ++i) {
      if (items_[i].cost <= room) {
        room -= items_[i].cost;
        value += items_[i].value;
      } else {
        value += items_[i].value * room / items_[i].cost;
        break;
      }
    }
    return value;
  }

  void search(std::size_t i, const Rational& room, const Rational& value) {
    if (exhausted_) return;
    if (++nodes_ > kMaxWelfareNodes) {
      exhausted_ = true;
      return;
    }
    if (i == items_.size()) {
      if (value > best_value_) {
        best_value_ = value;
        best_take_ = take_;
      }
      return;
    }
    if (bound(i, room, value) <= best_value_) return;
    if (items_[i].cost <= room) {
      take_[i] = true;
      search(i + 1, room - items_[i].cost, value + items_[i].value);
      take_[i] = false;
    }
    search(i + 1, room, value);
  }

  std::vector<Item> items_;
  std::vector<bool> take_, best_take_;
  Rational best_value_ = -1;
  std::uint64_t nodes_ = 0;
  bool exhausted_ = false;
};

}  // namespace

absl::StatusOr<Result> max_welfare(const Election& election, Satisfaction satisfaction,
                                   const TieBreak& tie_break) {
  PARTICIPA_RETURN_IF_ERROR(detail::require_ballots(election, "max-welfare"));
  PARTICIPA_ASSIGN_OR_RETURN(detail::Satisfactions sats,
                             detail::satisfactions(election, satisfaction, false));
  PARTICIPA_ASSIGN_OR_RETURN(auto order, detail::tie_order(election.instance, tie_break));
  const Instance& instance = election.instance;
  Result o = detail::start(election, "max-welfare");
  o.parameters.emplace_back("satisfaction", std::string(to_string(satisfaction)));
  detail::record_tie_break(tie_break, o);
  // Free supported projects always belong; the rest are searched.
  std::vector<Knapsack::Item> items;
  for (std::uint32_t p : order) {
    if (sats.total(p) <= 0) continue;
    if (instance.projects[p].cost == 0) {
      o.selected.push_back(p);
    } else if (instance.projects[p].cost <= instance.budget) {
      items.push_back({p, instance.projects[p].cost, sats.total(p)});
    }
  }
  PARTICIPA_ASSIGN_OR_RETURN(auto chosen, Knapsack(std::move(items)).solve(instance.budget));
  o.selected.insert(o.selected.end(), chosen.begin(), chosen.end());
  const Rational left = instance.budget - detail::cost_of(instance, o.selected);
  for (auto p : o.selected) {
    Round round;
    round.project = p;
    round.selected = true;
    round.reason = "selected";
    round.satisfaction = sats.total(p);
    round.budget_left = left;
    o.rounds.push_back(std::move(round));
  }
  detail::finish(election, o);
  return o;
}

}  // namespace participa::pb
