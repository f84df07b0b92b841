#include "participa/pb/equal_shares.hpp"

#include <algorithm>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "pb/equal_shares_engine.hpp"
#include "pb/rule_support.hpp"

namespace participa::pb {
namespace {

bool raises_budgets(Completion completion) {
  return completion == Completion::kAddOne || completion == Completion::kAddOneThenGreedy ||
         completion == Completion::kAddOneUntilInfeasible;
}

bool ends_with_greedy(Completion completion) {
  return completion == Completion::kGreedy || completion == Completion::kAddOneThenGreedy;
}

// The add-one completion's raise: every voter's budget goes up by `increment` currency units at
// a time and the last raise whose outcome fits the budget is kept. Once every supported project is
// funded, more budget changes nothing, so that stops it too, as does an exhaustive outcome
// unless the completion runs until infeasible. Runs skip their explanation.
absl::StatusOr<std::int64_t> add_one_raise(const Instance& instance, detail::EqualShares& engine,
                                           const Rational& per_voter, Completion completion,
                                           std::int64_t increment, const RunControl& control) {
  Checkpoint checkpoint(control, "equal shares' add-one completion");
  const bool stop_when_exhaustive = completion != Completion::kAddOneUntilInfeasible;
  const detail::Ledger ledger(instance);
  std::vector<bool> buyable(instance.projects.size(), false);
  for (auto p : engine.available()) buyable[p] = true;
  for (std::int64_t k = 0; k <= kMaxBudgetIncrements; ++k) {
    PARTICIPA_RETURN_IF_ERROR(checkpoint.step(static_cast<std::uint64_t>(k)));
    const auto outcome = engine.run(per_voter, k * increment, nullptr);
    if (!ledger.fits(outcome)) return (k - 1) * increment;
    const auto funded =
        std::count_if(outcome.begin(), outcome.end(), [&](auto p) { return buyable[p]; });
    const bool all_funded = static_cast<std::size_t>(funded) == engine.available().size();
    if (all_funded || (stop_when_exhaustive && ledger.exhaustive(outcome, engine.available()))) {
      return k * increment;
    }
  }
  return absl::OutOfRangeError(str_cat("equal shares: no stopping point after ",
                                       kMaxBudgetIncrements, " raises of each voter's budget"));
}

}  // namespace

absl::StatusOr<Result> equal_shares(const Election& election, Satisfaction satisfaction,
                                    Completion completion, const TieBreak& tie_break,
                                    const RunControl& control, std::int64_t increment) {
  PARTICIPA_RETURN_IF_ERROR(detail::require_ballots(election, "equal-shares"));
  if (increment < 1 || increment > kMaxIncrement) {
    return absl::InvalidArgumentError(
        str_cat("equal shares: increment ", increment, " is not between 1 and ", kMaxIncrement));
  }
  if (increment != 1 && !raises_budgets(completion)) {
    return absl::InvalidArgumentError(str_cat("equal shares: completion '", to_string(completion),
                                              "' raises no budget, so it takes no increment"));
  }
  PARTICIPA_ASSIGN_OR_RETURN(detail::Satisfactions sats,
                             detail::satisfactions(election, satisfaction, true));
  PARTICIPA_ASSIGN_OR_RETURN(auto order, detail::tie_order(election.instance, tie_break));
  const Instance& instance = election.instance;
  const std::uint64_t voters = election.profile.total_weight();
  Result o = detail::start(election, "equal-shares");
  o.parameters.emplace_back("satisfaction", std::string(to_string(satisfaction)));
  o.parameters.emplace_back("completion", std::string(to_string(completion)));
  if (increment != 1) o.parameters.emplace_back("increment", std::to_string(increment));
  detail::record_tie_break(tie_break, o);
  detail::EqualShares engine(election, sats, order);
  const Rational per_voter = instance.budget / Rational(voters);
  if (raises_budgets(completion)) {
    PARTICIPA_ASSIGN_OR_RETURN(o.budget_increments, add_one_raise(instance, engine, per_voter,
                                                                  completion, increment, control));
  }
  // The kept run, explained.
  o.selected = engine.run(per_voter, o.budget_increments, &o.rounds);
  if (ends_with_greedy(completion) &&
      !detail::exhaustive(instance, o.selected, detail::all_projects(instance))) {
    // The greedy pass spends by cost where equal shares counted projects.
    const Satisfaction greedy_satisfaction =
        satisfaction == Satisfaction::kCardinality ? Satisfaction::kCost : satisfaction;
    PARTICIPA_ASSIGN_OR_RETURN(detail::Satisfactions greedy_sats,
                               detail::satisfactions(election, greedy_satisfaction, false));
    detail::greedy_pass(election, greedy_sats, std::vector<std::uint32_t>(o.selected), order, o);
  }
  detail::finish(election, o);
  return o;
}

}  // namespace participa::pb
