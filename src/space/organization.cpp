#include "participa/space/organization.hpp"

#include <mutex>
#include <shared_mutex>

#include "absl/strings/str_join.h"
#include "participa/core/strings.hpp"

namespace participa::space {
namespace {

struct SpaceKinds {
  std::shared_mutex mutex;
  std::map<std::string, SpaceKind, std::less<>> kinds = {
      {"process", SpaceKind{"process", /*has_phases=*/true, /*nests=*/false}},
      {"assembly", SpaceKind{"assembly", /*has_phases=*/false, /*nests=*/true}},
  };
};

SpaceKinds& space_kinds() {
  static SpaceKinds* instance = new SpaceKinds();
  return *instance;
}

}  // namespace

absl::Status register_space_kind(SpaceKind kind) {
  if (kind.name.empty()) return absl::InvalidArgumentError("a space kind needs a name");
  SpaceKinds& registry = space_kinds();
  std::unique_lock lock(registry.mutex);
  if (registry.kinds.contains(kind.name)) {
    return absl::AlreadyExistsError(str_cat("space kind '", kind.name, "' is already registered"));
  }
  std::string name = kind.name;
  registry.kinds.emplace(std::move(name), std::move(kind));
  return absl::OkStatus();
}

absl::StatusOr<SpaceKind> find_space_kind(std::string_view name) {
  SpaceKinds& registry = space_kinds();
  std::shared_lock lock(registry.mutex);
  if (auto it = registry.kinds.find(name); it != registry.kinds.end()) return it->second;
  std::vector<std::string> names;
  for (const auto& [known, kind] : registry.kinds) names.push_back(known);
  return absl::NotFoundError(
      str_cat("space kind '", name, "' is not registered (", absl::StrJoin(names, ", "), ")"));
}

const Participant* Organization::participant(ParticipantId who) const {
  auto it = participants.find(who);
  return it == participants.end() ? nullptr : &it->second;
}

const Group* Organization::group(GroupId which) const {
  auto it = groups.find(which);
  return it == groups.end() ? nullptr : &it->second;
}

bool Organization::nickname_taken(std::string_view nickname) const {
  return nicknames.contains(nickname) || group_nicknames.contains(nickname);
}

const Space* Organization::space(SpaceId which) const {
  auto it = spaces.find(which);
  return it == spaces.end() ? nullptr : &it->second;
}

bool Organization::administers(ParticipantId who, SpaceId which) const {
  const Participant* found = participant(who);
  if (found != nullptr && found->role == OrganizationRole::kAdmin) return true;
  const Space* held = space(which);
  if (held == nullptr) return false;
  auto role = held->roles.find(who);
  return role != held->roles.end() && role->second == SpaceRole::kAdmin;
}

const Component* Organization::component(ComponentId which) const {
  auto it = components.find(which);
  return it == components.end() ? nullptr : &it->second;
}

bool Organization::within_scope(ScopeId scope, ScopeId ancestor) const {
  // Scopes form a tree (evolve refuses a parent that does not exist yet), so the walk ends.
  for (ScopeId at = scope; !at.is_nil();) {
    if (at == ancestor) return true;
    auto it = scopes.find(at);
    if (it == scopes.end()) return false;
    at = it->second.parent;
  }
  return false;
}

const Phase* Organization::active_phase(const Space& space) const {
  if (space.active_phase.is_nil()) return nullptr;
  for (const Phase& phase : space.phases) {
    if (phase.id == space.active_phase) return &phase;
  }
  return nullptr;
}

}  // namespace participa::space
