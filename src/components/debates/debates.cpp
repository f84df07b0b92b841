#include "participa/components/debates/debates.hpp"

#include <mutex>
#include <vector>

#include "participa/core/overloaded.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"
#include "participa/space/component_kind.hpp"

namespace participa::components::debates {
namespace {

using space::ActionContext;
using space::EventContext;
using space::SettingScope;
using space::SettingSpec;

constexpr std::size_t kMaxTitle = 150;
constexpr std::size_t kMaxText = 20000;
constexpr std::size_t kMaxComment = 5000;
constexpr std::size_t kMaxComments = 100000;
constexpr std::array<std::string_view, 2> kActions = {"create", "comment"};

const std::vector<SettingSpec>& specs() {
  static const auto* all = new std::vector<SettingSpec>{
      {"creation_enabled", false, SettingScope::kPhase, 0},
  };
  return *all;
}

std::string_view event_name(const Payload& payload) {
  return std::visit(Overloaded{
                        [](const DebateOpened&) { return "debate-opened"; },
                        [](const DebateCommented&) { return "debate-commented"; },
                        [](const DebateClosed&) { return "debate-closed"; },
                    },
                    payload);
}

class Decider {
 public:
  Decider(const ActionContext& context, const State& state) : context_(context), state_(state) {}

  absl::StatusOr<Payload> operator()(DebateOpened p) {
    if (context_.is_visitor()) {
      return absl::FailedPreconditionError("a debate is opened by a participant");
    }
    const bool official = context_.is_admin();
    if (context_.recorded ? p.official != official : p.official) {
      return absl::InvalidArgumentError("whether a debate is official is decided, not given");
    }
    if (!official) {
      if (!space::setting_bool(context_.settings, "creation_enabled")) {
        return absl::FailedPreconditionError("participants may not open debates now");
      }
      PARTICIPA_RETURN_IF_ERROR(context_.authorize("create"));
    }
    PARTICIPA_RETURN_IF_ERROR(check_text("the debate's title", p.title, kMaxTitle));
    PARTICIPA_RETURN_IF_ERROR(check_text("the debate's description", p.description, kMaxText));
    if (p.starts_at.has_value() != p.ends_at.has_value()) {
      return absl::InvalidArgumentError("a debate's window has a start and an end, or neither");
    }
    if (p.starts_at && *p.ends_at <= *p.starts_at) {
      return absl::InvalidArgumentError("a debate's window ends after it starts");
    }
    p.official = official;
    p.debate = p.debate.is_nil() ? DebateId::random(context_.rng) : p.debate;
    if (state_.debates.contains(p.debate)) {
      return absl::AlreadyExistsError(str_cat("debate '", p.debate.to_string(), "' exists"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(DebateCommented p) {
    if (context_.is_visitor()) {
      return absl::FailedPreconditionError("a comment is a participant's");
    }
    PARTICIPA_ASSIGN_OR_RETURN(const Debate* debate, find(p.debate));
    if (debate->conclusions) {
      return absl::FailedPreconditionError(
          str_cat("debate '", debate->opened.title, "' is closed"));
    }
    if (debate->opened.starts_at &&
        (context_.now < *debate->opened.starts_at || context_.now > *debate->opened.ends_at)) {
      return absl::FailedPreconditionError(str_cat(
          "debate '", debate->opened.title, "' takes comments from ",
          absl::FormatTime(absl::RFC3339_sec, *debate->opened.starts_at, absl::UTCTimeZone()),
          " to ",
          absl::FormatTime(absl::RFC3339_sec, *debate->opened.ends_at, absl::UTCTimeZone())));
    }
    PARTICIPA_RETURN_IF_ERROR(check_text("the comment", p.body, kMaxComment));
    if (debate->comments.size() >= kMaxComments) {
      return absl::OutOfRangeError(str_cat("a debate takes at most ", kMaxComments, " comments"));
    }
    PARTICIPA_RETURN_IF_ERROR(context_.authorize("comment"));
    p.comment = p.comment.is_nil() ? DebateCommentId::random(context_.rng) : p.comment;
    for (const Comment& comment : debate->comments) {
      if (comment.id == p.comment) {
        return absl::AlreadyExistsError(str_cat("comment '", p.comment.to_string(), "' exists"));
      }
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(DebateClosed p) {
    if (context_.is_visitor()) {
      return absl::FailedPreconditionError("a debate is closed by its author or an admin");
    }
    PARTICIPA_ASSIGN_OR_RETURN(const Debate* debate, find(p.debate));
    const bool admin = context_.is_admin();
    const bool author = !debate->opened.official && debate->author == context_.actor.participant;
    if (!admin && !author) {
      return absl::PermissionDeniedError(
          "a debate is closed by the participant who opened it or by an admin");
    }
    if (debate->conclusions && !admin) {
      return absl::FailedPreconditionError(
          "the debate is closed; only an admin amends its conclusions");
    }
    PARTICIPA_RETURN_IF_ERROR(check_text("the conclusions", p.conclusions, kMaxText));
    return p;
  }

 private:
  absl::StatusOr<const Debate*> find(DebateId id) const {
    auto found = state_.debates.find(id);
    if (found == state_.debates.end()) {
      return absl::NotFoundError(str_cat("debate '", id.to_string(), "' does not exist"));
    }
    return &found->second;
  }

  const ActionContext& context_;
  const State& state_;
};

class Evolver {
 public:
  Evolver(State& state, const EventContext& context) : state_(state), context_(context) {}

  absl::Status operator()(const DebateOpened& p) {
    if (p.debate.is_nil() || state_.debates.contains(p.debate)) {
      return absl::DataLossError("the debate exists");
    }
    state_.debates.emplace(p.debate,
                           Debate{.opened = p, .author = context_.event.actor.participant});
    state_.added.push_back(p.debate);
    return absl::OkStatus();
  }
  absl::Status operator()(const DebateCommented& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Debate * debate, find(p.debate));
    if (p.comment.is_nil()) return absl::DataLossError("the comment has no id");
    debate->comments.push_back(
        {p.comment, context_.event.actor.participant, p.body, context_.event.time});
    return absl::OkStatus();
  }
  absl::Status operator()(const DebateClosed& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Debate * debate, find(p.debate));
    debate->conclusions = p.conclusions;
    debate->closed_at = context_.event.time;
    return absl::OkStatus();
  }

 private:
  absl::StatusOr<Debate*> find(DebateId id) {
    auto found = state_.debates.find(id);
    if (found == state_.debates.end()) {
      return absl::DataLossError(str_cat("debate '", id.to_string(), "' does not exist"));
    }
    return &found->second;
  }

  State& state_;
  const EventContext& context_;
};

class Kind final : public space::TypedKind<Payload, State> {
 public:
  std::string_view name() const override { return kKind; }
  std::span<const SettingSpec> settings() const override { return specs(); }
  std::span<const std::string_view> actions() const override { return kActions; }
  std::string_view name_of_payload(const Payload& payload) const override {
    return event_name(payload);
  }
  absl::StatusOr<Payload> decide_payload(const ActionContext& context, const State& state,
                                         const Payload& payload) const override {
    return std::visit(Decider(context, state), payload);
  }
  absl::Status evolve_payload(State& state, const EventContext& context,
                              const Payload& payload) const override {
    return std::visit(Evolver(state, context), payload);
  }
};

}  // namespace

void register_kind() {
  static std::once_flag once;
  std::call_once(once, [] {
    absl::Status registered = space::register_component_kind(std::make_shared<Kind>());
    PARTICIPA_DCHECK(registered.ok());
    (void)registered;
  });
}

absl::StatusOr<const State*> state_of(const space::Organization& organization,
                                      ComponentId component) {
  return space::state_as<State>(organization, component, kKind);
}

}  // namespace participa::components::debates
