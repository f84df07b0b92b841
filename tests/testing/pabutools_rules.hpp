// The rule ids of tests/data/conformance/pabulib/expected.jsonl (greedy_<sat>,
// mes_<sat>[_<completion>], seq_phragmen) run with participa, for the conformance test and
// the comparison benchmark.
#pragma once

#include <string>
#include <string_view>

#include "participa/pb/consul.hpp"
#include "participa/pb/equal_shares.hpp"
#include "participa/pb/greedy.hpp"
#include "participa/pb/max_welfare.hpp"
#include "participa/pb/official.hpp"
#include "participa/pb/phragmen.hpp"
#include "participa/pb/registry.hpp"
#include "participa/pb/result.hpp"

namespace participa::testing {

inline absl::StatusOr<pb::Result> run_pabutools_rule(const pb::Election& e,
                                                     const std::string& rule) {
  auto sat_of = [](std::string_view s) {
    if (s == "cost") return pb::Satisfaction::kCost;
    if (s == "card") return pb::Satisfaction::kCardinality;
    if (s == "points") return pb::Satisfaction::kPoints;
    return pb::Satisfaction::kBorda;
  };
  if (rule == "seq_phragmen") return pb::phragmen(e);
  if (rule.rfind("greedy_", 0) == 0) return pb::greedy(e, sat_of(rule.substr(7)));
  if (rule.rfind("mes_", 0) != 0) return absl::InvalidArgumentError("unknown rule id " + rule);
  const std::string rest = rule.substr(4);
  const std::string sat = rest.substr(0, rest.find('_'));
  const std::string completion = rest.size() > sat.size() ? rest.substr(sat.size() + 1) : "";
  pb::Completion c = pb::Completion::kNone;
  if (completion == "add1") c = pb::Completion::kAddOne;
  if (completion == "add1_until_infeasible") c = pb::Completion::kAddOneUntilInfeasible;
  if (completion == "add1_greedy") c = pb::Completion::kAddOneThenGreedy;
  if (completion == "greedy") c = pb::Completion::kGreedy;
  return pb::equal_shares(e, sat_of(sat), c);
}

}  // namespace participa::testing
