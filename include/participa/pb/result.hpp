// participa/pb/result.hpp — what a participatory-budgeting rule returns, round by round.
//
// A `Result` names the rule and its parameters, lists every project id of the election (so it
// reads without the election), the selected projects in selection order, what they cost, and
// one `Round` per project considered: whether it was selected and why, the number that decided
// it — each rule fills the field named for its number — and the money left afterwards.
//
//   auto result = pb::greedy(election, pb::Satisfaction::kCost);
//   for (const pb::Round& round : result->rounds) use(*round.density, round.reason);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "participa/core/rational.hpp"
#include "participa/pb/instance.hpp"

namespace participa::pb {

// Round — one project considered by a rule.
struct Round {
  // Index into Result::projects.
  std::uint32_t project = 0;
  bool selected = false;
  // Why: "selected", "does not fit", "stopped: does not fit", "below the score threshold", ...
  std::string reason;
  // The number that decided the round; a rule fills the one named for it:
  //   greedy (and greedy completions)  density       total satisfaction per unit of cost
  //   equal_shares                     price         price per unit of satisfaction (ρ)
  //   phragmen                         load          the supporters' new maximal load
  //   max_welfare                      satisfaction  the project's total satisfaction
  //   official (greedy rules)          score         the city's own score for the project
  std::optional<Rational> density;
  std::optional<Rational> price;
  std::optional<Rational> load;
  std::optional<Rational> satisfaction;
  std::optional<Rational> score;
  // Voters who approve the project (phragmen, consul).
  std::optional<std::uint64_t> approvals;
  // Equal shares: voters who paid something for the project.
  std::optional<std::uint64_t> payers;
  // Money left after the round (of the project's heading, for consul).
  Rational budget_left;
  friend bool operator==(const Round&, const Round&) = default;
};

// Result — a rule's outcome and how it was reached.
struct Result {
  std::string rule;
  std::vector<std::pair<std::string, std::string>> parameters;
  // Every project id of the election in its order; `selected` and rounds index into it.
  std::vector<std::string> projects;
  std::vector<std::uint32_t> selected;
  Rational total_cost;
  Rational budget;
  // Add-one completions: how many currency units each voter's budget was raised by.
  std::int64_t budget_increments = 0;
  std::vector<Round> rounds;
  // The election's warnings, carried so a result never hides a repaired input.
  std::vector<std::string> warnings;
  friend bool operator==(const Result&, const Result&) = default;
};

// supporters(election) — per project, in the instance's order, the voters who voted for it (gave
// it positive points, for points ballots).
std::vector<std::uint64_t> supporters(const Election& election);

// share_with_a_funded_project(election, result) — the share of voters with at least one funded
// project among those they voted for (given positive points, for points ballots).
Rational share_with_a_funded_project(const Election& election, const Result& result);

}  // namespace participa::pb
