// participa/components/proposals/queries.hpp — what a reader may see of a proposals component.
//
// Every list goes through the same rules as every action: a reader sees a private space's
// proposals only as a member (or with a role), an unpublished space or component only with a
// role, drafts only their own, hidden proposals and comments not at all (admins and
// moderators excepted), and no vote counts while the active phase hides them (votes_hidden).
// Counts are the fold of the record: `votes` is the counted weight (temporary votes below the
// minimum do not count), split by channel.
//
//   ProposalQuery q{.order = SortOrder::kMostVoted};
//   absl::StatusOr<std::vector<ProposalView>> top = list_proposals(org, component, reader, q);
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/components/proposals/proposals.hpp"
#include "participa/core/names.hpp"

namespace participa::components::proposals {

// SortOrder — most counted votes first, most recently published first, or a random order
// fixed by `ProposalQuery::seed`.
enum class SortOrder { kMostVoted, kRecent, kRandom };
inline constexpr std::array<Named<SortOrder>, 3> kSortOrderNames = {
    {{SortOrder::kMostVoted, "most-voted"},
     {SortOrder::kRecent, "recent"},
     {SortOrder::kRandom, "random"}}};

struct ProposalQuery {
  std::optional<std::string> state{};  // public answer state; "" for not answered
  std::optional<ScopeId> scope{};      // this scope or below
  bool mine = false;                   // only the reader's own (drafts included)
  bool include_withdrawn = false;
  bool emendations = false;  // list emendations (amendments) instead of proposals
  SortOrder order = SortOrder::kMostVoted;
  std::uint64_t seed = 0;  // for kRandom: the same seed gives the same order
};

struct ProposalView {
  ProposalId id{};
  std::string title{};
  std::vector<ParticipantId> authors{};
  std::vector<GroupId> groups{};  // the groups its authors wrote it for
  bool official = false;
  bool published = false;
  bool withdrawn = false;
  std::string state{};  // public answer state
  ProposalId amends{};  // for an emendation, the proposal it amends
  std::string amendment_state{};
  std::optional<std::int64_t> votes{};  // absent while hidden from this reader
  std::optional<ChannelCounts> votes_by_channel{};
  std::int64_t likes = 0;
  std::int64_t comments = 0;
};

// list_proposals — FailedPrecondition when the reader may not see the component at all;
// NotFound / InvalidArgument for a component that does not exist or is not proposals.
absl::StatusOr<std::vector<ProposalView>> list_proposals(const space::Organization& organization,
                                                         ComponentId component,
                                                         ParticipantId reader,
                                                         const ProposalQuery& query);

// ProposalLink — a proposal and the component that holds it.
struct ProposalLink {
  ComponentId component{};
  ProposalId proposal{};
  friend bool operator==(const ProposalLink&, const ProposalLink&) = default;
};

// copies_of — the copies of `original` (ProposalsCopied) in every proposals component of the
// organization, in component then proposal id order.
std::vector<ProposalLink> copies_of(const space::Organization& organization, ProposalId original);

}  // namespace participa::components::proposals
