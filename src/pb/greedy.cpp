#include "participa/pb/greedy.hpp"

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "pb/rule_support.hpp"

namespace participa::pb {

using detail::finish;
using detail::greedy_pass;
using detail::record_tie_break;
using detail::Satisfactions;
using detail::satisfactions;
using detail::start;
using detail::tie_order;

absl::StatusOr<Result> greedy(const Election& election, Satisfaction satisfaction,
                              const std::vector<std::uint32_t>& initial,
                              const TieBreak& tie_break) {
  PARTICIPA_RETURN_IF_ERROR(detail::require_ballots(election, "greedy"));
  PARTICIPA_ASSIGN_OR_RETURN(Satisfactions sats, satisfactions(election, satisfaction, false));
  PARTICIPA_ASSIGN_OR_RETURN(auto order, tie_order(election.instance, tie_break));
  Result o = start(election, "greedy");
  o.parameters.emplace_back("satisfaction", std::string(to_string(satisfaction)));
  record_tie_break(tie_break, o);
  greedy_pass(election, sats, initial, order, o);
  finish(election, o);
  return o;
}

}  // namespace participa::pb
