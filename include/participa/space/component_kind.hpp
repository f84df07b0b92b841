// participa/space/component_kind.hpp — how a kind of component plugs into a space.
//
// A component kind (proposals, budgets, a platform's own) is a value type for its state plus
// `decide` and `evolve` for its commands and events, registered by name. The space layer
// does the checks every action shares — participant, channel, space visibility and
// membership, component published — and hands the kind an `ActionContext`; the kind checks
// its phase settings and resource rules, then calls `context.authorize(action)` for the
// authorizations the component requires.
//
// A kind may open an action to visitors (an actor with no participant, such as someone answering
// a survey that allows unregistered answers): the space layer then asks for a public, published
// space and a published component, and the kind identifies the visitor from the payload.
//
// Payloads are the kind's own types carried in `std::any`; a kind refuses a payload of a
// type it does not know with InvalidArgument. The registry is safe to read from many
// threads; register at start-up.
#pragma once

#include <any>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "participa/core/rng.hpp"
#include "participa/core/strings.hpp"
#include "participa/space/organization.hpp"
#include "participa/space/record.hpp"
#include "participa/space/settings.hpp"

namespace participa::space {

// ActionContext — what a component's decide may read.
struct ActionContext {
  const Organization& organization;
  const Space& space;
  const Component& component;
  const Actor& actor;
  absl::Time now;
  // settings — resolved for the active phase.
  const Settings& settings;
  // rng — for the ids this action assigns.
  Rng& rng;
  // recorded — the action is an event of the record decided again (space::decide): what the
  // kind filled in when it was new comes back, and is taken when it is right. False for every
  // new command, which may not bring such values.
  bool recorded = false;

  // authorize(action) — the component's requirements for `action` against the actor's
  // authorizations: FailedPrecondition naming the handler and the verdict when not ok.
  absl::Status authorize(std::string_view action) const;
  // meets(requirement, what) — one requirement against the actor's authorization, as authorize
  // checks each; FailedPrecondition naming `what`, the handler and the verdict. For rules a kind
  // adds of its own (a budget open only to one scope's residents).
  absl::Status meets(const Requirement& requirement, std::string_view what) const;
  // valid_authorization(handler) — the actor's authorization from `handler` when it holds now
  // (granted, not expired); FailedPrecondition naming the handler and the verdict otherwise.
  // For a kind that counts people by an authorization's unique id (one per person, whatever
  // the account).
  absl::StatusOr<const Authorization*> valid_authorization(std::string_view handler) const;
  // check_officers(officers) — the officers of a polling station: 1 to 100 distinct
  // participants, each an admin or a user manager of the organization (who alone record actions
  // for others). NotFound, InvalidArgument or FailedPrecondition naming the one that is not.
  absl::Status check_officers(const std::vector<ParticipantId>& officers) const;
  // role — the actor's role in the space, if any.
  const SpaceRole* role() const;
  // is_visitor — the actor is no participant (see ComponentKind::open_to_visitors).
  bool is_visitor() const { return actor.participant.is_nil(); }
  // is_admin — an organization admin, or the space's admin.
  bool is_admin() const;
};

// EventContext — what a component's evolve may read.
struct EventContext {
  const Organization& organization;
  const Component& component;
  const Event& event;
};

class ComponentKind {
 public:
  virtual ~ComponentKind() = default;
  virtual std::string_view name() const = 0;
  virtual std::span<const SettingSpec> settings() const = 0;
  // actions — the names permissions may be set for.
  virtual std::span<const std::string_view> actions() const = 0;
  virtual std::any initial_state() const = 0;
  // payload_name — the event's name, "proposal-drafted", ...
  virtual std::string payload_name(const std::any& payload) const = 0;
  // done_for_group — whether a participant may take this action for a group they belong to
  // (writing, not supporting: a vote stays personal). The space layer refuses the others.
  virtual bool done_for_group(const std::any& /*payload*/) const { return false; }
  // open_to_visitors — whether an actor with no participant may take this action under the
  // settings that hold now. The online channel needs no one else; the in-person and mediated
  // channels need the officer or mediator who records it, as for participants.
  virtual bool open_to_visitors(const std::any& /*payload*/, const Settings& /*settings*/) const {
    return false;
  }
  // check_settings — what the declared types cannot say (a text that must be a time, two
  // settings that exclude each other), checked when an admin sets `values`; InvalidArgument.
  virtual absl::Status check_settings(const Settings& /*values*/) const { return absl::OkStatus(); }
  virtual absl::StatusOr<std::any> decide(const ActionContext& context, const std::any& state,
                                          const std::any& payload) const = 0;
  virtual absl::Status evolve(std::any& state, const EventContext& context,
                              const std::any& payload) const = 0;
};

// TypedKind<Payload, State> — a kind whose payloads are one std::variant and whose state is one
// value type. It does the casts — a payload of another type is InvalidArgument in a command and
// DataLoss in an event — and the kind writes decide and evolve on its own types.
template <class Payload, class State>
class TypedKind : public ComponentKind {
 public:
  std::any initial_state() const override { return State{}; }
  std::string payload_name(const std::any& payload) const override {
    const Payload* p = typed(payload);
    return p == nullptr ? "unknown" : std::string(name_of_payload(*p));
  }
  absl::StatusOr<std::any> decide(const ActionContext& context, const std::any& state,
                                  const std::any& payload) const final {
    const Payload* p = typed(payload);
    if (p == nullptr) {
      return absl::InvalidArgumentError(str_cat("the payload is not a ", name(), " payload"));
    }
    absl::StatusOr<Payload> decided =
        decide_payload(context, std::any_cast<const State&>(state), *p);
    if (!decided.ok()) return decided.status();
    return std::any(*std::move(decided));
  }
  absl::Status evolve(std::any& state, const EventContext& context,
                      const std::any& payload) const final {
    const Payload* p = typed(payload);
    if (p == nullptr) {
      return absl::DataLossError(str_cat("the payload is not a ", name(), " payload"));
    }
    return evolve_payload(std::any_cast<State&>(state), context, *p);
  }

 protected:
  static const Payload* typed(const std::any& payload) { return std::any_cast<Payload>(&payload); }
  virtual std::string_view name_of_payload(const Payload& payload) const = 0;
  virtual absl::StatusOr<Payload> decide_payload(const ActionContext& context, const State& state,
                                                 const Payload& payload) const = 0;
  virtual absl::Status evolve_payload(State& state, const EventContext& context,
                                      const Payload& payload) const = 0;
};

// current_settings — the component's settings as they hold now: the kind's defaults, then the
// global values, then the values of the space's active phase (of the nil phase when the space
// has none active).
Settings current_settings(const ComponentKind& kind, const Space& space,
                          const Component& component);

// Reader — what a reader of a component is allowed beyond the public: `privileged` (an
// organization admin or anyone with a role in the space) sees unpublished spaces and
// components and hidden counts; `moderates` (an organization admin, the space's admin or a
// moderator) also sees hidden content.
struct Reader {
  bool privileged = false;
  bool moderates = false;
};
// reader_of — the reader `id` (nil for a visitor) of a component, or FailedPrecondition when
// they may not read it: the space or the component unpublished, or the space private and the
// reader not a member. Every query of every kind starts here, as every action starts with the
// space layer's checks.
absl::StatusOr<Reader> reader_of(const Organization& organization, const Space& space,
                                 const Component& component, ParticipantId id);

// state_as<State>(organization, component, kind) — a component's state as its kind's type:
// NotFound when the component does not exist, InvalidArgument when it is of another kind. Each
// kind's `state_of` is this with its own type and name.
template <class State>
absl::StatusOr<const State*> state_as(const Organization& organization, ComponentId component,
                                      std::string_view kind) {
  const Component* found = organization.component(component);
  if (found == nullptr) {
    return absl::NotFoundError(str_cat("component '", component.to_string(), "' does not exist"));
  }
  const auto* state = std::any_cast<State>(&found->state);
  if (state == nullptr) {
    return absl::InvalidArgumentError(
        str_cat("component '", found->name, "' is a ", found->kind, ", not ", kind));
  }
  return state;
}

// register_component_kind — AlreadyExists when the name is taken.
absl::Status register_component_kind(std::shared_ptr<const ComponentKind> kind);
// find_component_kind — NotFound listing the registered kinds.
absl::StatusOr<const ComponentKind*> find_component_kind(std::string_view name);

}  // namespace participa::space
