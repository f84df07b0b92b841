// participa/components/proposals/proposals.hpp — the proposals component: what people write,
// support, comment on and what the administration answers.
//
// Register once with `register_kind()`; a space then adds components of kind "proposals".
// Participants act through `space::ComponentAction` commands whose payload is one of the
// types below; `decide` checks, in this order, the phase settings, the resource rules
// (ownership, state, limits) and the component's authorization requirements, and refuses
// with the status codes of docs/errors.md. The state (`State`) is a fold of the events.
//
// Votes follow Decidim's semantics:
//   * one vote per (participant, proposal); `vote_limit` votes per participant (0: no limit);
//   * with `minimum_votes_per_participant` = m > 0, a participant's votes are temporary until
//     they have cast m, then all of them count, and all stop counting again if they fall
//     below m by unvoting;
//   * `threshold_per_proposal` > 0 closes a proposal to votes once its counted votes reach it,
//     unless `can_accumulate_votes_beyond_threshold`;
//   * unvoting is allowed while votes are open; a vote carries a weight (1 unless
//     `maximum_vote_weight` allows more).
// Settings (global): vote_limit, minimum_votes_per_participant, threshold_per_proposal,
// can_accumulate_votes_beyond_threshold, maximum_vote_weight, proposal_limit,
// proposal_length, edit_time_minutes (0: no limit), official_proposals_enabled,
// comments_enabled, comments_max_length, custom_states (comma-separated answer states),
// reports_to_hide (reports that hide content; 0: never).
// Settings (global): amendments_enabled. Settings (per phase): amendment_creation_enabled,
// amendment_reaction_enabled, amendment_promotion_enabled.
// Settings (per phase): creation_enabled, votes_enabled, votes_blocked, votes_hidden,
// likes_enabled, likes_blocked, comments_blocked, answering_enabled,
// publish_answers_immediately, answers_with_costs.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "participa/components/proposals/ids.hpp"
#include "participa/space/ids.hpp"
#include "participa/space/organization.hpp"

namespace participa::components::proposals {

inline constexpr std::string_view kKind = "proposals";

// The payloads: each is what a command asks for and, once accepted, what the event records.
// A draft; official drafts (by an admin, when official_proposals_enabled) speak for the
// organization. The actor is the first author.
struct ProposalDrafted {
  ProposalId proposal{};
  std::string title{};
  std::string body{};
  ScopeId scope{};
  bool official = false;
  std::vector<ParticipantId> coauthors{};
};
struct ProposalPublished {
  ProposalId proposal{};
};
struct ProposalEdited {
  ProposalId proposal{};
  std::string title{};
  std::string body{};
};
struct ProposalWithdrawn {
  ProposalId proposal{};
};
// An answer: "evaluating", "accepted", "rejected" or a custom state; `published` is set by
// decide from publish_answers_immediately.
struct ProposalAnswered {
  ProposalId proposal{};
  std::string state{};
  std::string answer{};
  std::optional<std::int64_t> cost{};
  bool published = false;
};
struct AnswerPublished {
  ProposalId proposal{};
};
struct VoteCast {
  ProposalId proposal{};
  std::int64_t weight = 1;
};
struct VoteWithdrawn {
  ProposalId proposal{};
};
// A like (support that is not a vote); liked = false takes it back.
struct ProposalLiked {
  ProposalId proposal{};
  bool liked = true;
};
// A comment on a proposal, or a reply (parent) up to depth 3; alignment -1, 0 or +1.
struct CommentAdded {
  CommentId comment{};
  ProposalId proposal{};
  CommentId parent{};
  std::int32_t alignment = 0;
  std::string body{};
};
// Moderation: hides (or unhides) a proposal, or a comment when `comment` is set.
struct ContentHidden {
  ProposalId proposal{};
  CommentId comment{};
  bool hidden = true;
  std::string reason{};
};

// An admin assigns a published proposal to an evaluator of the space (assigned = false takes
// it back); an evaluator answers only the proposals assigned to them.
struct EvaluatorAssigned {
  ProposalId proposal{};
  ParticipantId evaluator{};
  bool assigned = true;
};
// A private note on a proposal, for admins and the proposal's evaluators only; never in a
// public list or export.
struct NoteAdded {
  NoteId note{};
  ProposalId proposal{};
  std::string body{};
};
// An up (+1) or down (-1) vote on a comment by a participant; 0 takes theirs back.
struct CommentVoted {
  CommentId comment{};
  std::int32_t vote = 1;
};
// A report of a proposal, or of one of its comments when `comment` is set: reason "spam",
// "offensive" or "does-not-belong". One per participant and content; the report that reaches
// `reports_to_hide` hides the content until a moderator unhides it.
struct ContentReported {
  ProposalId proposal{};
  CommentId comment{};
  std::string reason{};
  std::string details{};
};

// Amendments follow Decidim: a participant proposes an emendation of a published proposal
// (the amendable), which is itself a proposal, linked to it and in state "evaluating". The
// amendable's authors accept it (the amendable takes the emendation's title and body, and the
// emendation's author joins its authors) or reject it; the emendation's author may withdraw
// it while it is evaluated, and promote a rejected one into a proposal of its own.
struct AmendmentCreated {
  ProposalId emendation{};
  ProposalId amendable{};
  std::string title{};
  std::string body{};
};
struct AmendmentAccepted {
  ProposalId emendation{};
};
struct AmendmentRejected {
  ProposalId emendation{};
};
struct AmendmentWithdrawn {
  ProposalId emendation{};
};
// The promoted emendation's text becomes the new, published proposal `proposal`.
struct AmendmentPromoted {
  ProposalId emendation{};
  ProposalId proposal{};
};

// Merge and split follow Decidim's admin actions, which delete the originals: here the
// originals stay in the record but are retired (`replaced_by`): out of every list, closed to
// every action, their votes removed (so voters get them back) and their authors' proposal
// count released. The new proposals are official and published.
struct ProposalsMerged {
  ProposalId proposal{};
  std::vector<ProposalId> sources{};  // two or more
  std::string title{};
  std::string body{};
};
struct ProposalPart {
  ProposalId proposal{};
  std::string title{};
  std::string body{};
  friend bool operator==(const ProposalPart&, const ProposalPart&) = default;
};
struct ProposalSplit {
  ProposalId source{};
  std::vector<ProposalPart> parts{};  // two or more
};

// Copy follows Decidim's import from another component: an admin copies the proposals of
// another proposals component of the organization into this one — those whose published
// answer is `state`, or, when `state` is empty, every published one — leaving out withdrawn,
// hidden and retired proposals, emendations, and proposals already copied here. Each copy
// keeps its original's title, body, scope, authors and groups, names it (`copied_from`), and
// starts published, unanswered and without votes; the original is unchanged
// (`copies_of` in queries.hpp finds the copies).
struct ProposalCopy {
  ProposalId original{};
  ProposalId copy{};
  friend bool operator==(const ProposalCopy&, const ProposalCopy&) = default;
};
struct ProposalsCopied {
  ComponentId source{};
  std::string state{};
  std::vector<ProposalCopy> copies{};  // assigned, in the original's id order
};

using Payload = std::variant<ProposalDrafted, ProposalPublished, ProposalEdited, ProposalWithdrawn,
                             ProposalAnswered, AnswerPublished, VoteCast, VoteWithdrawn,
                             ProposalLiked, CommentAdded, ContentHidden, EvaluatorAssigned,
                             NoteAdded, CommentVoted, ContentReported, AmendmentCreated,
                             AmendmentAccepted, AmendmentRejected, AmendmentWithdrawn,
                             AmendmentPromoted, ProposalsMerged, ProposalSplit, ProposalsCopied>;

std::string_view payload_name(const Payload& payload);

// ChannelCounts — counted vote weight per channel (index: space::Channel).
using ChannelCounts = std::array<std::int64_t, 3>;

struct Proposal {
  ProposalId id{};
  std::vector<ParticipantId> authors{};  // the first drafted it
  std::vector<GroupId> groups{};         // the groups its authors wrote it for
  std::string title{};
  std::string body{};
  ScopeId scope{};
  bool official = false;
  space::Channel channel = space::Channel::kOnline;
  absl::Time created_at = absl::InfinitePast();
  std::optional<absl::Time> published_at{};
  bool withdrawn = false;
  std::string answer_state{};  // empty: not answered
  std::string answer{};
  std::optional<std::int64_t> cost{};
  bool answer_published = false;
  std::int64_t votes = 0;  // counted (final) weight
  ChannelCounts votes_by_channel{};
  std::int64_t likes = 0;
  std::int64_t comments = 0;
  bool hidden = false;
  std::int64_t reports = 0;
  std::set<ParticipantId> evaluators{};  // assigned to answer it
  // amends — for an emendation, the proposal it amends; amendment_state is then
  // "evaluating", "accepted", "rejected", "withdrawn" or "promoted".
  ProposalId amends{};
  std::string amendment_state{};
  ProposalId promoted_from{};             // the rejected emendation this proposal was promoted from
  std::vector<ProposalId> sources{};      // the proposals this one was merged or split from
  std::vector<ProposalId> replaced_by{};  // set when this one was merged or split: retired
  // copied_from — for a copy, its original and the component that holds it.
  ProposalId copied_from{};
  ComponentId copied_from_component{};

  // public_state — the answer state once published, else empty.
  // (Both branches are views: `answer_state : ""` would make a temporary string.)
  std::string_view public_state() const {
    return answer_published ? std::string_view(answer_state) : std::string_view();
  }
  friend bool operator==(const Proposal&, const Proposal&) = default;
};

struct Vote {
  std::int64_t weight = 1;
  space::Channel channel = space::Channel::kOnline;
  friend bool operator==(const Vote&, const Vote&) = default;
};

struct Comment {
  CommentId id{};
  ProposalId proposal{};
  CommentId parent{};
  ParticipantId author{};
  GroupId group{};  // the group the author wrote it for, or nil
  std::int32_t depth = 0;
  std::int32_t alignment = 0;
  std::string body{};
  bool hidden = false;
  std::int64_t up_votes = 0;
  std::int64_t down_votes = 0;
  std::int64_t reports = 0;
  friend bool operator==(const Comment&, const Comment&) = default;
};

struct Note {
  NoteId id{};
  ProposalId proposal{};
  ParticipantId author{};
  absl::Time created_at = absl::InfinitePast();
  std::string body{};
  friend bool operator==(const Note&, const Note&) = default;
};

struct State {
  std::map<ProposalId, Proposal> proposals{};
  // votes — by (participant, proposal), so one participant's votes are adjacent.
  std::map<std::pair<ParticipantId, ProposalId>, Vote> votes{};
  absl::flat_hash_map<ParticipantId, std::int64_t> votes_cast{};  // per participant
  // weight_held — per proposal, the weight of every vote on it, counting or temporary: the
  // threshold bounds this, so votes that start counting later cannot carry a proposal past it.
  absl::flat_hash_map<ProposalId, std::int64_t> weight_held{};
  absl::flat_hash_map<ParticipantId, std::int64_t> proposals_authored{};  // not withdrawn
  std::set<std::pair<ParticipantId, ProposalId>> likes{};
  std::map<CommentId, Comment> comments{};
  // comment_votes — +1 or -1 by (participant, comment).
  std::map<std::pair<ParticipantId, CommentId>, std::int32_t> comment_votes{};
  // reports — (reporter, proposal, comment); the comment is nil for a report of the proposal.
  std::set<std::tuple<ParticipantId, ProposalId, CommentId>> reports{};
  std::map<NoteId, Note> notes{};
  friend bool operator==(const State&, const State&) = default;
};

// register_kind — registers "proposals"; later calls do nothing.
void register_kind();

// state_of — the proposals state of a component; NotFound / InvalidArgument when the
// component does not exist or is of another kind.
absl::StatusOr<const State*> state_of(const space::Organization& organization,
                                      ComponentId component);

}  // namespace participa::components::proposals
