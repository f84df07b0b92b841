#include "participa/pb/official.hpp"

#include <algorithm>
#include <optional>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/pb/equal_shares.hpp"
#include "pb/rule_support.hpp"

namespace participa::pb {

using detail::finish;
using detail::id_order;
using detail::Purse;
using detail::select_if_it_fits;
using detail::start;

absl::StatusOr<Result> official(const Election& election) {
  PARTICIPA_RETURN_IF_ERROR(detail::require_ballots(election, "official"));
  const Instance& instance = election.instance;
  const std::string rule = instance.meta_value("rule").value_or("");
  if (rule == "equalshares/add1" || rule == "equalshares/add1-comparison") {
    PARTICIPA_ASSIGN_OR_RETURN(
        Result o, equal_shares(election, Satisfaction::kCost, Completion::kAddOneUntilInfeasible));
    o.rule = "official " + rule;
    return o;
  }
  if (rule != "greedy" && rule != "greedy-threshold" && rule != "greedy-no-skip") {
    return absl::FailedPreconditionError(
        str_cat("the file's rule '", rule,
                "' is not one participa reproduces (greedy, greedy-threshold, greedy-no-skip, "
                "equalshares/add1, equalshares/add1-comparison)"));
  }
  const std::string column =
      std::find(instance.project_columns.begin(), instance.project_columns.end(), "score") !=
              instance.project_columns.end()
          ? "score"
          : "votes";
  std::optional<Rational> threshold;
  if (rule == "greedy-threshold") {
    auto text = instance.meta_value("min_project_score_threshold");
    if (!text) {
      return absl::InvalidArgumentError(
          "greedy-threshold needs min_project_score_threshold in META");
    }
    auto t = parse_decimal_text(*text);
    if (!t.ok())
      return absl::InvalidArgumentError(
          str_cat("min_project_score_threshold '", *text, "' is not a number"));
    threshold = *t;
  }
  struct Entry {
    std::uint32_t project;
    Rational score;
  };
  std::vector<Entry> entries;
  for (std::uint32_t p : id_order(instance)) {
    auto it = instance.projects[p].fields.find(column);
    auto score = it == instance.projects[p].fields.end() ? absl::InvalidArgumentError("missing")
                                                         : parse_decimal_text(it->second);
    if (!score.ok()) {
      return absl::InvalidArgumentError(
          str_cat("project '", instance.projects[p].id, "' has no numeric '", column, "' column"));
    }
    entries.push_back({p, *score});
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.score > b.score; });
  Result o = start(election, "official " + rule);
  o.parameters.emplace_back("score", column);
  Purse purse(instance, instance.budget);
  for (const Entry& e : entries) {
    Round round;
    round.project = e.project;
    round.score = e.score;
    if (threshold && e.score < *threshold) {
      round.reason = "below the score threshold";
      round.budget_left = purse.left();
    } else if (!select_if_it_fits(purse, e.project, o, round) && rule == "greedy-no-skip") {
      round.reason = "stopped: does not fit";
      o.rounds.push_back(std::move(round));
      break;
    }
    o.rounds.push_back(std::move(round));
  }
  finish(election, o);
  return o;
}

}  // namespace participa::pb
