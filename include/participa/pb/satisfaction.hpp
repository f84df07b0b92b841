// participa/pb/satisfaction.hpp — what a voter gains from a funded project.
//
// Satisfaction measures, in pabutools' meaning:
//   cost         the cost of each funded project she approves (approval votes);
//   cardinality  one per funded approved project (approval votes);
//   points       the points she gave it (cumulative and scoring votes);
//   borda        on a ranking of L projects, L - position - 1; the last ranked gives 0
//                (ordinal votes).
//
//   auto sat = pb::natural_satisfaction(election.instance.vote_type);   // cost for approval
#pragma once

#include <array>
#include <string_view>

#include "absl/status/statusor.h"
#include "participa/core/names.hpp"
#include "participa/pb/instance.hpp"

namespace participa::pb {

enum class Satisfaction { kCost, kCardinality, kPoints, kBorda };

inline constexpr std::array<Named<Satisfaction>, 4> kSatisfactionNames = {{
    {Satisfaction::kCost, "cost"},
    {Satisfaction::kCardinality, "cardinality"},
    {Satisfaction::kPoints, "points"},
    {Satisfaction::kBorda, "borda"},
}};

inline std::string_view to_string(Satisfaction s) { return name_of(kSatisfactionNames, s); }
inline absl::StatusOr<Satisfaction> parse_satisfaction(std::string_view text) {
  return parse_name(kSatisfactionNames, "satisfaction", text);
}

// natural_satisfaction(vote_type) — the measure that fits the votes: cost for approval and
// choose-1, points for cumulative and scoring, borda for ordinal.
Satisfaction natural_satisfaction(VoteType vote_type);

}  // namespace participa::pb
