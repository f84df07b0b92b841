// participa/io/stv.hpp — an STV count as JSON, for `participa stv --format json`, Python and
// result pages.
//
//   {"kind": "stv", "rule", "defeat", "arithmetic", "precision", "guard", "display",
//    "omega" (meek, warren, meek-prf; else null), "seats", "ballots", "blank_ballots", "quota",
//    "candidates": [names],
//    "elected": [{"name", "votes"}] (in the order elected; QPQ: the electing quotient),
//    "defeated": [names] (in the order defeated),
//    "rounds": [{"round", "action", "candidates": [names], "amount" (or null),
//                "tie": {"tied": [names], "order": [names, the chosen first],
//                        "purpose": "elimination" | "ranking" (whose surplus first) | "winner"}
//                       (or null),
//                "iteration": "elected" | "omega" | "stable" | "batch" (or null),
//                "quota", "standings": [{"name", "standing", "votes", "quotient" (QPQ)}],
//                "totals": {"elected", "pending", "hopeful", "defeated", "all"},
//                "keep_factors": [{"name", "value"}],
//                "nontransferable", "residual", "surplus"}],
//    "input_digest": 64 hex digits}
// Every number is text at the count's display places, as the rule prints it.
#pragma once

#include <string>

#include "participa/tally/stv.hpp"

namespace participa::io {

std::string stv_count_to_json(const tally::stv::Count& count);

}  // namespace participa::io
