#include "participa/pb/satisfaction.hpp"

namespace participa::pb {

Satisfaction natural_satisfaction(VoteType vote_type) {
  switch (vote_type) {
    case VoteType::kApproval:
    case VoteType::kChoose1:
      return Satisfaction::kCost;
    case VoteType::kCumulative:
    case VoteType::kScoring:
      return Satisfaction::kPoints;
    case VoteType::kOrdinal:
      return Satisfaction::kBorda;
  }
  return Satisfaction::kCost;
}

}  // namespace participa::pb
