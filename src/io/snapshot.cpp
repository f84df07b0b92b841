#include "participa/io/snapshot.hpp"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "codec_registry.hpp"
#include "component_codecs.hpp"
#include "participa/components/proposals/proposals.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/v1/proposals.pb.h"
#include "participa/v1/snapshot.pb.h"
#include "record_fields.hpp"

namespace participa::io {
namespace {

namespace sp = participa::space;
namespace pr = participa::components::proposals;
using namespace detail;
using pr::Note;

template <class Key, class Value, class... Rest>
std::vector<std::pair<Key, const Value*>> sorted(
    const absl::flat_hash_map<Key, Value, Rest...>& map) {
  std::vector<std::pair<Key, const Value*>> out;
  out.reserve(map.size());
  for (const auto& [key, value] : map) out.emplace_back(key, &value);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

std::optional<std::int64_t> optional_micros(const std::optional<absl::Time>& t) {
  if (!t) return std::nullopt;
  return micros(*t);
}

// --- proposals state ------------------------------------------------------------------------

void put_counts(const absl::flat_hash_map<ParticipantId, std::int64_t>& counts,
                google::protobuf::RepeatedPtrField<v1::ParticipantCount>* out) {
  for (const auto& [who, count] : sorted(counts)) {
    auto* entry = out->Add();
    entry->set_participant(id_bytes(who));
    entry->set_count(*count);
  }
}

absl::Status get_counts(const google::protobuf::RepeatedPtrField<v1::ParticipantCount>& in,
                        absl::flat_hash_map<ParticipantId, std::int64_t>& out,
                        std::string_view what) {
  for (const auto& entry : in) {
    ParticipantId who;
    PARTICIPA_RETURN_IF_ERROR(read_id(entry.participant(), who, what));
    if (!out.emplace(who, entry.count()).second) {
      return absl::DataLossError(str_cat(what, " names a participant twice"));
    }
  }
  return absl::OkStatus();
}

void put_proposal(ProposalId id, const pr::Proposal& p, v1::ProposalState* out) {
  out->set_id(id_bytes(id));
  for (ParticipantId author : p.authors) out->add_authors(id_bytes(author));
  out->set_title(p.title);
  out->set_body(p.body);
  out->set_scope(id_bytes(p.scope));
  out->set_official(p.official);
  out->set_channel(static_cast<std::uint32_t>(p.channel));
  out->set_created_at(micros(p.created_at));
  if (auto at = optional_micros(p.published_at)) out->set_published_at(*at);
  out->set_withdrawn(p.withdrawn);
  out->set_answer_state(p.answer_state);
  out->set_answer(p.answer);
  if (p.cost) out->set_cost(*p.cost);
  out->set_answer_published(p.answer_published);
  out->set_votes(p.votes);
  for (std::int64_t votes : p.votes_by_channel) out->add_votes_by_channel(votes);
  out->set_likes(p.likes);
  out->set_comments(p.comments);
  out->set_hidden(p.hidden);
  out->set_reports(p.reports);
  for (ParticipantId evaluator : p.evaluators) out->add_evaluators(id_bytes(evaluator));
  out->set_amends(id_bytes(p.amends));
  out->set_amendment_state(p.amendment_state);
  out->set_promoted_from(id_bytes(p.promoted_from));
  for (ProposalId source : p.sources) out->add_sources(id_bytes(source));
  for (ProposalId replacement : p.replaced_by) out->add_replaced_by(id_bytes(replacement));
  for (GroupId group : p.groups) out->add_groups(id_bytes(group));
  out->set_copied_from(id_bytes(p.copied_from));
  out->set_copied_from_component(id_bytes(p.copied_from_component));
}

absl::StatusOr<std::string> encode_proposals_state(const std::any& value) {
  const auto& state = std::any_cast<const pr::State&>(value);
  v1::ProposalsState m;
  for (const auto& [id, p] : state.proposals) put_proposal(id, p, m.add_proposals());
  for (const auto& [key, vote] : state.votes) {
    auto* out = m.add_votes();
    out->set_participant(id_bytes(key.first));
    out->set_proposal(id_bytes(key.second));
    out->set_weight(vote.weight);
    out->set_channel(static_cast<std::uint32_t>(vote.channel));
  }
  put_counts(state.votes_cast, m.mutable_votes_cast());
  put_counts(state.proposals_authored, m.mutable_proposals_authored());
  for (const auto& [who, which] : state.likes) {
    auto* out = m.add_likes();
    out->set_participant(id_bytes(who));
    out->set_proposal(id_bytes(which));
  }
  for (const auto& [id, c] : state.comments) {
    auto* out = m.add_comments();
    out->set_id(id_bytes(id));
    out->set_proposal(id_bytes(c.proposal));
    out->set_parent(id_bytes(c.parent));
    out->set_author(id_bytes(c.author));
    out->set_depth(c.depth);
    out->set_alignment(c.alignment);
    out->set_body(c.body);
    out->set_hidden(c.hidden);
    out->set_up_votes(c.up_votes);
    out->set_down_votes(c.down_votes);
    out->set_reports(c.reports);
    out->set_group(id_bytes(c.group));
  }
  for (const auto& [key, vote] : state.comment_votes) {
    auto* out = m.add_comment_votes();
    out->set_participant(id_bytes(key.first));
    out->set_comment(id_bytes(key.second));
    out->set_vote(vote);
  }
  for (const auto& [who, proposal, comment] : state.reports) {
    auto* out = m.add_reports();
    out->set_participant(id_bytes(who));
    out->set_proposal(id_bytes(proposal));
    out->set_comment(id_bytes(comment));
  }
  for (const auto& [id, note] : state.notes) {
    auto* out = m.add_notes();
    out->set_id(id_bytes(id));
    out->set_proposal(id_bytes(note.proposal));
    out->set_author(id_bytes(note.author));
    out->set_created_at(micros(note.created_at));
    out->set_body(note.body);
  }
  return deterministic_bytes(m);
}

absl::StatusOr<pr::Proposal> get_proposal(const v1::ProposalState& in) {
  pr::Proposal p;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.id(), p.id, "proposal"));
  for (const std::string& author : in.authors()) {
    PARTICIPA_RETURN_IF_ERROR(read_id(author, p.authors.emplace_back(), "author"));
  }
  p.title = in.title();
  p.body = in.body();
  PARTICIPA_RETURN_IF_ERROR(read_id(in.scope(), p.scope, "scope"));
  p.official = in.official();
  PARTICIPA_RETURN_IF_ERROR(read_enum(in.channel(), p.channel, sp::kChannelNames, "channel"));
  p.created_at = from_micros(in.created_at());
  if (in.has_published_at()) p.published_at = from_micros(in.published_at());
  p.withdrawn = in.withdrawn();
  p.answer_state = in.answer_state();
  p.answer = in.answer();
  if (in.has_cost()) p.cost = in.cost();
  p.answer_published = in.answer_published();
  p.votes = in.votes();
  if (in.votes_by_channel_size() != static_cast<int>(p.votes_by_channel.size())) {
    return absl::DataLossError("a proposal's votes by channel have the wrong length");
  }
  std::copy(in.votes_by_channel().begin(), in.votes_by_channel().end(), p.votes_by_channel.begin());
  p.likes = in.likes();
  p.comments = in.comments();
  p.hidden = in.hidden();
  p.reports = in.reports();
  for (const std::string& evaluator : in.evaluators()) {
    ParticipantId who;
    PARTICIPA_RETURN_IF_ERROR(read_id(evaluator, who, "evaluator"));
    p.evaluators.insert(who);
  }
  PARTICIPA_RETURN_IF_ERROR(read_id(in.amends(), p.amends, "amended proposal"));
  p.amendment_state = in.amendment_state();
  PARTICIPA_RETURN_IF_ERROR(read_id(in.promoted_from(), p.promoted_from, "promoted emendation"));
  for (const std::string& source : in.sources()) {
    PARTICIPA_RETURN_IF_ERROR(read_id(source, p.sources.emplace_back(), "source proposal"));
  }
  for (const std::string& replacement : in.replaced_by()) {
    PARTICIPA_RETURN_IF_ERROR(
        read_id(replacement, p.replaced_by.emplace_back(), "replacing proposal"));
  }
  for (const std::string& group : in.groups()) {
    PARTICIPA_RETURN_IF_ERROR(read_id(group, p.groups.emplace_back(), "author group"));
  }
  PARTICIPA_RETURN_IF_ERROR(read_id(in.copied_from(), p.copied_from, "original"));
  PARTICIPA_RETURN_IF_ERROR(
      read_id(in.copied_from_component(), p.copied_from_component, "original's component"));
  return p;
}

absl::StatusOr<pr::Comment> get_comment(const v1::CommentState& in) {
  pr::Comment c;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.id(), c.id, "comment"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.proposal(), c.proposal, "commented proposal"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.parent(), c.parent, "parent comment"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.author(), c.author, "comment author"));
  c.depth = in.depth();
  c.alignment = in.alignment();
  c.body = in.body();
  c.hidden = in.hidden();
  c.up_votes = in.up_votes();
  c.down_votes = in.down_votes();
  c.reports = in.reports();
  PARTICIPA_RETURN_IF_ERROR(read_id(in.group(), c.group, "comment group"));
  return c;
}

absl::StatusOr<std::any> decode_proposals_state(std::string_view bytes) {
  v1::ProposalsState m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError("the proposals state does not parse");
  }
  pr::State state;
  for (const auto& in : m.proposals()) {
    PARTICIPA_ASSIGN_OR_RETURN(pr::Proposal p, get_proposal(in));
    ProposalId id = p.id;
    if (!state.proposals.emplace(id, std::move(p)).second) {
      return absl::DataLossError("the proposals state names a proposal twice");
    }
  }
  for (const auto& in : m.votes()) {
    std::pair<ParticipantId, ProposalId> key;
    pr::Vote vote;
    PARTICIPA_RETURN_IF_ERROR(read_id(in.participant(), key.first, "voter"));
    PARTICIPA_RETURN_IF_ERROR(read_id(in.proposal(), key.second, "voted proposal"));
    vote.weight = in.weight();
    PARTICIPA_RETURN_IF_ERROR(read_enum(in.channel(), vote.channel, sp::kChannelNames, "channel"));
    if (!state.votes.emplace(key, vote).second) {
      return absl::DataLossError("the proposals state holds a vote twice");
    }
    state.weight_held[key.second] += vote.weight;  // derived: not stored
  }
  PARTICIPA_RETURN_IF_ERROR(get_counts(m.votes_cast(), state.votes_cast, "votes cast"));
  PARTICIPA_RETURN_IF_ERROR(
      get_counts(m.proposals_authored(), state.proposals_authored, "proposals authored"));
  for (const auto& in : m.likes()) {
    std::pair<ParticipantId, ProposalId> like;
    PARTICIPA_RETURN_IF_ERROR(read_id(in.participant(), like.first, "liker"));
    PARTICIPA_RETURN_IF_ERROR(read_id(in.proposal(), like.second, "liked proposal"));
    state.likes.insert(like);
  }
  for (const auto& in : m.comments()) {
    PARTICIPA_ASSIGN_OR_RETURN(pr::Comment c, get_comment(in));
    CommentId id = c.id;
    if (!state.comments.emplace(id, std::move(c)).second) {
      return absl::DataLossError("the proposals state names a comment twice");
    }
  }
  for (const auto& in : m.comment_votes()) {
    std::pair<ParticipantId, CommentId> key;
    PARTICIPA_RETURN_IF_ERROR(read_id(in.participant(), key.first, "comment voter"));
    PARTICIPA_RETURN_IF_ERROR(read_id(in.comment(), key.second, "voted comment"));
    state.comment_votes[key] = in.vote();
  }
  for (const auto& in : m.reports()) {
    std::tuple<ParticipantId, ProposalId, CommentId> report;
    PARTICIPA_RETURN_IF_ERROR(read_id(in.participant(), std::get<0>(report), "reporter"));
    PARTICIPA_RETURN_IF_ERROR(read_id(in.proposal(), std::get<1>(report), "reported proposal"));
    PARTICIPA_RETURN_IF_ERROR(read_id(in.comment(), std::get<2>(report), "reported comment"));
    state.reports.insert(report);
  }
  for (const auto& in : m.notes()) {
    Note note;
    PARTICIPA_RETURN_IF_ERROR(read_id(in.id(), note.id, "note"));
    PARTICIPA_RETURN_IF_ERROR(read_id(in.proposal(), note.proposal, "note proposal"));
    PARTICIPA_RETURN_IF_ERROR(read_id(in.author(), note.author, "note author"));
    note.created_at = from_micros(in.created_at());
    note.body = in.body();
    NoteId id = note.id;
    state.notes.emplace(id, std::move(note));
  }
  return std::any(std::move(state));
}

// --- codec registry -------------------------------------------------------------------------

using StateCodecs = CodecRegistry<StateCodec, &StateCodec::state_type>;

StateCodecs& state_codecs() {
  static auto* instance = new StateCodecs(
      {StateCodec{"type.googleapis.com/participa.v1.ProposalsState", typeid(pr::State),
                  encode_proposals_state, decode_proposals_state},
       surveys_state_codec(), budgets_state_codec(), elections_state_codec(),
       workshops_state_codec(), sortitions_state_codec(), meetings_state_codec(),
       debates_state_codec(), accountability_state_codec()});
  return *instance;
}

// --- the organization -----------------------------------------------------------------------

absl::Status put_component(const sp::Component& c, v1::ComponentState* out) {
  out->set_id(id_bytes(c.id));
  out->set_space(id_bytes(c.space));
  out->set_kind(c.kind);
  out->set_name(c.name);
  out->set_published(c.published);
  put_settings(c.settings, out->mutable_settings());
  for (const auto& [phase, settings] : c.phase_values) {
    auto* values = out->add_phase_values();
    values->set_phase(id_bytes(phase));
    put_settings(settings, values->mutable_settings());
  }
  for (const auto& [action, requirements] : c.permissions) {
    auto* permission = out->add_permissions();
    permission->set_action(action);
    for (const sp::Requirement& r : requirements) {
      put_requirement(r, permission->add_requirements());
    }
  }
  if (!c.state.has_value()) return absl::OkStatus();
  const StateCodec* codec = state_codecs().for_type(std::type_index(c.state.type()));
  if (codec == nullptr) {
    return absl::InvalidArgumentError(
        str_cat("the state of component '", c.name, "' (kind ", c.kind, ") has no state codec"));
  }
  PARTICIPA_ASSIGN_OR_RETURN(std::string bytes, codec->encode(c.state));
  out->mutable_state()->set_type_url(codec->type_url);
  out->mutable_state()->set_value(std::move(bytes));
  return absl::OkStatus();
}

absl::StatusOr<sp::Component> get_component(const v1::ComponentState& in) {
  sp::Component c;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.id(), c.id, "component"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.space(), c.space, "component space"));
  c.kind = in.kind();
  c.name = in.name();
  c.published = in.published();
  PARTICIPA_ASSIGN_OR_RETURN(c.settings, get_settings(in.settings()));
  for (const auto& values : in.phase_values()) {
    PhaseId phase;
    PARTICIPA_RETURN_IF_ERROR(read_id(values.phase(), phase, "settings phase"));
    PARTICIPA_ASSIGN_OR_RETURN(sp::Settings settings, get_settings(values.settings()));
    if (!c.phase_values.emplace(phase, std::move(settings)).second) {
      return absl::DataLossError(str_cat("component '", c.name, "' sets a phase twice"));
    }
  }
  for (const auto& permission : in.permissions()) {
    std::vector<sp::Requirement> requirements;
    for (const auto& r : permission.requirements()) requirements.push_back(get_requirement(r));
    c.permissions.emplace(permission.action(), std::move(requirements));
  }
  if (in.has_state()) {
    const StateCodec* codec = state_codecs().for_url(in.state().type_url());
    if (codec == nullptr) {
      return absl::DataLossError(
          str_cat("no state codec is registered for ", in.state().type_url()));
    }
    PARTICIPA_ASSIGN_OR_RETURN(c.state, codec->decode(in.state().value()));
  }
  return c;
}

void put_space(const sp::Space& s, v1::SpaceState* out) {
  out->set_id(id_bytes(s.id));
  out->set_kind(s.kind);
  out->set_slug(s.slug);
  out->set_title(s.title);
  out->set_visibility(static_cast<std::uint32_t>(s.visibility));
  out->set_parent(id_bytes(s.parent));
  out->set_scope(id_bytes(s.scope));
  out->set_published(s.published);
  for (const sp::Phase& phase : s.phases) {
    auto* p = out->add_phases();
    p->set_id(id_bytes(phase.id));
    p->set_title(phase.title);
    if (auto at = optional_micros(phase.starts_at)) p->set_starts_at(*at);
    if (auto at = optional_micros(phase.ends_at)) p->set_ends_at(*at);
  }
  out->set_active_phase(id_bytes(s.active_phase));
  for (const auto& [who, role] : s.roles) {
    auto* r = out->add_roles();
    r->set_participant(id_bytes(who));
    r->set_role(static_cast<std::uint32_t>(role));
  }
  for (const auto& [who, position] : s.members) {
    auto* member = out->add_members();
    member->set_participant(id_bytes(who));
    member->set_position(position);
  }
  for (ComponentId c : s.components) out->add_components(id_bytes(c));
}

absl::StatusOr<sp::Space> get_space(const v1::SpaceState& in) {
  sp::Space s;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.id(), s.id, "space"));
  s.kind = in.kind();
  s.slug = in.slug();
  s.title = in.title();
  PARTICIPA_RETURN_IF_ERROR(
      read_enum(in.visibility(), s.visibility, sp::kVisibilityNames, "visibility"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.parent(), s.parent, "parent space"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.scope(), s.scope, "space scope"));
  s.published = in.published();
  for (const auto& p : in.phases()) {
    sp::Phase& phase = s.phases.emplace_back();
    PARTICIPA_RETURN_IF_ERROR(read_id(p.id(), phase.id, "phase"));
    phase.title = p.title();
    if (p.has_starts_at()) phase.starts_at = from_micros(p.starts_at());
    if (p.has_ends_at()) phase.ends_at = from_micros(p.ends_at());
  }
  PARTICIPA_RETURN_IF_ERROR(read_id(in.active_phase(), s.active_phase, "active phase"));
  for (const auto& r : in.roles()) {
    ParticipantId who;
    sp::SpaceRole role{};
    PARTICIPA_RETURN_IF_ERROR(read_id(r.participant(), who, "role holder"));
    PARTICIPA_RETURN_IF_ERROR(read_enum(r.role(), role, sp::kSpaceRoleNames, "space role"));
    s.roles.emplace(who, role);
  }
  for (const auto& member : in.members()) {
    ParticipantId who;
    PARTICIPA_RETURN_IF_ERROR(read_id(member.participant(), who, "member"));
    s.members.emplace(who, member.position());
  }
  for (const std::string& c : in.components()) {
    PARTICIPA_RETURN_IF_ERROR(read_id(c, s.components.emplace_back(), "space component"));
  }
  return s;
}

void put_group(const sp::Group& g, v1::GroupState* out) {
  out->set_id(id_bytes(g.id));
  out->set_nickname(g.nickname);
  out->set_name(g.name);
  out->set_verified(g.verified);
  out->set_created_at(micros(g.created_at));
  for (const auto& [who, role] : g.members) {
    auto* member = out->add_members();
    member->set_participant(id_bytes(who));
    member->set_role(static_cast<std::uint32_t>(role));
  }
  for (ParticipantId who : g.requests) out->add_requests(id_bytes(who));
}

absl::StatusOr<sp::Group> get_group(const v1::GroupState& in) {
  sp::Group g;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.id(), g.id, "group"));
  g.nickname = in.nickname();
  g.name = in.name();
  g.verified = in.verified();
  g.created_at = from_micros(in.created_at());
  for (const auto& member : in.members()) {
    ParticipantId who;
    sp::GroupRole role{};
    PARTICIPA_RETURN_IF_ERROR(read_id(member.participant(), who, "group member"));
    PARTICIPA_RETURN_IF_ERROR(read_enum(member.role(), role, sp::kGroupRoleNames, "group role"));
    g.members.emplace(who, role);
  }
  for (const std::string& request : in.requests()) {
    ParticipantId who;
    PARTICIPA_RETURN_IF_ERROR(read_id(request, who, "group request"));
    g.requests.insert(who);
  }
  return g;
}

void put_participant(const sp::Participant& p, v1::ParticipantState* out) {
  out->set_id(id_bytes(p.id));
  out->set_nickname(p.nickname);
  out->set_display_name(p.display_name);
  out->set_managed(p.managed);
  out->set_registered_at(micros(p.registered_at));
  out->set_role(static_cast<std::uint32_t>(p.role));
  for (const auto& [handler, authorization] : p.authorizations) {
    put_authorization(authorization, out->add_authorizations());
  }
}

absl::StatusOr<sp::Participant> get_participant(const v1::ParticipantState& in) {
  sp::Participant p;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.id(), p.id, "participant"));
  p.nickname = in.nickname();
  p.display_name = in.display_name();
  p.managed = in.managed();
  p.registered_at = from_micros(in.registered_at());
  PARTICIPA_RETURN_IF_ERROR(
      read_enum(in.role(), p.role, sp::kOrganizationRoleNames, "organization role"));
  for (const auto& a : in.authorizations()) {
    PARTICIPA_ASSIGN_OR_RETURN(sp::Authorization authorization, get_authorization(a));
    std::string handler = authorization.handler;
    p.authorizations.emplace(std::move(handler), std::move(authorization));
  }
  return p;
}

}  // namespace

absl::Status register_state_codec(StateCodec codec) {
  return state_codecs().registered(std::move(codec), "state codec");
}

absl::StatusOr<std::string> encode_snapshot(const sp::Organization& o) {
  if (!o.founded()) {
    return absl::FailedPreconditionError("an organization not yet founded has no snapshot");
  }
  v1::Snapshot m;
  m.set_format_version(kSnapshotFormatVersion);
  m.set_sequence(o.sequence);
  m.set_time(micros(o.time));
  m.set_organization(id_bytes(o.id));
  m.set_name(o.name);
  m.set_seed(o.seed);
  for (const auto& [id, participant] : sorted(o.participants)) {
    put_participant(*participant, m.add_participants());
  }
  for (const auto& [identity, who] : o.identities) {
    auto* out = m.add_identities();
    out->set_handler(identity.first);
    out->set_unique_id(identity.second);
    out->set_participant(id_bytes(who));
  }
  for (const auto& [id, scope] : o.scopes) {
    auto* out = m.add_scopes();
    out->set_id(id_bytes(id));
    out->set_name(scope.name);
    out->set_parent(id_bytes(scope.parent));
  }
  for (const auto& [id, group] : o.groups) put_group(group, m.add_groups());
  for (const auto& [id, space] : o.spaces) put_space(space, m.add_spaces());
  for (const auto& [id, component] : sorted(o.components)) {
    PARTICIPA_RETURN_IF_ERROR(put_component(*component, m.add_components()));
  }
  return deterministic_bytes(m);
}

absl::StatusOr<sp::Organization> decode_snapshot(std::string_view bytes) {
  v1::Snapshot m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError("the snapshot does not parse");
  }
  if (m.format_version() != kSnapshotFormatVersion) {
    return absl::DataLossError(str_cat("snapshot format_version ", m.format_version(),
                                       " is not supported (this participa reads ",
                                       kSnapshotFormatVersion, ")"));
  }
  if (m.sequence() == 0) return absl::DataLossError("a snapshot taken before any event");
  sp::Organization o;
  o.sequence = m.sequence();
  o.time = from_micros(m.time());
  PARTICIPA_RETURN_IF_ERROR(read_id(m.organization(), o.id, "organization"));
  o.name = m.name();
  o.seed = m.seed();
  for (const auto& in : m.participants()) {
    PARTICIPA_ASSIGN_OR_RETURN(sp::Participant p, get_participant(in));
    if (!o.nicknames.emplace(p.nickname, p.id).second) {
      return absl::DataLossError(str_cat("the snapshot holds nickname '", p.nickname, "' twice"));
    }
    ParticipantId id = p.id;
    if (!o.participants.emplace(id, std::move(p)).second) {
      return absl::DataLossError("the snapshot names a participant twice");
    }
  }
  for (const auto& in : m.groups()) {
    PARTICIPA_ASSIGN_OR_RETURN(sp::Group group, get_group(in));
    if (o.nickname_taken(group.nickname)) {
      return absl::DataLossError(
          str_cat("the snapshot holds nickname '", group.nickname, "' twice"));
    }
    o.group_nicknames.emplace(group.nickname, group.id);
    GroupId id = group.id;
    if (!o.groups.emplace(id, std::move(group)).second) {
      return absl::DataLossError("the snapshot names a group twice");
    }
  }
  for (const auto& in : m.identities()) {
    ParticipantId who;
    PARTICIPA_RETURN_IF_ERROR(read_id(in.participant(), who, "identity holder"));
    o.identities.emplace(std::pair(in.handler(), in.unique_id()), who);
  }
  for (const auto& in : m.scopes()) {
    sp::Scope scope;
    PARTICIPA_RETURN_IF_ERROR(read_id(in.id(), scope.id, "scope"));
    PARTICIPA_RETURN_IF_ERROR(read_id(in.parent(), scope.parent, "parent scope"));
    scope.name = in.name();
    ScopeId id = scope.id;
    o.scopes.emplace(id, std::move(scope));
  }
  for (const auto& in : m.spaces()) {
    PARTICIPA_ASSIGN_OR_RETURN(sp::Space space, get_space(in));
    if (!o.slugs.emplace(space.slug, space.id).second) {
      return absl::DataLossError(str_cat("the snapshot holds slug '", space.slug, "' twice"));
    }
    SpaceId id = space.id;
    o.spaces.emplace(id, std::move(space));
  }
  for (const auto& in : m.components()) {
    PARTICIPA_ASSIGN_OR_RETURN(sp::Component component, get_component(in));
    ComponentId id = component.id;
    if (!o.components.emplace(id, std::move(component)).second) {
      return absl::DataLossError("the snapshot names a component twice");
    }
  }
  return o;
}

}  // namespace participa::io
