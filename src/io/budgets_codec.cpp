#include "io/component_codecs.hpp"

#include <algorithm>

#include "io/record_fields.hpp"
#include "participa/components/budgets/budgets.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/v1/budgets.pb.h"

namespace participa::io::detail {
namespace {

namespace bu = participa::components::budgets;

void put_rule(const bu::BallotRule& rule, v1::BallotRule& m) {
  m.set_kind(std::string(name_of(bu::kRuleKindNames, rule.kind)));
  m.set_threshold_percent(rule.threshold_percent);
  m.set_minimum_projects(rule.minimum_projects);
  m.set_maximum_projects(rule.maximum_projects);
}

absl::StatusOr<bu::BallotRule> get_rule(const v1::BallotRule& m) {
  bu::BallotRule rule;
  absl::StatusOr<bu::RuleKind> kind = parse_name(bu::kRuleKindNames, "rule kind", m.kind());
  if (!kind.ok()) return absl::DataLossError(std::string(kind.status().message()));
  rule.kind = *kind;
  rule.threshold_percent = m.threshold_percent();
  rule.minimum_projects = m.minimum_projects();
  rule.maximum_projects = m.maximum_projects();
  return rule;
}

void put_budget_added(const bu::BudgetAdded& e, v1::BudgetAdded& out) {
  out.set_budget(id_bytes(e.budget));
  out.set_title(e.title);
  out.set_total(e.total);
  put_rule(e.rule, *out.mutable_rule());
  out.set_scope(id_bytes(e.scope));
}

absl::StatusOr<bu::BudgetAdded> get_budget_added(const v1::BudgetAdded& in) {
  bu::BudgetAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.budget(), out.budget, "budget"));
  out.title = in.title();
  out.total = in.total();
  PARTICIPA_ASSIGN_OR_RETURN(out.rule, get_rule(in.rule()));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.scope(), out.scope, "scope"));
  return out;
}

void put_project_added(const bu::ProjectAdded& e, v1::BudgetProjectAdded& out) {
  out.set_budget(id_bytes(e.budget));
  out.set_project(id_bytes(e.project));
  out.set_title(e.title);
  out.set_description(e.description);
  out.set_cost(e.cost);
  out.set_category(e.category);
  put_ids(e.proposals, out.mutable_proposals());
  out.set_heading(id_bytes(e.heading));
}

absl::StatusOr<bu::ProjectAdded> get_project_added(const v1::BudgetProjectAdded& in) {
  bu::ProjectAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.budget(), out.budget, "budget"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.project(), out.project, "project"));
  out.title = in.title();
  out.description = in.description();
  out.cost = in.cost();
  out.category = in.category();
  PARTICIPA_RETURN_IF_ERROR(read_ids(in.proposals(), out.proposals, "proposal"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.heading(), out.heading, "heading"));
  return out;
}

void put_station(const bu::StationAdded& e, v1::BudgetStationAdded& out) {
  out.set_station(id_bytes(e.station));
  out.set_name(e.name);
  put_ids(e.officers, out.mutable_officers());
}

absl::StatusOr<bu::StationAdded> get_station(const v1::BudgetStationAdded& in) {
  bu::StationAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.station(), out.station, "station"));
  out.name = in.name();
  PARTICIPA_RETURN_IF_ERROR(read_ids(in.officers(), out.officers, "officer"));
  return out;
}

void put_group_added(const bu::HeadingGroupAdded& e, v1::BudgetHeadingGroupAdded& out) {
  out.set_budget(id_bytes(e.budget));
  out.set_group(id_bytes(e.group));
  out.set_title(e.title);
  out.set_max_headings(e.max_headings);
}

absl::StatusOr<bu::HeadingGroupAdded> get_group_added(const v1::BudgetHeadingGroupAdded& in) {
  bu::HeadingGroupAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.budget(), out.budget, "budget"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.group(), out.group, "group"));
  out.title = in.title();
  out.max_headings = in.max_headings();
  return out;
}

void put_heading_added(const bu::HeadingAdded& e, v1::BudgetHeadingAdded& out) {
  out.set_budget(id_bytes(e.budget));
  out.set_heading(id_bytes(e.heading));
  out.set_group(id_bytes(e.group));
  out.set_title(e.title);
  out.set_money(e.money);
}

absl::StatusOr<bu::HeadingAdded> get_heading_added(const v1::BudgetHeadingAdded& in) {
  bu::HeadingAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.budget(), out.budget, "budget"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.heading(), out.heading, "heading"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.group(), out.group, "group"));
  out.title = in.title();
  out.money = in.money();
  return out;
}

void put_incompatibility(const bu::IncompatibilityMarked& e, v1::BudgetIncompatibilityMarked& out) {
  out.set_budget(id_bytes(e.budget));
  out.set_project(id_bytes(e.project));
  out.set_incompatible(e.incompatible);
  out.set_reason(e.reason);
}

absl::StatusOr<bu::IncompatibilityMarked> get_incompatibility(
    const v1::BudgetIncompatibilityMarked& in) {
  bu::IncompatibilityMarked out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.budget(), out.budget, "budget"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.project(), out.project, "project"));
  out.incompatible = in.incompatible();
  out.reason = in.reason();
  return out;
}

void put_selection(const bu::SelectionRecorded& e, v1::BudgetSelectionRecorded& out) {
  out.set_budget(id_bytes(e.budget));
  out.set_rule(e.rule);
  put_ids(e.selected, out.mutable_selected());
  out.set_reason(e.reason);
  put_ids(e.computed, out.mutable_computed());
}

absl::StatusOr<bu::SelectionRecorded> get_selection(const v1::BudgetSelectionRecorded& in) {
  bu::SelectionRecorded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.budget(), out.budget, "budget"));
  out.rule = in.rule();
  PARTICIPA_RETURN_IF_ERROR(read_ids(in.selected(), out.selected, "selected project"));
  out.reason = in.reason();
  PARTICIPA_RETURN_IF_ERROR(read_ids(in.computed(), out.computed, "computed project"));
  return out;
}

absl::StatusOr<std::string> encode_payload(const std::any& payload) {
  const auto& p = std::any_cast<const bu::Payload&>(payload);
  v1::BudgetsEvent m;
  std::visit(
      Overloaded{
          [&](const bu::BudgetAdded& e) { put_budget_added(e, *m.mutable_budget_added()); },
          [&](const bu::ProjectAdded& e) { put_project_added(e, *m.mutable_project_added()); },
          [&](const bu::RuleChanged& e) {
            auto* out = m.mutable_rule_changed();
            out->set_budget(id_bytes(e.budget));
            put_rule(e.rule, *out->mutable_rule());
          },
          [&](const bu::OrderChanged& e) {
            auto* out = m.mutable_order_changed();
            out->set_budget(id_bytes(e.budget));
            out->set_project(id_bytes(e.project));
            out->set_added(e.added);
          },
          [&](const bu::OrderCheckedOut& e) {
            m.mutable_order_checked_out()->set_budget(id_bytes(e.budget));
            m.mutable_order_checked_out()->set_station(id_bytes(e.station));
          },
          [&](const bu::StationAdded& e) { put_station(e, *m.mutable_station_added()); },
          [&](const bu::OrderCancelled& e) {
            m.mutable_order_cancelled()->set_budget(id_bytes(e.budget));
          },
          [&](const bu::SelectionRecorded& e) {
            put_selection(e, *m.mutable_selection_recorded());
          },
          [&](const bu::HeadingGroupAdded& e) {
            put_group_added(e, *m.mutable_heading_group_added());
          },
          [&](const bu::HeadingAdded& e) { put_heading_added(e, *m.mutable_heading_added()); },
          [&](const bu::IncompatibilityMarked& e) {
            put_incompatibility(e, *m.mutable_incompatibility_marked());
          },
      },
      p);
  return deterministic_bytes(m);
}

absl::StatusOr<std::any> decode_payload(std::string_view bytes) {
  v1::BudgetsEvent m;
  if (!m.ParseFromString(std::string(bytes))) {
    return absl::DataLossError("the budgets payload does not parse");
  }
  switch (m.event_case()) {
    case v1::BudgetsEvent::kBudgetAdded: {
      PARTICIPA_ASSIGN_OR_RETURN(bu::BudgetAdded out, get_budget_added(m.budget_added()));
      return std::any(bu::Payload(std::move(out)));
    }
    case v1::BudgetsEvent::kProjectAdded: {
      PARTICIPA_ASSIGN_OR_RETURN(bu::ProjectAdded out, get_project_added(m.project_added()));
      return std::any(bu::Payload(std::move(out)));
    }
    case v1::BudgetsEvent::kRuleChanged: {
      bu::RuleChanged out;
      PARTICIPA_RETURN_IF_ERROR(read_id(m.rule_changed().budget(), out.budget, "budget"));
      PARTICIPA_ASSIGN_OR_RETURN(out.rule, get_rule(m.rule_changed().rule()));
      return std::any(bu::Payload(std::move(out)));
    }
    case v1::BudgetsEvent::kOrderChanged: {
      bu::OrderChanged out;
      PARTICIPA_RETURN_IF_ERROR(read_id(m.order_changed().budget(), out.budget, "budget"));
      PARTICIPA_RETURN_IF_ERROR(read_id(m.order_changed().project(), out.project, "project"));
      out.added = m.order_changed().added();
      return std::any(bu::Payload(std::move(out)));
    }
    case v1::BudgetsEvent::kOrderCheckedOut: {
      bu::OrderCheckedOut out;
      PARTICIPA_RETURN_IF_ERROR(read_id(m.order_checked_out().budget(), out.budget, "budget"));
      PARTICIPA_RETURN_IF_ERROR(read_id(m.order_checked_out().station(), out.station, "station"));
      return std::any(bu::Payload(std::move(out)));
    }
    case v1::BudgetsEvent::kOrderCancelled: {
      bu::OrderCancelled out;
      PARTICIPA_RETURN_IF_ERROR(read_id(m.order_cancelled().budget(), out.budget, "budget"));
      return std::any(bu::Payload(std::move(out)));
    }
    case v1::BudgetsEvent::kSelectionRecorded: {
      PARTICIPA_ASSIGN_OR_RETURN(bu::SelectionRecorded out, get_selection(m.selection_recorded()));
      return std::any(bu::Payload(std::move(out)));
    }
    case v1::BudgetsEvent::kStationAdded: {
      PARTICIPA_ASSIGN_OR_RETURN(bu::StationAdded out, get_station(m.station_added()));
      return std::any(bu::Payload(std::move(out)));
    }
    case v1::BudgetsEvent::kHeadingGroupAdded: {
      PARTICIPA_ASSIGN_OR_RETURN(bu::HeadingGroupAdded out,
                                 get_group_added(m.heading_group_added()));
      return std::any(bu::Payload(std::move(out)));
    }
    case v1::BudgetsEvent::kHeadingAdded: {
      PARTICIPA_ASSIGN_OR_RETURN(bu::HeadingAdded out, get_heading_added(m.heading_added()));
      return std::any(bu::Payload(std::move(out)));
    }
    case v1::BudgetsEvent::kIncompatibilityMarked: {
      PARTICIPA_ASSIGN_OR_RETURN(bu::IncompatibilityMarked out,
                                 get_incompatibility(m.incompatibility_marked()));
      return std::any(bu::Payload(std::move(out)));
    }
    default:
      return absl::DataLossError("the budgets payload holds no known event");
  }
}

absl::StatusOr<std::string> encode_state(const std::any& value) {
  const auto& state = std::any_cast<const bu::State&>(value);
  v1::BudgetsState m;
  if (state.added.size() != state.budgets.size()) {
    return absl::InvalidArgumentError("the budgets state lists its budgets inconsistently");
  }
  for (BudgetId id : state.added) {
    auto found = state.budgets.find(id);
    if (found == state.budgets.end()) {
      return absl::InvalidArgumentError("the budgets state lists a budget it does not hold");
    }
    const bu::Budget& budget = found->second;
    v1::BudgetState& out = *m.add_budgets();
    put_budget_added({budget.id, budget.title, budget.total, budget.rule, budget.scope},
                     *out.mutable_budget());
    for (const bu::Project& project : budget.projects) {
      put_project_added({budget.id, project.id, project.title, project.description, project.cost,
                         project.category, project.proposals, project.heading},
                        *out.add_projects());
      if (project.incompatible) {
        put_incompatibility({budget.id, project.id, true, project.incompatible_reason},
                            *out.add_incompatible());
      }
    }
    for (const bu::HeadingGroup& group : budget.groups) {
      put_group_added({budget.id, group.id, group.title, group.max_headings}, *out.add_groups());
    }
    for (const bu::Heading& heading : budget.headings) {
      put_heading_added({budget.id, heading.id, heading.group, heading.title, heading.money},
                        *out.add_headings());
    }
    for (const auto& [participant, order] : budget.orders) {
      v1::BudgetOrder& om = *out.add_orders();
      om.set_participant(id_bytes(participant));
      put_ids(order.projects, om.mutable_projects());
      om.set_checked_out(order.checked_out);
      if (order.checked_out_at) om.set_checked_out_at(micros(*order.checked_out_at));
      om.set_channel(static_cast<std::uint32_t>(order.channel));
      om.set_station(id_bytes(order.station));
    }
    if (budget.selection) {
      const bu::Selection& s = *budget.selection;
      put_selection({budget.id, s.rule, s.selected, s.reason, s.computed},
                    *out.mutable_selection());
    }
  }
  for (const bu::Station& station : state.stations) {
    put_station({station.id, station.name, station.officers}, *m.add_stations());
  }
  return deterministic_bytes(m);
}

// A budget of the state, with its groups, headings, projects and orders; `stations` are the
// state's polling stations, which orders name.
absl::StatusOr<bu::Budget> get_budget(const v1::BudgetState& in,
                                      const std::vector<bu::Station>& stations) {
  PARTICIPA_ASSIGN_OR_RETURN(bu::BudgetAdded added, get_budget_added(in.budget()));
  bu::Budget budget{.id = added.budget,
                    .title = added.title,
                    .total = added.total,
                    .rule = added.rule,
                    .scope = added.scope};
  auto holds_group = [&](HeadingGroupId id) {
    return std::any_of(budget.groups.begin(), budget.groups.end(),
                       [&](const bu::HeadingGroup& group) { return group.id == id; });
  };
  auto holds_heading = [&](HeadingId id) {
    return std::any_of(budget.headings.begin(), budget.headings.end(),
                       [&](const bu::Heading& heading) { return heading.id == id; });
  };
  for (const v1::BudgetHeadingGroupAdded& gm : in.groups()) {
    PARTICIPA_ASSIGN_OR_RETURN(bu::HeadingGroupAdded g, get_group_added(gm));
    if (holds_group(g.group)) return absl::DataLossError("the budgets state holds a group twice");
    budget.groups.push_back({g.group, g.title, g.max_headings});
  }
  for (const v1::BudgetHeadingAdded& hm : in.headings()) {
    PARTICIPA_ASSIGN_OR_RETURN(bu::HeadingAdded h, get_heading_added(hm));
    if (holds_heading(h.heading) || !holds_group(h.group)) {
      return absl::DataLossError("the budgets state holds a heading twice or outside its groups");
    }
    budget.headings.push_back({h.heading, h.group, h.title, h.money});
  }
  for (const v1::BudgetProjectAdded& pm : in.projects()) {
    PARTICIPA_ASSIGN_OR_RETURN(bu::ProjectAdded p, get_project_added(pm));
    if (!p.heading.is_nil() && !holds_heading(p.heading)) {
      return absl::DataLossError("the budgets state holds a project outside its headings");
    }
    budget.projects.push_back(
        {p.project, p.title, p.description, p.cost, p.category, p.proposals, p.heading});
  }
  for (const v1::BudgetIncompatibilityMarked& im : in.incompatible()) {
    PARTICIPA_ASSIGN_OR_RETURN(bu::IncompatibilityMarked mark, get_incompatibility(im));
    auto project = std::find_if(budget.projects.begin(), budget.projects.end(),
                                [&](const bu::Project& p) { return p.id == mark.project; });
    if (project == budget.projects.end() || project->incompatible) {
      return absl::DataLossError("the budgets state marks a project it does not hold, or twice");
    }
    project->incompatible = true;
    project->incompatible_reason = mark.reason;
  }
  for (const v1::BudgetOrder& om : in.orders()) {
    ParticipantId participant;
    PARTICIPA_RETURN_IF_ERROR(read_id(om.participant(), participant, "participant"));
    bu::Order order;
    PARTICIPA_RETURN_IF_ERROR(read_ids(om.projects(), order.projects, "project"));
    order.checked_out = om.checked_out();
    if (om.has_checked_out_at()) order.checked_out_at = from_micros(om.checked_out_at());
    PARTICIPA_RETURN_IF_ERROR(
        read_enum(om.channel(), order.channel, space::kChannelNames, "channel"));
    PARTICIPA_RETURN_IF_ERROR(read_id(om.station(), order.station, "station"));
    if (!order.station.is_nil() &&
        std::none_of(stations.begin(), stations.end(),
                     [&](const bu::Station& station) { return station.id == order.station; })) {
      return absl::DataLossError("the budgets state holds an order from an unknown station");
    }
    if (!budget.orders.emplace(participant, std::move(order)).second) {
      return absl::DataLossError("the budgets state holds an order twice");
    }
  }
  if (in.has_selection()) {
    PARTICIPA_ASSIGN_OR_RETURN(bu::SelectionRecorded s, get_selection(in.selection()));
    budget.selection = bu::Selection{s.rule, s.computed, s.selected, s.reason};
  }
  return budget;
}

absl::StatusOr<std::any> decode_state(std::string_view bytes) {
  v1::BudgetsState m;
  if (!m.ParseFromString(std::string(bytes))) {
    return absl::DataLossError("the budgets state does not parse");
  }
  bu::State state;
  for (const v1::BudgetStationAdded& sm : m.stations()) {
    PARTICIPA_ASSIGN_OR_RETURN(bu::StationAdded station, get_station(sm));
    for (const bu::Station& other : state.stations) {
      if (other.id == station.station) {
        return absl::DataLossError("the budgets state holds a station twice");
      }
    }
    state.stations.push_back({station.station, station.name, station.officers});
  }
  for (const v1::BudgetState& in : m.budgets()) {
    PARTICIPA_ASSIGN_OR_RETURN(bu::Budget budget, get_budget(in, state.stations));
    state.added.push_back(budget.id);
    if (!state.budgets.emplace(budget.id, std::move(budget)).second) {
      return absl::DataLossError("the budgets state names a budget twice");
    }
  }
  return std::any(std::move(state));
}

}  // namespace

ComponentCodec budgets_payload_codec() {
  return ComponentCodec{"type.googleapis.com/participa.v1.BudgetsEvent", typeid(bu::Payload),
                        encode_payload, decode_payload};
}

StateCodec budgets_state_codec() {
  return StateCodec{"type.googleapis.com/participa.v1.BudgetsState", typeid(bu::State),
                    encode_state, decode_state};
}

}  // namespace participa::io::detail
