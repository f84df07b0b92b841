#include "participa/io/record.hpp"

#include <map>
#include <optional>

#include <google/protobuf/util/json_util.h>

#include "codec_registry.hpp"
#include "component_codecs.hpp"
#include "participa/components/proposals/proposals.hpp"
#include "participa/core/overloaded.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"
#include "participa/space/component_kind.hpp"
#include "participa/v1/proposals.pb.h"
#include "participa/v1/record.pb.h"
#include "record_fields.hpp"

namespace participa::io {
namespace {

namespace sp = participa::space;
namespace pr = participa::components::proposals;
using namespace detail;

// --- proposals codec ----------------------------------------------------------------------

// One function per kind of proposals event writes its payload into the message.
void put(const pr::ProposalDrafted& e, v1::ProposalsEvent& m) {
  auto* out = m.mutable_proposal_drafted();
  out->set_proposal(id_bytes(e.proposal));
  out->set_title(e.title);
  out->set_body(e.body);
  out->set_scope(id_bytes(e.scope));
  out->set_official(e.official);
  for (ParticipantId c : e.coauthors) out->add_coauthors(id_bytes(c));
}

void put(const pr::ProposalPublished& e, v1::ProposalsEvent& m) {
  m.set_proposal_published(id_bytes(e.proposal));
}

void put(const pr::ProposalEdited& e, v1::ProposalsEvent& m) {
  auto* out = m.mutable_proposal_edited();
  out->set_proposal(id_bytes(e.proposal));
  out->set_title(e.title);
  out->set_body(e.body);
}

void put(const pr::ProposalWithdrawn& e, v1::ProposalsEvent& m) {
  m.set_proposal_withdrawn(id_bytes(e.proposal));
}

void put(const pr::ProposalAnswered& e, v1::ProposalsEvent& m) {
  auto* out = m.mutable_proposal_answered();
  out->set_proposal(id_bytes(e.proposal));
  out->set_state(e.state);
  out->set_answer(e.answer);
  if (e.cost) out->set_cost(*e.cost);
  out->set_published(e.published);
}

void put(const pr::AnswerPublished& e, v1::ProposalsEvent& m) {
  m.set_answer_published(id_bytes(e.proposal));
}

void put(const pr::VoteCast& e, v1::ProposalsEvent& m) {
  auto* out = m.mutable_vote_cast();
  out->set_proposal(id_bytes(e.proposal));
  out->set_weight(e.weight);
}

void put(const pr::VoteWithdrawn& e, v1::ProposalsEvent& m) {
  m.set_vote_withdrawn(id_bytes(e.proposal));
}

void put(const pr::ProposalLiked& e, v1::ProposalsEvent& m) {
  auto* out = m.mutable_proposal_liked();
  out->set_proposal(id_bytes(e.proposal));
  out->set_liked(e.liked);
}

void put(const pr::CommentAdded& e, v1::ProposalsEvent& m) {
  auto* out = m.mutable_comment_added();
  out->set_comment(id_bytes(e.comment));
  out->set_proposal(id_bytes(e.proposal));
  out->set_parent(id_bytes(e.parent));
  out->set_alignment(e.alignment);
  out->set_body(e.body);
}

void put(const pr::ContentHidden& e, v1::ProposalsEvent& m) {
  auto* out = m.mutable_content_hidden();
  out->set_proposal(id_bytes(e.proposal));
  out->set_comment(id_bytes(e.comment));
  out->set_hidden(e.hidden);
  out->set_reason(e.reason);
}

void put(const pr::EvaluatorAssigned& e, v1::ProposalsEvent& m) {
  auto* out = m.mutable_evaluator_assigned();
  out->set_proposal(id_bytes(e.proposal));
  out->set_evaluator(id_bytes(e.evaluator));
  out->set_assigned(e.assigned);
}

void put(const pr::NoteAdded& e, v1::ProposalsEvent& m) {
  auto* out = m.mutable_note_added();
  out->set_note(id_bytes(e.note));
  out->set_proposal(id_bytes(e.proposal));
  out->set_body(e.body);
}

void put(const pr::CommentVoted& e, v1::ProposalsEvent& m) {
  auto* out = m.mutable_comment_voted();
  out->set_comment(id_bytes(e.comment));
  out->set_vote(e.vote);
}

void put(const pr::AmendmentCreated& e, v1::ProposalsEvent& m) {
  auto* out = m.mutable_amendment_created();
  out->set_emendation(id_bytes(e.emendation));
  out->set_amendable(id_bytes(e.amendable));
  out->set_title(e.title);
  out->set_body(e.body);
}

void put(const pr::AmendmentAccepted& e, v1::ProposalsEvent& m) {
  m.set_amendment_accepted(id_bytes(e.emendation));
}

void put(const pr::AmendmentRejected& e, v1::ProposalsEvent& m) {
  m.set_amendment_rejected(id_bytes(e.emendation));
}

void put(const pr::AmendmentWithdrawn& e, v1::ProposalsEvent& m) {
  m.set_amendment_withdrawn(id_bytes(e.emendation));
}

void put(const pr::AmendmentPromoted& e, v1::ProposalsEvent& m) {
  auto* out = m.mutable_amendment_promoted();
  out->set_emendation(id_bytes(e.emendation));
  out->set_proposal(id_bytes(e.proposal));
}

void put(const pr::ProposalsMerged& e, v1::ProposalsEvent& m) {
  auto* out = m.mutable_proposals_merged();
  out->set_proposal(id_bytes(e.proposal));
  for (ProposalId source : e.sources) out->add_sources(id_bytes(source));
  out->set_title(e.title);
  out->set_body(e.body);
}

void put(const pr::ProposalSplit& e, v1::ProposalsEvent& m) {
  auto* out = m.mutable_proposal_split();
  out->set_source(id_bytes(e.source));
  for (const pr::ProposalPart& part : e.parts) {
    auto* piece = out->add_parts();
    piece->set_proposal(id_bytes(part.proposal));
    piece->set_title(part.title);
    piece->set_body(part.body);
  }
}

void put(const pr::ProposalsCopied& e, v1::ProposalsEvent& m) {
  auto* out = m.mutable_proposals_copied();
  out->set_source(id_bytes(e.source));
  out->set_state(e.state);
  for (const pr::ProposalCopy& copy : e.copies) {
    auto* pair = out->add_copies();
    pair->set_original(id_bytes(copy.original));
    pair->set_copy(id_bytes(copy.copy));
  }
}

void put(const pr::ContentReported& e, v1::ProposalsEvent& m) {
  auto* out = m.mutable_content_reported();
  out->set_proposal(id_bytes(e.proposal));
  out->set_comment(id_bytes(e.comment));
  out->set_reason(e.reason);
  out->set_details(e.details);
}

absl::StatusOr<std::string> encode_proposals(const std::any& payload) {
  const auto& p = std::any_cast<const pr::Payload&>(payload);
  v1::ProposalsEvent m;
  std::visit([&](const auto& e) { put(e, m); }, p);
  return deterministic_bytes(m);
}

template <class T>
absl::StatusOr<std::any> proposal_only(const std::string& id) {
  T out;
  PARTICIPA_RETURN_IF_ERROR(read_id(id, out.proposal, "proposal"));
  return std::any(pr::Payload(out));
}

template <class T>
absl::StatusOr<std::any> emendation_only(const std::string& id) {
  T out;
  PARTICIPA_RETURN_IF_ERROR(read_id(id, out.emendation, "emendation"));
  return std::any(pr::Payload(out));
}

// One function per kind of proposals event reads its payload from the message.
absl::StatusOr<std::any> read_proposal_drafted(const v1::ProposalsEvent& m) {
  const auto& in = m.proposal_drafted();
  pr::ProposalDrafted out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.proposal(), out.proposal, "proposal"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.scope(), out.scope, "scope"));
  out.title = in.title();
  out.body = in.body();
  out.official = in.official();
  for (const std::string& c : in.coauthors()) {
    PARTICIPA_RETURN_IF_ERROR(read_id(c, out.coauthors.emplace_back(), "coauthor"));
  }
  return std::any(pr::Payload(std::move(out)));
}

absl::StatusOr<std::any> read_proposal_edited(const v1::ProposalsEvent& m) {
  pr::ProposalEdited out;
  PARTICIPA_RETURN_IF_ERROR(read_id(m.proposal_edited().proposal(), out.proposal, "proposal"));
  out.title = m.proposal_edited().title();
  out.body = m.proposal_edited().body();
  return std::any(pr::Payload(std::move(out)));
}

absl::StatusOr<std::any> read_proposal_answered(const v1::ProposalsEvent& m) {
  const auto& in = m.proposal_answered();
  pr::ProposalAnswered out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.proposal(), out.proposal, "proposal"));
  out.state = in.state();
  out.answer = in.answer();
  if (in.has_cost()) out.cost = in.cost();
  out.published = in.published();
  return std::any(pr::Payload(std::move(out)));
}

absl::StatusOr<std::any> read_vote_cast(const v1::ProposalsEvent& m) {
  pr::VoteCast out;
  PARTICIPA_RETURN_IF_ERROR(read_id(m.vote_cast().proposal(), out.proposal, "proposal"));
  out.weight = m.vote_cast().weight();
  return std::any(pr::Payload(out));
}

absl::StatusOr<std::any> read_proposal_liked(const v1::ProposalsEvent& m) {
  pr::ProposalLiked out;
  PARTICIPA_RETURN_IF_ERROR(read_id(m.proposal_liked().proposal(), out.proposal, "proposal"));
  out.liked = m.proposal_liked().liked();
  return std::any(pr::Payload(out));
}

absl::StatusOr<std::any> read_comment_added(const v1::ProposalsEvent& m) {
  const auto& in = m.comment_added();
  pr::CommentAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.comment(), out.comment, "comment"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.proposal(), out.proposal, "proposal"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.parent(), out.parent, "parent"));
  out.alignment = in.alignment();
  out.body = in.body();
  return std::any(pr::Payload(std::move(out)));
}

absl::StatusOr<std::any> read_content_hidden(const v1::ProposalsEvent& m) {
  const auto& in = m.content_hidden();
  pr::ContentHidden out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.proposal(), out.proposal, "proposal"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.comment(), out.comment, "comment"));
  out.hidden = in.hidden();
  out.reason = in.reason();
  return std::any(pr::Payload(std::move(out)));
}

absl::StatusOr<std::any> read_evaluator_assigned(const v1::ProposalsEvent& m) {
  const auto& in = m.evaluator_assigned();
  pr::EvaluatorAssigned out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.proposal(), out.proposal, "proposal"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.evaluator(), out.evaluator, "evaluator"));
  out.assigned = in.assigned();
  return std::any(pr::Payload(out));
}

absl::StatusOr<std::any> read_note_added(const v1::ProposalsEvent& m) {
  const auto& in = m.note_added();
  pr::NoteAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.note(), out.note, "note"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.proposal(), out.proposal, "proposal"));
  out.body = in.body();
  return std::any(pr::Payload(std::move(out)));
}

absl::StatusOr<std::any> read_comment_voted(const v1::ProposalsEvent& m) {
  pr::CommentVoted out;
  PARTICIPA_RETURN_IF_ERROR(read_id(m.comment_voted().comment(), out.comment, "comment"));
  out.vote = m.comment_voted().vote();
  return std::any(pr::Payload(out));
}

absl::StatusOr<std::any> read_amendment_created(const v1::ProposalsEvent& m) {
  const auto& in = m.amendment_created();
  pr::AmendmentCreated out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.emendation(), out.emendation, "emendation"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.amendable(), out.amendable, "amendable"));
  out.title = in.title();
  out.body = in.body();
  return std::any(pr::Payload(std::move(out)));
}

absl::StatusOr<std::any> read_amendment_promoted(const v1::ProposalsEvent& m) {
  pr::AmendmentPromoted out;
  PARTICIPA_RETURN_IF_ERROR(
      read_id(m.amendment_promoted().emendation(), out.emendation, "emendation"));
  PARTICIPA_RETURN_IF_ERROR(read_id(m.amendment_promoted().proposal(), out.proposal, "proposal"));
  return std::any(pr::Payload(out));
}

absl::StatusOr<std::any> read_proposals_merged(const v1::ProposalsEvent& m) {
  const auto& in = m.proposals_merged();
  pr::ProposalsMerged out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.proposal(), out.proposal, "proposal"));
  for (const std::string& source : in.sources()) {
    PARTICIPA_RETURN_IF_ERROR(read_id(source, out.sources.emplace_back(), "merged proposal"));
  }
  out.title = in.title();
  out.body = in.body();
  return std::any(pr::Payload(std::move(out)));
}

absl::StatusOr<std::any> read_proposal_split(const v1::ProposalsEvent& m) {
  const auto& in = m.proposal_split();
  pr::ProposalSplit out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.source(), out.source, "split proposal"));
  for (const auto& part : in.parts()) {
    pr::ProposalPart& p = out.parts.emplace_back();
    PARTICIPA_RETURN_IF_ERROR(read_id(part.proposal(), p.proposal, "part"));
    p.title = part.title();
    p.body = part.body();
  }
  return std::any(pr::Payload(std::move(out)));
}

absl::StatusOr<std::any> read_proposals_copied(const v1::ProposalsEvent& m) {
  const auto& in = m.proposals_copied();
  pr::ProposalsCopied out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.source(), out.source, "source component"));
  out.state = in.state();
  for (const auto& pair : in.copies()) {
    pr::ProposalCopy& copy = out.copies.emplace_back();
    PARTICIPA_RETURN_IF_ERROR(read_id(pair.original(), copy.original, "original"));
    PARTICIPA_RETURN_IF_ERROR(read_id(pair.copy(), copy.copy, "copy"));
  }
  return std::any(pr::Payload(std::move(out)));
}

absl::StatusOr<std::any> read_content_reported(const v1::ProposalsEvent& m) {
  const auto& in = m.content_reported();
  pr::ContentReported out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.proposal(), out.proposal, "proposal"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.comment(), out.comment, "comment"));
  out.reason = in.reason();
  out.details = in.details();
  return std::any(pr::Payload(std::move(out)));
}

absl::StatusOr<std::any> decode_proposals(std::string_view bytes) {
  v1::ProposalsEvent m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError("the proposals payload does not parse");
  }
  switch (m.payload_case()) {
    case v1::ProposalsEvent::kProposalDrafted:
      return read_proposal_drafted(m);
    case v1::ProposalsEvent::kProposalPublished:
      return proposal_only<pr::ProposalPublished>(m.proposal_published());
    case v1::ProposalsEvent::kProposalEdited:
      return read_proposal_edited(m);
    case v1::ProposalsEvent::kProposalWithdrawn:
      return proposal_only<pr::ProposalWithdrawn>(m.proposal_withdrawn());
    case v1::ProposalsEvent::kProposalAnswered:
      return read_proposal_answered(m);
    case v1::ProposalsEvent::kAnswerPublished:
      return proposal_only<pr::AnswerPublished>(m.answer_published());
    case v1::ProposalsEvent::kVoteCast:
      return read_vote_cast(m);
    case v1::ProposalsEvent::kVoteWithdrawn:
      return proposal_only<pr::VoteWithdrawn>(m.vote_withdrawn());
    case v1::ProposalsEvent::kProposalLiked:
      return read_proposal_liked(m);
    case v1::ProposalsEvent::kCommentAdded:
      return read_comment_added(m);
    case v1::ProposalsEvent::kContentHidden:
      return read_content_hidden(m);
    case v1::ProposalsEvent::kEvaluatorAssigned:
      return read_evaluator_assigned(m);
    case v1::ProposalsEvent::kNoteAdded:
      return read_note_added(m);
    case v1::ProposalsEvent::kCommentVoted:
      return read_comment_voted(m);
    case v1::ProposalsEvent::kAmendmentCreated:
      return read_amendment_created(m);
    case v1::ProposalsEvent::kAmendmentAccepted:
      return emendation_only<pr::AmendmentAccepted>(m.amendment_accepted());
    case v1::ProposalsEvent::kAmendmentRejected:
      return emendation_only<pr::AmendmentRejected>(m.amendment_rejected());
    case v1::ProposalsEvent::kAmendmentWithdrawn:
      return emendation_only<pr::AmendmentWithdrawn>(m.amendment_withdrawn());
    case v1::ProposalsEvent::kAmendmentPromoted:
      return read_amendment_promoted(m);
    case v1::ProposalsEvent::kProposalsMerged:
      return read_proposals_merged(m);
    case v1::ProposalsEvent::kProposalSplit:
      return read_proposal_split(m);
    case v1::ProposalsEvent::kProposalsCopied:
      return read_proposals_copied(m);
    case v1::ProposalsEvent::kContentReported:
      return read_content_reported(m);
    default:
      return absl::DataLossError("the proposals payload holds no known event");
  }
}

// --- codec registry -------------------------------------------------------------------------

using ComponentCodecs = CodecRegistry<ComponentCodec, &ComponentCodec::payload_type>;

ComponentCodecs& codecs() {
  static auto* instance = new ComponentCodecs(
      {ComponentCodec{"type.googleapis.com/participa.v1.ProposalsEvent", typeid(pr::Payload),
                      encode_proposals, decode_proposals},
       surveys_payload_codec(), budgets_payload_codec(), elections_payload_codec(),
       workshops_payload_codec(), sortitions_payload_codec(), meetings_payload_codec(),
       debates_payload_codec(), accountability_payload_codec()});
  return *instance;
}

absl::StatusOr<const ComponentCodec*> codec_for_type(std::type_index type) {
  const ComponentCodec* codec = codecs().for_type(type);
  if (codec == nullptr) {
    return absl::InvalidArgumentError(
        str_cat("no codec is registered for component payloads of type ", type.name()));
  }
  return codec;
}

absl::StatusOr<const ComponentCodec*> codec_for_url(std::string_view url) {
  const ComponentCodec* codec = codecs().for_url(url);
  if (codec == nullptr) {
    return absl::DataLossError(str_cat("no codec is registered for component payload ", url));
  }
  return codec;
}

// --- bodies ---------------------------------------------------------------------------------

void put_actor(const sp::Actor& actor, v1::Actor* out) {
  out->set_participant(id_bytes(actor.participant));
  out->set_channel(static_cast<std::uint32_t>(actor.channel));
  out->set_recorded_by(id_bytes(actor.recorded_by));
  out->set_group(id_bytes(actor.group));
}

// One function per kind of event writes its body into the message.
void put(const sp::OrganizationFounded& e, v1::Event& m) {
  auto* out = m.mutable_organization_founded();
  out->set_organization(id_bytes(e.organization));
  out->set_name(e.name);
  out->set_seed(e.seed);
  out->set_founder(id_bytes(e.founder));
  out->set_founder_nickname(e.founder_nickname);
  out->set_founder_name(e.founder_name);
}

void put(const sp::ParticipantRegistered& e, v1::Event& m) {
  auto* out = m.mutable_participant_registered();
  out->set_participant(id_bytes(e.participant));
  out->set_nickname(e.nickname);
  out->set_display_name(e.display_name);
  out->set_managed(e.managed);
}

void put(const sp::OrganizationRoleGranted& e, v1::Event& m) {
  auto* out = m.mutable_organization_role_granted();
  out->set_participant(id_bytes(e.participant));
  out->set_role(static_cast<std::uint32_t>(e.role));
}

void put(const sp::AuthorizationGranted& e, v1::Event& m) {
  auto* out = m.mutable_authorization_granted();
  out->set_participant(id_bytes(e.participant));
  put_authorization(e.authorization, out->mutable_authorization());
}

void put(const sp::AuthorizationRevoked& e, v1::Event& m) {
  auto* out = m.mutable_authorization_revoked();
  out->set_participant(id_bytes(e.participant));
  out->set_handler(e.handler);
}

void put(const sp::ScopeAdded& e, v1::Event& m) {
  auto* out = m.mutable_scope_added();
  out->set_scope(id_bytes(e.scope));
  out->set_name(e.name);
  out->set_parent(id_bytes(e.parent));
}

void put(const sp::SpaceCreated& e, v1::Event& m) {
  auto* out = m.mutable_space_created();
  out->set_space(id_bytes(e.space));
  out->set_kind(e.kind);
  out->set_slug(e.slug);
  out->set_title(e.title);
  out->set_visibility(static_cast<std::uint32_t>(e.visibility));
  out->set_parent(id_bytes(e.parent));
  out->set_scope(id_bytes(e.scope));
}

void put(const sp::SpacePublished& e, v1::Event& m) {
  auto* out = m.mutable_space_published();
  out->set_space(id_bytes(e.space));
  out->set_published(e.published);
}

void put(const sp::PhaseAdded& e, v1::Event& m) {
  auto* out = m.mutable_phase_added();
  out->set_space(id_bytes(e.space));
  out->set_phase(id_bytes(e.phase));
  out->set_title(e.title);
  if (e.starts_at) out->set_starts_at(micros(*e.starts_at));
  if (e.ends_at) out->set_ends_at(micros(*e.ends_at));
}

void put(const sp::PhaseActivated& e, v1::Event& m) {
  auto* out = m.mutable_phase_activated();
  out->set_space(id_bytes(e.space));
  out->set_phase(id_bytes(e.phase));
}

void put(const sp::SpaceRoleGranted& e, v1::Event& m) {
  auto* out = m.mutable_space_role_granted();
  out->set_space(id_bytes(e.space));
  out->set_participant(id_bytes(e.participant));
  out->set_role(static_cast<std::uint32_t>(e.role));
}

void put(const sp::SpaceRoleRevoked& e, v1::Event& m) {
  auto* out = m.mutable_space_role_revoked();
  out->set_space(id_bytes(e.space));
  out->set_participant(id_bytes(e.participant));
}

void put(const sp::MemberAdded& e, v1::Event& m) {
  auto* out = m.mutable_member_added();
  out->set_space(id_bytes(e.space));
  out->set_participant(id_bytes(e.participant));
  out->set_position(e.position);
}

void put(const sp::MemberRemoved& e, v1::Event& m) {
  auto* out = m.mutable_member_removed();
  out->set_space(id_bytes(e.space));
  out->set_participant(id_bytes(e.participant));
}

void put(const sp::GroupCreated& e, v1::Event& m) {
  auto* out = m.mutable_group_created();
  out->set_group(id_bytes(e.group));
  out->set_nickname(e.nickname);
  out->set_name(e.name);
}

void put(const sp::GroupJoinRequested& e, v1::Event& m) {
  m.mutable_group_join_requested()->set_group(id_bytes(e.group));
}

void put(const sp::GroupMemberAdmitted& e, v1::Event& m) {
  auto* out = m.mutable_group_member_admitted();
  out->set_group(id_bytes(e.group));
  out->set_participant(id_bytes(e.participant));
  out->set_role(static_cast<std::uint32_t>(e.role));
}

void put(const sp::GroupMemberRemoved& e, v1::Event& m) {
  auto* out = m.mutable_group_member_removed();
  out->set_group(id_bytes(e.group));
  out->set_participant(id_bytes(e.participant));
}

void put(const sp::GroupVerified& e, v1::Event& m) {
  auto* out = m.mutable_group_verified();
  out->set_group(id_bytes(e.group));
  out->set_verified(e.verified);
}

void put(const sp::ComponentAdded& e, v1::Event& m) {
  auto* out = m.mutable_component_added();
  out->set_component(id_bytes(e.component));
  out->set_space(id_bytes(e.space));
  out->set_kind(e.kind);
  out->set_name(e.name);
  put_settings(e.settings, out->mutable_settings());
}

void put(const sp::ComponentConfigured& e, v1::Event& m) {
  auto* out = m.mutable_component_configured();
  out->set_component(id_bytes(e.component));
  out->set_phase(id_bytes(e.phase));
  put_settings(e.settings, out->mutable_settings());
}

void put(const sp::ComponentPublished& e, v1::Event& m) {
  auto* out = m.mutable_component_published();
  out->set_component(id_bytes(e.component));
  out->set_published(e.published);
}

void put(const sp::PermissionSet& e, v1::Event& m) {
  auto* out = m.mutable_permission_set();
  out->set_component(id_bytes(e.component));
  out->set_action(e.action);
  for (const sp::Requirement& r : e.requirements) {
    put_requirement(r, out->add_requirements());
  }
}

absl::Status put(const sp::ComponentAction& e, v1::Event& m) {
  absl::StatusOr<const ComponentCodec*> codec = codec_for_type(e.payload.type());
  if (!codec.ok()) return codec.status();
  auto* out = m.mutable_component_action();
  out->set_component(id_bytes(e.component));
  out->mutable_payload()->set_type_url((*codec)->type_url);
  absl::StatusOr<std::string> bytes = (*codec)->encode(e.payload);
  if (!bytes.ok()) return bytes.status();
  out->mutable_payload()->set_value(*std::move(bytes));
  return absl::OkStatus();
}

absl::Status put_body(const sp::Body& body, v1::Event& m) {
  return std::visit(
      [&](const auto& e) -> absl::Status {
        if constexpr (std::is_same_v<std::decay_t<decltype(e)>, sp::ComponentAction>) {
          return put(e, m);
        } else {
          put(e, m);
          return absl::OkStatus();
        }
      },
      body);
}

// One function per kind of event reads its body from the message (get_body chooses).
absl::StatusOr<sp::Body> read_organization_founded(const v1::Event& m) {
  const auto& in = m.organization_founded();
  sp::OrganizationFounded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.organization(), out.organization, "organization"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.founder(), out.founder, "founder"));
  out.name = in.name();
  out.seed = in.seed();
  out.founder_nickname = in.founder_nickname();
  out.founder_name = in.founder_name();
  return out;
}

absl::StatusOr<sp::Body> read_participant_registered(const v1::Event& m) {
  const auto& in = m.participant_registered();
  sp::ParticipantRegistered out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.participant(), out.participant, "participant"));
  out.nickname = in.nickname();
  out.display_name = in.display_name();
  out.managed = in.managed();
  return out;
}

absl::StatusOr<sp::Body> read_organization_role_granted(const v1::Event& m) {
  sp::OrganizationRoleGranted out;
  PARTICIPA_RETURN_IF_ERROR(
      read_id(m.organization_role_granted().participant(), out.participant, "participant"));
  PARTICIPA_RETURN_IF_ERROR(read_enum(m.organization_role_granted().role(), out.role,
                                      sp::kOrganizationRoleNames, "organization role"));
  return out;
}

absl::StatusOr<sp::Body> read_authorization_granted(const v1::Event& m) {
  sp::AuthorizationGranted out;
  PARTICIPA_RETURN_IF_ERROR(
      read_id(m.authorization_granted().participant(), out.participant, "participant"));
  PARTICIPA_ASSIGN_OR_RETURN(out.authorization,
                             get_authorization(m.authorization_granted().authorization()));
  return out;
}

absl::StatusOr<sp::Body> read_authorization_revoked(const v1::Event& m) {
  sp::AuthorizationRevoked out;
  PARTICIPA_RETURN_IF_ERROR(
      read_id(m.authorization_revoked().participant(), out.participant, "participant"));
  out.handler = m.authorization_revoked().handler();
  return out;
}

absl::StatusOr<sp::Body> read_scope_added(const v1::Event& m) {
  sp::ScopeAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(m.scope_added().scope(), out.scope, "scope"));
  PARTICIPA_RETURN_IF_ERROR(read_id(m.scope_added().parent(), out.parent, "parent"));
  out.name = m.scope_added().name();
  return out;
}

absl::StatusOr<sp::Body> read_space_created(const v1::Event& m) {
  const auto& in = m.space_created();
  sp::SpaceCreated out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.space(), out.space, "space"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.parent(), out.parent, "parent"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.scope(), out.scope, "scope"));
  PARTICIPA_RETURN_IF_ERROR(
      read_enum(in.visibility(), out.visibility, sp::kVisibilityNames, "visibility"));
  out.kind = in.kind();
  out.slug = in.slug();
  out.title = in.title();
  return out;
}

absl::StatusOr<sp::Body> read_space_published(const v1::Event& m) {
  sp::SpacePublished out;
  PARTICIPA_RETURN_IF_ERROR(read_id(m.space_published().space(), out.space, "space"));
  out.published = m.space_published().published();
  return out;
}

absl::StatusOr<sp::Body> read_phase_added(const v1::Event& m) {
  const auto& in = m.phase_added();
  sp::PhaseAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.space(), out.space, "space"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.phase(), out.phase, "phase"));
  out.title = in.title();
  if (in.has_starts_at()) out.starts_at = from_micros(in.starts_at());
  if (in.has_ends_at()) out.ends_at = from_micros(in.ends_at());
  return out;
}

absl::StatusOr<sp::Body> read_phase_activated(const v1::Event& m) {
  sp::PhaseActivated out;
  PARTICIPA_RETURN_IF_ERROR(read_id(m.phase_activated().space(), out.space, "space"));
  PARTICIPA_RETURN_IF_ERROR(read_id(m.phase_activated().phase(), out.phase, "phase"));
  return out;
}

absl::StatusOr<sp::Body> read_space_role_granted(const v1::Event& m) {
  const auto& in = m.space_role_granted();
  sp::SpaceRoleGranted out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.space(), out.space, "space"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.participant(), out.participant, "participant"));
  PARTICIPA_RETURN_IF_ERROR(read_enum(in.role(), out.role, sp::kSpaceRoleNames, "space role"));
  return out;
}

absl::StatusOr<sp::Body> read_space_role_revoked(const v1::Event& m) {
  sp::SpaceRoleRevoked out;
  PARTICIPA_RETURN_IF_ERROR(read_id(m.space_role_revoked().space(), out.space, "space"));
  PARTICIPA_RETURN_IF_ERROR(
      read_id(m.space_role_revoked().participant(), out.participant, "participant"));
  return out;
}

absl::StatusOr<sp::Body> read_member_added(const v1::Event& m) {
  sp::MemberAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(m.member_added().space(), out.space, "space"));
  PARTICIPA_RETURN_IF_ERROR(
      read_id(m.member_added().participant(), out.participant, "participant"));
  out.position = m.member_added().position();
  return out;
}

absl::StatusOr<sp::Body> read_member_removed(const v1::Event& m) {
  sp::MemberRemoved out;
  PARTICIPA_RETURN_IF_ERROR(read_id(m.member_removed().space(), out.space, "space"));
  PARTICIPA_RETURN_IF_ERROR(
      read_id(m.member_removed().participant(), out.participant, "participant"));
  return out;
}

absl::StatusOr<sp::Body> read_group_created(const v1::Event& m) {
  const auto& in = m.group_created();
  sp::GroupCreated out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.group(), out.group, "group"));
  out.nickname = in.nickname();
  out.name = in.name();
  return out;
}

absl::StatusOr<sp::Body> read_group_join_requested(const v1::Event& m) {
  sp::GroupJoinRequested out;
  PARTICIPA_RETURN_IF_ERROR(read_id(m.group_join_requested().group(), out.group, "group"));
  return out;
}

absl::StatusOr<sp::Body> read_group_member_admitted(const v1::Event& m) {
  const auto& in = m.group_member_admitted();
  sp::GroupMemberAdmitted out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.group(), out.group, "group"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.participant(), out.participant, "participant"));
  PARTICIPA_RETURN_IF_ERROR(read_enum(in.role(), out.role, sp::kGroupRoleNames, "group role"));
  return out;
}

absl::StatusOr<sp::Body> read_group_member_removed(const v1::Event& m) {
  const auto& in = m.group_member_removed();
  sp::GroupMemberRemoved out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.group(), out.group, "group"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.participant(), out.participant, "participant"));
  return out;
}

absl::StatusOr<sp::Body> read_group_verified(const v1::Event& m) {
  sp::GroupVerified out;
  PARTICIPA_RETURN_IF_ERROR(read_id(m.group_verified().group(), out.group, "group"));
  out.verified = m.group_verified().verified();
  return out;
}

absl::StatusOr<sp::Body> read_component_added(const v1::Event& m) {
  const auto& in = m.component_added();
  sp::ComponentAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.component(), out.component, "component"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.space(), out.space, "space"));
  out.kind = in.kind();
  out.name = in.name();
  PARTICIPA_ASSIGN_OR_RETURN(out.settings, get_settings(in.settings()));
  return out;
}

absl::StatusOr<sp::Body> read_component_configured(const v1::Event& m) {
  const auto& in = m.component_configured();
  sp::ComponentConfigured out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.component(), out.component, "component"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.phase(), out.phase, "phase"));
  PARTICIPA_ASSIGN_OR_RETURN(out.settings, get_settings(in.settings()));
  return out;
}

absl::StatusOr<sp::Body> read_component_published(const v1::Event& m) {
  sp::ComponentPublished out;
  PARTICIPA_RETURN_IF_ERROR(
      read_id(m.component_published().component(), out.component, "component"));
  out.published = m.component_published().published();
  return out;
}

absl::StatusOr<sp::Body> read_permission_set(const v1::Event& m) {
  const auto& in = m.permission_set();
  sp::PermissionSet out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.component(), out.component, "component"));
  out.action = in.action();
  for (const auto& r : in.requirements()) out.requirements.push_back(get_requirement(r));
  return out;
}

absl::StatusOr<sp::Body> read_component_action(const v1::Event& m) {
  const auto& in = m.component_action();
  sp::ComponentAction out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.component(), out.component, "component"));
  PARTICIPA_ASSIGN_OR_RETURN(const ComponentCodec* codec, codec_for_url(in.payload().type_url()));
  PARTICIPA_ASSIGN_OR_RETURN(out.payload, codec->decode(in.payload().value()));
  return out;
}

absl::StatusOr<sp::Body> get_body(const v1::Event& m) {
  switch (m.body_case()) {
    case v1::Event::kOrganizationFounded:
      return read_organization_founded(m);
    case v1::Event::kParticipantRegistered:
      return read_participant_registered(m);
    case v1::Event::kOrganizationRoleGranted:
      return read_organization_role_granted(m);
    case v1::Event::kAuthorizationGranted:
      return read_authorization_granted(m);
    case v1::Event::kAuthorizationRevoked:
      return read_authorization_revoked(m);
    case v1::Event::kScopeAdded:
      return read_scope_added(m);
    case v1::Event::kSpaceCreated:
      return read_space_created(m);
    case v1::Event::kSpacePublished:
      return read_space_published(m);
    case v1::Event::kPhaseAdded:
      return read_phase_added(m);
    case v1::Event::kPhaseActivated:
      return read_phase_activated(m);
    case v1::Event::kSpaceRoleGranted:
      return read_space_role_granted(m);
    case v1::Event::kSpaceRoleRevoked:
      return read_space_role_revoked(m);
    case v1::Event::kMemberAdded:
      return read_member_added(m);
    case v1::Event::kMemberRemoved:
      return read_member_removed(m);
    case v1::Event::kGroupCreated:
      return read_group_created(m);
    case v1::Event::kGroupJoinRequested:
      return read_group_join_requested(m);
    case v1::Event::kGroupMemberAdmitted:
      return read_group_member_admitted(m);
    case v1::Event::kGroupMemberRemoved:
      return read_group_member_removed(m);
    case v1::Event::kGroupVerified:
      return read_group_verified(m);
    case v1::Event::kComponentAdded:
      return read_component_added(m);
    case v1::Event::kComponentConfigured:
      return read_component_configured(m);
    case v1::Event::kComponentPublished:
      return read_component_published(m);
    case v1::Event::kPermissionSet:
      return read_permission_set(m);
    case v1::Event::kComponentAction:
      return read_component_action(m);
    default:
      return absl::DataLossError("the event holds no known body");
  }
}

absl::Status fill(const sp::Event& event, v1::Event& m) {
  m.set_format_version(kRecordFormatVersion);
  m.set_sequence(event.sequence);
  m.set_time(micros(event.time));
  put_actor(event.actor, m.mutable_actor());
  m.set_idempotency_key(event.idempotency_key);
  m.set_command_digest(digest_bytes(event.command_digest));
  return put_body(event.body, m);
}

}  // namespace

absl::Status register_component_codec(ComponentCodec codec) {
  return codecs().registered(std::move(codec), "component codec");
}

absl::StatusOr<std::string> encode_event(const sp::Event& event) {
  v1::Event m;
  PARTICIPA_RETURN_IF_ERROR(fill(event, m));
  return deterministic_bytes(m);
}

absl::StatusOr<sp::Event> decode_event(std::string_view bytes) {
  v1::Event m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError("the event's bytes do not parse");
  }
  if (m.format_version() != kRecordFormatVersion) {
    return absl::DataLossError(str_cat("event format version ", m.format_version(), " is not the ",
                                       kRecordFormatVersion, " this participa reads"));
  }
  sp::Event event;
  event.sequence = m.sequence();
  event.time = from_micros(m.time());
  PARTICIPA_RETURN_IF_ERROR(read_id(m.actor().participant(), event.actor.participant, "actor"));
  PARTICIPA_RETURN_IF_ERROR(
      read_id(m.actor().recorded_by(), event.actor.recorded_by, "recorded_by"));
  PARTICIPA_RETURN_IF_ERROR(read_id(m.actor().group(), event.actor.group, "group"));
  PARTICIPA_RETURN_IF_ERROR(
      read_enum(m.actor().channel(), event.actor.channel, sp::kChannelNames, "channel"));
  event.idempotency_key = m.idempotency_key();
  PARTICIPA_RETURN_IF_ERROR(
      read_digest(m.command_digest(), event.command_digest, "the command digest"));
  PARTICIPA_ASSIGN_OR_RETURN(event.body, get_body(m));
  return event;
}

absl::StatusOr<Digest> command_digest(const sp::Command& command) {
  v1::Event m;
  put_actor(command.actor, m.mutable_actor());
  PARTICIPA_RETURN_IF_ERROR(put_body(command.body, m));
  PARTICIPA_ASSIGN_OR_RETURN(std::string bytes, deterministic_bytes(m));
  return Sha256::of(bytes);
}

std::string event_name(const sp::Organization& organization, const sp::Event& event) {
  const auto* action = std::get_if<sp::ComponentAction>(&event.body);
  if (action == nullptr) return sp::body_name(event.body);
  const sp::Component* component = organization.component(action->component);
  if (component == nullptr) return "component-action";
  absl::StatusOr<const sp::ComponentKind*> kind = sp::find_component_kind(component->kind);
  if (!kind.ok()) return str_cat(component->kind, "/unknown");
  return str_cat(component->kind, "/", (*kind)->payload_name(action->payload));
}

absl::StatusOr<std::string> event_json(std::string_view bytes) {
  v1::Event m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError("the event's bytes do not parse");
  }
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  return ordered_json(m, options);
}

}  // namespace participa::io
