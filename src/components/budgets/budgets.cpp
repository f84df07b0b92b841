#include "participa/components/budgets/budgets.hpp"

#include <algorithm>
#include <mutex>

#include "participa/core/digest.hpp"
#include "participa/core/overloaded.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"
#include "participa/pb/ballot_rules.hpp"
#include "participa/pb/registry.hpp"
#include "participa/space/component_kind.hpp"
#include "participa/tally/profile_builder.hpp"

namespace participa::components::budgets {
namespace {

using space::ActionContext;
using space::EventContext;
using space::setting_bool;
using space::setting_text;
using space::Settings;
using space::SettingScope;
using space::SettingSpec;

constexpr std::size_t kMaxTitle = 150;
constexpr std::size_t kMaxDescription = 64 * 1024;
constexpr std::size_t kMaxReason = 2000;
constexpr std::size_t kMaxProjects = 10'000;  // per budget: bounds one order's checks
constexpr std::size_t kMaxHeadings = 1'000;   // per budget, groups and headings alike
constexpr std::size_t kMaxStations = 1'000;   // per component

const std::vector<SettingSpec>& specs() {
  static const auto* all = new std::vector<SettingSpec>{
      {"workflow", std::string("all"), SettingScope::kGlobal, 0},
      {"census_handler", std::string("census"), SettingScope::kGlobal, 0},
      {"votes_enabled", false, SettingScope::kPhase, 0},
  };
  return *all;
}

constexpr std::array<std::string_view, 1> kActions = {"vote"};

// check_rule — the numbers the rule reads make sense for a budget with `projects` projects.
absl::Status check_rule(const BallotRule& rule) {
  switch (rule.kind) {
    case RuleKind::kThreshold:
      if (rule.threshold_percent < 0 || rule.threshold_percent > 100) {
        return absl::InvalidArgumentError(
            str_cat("threshold_percent ", rule.threshold_percent, " is not within 0..100"));
      }
      break;
    case RuleKind::kMinimumProjects:
      if (rule.minimum_projects < 1) {
        return absl::InvalidArgumentError("minimum_projects is at least 1 for this rule");
      }
      break;
    case RuleKind::kProjectsRange:
      if (rule.minimum_projects < 0 || rule.maximum_projects < 1 ||
          rule.minimum_projects > rule.maximum_projects) {
        return absl::InvalidArgumentError(str_cat("the projects range ", rule.minimum_projects,
                                                  "..", rule.maximum_projects,
                                                  " is not 0 <= minimum <= maximum, maximum >= 1"));
      }
      break;
    case RuleKind::kApproval:
      if (rule.maximum_projects < 1) {
        return absl::InvalidArgumentError("maximum_projects is at least 1 for this rule");
      }
      break;
    case RuleKind::kKnapsack:
      break;
  }
  return absl::OkStatus();
}

// by_id — the item of `items` with that id, or nullptr (stations, groups, headings: few).
template <class Item, class IdType>
const Item* by_id(const std::vector<Item>& items, IdType id) {
  auto found = std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.id == id; });
  return found == items.end() ? nullptr : &*found;
}

const Station* station_of(const State& state, StationId id) { return by_id(state.stations, id); }

bool is_consul(RuleKind kind) { return kind == RuleKind::kKnapsack || kind == RuleKind::kApproval; }

const Heading* heading_named(const Budget& budget, HeadingId id) {
  return by_id(budget.headings, id);
}

const HeadingGroup* group_named(const Budget& budget, HeadingGroupId id) {
  return by_id(budget.groups, id);
}

bool uses_consul_features(const Budget& budget) {
  return !budget.groups.empty() ||
         std::any_of(budget.projects.begin(), budget.projects.end(),
                     [](const Project& project) { return project.incompatible; });
}

// rules_of — the budget's rule in the pb layer's terms.
pb::BallotRules rules_of(const Budget& budget) {
  const BallotRule& rule = budget.rule;
  switch (rule.kind) {
    case RuleKind::kThreshold:
      return pb::DecidimRules{.threshold_percent = static_cast<int>(rule.threshold_percent)};
    case RuleKind::kMinimumProjects:
      return pb::DecidimRules{.minimum_projects = static_cast<int>(rule.minimum_projects)};
    case RuleKind::kProjectsRange:
      return pb::DecidimRules{.selected_minimum = static_cast<int>(rule.minimum_projects),
                              .selected_maximum = static_cast<int>(rule.maximum_projects)};
    case RuleKind::kKnapsack:
    case RuleKind::kApproval:
      return consul_rules(budget);
  }
  return pb::DecidimRules{};
}

// bounded_by_total — whether the rule never lets an order cost more than the total.
bool bounded_by_total(RuleKind kind) {
  return kind == RuleKind::kThreshold || kind == RuleKind::kMinimumProjects ||
         kind == RuleKind::kKnapsack;
}
// most_projects — the most projects an order may hold under the rule (0: no bound).
std::int64_t most_projects(const BallotRule& rule) {
  return rule.kind == RuleKind::kProjectsRange || rule.kind == RuleKind::kApproval
             ? rule.maximum_projects
             : 0;
}

pb::Instance instance_of(const Budget& budget) {
  pb::Instance instance;
  instance.budget = Rational(budget.total);
  instance.vote_type = pb::VoteType::kApproval;
  instance.meta = {{"description", budget.title},
                   {"num_projects", str_cat(budget.projects.size())},
                   {"budget", str_cat(budget.total)},
                   {"vote_type", "approval"}};
  instance.project_columns = {"project_id", "cost", "name", "category"};
  for (const Project& project : budget.projects) {
    pb::Project p;
    p.id = project.id.to_string();
    p.cost = Rational(project.cost);
    p.name = project.title;
    if (!project.category.empty()) p.categories.push_back(project.category);
    p.fields = {{"project_id", p.id},
                {"cost", str_cat(project.cost)},
                {"name", project.title},
                {"category", project.category}};
    instance.projects.push_back(std::move(p));
  }
  return instance;
}

std::optional<std::size_t> project_index(const Budget& budget, BudgetProjectId id) {
  for (std::size_t i = 0; i < budget.projects.size(); ++i) {
    if (budget.projects[i].id == id) return i;
  }
  return std::nullopt;
}

// optional_text — as check_text, but may be empty.
absl::Status optional_text(std::string_view what, std::string_view text, std::size_t max_bytes) {
  return text.empty() ? absl::OkStatus() : check_text(what, text, max_bytes);
}

class Decider {
 public:
  Decider(const ActionContext& context, const State& state)
      : context_(context), state_(state), settings_(context.settings) {}

  absl::StatusOr<Payload> operator()(BudgetAdded p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("add budgets"));
    PARTICIPA_RETURN_IF_ERROR(check_text("the budget's title", p.title, kMaxTitle));
    if (p.total <= 0) {
      return absl::InvalidArgumentError(
          str_cat("the budget's total ", p.total, " is not positive"));
    }
    PARTICIPA_RETURN_IF_ERROR(check_rule(p.rule));
    if (!p.scope.is_nil() && !context_.organization.scopes.contains(p.scope)) {
      return absl::NotFoundError(str_cat("scope '", p.scope.to_string(), "' does not exist"));
    }
    p.budget = p.budget.is_nil() ? BudgetId::random(context_.rng) : p.budget;
    if (state_.budgets.contains(p.budget)) {
      return absl::AlreadyExistsError(str_cat("budget '", p.budget.to_string(), "' exists"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(ProjectAdded p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("add projects"));
    PARTICIPA_ASSIGN_OR_RETURN(const Budget* budget, find(p.budget));
    PARTICIPA_RETURN_IF_ERROR(require_no_orders(*budget, "its projects"));
    PARTICIPA_RETURN_IF_ERROR(check_text("the project's title", p.title, kMaxTitle));
    PARTICIPA_RETURN_IF_ERROR(
        optional_text("the project's description", p.description, kMaxDescription));
    PARTICIPA_RETURN_IF_ERROR(optional_text("the project's category", p.category, kMaxTitle));
    if (p.cost <= 0) {
      return absl::InvalidArgumentError(str_cat("the project's cost ", p.cost, " is not positive"));
    }
    if (budget->projects.size() >= kMaxProjects) {
      return absl::OutOfRangeError(str_cat("a budget holds at most ", kMaxProjects, " projects"));
    }
    if (p.heading.is_nil() && !budget->headings.empty()) {
      return absl::InvalidArgumentError(
          str_cat("budget '", budget->title, "' has headings: the project names its heading"));
    }
    if (!p.heading.is_nil() && heading_named(*budget, p.heading) == nullptr) {
      return absl::NotFoundError(
          str_cat("budget '", budget->title, "' has no heading '", p.heading.to_string(), "'"));
    }
    p.project = p.project.is_nil() ? BudgetProjectId::random(context_.rng) : p.project;
    for (const auto& [id, other] : state_.budgets) {
      if (project_index(other, p.project)) {
        return absl::AlreadyExistsError(str_cat("project '", p.project.to_string(), "' exists"));
      }
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(RuleChanged p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("change ballot rules"));
    PARTICIPA_ASSIGN_OR_RETURN(const Budget* budget, find(p.budget));
    PARTICIPA_RETURN_IF_ERROR(require_no_orders(*budget, "its ballot rule"));
    PARTICIPA_RETURN_IF_ERROR(check_rule(p.rule));
    if (!is_consul(p.rule.kind) && uses_consul_features(*budget)) {
      return absl::FailedPreconditionError(str_cat(
          "budget '", budget->title, "' has heading groups or incompatible projects, which ",
          name_of(kRuleKindNames, p.rule.kind), " does not know: keep a Consul rule"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(HeadingGroupAdded p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("add heading groups"));
    PARTICIPA_ASSIGN_OR_RETURN(const Budget* budget, consul_budget(p.budget, "heading groups"));
    PARTICIPA_RETURN_IF_ERROR(require_no_orders(*budget, "its headings"));
    PARTICIPA_RETURN_IF_ERROR(check_text("the group's title", p.title, kMaxTitle));
    if (p.max_headings < 1) {
      return absl::InvalidArgumentError(
          str_cat("max_headings ", p.max_headings, " is not at least 1"));
    }
    if (budget->groups.size() + budget->headings.size() >= kMaxHeadings) {
      return absl::OutOfRangeError(
          str_cat("a budget holds at most ", kMaxHeadings, " groups and headings"));
    }
    for (const HeadingGroup& group : budget->groups) {
      if (group.title == p.title) {
        return absl::AlreadyExistsError(
            str_cat("budget '", budget->title, "' has a group '", p.title, "' already"));
      }
    }
    p.group = p.group.is_nil() ? HeadingGroupId::random(context_.rng) : p.group;
    for (const auto& [id, other] : state_.budgets) {
      if (group_named(other, p.group) != nullptr) {
        return absl::AlreadyExistsError(str_cat("group '", p.group.to_string(), "' exists"));
      }
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(HeadingAdded p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("add headings"));
    PARTICIPA_ASSIGN_OR_RETURN(const Budget* budget, consul_budget(p.budget, "headings"));
    PARTICIPA_RETURN_IF_ERROR(require_no_orders(*budget, "its headings"));
    PARTICIPA_RETURN_IF_ERROR(check_text("the heading's title", p.title, kMaxTitle));
    if (group_named(*budget, p.group) == nullptr) {
      return absl::NotFoundError(
          str_cat("budget '", budget->title, "' has no group '", p.group.to_string(), "'"));
    }
    if (p.money <= 0) {
      return absl::InvalidArgumentError(
          str_cat("the heading's money ", p.money, " is not positive"));
    }
    if (budget->groups.size() + budget->headings.size() >= kMaxHeadings) {
      return absl::OutOfRangeError(
          str_cat("a budget holds at most ", kMaxHeadings, " groups and headings"));
    }
    std::int64_t shared = 0;
    for (const Heading& heading : budget->headings) {
      if (heading.title == p.title) {
        return absl::AlreadyExistsError(
            str_cat("budget '", budget->title, "' has a heading '", p.title, "' already"));
      }
      shared += heading.money;
    }
    if (p.money > budget->total - shared) {
      return absl::OutOfRangeError(str_cat("the headings would share ", shared + p.money,
                                           ", over the budget's total of ", budget->total));
    }
    for (const Project& project : budget->projects) {
      if (project.heading.is_nil()) {
        return absl::FailedPreconditionError(
            str_cat("project '", project.title,
                    "' has no heading: a budget's projects are all in headings or none is"));
      }
    }
    p.heading = p.heading.is_nil() ? HeadingId::random(context_.rng) : p.heading;
    for (const auto& [id, other] : state_.budgets) {
      if (heading_named(other, p.heading) != nullptr) {
        return absl::AlreadyExistsError(str_cat("heading '", p.heading.to_string(), "' exists"));
      }
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(IncompatibilityMarked p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("mark projects incompatible"));
    PARTICIPA_ASSIGN_OR_RETURN(const Budget* budget,
                               consul_budget(p.budget, "incompatible projects"));
    if (budget->selection) {
      return absl::FailedPreconditionError(
          str_cat("budget '", budget->title, "' has its selection recorded"));
    }
    std::optional<std::size_t> index = project_index(*budget, p.project);
    if (!index) {
      return absl::NotFoundError(
          str_cat("budget '", budget->title, "' has no project '", p.project.to_string(), "'"));
    }
    const Project& project = budget->projects[*index];
    if (project.incompatible == p.incompatible) {
      return absl::AlreadyExistsError(str_cat("project '", project.title, "' is ",
                                              p.incompatible ? "" : "not ",
                                              "marked incompatible already"));
    }
    if (p.incompatible) {
      PARTICIPA_RETURN_IF_ERROR(check_text("the reason", p.reason, kMaxReason));
    } else {
      PARTICIPA_RETURN_IF_ERROR(optional_text("the reason", p.reason, kMaxReason));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(OrderChanged p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Budget* budget, votable(p.budget));
    const Order* order = order_of(*budget);
    if (order != nullptr && order->checked_out) {
      return absl::FailedPreconditionError(
          "the order is checked out: cancel it before changing its projects");
    }
    std::optional<std::size_t> index = project_index(*budget, p.project);
    if (!index) {
      return absl::NotFoundError(
          str_cat("budget '", budget->title, "' has no project '", p.project.to_string(), "'"));
    }
    static const std::vector<BudgetProjectId> kEmpty;
    const std::vector<BudgetProjectId>& held = order != nullptr ? order->projects : kEmpty;
    const bool holds = std::find(held.begin(), held.end(), p.project) != held.end();
    if (!p.added) {
      if (!holds) {
        return absl::NotFoundError(
            str_cat("the order does not hold '", budget->projects[*index].title, "'"));
      }
      return p;
    }
    if (holds) {
      return absl::AlreadyExistsError(
          str_cat("the order holds '", budget->projects[*index].title, "' already"));
    }
    PARTICIPA_RETURN_IF_ERROR(supportable(budget->projects[*index]));
    if (!budget->headings.empty()) {
      // Consul's bounds per heading and group only tighten as projects are added: an order
      // that breaks them now could never be checked out.
      std::vector<std::uint32_t> indices = indices_of(*budget, held);
      indices.push_back(static_cast<std::uint32_t>(*index));
      absl::Status fits = validate(*budget, indices);
      if (!fits.ok()) {
        return absl::Status(fits.code(), str_cat("adding '", budget->projects[*index].title,
                                                 "': ", fits.message()));
      }
      return p;
    }
    if (std::int64_t most = most_projects(budget->rule);
        most > 0 && static_cast<std::int64_t>(held.size()) >= most) {
      return absl::OutOfRangeError(str_cat("the order holds ", held.size(),
                                           " projects, the most this budget's rule allows"));
    }
    if (bounded_by_total(budget->rule.kind)) {
      std::int64_t spent = budget->projects[*index].cost;
      for (BudgetProjectId id : held) spent += budget->projects[*project_index(*budget, id)].cost;
      if (spent > budget->total) {
        return absl::OutOfRangeError(str_cat("adding '", budget->projects[*index].title,
                                             "' would spend ", spent, " of a total of ",
                                             budget->total));
      }
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(OrderCheckedOut p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Budget* budget, votable(p.budget));
    const Order* order = order_of(*budget);
    if (order == nullptr || order->projects.empty()) {
      return absl::FailedPreconditionError("the order holds no project");
    }
    if (order->checked_out) return absl::AlreadyExistsError("the order is checked out already");
    if (!p.station.is_nil()) {
      if (context_.actor.channel != space::Channel::kInPerson) {
        return absl::InvalidArgumentError(
            "only an order checked out in person names a polling station");
      }
      const Station* station = station_of(state_, p.station);
      if (station == nullptr) {
        return absl::NotFoundError(
            str_cat("polling station '", p.station.to_string(), "' does not exist"));
      }
      if (std::find(station->officers.begin(), station->officers.end(),
                    context_.actor.recorded_by) == station->officers.end()) {
        return absl::FailedPreconditionError(str_cat(
            "an order checked out at station '", station->name, "' is typed in by its officer"));
      }
    }
    if (setting_text(settings_, "workflow") == "one") {
      for (const auto& [id, other] : state_.budgets) {
        auto theirs = other.orders.find(context_.actor.participant);
        if (id != p.budget && theirs != other.orders.end() && theirs->second.checked_out) {
          return absl::FailedPreconditionError(
              str_cat("the participant voted in budget '", other.title,
                      "' already, and this component takes a vote in one budget only"));
        }
      }
    }
    for (BudgetProjectId id : order->projects) {
      absl::Status supported = supportable(budget->projects[*project_index(*budget, id)]);
      if (!supported.ok()) {
        return absl::Status(supported.code(),
                            str_cat("the order holds a project it can no longer: ",
                                    supported.message(), "; remove it"));
      }
    }
    absl::Status valid = validate(*budget, indices_of(*budget, order->projects));
    if (!valid.ok()) {
      return absl::Status(valid.code(),
                          str_cat("the order does not meet the budget's rule: ", valid.message()));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(StationAdded p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("add polling stations"));
    PARTICIPA_RETURN_IF_ERROR(check_text("the station's name", p.name, kMaxTitle));
    PARTICIPA_RETURN_IF_ERROR(context_.check_officers(p.officers));
    if (state_.stations.size() >= kMaxStations) {
      return absl::OutOfRangeError(
          str_cat("a component holds at most ", kMaxStations, " stations"));
    }
    p.station = p.station.is_nil() ? StationId::random(context_.rng) : p.station;
    for (const Station& station : state_.stations) {
      if (station.id == p.station || station.name == p.name) {
        return absl::AlreadyExistsError(str_cat("station '", p.name, "' exists"));
      }
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(OrderCancelled p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Budget* budget, votable(p.budget));
    const Order* order = order_of(*budget);
    if (order == nullptr || !order->checked_out) {
      return absl::FailedPreconditionError("the participant has no checked-out order to cancel");
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(SelectionRecorded p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("record selections"));
    PARTICIPA_ASSIGN_OR_RETURN(const Budget* budget, find(p.budget));
    if (setting_bool(settings_, "votes_enabled")) {
      return absl::FailedPreconditionError(
          "the selection is recorded once voting is over: votes are enabled now");
    }
    pb::RuleOptions options;
    if (p.rule == "consul") {
      options.consul = consul_rules(*budget);
    } else if (uses_consul_features(*budget)) {
      return absl::InvalidArgumentError(
          str_cat("budget '", budget->title, "' has headings or incompatible projects, which ",
                  p.rule, " does not know: select it with the consul rule"));
    }
    PARTICIPA_ASSIGN_OR_RETURN(pb::Election election, election_of(*budget));
    static const pb::RuleRegistry* kRules = new pb::RuleRegistry(pb::RuleRegistry::with_builtins());
    PARTICIPA_ASSIGN_OR_RETURN(pb::Result result, kRules->run(p.rule, election, options));
    p.computed.clear();
    for (std::uint32_t index : result.selected) p.computed.push_back(budget->projects[index].id);
    if (p.selected.empty()) p.selected = p.computed;
    std::vector<BudgetProjectId> seen;
    for (BudgetProjectId id : p.selected) {
      if (!project_index(*budget, id)) {
        return absl::NotFoundError(
            str_cat("budget '", budget->title, "' has no project '", id.to_string(), "'"));
      }
      if (std::find(seen.begin(), seen.end(), id) != seen.end()) {
        return absl::InvalidArgumentError(
            str_cat("project '", id.to_string(), "' is selected twice"));
      }
      seen.push_back(id);
    }
    auto sorted = [](std::vector<BudgetProjectId> ids) {
      std::sort(ids.begin(), ids.end());
      return ids;
    };
    const bool overrides = sorted(p.selected) != sorted(p.computed);
    if (overrides && p.reason.empty()) {
      return absl::InvalidArgumentError(str_cat("the selection differs from what ", p.rule,
                                                " computed: an override needs its reason"));
    }
    if (!overrides && !p.reason.empty()) {
      return absl::InvalidArgumentError(
          "the selection is the computed one: a reason is only for an override");
    }
    PARTICIPA_RETURN_IF_ERROR(optional_text("the reason", p.reason, kMaxReason));
    return p;
  }

 private:
  absl::Status require_admin(std::string_view what) const {
    if (context_.is_admin()) return absl::OkStatus();
    return absl::FailedPreconditionError(str_cat("only an admin of the space may ", what));
  }
  static absl::Status require_no_orders(const Budget& budget, std::string_view what) {
    if (budget.orders.empty()) return absl::OkStatus();
    return absl::FailedPreconditionError(str_cat("budget '", budget.title, "' has ",
                                                 budget.orders.size(), " orders: ", what,
                                                 " are frozen since the first one"));
  }
  absl::StatusOr<const Budget*> find(BudgetId id) const {
    auto it = state_.budgets.find(id);
    if (it == state_.budgets.end()) {
      return absl::NotFoundError(str_cat("budget '", id.to_string(), "' does not exist"));
    }
    return &it->second;
  }
  // consul_budget — the budget, when its rule is one of Consul's, which know `what`.
  absl::StatusOr<const Budget*> consul_budget(BudgetId id, std::string_view what) const {
    PARTICIPA_ASSIGN_OR_RETURN(const Budget* budget, find(id));
    if (!is_consul(budget->rule.kind)) {
      return absl::FailedPreconditionError(str_cat(
          "budget '", budget->title, "' votes by the ", name_of(kRuleKindNames, budget->rule.kind),
          " rule: ", what, " belong to Consul's rules (knapsack, approval)"));
    }
    return budget;
  }
  static absl::Status supportable(const Project& project) {
    if (!project.incompatible) return absl::OkStatus();
    return absl::FailedPreconditionError(
        str_cat("project '", project.title,
                "' is incompatible and can no longer be supported: ", project.incompatible_reason));
  }
  static std::vector<std::uint32_t> indices_of(const Budget& budget,
                                               const std::vector<BudgetProjectId>& projects) {
    std::vector<std::uint32_t> indices;
    for (BudgetProjectId id : projects) {
      indices.push_back(static_cast<std::uint32_t>(*project_index(budget, id)));
    }
    return indices;
  }
  static absl::Status validate(const Budget& budget, std::span<const std::uint32_t> indices) {
    PARTICIPA_ASSIGN_OR_RETURN(pb::VotingSnapshot snapshot,
                               pb::VotingSnapshot::freeze(instance_of(budget), rules_of(budget)));
    return snapshot.validate(indices);
  }
  // votable — the budget, when the participant may vote in it now.
  absl::StatusOr<const Budget*> votable(BudgetId id) const {
    if (!setting_bool(settings_, "votes_enabled")) {
      return absl::FailedPreconditionError("votes are not enabled now (votes_enabled)");
    }
    PARTICIPA_ASSIGN_OR_RETURN(const Budget* budget, find(id));
    if (budget->selection) {
      return absl::FailedPreconditionError(
          str_cat("budget '", budget->title, "' has its selection recorded"));
    }
    if (setting_text(settings_, "workflow") == "random") {
      PARTICIPA_ASSIGN_OR_RETURN(
          BudgetId drawn, drawn_budget(state_, context_.component.id, context_.actor.participant));
      if (drawn != id) {
        return absl::FailedPreconditionError(
            str_cat("the participant votes in the budget drawn for them, '",
                    state_.budgets.at(drawn).title, "', not in '", budget->title, "'"));
      }
    }
    PARTICIPA_RETURN_IF_ERROR(context_.authorize("vote"));
    if (!budget->scope.is_nil()) {
      PARTICIPA_RETURN_IF_ERROR(
          context_.meets(space::Requirement{setting_text(settings_, "census_handler"),
                                            {{"scope", budget->scope.to_string()}}},
                         str_cat("vote in ", budget->title)));
    }
    return budget;
  }
  const Order* order_of(const Budget& budget) const {
    auto it = budget.orders.find(context_.actor.participant);
    return it == budget.orders.end() ? nullptr : &it->second;
  }

  const ActionContext& context_;
  const State& state_;
  const Settings& settings_;
};

class Evolver {
 public:
  Evolver(State& state, const EventContext& context)
      : state_(state), context_(context), actor_(context.event.actor.participant) {}

  absl::Status operator()(const BudgetAdded& p) {
    if (p.budget.is_nil() || state_.budgets.contains(p.budget)) {
      return absl::DataLossError("the budget exists");
    }
    Budget& budget = state_.budgets[p.budget];
    budget.id = p.budget;
    budget.title = p.title;
    budget.total = p.total;
    budget.rule = p.rule;
    budget.scope = p.scope;
    state_.added.push_back(p.budget);
    return absl::OkStatus();
  }
  absl::Status operator()(const ProjectAdded& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Budget * budget, find(p.budget));
    if (!budget->orders.empty()) return absl::DataLossError("projects change after an order");
    if (!p.heading.is_nil() && heading_named(*budget, p.heading) == nullptr) {
      return absl::DataLossError("the project names a heading the budget does not hold");
    }
    budget->projects.push_back(
        {p.project, p.title, p.description, p.cost, p.category, p.proposals, p.heading});
    return absl::OkStatus();
  }
  absl::Status operator()(const HeadingGroupAdded& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Budget * budget, find(p.budget));
    if (!budget->orders.empty() || p.group.is_nil() || group_named(*budget, p.group) != nullptr) {
      return absl::DataLossError("the heading group cannot be added so");
    }
    budget->groups.push_back({p.group, p.title, p.max_headings});
    return absl::OkStatus();
  }
  absl::Status operator()(const HeadingAdded& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Budget * budget, find(p.budget));
    if (!budget->orders.empty() || p.heading.is_nil() ||
        heading_named(*budget, p.heading) != nullptr || group_named(*budget, p.group) == nullptr) {
      return absl::DataLossError("the heading cannot be added so");
    }
    budget->headings.push_back({p.heading, p.group, p.title, p.money});
    return absl::OkStatus();
  }
  absl::Status operator()(const IncompatibilityMarked& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Budget * budget, find(p.budget));
    std::optional<std::size_t> index = project_index(*budget, p.project);
    if (!index) return absl::DataLossError("the mark names a project the budget does not hold");
    Project& project = budget->projects[*index];
    project.incompatible = p.incompatible;
    project.incompatible_reason = p.incompatible ? p.reason : std::string();
    return absl::OkStatus();
  }
  absl::Status operator()(const RuleChanged& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Budget * budget, find(p.budget));
    if (!budget->orders.empty()) return absl::DataLossError("the rule changes after an order");
    budget->rule = p.rule;
    return absl::OkStatus();
  }
  absl::Status operator()(const OrderChanged& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Budget * budget, find(p.budget));
    if (!project_index(*budget, p.project)) {
      return absl::DataLossError("the order names a project the budget does not hold");
    }
    auto existing = budget->orders.find(actor_);
    if (existing == budget->orders.end() && !p.added) {
      return absl::DataLossError("a project leaves an order that does not exist");
    }
    if (existing != budget->orders.end()) {
      const Order& before = existing->second;
      bool holds = std::find(before.projects.begin(), before.projects.end(), p.project) !=
                   before.projects.end();
      if (before.checked_out || holds == p.added) {
        return absl::DataLossError("the order cannot change so");
      }
    }
    Order& order = budget->orders[actor_];
    auto it = std::find(order.projects.begin(), order.projects.end(), p.project);
    if (p.added) {
      order.projects.push_back(p.project);
    } else {
      order.projects.erase(it);
    }
    return absl::OkStatus();
  }
  absl::Status operator()(const OrderCheckedOut& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Order * order, find_order(p.budget));
    if (order->checked_out) return absl::DataLossError("the order is checked out");
    if (!p.station.is_nil() && station_of(state_, p.station) == nullptr) {
      return absl::DataLossError("the order is checked out at a station that does not exist");
    }
    order->checked_out = true;
    order->checked_out_at = context_.event.time;
    order->channel = context_.event.actor.channel;
    order->station = p.station;
    return absl::OkStatus();
  }
  absl::Status operator()(const StationAdded& p) {
    if (p.station.is_nil() || station_of(state_, p.station) != nullptr) {
      return absl::DataLossError("the station exists");
    }
    state_.stations.push_back({p.station, p.name, p.officers});
    return absl::OkStatus();
  }
  absl::Status operator()(const OrderCancelled& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Order * order, find_order(p.budget));
    if (!order->checked_out) return absl::DataLossError("the order is not checked out");
    order->checked_out = false;
    order->checked_out_at.reset();
    order->station = StationId();
    return absl::OkStatus();
  }
  absl::Status operator()(const SelectionRecorded& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Budget * budget, find(p.budget));
    for (const auto* ids : {&p.computed, &p.selected}) {
      for (BudgetProjectId id : *ids) {
        if (!project_index(*budget, id)) {
          return absl::DataLossError("the selection names a project the budget does not hold");
        }
      }
    }
    budget->selection = Selection{p.rule, p.computed, p.selected, p.reason};
    return absl::OkStatus();
  }

 private:
  absl::StatusOr<Budget*> find(BudgetId id) {
    auto it = state_.budgets.find(id);
    if (it == state_.budgets.end()) return absl::DataLossError("unknown budget");
    return &it->second;
  }
  absl::StatusOr<Order*> find_order(BudgetId id) {
    PARTICIPA_ASSIGN_OR_RETURN(Budget * budget, find(id));
    auto it = budget->orders.find(actor_);
    if (it == budget->orders.end()) return absl::DataLossError("the participant has no order");
    return &it->second;
  }

  State& state_;
  const EventContext& context_;
  ParticipantId actor_;
};

class Kind final : public space::TypedKind<Payload, State> {
 public:
  std::string_view name() const override { return kKind; }
  std::span<const SettingSpec> settings() const override { return specs(); }
  std::span<const std::string_view> actions() const override { return kActions; }
  absl::Status check_settings(const Settings& values) const override {
    if (auto workflow = values.find("workflow"); workflow != values.end()) {
      const auto& text = std::get<std::string>(workflow->second);
      if (text != "all" && text != "one" && text != "random") {
        return absl::InvalidArgumentError(
            str_cat("setting workflow '", text, "' is not 'all', 'one' or 'random'"));
      }
    }
    return absl::OkStatus();
  }
  std::string_view name_of_payload(const Payload& payload) const override {
    return budgets::payload_name(payload);
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

std::string_view payload_name(const Payload& payload) {
  return std::visit(
      Overloaded{
          [](const BudgetAdded&) { return std::string_view("budget-added"); },
          [](const ProjectAdded&) { return std::string_view("project-added"); },
          [](const RuleChanged&) { return std::string_view("rule-changed"); },
          [](const OrderChanged&) { return std::string_view("order-changed"); },
          [](const OrderCheckedOut&) { return std::string_view("order-checked-out"); },
          [](const OrderCancelled&) { return std::string_view("order-cancelled"); },
          [](const SelectionRecorded&) { return std::string_view("selection-recorded"); },
          [](const HeadingGroupAdded&) { return std::string_view("heading-group-added"); },
          [](const HeadingAdded&) { return std::string_view("heading-added"); },
          [](const IncompatibilityMarked&) { return std::string_view("incompatibility-marked"); },
          [](const StationAdded&) { return std::string_view("station-added"); },
      },
      payload);
}

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

pb::ConsulRules consul_rules(const Budget& budget) {
  pb::ConsulRules rules;
  rules.style = budget.rule.kind == RuleKind::kApproval ? pb::ConsulRules::Style::kApproval
                                                        : pb::ConsulRules::Style::kKnapsack;
  rules.max_votes = static_cast<int>(budget.rule.maximum_projects);
  if (budget.headings.empty()) rules.heading_money[""] = Rational(budget.total);
  for (const HeadingGroup& group : budget.groups) {
    rules.max_headings[group.title] = static_cast<int>(group.max_headings);
  }
  for (const Heading& heading : budget.headings) {
    rules.heading_money[heading.title] = Rational(heading.money);
    rules.group_of[heading.title] = group_named(budget, heading.group)->title;
  }
  for (const Project& project : budget.projects) {
    const std::string id = project.id.to_string();
    if (const Heading* heading = heading_named(budget, project.heading)) {
      rules.heading_of[id] = heading->title;
    }
    if (project.incompatible) rules.incompatible.insert(id);
  }
  return rules;
}

absl::StatusOr<pb::Election> election_of(const Budget& budget) {
  pb::Instance instance = instance_of(budget);
  std::vector<std::string> ids;
  for (const pb::Project& project : instance.projects) ids.push_back(project.id);
  PARTICIPA_ASSIGN_OR_RETURN(
      tally::ProfileBuilder ballots,
      tally::ProfileBuilder::create(std::move(ids), tally::BallotKind::kApproval));
  std::vector<tally::Candidate> marks;
  for (const auto& [participant, order] : budget.orders) {
    if (!order.checked_out) continue;
    marks.clear();
    for (BudgetProjectId id : order.projects) {
      marks.push_back(static_cast<tally::Candidate>(*project_index(budget, id)));
    }
    std::sort(marks.begin(), marks.end());
    PARTICIPA_RETURN_IF_ERROR(ballots.add(marks));
  }
  return pb::Election::create(std::move(instance), ballots.build());
}

absl::StatusOr<std::vector<Payload>> import_payloads(const pb::Instance& instance, BudgetId budget,
                                                     BallotRule rule) {
  auto whole = [](const Rational& amount, std::string_view what) -> absl::StatusOr<std::int64_t> {
    if (!is_small_whole(amount) || small_whole_value(amount) <= 0) {
      return absl::InvalidArgumentError(
          str_cat(what, " ", to_string(amount), " is not a whole positive amount"));
    }
    return small_whole_value(amount);
  };
  std::vector<Payload> out;
  BudgetAdded added{.budget = budget, .rule = rule};
  added.title = instance.meta_value("description").value_or("");
  if (added.title.empty()) added.title = "Budget";
  PARTICIPA_ASSIGN_OR_RETURN(added.total, whole(instance.budget, "the budget"));
  out.push_back(std::move(added));
  for (const pb::Project& project : instance.projects) {
    ProjectAdded p{.budget = budget, .title = project.name.empty() ? project.id : project.name};
    PARTICIPA_ASSIGN_OR_RETURN(p.cost,
                               whole(project.cost, str_cat("project ", project.id, "'s cost")));
    if (!project.categories.empty()) p.category = project.categories.front();
    out.push_back(std::move(p));
  }
  return out;
}

absl::StatusOr<BudgetId> drawn_budget(const State& state, ComponentId component,
                                      ParticipantId participant) {
  if (state.added.empty()) return absl::FailedPreconditionError("the component has no budget");
  Sha256 hash;
  hash.update(component.to_string());
  hash.update(participant.to_string());
  Digest digest = hash.finish();
  std::uint64_t draw = 0;
  for (int i = 0; i < 8; ++i) draw = draw << 8 | digest.bytes[i];
  return state.added[draw % state.added.size()];
}

}  // namespace participa::components::budgets
