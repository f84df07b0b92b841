// participa/pb/registry.hpp — participatory-budgeting rules, found by name.
//
// Every front end (the command, Python) runs PB rules through a registry, so a rule a vendor
// registers is found the same way as the built-in ones:
//
//   greedy, equal-shares, phragmen, max-welfare, consul, official
//
// Options a rule does not read are refused rather than ignored (a completion given to greedy
// would otherwise look as if it had been applied).
//
//   auto registry = pb::RuleRegistry::with_builtins();
//   auto result = registry.run("equal-shares", election,
//                              {.completion = pb::Completion::kAddOne});
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/pb/ballot_rules.hpp"
#include "participa/pb/equal_shares.hpp"
#include "participa/pb/instance.hpp"
#include "participa/pb/result.hpp"
#include "participa/pb/satisfaction.hpp"
#include "participa/pb/tie_break.hpp"

namespace participa::pb {

// RuleOptions — what a caller asks of a rule; an option left empty takes the rule's default
// (satisfaction: the one that fits the votes, natural_satisfaction).
struct RuleOptions {
  std::optional<Satisfaction> satisfaction = std::nullopt;
  std::optional<Completion> completion = std::nullopt;
  // Currency units per raise of an add-one completion (equal shares; 1 when not given).
  std::optional<std::int64_t> increment = std::nullopt;
  std::optional<TieBreak> tie_break = std::nullopt;
  std::optional<ConsulRules> consul = std::nullopt;
  // Watches and stops long runs (equal shares' add-one completions); the other rules finish
  // in well under a second and do not read it.
  RunControl control = {};
};

// RuleInfo — a rule and the options it reads.
struct RuleInfo {
  std::string name;
  std::string summary;
  bool reads_satisfaction = false;
  bool reads_completion = false;
  bool reads_tie_break = false;
  bool reads_consul = false;
  // Called with options already checked against the flags above.
  std::function<absl::StatusOr<Result>(const Election&, const RuleOptions&)> run;
};

class RuleRegistry {
 public:
  // with_builtins() — a registry holding every rule participa ships.
  static RuleRegistry with_builtins();

  // add(info) — AlreadyExists if the name is taken; InvalidArgument for an empty name or a
  // missing run function.
  absl::Status add(RuleInfo info);
  // find(name) — NotFound naming the known rules.
  absl::StatusOr<const RuleInfo*> find(std::string_view name) const;
  std::vector<std::string> names() const;

  // run(name, election, options) — InvalidArgument for an option the rule does not read;
  // otherwise the rule's own errors.
  absl::StatusOr<Result> run(std::string_view name, const Election& election,
                             const RuleOptions& options = {}) const;

 private:
  std::map<std::string, RuleInfo, std::less<>> rules_;
};

// ComparedRule — one rule run on an election for a comparison: the label people read
// ("equal shares (add1)") and the result, or the reason the rule could not run.
struct ComparedRule {
  std::string label;
  absl::StatusOr<Result> result;
};

// compare_main_rules(election, registry) — the rules a city weighs, run with the satisfaction
// that fits the votes: greedy, equal shares completed by add1 and by add1 then greedy,
// Phragmén for approval ballots, and the file's own rule when its META names one (official).
std::vector<ComparedRule> compare_main_rules(const Election& election,
                                             const RuleRegistry& registry);

}  // namespace participa::pb
