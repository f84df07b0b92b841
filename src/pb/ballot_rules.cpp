#include "participa/pb/ballot_rules.hpp"

#include <algorithm>

#include "participa/core/strings.hpp"

namespace participa::pb {
namespace {

std::string money(const Rational& r) { return participa::to_string(r); }

absl::Status check_decidim(const DecidimRules& r) {
  if (r.threshold_percent && (*r.threshold_percent < 0 || *r.threshold_percent > 100)) {
    return absl::InvalidArgumentError(
        str_cat("threshold_percent ", *r.threshold_percent, " is outside 0..100"));
  }
  if (r.minimum_projects && *r.minimum_projects < 0) {
    return absl::InvalidArgumentError("minimum_projects is negative");
  }
  if (r.selected_minimum.has_value() != r.selected_maximum.has_value()) {
    return absl::InvalidArgumentError("selected projects need both a minimum and a maximum");
  }
  if (r.selected_minimum &&
      (*r.selected_minimum < 0 || *r.selected_minimum > *r.selected_maximum)) {
    return absl::InvalidArgumentError(str_cat("selected projects range ", *r.selected_minimum, "..",
                                              *r.selected_maximum, " is empty"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<VotingSnapshot> VotingSnapshot::freeze(const Instance& instance, BallotRules rules) {
  VotingSnapshot s;
  for (const auto& p : instance.projects) {
    s.ids_.push_back(p.id);
    s.costs_.push_back(p.cost);
  }
  s.budget_ = instance.budget;
  if (const auto* d = std::get_if<DecidimRules>(&rules)) {
    if (auto st = check_decidim(*d); !st.ok()) return st;
  } else {
    const auto& c = std::get<ConsulRules>(rules);
    auto known = [&](const std::string& id) {
      return std::find(s.ids_.begin(), s.ids_.end(), id) != s.ids_.end();
    };
    for (const auto& [id, heading] : c.heading_of) {
      if (!known(id))
        return absl::InvalidArgumentError(str_cat("heading_of names unknown project '", id, "'"));
      if (c.style == ConsulRules::Style::kKnapsack && !c.heading_money.count(heading)) {
        return absl::InvalidArgumentError(str_cat("heading '", heading, "' has no money"));
      }
    }
    for (const auto& id : c.incompatible) {
      if (!known(id))
        return absl::InvalidArgumentError(str_cat("incompatible names unknown project '", id, "'"));
    }
    if (c.style == ConsulRules::Style::kApproval && c.max_votes < 1) {
      return absl::InvalidArgumentError("approval style needs max_votes of at least 1");
    }
  }
  s.rules_ = std::move(rules);
  return s;
}

absl::Status VotingSnapshot::validate(std::span<const std::uint32_t> projects) const {
  std::vector<bool> seen(ids_.size(), false);
  Rational total;
  for (auto p : projects) {
    if (p >= ids_.size()) {
      return absl::InvalidArgumentError(
          str_cat("unknown project #", p, " (there are ", ids_.size(), ")"));
    }
    if (seen[p])
      return absl::InvalidArgumentError(str_cat("project '", ids_[p], "' is selected twice"));
    seen[p] = true;
    total += costs_[p];
  }
  const auto count = static_cast<int>(projects.size());
  if (const auto* d = std::get_if<DecidimRules>(&rules_)) {
    if (d->selected_minimum) {
      if (count < *d->selected_minimum || count > *d->selected_maximum) {
        return absl::OutOfRangeError(str_cat("the ballot selects ", count,
                                             " projects; select between ", *d->selected_minimum,
                                             " and ", *d->selected_maximum));
      }
      return absl::OkStatus();
    }
    if (total > budget_) {
      return absl::OutOfRangeError(
          str_cat("the ballot spends ", money(total), ", over the budget of ", money(budget_)));
    }
    if (d->threshold_percent && total * 100 < budget_ * *d->threshold_percent) {
      return absl::OutOfRangeError(str_cat("the ballot spends ", money(total), "; at least ",
                                           *d->threshold_percent, "% of ", money(budget_),
                                           " must be spent"));
    }
    if (d->minimum_projects && count < *d->minimum_projects) {
      return absl::OutOfRangeError(str_cat("the ballot selects ", count, " projects; at least ",
                                           *d->minimum_projects, " are required"));
    }
    return absl::OkStatus();
  }
  const auto& c = std::get<ConsulRules>(rules_);
  std::map<std::string, Rational> spent;
  std::map<std::string, int> votes;
  for (auto p : projects) {
    if (c.incompatible.count(ids_[p])) {
      return absl::FailedPreconditionError(
          str_cat("project '", ids_[p], "' is incompatible and can no longer be supported"));
    }
    auto h = c.heading_of.find(ids_[p]);
    const std::string heading = h == c.heading_of.end() ? "" : h->second;
    spent[heading] += costs_[p];
    ++votes[heading];
  }
  for (const auto& [heading, cost] : spent) {
    if (c.style == ConsulRules::Style::kKnapsack) {
      auto m = c.heading_money.find(heading);
      const Rational& limit = m == c.heading_money.end() ? budget_ : m->second;
      if (cost > limit) {
        return absl::OutOfRangeError(str_cat("the ballot spends ", money(cost), " in heading '",
                                             heading, "', over its ", money(limit)));
      }
    } else if (votes[heading] > c.max_votes) {
      return absl::OutOfRangeError(str_cat("the ballot supports ", votes[heading],
                                           " projects in heading '", heading, "'; at most ",
                                           c.max_votes));
    }
  }
  std::map<std::string, int> headings_in_group;
  for (const auto& [heading, cost] : spent) {
    auto g = c.group_of.find(heading);
    if (g != c.group_of.end()) ++headings_in_group[g->second];
  }
  for (const auto& [group, used] : headings_in_group) {
    auto limit = c.max_headings.find(group);
    if (limit != c.max_headings.end() && used > limit->second) {
      return absl::FailedPreconditionError(str_cat("the ballot uses ", used, " headings of group '",
                                                   group, "'; a voter may use ", limit->second));
    }
  }
  return absl::OkStatus();
}

}  // namespace participa::pb
