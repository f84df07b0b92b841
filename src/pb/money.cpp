#include "pb/money.hpp"

#include <algorithm>

namespace participa::pb::detail {

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

bool exhaustive(const Instance& instance, const std::vector<std::uint32_t>& selected,
                const std::vector<std::uint32_t>& among) {
  const Rational spent = cost_of(instance, selected);
  for (auto p : among) {
    if (std::find(selected.begin(), selected.end(), p) != selected.end()) continue;
    if (spent + instance.projects[p].cost <= instance.budget) return false;
  }
  return true;
}

}  // namespace participa::pb::detail
