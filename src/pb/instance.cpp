#include "participa/pb/instance.hpp"

#include "participa/core/strings.hpp"

namespace participa::pb {

std::string_view to_string(VoteType type) {
  switch (type) {
    case VoteType::kApproval:
      return "approval";
    case VoteType::kChoose1:
      return "choose-1";
    case VoteType::kCumulative:
      return "cumulative";
    case VoteType::kScoring:
      return "scoring";
    case VoteType::kOrdinal:
      return "ordinal";
  }
  return "unknown";
}

absl::StatusOr<VoteType> parse_vote_type(std::string_view text) {
  for (VoteType t : {VoteType::kApproval, VoteType::kChoose1, VoteType::kCumulative,
                     VoteType::kScoring, VoteType::kOrdinal}) {
    if (text == to_string(t)) return t;
  }
  return absl::InvalidArgumentError(
      str_cat("vote_type '", text, "' is not approval, choose-1, cumulative, scoring or ordinal"));
}

std::optional<std::string> Instance::meta_value(std::string_view key) const {
  for (const auto& [k, v] : meta) {
    if (k == key) return v;
  }
  return std::nullopt;
}

absl::StatusOr<std::uint32_t> Instance::index_of(std::string_view id) const {
  for (std::size_t i = 0; i < projects.size(); ++i) {
    if (projects[i].id == id) return static_cast<std::uint32_t>(i);
  }
  return absl::NotFoundError(str_cat("no project '", id, "'"));
}

}  // namespace participa::pb
