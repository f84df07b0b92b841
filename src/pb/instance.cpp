#include "participa/pb/instance.hpp"

#include "absl/container/flat_hash_set.h"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"

namespace participa::pb {

std::size_t VoterTable::fields(std::size_t row) const {
  const std::uint64_t end = row + 1 < row_begin_.size() ? row_begin_[row + 1] : field_end_.size();
  return end - row_begin_[row];
}

std::string_view VoterTable::field(std::size_t row, std::size_t column) const {
  const std::uint64_t index = row_begin_[row] + column;
  const std::uint64_t begin = index == 0 ? 0 : field_end_[index - 1];
  return std::string_view(text_).substr(begin, field_end_[index] - begin);
}

std::vector<std::string> VoterTable::row(std::size_t row) const {
  std::vector<std::string> out;
  out.reserve(fields(row));
  for (std::size_t c = 0; c < fields(row); ++c) out.emplace_back(field(row, c));
  return out;
}

void VoterTable::add_field(std::string_view text) {
  text_.append(text);
  field_end_.push_back(text_.size());
}

void VoterTable::add(std::span<const std::string> fields) {
  row_begin_.push_back(field_end_.size());
  for (const auto& f : fields) add_field(f);
}

void VoterTable::add(std::span<const std::string_view> fields) {
  row_begin_.push_back(field_end_.size());
  for (auto f : fields) add_field(f);
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

tally::BallotKind ballot_kind(VoteType type) {
  switch (type) {
    case VoteType::kApproval:
    case VoteType::kChoose1:
      return tally::BallotKind::kApproval;
    case VoteType::kCumulative:
      return tally::BallotKind::kCumulative;
    case VoteType::kScoring:
      return tally::BallotKind::kScore;
    case VoteType::kOrdinal:
      return tally::BallotKind::kRanked;
  }
  return tally::BallotKind::kApproval;
}

absl::StatusOr<Election> Election::create(Instance instance, tally::Profile profile) {
  if (instance.budget < 0) return absl::InvalidArgumentError("the budget is negative");
  absl::flat_hash_set<std::string_view> ids;
  for (const Project& p : instance.projects) {
    if (p.id.empty()) return absl::InvalidArgumentError("a project has an empty id");
    if (!is_utf8(p.id) || !is_utf8(p.name)) {
      return absl::InvalidArgumentError(
          str_cat("project ", ids.size() + 1, "'s id or name is not UTF-8"));
    }
    if (!ids.insert(p.id).second) {
      return absl::InvalidArgumentError(str_cat("project '", p.id, "' is listed twice"));
    }
    if (p.cost < 0) {
      return absl::InvalidArgumentError(str_cat("project '", p.id, "' has a negative cost"));
    }
  }
  if (profile.num_candidates() != instance.projects.size()) {
    return absl::InvalidArgumentError(str_cat("the profile has ", profile.num_candidates(),
                                              " candidates for ", instance.projects.size(),
                                              " projects"));
  }
  for (std::size_t i = 0; i < instance.projects.size(); ++i) {
    if (profile.candidates()[i] != instance.projects[i].id) {
      return absl::InvalidArgumentError(str_cat("the profile's candidate '",
                                                profile.candidates()[i], "' is not project '",
                                                instance.projects[i].id, "'"));
    }
  }
  if (profile.num_candidates() > 0 && profile.kind() != ballot_kind(instance.vote_type)) {
    return absl::InvalidArgumentError(str_cat("a ", to_string(instance.vote_type),
                                              " election needs ",
                                              tally::to_string(ballot_kind(instance.vote_type)),
                                              " ballots, not ", tally::to_string(profile.kind())));
  }
  Election e;
  e.instance = std::move(instance);
  e.profile = std::move(profile);
  return e;
}

}  // namespace participa::pb
