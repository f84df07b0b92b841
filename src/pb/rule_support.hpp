// src/pb/rule_support.hpp — what the PB rules share (private to the pb layer): satisfaction
// units, tie orders, the start and end of a result, and the greedy pass.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/core/rational.hpp"
#include "participa/pb/instance.hpp"
#include "participa/pb/result.hpp"
#include "participa/pb/satisfaction.hpp"
#include "participa/pb/tie_break.hpp"
#include "pb/money.hpp"

namespace participa::pb::detail {

// What each distinct ballot (a "group" of identical voters) gains from each project: a whole
// number of units of the project's scale. Every satisfaction measure is such a multiple: cost
// (scale = cost, one unit), cardinality (one), points and Borda (scale one).
struct Satisfactions {
  struct Supporter {
    std::uint32_t group;
    std::uint64_t units;
  };
  std::vector<Rational> scale;      // per project
  std::vector<BigInt> total_units;  // per project, Σ weight × units
  // Project p's supporters (units > 0 only) are supporters[first[p] .. first[p + 1]), when
  // they were listed.
  std::vector<std::uint32_t> first;
  std::vector<Supporter> supporters;

  std::span<const Supporter> supporters_of(std::uint32_t project) const {
    return std::span(supporters).subspan(first[project], first[project + 1] - first[project]);
  }
  Rational total(std::uint32_t project) const {
    if (scale[project] == 1) return Rational(total_units[project]);
    return scale[project] * Rational(total_units[project]);
  }
};

// satisfactions(election, s, with_supporters) — every project's scale and total units, and
// each supporter's units when `with_supporters` (equal shares needs them, greedy does not;
// without them `first` and `supporters` stay empty). InvalidArgument when the votes do not
// carry the satisfaction.
absl::StatusOr<Satisfactions> satisfactions(const Election& election, Satisfaction s,
                                            bool with_supporters);

// id_order(instance) — the projects in pabutools' default tie order: by id as text.
std::vector<std::uint32_t> id_order(const Instance& instance);

// tie_order(instance, tie_break) — every project, the one favoured in a tie first.
// InvalidArgument for a permutation that is not one of all projects.
absl::StatusOr<std::vector<std::uint32_t>> tie_order(const Instance& instance,
                                                     const TieBreak& tie_break);

// all_projects(instance) — 0, 1, ..., n-1.
std::vector<std::uint32_t> all_projects(const Instance& instance);

// require_ballots(election, rule) — FailedPrecondition for an election nobody voted in: every
// project would tie at zero, and a selection would fund projects nobody chose.
absl::Status require_ballots(const Election& election, std::string_view rule);

// start(election, rule) — a result naming the rule, the election's projects and budget.
Result start(const Election& election, std::string rule);
// record_tie_break(tie_break, result) — the tie-break among the result's parameters (nothing
// for the default).
void record_tie_break(const TieBreak& tie_break, Result& result);
// finish(election, result) — the total cost of what was selected.
void finish(const Election& election, Result& result);

// density_of(sats, project, cost) — total satisfaction per unit of cost (cost > 0).
Rational density_of(const Satisfactions& sats, std::uint32_t project, const Rational& cost);

// select_if_it_fits(purse, project, result, round) — a greedy round: the project is selected
// if the money left covers it, else it does not fit. Returns whether it was selected.
bool select_if_it_fits(Purse& purse, std::uint32_t project, Result& result, Round& round);

// greedy_pass(election, sats, initial, order, result) — the greedy rule's pass after `initial`,
// shared by the greedy rule and the greedy completions; appends its rounds to `result`.
void greedy_pass(const Election& election, const Satisfactions& sats,
                 const std::vector<std::uint32_t>& initial, const std::vector<std::uint32_t>& order,
                 Result& result);

}  // namespace participa::pb::detail
