// Bindings of participa::components::budgets: payloads, state and queries.
#include "participa/components/budgets/budgets.hpp"

#include "record_casters.hpp"
#include "register.hpp"

namespace participa::python {
namespace {

namespace bu = participa::components::budgets;

void register_payloads(py::module_& m) {
  def_named_enum(m, "RuleKind", bu::kRuleKindNames,
                 "threshold, minimum-projects, projects-range, knapsack or approval.");
  py::class_<bu::BallotRule> rule(
      m, "BallotRule", "What an order must hold to be checked out, and the numbers it reads.");
  def_fields(rule, Field{"kind", &bu::BallotRule::kind},
             Field{"threshold_percent", &bu::BallotRule::threshold_percent},
             Field{"minimum_projects", &bu::BallotRule::minimum_projects},
             Field{"maximum_projects", &bu::BallotRule::maximum_projects});
  py::class_<bu::BudgetAdded> added(m, "BudgetAdded",
                                    "A budget: its title, total (whole units) and ballot rule.");
  def_fields(added, Field{"budget", &bu::BudgetAdded::budget},
             Field{"title", &bu::BudgetAdded::title}, Field{"total", &bu::BudgetAdded::total},
             Field{"rule", &bu::BudgetAdded::rule}, Field{"scope", &bu::BudgetAdded::scope});
  py::class_<bu::ProjectAdded> project(m, "ProjectAdded",
                                       "A project of a budget, before its first order.");
  def_fields(project, Field{"budget", &bu::ProjectAdded::budget},
             Field{"project", &bu::ProjectAdded::project}, Field{"title", &bu::ProjectAdded::title},
             Field{"description", &bu::ProjectAdded::description},
             Field{"cost", &bu::ProjectAdded::cost}, Field{"category", &bu::ProjectAdded::category},
             Field{"proposals", &bu::ProjectAdded::proposals},
             Field{"heading", &bu::ProjectAdded::heading});
  py::class_<bu::HeadingGroupAdded> group(
      m, "HeadingGroupAdded",
      "A group of headings (Consul): a participant supports projects in at most max_headings of "
      "its headings.");
  def_fields(group, Field{"budget", &bu::HeadingGroupAdded::budget},
             Field{"group", &bu::HeadingGroupAdded::group},
             Field{"title", &bu::HeadingGroupAdded::title},
             Field{"max_headings", &bu::HeadingGroupAdded::max_headings});
  py::class_<bu::HeadingAdded> heading(
      m, "HeadingAdded", "A heading of a group (Consul): a share of the budget's total.");
  def_fields(heading, Field{"budget", &bu::HeadingAdded::budget},
             Field{"heading", &bu::HeadingAdded::heading}, Field{"group", &bu::HeadingAdded::group},
             Field{"title", &bu::HeadingAdded::title}, Field{"money", &bu::HeadingAdded::money});
  py::class_<bu::IncompatibilityMarked> incompatible(
      m, "IncompatibilityMarked",
      "A project marked incompatible with its reason (incompatible=False takes the mark back).");
  def_fields(incompatible, Field{"budget", &bu::IncompatibilityMarked::budget},
             Field{"project", &bu::IncompatibilityMarked::project},
             Field{"incompatible", &bu::IncompatibilityMarked::incompatible},
             Field{"reason", &bu::IncompatibilityMarked::reason});
  py::class_<bu::RuleChanged> changed(m, "RuleChanged", "A budget's rule, before its first order.");
  def_fields(changed, Field{"budget", &bu::RuleChanged::budget},
             Field{"rule", &bu::RuleChanged::rule});
  py::class_<bu::OrderChanged> order(
      m, "OrderChanged", "A project added to (added=False: removed from) the actor's order.");
  def_fields(order, Field{"budget", &bu::OrderChanged::budget},
             Field{"project", &bu::OrderChanged::project},
             Field{"added", &bu::OrderChanged::added});
  py::class_<bu::OrderCheckedOut> checkout(m, "OrderCheckedOut",
                                           "The actor's order checked out: it counts.");
  def_fields(checkout, Field{"budget", &bu::OrderCheckedOut::budget},
             Field{"station", &bu::OrderCheckedOut::station});
  py::class_<bu::StationAdded> station_added(
      m, "StationAdded", "A polling station of the component, where officers type in paper.");
  def_fields(station_added, Field{"station", &bu::StationAdded::station},
             Field{"name", &bu::StationAdded::name},
             Field{"officers", &bu::StationAdded::officers});
  py::class_<bu::OrderCancelled> cancelled(
      m, "OrderCancelled", "The actor's checked-out order back in progress, its projects kept.");
  def_fields(cancelled, Field{"budget", &bu::OrderCancelled::budget});
  py::class_<bu::SelectionRecorded> selection(
      m, "SelectionRecorded",
      "The selection after voting: a pb rule's outcome (computed), or an override with a reason.");
  def_fields(selection, Field{"budget", &bu::SelectionRecorded::budget},
             Field{"rule", &bu::SelectionRecorded::rule},
             Field{"selected", &bu::SelectionRecorded::selected},
             Field{"reason", &bu::SelectionRecorded::reason},
             Field{"computed", &bu::SelectionRecorded::computed});
}

void register_state(py::module_& m) {
  py::class_<bu::Project> project(m, "Project", "A project of a budget.");
  def_fields(project, Field{"id", &bu::Project::id}, Field{"title", &bu::Project::title},
             Field{"description", &bu::Project::description}, Field{"cost", &bu::Project::cost},
             Field{"category", &bu::Project::category}, Field{"proposals", &bu::Project::proposals},
             Field{"heading", &bu::Project::heading},
             Field{"incompatible", &bu::Project::incompatible},
             Field{"incompatible_reason", &bu::Project::incompatible_reason});
  py::class_<bu::HeadingGroup> group(m, "HeadingGroup", "A budget's group of headings.");
  def_fields(group, Field{"id", &bu::HeadingGroup::id}, Field{"title", &bu::HeadingGroup::title},
             Field{"max_headings", &bu::HeadingGroup::max_headings});
  py::class_<bu::Heading> heading(m, "Heading", "A budget's heading and its money.");
  def_fields(heading, Field{"id", &bu::Heading::id}, Field{"group", &bu::Heading::group},
             Field{"title", &bu::Heading::title}, Field{"money", &bu::Heading::money});
  py::class_<bu::Order> order(m, "Order", "A participant's ballot in a budget.");
  def_fields(order, Field{"projects", &bu::Order::projects},
             Field{"checked_out", &bu::Order::checked_out},
             Field{"checked_out_at", &bu::Order::checked_out_at},
             Field{"channel", &bu::Order::channel}, Field{"station", &bu::Order::station});
  py::class_<bu::Station> station(m, "Station", "A polling station of the component.");
  def_fields(station, Field{"id", &bu::Station::id}, Field{"name", &bu::Station::name},
             Field{"officers", &bu::Station::officers});
  py::class_<bu::Selection> selection(m, "Selection", "A budget's recorded selection.");
  def_fields(selection, Field{"rule", &bu::Selection::rule},
             Field{"computed", &bu::Selection::computed},
             Field{"selected", &bu::Selection::selected}, Field{"reason", &bu::Selection::reason});
  py::class_<bu::Budget> budget(m, "Budget", "A budget as the record holds it.");
  def_fields(budget, Field{"id", &bu::Budget::id}, Field{"title", &bu::Budget::title},
             Field{"total", &bu::Budget::total}, Field{"rule", &bu::Budget::rule},
             Field{"scope", &bu::Budget::scope}, Field{"projects", &bu::Budget::projects},
             Field{"orders", &bu::Budget::orders}, Field{"selection", &bu::Budget::selection},
             Field{"groups", &bu::Budget::groups}, Field{"headings", &bu::Budget::headings});
  py::class_<bu::State> state(m, "State", "A budgets component's state; attributes are copies.");
  state.def_readonly("budgets", &bu::State::budgets)
      .def_readonly("added", &bu::State::added, "budget ids in the order they were added")
      .def_readonly("stations", &bu::State::stations,
                    "the polling stations in the order they were added")
      .def("__repr__", [](const bu::State& s) {
        return str_cat("budgets.State(budgets=", s.budgets.size(), ")");
      });
  def_not_picklable(state, "pickle the events (Ledger.events()) and fold them with evolve()");
}

void document_fields(const py::module_& m) {
  document_attributes(
      m,
      {{"id", "Its id."},
       {"budget", "The budget's id."},
       {"project", "The project's id."},
       {"title", "Its title."},
       {"description", "Its description."},
       {"total", "The money to spend, in whole units of the organization's currency."},
       {"cost", "What it costs, in whole units of the organization's currency."},
       {"category", "Its category."},
       {"proposals", "The proposals it came from."},
       {"scope", "The district whose residents vote in it; None: everyone the component admits."},
       {"rule", "The ballot rule an order must satisfy to be checked out."},
       {"BallotRule.kind",
        "threshold, minimum-projects, projects-range, knapsack or approval; the numbers it does "
        "not read stay 0."},
       {"BallotRule.threshold_percent", "The least share of the total a threshold order spends."},
       {"BallotRule.minimum_projects", "The fewest projects an order holds."},
       {"BallotRule.maximum_projects", "The most projects an order holds."},
       {"OrderChanged.added", "Whether the project is added (False removes it)."},
       {"SelectionRecorded.rule", "The pb rule run over the checked-out orders."},
       {"SelectionRecorded.selected",
        "The projects selected; empty takes the computed ones, anything else overrides them."},
       {"SelectionRecorded.reason", "Why the selection overrides the computed one."},
       {"SelectionRecorded.computed", "The rule's outcome, filled in when recorded."},
       {"Selection.rule", "The pb rule that computed the outcome."},
       {"Selection.computed", "The rule's outcome over the checked-out orders."},
       {"Selection.selected", "The projects selected."},
       {"Selection.reason", "Why it overrides the computed one; empty when it does not."},
       {"Order.projects", "The projects in it, in the order they were added."},
       {"Order.checked_out", "Whether it is checked out (a vote) rather than in progress."},
       {"Order.checked_out_at", "When it was checked out; None while in progress."},
       {"Order.channel", "How it was checked out: online, in person or mediated."},
       {"Budget.projects", "Its projects in the order they were added."},
       {"Budget.orders", "Each participant's order, in progress or checked out."},
       {"Budget.selection", "The recorded selection; None before one."},
       {"State.budgets", "Every budget by id."},
       {"heading", "The heading's id; None in a budget without headings."},
       {"group", "The heading group's id."},
       {"max_headings", "How many of the group's headings one participant supports projects in."},
       {"money", "The heading's share of the total, in whole units of the currency."},
       {"incompatible", "Whether the project is marked incompatible: it never wins."},
       {"IncompatibilityMarked.reason", "Why the project is incompatible (needed to mark it)."},
       {"Project.incompatible_reason", "Why it is marked incompatible; empty when it is not."},
       {"Budget.groups", "Its heading groups in the order they were added."},
       {"Budget.headings", "Its headings in the order they were added."},
       {"station",
        "The polling station whose officer typed the order in; None online, mediated or at no "
        "station."},
       {"name", "The station's name."},
       {"officers", "The participants who type in its paper ballots."},
       {"StationAdded.station", "The station's id."}});
}

}  // namespace

void register_budgets(py::module_& m) {
  bu::register_kind();
  register_payloads(m);
  register_state(m);
  register_component_any<bu::Payload, bu::State>();
  m.def(
      "state_of",
      [](const space::Organization& organization, ComponentId component) {
        return unwrap(bu::state_of(organization, component));
      },
      "organization"_a, "component"_a, py::return_value_policy::reference_internal,
      "The budgets state of a component (KeyError: no such component; ValueError: another "
      "kind). It lives as long as the organization.");
  m.def(
      "election_of", [](const bu::Budget& budget) { return unwrap(bu::election_of(budget)); },
      "budget"_a,
      "The budget's checked-out orders as a pb.Election (approval ballots; project ids are the "
      "projects' ids), ready for any pb rule or io.write_pabulib.");
  m.def("consul_rules", &bu::consul_rules, "budget"_a,
        "The budget's headings, groups and incompatible projects as pb.ConsulRules (what the "
        "consul pb rule reads to select per heading).");
  m.def(
      "drawn_budget",
      [](const bu::State& state, ComponentId component, ParticipantId participant) {
        return unwrap(bu::drawn_budget(state, component, participant));
      },
      "state"_a, "component"_a, "participant"_a,
      "The budget a participant may vote in under workflow 'random'.");
  m.def(
      "import_payloads",
      [](const pb::Instance& instance, BudgetId budget, const bu::BallotRule& rule) {
        return unwrap(bu::import_payloads(instance, budget, rule));
      },
      "instance"_a, "budget"_a, "rule"_a = bu::BallotRule{},
      "The payloads an admin executes to set up budget `budget` (a new id) from a pb instance's "
      "projects: BudgetAdded, then a ProjectAdded per project.");
  document_fields(m);
}

}  // namespace participa::python
