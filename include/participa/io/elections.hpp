// participa/io/elections.hpp — an election's results as JSON, for exports and result pages.
//
// The document holds only what `components::elections::results` gave the reader, so an export
// can never show more than the query did:
//   {"kind": "election-results", "election", "title",
//    "channels": ["online", "in-person", "mediated", "station"],
//    "questions": [{"position", "title", "kind", "method",
//                   "options": [{"option", "votes": [per channel]}],
//                   "ballots", "blank", "null": [per channel],
//                   "count": the method's result (io::result_to_json) or null,
//                   "outcome": {"statement", "option" (its text, or null), "review_at" (or
//                               null), "stated_at", "stated_by"} or null}],
//    "stations": [{"id", "name", "issued", "cast", "confirmed"}],
//    "superseded", "warnings": [text]}
// Counts are JSON numbers (whole, below 2^53 for any real election); times are UTC, as
// 2027-03-01T09:00:00Z.
#pragma once

#include <string>

#include "participa/components/elections/elections.hpp"

namespace participa::io {

std::string election_results_to_json(const components::elections::Results& results);

}  // namespace participa::io
