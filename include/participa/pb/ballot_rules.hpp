// participa/pb/ballot_rules.hpp — what a participatory-budgeting ballot may contain.
//
// Platforms check each ballot as people vote. participa carries the rules of the two best
// known ones:
//
//   Decidim  threshold_percent   spend at least X % of the budget, never more than it;
//            minimum_projects    select at least N projects, within the budget;
//            selected_range      select between min and max projects, whatever they cost.
//   Consul   knapsack            per heading, the selected projects cost at most the
//                                heading's money;
//            approval            per heading, at most max_votes projects;
//            heading groups      a voter may ballot in at most max_headings headings of a group;
//            incompatible        projects that can no longer win cannot be supported.
//
// The rules in force when voting opens are frozen with the instance: `VotingSnapshot`
// copies the costs and the rules, so later edits to either do not change how a ballot cast
// during the vote is judged.
//
//   auto snapshot = pb::VotingSnapshot::freeze(instance, pb::DecidimRules{.threshold_percent =
//   70}); absl::Status ok = snapshot->validate({0, 3, 5});
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "participa/core/rational.hpp"
#include "participa/pb/instance.hpp"

namespace participa::pb {

struct DecidimRules {
  std::optional<int> threshold_percent = std::nullopt;
  std::optional<int> minimum_projects = std::nullopt;
  // Both set: between minimum and maximum projects, cost ignored.
  std::optional<int> selected_minimum = std::nullopt;
  std::optional<int> selected_maximum = std::nullopt;
};

struct ConsulRules {
  enum class Style { kKnapsack, kApproval };
  Style style = Style::kKnapsack;
  // Approval style: most projects per heading.
  int max_votes = 0;
  // Heading of each project, by project id; projects without one belong to heading "".
  std::map<std::string, std::string> heading_of;
  // Knapsack style: each heading's money.
  std::map<std::string, Rational> heading_money;
  // Heading groups: the group of a heading, and how many headings of a group one voter may use.
  std::map<std::string, std::string> group_of;
  std::map<std::string, int> max_headings;
  std::set<std::string> incompatible;
};

using BallotRules = std::variant<DecidimRules, ConsulRules>;

class VotingSnapshot {
 public:
  // freeze(instance, rules) — InvalidArgument for rules that do not fit the instance (a
  // percentage outside 0..100, a heading without money, a project id that does not exist).
  static absl::StatusOr<VotingSnapshot> freeze(const Instance& instance, BallotRules rules);

  // validate(projects) — the ballot selects these projects (indices into the instance).
  // InvalidArgument: unknown or repeated project; OutOfRange: over a budget or a count, under
  // a minimum; FailedPrecondition: an incompatible project or too many headings.
  absl::Status validate(std::span<const std::uint32_t> projects) const;

  const BallotRules& rules() const { return rules_; }

 private:
  std::vector<std::string> ids_;
  std::vector<Rational> costs_;
  Rational budget_;
  BallotRules rules_;
};

}  // namespace participa::pb
