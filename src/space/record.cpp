#include "participa/space/record.hpp"

#include <algorithm>

#include "participa/core/names.hpp"
#include "participa/core/overloaded.hpp"
#include "participa/core/rng.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"
#include "participa/space/component_kind.hpp"

namespace participa::space {
namespace {

constexpr std::size_t kMaxNickname = 40;  // Decidim's nickname limit
constexpr std::size_t kMaxName = 200;

std::string show(ParticipantId id, const Organization& state) {
  const Participant* who = state.participant(id);
  return who != nullptr ? str_cat("'", who->nickname, "'") : str_cat("'", id.to_string(), "'");
}

// check_handle — nicknames and slugs: lower-case letters, digits, '-' and '_'.
absl::Status check_handle(std::string_view what, std::string_view text) {
  PARTICIPA_RETURN_IF_ERROR(check_text(what, text, kMaxNickname));
  for (char c : text) {
    bool fits = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!fits) {
      return absl::InvalidArgumentError(
          str_cat(what, " '", text, "' may hold only a-z, 0-9, '-' and '_'"));
    }
  }
  return absl::OkStatus();
}

template <class IdT>
IdT assign(IdT given, Rng& rng) {
  return given.is_nil() ? IdT::random(rng) : given;
}

// The checks every command makes of its actor, whatever it asks for.
class Decider {
 public:
  Decider(const Organization& state, const Command& command, absl::Time now, bool recorded)
      : state_(state),
        command_(command),
        actor_(command.actor),
        now_(now),
        recorded_(recorded),
        rng_(state.seed, state.sequence + 1) {}

  absl::StatusOr<Body> run() {
    if (!state_.founded() && !std::holds_alternative<OrganizationFounded>(command_.body)) {
      return absl::FailedPreconditionError("the organization is not founded yet");
    }
    if (!actor_.group.is_nil()) PARTICIPA_RETURN_IF_ERROR(check_group_actor());
    return std::visit([this](const auto& body) -> absl::StatusOr<Body> { return decide(body); },
                      command_.body);
  }

 private:
  // check_group_actor — a participant acting for a group belongs to it, and takes an action
  // a group may take.
  absl::Status check_group_actor() {
    const auto* action = std::get_if<ComponentAction>(&command_.body);
    if (action == nullptr) {
      return absl::InvalidArgumentError(
          str_cat(body_name(command_.body), " is not done for a group"));
    }
    PARTICIPA_ASSIGN_OR_RETURN(const Group* group, existing_group(actor_.group));
    if (!group->members.contains(actor_.participant)) {
      return absl::FailedPreconditionError(str_cat("participant ", show(actor_.participant, state_),
                                                   " is not a member of group '", group->nickname,
                                                   "' and may not act for it"));
    }
    const Component* component = state_.component(action->component);
    if (component == nullptr) return absl::OkStatus();  // refused below, with the usual message
    PARTICIPA_ASSIGN_OR_RETURN(const ComponentKind* kind, find_component_kind(component->kind));
    if (!kind->done_for_group(action->payload)) {
      return absl::InvalidArgumentError(str_cat(kind->payload_name(action->payload),
                                                " is personal: it is not done for group '",
                                                group->nickname, "'"));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<const Group*> administered_group(GroupId id, std::string_view what) {
    PARTICIPA_ASSIGN_OR_RETURN(const Group* group, existing_group(id));
    PARTICIPA_ASSIGN_OR_RETURN(const Participant* who, check_actor());
    auto role = group->members.find(who->id);
    if (role == group->members.end() || role->second != GroupRole::kAdmin) {
      return absl::FailedPreconditionError(str_cat("participant '", who->nickname, "' may not ",
                                                   what, " in group '", group->nickname,
                                                   "': only its admins may"));
    }
    return group;
  }
  // check_actor — the acting participant exists and the channel fits them.
  absl::StatusOr<const Participant*> check_actor() {
    PARTICIPA_ASSIGN_OR_RETURN(const Participant* who, existing_participant(actor_.participant));
    PARTICIPA_RETURN_IF_ERROR(check_channel());
    if (actor_.channel == Channel::kOnline && who->managed) {
      return absl::FailedPreconditionError(
          str_cat("participant '", who->nickname,
                  "' is managed and takes part only in person or through a mediator"));
    }
    return who;
  }
  // check_channel — an online action has no recorder; an in-person or mediated one has an
  // officer or mediator (a user manager or admin) who records it.
  absl::Status check_channel() {
    if (actor_.channel == Channel::kOnline) {
      if (!actor_.recorded_by.is_nil()) {
        return absl::InvalidArgumentError(
            "an online action has no recorder; use the in-person or mediated channel");
      }
      return absl::OkStatus();
    }
    const Participant* recorder = state_.participant(actor_.recorded_by);
    if (recorder == nullptr) {
      return absl::NotFoundError(str_cat("an ", name_of(kChannelNames, actor_.channel),
                                         " action needs the officer or mediator who records it"));
    }
    if (recorder->role != OrganizationRole::kAdmin &&
        recorder->role != OrganizationRole::kUserManager) {
      return absl::FailedPreconditionError(
          str_cat("participant '", recorder->nickname,
                  "' is not a user manager and may not record actions for others"));
    }
    return absl::OkStatus();
  }

  absl::Status require_organization_role(std::string_view what, bool user_manager_too) {
    PARTICIPA_ASSIGN_OR_RETURN(const Participant* who, check_actor());
    if (who->role == OrganizationRole::kAdmin ||
        (user_manager_too && who->role == OrganizationRole::kUserManager)) {
      return absl::OkStatus();
    }
    return absl::FailedPreconditionError(
        str_cat("participant '", who->nickname, "' may not ", what, ": only an organization admin",
                user_manager_too ? " or user manager" : "", " may"));
  }

  absl::StatusOr<const Space*> require_space_admin(SpaceId id, std::string_view what) {
    const Space* space = state_.space(id);
    if (space == nullptr) {
      return absl::NotFoundError(str_cat("space '", id.to_string(), "' does not exist"));
    }
    PARTICIPA_ASSIGN_OR_RETURN(const Participant* who, check_actor());
    if (state_.administers(who->id, id)) return space;
    return absl::FailedPreconditionError(str_cat("participant '", who->nickname, "' may not ", what,
                                                 " in space '", space->slug,
                                                 "': only its admins may"));
  }

  absl::StatusOr<const Participant*> existing_participant(ParticipantId id) {
    const Participant* who = state_.participant(id);
    if (who == nullptr) {
      return absl::NotFoundError(str_cat("participant '", id.to_string(), "' is not registered"));
    }
    return who;
  }

  absl::StatusOr<const Group*> existing_group(GroupId id) {
    const Group* group = state_.group(id);
    if (group == nullptr) {
      return absl::NotFoundError(str_cat("group '", id.to_string(), "' does not exist"));
    }
    return group;
  }

  absl::StatusOr<Body> decide(OrganizationFounded body) {
    if (state_.founded()) {
      return absl::FailedPreconditionError(
          str_cat("the organization '", state_.name, "' is already founded"));
    }
    PARTICIPA_RETURN_IF_ERROR(check_text("the organization's name", body.name, kMaxName));
    PARTICIPA_RETURN_IF_ERROR(check_handle("nickname", body.founder_nickname));
    PARTICIPA_RETURN_IF_ERROR(check_text("display name", body.founder_name, kMaxName));
    Rng rng(body.seed, 1);
    body.organization = assign(body.organization, rng);
    if (body.founder.is_nil()) body.founder = actor_.participant;
    body.founder = assign(body.founder, rng);
    return body;
  }

  absl::StatusOr<Body> decide(ParticipantRegistered body) {
    if (body.managed || !actor_.participant.is_nil()) {
      PARTICIPA_RETURN_IF_ERROR(require_organization_role("register participants", true));
    }
    PARTICIPA_RETURN_IF_ERROR(check_handle("nickname", body.nickname));
    PARTICIPA_RETURN_IF_ERROR(check_text("display name", body.display_name, kMaxName));
    if (state_.nickname_taken(body.nickname)) {
      return absl::AlreadyExistsError(str_cat("nickname '", body.nickname, "' is taken"));
    }
    body.participant = assign(body.participant, rng_);
    if (state_.participants.contains(body.participant)) {
      return absl::AlreadyExistsError(
          str_cat("participant '", body.participant.to_string(), "' is already registered"));
    }
    return body;
  }

  absl::StatusOr<Body> decide(OrganizationRoleGranted body) {
    PARTICIPA_RETURN_IF_ERROR(require_organization_role("grant organization roles", false));
    PARTICIPA_ASSIGN_OR_RETURN(const Participant* who, existing_participant(body.participant));
    if (who->role == body.role) {
      return absl::FailedPreconditionError(str_cat("participant '", who->nickname, "' is already ",
                                                   name_of(kOrganizationRoleNames, body.role)));
    }
    if (who->managed && body.role != OrganizationRole::kNone) {
      return absl::FailedPreconditionError(
          str_cat("participant '", who->nickname, "' is managed and cannot hold a role"));
    }
    if (who->role == OrganizationRole::kAdmin) {
      auto admins = std::count_if(
          state_.participants.begin(), state_.participants.end(),
          [](const auto& entry) { return entry.second.role == OrganizationRole::kAdmin; });
      if (admins == 1) {
        return absl::FailedPreconditionError(
            str_cat("participant '", who->nickname, "' is the organization's last admin"));
      }
    }
    return body;
  }

  absl::StatusOr<Body> decide(AuthorizationGranted body) {
    PARTICIPA_RETURN_IF_ERROR(require_organization_role("grant authorizations", true));
    PARTICIPA_ASSIGN_OR_RETURN(const Participant* who, existing_participant(body.participant));
    Authorization& grant = body.authorization;
    PARTICIPA_ASSIGN_OR_RETURN(AuthorizationHandler handler,
                               find_authorization_handler(grant.handler));
    if (grant.unique_id.empty()) {
      return absl::InvalidArgumentError(
          str_cat("the '", grant.handler, "' authorization needs the person's unique id"));
    }
    if (!grant.pending) {
      for (const std::string& attribute : handler.required_attributes) {
        if (!grant.attributes.contains(attribute)) {
          return absl::InvalidArgumentError(
              str_cat("the '", grant.handler, "' authorization needs the attribute ", attribute));
        }
      }
    }
    auto holder = state_.identities.find({grant.handler, grant.unique_id});
    if (holder != state_.identities.end() && holder->second != who->id) {
      return absl::AlreadyExistsError(str_cat("this '", grant.handler,
                                              "' identity is already held by participant ",
                                              show(holder->second, state_)));
    }
    grant.granted_at = now_;
    if (grant.expires_at && *grant.expires_at <= now_) {
      return absl::OutOfRangeError(
          str_cat("the '", grant.handler, "' authorization would expire before it is granted"));
    }
    return body;
  }

  absl::StatusOr<Body> decide(AuthorizationRevoked body) {
    PARTICIPA_RETURN_IF_ERROR(require_organization_role("revoke authorizations", true));
    PARTICIPA_ASSIGN_OR_RETURN(const Participant* who, existing_participant(body.participant));
    if (!who->authorizations.contains(body.handler)) {
      return absl::NotFoundError(
          str_cat("participant '", who->nickname, "' holds no '", body.handler, "' authorization"));
    }
    return body;
  }

  absl::StatusOr<Body> decide(GroupCreated body) {
    PARTICIPA_ASSIGN_OR_RETURN(const Participant* who, check_actor());
    if (who->managed) {
      return absl::FailedPreconditionError(
          str_cat("participant '", who->nickname, "' is managed and cannot create groups"));
    }
    PARTICIPA_RETURN_IF_ERROR(check_handle("nickname", body.nickname));
    PARTICIPA_RETURN_IF_ERROR(check_text("the group's name", body.name, kMaxName));
    if (state_.nickname_taken(body.nickname)) {
      return absl::AlreadyExistsError(str_cat("nickname '", body.nickname, "' is taken"));
    }
    body.group = assign(body.group, rng_);
    if (state_.groups.contains(body.group)) {
      return absl::AlreadyExistsError(str_cat("group '", body.group.to_string(), "' exists"));
    }
    return body;
  }

  absl::StatusOr<Body> decide(GroupJoinRequested body) {
    PARTICIPA_ASSIGN_OR_RETURN(const Group* group, existing_group(body.group));
    PARTICIPA_ASSIGN_OR_RETURN(const Participant* who, check_actor());
    if (group->members.contains(who->id)) {
      return absl::AlreadyExistsError(str_cat("participant '", who->nickname,
                                              "' is already a member of group '", group->nickname,
                                              "'"));
    }
    if (group->requests.contains(who->id)) {
      return absl::AlreadyExistsError(str_cat("participant '", who->nickname,
                                              "' has already asked to join group '",
                                              group->nickname, "'"));
    }
    return body;
  }

  absl::StatusOr<Body> decide(GroupMemberAdmitted body) {
    PARTICIPA_ASSIGN_OR_RETURN(const Group* group, administered_group(body.group, "admit members"));
    PARTICIPA_ASSIGN_OR_RETURN(const Participant* who, existing_participant(body.participant));
    auto member = group->members.find(who->id);
    if (member == group->members.end()) {
      if (!group->requests.contains(who->id)) {
        return absl::FailedPreconditionError(str_cat("participant '", who->nickname,
                                                     "' has not asked to join group '",
                                                     group->nickname, "'"));
      }
      return body;
    }
    if (member->second == body.role) {
      return absl::AlreadyExistsError(str_cat("participant '", who->nickname, "' is already ",
                                              name_of(kGroupRoleNames, body.role), " of group '",
                                              group->nickname, "'"));
    }
    if (member->second == GroupRole::kAdmin) PARTICIPA_RETURN_IF_ERROR(keeps_an_admin(*group));
    return body;
  }

  absl::StatusOr<Body> decide(GroupMemberRemoved body) {
    PARTICIPA_ASSIGN_OR_RETURN(const Group* group, existing_group(body.group));
    if (body.participant.is_nil()) body.participant = actor_.participant;
    if (body.participant == actor_.participant) {
      PARTICIPA_RETURN_IF_ERROR(check_actor().status());
    } else {
      PARTICIPA_RETURN_IF_ERROR(administered_group(body.group, "remove members").status());
    }
    auto member = group->members.find(body.participant);
    if (member == group->members.end()) {
      if (group->requests.contains(body.participant)) return body;
      return absl::NotFoundError(str_cat("participant ", show(body.participant, state_),
                                         " is not a member of group '", group->nickname, "'"));
    }
    if (member->second == GroupRole::kAdmin) PARTICIPA_RETURN_IF_ERROR(keeps_an_admin(*group));
    return body;
  }

  // keeps_an_admin — before an admin leaves or steps down.
  static absl::Status keeps_an_admin(const Group& group) {
    auto admins = std::count_if(group.members.begin(), group.members.end(), [](const auto& entry) {
      return entry.second == GroupRole::kAdmin;
    });
    if (admins > 1) return absl::OkStatus();
    return absl::FailedPreconditionError(
        str_cat("group '", group.nickname, "' would be left without an admin"));
  }

  absl::StatusOr<Body> decide(GroupVerified body) {
    PARTICIPA_RETURN_IF_ERROR(require_organization_role("verify groups", false));
    PARTICIPA_ASSIGN_OR_RETURN(const Group* group, existing_group(body.group));
    if (group->verified == body.verified) {
      return absl::FailedPreconditionError(str_cat("group '", group->nickname, "' is already ",
                                                   body.verified ? "verified" : "unverified"));
    }
    return body;
  }

  absl::StatusOr<Body> decide(ScopeAdded body) {
    PARTICIPA_RETURN_IF_ERROR(require_organization_role("add scopes", false));
    PARTICIPA_RETURN_IF_ERROR(check_text("the scope's name", body.name, kMaxName));
    if (!body.parent.is_nil() && !state_.scopes.contains(body.parent)) {
      return absl::NotFoundError(
          str_cat("parent scope '", body.parent.to_string(), "' does not exist"));
    }
    body.scope = assign(body.scope, rng_);
    if (state_.scopes.contains(body.scope)) {
      return absl::AlreadyExistsError(str_cat("scope '", body.scope.to_string(), "' exists"));
    }
    return body;
  }

  absl::StatusOr<Body> decide(SpaceCreated body) {
    PARTICIPA_RETURN_IF_ERROR(require_organization_role("create spaces", false));
    PARTICIPA_ASSIGN_OR_RETURN(SpaceKind kind, find_space_kind(body.kind));
    PARTICIPA_RETURN_IF_ERROR(check_handle("slug", body.slug));
    PARTICIPA_RETURN_IF_ERROR(check_text("the space's title", body.title, kMaxName));
    if (state_.slugs.contains(body.slug)) {
      return absl::AlreadyExistsError(str_cat("slug '", body.slug, "' is taken"));
    }
    if (!body.parent.is_nil()) {
      const Space* parent = state_.space(body.parent);
      if (parent == nullptr) {
        return absl::NotFoundError(
            str_cat("parent space '", body.parent.to_string(), "' does not exist"));
      }
      if (!kind.nests || parent->kind != body.kind) {
        return absl::FailedPreconditionError(str_cat("a ", body.kind, " cannot sit inside the ",
                                                     parent->kind, " '", parent->slug, "'"));
      }
    }
    if (!body.scope.is_nil() && !state_.scopes.contains(body.scope)) {
      return absl::NotFoundError(str_cat("scope '", body.scope.to_string(), "' does not exist"));
    }
    body.space = assign(body.space, rng_);
    if (state_.spaces.contains(body.space)) {
      return absl::AlreadyExistsError(str_cat("space '", body.space.to_string(), "' exists"));
    }
    return body;
  }

  absl::StatusOr<Body> decide(SpacePublished body) {
    PARTICIPA_ASSIGN_OR_RETURN(const Space* space, require_space_admin(body.space, "publish"));
    if (space->published == body.published) {
      return absl::FailedPreconditionError(str_cat("space '", space->slug, "' is already ",
                                                   body.published ? "published" : "unpublished"));
    }
    return body;
  }

  absl::StatusOr<Body> decide(PhaseAdded body) {
    PARTICIPA_ASSIGN_OR_RETURN(const Space* space, require_space_admin(body.space, "add phases"));
    PARTICIPA_ASSIGN_OR_RETURN(SpaceKind kind, find_space_kind(space->kind));
    if (!kind.has_phases) {
      return absl::FailedPreconditionError(
          str_cat("space '", space->slug, "' is a ", space->kind, ", which has no phases"));
    }
    PARTICIPA_RETURN_IF_ERROR(check_text("the phase's title", body.title, kMaxName));
    if (body.starts_at && body.ends_at && *body.ends_at <= *body.starts_at) {
      return absl::OutOfRangeError(str_cat("phase '", body.title, "' ends before it starts"));
    }
    if (!space->phases.empty() && body.starts_at && space->phases.back().ends_at &&
        *body.starts_at < *space->phases.back().ends_at) {
      return absl::OutOfRangeError(str_cat("phase '", body.title, "' starts before phase '",
                                           space->phases.back().title, "' ends"));
    }
    body.phase = assign(body.phase, rng_);
    for (const Phase& phase : space->phases) {
      if (phase.id == body.phase) {
        return absl::AlreadyExistsError(str_cat("phase '", body.phase.to_string(), "' exists"));
      }
    }
    return body;
  }

  absl::StatusOr<Body> decide(PhaseActivated body) {
    const Space* space = state_.space(body.space);
    if (space == nullptr) {
      return absl::NotFoundError(str_cat("space '", body.space.to_string(), "' does not exist"));
    }
    // Without an actor, a scheduler asks for the phase whose dates include now.
    if (actor_.participant.is_nil()) return activate_by_date(*space, body);
    PARTICIPA_RETURN_IF_ERROR(require_space_admin(body.space, "change the phase").status());
    if (body.phase.is_nil()) return activate_by_date(*space, body);
    auto phase = std::find_if(space->phases.begin(), space->phases.end(),
                              [&](const Phase& p) { return p.id == body.phase; });
    if (phase == space->phases.end()) {
      return absl::NotFoundError(
          str_cat("space '", space->slug, "' has no phase '", body.phase.to_string(), "'"));
    }
    if (space->active_phase == body.phase) {
      return absl::FailedPreconditionError(
          str_cat("phase '", phase->title, "' is already active in '", space->slug, "'"));
    }
    return body;
  }

  // activate_by_date — the phase whose dates include now (and, if the command names one, it).
  absl::StatusOr<Body> activate_by_date(const Space& space, PhaseActivated body) {
    for (const Phase& phase : space.phases) {
      bool started = !phase.starts_at || *phase.starts_at <= now_;
      bool ended = phase.ends_at && *phase.ends_at <= now_;
      if (started && !ended && (phase.starts_at || phase.ends_at)) {
        if (space.active_phase == phase.id) {
          return absl::FailedPreconditionError(
              str_cat("phase '", phase.title, "' is already active in '", space.slug, "'"));
        }
        if (!body.phase.is_nil() && body.phase != phase.id) break;
        body.phase = phase.id;
        return body;
      }
    }
    return absl::FailedPreconditionError(str_cat("no phase of '", space.slug, "' ",
                                                 body.phase.is_nil() ? "" : "named ", "includes ",
                                                 absl::FormatTime(now_)));
  }

  absl::StatusOr<Body> decide(SpaceRoleGranted body) {
    PARTICIPA_ASSIGN_OR_RETURN(const Space* space, require_space_admin(body.space, "grant roles"));
    PARTICIPA_ASSIGN_OR_RETURN(const Participant* who, existing_participant(body.participant));
    if (who->managed) {
      return absl::FailedPreconditionError(
          str_cat("participant '", who->nickname, "' is managed and cannot hold a role"));
    }
    auto held = space->roles.find(who->id);
    if (held != space->roles.end() && held->second == body.role) {
      return absl::AlreadyExistsError(str_cat("participant '", who->nickname, "' is already ",
                                              name_of(kSpaceRoleNames, body.role), " of '",
                                              space->slug, "'"));
    }
    return body;
  }

  absl::StatusOr<Body> decide(SpaceRoleRevoked body) {
    PARTICIPA_ASSIGN_OR_RETURN(const Space* space, require_space_admin(body.space, "revoke roles"));
    if (!space->roles.contains(body.participant)) {
      return absl::NotFoundError(str_cat("participant ", show(body.participant, state_),
                                         " holds no role in '", space->slug, "'"));
    }
    return body;
  }

  absl::StatusOr<Body> decide(MemberAdded body) {
    PARTICIPA_ASSIGN_OR_RETURN(const Space* space, require_space_admin(body.space, "add members"));
    PARTICIPA_ASSIGN_OR_RETURN(const Participant* who, existing_participant(body.participant));
    if (space->members.contains(who->id)) {
      return absl::AlreadyExistsError(
          str_cat("participant '", who->nickname, "' is already a member of '", space->slug, "'"));
    }
    if (body.position.empty()) body.position = "member";
    PARTICIPA_RETURN_IF_ERROR(check_text("the member's position", body.position, kMaxName));
    return body;
  }

  absl::StatusOr<Body> decide(MemberRemoved body) {
    PARTICIPA_ASSIGN_OR_RETURN(const Space* space,
                               require_space_admin(body.space, "remove members"));
    if (!space->members.contains(body.participant)) {
      return absl::NotFoundError(str_cat("participant ", show(body.participant, state_),
                                         " is not a member of '", space->slug, "'"));
    }
    return body;
  }

  absl::StatusOr<Body> decide(ComponentAdded body) {
    PARTICIPA_RETURN_IF_ERROR(require_space_admin(body.space, "add components").status());
    PARTICIPA_ASSIGN_OR_RETURN(const ComponentKind* kind, find_component_kind(body.kind));
    PARTICIPA_RETURN_IF_ERROR(check_text("the component's name", body.name, kMaxName));
    PARTICIPA_RETURN_IF_ERROR(
        check_settings(kind->settings(), body.settings, SettingScope::kGlobal));
    PARTICIPA_RETURN_IF_ERROR(kind->check_settings(body.settings));
    body.component = assign(body.component, rng_);
    if (state_.components.contains(body.component)) {
      return absl::AlreadyExistsError(
          str_cat("component '", body.component.to_string(), "' exists"));
    }
    return body;
  }

  absl::StatusOr<const Component*> administered_component(ComponentId id, std::string_view what) {
    const Component* component = state_.component(id);
    if (component == nullptr) {
      return absl::NotFoundError(str_cat("component '", id.to_string(), "' does not exist"));
    }
    PARTICIPA_RETURN_IF_ERROR(require_space_admin(component->space, what).status());
    return component;
  }

  absl::StatusOr<Body> decide(ComponentConfigured body) {
    PARTICIPA_ASSIGN_OR_RETURN(const Component* component,
                               administered_component(body.component, "configure components"));
    const Space& space = *state_.space(component->space);
    if (!body.phase.is_nil() && std::none_of(space.phases.begin(), space.phases.end(),
                                             [&](const Phase& p) { return p.id == body.phase; })) {
      return absl::NotFoundError(
          str_cat("space '", space.slug, "' has no phase '", body.phase.to_string(), "'"));
    }
    PARTICIPA_ASSIGN_OR_RETURN(const ComponentKind* kind, find_component_kind(component->kind));
    PARTICIPA_RETURN_IF_ERROR(
        check_settings(kind->settings(), body.settings, SettingScope::kPhase));
    PARTICIPA_RETURN_IF_ERROR(kind->check_settings(body.settings));
    return body;
  }

  absl::StatusOr<Body> decide(ComponentPublished body) {
    PARTICIPA_ASSIGN_OR_RETURN(const Component* component,
                               administered_component(body.component, "publish components"));
    if (component->published == body.published) {
      return absl::FailedPreconditionError(str_cat("component '", component->name, "' is already ",
                                                   body.published ? "published" : "unpublished"));
    }
    return body;
  }

  absl::StatusOr<Body> decide(PermissionSet body) {
    PARTICIPA_ASSIGN_OR_RETURN(const Component* component,
                               administered_component(body.component, "set permissions"));
    PARTICIPA_ASSIGN_OR_RETURN(const ComponentKind* kind, find_component_kind(component->kind));
    auto actions = kind->actions();
    if (std::find(actions.begin(), actions.end(), body.action) == actions.end()) {
      std::string known;
      for (std::string_view action : actions) str_append(&known, known.empty() ? "" : ", ", action);
      return absl::InvalidArgumentError(
          str_cat("'", body.action, "' is not an action of ", kind->name(), " (", known, ")"));
    }
    for (const Requirement& requirement : body.requirements) {
      PARTICIPA_RETURN_IF_ERROR(find_authorization_handler(requirement.handler).status());
    }
    return body;
  }

  // check_access — the layers every component action shares: the space's publication,
  // visibility and membership, then the component's publication.
  absl::Status check_access(const Participant& who, const Space& space,
                            const Component& component) {
    bool organization_admin = who.role == OrganizationRole::kAdmin;
    bool has_role = space.roles.contains(who.id);
    bool member = space.members.contains(who.id);
    if (!space.published && !organization_admin && !has_role) {
      return absl::FailedPreconditionError(str_cat("space '", space.slug, "' is not published"));
    }
    if (space.visibility != Visibility::kPublic && !organization_admin && !has_role && !member) {
      return absl::FailedPreconditionError(str_cat("space '", space.slug, "' is ",
                                                   name_of(kVisibilityNames, space.visibility),
                                                   ": only its members take part"));
    }
    if (!component.published && !organization_admin && !has_role) {
      return absl::FailedPreconditionError(
          str_cat("component '", component.name, "' is not published"));
    }
    return absl::OkStatus();
  }

  // check_visitor_access — a visitor takes part only in a public, published space's published
  // component.
  absl::Status check_visitor_access(const Space& space, const Component& component) {
    PARTICIPA_RETURN_IF_ERROR(check_channel());
    if (!space.published || space.visibility != Visibility::kPublic) {
      return absl::FailedPreconditionError(
          str_cat("space '", space.slug, "' is not open to visitors: it is ",
                  space.published ? name_of(kVisibilityNames, space.visibility) : "not published"));
    }
    if (!component.published) {
      return absl::FailedPreconditionError(
          str_cat("component '", component.name, "' is not published"));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<Body> decide(ComponentAction body) {
    const Component* component = state_.component(body.component);
    if (component == nullptr) {
      return absl::NotFoundError(
          str_cat("component '", body.component.to_string(), "' does not exist"));
    }
    const Space& space = *state_.space(component->space);
    PARTICIPA_ASSIGN_OR_RETURN(const ComponentKind* kind, find_component_kind(component->kind));
    Settings settings = current_settings(*kind, space, *component);
    if (actor_.participant.is_nil() && kind->open_to_visitors(body.payload, settings)) {
      PARTICIPA_RETURN_IF_ERROR(check_visitor_access(space, *component));
    } else {
      PARTICIPA_ASSIGN_OR_RETURN(const Participant* who, check_actor());
      PARTICIPA_RETURN_IF_ERROR(check_access(*who, space, *component));
    }
    ActionContext context{state_, space, *component, actor_, now_, settings, rng_, recorded_};
    PARTICIPA_ASSIGN_OR_RETURN(body.payload, kind->decide(context, component->state, body.payload));
    return body;
  }

  const Organization& state_;
  const Command& command_;
  const Actor& actor_;
  absl::Time now_;
  bool recorded_;
  Rng rng_;
};

absl::Status misfit(const Event& event, std::string_view why) {
  return absl::DataLossError(str_cat("event ", event.sequence, " (", body_name(event.body),
                                     ") does not fit the record: ", why));
}

class Evolver {
 public:
  Evolver(Organization& state, const Event& event) : state_(state), event_(event) {}

  absl::Status run() {
    if (event_.sequence != state_.sequence + 1) {
      return misfit(event_, str_cat("expected sequence ", state_.sequence + 1));
    }
    if (!state_.founded() && !std::holds_alternative<OrganizationFounded>(event_.body)) {
      return misfit(event_, "the record does not start with the organization's founding");
    }
    PARTICIPA_RETURN_IF_ERROR(
        std::visit([this](const auto& body) { return apply(body); }, event_.body));
    state_.sequence = event_.sequence;
    state_.time = event_.time;
    return absl::OkStatus();
  }

 private:
  absl::StatusOr<Participant*> participant(ParticipantId id) {
    auto it = state_.participants.find(id);
    if (it == state_.participants.end()) return misfit(event_, "unknown participant");
    return &it->second;
  }
  absl::StatusOr<Space*> space(SpaceId id) {
    auto it = state_.spaces.find(id);
    if (it == state_.spaces.end()) return misfit(event_, "unknown space");
    return &it->second;
  }
  absl::StatusOr<Component*> component(ComponentId id) {
    auto it = state_.components.find(id);
    if (it == state_.components.end()) return misfit(event_, "unknown component");
    return &it->second;
  }

  absl::Status add_participant(ParticipantId id, const std::string& nickname,
                               const std::string& name, bool managed) {
    if (id.is_nil() || state_.participants.contains(id) || state_.nickname_taken(nickname)) {
      return misfit(event_, "participant or nickname already registered");
    }
    Participant& who = state_.participants[id];
    who.id = id;
    who.nickname = nickname;
    who.display_name = name;
    who.managed = managed;
    who.registered_at = event_.time;
    state_.nicknames.emplace(nickname, id);
    return absl::OkStatus();
  }

  absl::Status apply(const OrganizationFounded& body) {
    if (state_.founded()) return misfit(event_, "the organization is already founded");
    state_.id = body.organization;
    state_.name = body.name;
    state_.seed = body.seed;
    PARTICIPA_RETURN_IF_ERROR(
        add_participant(body.founder, body.founder_nickname, body.founder_name, false));
    state_.participants[body.founder].role = OrganizationRole::kAdmin;
    return absl::OkStatus();
  }
  absl::Status apply(const ParticipantRegistered& body) {
    return add_participant(body.participant, body.nickname, body.display_name, body.managed);
  }
  absl::Status apply(const OrganizationRoleGranted& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Participant * who, participant(body.participant));
    who->role = body.role;
    return absl::OkStatus();
  }
  absl::Status apply(const AuthorizationGranted& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Participant * who, participant(body.participant));
    const Authorization& grant = body.authorization;
    std::pair<std::string, std::string> identity{grant.handler, grant.unique_id};
    auto holder = state_.identities.find(identity);
    if (holder != state_.identities.end() && holder->second != who->id) {
      return misfit(event_, "identity held by another participant");
    }
    if (auto old = who->authorizations.find(grant.handler); old != who->authorizations.end()) {
      state_.identities.erase({grant.handler, old->second.unique_id});
    }
    state_.identities[identity] = who->id;
    who->authorizations[grant.handler] = grant;
    return absl::OkStatus();
  }
  absl::Status apply(const AuthorizationRevoked& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Participant * who, participant(body.participant));
    auto held = who->authorizations.find(body.handler);
    if (held == who->authorizations.end()) return misfit(event_, "no such authorization");
    state_.identities.erase({body.handler, held->second.unique_id});
    who->authorizations.erase(held);
    return absl::OkStatus();
  }
  absl::StatusOr<Group*> group(GroupId id) {
    auto it = state_.groups.find(id);
    if (it == state_.groups.end()) return misfit(event_, "unknown group");
    return &it->second;
  }
  absl::Status apply(const GroupCreated& body) {
    if (body.group.is_nil() || state_.groups.contains(body.group) ||
        state_.nickname_taken(body.nickname)) {
      return misfit(event_, "group or nickname exists");
    }
    PARTICIPA_RETURN_IF_ERROR(participant(event_.actor.participant).status());
    Group& g = state_.groups[body.group];
    g.id = body.group;
    g.nickname = body.nickname;
    g.name = body.name;
    g.created_at = event_.time;
    g.members[event_.actor.participant] = GroupRole::kAdmin;
    state_.group_nicknames.emplace(body.nickname, body.group);
    return absl::OkStatus();
  }
  absl::Status apply(const GroupJoinRequested& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Group * g, group(body.group));
    PARTICIPA_RETURN_IF_ERROR(participant(event_.actor.participant).status());
    if (g->members.contains(event_.actor.participant)) return misfit(event_, "already a member");
    g->requests.insert(event_.actor.participant);
    return absl::OkStatus();
  }
  absl::Status apply(const GroupMemberAdmitted& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Group * g, group(body.group));
    if (g->requests.erase(body.participant) == 0 && !g->members.contains(body.participant)) {
      return misfit(event_, "admits a participant who did not ask to join");
    }
    g->members[body.participant] = body.role;
    return absl::OkStatus();
  }
  absl::Status apply(const GroupMemberRemoved& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Group * g, group(body.group));
    if (g->members.erase(body.participant) + g->requests.erase(body.participant) == 0) {
      return misfit(event_, "no such member or request");
    }
    return absl::OkStatus();
  }
  absl::Status apply(const GroupVerified& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Group * g, group(body.group));
    g->verified = body.verified;
    return absl::OkStatus();
  }
  absl::Status apply(const ScopeAdded& body) {
    if (body.scope.is_nil() || state_.scopes.contains(body.scope) ||
        (!body.parent.is_nil() && !state_.scopes.contains(body.parent))) {
      return misfit(event_, "scope exists or its parent does not");
    }
    state_.scopes[body.scope] = Scope{body.scope, body.name, body.parent};
    return absl::OkStatus();
  }
  absl::Status apply(const SpaceCreated& body) {
    if (body.space.is_nil() || state_.spaces.contains(body.space) ||
        state_.slugs.contains(body.slug) ||
        (!body.parent.is_nil() && !state_.spaces.contains(body.parent))) {
      return misfit(event_, "space or slug exists, or its parent does not");
    }
    Space& space = state_.spaces[body.space];
    space.id = body.space;
    space.kind = body.kind;
    space.slug = body.slug;
    space.title = body.title;
    space.visibility = body.visibility;
    space.parent = body.parent;
    space.scope = body.scope;
    state_.slugs.emplace(body.slug, body.space);
    return absl::OkStatus();
  }
  absl::Status apply(const SpacePublished& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Space * s, space(body.space));
    s->published = body.published;
    return absl::OkStatus();
  }
  absl::Status apply(const PhaseAdded& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Space * s, space(body.space));
    s->phases.push_back(Phase{body.phase, body.title, body.starts_at, body.ends_at});
    return absl::OkStatus();
  }
  absl::Status apply(const PhaseActivated& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Space * s, space(body.space));
    if (std::none_of(s->phases.begin(), s->phases.end(),
                     [&](const Phase& p) { return p.id == body.phase; })) {
      return misfit(event_, "unknown phase");
    }
    s->active_phase = body.phase;
    return absl::OkStatus();
  }
  absl::Status apply(const SpaceRoleGranted& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Space * s, space(body.space));
    PARTICIPA_RETURN_IF_ERROR(participant(body.participant).status());
    s->roles[body.participant] = body.role;
    return absl::OkStatus();
  }
  absl::Status apply(const SpaceRoleRevoked& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Space * s, space(body.space));
    if (s->roles.erase(body.participant) == 0) return misfit(event_, "no such role");
    return absl::OkStatus();
  }
  absl::Status apply(const MemberAdded& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Space * s, space(body.space));
    PARTICIPA_RETURN_IF_ERROR(participant(body.participant).status());
    s->members[body.participant] = body.position;
    return absl::OkStatus();
  }
  absl::Status apply(const MemberRemoved& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Space * s, space(body.space));
    if (s->members.erase(body.participant) == 0) return misfit(event_, "no such member");
    return absl::OkStatus();
  }
  absl::Status apply(const ComponentAdded& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Space * s, space(body.space));
    absl::StatusOr<const ComponentKind*> kind = find_component_kind(body.kind);
    if (!kind.ok()) return misfit(event_, std::string(kind.status().message()));
    if (body.component.is_nil() || state_.components.contains(body.component)) {
      return misfit(event_, "component exists");
    }
    Component& c = state_.components[body.component];
    c.id = body.component;
    c.space = body.space;
    c.kind = body.kind;
    c.name = body.name;
    c.settings = body.settings;
    c.state = (*kind)->initial_state();
    s->components.push_back(body.component);
    return absl::OkStatus();
  }
  absl::Status apply(const ComponentConfigured& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Component * c, component(body.component));
    Settings& values = c->phase_values[body.phase];
    for (const auto& [name, value] : body.settings) values[name] = value;
    return absl::OkStatus();
  }
  absl::Status apply(const ComponentPublished& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Component * c, component(body.component));
    c->published = body.published;
    return absl::OkStatus();
  }
  absl::Status apply(const PermissionSet& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Component * c, component(body.component));
    if (body.requirements.empty()) {
      c->permissions.erase(body.action);
    } else {
      c->permissions[body.action] = body.requirements;
    }
    return absl::OkStatus();
  }
  absl::Status apply(const ComponentAction& body) {
    PARTICIPA_ASSIGN_OR_RETURN(Component * c, component(body.component));
    absl::StatusOr<const ComponentKind*> kind = find_component_kind(c->kind);
    if (!kind.ok()) return misfit(event_, std::string(kind.status().message()));
    EventContext context{state_, *c, event_};
    absl::Status applied = (*kind)->evolve(c->state, context, body.payload);
    if (!applied.ok()) return misfit(event_, std::string(applied.message()));
    return absl::OkStatus();
  }

  Organization& state_;
  const Event& event_;
};

}  // namespace

std::string body_name(const Body& body) {
  return std::visit(
      Overloaded{
          [](const OrganizationFounded&) -> std::string { return "organization-founded"; },
          [](const ParticipantRegistered&) -> std::string { return "participant-registered"; },
          [](const OrganizationRoleGranted&) -> std::string { return "organization-role-granted"; },
          [](const AuthorizationGranted&) -> std::string { return "authorization-granted"; },
          [](const AuthorizationRevoked&) -> std::string { return "authorization-revoked"; },
          [](const ScopeAdded&) -> std::string { return "scope-added"; },
          [](const SpaceCreated&) -> std::string { return "space-created"; },
          [](const SpacePublished&) -> std::string { return "space-published"; },
          [](const PhaseAdded&) -> std::string { return "phase-added"; },
          [](const PhaseActivated&) -> std::string { return "phase-activated"; },
          [](const SpaceRoleGranted&) -> std::string { return "space-role-granted"; },
          [](const SpaceRoleRevoked&) -> std::string { return "space-role-revoked"; },
          [](const MemberAdded&) -> std::string { return "member-added"; },
          [](const MemberRemoved&) -> std::string { return "member-removed"; },
          [](const ComponentAdded&) -> std::string { return "component-added"; },
          [](const ComponentConfigured&) -> std::string { return "component-configured"; },
          [](const ComponentPublished&) -> std::string { return "component-published"; },
          [](const PermissionSet&) -> std::string { return "permission-set"; },
          [](const ComponentAction&) -> std::string { return "component-action"; },
          [](const GroupCreated&) -> std::string { return "group-created"; },
          [](const GroupJoinRequested&) -> std::string { return "group-join-requested"; },
          [](const GroupMemberAdmitted&) -> std::string { return "group-member-admitted"; },
          [](const GroupMemberRemoved&) -> std::string { return "group-member-removed"; },
          [](const GroupVerified&) -> std::string { return "group-verified"; },
      },
      body);
}

absl::StatusOr<Event> decide(const Organization& state, const Command& command, absl::Time now,
                             bool recorded) {
  Decider decider(state, command, now, recorded);
  PARTICIPA_ASSIGN_OR_RETURN(Body body, decider.run());
  Event event;
  event.sequence = state.sequence + 1;
  event.time = now;
  event.actor = command.actor;
  if (std::holds_alternative<OrganizationFounded>(body)) {
    event.actor.participant = std::get<OrganizationFounded>(body).founder;
  }
  event.idempotency_key = command.idempotency_key;
  event.body = std::move(body);
  return event;
}

absl::Status evolve(Organization& state, const Event& event) { return Evolver(state, event).run(); }

}  // namespace participa::space
