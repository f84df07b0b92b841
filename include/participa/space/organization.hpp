// participa/space/organization.hpp — the state of an organization: participants, scopes,
// spaces with their phases and roles, and components.
//
// An `Organization` is a value computed from its record: `evolve` (space/record.hpp) applies
// one event, and the state after the last event is the state of the organization. Nothing
// else changes it, so replaying the record reproduces it exactly. Entities refer to each
// other by id. Components keep their kind's own state (`Component::state`), which only that
// kind reads and writes.
//
// Spaces are of a registered kind: "process" (ordered phases with date ranges, at most one
// active) and "assembly" (permanent, without phases, possibly nested in another assembly) are
// built in; `register_space_kind` adds a platform's own.
#pragma once

#include <any>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "participa/core/names.hpp"
#include "participa/space/authorization.hpp"
#include "participa/space/ids.hpp"
#include "participa/space/settings.hpp"

namespace participa::space {

// Channel — how an action reached the record: online by the participant, in person (paper,
// a booth) typed in by an officer, or mediated (a mediator acting with someone who takes part
// without an account of their own).
enum class Channel { kOnline, kInPerson, kMediated };
inline constexpr std::array<Named<Channel>, 3> kChannelNames = {{{Channel::kOnline, "online"},
                                                                 {Channel::kInPerson, "in-person"},
                                                                 {Channel::kMediated, "mediated"}}};

// OrganizationRole — admin (everything), user-manager (registers managed participants and
// records in-person and mediated actions).
enum class OrganizationRole { kNone, kAdmin, kUserManager };
inline constexpr std::array<Named<OrganizationRole>, 3> kOrganizationRoleNames = {
    {{OrganizationRole::kNone, "none"},
     {OrganizationRole::kAdmin, "admin"},
     {OrganizationRole::kUserManager, "user-manager"}}};

// SpaceRole — one per participant and space: admin (manages it), collaborator (previews it
// unpublished, changes nothing), moderator (hides reported content), evaluator (answers
// proposals).
enum class SpaceRole { kAdmin, kCollaborator, kModerator, kEvaluator };
inline constexpr std::array<Named<SpaceRole>, 4> kSpaceRoleNames = {
    {{SpaceRole::kAdmin, "admin"},
     {SpaceRole::kCollaborator, "collaborator"},
     {SpaceRole::kModerator, "moderator"},
     {SpaceRole::kEvaluator, "evaluator"}}};

// GroupRole — in a group (an association, a collective): members act for it, admins also
// admit members and appoint admins.
enum class GroupRole { kMember, kAdmin };
inline constexpr std::array<Named<GroupRole>, 2> kGroupRoleNames = {
    {{GroupRole::kMember, "member"}, {GroupRole::kAdmin, "admin"}}};

// Visibility — public: everyone reads and acts; private: members only; transparent: everyone
// reads, members act.
enum class Visibility { kPublic, kPrivate, kTransparent };
inline constexpr std::array<Named<Visibility>, 3> kVisibilityNames = {
    {{Visibility::kPublic, "public"},
     {Visibility::kPrivate, "private"},
     {Visibility::kTransparent, "transparent"}}};

struct Participant {
  ParticipantId id{};
  std::string nickname{};
  std::string display_name{};
  // managed — registered by a user manager for someone who takes part in person; acts only
  // through the in-person and mediated channels.
  bool managed = false;
  absl::Time registered_at = absl::InfinitePast();
  OrganizationRole role = OrganizationRole::kNone;
  // authorizations — by handler name.
  std::map<std::string, Authorization, std::less<>> authorizations{};
  friend bool operator==(const Participant&, const Participant&) = default;
};

// Group — an association or collective whose members act for it: a proposal, an amendment or
// a comment written for a group carries its name beside the author's. A participant joins by
// asking and being admitted by a group admin; an organization admin may mark the group
// verified. Group nicknames share one namespace with participants'.
struct Group {
  GroupId id{};
  std::string nickname{};
  std::string name{};
  bool verified = false;
  absl::Time created_at = absl::InfinitePast();
  std::map<ParticipantId, GroupRole> members{};
  std::set<ParticipantId> requests{};  // asked to join, not yet admitted
  friend bool operator==(const Group&, const Group&) = default;
};

struct Scope {
  ScopeId id{};
  std::string name{};
  ScopeId parent{};  // nil for a root
  friend bool operator==(const Scope&, const Scope&) = default;
};

struct Phase {
  PhaseId id{};
  std::string title{};
  std::optional<absl::Time> starts_at{};
  std::optional<absl::Time> ends_at{};
  friend bool operator==(const Phase&, const Phase&) = default;
};

struct Space {
  SpaceId id{};
  std::string kind{};
  std::string slug{};
  std::string title{};
  Visibility visibility = Visibility::kPublic;
  SpaceId parent{};  // an assembly's parent assembly, or nil
  ScopeId scope{};
  bool published = false;
  std::vector<Phase> phases{};  // in order
  PhaseId active_phase{};       // nil when none is active
  std::map<ParticipantId, SpaceRole> roles{};
  // members — of a private or transparent space, or an assembly; with their position.
  std::map<ParticipantId, std::string> members{};
  std::vector<ComponentId> components{};
  friend bool operator==(const Space&, const Space&) = default;
};

struct Component {
  ComponentId id{};
  SpaceId space{};
  std::string kind{};
  std::string name{};
  bool published = false;
  Settings settings{};                         // global values
  std::map<PhaseId, Settings> phase_values{};  // per phase; the nil phase for phaseless spaces
  // permissions — per action, the authorizations it requires.
  std::map<std::string, std::vector<Requirement>, std::less<>> permissions{};
  std::any state{};  // the kind's own state
};

struct SpaceKind {
  std::string name{};
  bool has_phases = false;
  bool nests = false;  // may sit inside another space of the same kind
};
absl::Status register_space_kind(SpaceKind kind);
absl::StatusOr<SpaceKind> find_space_kind(std::string_view name);

struct Organization {
  OrganizationId id{};
  std::string name{};
  std::uint64_t seed = 0;
  std::uint64_t sequence = 0;              // of the last event applied; 0 before the first
  absl::Time time = absl::InfinitePast();  // of the last event applied
  absl::flat_hash_map<ParticipantId, Participant> participants{};
  std::map<std::string, ParticipantId, std::less<>> nicknames{};
  std::map<GroupId, Group> groups{};
  std::map<std::string, GroupId, std::less<>> group_nicknames{};
  // identities — (handler, unique id) → the participant holding that authorization.
  std::map<std::pair<std::string, std::string>, ParticipantId> identities{};
  std::map<ScopeId, Scope> scopes{};
  std::map<SpaceId, Space> spaces{};
  std::map<std::string, SpaceId, std::less<>> slugs{};
  absl::flat_hash_map<ComponentId, Component> components{};

  bool founded() const { return sequence > 0; }
  const Participant* participant(ParticipantId who) const;
  const Group* group(GroupId which) const;
  // nickname_taken — by a participant or a group.
  bool nickname_taken(std::string_view nickname) const;
  const Space* space(SpaceId which) const;
  // administers — `who` is an organization admin, or an admin of `space` (which exists).
  bool administers(ParticipantId who, SpaceId space) const;
  const Component* component(ComponentId which) const;
  // within_scope — true when `scope` is `ancestor` or lies below it.
  bool within_scope(ScopeId scope, ScopeId ancestor) const;
  // active_phase — of the component's space; nullptr when the space has none active.
  const Phase* active_phase(const Space& space) const;
};

}  // namespace participa::space
