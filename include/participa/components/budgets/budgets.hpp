// participa/components/budgets/budgets.hpp — the budgets component: budgets with projects,
// participants' orders checked out under a frozen ballot rule, and a selection by any pb rule.
//
// Register once with `register_kind()` (the `Ledger` does it). An admin adds budgets and their
// projects; while `votes_enabled` holds, a participant fills an order (adds and removes projects)
// and checks it out, which the budget's ballot rule must accept; a checked-out order may be
// cancelled (it is in progress again) while voting is open. The rule and the projects are frozen
// once the budget's first order exists. After voting, an admin records the selection: a pb rule
// (pb/registry.hpp) runs over the checked-out orders as approval ballots, and the admin may
// override its outcome only with a stated reason; both stay in the record.
//
// Ballot rules follow Decidim and Consul (pb/ballot_rules.hpp):
//   threshold         spend at least `threshold_percent` % of the total, never more than it;
//   minimum-projects  at least `minimum_projects` projects, within the total;
//   projects-range    between `minimum_projects` and `maximum_projects` projects, any cost;
//   knapsack          any projects within the total (Consul);
//   approval          at most `maximum_projects` projects, any cost (Consul).
// Adding a project that a rule's bound can never allow (over the total, or one project too many)
// is refused at once, as Decidim does, so an order is never filled past its checkout.
//
// Consul's rules (knapsack, approval) also know headings and incompatible projects. Headings
// split a budget's total (districts, themes): each belongs to a group, every project then names
// its heading, the knapsack bound holds per heading's money and the approval bound per heading,
// and a participant supports projects in at most `max_headings` headings of a group. An admin
// may mark a project incompatible with a stated reason at any time before the selection (Consul
// does it when a project turns out unfeasible): it can no longer be added or checked out, and
// the selection leaves it out. A budget with headings or an incompatible project is selected by
// the `consul` rule, the one that counts per heading and knows incompatibility; another rule is
// refused rather than count the budget as one pot.
//
// Paper ballots at polling stations: an admin adds the component's stations with their
// officers; a participant voting in person checks out at a station, their order typed in by one
// of its officers (`Actor{participant, kInPerson, officer}`), and the order keeps the station.
//
// Settings (global): workflow — "all" (vote in every budget), "one" (check out in one budget of
// the component), "random" (only in the budget drawn for the participant from the component's
// and the participant's ids, the same draw on every replay); census_handler (default
// "census": the authorization whose "scope" attribute says where a participant lives, for
// budgets with a scope). Settings (per phase): votes_enabled.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "participa/components/proposals/ids.hpp"
#include "participa/core/names.hpp"
#include "participa/pb/ballot_rules.hpp"
#include "participa/pb/instance.hpp"
#include "participa/space/ids.hpp"
#include "participa/space/organization.hpp"

namespace participa {
using BudgetId = Id<struct BudgetTag>;
using BudgetProjectId = Id<struct BudgetProjectTag>;
using HeadingGroupId = Id<struct HeadingGroupTag>;
using HeadingId = Id<struct HeadingTag>;
}  // namespace participa

namespace participa::components::budgets {

inline constexpr std::string_view kKind = "budgets";

enum class RuleKind { kThreshold, kMinimumProjects, kProjectsRange, kKnapsack, kApproval };
inline constexpr std::array<Named<RuleKind>, 5> kRuleKindNames = {{
    {RuleKind::kThreshold, "threshold"},
    {RuleKind::kMinimumProjects, "minimum-projects"},
    {RuleKind::kProjectsRange, "projects-range"},
    {RuleKind::kKnapsack, "knapsack"},
    {RuleKind::kApproval, "approval"},
}};

// BallotRule — which rule, and the numbers it reads (the others stay 0).
struct BallotRule {
  RuleKind kind = RuleKind::kThreshold;
  std::int64_t threshold_percent = 70;  // Decidim's default
  std::int64_t minimum_projects = 0;
  std::int64_t maximum_projects = 0;
  friend bool operator==(const BallotRule&, const BallotRule&) = default;
};

// The payloads. Amounts are whole units of the organization's currency.
// A budget with a scope (a district) takes votes only from participants whose
// `census_handler` authorization places them within it (its "scope" attribute).
struct BudgetAdded {
  BudgetId budget{};
  std::string title{};
  std::int64_t total = 0;
  BallotRule rule{};
  ScopeId scope{};  // nil: everyone the component admits
};
struct ProjectAdded {
  BudgetId budget{};
  BudgetProjectId project{};
  std::string title{};
  std::string description{};
  std::int64_t cost = 0;
  std::string category{};
  std::vector<ProposalId> proposals{};  // the proposals it came from
  HeadingId heading{};                  // nil in a budget without headings
};
// Consul's heading groups and headings, added before the budget's first order. Titles are
// unique within a budget (they name headings and groups in every message); the headings' money
// adds up to no more than the budget's total.
struct HeadingGroupAdded {
  BudgetId budget{};
  HeadingGroupId group{};
  std::string title{};
  std::int64_t max_headings = 1;  // headings of the group one participant supports projects in
};
struct HeadingAdded {
  BudgetId budget{};
  HeadingId heading{};
  HeadingGroupId group{};
  std::string title{};
  std::int64_t money = 0;
};
// A polling station of the component, where its officers type in paper ballots.
struct StationAdded {
  StationId station{};
  std::string name{};
  std::vector<ParticipantId> officers{};
};
// An admin marks a project incompatible (it can no longer be supported and never wins), with its
// reason, or takes the mark back (incompatible = false, no reason needed).
struct IncompatibilityMarked {
  BudgetId budget{};
  BudgetProjectId project{};
  bool incompatible = true;
  std::string reason{};
};
struct RuleChanged {
  BudgetId budget{};
  BallotRule rule{};
};
// A participant adds a project to their order in progress (added = false removes it).
struct OrderChanged {
  BudgetId budget{};
  BudgetProjectId project{};
  bool added = true;
};
// `station`: for an order checked out in person, the polling station whose officer typed it
// in (nil: at no station, as at the city hall's desk); nil online and through a mediator.
struct OrderCheckedOut {
  BudgetId budget{};
  StationId station{};
};
struct OrderCancelled {
  BudgetId budget{};
};
// An admin records the selection. `rule` names a pb rule; decide fills `computed` with its
// outcome over the checked-out orders. An empty `selected` takes the computed one; another
// selection is an override and needs a `reason`.
struct SelectionRecorded {
  BudgetId budget{};
  std::string rule{};
  std::vector<BudgetProjectId> selected{};
  std::string reason{};
  std::vector<BudgetProjectId> computed{};
};

using Payload = std::variant<BudgetAdded, ProjectAdded, RuleChanged, OrderChanged, OrderCheckedOut,
                             OrderCancelled, SelectionRecorded, HeadingGroupAdded, HeadingAdded,
                             IncompatibilityMarked, StationAdded>;

std::string_view payload_name(const Payload& payload);

struct Project {
  BudgetProjectId id{};
  std::string title{};
  std::string description{};
  std::int64_t cost = 0;
  std::string category{};
  std::vector<ProposalId> proposals{};
  HeadingId heading{};
  bool incompatible = false;
  std::string incompatible_reason{};
  friend bool operator==(const Project&, const Project&) = default;
};

struct HeadingGroup {
  HeadingGroupId id{};
  std::string title{};
  std::int64_t max_headings = 1;
  friend bool operator==(const HeadingGroup&, const HeadingGroup&) = default;
};

struct Heading {
  HeadingId id{};
  HeadingGroupId group{};
  std::string title{};
  std::int64_t money = 0;
  friend bool operator==(const Heading&, const Heading&) = default;
};

struct Order {
  std::vector<BudgetProjectId> projects{};  // in the order they were added
  bool checked_out = false;
  std::optional<absl::Time> checked_out_at{};
  space::Channel channel = space::Channel::kOnline;  // of the checkout
  StationId station{};                               // of a checkout at a polling station
  friend bool operator==(const Order&, const Order&) = default;
};

struct Selection {
  std::string rule{};
  std::vector<BudgetProjectId> computed{};
  std::vector<BudgetProjectId> selected{};
  std::string reason{};  // empty unless the selection overrides the computed one
  friend bool operator==(const Selection&, const Selection&) = default;
};

struct Budget {
  BudgetId id{};
  std::string title{};
  std::int64_t total = 0;
  BallotRule rule{};
  ScopeId scope{};
  std::vector<Project> projects{};  // in the order they were added
  std::map<ParticipantId, Order> orders{};
  std::optional<Selection> selection{};
  std::vector<HeadingGroup> groups{};  // in the order they were added
  std::vector<Heading> headings{};     // in the order they were added
  friend bool operator==(const Budget&, const Budget&) = default;
};

struct Station {
  StationId id{};
  std::string name{};
  std::vector<ParticipantId> officers{};
  friend bool operator==(const Station&, const Station&) = default;
};

struct State {
  std::map<BudgetId, Budget> budgets{};
  std::vector<BudgetId> added{};    // budgets in the order they were added
  std::vector<Station> stations{};  // in the order they were added
  friend bool operator==(const State&, const State&) = default;
};

void register_kind();

// state_of — the budgets state of a component; NotFound / InvalidArgument when the component
// does not exist or is of another kind.
absl::StatusOr<const State*> state_of(const space::Organization& organization,
                                      ComponentId component);

// election_of — the budget's checked-out orders as a pb election: projects in the order they
// were added (ids are the projects' ids), approval ballots, the total as the budget limit.
absl::StatusOr<pb::Election> election_of(const Budget& budget);

// consul_rules — the budget's headings, groups and incompatible projects as the pb layer's
// Consul rules (headings and groups by title, projects by id, as in election_of), with the
// style of its rule: what the `consul` pb rule reads to select per heading.
pb::ConsulRules consul_rules(const Budget& budget);

// import_payloads — what an admin executes to set up a budget from a pb instance (a pabulib
// file's projects): BudgetAdded for `budget` (a new id the caller chose) with the instance's
// budget, description and `rule`, then a ProjectAdded per project (title its name, or its id
// when unnamed; its first category). InvalidArgument for a cost or budget that is not a whole
// positive number. Votes are not imported: orders are what participants do.
absl::StatusOr<std::vector<Payload>> import_payloads(const pb::Instance& instance, BudgetId budget,
                                                     BallotRule rule = {});

// drawn_budget — the budget a participant may vote in under workflow "random";
// FailedPrecondition when the component has no budget.
absl::StatusOr<BudgetId> drawn_budget(const State& state, ComponentId component,
                                      ParticipantId participant);

}  // namespace participa::components::budgets
