#include "participa/pb/registry.hpp"

#include <utility>

#include "absl/strings/str_join.h"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/pb/consul.hpp"
#include "participa/pb/greedy.hpp"
#include "participa/pb/max_welfare.hpp"
#include "participa/pb/official.hpp"
#include "participa/pb/phragmen.hpp"

namespace participa::pb {
namespace {

Satisfaction satisfaction_of(const Election& election, const RuleOptions& options) {
  return options.satisfaction.value_or(natural_satisfaction(election.instance.vote_type));
}

TieBreak tie_break_of(const RuleOptions& options) { return options.tie_break.value_or(TieBreak{}); }

// refuse_unread(info, options) — an option the rule would ignore is an error, not a no-op.
absl::Status refuse_unread(const RuleInfo& info, const RuleOptions& options) {
  auto refuse = [&](std::string_view option) {
    return absl::InvalidArgumentError(
        str_cat("rule '", info.name, "' takes no ", option, " option"));
  };
  if (options.satisfaction && !info.reads_satisfaction) return refuse("satisfaction");
  if (options.completion && !info.reads_completion) return refuse("completion");
  if (options.increment && !info.reads_completion) return refuse("increment");
  if (options.tie_break && !info.reads_tie_break) return refuse("tie-break");
  if (options.consul && !info.reads_consul) return refuse("Consul rules");
  return absl::OkStatus();
}

}  // namespace

RuleRegistry RuleRegistry::with_builtins() {
  RuleRegistry registry;
  auto add = [&](RuleInfo info) {
    const absl::Status added = registry.add(std::move(info));
    PARTICIPA_DCHECK(added.ok());  // the built-in names are distinct
  };
  add({"greedy", "best satisfaction per unit of cost first, each project if it still fits", true,
       false, true, false, [](const Election& e, const RuleOptions& o) {
         return greedy(e, satisfaction_of(e, o), {}, tie_break_of(o));
       }});
  add({"equal-shares", "the Method of Equal Shares, with an optional completion", true, true, true,
       false, [](const Election& e, const RuleOptions& o) {
         return equal_shares(e, satisfaction_of(e, o), o.completion.value_or(Completion::kNone),
                             tie_break_of(o), o.control, o.increment.value_or(1));
       }});
  add({"phragmen", "sequential Phragmén (approval votes)", false, false, true, false,
       [](const Election& e, const RuleOptions& o) { return phragmen(e, tie_break_of(o)); }});
  add({"max-welfare", "a feasible set of the largest total satisfaction", true, false, true, false,
       [](const Election& e, const RuleOptions& o) {
         return max_welfare(e, satisfaction_of(e, o), tie_break_of(o));
       }});
  add({"consul", "Consul Democracy's results per heading (approval votes)", false, false, true,
       true, [](const Election& e, const RuleOptions& o) {
         return consul(e, o.consul.value_or(ConsulRules{}), tie_break_of(o));
       }});
  add({"official", "the rule the file's meta names, as the city applied it", false, false, false,
       false, [](const Election& e, const RuleOptions&) { return official(e); }});
  return registry;
}

absl::Status RuleRegistry::add(RuleInfo info) {
  if (info.name.empty()) return absl::InvalidArgumentError("a PB rule needs a name");
  if (!info.run) {
    return absl::InvalidArgumentError(str_cat("PB rule '", info.name, "' has no run function"));
  }
  if (rules_.count(info.name) > 0) {
    return absl::AlreadyExistsError(str_cat("PB rule '", info.name, "' is already registered"));
  }
  std::string name = info.name;
  rules_.emplace(std::move(name), std::move(info));
  return absl::OkStatus();
}

absl::StatusOr<const RuleInfo*> RuleRegistry::find(std::string_view name) const {
  auto it = rules_.find(name);
  if (it == rules_.end()) {
    return absl::NotFoundError(
        str_cat("unknown rule '", name, "' (", absl::StrJoin(names(), ", "), ")"));
  }
  return &it->second;
}

std::vector<std::string> RuleRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, info] : rules_) out.push_back(name);
  return out;
}

absl::StatusOr<Result> RuleRegistry::run(std::string_view name, const Election& election,
                                         const RuleOptions& options) const {
  auto info = find(name);
  if (!info.ok()) return info.status();
  if (absl::Status unread = refuse_unread(**info, options); !unread.ok()) return unread;
  return (*info)->run(election, options);
}

std::vector<ComparedRule> compare_main_rules(const Election& election,
                                             const RuleRegistry& registry) {
  struct Run {
    std::string label, rule;
    RuleOptions options;
  };
  std::vector<Run> runs = {
      {"greedy", "greedy", {}},
      {"equal shares (add1)", "equal-shares", {.completion = Completion::kAddOne}},
      {"equal shares (add1, greedy)",
       "equal-shares",
       {.completion = Completion::kAddOneThenGreedy}}};
  if (election.profile.kind() == tally::BallotKind::kApproval) {
    runs.push_back({"phragmen", "phragmen", {}});
  }
  if (auto rule = election.instance.meta_value("rule")) {
    runs.push_back({"official (" + std::string(*rule) + ")", "official", {}});
  }
  std::vector<ComparedRule> compared;
  for (const Run& run : runs) {
    compared.push_back({run.label, registry.run(run.rule, election, run.options)});
  }
  return compared;
}

}  // namespace participa::pb
