// participa/space/record.hpp — commands, events, and the two pure functions between them.
//
// Everything that happens in an organization is an event in its record. A caller asks for a
// change with a `Command`: who acts (`Actor`, with the channel the action came through), an
// idempotency key, and a body saying what should happen. `decide(state, command, now)`
// checks it against the current state — phase, role, membership, eligibility, limits — and
// either refuses it (a status naming the reason; nothing changes) or returns the `Event` that
// records it: the same body with the ids the organization assigned, the time, and the next
// sequence number. `evolve(state, event)` applies an event; it refuses an event that does not
// fit the state (DataLoss), which is how a verifier finds a record that was altered.
//
// A body is a past-tense fact (`ParticipantRegistered`, `PhaseActivated`): the command
// proposes it, the event records it. Ids left nil in a command are assigned from the
// generator seeded by the organization's seed and the event's sequence, so a replay assigns
// the same ids. A component's commands travel as `ComponentAction` with a payload its kind
// understands (space/component_kind.hpp).
//
//   Command c{.actor = {.participant = admin}, .idempotency_key = "create-1",
//             .body = SpaceCreated{.kind = "process", .slug = "budget-2027", .title = "..."}};
//   absl::StatusOr<Event> e = decide(organization, c, clock.now());
//   if (e.ok()) evolve(organization, *e);
#pragma once

#include <any>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "participa/core/digest.hpp"
#include "participa/space/authorization.hpp"
#include "participa/space/ids.hpp"
#include "participa/space/organization.hpp"
#include "participa/space/settings.hpp"

namespace participa::space {

// Actor — who acts. For the in-person and mediated channels, `recorded_by` is the officer or
// mediator who entered the action (a user manager or admin). `group`, when set, is the group
// the participant acts for: they must be its member, and only a component action that a
// group may take (writing a proposal, an amendment, a comment) accepts it.
struct Actor {
  ParticipantId participant{};
  Channel channel = Channel::kOnline;
  ParticipantId recorded_by{};
  GroupId group{};
  friend bool operator==(const Actor&, const Actor&) = default;
};

// The first event of every record: the organization, its seed and its first admin.
struct OrganizationFounded {
  OrganizationId organization{};
  std::string name{};
  std::uint64_t seed = 0;
  ParticipantId founder{};
  std::string founder_nickname{};
  std::string founder_name{};
};
// A participant's account. `managed` accounts are registered by a user manager.
struct ParticipantRegistered {
  ParticipantId participant{};
  std::string nickname{};
  std::string display_name{};
  bool managed = false;
};
struct OrganizationRoleGranted {
  ParticipantId participant{};
  OrganizationRole role = OrganizationRole::kNone;  // kNone revokes
};
// Granted by an admin or user manager; replaces an earlier grant by the same handler.
struct AuthorizationGranted {
  ParticipantId participant{};
  Authorization authorization{};
};
struct AuthorizationRevoked {
  ParticipantId participant{};
  std::string handler{};
};
// Groups. The actor of `GroupCreated` becomes its first admin. `GroupJoinRequested` is the
// actor asking to join; `GroupMemberAdmitted` is a group admin admitting a request, or
// changing a member's role. `GroupMemberRemoved` is a member leaving or withdrawing their
// request (the participant is the actor), or a group admin removing a member or declining a
// request; a group keeps at least one admin. `GroupVerified` is set by an organization admin.
struct GroupCreated {
  GroupId group{};
  std::string nickname{};
  std::string name{};
};
struct GroupJoinRequested {
  GroupId group{};
};
struct GroupMemberAdmitted {
  GroupId group{};
  ParticipantId participant{};
  GroupRole role = GroupRole::kMember;
};
struct GroupMemberRemoved {
  GroupId group{};
  ParticipantId participant{};
};
struct GroupVerified {
  GroupId group{};
  bool verified = true;  // false withdraws the verification
};
struct ScopeAdded {
  ScopeId scope{};
  std::string name{};
  ScopeId parent{};
};
struct SpaceCreated {
  SpaceId space{};
  std::string kind{};
  std::string slug{};
  std::string title{};
  Visibility visibility = Visibility::kPublic;
  SpaceId parent{};
  ScopeId scope{};
};
struct SpacePublished {
  SpaceId space{};
  bool published = true;  // false unpublishes
};
struct PhaseAdded {
  SpaceId space{};
  PhaseId phase{};
  std::string title{};
  std::optional<absl::Time> starts_at{};
  std::optional<absl::Time> ends_at{};
};
// As a command with a nil phase: activate the phase whose dates include now.
struct PhaseActivated {
  SpaceId space{};
  PhaseId phase{};
};
struct SpaceRoleGranted {
  SpaceId space{};
  ParticipantId participant{};
  SpaceRole role = SpaceRole::kAdmin;
};
struct SpaceRoleRevoked {
  SpaceId space{};
  ParticipantId participant{};
};
struct MemberAdded {
  SpaceId space{};
  ParticipantId participant{};
  std::string position{};  // "president", "secretary", "member", ...
};
struct MemberRemoved {
  SpaceId space{};
  ParticipantId participant{};
};
struct ComponentAdded {
  ComponentId component{};
  SpaceId space{};
  std::string kind{};
  std::string name{};
  Settings settings{};  // global values; the rest keep their defaults
};
// Phase settings of a component; a nil phase sets the values used when no phase applies.
struct ComponentConfigured {
  ComponentId component{};
  PhaseId phase{};
  Settings settings{};
};
struct ComponentPublished {
  ComponentId component{};
  bool published = true;
};
// The authorizations an action of the component requires (none: only the space's rules).
struct PermissionSet {
  ComponentId component{};
  std::string action{};
  std::vector<Requirement> requirements{};
};
// A command or event of a component, in its kind's own types.
struct ComponentAction {
  ComponentId component{};
  std::any payload{};
};

using Body =
    std::variant<OrganizationFounded, ParticipantRegistered, OrganizationRoleGranted,
                 AuthorizationGranted, AuthorizationRevoked, ScopeAdded, SpaceCreated,
                 SpacePublished, PhaseAdded, PhaseActivated, SpaceRoleGranted, SpaceRoleRevoked,
                 MemberAdded, MemberRemoved, ComponentAdded, ComponentConfigured,
                 ComponentPublished, PermissionSet, ComponentAction, GroupCreated,
                 GroupJoinRequested, GroupMemberAdmitted, GroupMemberRemoved, GroupVerified>;

// body_name — "participant-registered", ...; a component action is named by its kind.
std::string body_name(const Body& body);

struct Command {
  Actor actor{};
  // idempotency_key — the caller's name for this request: a retry with the same key and
  // body is answered with the first event; with another body it is refused. May be empty
  // (no retry protection).
  std::string idempotency_key{};
  Body body{};
};

struct Event {
  std::uint64_t sequence = 0;  // 1 for the first event
  absl::Time time = absl::InfinitePast();
  Actor actor{};
  std::string idempotency_key{};
  // command_digest — of the command's canonical bytes, to tell a retry from a reuse of a key.
  Digest command_digest{};
  Body body{};
};

// decide — the event `command` becomes at time `now`, or the reason it is refused. `recorded`:
// the command is an event of the record decided again (store::verify), so values a kind assigned
// or computed (a respondent's token) come back filled in; a new command never brings them, and
// a kind refuses them from one (ActionContext::recorded).
absl::StatusOr<Event> decide(const Organization& state, const Command& command, absl::Time now,
                             bool recorded = false);
// evolve — applies `event`; DataLoss naming the event when it does not fit the state.
absl::Status evolve(Organization& state, const Event& event);

}  // namespace participa::space
