// Bindings of participa::space: the organization's state, commands, events, decide and evolve.
#include "participa/space/record.hpp"

#include "participa/io/record.hpp"
#include "participa/space/component_kind.hpp"
#include "record_casters.hpp"
#include "register.hpp"

namespace participa::python {
namespace {

namespace sp = participa::space;

sp::Participant participant_of(const sp::Organization& organization, ParticipantId id) {
  const sp::Participant* found = organization.participant(id);
  if (found == nullptr) throw py::key_error(str_cat("no participant ", id.to_string()));
  return *found;
}

template <class T>
py::class_<T> body_class(py::module_& m, const char* name, const char* doc) {
  return py::class_<T>(m, name, doc);
}

void register_bodies(py::module_& m) {
  auto founded = body_class<sp::OrganizationFounded>(
      m, "OrganizationFounded",
      "The first event of every record: the organization, its seed and its first admin.");
  def_fields(founded, Field{"organization", &sp::OrganizationFounded::organization},
             Field{"name", &sp::OrganizationFounded::name},
             Field{"seed", &sp::OrganizationFounded::seed},
             Field{"founder", &sp::OrganizationFounded::founder},
             Field{"founder_nickname", &sp::OrganizationFounded::founder_nickname},
             Field{"founder_name", &sp::OrganizationFounded::founder_name});
  auto registered = body_class<sp::ParticipantRegistered>(
      m, "ParticipantRegistered",
      "A participant's account; managed accounts are registered by a user manager.");
  def_fields(registered, Field{"participant", &sp::ParticipantRegistered::participant},
             Field{"nickname", &sp::ParticipantRegistered::nickname},
             Field{"display_name", &sp::ParticipantRegistered::display_name},
             Field{"managed", &sp::ParticipantRegistered::managed});
  auto role = body_class<sp::OrganizationRoleGranted>(
      m, "OrganizationRoleGranted", "An organization role; role none revokes it.");
  def_fields(role, Field{"participant", &sp::OrganizationRoleGranted::participant},
             Field{"role", &sp::OrganizationRoleGranted::role});
  auto granted = body_class<sp::AuthorizationGranted>(
      m, "AuthorizationGranted", "A handler's authorization, replacing an earlier one.");
  def_fields(granted, Field{"participant", &sp::AuthorizationGranted::participant},
             Field{"authorization", &sp::AuthorizationGranted::authorization});
  auto revoked =
      body_class<sp::AuthorizationRevoked>(m, "AuthorizationRevoked", "An authorization revoked.");
  def_fields(revoked, Field{"participant", &sp::AuthorizationRevoked::participant},
             Field{"handler", &sp::AuthorizationRevoked::handler});
  auto scope = body_class<sp::ScopeAdded>(m, "ScopeAdded", "A scope, below its parent if any.");
  def_fields(scope, Field{"scope", &sp::ScopeAdded::scope}, Field{"name", &sp::ScopeAdded::name},
             Field{"parent", &sp::ScopeAdded::parent});
  auto created = body_class<sp::SpaceCreated>(
      m, "SpaceCreated", "A participatory space of a registered kind (process, assembly, ...).");
  def_fields(created, Field{"space", &sp::SpaceCreated::space},
             Field{"kind", &sp::SpaceCreated::kind}, Field{"slug", &sp::SpaceCreated::slug},
             Field{"title", &sp::SpaceCreated::title},
             Field{"visibility", &sp::SpaceCreated::visibility},
             Field{"parent", &sp::SpaceCreated::parent}, Field{"scope", &sp::SpaceCreated::scope});
  auto published = body_class<sp::SpacePublished>(
      m, "SpacePublished", "A space published (published=False unpublishes it).");
  def_fields(published, Field{"space", &sp::SpacePublished::space},
             Field{"published", &sp::SpacePublished::published});
  auto phase = body_class<sp::PhaseAdded>(m, "PhaseAdded", "A phase appended to a process.");
  def_fields(phase, Field{"space", &sp::PhaseAdded::space}, Field{"phase", &sp::PhaseAdded::phase},
             Field{"title", &sp::PhaseAdded::title}, Field{"starts_at", &sp::PhaseAdded::starts_at},
             Field{"ends_at", &sp::PhaseAdded::ends_at});
  auto activated = body_class<sp::PhaseActivated>(
      m, "PhaseActivated", "A phase made active; as a command without phase, the one dated now.");
  def_fields(activated, Field{"space", &sp::PhaseActivated::space},
             Field{"phase", &sp::PhaseActivated::phase});
  auto space_role = body_class<sp::SpaceRoleGranted>(m, "SpaceRoleGranted", "A role in one space.");
  def_fields(space_role, Field{"space", &sp::SpaceRoleGranted::space},
             Field{"participant", &sp::SpaceRoleGranted::participant},
             Field{"role", &sp::SpaceRoleGranted::role});
  auto role_revoked =
      body_class<sp::SpaceRoleRevoked>(m, "SpaceRoleRevoked", "A space role taken back.");
  def_fields(role_revoked, Field{"space", &sp::SpaceRoleRevoked::space},
             Field{"participant", &sp::SpaceRoleRevoked::participant});
  auto member =
      body_class<sp::MemberAdded>(m, "MemberAdded", "A member of a space, with a position.");
  def_fields(member, Field{"space", &sp::MemberAdded::space},
             Field{"participant", &sp::MemberAdded::participant},
             Field{"position", &sp::MemberAdded::position});
  auto removed = body_class<sp::MemberRemoved>(m, "MemberRemoved", "A member removed.");
  def_fields(removed, Field{"space", &sp::MemberRemoved::space},
             Field{"participant", &sp::MemberRemoved::participant});
  auto group_created = body_class<sp::GroupCreated>(
      m, "GroupCreated", "A group (an association, a collective); its creator is its first admin.");
  def_fields(group_created, Field{"group", &sp::GroupCreated::group},
             Field{"nickname", &sp::GroupCreated::nickname},
             Field{"name", &sp::GroupCreated::name});
  auto join = body_class<sp::GroupJoinRequested>(m, "GroupJoinRequested",
                                                 "The actor asks to join a group.");
  def_fields(join, Field{"group", &sp::GroupJoinRequested::group});
  auto admitted = body_class<sp::GroupMemberAdmitted>(
      m, "GroupMemberAdmitted",
      "A group admin admits a participant who asked to join, or changes a member's role.");
  def_fields(admitted, Field{"group", &sp::GroupMemberAdmitted::group},
             Field{"participant", &sp::GroupMemberAdmitted::participant},
             Field{"role", &sp::GroupMemberAdmitted::role});
  auto left = body_class<sp::GroupMemberRemoved>(
      m, "GroupMemberRemoved",
      "A member leaves (participant None: the actor) or a group admin removes a member or "
      "declines a request.");
  def_fields(left, Field{"group", &sp::GroupMemberRemoved::group},
             Field{"participant", &sp::GroupMemberRemoved::participant});
  auto verified = body_class<sp::GroupVerified>(
      m, "GroupVerified", "An organization admin marks a group verified (or not).");
  def_fields(verified, Field{"group", &sp::GroupVerified::group},
             Field{"verified", &sp::GroupVerified::verified});
  auto component = body_class<sp::ComponentAdded>(
      m, "ComponentAdded", "A component of a registered kind, with its global settings.");
  def_fields(component, Field{"component", &sp::ComponentAdded::component},
             Field{"space", &sp::ComponentAdded::space}, Field{"kind", &sp::ComponentAdded::kind},
             Field{"name", &sp::ComponentAdded::name},
             Field{"settings", &sp::ComponentAdded::settings});
  auto configured = body_class<sp::ComponentConfigured>(
      m, "ComponentConfigured", "A component's settings in one phase (no phase: phaseless).");
  def_fields(configured, Field{"component", &sp::ComponentConfigured::component},
             Field{"phase", &sp::ComponentConfigured::phase},
             Field{"settings", &sp::ComponentConfigured::settings});
  auto component_published = body_class<sp::ComponentPublished>(
      m, "ComponentPublished", "A component published (published=False unpublishes it).");
  def_fields(component_published, Field{"component", &sp::ComponentPublished::component},
             Field{"published", &sp::ComponentPublished::published});
  auto permission = body_class<sp::PermissionSet>(
      m, "PermissionSet", "The authorizations one action of a component requires.");
  def_fields(permission, Field{"component", &sp::PermissionSet::component},
             Field{"action", &sp::PermissionSet::action},
             Field{"requirements", &sp::PermissionSet::requirements});
  auto action = body_class<sp::ComponentAction>(
      m, "ComponentAction", "A command or event of a component, with its kind's payload.");
  def_fields(action, Field{"component", &sp::ComponentAction::component},
             Field{"payload", &sp::ComponentAction::payload});
}

void register_state(py::module_& m) {
  py::class_<sp::Participant> participant(m, "Participant", "An account of the organization.");
  def_fields(participant, Field{"id", &sp::Participant::id},
             Field{"nickname", &sp::Participant::nickname},
             Field{"display_name", &sp::Participant::display_name},
             Field{"managed", &sp::Participant::managed},
             Field{"registered_at", &sp::Participant::registered_at},
             Field{"role", &sp::Participant::role},
             Field{"authorizations", &sp::Participant::authorizations});
  py::class_<sp::Group> group(m, "Group",
                              "A group whose members write proposals and comments for it.");
  def_fields(group, Field{"id", &sp::Group::id}, Field{"nickname", &sp::Group::nickname},
             Field{"name", &sp::Group::name}, Field{"verified", &sp::Group::verified},
             Field{"created_at", &sp::Group::created_at}, Field{"members", &sp::Group::members},
             Field{"requests", &sp::Group::requests});
  py::class_<sp::Scope> scope(m, "Scope", "A scope of the tree (a district, a theme, ...).");
  def_fields(scope, Field{"id", &sp::Scope::id}, Field{"name", &sp::Scope::name},
             Field{"parent", &sp::Scope::parent});
  py::class_<sp::Phase> phase(m, "Phase", "A phase of a process.");
  def_fields(phase, Field{"id", &sp::Phase::id}, Field{"title", &sp::Phase::title},
             Field{"starts_at", &sp::Phase::starts_at}, Field{"ends_at", &sp::Phase::ends_at});
  py::class_<sp::Space> space_class(m, "Space", "A participatory space with its phases and roles.");
  def_fields(space_class, Field{"id", &sp::Space::id}, Field{"kind", &sp::Space::kind},
             Field{"slug", &sp::Space::slug}, Field{"title", &sp::Space::title},
             Field{"visibility", &sp::Space::visibility}, Field{"parent", &sp::Space::parent},
             Field{"scope", &sp::Space::scope}, Field{"published", &sp::Space::published},
             Field{"phases", &sp::Space::phases}, Field{"active_phase", &sp::Space::active_phase},
             Field{"roles", &sp::Space::roles}, Field{"members", &sp::Space::members},
             Field{"components", &sp::Space::components});
  py::class_<sp::Component> component_class(
      m, "Component", "A component of a space; state is its kind's own state object.");
  def_fields(
      component_class, Field{"id", &sp::Component::id}, Field{"space", &sp::Component::space},
      Field{"kind", &sp::Component::kind}, Field{"name", &sp::Component::name},
      Field{"published", &sp::Component::published}, Field{"settings", &sp::Component::settings},
      Field{"phase_values", &sp::Component::phase_values},
      Field{"permissions", &sp::Component::permissions}, Field{"state", &sp::Component::state});
  py::class_<sp::Organization> organization_class(
      m, "Organization",
      "The state of an organization: a fold of its record. Attributes are copies.");
  organization_class.def(py::init<>())
      .def_readonly("id", &sp::Organization::id)
      .def_readonly("name", &sp::Organization::name)
      .def_readonly("seed", &sp::Organization::seed)
      .def_readonly("sequence", &sp::Organization::sequence)
      .def_readonly("time", &sp::Organization::time)
      .def_readonly("participants", &sp::Organization::participants)
      .def_readonly("nicknames", &sp::Organization::nicknames)
      .def_readonly("groups", &sp::Organization::groups)
      .def_readonly("group_nicknames", &sp::Organization::group_nicknames)
      .def_readonly("scopes", &sp::Organization::scopes)
      .def_readonly("spaces", &sp::Organization::spaces)
      .def_readonly("slugs", &sp::Organization::slugs)
      .def_readonly("components", &sp::Organization::components)
      .def("participant", &participant_of, "id"_a,
           "The participant with this id; KeyError when there is none.")
      .def("within_scope", &sp::Organization::within_scope, "scope"_a, "ancestor"_a,
           "True when scope is ancestor or lies below it.")
      .def("__copy__", [](const sp::Organization& o) { return sp::Organization(o); })
      .def(
          "__deepcopy__", [](const sp::Organization& o, py::dict) { return sp::Organization(o); },
          "memo"_a)
      .def("__repr__", [](const sp::Organization& o) {
        return str_cat("Organization('", o.name, "', sequence=", o.sequence,
                       ", participants=", o.participants.size(), ", spaces=", o.spaces.size(),
                       ", components=", o.components.size(), ")");
      });
  def_not_picklable(organization_class,
                    "pickle the events (Ledger.events()) and fold them with evolve()");
  component_class.def(
      "current_settings",
      [](const sp::Component& self, const sp::Organization& organization) {
        const sp::Space* space = organization.space(self.space);
        if (space == nullptr) throw py::key_error(str_cat("no space ", self.space.to_string()));
        return sp::current_settings(*unwrap(sp::find_component_kind(self.kind)), *space, self);
      },
      "organization"_a, "The settings that hold now: defaults, global values, the active phase's.");
}

void document_fields(const py::module_& m) {
  document_attributes(
      m,
      {{"id", "Its id."},
       {"name", "Its name."},
       {"title", "Its title."},
       {"kind", "The registered kind it is of."},
       {"nickname", "The unique name it is known by (participants and groups share them)."},
       {"display_name", "The name shown for the participant."},
       {"managed", "Registered by a user manager for someone who takes part in person."},
       {"participant", "The participant's id."},
       {"group", "The group's id."},
       {"space", "The space's id."},
       {"component", "The component's id."},
       {"phase", "The phase's id."},
       {"scope", "The scope's id; None for none."},
       {"parent", "The parent's id; None at the root."},
       {"handler", "The authorization handler's name."},
       {"published", "Whether it is published (False unpublishes)."},
       {"verified", "Whether an organization admin verified the group (False withdraws it)."},
       {"slug", "The space's unique name in addresses."},
       {"visibility", "Who reads and who acts in the space."},
       {"starts_at", "When the phase starts; None: not set."},
       {"ends_at", "When the phase ends; None: not set."},
       {"settings", "The component's global setting values."},
       {"seed", "The seed ids are assigned from, so a replay assigns the same ids."},
       {"sequence", "The sequence number of the last event applied (0 before the first)."},
       {"time", "When the last event was recorded."},
       {"actor", "Who acts."},
       {"body", "What should happen (a command) or happened (an event)."},
       {"idempotency_key",
        "The caller's name for the request: a retry with the same key and body gets the first "
        "event; another body with it is refused."},
       {"Authorization.unique_id",
        "The handler's key for the person (a hashed document number): one person cannot hold the "
        "same handler's authorization on two accounts."},
       {"Authorization.attributes", "What the handler verified (postal code, age, scope, ...)."},
       {"Authorization.granted_at", "When it was granted."},
       {"Authorization.expires_at", "When it expires; None: never."},
       {"Authorization.pending", "The handler's workflow is not finished (a code not yet typed)."},
       {"Requirement.options", "Conditions each authorization must meet, by option name."},
       {"Actor.channel", "How the action reached the record: online, in person or mediated."},
       {"Actor.recorded_by",
        "The officer or mediator who entered an in-person or mediated action."},
       {"Actor.group", "The group the participant acts for; None for themself."},
       {"Event.sequence", "Its place in the record, from 1."},
       {"Event.time", "When it was recorded."},
       {"Event.command_digest", "The digest of the command's canonical bytes."},
       {"OrganizationFounded.organization", "The organization's id."},
       {"OrganizationFounded.founder", "The first admin's participant id."},
       {"OrganizationFounded.founder_nickname", "The first admin's nickname."},
       {"OrganizationFounded.founder_name", "The first admin's display name."},
       {"OrganizationRoleGranted.role", "The organization role granted; none revokes."},
       {"AuthorizationGranted.authorization", "The grant; it replaces one by the same handler."},
       {"GroupMemberAdmitted.role", "The member's role in the group."},
       {"SpaceRoleGranted.role", "The role in the space."},
       {"MemberAdded.position", "The member's position: president, secretary, member, ..."},
       {"ComponentConfigured.phase", "The phase the values apply in; None when no phase does."},
       {"ComponentConfigured.settings", "The values for that phase."},
       {"ComponentAdded.settings", "Its global values; the rest keep their defaults."},
       {"PhaseActivated.phase", "The phase; None activates the one whose dates include now."},
       {"PermissionSet.action", "The component action it applies to."},
       {"PermissionSet.requirements",
        "The authorizations the action requires (none: the space's rules)."},
       {"ComponentAction.payload", "The command or event in the component kind's own types."},
       {"Participant.registered_at", "When the account was registered."},
       {"Participant.role", "The organization role: none, admin or user manager."},
       {"Participant.authorizations", "The authorizations held, by handler name."},
       {"Group.created_at", "When the group was created."},
       {"Group.members", "Each member's role in the group."},
       {"Group.requests", "Participants who asked to join and are not yet admitted."},
       {"Space.parent", "An assembly's parent assembly; None otherwise."},
       {"Space.phases", "Its phases in order."},
       {"Space.active_phase", "The active phase; None when none is."},
       {"Space.roles", "The roles held in the space, by participant."},
       {"Space.members",
        "Members of a private or transparent space or an assembly, with their position."},
       {"Space.components", "Its components in the order they were added."},
       {"Component.phase_values", "Setting values per phase (None for a phaseless space)."},
       {"Component.permissions", "Per action, the authorizations it requires."},
       {"Component.state", "The kind's own state; see the component's state_of()."},
       {"Organization.participants", "Every participant by id."},
       {"Organization.nicknames", "Participants' ids by nickname."},
       {"Organization.groups", "Every group by id."},
       {"Organization.group_nicknames", "Groups' ids by nickname."},
       {"Organization.scopes", "Every scope by id."},
       {"Organization.spaces", "Every space by id."},
       {"Organization.slugs", "Spaces' ids by slug."},
       {"Organization.components", "Every component by id."}});
}

}  // namespace

void register_space(py::module_& m) {
  def_named_enum(m, "Channel", sp::kChannelNames,
                 "How an action reached the record: online, in person or mediated.");
  def_named_enum(m, "OrganizationRole", sp::kOrganizationRoleNames,
                 "An organization-wide role: none, admin or user manager.");
  def_named_enum(m, "SpaceRole", sp::kSpaceRoleNames,
                 "A role in one space: admin, collaborator, moderator or evaluator.");
  def_named_enum(m, "GroupRole", sp::kGroupRoleNames, "A role in a group: member or admin.");
  def_named_enum(m, "Visibility", sp::kVisibilityNames,
                 "Who reads and who acts in a space: public, private or transparent.");
  def_named_enum(m, "AuthorizationStatus", sp::kAuthorizationStatusNames,
                 "What an authorization check answers.");

  py::class_<sp::Authorization> authorization(m, "Authorization",
                                              "One handler's grant to one participant.");
  def_fields(authorization, Field{"handler", &sp::Authorization::handler},
             Field{"unique_id", &sp::Authorization::unique_id},
             Field{"attributes", &sp::Authorization::attributes},
             Field{"granted_at", &sp::Authorization::granted_at},
             Field{"expires_at", &sp::Authorization::expires_at},
             Field{"pending", &sp::Authorization::pending});
  py::class_<sp::Requirement> requirement(
      m, "Requirement", "An action needs the handler's authorization, satisfying every option.");
  def_fields(requirement, Field{"handler", &sp::Requirement::handler},
             Field{"options", &sp::Requirement::options});
  py::class_<sp::Actor> actor(
      m, "Actor",
      "Who acts, through which channel, who recorded it when not online, and the group the "
      "participant acts for, if any.");
  def_fields(actor, Field{"participant", &sp::Actor::participant},
             Field{"channel", &sp::Actor::channel}, Field{"recorded_by", &sp::Actor::recorded_by},
             Field{"group", &sp::Actor::group});

  register_bodies(m);
  register_state(m);

  py::class_<sp::Command> command_class(
      m, "Command", "A request for a change: who acts, an idempotency key, a body.");
  def_fields(command_class, Field{"actor", &sp::Command::actor},
             Field{"idempotency_key", &sp::Command::idempotency_key},
             Field{"body", &sp::Command::body});
  py::class_<sp::Event> event_class(m, "Event",
                                    "A recorded fact: the body with its ids, time, actor.");
  def_fields(event_class, Field{"sequence", &sp::Event::sequence}, Field{"time", &sp::Event::time},
             Field{"actor", &sp::Event::actor},
             Field{"idempotency_key", &sp::Event::idempotency_key},
             Field{"command_digest", &sp::Event::command_digest}, Field{"body", &sp::Event::body});
  event_class.def_property_readonly(
      "name", [](const sp::Event& e) { return sp::body_name(e.body); },
      "The body's name: 'participant-registered', ..., or the component kind's name.");

  m.def(
      "decide",
      [](const sp::Organization& organization, const sp::Command& command, absl::Time now) {
        return unwrap(sp::decide(organization, command, now));
      },
      "organization"_a, "command"_a, "now"_a,
      "The event the command becomes at time now; raises with the reason it is refused.");
  m.def(
      "evolve",
      [](sp::Organization& organization, const sp::Event& event) {
        unwrap(sp::evolve(organization, event));
      },
      "organization"_a, "event"_a,
      "Apply an event to the organization in place; ValueError when it does not fit.");
  m.def(
      "event_name",
      [](const sp::Organization& organization, const sp::Event& event) {
        return io::event_name(organization, event);
      },
      "organization"_a, "event"_a,
      "'participant-registered', ..., or '<kind>/<payload>' for a component's event.");
  document_fields(m);
}

}  // namespace participa::python
