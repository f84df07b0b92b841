#include "participa/pb/equal_shares.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

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

using detail::EqualShares;

// When a traced run found `project` out of reach: the round and the share of its cost its
// supporters then held.
std::optional<EqualShares::Reach> reach(const EqualShares::Trace& run, std::uint32_t project) {
  for (const auto& out : run.out_of_reach) {
    if (out.project == project) return out;
  }
  return std::nullopt;
}

// Where a gap that is g_a at raise a and g_b at raise b reaches zero if it closes linearly: a
// raise in currency units (infinity if it does not close).
double meets(double g_a, double g_b, std::int64_t a, std::int64_t b) {
  if (!(g_b < g_a)) return std::numeric_limits<double>::infinity();
  return static_cast<double>(b) + std::max(0.0, g_b) * static_cast<double>(b - a) / (g_a - g_b);
}

// The last whole number of increments past `from` before `raise` (at least 1).
std::int64_t increments_before(double raise, std::int64_t from, std::int64_t increment) {
  const double increments = (raise - static_cast<double>(from)) / static_cast<double>(increment);
  if (!(increments < 1e18)) return std::numeric_limits<std::int64_t>::max();
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(increments)) - 1);
}

// The first whole number of increments past `from` after `raise` (at least 1).
std::int64_t increments_after(double raise, std::int64_t from, std::int64_t increment) {
  const double increments = (raise - static_cast<double>(from)) / static_cast<double>(increment);
  if (!(increments < 1e18)) return std::numeric_limits<std::int64_t>::max();
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::floor(increments)) + 1);
}

// How many increments to try after two runs alike (`last`: how far apart recent such runs were):
// up to just before the first raise at which a rival, closing in on a purchase's price at the
// rate seen between the runs, would meet it, or, should a project out of reach come within reach
// sooner, just after that: from there on runs price it, and a project that has just come within
// reach costs about all its supporters hold, seldom less than what is bought. At most six
// times `last` (what neither run priced can close in unseen), twice `last` when none closes in.
std::int64_t next_distance(const EqualShares::Trace& a, const EqualShares::Trace& b,
                           std::int64_t last, std::int64_t increment) {
  double nearest = std::numeric_limits<double>::infinity();
  for (std::size_t t = 0; t < b.price_ceilings.size(); ++t) {
    for (const auto& rival : b.rivals[t]) {
      const auto before = a.price_floor(t, rival.project);
      if (!before) continue;
      nearest = std::min(nearest, meets(*before - a.price_ceilings[t],
                                        rival.price_floor - b.price_ceilings[t], a.raise, b.raise));
    }
  }
  double reached = std::numeric_limits<double>::infinity();
  for (const auto& out : b.out_of_reach) {
    const auto before = reach(a, out.project);
    if (before && before->round == out.round) {
      reached = std::min(reached, meets(1 - before->share, 1 - out.share, a.raise, b.raise));
    }
  }
  if (reached < nearest) {
    return std::min({6 * last, increments_before(nearest, b.raise, increment),
                     increments_after(reached, b.raise, increment)});
  }
  if (nearest == std::numeric_limits<double>::infinity()) return 2 * last;
  return std::min(6 * last, increments_before(nearest, b.raise, increment));
}

// After a run `b` that bought differently from `a` (alike up to round t; `prior` is a run alike
// with `a` at a smaller raise, if any): where between them the project `b` bought in round t
// overtook the one `a` bought, if both runs priced the other one, or came within reach, if `a`
// and `prior` saw it out of reach. Fewer increments than b's distance from a; half of it when
// nothing tells.
std::int64_t overtaken_after(const EqualShares::Trace* prior, const EqualShares::Trace& a,
                             const EqualShares::Trace& b, std::size_t free,
                             std::int64_t increment) {
  const std::int64_t apart = (b.raise - a.raise) / increment;
  std::size_t t = 0;
  while (free + t < a.selected.size() && free + t < b.selected.size() &&
         a.selected[free + t] == b.selected[free + t]) {
    ++t;
  }
  if (free + t >= b.selected.size()) return apart / 2;
  const std::uint32_t newcomer = b.selected[free + t];
  double crossing = std::numeric_limits<double>::infinity();
  const auto newcomer_then =
      free + t < a.selected.size() ? a.price_floor(t, newcomer) : std::nullopt;
  const auto former_now =
      free + t < a.selected.size() ? b.price_floor(t, a.selected[free + t]) : std::nullopt;
  if (newcomer_then && former_now) {
    // The newcomer's price less the former's: at least this at a, at most this at b.
    const double then = *newcomer_then - a.price_ceilings[t];
    const double now = b.price_ceilings[t] - *former_now;
    if (now < then) {
      crossing = static_cast<double>(a.raise) +
                 static_cast<double>(b.raise - a.raise) * std::max(0.0, then) / (then - now);
    }
  } else if (prior != nullptr) {
    const auto reach_then = reach(*prior, newcomer);
    const auto reach_now = reach(a, newcomer);
    if (reach_then && reach_now && reach_then->round == reach_now->round) {
      crossing = meets(1 - reach_then->share, 1 - reach_now->share, prior->raise, a.raise);
    }
  }
  if (crossing == std::numeric_limits<double>::infinity()) return apart / 2;
  return std::clamp<std::int64_t>(increments_before(crossing, a.raise, increment), 1, apart - 1);
}

// The add-one completion's raise: every voter's budget goes up by `increment` currency units at
// a time and the last raise whose outcome fits the budget is kept. Once every supported project is
// funded, more budget changes nothing, so that stops it too, as does an exhaustive outcome
// unless the completion runs until infeasible.
//
// Only a raise whose outcome differs from the one before can stop the completion, so two runs
// far apart stand for every raise between them when they are separated (see
// EqualShares::run_after). The next run is tried where the runs so far predict the order of
// purchases may change, nearer when a pair is not separated, down to the next raise, whose run is
// then the outcome there. The cost follows the changes, not the number of raises. Runs skip
// their explanation.
absl::StatusOr<std::int64_t> add_one_raise(const Instance& instance, detail::EqualShares& engine,
                                           const Rational& per_voter, Completion completion,
                                           std::int64_t increment, const RunControl& control) {
  Checkpoint checkpoint(control, "equal shares' add-one completion");
  const bool stop_when_exhaustive = completion != Completion::kAddOneUntilInfeasible;
  const detail::Ledger ledger(instance);
  std::vector<bool> buyable(instance.projects.size(), false);
  for (auto p : engine.available()) buyable[p] = true;
  // Whether the completion ends at a raise with this outcome (it fits the budget).
  auto ends_at = [&](const std::vector<std::uint32_t>& outcome) {
    const auto funded =
        std::count_if(outcome.begin(), outcome.end(), [&](auto p) { return buyable[p]; });
    const bool all_funded = static_cast<std::size_t>(funded) == engine.available().size();
    return all_funded || (stop_when_exhaustive && ledger.exhaustive(outcome, engine.available()));
  };
  std::int64_t k = 0;
  EqualShares::Trace at_k = engine.run_after(per_voter, 0, nullptr);
  if (ends_at(at_k.selected)) return 0;
  // A run alike with at_k at a smaller raise, for the rates of change.
  std::optional<EqualShares::Trace> prior;
  std::int64_t distance = 1;
  std::int64_t missed_from = -1;
  // What bounds the next distance: the last pair of runs alike, or half the pair before when that
  // was longer, so that one short pair (at a change foreseen that did not come) does not bring
  // back the smallest steps.
  std::int64_t stride = 1;
  // Where the order of purchases last changed.
  std::int64_t changed_at = 0;
  while (k < kMaxBudgetIncrements) {
    PARTICIPA_RETURN_IF_ERROR(checkpoint.step(static_cast<std::uint64_t>(k)));
    const std::int64_t next = std::min(k + distance, kMaxBudgetIncrements);
    EqualShares::Trace at_next = engine.run_after(per_voter, next * increment, &at_k);
    const bool same = at_next.selected == at_k.selected;
    if (same && at_next.separated) {
      stride = std::max(next - k, stride / 2);
      distance = next_distance(at_k, at_next, stride, increment);
      k = next;
      prior = std::exchange(at_k, std::move(at_next));
    } else if (next == k + 1) {
      if (!same) {
        if (!ledger.fits(at_next.selected)) return k * increment;
        if (ends_at(at_next.selected)) return next * increment;
      }
      k = next;
      prior = same ? std::optional(std::exchange(at_k, std::move(at_next))) : std::nullopt;
      if (!same) at_k = std::move(at_next);
      // Right after a change the two projects that swapped are close, and only a short pair
      // of runs is separated; where changes come far apart, a few increments on still is.
      distance = same ? 1 : std::clamp<std::int64_t>((k - changed_at) / 8, 1, 4);
      if (!same) changed_at = k;
    } else if (same) {
      distance = (next - k) / 2;
    } else {
      // A second miss from the same raise halves the distance at least: an estimate that keeps
      // falling short must not creep.
      const std::int64_t estimate = overtaken_after(prior ? &*prior : nullptr, at_k, at_next,
                                                    engine.free().size(), increment);
      distance = missed_from == k ? std::min(estimate, (next - k) / 2) : estimate;
      missed_from = k;
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
