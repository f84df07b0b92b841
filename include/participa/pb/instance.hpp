// participa/pb/instance.hpp — a participatory-budgeting election: projects, budget, votes.
//
// An `Instance` is what a city puts to the vote: projects with their costs (exact, in the
// currency's units; decimals allowed), the budget limit, and the election's metadata. An
// `Election` adds the voters' ballots as a tally::Profile over the projects (candidates are
// project ids), plus every voter row as read, so nothing of a pabulib file is lost.
//
// Vote types follow pabulib: approval (and choose-1, approval of one project), cumulative
// (points summing to a budget), scoring (points per project) and ordinal (a ranking).
//
//   auto election = participa::io::read_pabulib_file("Poland_Swiecie_2023.pb");
//   const pb::Instance& instance = election->instance;   // 22 projects, budget 1 070 000
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/core/names.hpp"
#include "participa/core/rational.hpp"
#include "participa/tally/profile.hpp"

namespace participa::pb {

enum class VoteType { kApproval, kChoose1, kCumulative, kScoring, kOrdinal };
inline constexpr std::array<Named<VoteType>, 5> kVoteTypeNames = {{
    {VoteType::kApproval, "approval"},
    {VoteType::kChoose1, "choose-1"},
    {VoteType::kCumulative, "cumulative"},
    {VoteType::kScoring, "scoring"},
    {VoteType::kOrdinal, "ordinal"},
}};
inline std::string_view to_string(VoteType type) { return name_of(kVoteTypeNames, type); }
inline absl::StatusOr<VoteType> parse_vote_type(std::string_view text) {
  return parse_name(kVoteTypeNames, "vote_type", text);
}

struct Project {
  std::string id;
  Rational cost;
  std::string name;
  std::vector<std::string> categories;
  std::vector<std::string> targets;
  // Every column of the file's PROJECTS section, by column name, as written.
  std::map<std::string, std::string> fields;
  friend bool operator==(const Project&, const Project&) = default;
};

struct Instance {
  std::vector<Project> projects;
  Rational budget;
  VoteType vote_type = VoteType::kApproval;
  // META rows in file order.
  std::vector<std::pair<std::string, std::string>> meta;
  // PROJECTS columns in file order.
  std::vector<std::string> project_columns;

  // meta_value(key) — the META value for key, if present.
  std::optional<std::string> meta_value(std::string_view key) const;
  // index_of(id) — NotFound for an unknown project id.
  absl::StatusOr<std::uint32_t> index_of(std::string_view id) const;
  friend bool operator==(const Instance&, const Instance&) = default;
};

// VoterTable — the rows of the VOTES section, every field as written, in
// `Election::voter_columns` order. All fields share one buffer: a city's file has hundreds of
// thousands of rows, and a string per field would take several times the file's size.
class VoterTable {
 public:
  std::size_t size() const { return row_begin_.size(); }
  bool empty() const { return row_begin_.empty(); }
  std::size_t fields(std::size_t row) const;
  std::string_view field(std::size_t row, std::size_t column) const;
  std::vector<std::string> row(std::size_t row) const;
  // add(fields) — appends a row of any number of fields.
  void add(std::span<const std::string> fields);
  void add(std::span<const std::string_view> fields);
  friend bool operator==(const VoterTable&, const VoterTable&) = default;

 private:
  void add_field(std::string_view text);

  std::string text_;
  std::vector<std::uint64_t> field_end_;  // where each field ends in text_
  std::vector<std::uint64_t> row_begin_;  // each row's first entry in field_end_
};

// ballot_kind(type) — the kind of tally::Profile that holds ballots of this vote type.
tally::BallotKind ballot_kind(VoteType type);

struct Election {
  // create(instance, profile) — an election without voter rows, checked: InvalidArgument for a
  // repeated or empty project id, a negative cost or budget, a profile whose candidates are not
  // the project ids in order, or whose ballot kind does not fit the vote type.
  static absl::StatusOr<Election> create(Instance instance, tally::Profile profile);

  Instance instance;
  tally::Profile profile;
  std::vector<std::string> voter_columns;
  VoterTable voters;
  // What a reader repaired (marks repeated in a ballot counted once, ...); every rule's
  // Result carries them.
  std::vector<std::string> warnings;
  friend bool operator==(const Election&, const Election&) = default;
};

}  // namespace participa::pb
