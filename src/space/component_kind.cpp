#include "participa/space/component_kind.hpp"

#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>

#include "absl/strings/str_join.h"
#include "participa/core/names.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"

namespace participa::space {
namespace {

struct Kinds {
  std::shared_mutex mutex;
  std::map<std::string, std::shared_ptr<const ComponentKind>, std::less<>> kinds;
};

Kinds& kinds() {
  static Kinds* instance = new Kinds();
  return *instance;
}

}  // namespace

absl::Status register_component_kind(std::shared_ptr<const ComponentKind> kind) {
  if (kind == nullptr || kind->name().empty()) {
    return absl::InvalidArgumentError("a component kind needs a name");
  }
  Kinds& registry = kinds();
  std::unique_lock lock(registry.mutex);
  std::string name(kind->name());
  if (registry.kinds.contains(name)) {
    return absl::AlreadyExistsError(str_cat("component kind '", name, "' is already registered"));
  }
  registry.kinds.emplace(std::move(name), std::move(kind));
  return absl::OkStatus();
}

absl::StatusOr<const ComponentKind*> find_component_kind(std::string_view name) {
  Kinds& registry = kinds();
  std::shared_lock lock(registry.mutex);
  if (auto it = registry.kinds.find(name); it != registry.kinds.end()) return it->second.get();
  std::vector<std::string> names;
  for (const auto& [known, kind] : registry.kinds) names.push_back(known);
  return absl::NotFoundError(str_cat("component kind '", name, "' is not registered (",
                                     names.empty() ? "none" : absl::StrJoin(names, ", "), ")"));
}

absl::StatusOr<Reader> reader_of(const Organization& organization, const Space& space,
                                 const Component& component, ParticipantId id) {
  Reader reader;
  const Participant* who = organization.participant(id);
  const bool admin = who != nullptr && who->role == OrganizationRole::kAdmin;
  auto role = space.roles.find(id);
  reader.privileged = admin || role != space.roles.end();
  reader.moderates =
      admin || (role != space.roles.end() &&
                (role->second == SpaceRole::kAdmin || role->second == SpaceRole::kModerator));
  if (reader.privileged) return reader;
  if (!space.published) {
    return absl::FailedPreconditionError(str_cat("space '", space.slug, "' is not published"));
  }
  if (space.visibility == Visibility::kPrivate && !space.members.contains(id)) {
    return absl::FailedPreconditionError(
        str_cat("space '", space.slug, "' is private: only its members see it"));
  }
  if (!component.published) {
    return absl::FailedPreconditionError(
        str_cat("component '", component.name, "' is not published"));
  }
  return reader;
}

Settings current_settings(const ComponentKind& kind, const Space& space,
                          const Component& component) {
  static const Settings kNone;
  auto phase = component.phase_values.find(space.active_phase);
  return resolve_settings(kind.settings(), component.settings,
                          phase == component.phase_values.end() ? kNone : phase->second);
}

absl::StatusOr<const Authorization*> ActionContext::valid_authorization(
    std::string_view handler) const {
  const Participant* who = organization.participant(actor.participant);
  const Authorization* authorization = nullptr;
  if (who != nullptr) {
    auto held = who->authorizations.find(handler);
    if (held != who->authorizations.end()) authorization = &held->second;
  }
  Verdict verdict = check_requirement(Requirement{std::string(handler), {}}, authorization,
                                      OptionContext{now, {}});
  if (verdict.status != AuthorizationStatus::kOk) {
    return absl::FailedPreconditionError(str_cat("no valid '", handler, "' authorization: ",
                                                 name_of(kAuthorizationStatusNames, verdict.status),
                                                 " (", verdict.reason, ")"));
  }
  return authorization;
}

absl::Status ActionContext::check_officers(const std::vector<ParticipantId>& officers) const {
  constexpr std::size_t kMaxOfficers = 100;
  if (officers.empty() || officers.size() > kMaxOfficers) {
    return absl::InvalidArgumentError(
        str_cat("a station has 1 to ", kMaxOfficers, " officers, not ", officers.size()));
  }
  std::set<ParticipantId> seen;
  for (ParticipantId officer : officers) {
    const Participant* who = organization.participant(officer);
    if (who == nullptr) {
      return absl::NotFoundError(str_cat("officer '", officer.to_string(), "' does not exist"));
    }
    if (who->role != OrganizationRole::kAdmin && who->role != OrganizationRole::kUserManager) {
      return absl::FailedPreconditionError(str_cat(
          "participant '", who->nickname, "' is not a user manager and cannot be an officer"));
    }
    if (!seen.insert(officer).second) {
      return absl::InvalidArgumentError(str_cat("officer '", who->nickname, "' is listed twice"));
    }
  }
  return absl::OkStatus();
}

const SpaceRole* ActionContext::role() const {
  auto it = space.roles.find(actor.participant);
  return it == space.roles.end() ? nullptr : &it->second;
}

bool ActionContext::is_admin() const {
  return organization.administers(actor.participant, space.id);
}

absl::Status ActionContext::authorize(std::string_view action) const {
  auto it = component.permissions.find(action);
  if (it == component.permissions.end()) return absl::OkStatus();
  for (const Requirement& requirement : it->second) {
    PARTICIPA_RETURN_IF_ERROR(meets(requirement, action));
  }
  return absl::OkStatus();
}

absl::Status ActionContext::meets(const Requirement& requirement, std::string_view what) const {
  const Participant* who = organization.participant(actor.participant);
  const Authorization* held = nullptr;
  if (who != nullptr) {
    auto found = who->authorizations.find(requirement.handler);
    if (found != who->authorizations.end()) held = &found->second;
  }
  OptionContext options{now, [this](std::string_view scope, std::string_view ancestor) {
                          absl::StatusOr<ScopeId> a = ScopeId::parse(scope);
                          absl::StatusOr<ScopeId> b = ScopeId::parse(ancestor);
                          return a.ok() && b.ok() && organization.within_scope(*a, *b);
                        }};
  Verdict verdict = check_requirement(requirement, held, options);
  if (verdict.status != AuthorizationStatus::kOk) {
    return absl::FailedPreconditionError(
        str_cat("'", what, "' needs the '", requirement.handler, "' authorization: ",
                name_of(kAuthorizationStatusNames, verdict.status), " (", verdict.reason, ")"));
  }
  return absl::OkStatus();
}

}  // namespace participa::space
