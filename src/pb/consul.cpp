#include "participa/pb/consul.hpp"

#include <algorithm>
#include <map>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "pb/rule_support.hpp"

namespace participa::pb {

using detail::finish;
using detail::Purse;
using detail::record_tie_break;
using detail::select_if_it_fits;
using detail::start;
using detail::tie_order;

absl::StatusOr<Result> consul(const Election& election, const ConsulRules& rules,
                              const TieBreak& tie_break) {
  PARTICIPA_RETURN_IF_ERROR(detail::require_ballots(election, "consul"));
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
  Result o = start(election, "consul");
  record_tie_break(tie_break, o);
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
      Round round;
      round.project = p;
      round.approvals = approvals[p];
      if (rules.incompatible.count(instance.projects[p].id)) {
        round.reason = "incompatible: never wins";
        round.budget_left = purse.left();
      } else {
        select_if_it_fits(purse, p, o, round);
      }
      o.rounds.push_back(std::move(round));
    }
  }
  finish(election, o);
  return o;
}

}  // namespace participa::pb
