#include "participa/components/accountability/accountability.hpp"

#include <algorithm>
#include <mutex>
#include <set>

#include "participa/components/proposals/proposals.hpp"
#include "participa/core/overloaded.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"
#include "participa/space/component_kind.hpp"

namespace participa::components::accountability {
namespace {

namespace bu = participa::components::budgets;
using space::ActionContext;
using space::EventContext;
using space::SettingSpec;

constexpr std::size_t kMaxKey = 50;
constexpr std::size_t kMaxTitle = 150;
constexpr std::size_t kMaxText = 20000;
constexpr std::size_t kMaxStatuses = 100;
constexpr std::size_t kMaxMilestones = 1000;
constexpr std::size_t kMaxLinkedProposals = 1000;
constexpr std::uint32_t kMaxWeight = 100 * kUnitWeight;

std::string_view event_name(const Payload& payload) {
  return std::visit(Overloaded{
                        [](const ExecutionStatusAdded&) { return "status-added"; },
                        [](const CommitmentAdded&) { return "commitment-added"; },
                        [](const CommitmentProgressed&) { return "commitment-progressed"; },
                        [](const MilestoneAdded&) { return "milestone-added"; },
                        [](const CommitmentsImported&) { return "commitments-imported"; },
                    },
                    payload);
}

absl::Status check_progress(std::optional<std::uint32_t> progress) {
  if (progress && *progress > kFullProgress) {
    return absl::InvalidArgumentError(
        str_cat("a progress is 0 to ", kFullProgress, " hundredths of a percent, not ", *progress));
  }
  return absl::OkStatus();
}

class Decider {
 public:
  Decider(const ActionContext& context, const State& state) : context_(context), state_(state) {}

  absl::StatusOr<Payload> operator()(ExecutionStatusAdded p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("add statuses"));
    PARTICIPA_RETURN_IF_ERROR(check_text("the status's key", p.key, kMaxKey));
    if (p.key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") != std::string::npos) {
      return absl::InvalidArgumentError(
          str_cat("a status's key is lower-case letters, digits, '-' and '_', not '", p.key, "'"));
    }
    PARTICIPA_RETURN_IF_ERROR(check_text("the status's name", p.name, kMaxTitle));
    PARTICIPA_RETURN_IF_ERROR(check_progress(p.progress));
    if (state_.statuses.contains(p.key)) {
      return absl::AlreadyExistsError(str_cat("status '", p.key, "' exists"));
    }
    if (state_.statuses.size() >= kMaxStatuses) {
      return absl::OutOfRangeError(str_cat("a component has at most ", kMaxStatuses, " statuses"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(CommitmentAdded p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("add commitments"));
    if (p.project && !context_.recorded) {
      return absl::InvalidArgumentError(
          "a commitment's budget project is set by an import, not given");
    }
    PARTICIPA_RETURN_IF_ERROR(check_commitment(p));
    return p;
  }

  absl::StatusOr<Payload> operator()(CommitmentProgressed p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("record progress"));
    if (!state_.commitments.contains(p.commitment)) {
      return absl::NotFoundError(
          str_cat("commitment '", p.commitment.to_string(), "' does not exist"));
    }
    if (p.status.empty() && !p.progress) {
      return absl::InvalidArgumentError("progress needs a status, a progress or both");
    }
    PARTICIPA_RETURN_IF_ERROR(check_status(p.status));
    PARTICIPA_RETURN_IF_ERROR(check_progress(p.progress));
    return p;
  }

  absl::StatusOr<Payload> operator()(MilestoneAdded p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("add milestones"));
    auto commitment = state_.commitments.find(p.commitment);
    if (commitment == state_.commitments.end()) {
      return absl::NotFoundError(
          str_cat("commitment '", p.commitment.to_string(), "' does not exist"));
    }
    if (p.date == absl::InfinitePast() || p.date == absl::InfiniteFuture()) {
      return absl::InvalidArgumentError("a milestone has a date");
    }
    PARTICIPA_RETURN_IF_ERROR(check_text("the milestone's title", p.title, kMaxTitle));
    if (!p.description.empty()) {
      PARTICIPA_RETURN_IF_ERROR(check_text("the milestone's description", p.description, kMaxText));
    }
    if (commitment->second.milestones.size() >= kMaxMilestones) {
      return absl::OutOfRangeError(
          str_cat("a commitment has at most ", kMaxMilestones, " milestones"));
    }
    p.milestone = p.milestone.is_nil() ? MilestoneId::random(context_.rng) : p.milestone;
    for (const auto& [id, other] : state_.commitments) {
      for (const Milestone& milestone : other.milestones) {
        if (milestone.id == p.milestone) {
          return absl::AlreadyExistsError(
              str_cat("milestone '", p.milestone.to_string(), "' exists"));
        }
      }
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(CommitmentsImported p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("import commitments"));
    PARTICIPA_ASSIGN_OR_RETURN(const bu::State* budgets,
                               bu::state_of(context_.organization, p.budgets));
    if (context_.organization.component(p.budgets)->space != context_.space.id) {
      return absl::InvalidArgumentError(
          "commitments are imported from a budgets component of "
          "the same space");
    }
    auto budget = budgets->budgets.find(p.budget);
    if (budget == budgets->budgets.end()) {
      return absl::NotFoundError(str_cat("budget '", p.budget.to_string(), "' does not exist"));
    }
    if (!budget->second.selection) {
      return absl::FailedPreconditionError(
          str_cat("budget '", budget->second.title, "' has no recorded selection to import"));
    }
    if (!p.commitments.empty() && !context_.recorded) {
      return absl::InvalidArgumentError("imported commitments are computed, not given");
    }
    std::vector<CommitmentAdded> commitments;
    std::set<CommitmentId> taken;
    for (std::size_t i = 0; i < budget->second.selection->selected.size(); ++i) {
      const BudgetProjectId id = budget->second.selection->selected[i];
      const BudgetLink link{p.budgets, p.budget, id};
      for (const auto& [existing, commitment] : state_.commitments) {
        if (commitment.added.project == link) {
          return absl::AlreadyExistsError(str_cat("project '", id.to_string(),
                                                  "' is imported already, as commitment '",
                                                  commitment.added.title, "'"));
        }
      }
      const auto& projects = budget->second.projects;
      auto project = std::find_if(projects.begin(), projects.end(),
                                  [&](const bu::Project& candidate) { return candidate.id == id; });
      if (project == projects.end()) {
        return absl::DataLossError("the selection names a project the budget does not hold");
      }
      CommitmentAdded added{.commitment = CommitmentId::random(context_.rng),
                            .title = project->title,
                            .description = project->description,
                            .proposals = project->proposals,
                            .project = link};
      if (context_.recorded && i < p.commitments.size())
        added.commitment = p.commitments[i].commitment;
      if (!taken.insert(added.commitment).second) {
        return absl::InvalidArgumentError("imported commitments share an id");
      }
      PARTICIPA_RETURN_IF_ERROR(check_commitment(added));
      commitments.push_back(std::move(added));
    }
    if (commitments.empty()) {
      return absl::FailedPreconditionError(
          str_cat("budget '", budget->second.title, "' selected no project"));
    }
    if (context_.recorded && p.commitments != commitments) {
      return absl::InvalidArgumentError("the recorded commitments are not the budget's selection");
    }
    p.commitments = std::move(commitments);
    return p;
  }

 private:
  absl::Status require_admin(std::string_view what) const {
    if (context_.is_visitor() || !context_.is_admin()) {
      return absl::FailedPreconditionError(str_cat("only an admin of the space may ", what));
    }
    return absl::OkStatus();
  }

  absl::Status check_status(const std::string& key) const {
    if (!key.empty() && !state_.statuses.contains(key)) {
      return absl::NotFoundError(str_cat("status '", key, "' does not exist"));
    }
    return absl::OkStatus();
  }

  // check_commitment — a new commitment's fields; draws its id when it has none.
  absl::Status check_commitment(CommitmentAdded& p) const {
    PARTICIPA_RETURN_IF_ERROR(check_text("the commitment's title", p.title, kMaxTitle));
    if (!p.description.empty()) {
      PARTICIPA_RETURN_IF_ERROR(
          check_text("the commitment's description", p.description, kMaxText));
    }
    PARTICIPA_RETURN_IF_ERROR(check_status(p.status));
    PARTICIPA_RETURN_IF_ERROR(check_progress(p.progress));
    if (p.weight && *p.weight > kMaxWeight) {
      return absl::InvalidArgumentError(
          str_cat("a weight is at most ", kMaxWeight, " ten-thousandths, not ", *p.weight));
    }
    if (!p.parent.is_nil()) {
      auto parent = state_.commitments.find(p.parent);
      if (parent == state_.commitments.end()) {
        return absl::NotFoundError(
            str_cat("commitment '", p.parent.to_string(), "' does not exist"));
      }
      if (!parent->second.added.parent.is_nil()) {
        return absl::InvalidArgumentError(str_cat(
            "commitments nest two levels: '", parent->second.added.title, "' is itself a child"));
      }
    }
    if (p.proposals.size() > kMaxLinkedProposals) {
      return absl::OutOfRangeError(
          str_cat("a commitment links at most ", kMaxLinkedProposals, " proposals"));
    }
    std::set<ProposalId> linked;
    for (ProposalId proposal : p.proposals) {
      if (!linked.insert(proposal).second) {
        return absl::InvalidArgumentError(
            str_cat("proposal '", proposal.to_string(), "' is linked twice"));
      }
    }
    if (p.commitment.is_nil()) p.commitment = CommitmentId::random(context_.rng);
    if (state_.commitments.contains(p.commitment)) {
      return absl::AlreadyExistsError(
          str_cat("commitment '", p.commitment.to_string(), "' exists"));
    }
    return absl::OkStatus();
  }

  const ActionContext& context_;
  const State& state_;
};

class Evolver {
 public:
  explicit Evolver(State& state) : state_(state) {}

  absl::Status operator()(const ExecutionStatusAdded& p) {
    if (!state_.statuses.emplace(p.key, p).second) return absl::DataLossError("the status exists");
    state_.status_order.push_back(p.key);
    return absl::OkStatus();
  }
  absl::Status operator()(const CommitmentAdded& p) { return add(p); }
  absl::Status operator()(const CommitmentProgressed& p) {
    auto commitment = state_.commitments.find(p.commitment);
    if (commitment == state_.commitments.end())
      return absl::DataLossError("the commitment does not exist");
    if (!p.status.empty()) commitment->second.status = p.status;
    commitment->second.progress = p.progress ? *p.progress : status_progress(p.status);
    return absl::OkStatus();
  }
  absl::Status operator()(const MilestoneAdded& p) {
    auto commitment = state_.commitments.find(p.commitment);
    if (commitment == state_.commitments.end())
      return absl::DataLossError("the commitment does not exist");
    commitment->second.milestones.push_back({p.milestone, p.date, p.title, p.description});
    return absl::OkStatus();
  }
  absl::Status operator()(const CommitmentsImported& p) {
    for (const CommitmentAdded& added : p.commitments) PARTICIPA_RETURN_IF_ERROR(add(added));
    return absl::OkStatus();
  }

 private:
  std::uint32_t status_progress(const std::string& key) const {
    auto status = state_.statuses.find(key);
    return status == state_.statuses.end() ? 0 : status->second.progress;
  }

  absl::Status add(const CommitmentAdded& p) {
    if (p.commitment.is_nil() || state_.commitments.contains(p.commitment)) {
      return absl::DataLossError("the commitment exists");
    }
    if (!p.parent.is_nil()) {
      auto parent = state_.commitments.find(p.parent);
      if (parent == state_.commitments.end()) {
        return absl::DataLossError("the commitment's parent does not exist");
      }
      parent->second.children.push_back(p.commitment);
    }
    state_.commitments.emplace(
        p.commitment, Commitment{.added = p,
                                 .status = p.status,
                                 .progress = p.progress ? *p.progress : status_progress(p.status)});
    state_.added.push_back(p.commitment);
    return absl::OkStatus();
  }

  State& state_;
};

class Kind final : public space::TypedKind<Payload, State> {
 public:
  std::string_view name() const override { return kKind; }
  std::span<const SettingSpec> settings() const override { return {}; }
  std::span<const std::string_view> actions() const override { return {}; }
  std::string_view name_of_payload(const Payload& payload) const override {
    return event_name(payload);
  }
  absl::StatusOr<Payload> decide_payload(const ActionContext& context, const State& state,
                                         const Payload& payload) const override {
    return std::visit(Decider(context, state), payload);
  }
  absl::Status evolve_payload(State& state, const EventContext& /*context*/,
                              const Payload& payload) const override {
    return std::visit(Evolver(state), payload);
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

absl::StatusOr<Rational> progress_of(const State& state, CommitmentId id) {
  auto found = state.commitments.find(id);
  if (found == state.commitments.end()) {
    return absl::NotFoundError(str_cat("commitment '", id.to_string(), "' does not exist"));
  }
  const Commitment& commitment = found->second;
  // Hundredths of a percent to a percent; ten-thousandths to a weight.
  auto percent = [](std::uint32_t progress) { return Rational(progress, 100); };
  if (commitment.children.empty()) return percent(commitment.progress);
  std::vector<const Commitment*> children;
  for (CommitmentId child : commitment.children) children.push_back(&state.commitments.at(child));
  const bool some_weighted = std::any_of(children.begin(), children.end(), [](const Commitment* c) {
    return c->added.weight.has_value();
  });
  const bool a_unit_weight = std::any_of(children.begin(), children.end(), [](const Commitment* c) {
    return c->added.weight == kUnitWeight;
  });
  Rational total = 0;
  if (some_weighted && (children.size() == 1 || !a_unit_weight)) {
    for (const Commitment* child : children) {
      total += percent(child->progress) *
               Rational(child->added.weight.value_or(kUnitWeight), kUnitWeight);
    }
    return total;
  }
  for (const Commitment* child : children) total += percent(child->progress);
  return total / static_cast<std::int64_t>(children.size());
}

}  // namespace participa::components::accountability
