// The budgets component through the ledger: ballot rules as Decidim and Consul state them,
// orders and their checkout (also when participants race), the workflows over several budgets,
// the selection by a pb rule with a recorded override, and the record read back exactly.
// Expected selections are worked out by hand in the comments.
#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "city.hpp"
#include "participa/components/budgets/budgets.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/io/pabulib.hpp"
#include "participa/io/record.hpp"
#include "participa/io/snapshot.hpp"
#include "participa/store/verify.hpp"
#include "read_back.hpp"
#include "records.hpp"

namespace participa::testing {
namespace {

namespace bu = participa::components::budgets;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

// A city whose process also holds a budgets component, voting in the support phase.
class BudgetCity : public City {
 public:
  explicit BudgetCity(sp::Settings global = {},
                      std::unique_ptr<store::EventStore> events = store::memory_store())
      : City({}, std::move(events)) {
    bu::register_kind();
    budgets = body<sp::ComponentAdded>(
                  must(admin_command(sp::ComponentAdded{.space = space,
                                                        .kind = "budgets",
                                                        .name = "Budgets",
                                                        .settings = std::move(global)})))
                  .component;
    must(admin_command(sp::ComponentConfigured{budgets, support, {{"votes_enabled", true}}}));
    must(admin_command(sp::ComponentPublished{budgets}));
  }

  sp::Command by(ParticipantId who, bu::Payload payload) {
    return sp::Command{{who}, next_key(), sp::ComponentAction{budgets, std::move(payload)}};
  }
  absl::StatusOr<store::Receipt> act_on(ParticipantId who, bu::Payload payload) {
    return run(by(who, std::move(payload)));
  }
  static bu::Payload budget_payload(const store::Receipt& receipt) {
    return std::any_cast<bu::Payload>(std::get<sp::ComponentAction>(receipt.event.body).payload);
  }

  BudgetId add_budget(std::int64_t total, bu::BallotRule rule, std::string title = "City") {
    auto receipt =
        act_on(admin, bu::BudgetAdded{.title = std::move(title), .total = total, .rule = rule});
    EXPECT_TRUE(receipt.ok()) << receipt.status();
    return receipt.ok() ? std::get<bu::BudgetAdded>(budget_payload(*receipt)).budget : BudgetId();
  }
  BudgetProjectId add_project(BudgetId budget, std::string title, std::int64_t cost) {
    auto receipt =
        act_on(admin, bu::ProjectAdded{.budget = budget, .title = std::move(title), .cost = cost});
    EXPECT_TRUE(receipt.ok()) << receipt.status();
    return receipt.ok() ? std::get<bu::ProjectAdded>(budget_payload(*receipt)).project
                        : BudgetProjectId();
  }
  HeadingGroupId add_group(BudgetId budget, std::string title, std::int64_t max_headings) {
    auto receipt = act_on(
        admin, bu::HeadingGroupAdded{
                   .budget = budget, .title = std::move(title), .max_headings = max_headings});
    EXPECT_TRUE(receipt.ok()) << receipt.status();
    return receipt.ok() ? std::get<bu::HeadingGroupAdded>(budget_payload(*receipt)).group
                        : HeadingGroupId();
  }
  HeadingId add_heading(BudgetId budget, HeadingGroupId group, std::string title,
                        std::int64_t money) {
    auto receipt = act_on(
        admin, bu::HeadingAdded{
                   .budget = budget, .group = group, .title = std::move(title), .money = money});
    EXPECT_TRUE(receipt.ok()) << receipt.status();
    return receipt.ok() ? std::get<bu::HeadingAdded>(budget_payload(*receipt)).heading
                        : HeadingId();
  }
  BudgetProjectId add_project_in(BudgetId budget, HeadingId heading, std::string title,
                                 std::int64_t cost) {
    auto receipt = act_on(
        admin, bu::ProjectAdded{
                   .budget = budget, .title = std::move(title), .cost = cost, .heading = heading});
    EXPECT_TRUE(receipt.ok()) << receipt.status();
    return receipt.ok() ? std::get<bu::ProjectAdded>(budget_payload(*receipt)).project
                        : BudgetProjectId();
  }
  absl::StatusOr<store::Receipt> mark_incompatible(BudgetId budget, BudgetProjectId project,
                                                   std::string reason) {
    return act_on(admin, bu::IncompatibilityMarked{
                             .budget = budget, .project = project, .reason = std::move(reason)});
  }
  absl::StatusOr<store::Receipt> add(ParticipantId who, BudgetId budget, BudgetProjectId project) {
    return act_on(who, bu::OrderChanged{budget, project, true});
  }
  absl::StatusOr<store::Receipt> remove(ParticipantId who, BudgetId budget,
                                        BudgetProjectId project) {
    return act_on(who, bu::OrderChanged{budget, project, false});
  }
  absl::StatusOr<store::Receipt> checkout(ParticipantId who, BudgetId budget) {
    return act_on(who, bu::OrderCheckedOut{budget});
  }
  void close_votes() {
    must(admin_command(sp::ComponentConfigured{budgets, support, {{"votes_enabled", false}}}));
  }

  bu::State state() {
    return ledger->read([&](const sp::Organization& o) { return **bu::state_of(o, budgets); });
  }
  bu::Budget budget(BudgetId id) { return state().budgets.at(id); }

  ComponentId budgets;
};

// Four projects over a total of 100: A 40, B 30, C 50, D 20.
struct Park {
  explicit Park(BudgetCity& city, bu::BallotRule rule = {}) {
    budget = city.add_budget(100, rule);
    a = city.add_project(budget, "A", 40);
    b = city.add_project(budget, "B", 30);
    c = city.add_project(budget, "C", 50);
    d = city.add_project(budget, "D", 20);
  }
  BudgetId budget;
  BudgetProjectId a, b, c, d;
};

TEST(Budgets, OnlyAnAdminAddsBudgetsAndProjectsAndBadDefinitionsAreRefused) {
  BudgetCity city;
  ParticipantId ana = city.resident("ana");
  EXPECT_THAT(city.act_on(ana, bu::BudgetAdded{.title = "Mine", .total = 10}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("only an admin")));
  BudgetId budget = city.add_budget(100, {});
  struct Case {
    const char* what;
    bu::Payload payload;
    absl::StatusCode code;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"no title", bu::BudgetAdded{.title = "", .total = 10}, absl::StatusCode::kInvalidArgument,
       "title"},
      {"zero total", bu::BudgetAdded{.title = "X", .total = 0}, absl::StatusCode::kInvalidArgument,
       "not positive"},
      {"percent over 100",
       bu::BudgetAdded{.title = "X", .total = 10, .rule = {.threshold_percent = 101}},
       absl::StatusCode::kInvalidArgument, "within 0..100"},
      {"minimum 0",
       bu::BudgetAdded{.title = "X",
                       .total = 10,
                       .rule = {.kind = bu::RuleKind::kMinimumProjects, .minimum_projects = 0}},
       absl::StatusCode::kInvalidArgument, "at least 1"},
      {"range upside down",
       bu::BudgetAdded{.title = "X",
                       .total = 10,
                       .rule = {.kind = bu::RuleKind::kProjectsRange,
                                .minimum_projects = 3,
                                .maximum_projects = 2}},
       absl::StatusCode::kInvalidArgument, "projects range 3..2"},
      {"approval without maximum",
       bu::BudgetAdded{.title = "X", .total = 10, .rule = {.kind = bu::RuleKind::kApproval}},
       absl::StatusCode::kInvalidArgument, "maximum_projects"},
      {"project of no budget", bu::ProjectAdded{.budget = BudgetId(), .title = "P", .cost = 1},
       absl::StatusCode::kNotFound, "does not exist"},
      {"project costing nothing", bu::ProjectAdded{.budget = budget, .title = "P", .cost = 0},
       absl::StatusCode::kInvalidArgument, "not positive"},
      {"project without a title", bu::ProjectAdded{.budget = budget, .cost = 5},
       absl::StatusCode::kInvalidArgument, "title"},
      {"project title not UTF-8", bu::ProjectAdded{.budget = budget, .title = "caf\xe9", .cost = 5},
       absl::StatusCode::kInvalidArgument, "UTF-8"},
      {"rule of no budget", bu::RuleChanged{.budget = BudgetId()}, absl::StatusCode::kNotFound,
       "does not exist"},
      {"selection of no budget", bu::SelectionRecorded{.budget = BudgetId(), .rule = "greedy"},
       absl::StatusCode::kNotFound, "does not exist"},
  };
  bu::State before = city.state();
  for (const Case& c : cases) {
    EXPECT_THAT(city.act_on(city.admin, c.payload), StatusIs(c.code, HasSubstr(c.message)))
        << c.what;
  }
  EXPECT_EQ(city.state(), before);
}

// A district's budget takes votes only from its residents: the census authorization's scope
// must lie within the budget's (North, below the city). A city-wide resident is refused.
TEST(Budgets, ABudgetWithAScopeTakesVotesFromItsResidentsOnly) {
  BudgetCity city;
  ScopeId north =
      BudgetCity::body<sp::ScopeAdded>(
          city.must(city.admin_command(sp::ScopeAdded{.name = "North", .parent = city.city_scope})))
          .scope;
  EXPECT_THAT(city.act_on(city.admin, bu::BudgetAdded{.title = "Nowhere",
                                                      .total = 10,
                                                      .scope = ScopeId::from_name("nowhere")}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("scope")));
  auto added = city.act_on(city.admin, bu::BudgetAdded{.title = "North",
                                                       .total = 100,
                                                       .rule = {.kind = bu::RuleKind::kKnapsack},
                                                       .scope = north});
  ASSERT_THAT(added, IsOk());
  const BudgetId budget = std::get<bu::BudgetAdded>(BudgetCity::budget_payload(*added)).budget;
  const BudgetProjectId park = city.add_project(budget, "Park", 40);
  city.open_support();
  ParticipantId ana = city.resident("ana");  // lives in the city, not in North
  EXPECT_THAT(city.add(ana, budget, park),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("'vote in North' needs the 'census' authorization"),
                             HasSubstr("is not within scope"))));
  ParticipantId bo = city.register_person("bo");
  city.must(city.admin_command(sp::AuthorizationGranted{
      bo, sp::Authorization{.handler = "census",
                            .unique_id = "census-bo",
                            .attributes = {{"postal_code", "46100"},
                                           {"birth_date", "1990-05-01"},
                                           {"scope", north.to_string()}}}}));
  ASSERT_THAT(city.add(bo, budget, park), IsOk());
  ASSERT_THAT(city.checkout(bo, budget), IsOk());
  EXPECT_EQ(city.budget(budget).scope, north);
  EXPECT_EQ(city.budget(budget).orders.size(), 1u);
}

TEST(Budgets, AThresholdOrderSpendsAtLeastItsShareAndNeverMoreThanTheTotal) {
  BudgetCity city;
  Park park(city, {.kind = bu::RuleKind::kThreshold, .threshold_percent = 70});
  ParticipantId ana = city.resident("ana");
  EXPECT_THAT(city.add(ana, park.budget, park.a),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("votes_enabled")));
  city.open_support();
  ASSERT_THAT(city.add(ana, park.budget, park.a), IsOk());  // 40
  EXPECT_THAT(city.add(ana, park.budget, park.a),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("holds 'A' already")));
  // 40 of 100 is under 70 %.
  EXPECT_THAT(city.checkout(ana, park.budget),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("does not meet")));
  ASSERT_THAT(city.add(ana, park.budget, park.b), IsOk());  // 70
  // C would make 120 of 100.
  EXPECT_THAT(
      city.add(ana, park.budget, park.c),
      StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("would spend 120 of a total of 100")));
  ASSERT_THAT(city.checkout(ana, park.budget), IsOk());
  bu::Order order = city.budget(park.budget).orders.at(ana);
  EXPECT_TRUE(order.checked_out);
  EXPECT_THAT(order.projects, ElementsAre(park.a, park.b));
  EXPECT_THAT(city.checkout(ana, park.budget),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("checked out already")));
  EXPECT_THAT(city.remove(ana, park.budget, park.b),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("cancel it")));
  ASSERT_THAT(city.act_on(ana, bu::OrderCancelled{park.budget}), IsOk());
  EXPECT_FALSE(city.budget(park.budget).orders.at(ana).checked_out);
  ASSERT_THAT(city.remove(ana, park.budget, park.b), IsOk());
  EXPECT_THAT(city.remove(ana, park.budget, park.b),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("does not hold 'B'")));
  EXPECT_THAT(city.act_on(ana, bu::OrderCancelled{park.budget}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("no checked-out order")));
  EXPECT_THAT(city.add(ana, park.budget, BudgetProjectId()),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("has no project")));
  ParticipantId bo = city.resident("bo");
  EXPECT_THAT(city.checkout(bo, park.budget),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("holds no project")));
}

TEST(Budgets, CountRulesBoundTheNumberOfProjectsWhateverTheyCost) {
  BudgetCity city;
  Park range(city,
             {.kind = bu::RuleKind::kProjectsRange, .minimum_projects = 2, .maximum_projects = 3});
  Park approval(city, {.kind = bu::RuleKind::kApproval, .maximum_projects = 2});
  Park minimum(city, {.kind = bu::RuleKind::kMinimumProjects, .minimum_projects = 2});
  city.open_support();
  ParticipantId ana = city.resident("ana");
  // Range 2..3: A, B, C cost 120 of 100, which this rule does not read.
  ASSERT_THAT(city.add(ana, range.budget, range.a), IsOk());
  EXPECT_THAT(city.checkout(ana, range.budget),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("does not meet")));
  ASSERT_THAT(city.add(ana, range.budget, range.b), IsOk());
  ASSERT_THAT(city.add(ana, range.budget, range.c), IsOk());
  EXPECT_THAT(city.add(ana, range.budget, range.d),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("the most this budget's rule")));
  EXPECT_THAT(city.checkout(ana, range.budget), IsOk());
  // Consul's approval: at most two.
  ASSERT_THAT(city.add(ana, approval.budget, approval.a), IsOk());
  ASSERT_THAT(city.add(ana, approval.budget, approval.c), IsOk());
  EXPECT_THAT(city.add(ana, approval.budget, approval.b),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("holds 2 projects")));
  EXPECT_THAT(city.checkout(ana, approval.budget), IsOk());
  // Minimum two projects within the total: A and C make 90.
  ASSERT_THAT(city.add(ana, minimum.budget, minimum.a), IsOk());
  EXPECT_THAT(city.checkout(ana, minimum.budget),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("does not meet")));
  ASSERT_THAT(city.add(ana, minimum.budget, minimum.c), IsOk());
  EXPECT_THAT(city.checkout(ana, minimum.budget), IsOk());
}

TEST(Budgets, TheRuleAndProjectsAreFrozenOnceTheFirstOrderExists) {
  BudgetCity city;
  Park park(city);
  ASSERT_THAT(
      city.act_on(city.admin, bu::RuleChanged{park.budget, {.kind = bu::RuleKind::kKnapsack}}),
      IsOk());
  city.open_support();
  ParticipantId ana = city.resident("ana");
  ASSERT_THAT(city.add(ana, park.budget, park.d), IsOk());
  EXPECT_THAT(city.act_on(city.admin, bu::RuleChanged{park.budget, {}}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("frozen")));
  EXPECT_THAT(
      city.act_on(city.admin, bu::ProjectAdded{.budget = park.budget, .title = "E", .cost = 5}),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("frozen")));
  EXPECT_EQ(city.budget(park.budget).rule.kind, bu::RuleKind::kKnapsack);
  EXPECT_EQ(city.budget(park.budget).projects.size(), 4u);
}

TEST(Budgets, WorkflowOneTakesAVoteInOneBudgetOnly) {
  BudgetCity city({{"workflow", std::string("one")}});
  Park north(city, {.kind = bu::RuleKind::kKnapsack});
  Park south(city, {.kind = bu::RuleKind::kKnapsack});
  city.open_support();
  ParticipantId ana = city.resident("ana");
  ASSERT_THAT(city.add(ana, north.budget, north.a), IsOk());
  ASSERT_THAT(city.checkout(ana, north.budget), IsOk());
  ASSERT_THAT(city.add(ana, south.budget, south.b), IsOk());
  EXPECT_THAT(city.checkout(ana, south.budget),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("one budget only")));
  // Cancelling the first vote frees the participant to vote in the other.
  ASSERT_THAT(city.act_on(ana, bu::OrderCancelled{north.budget}), IsOk());
  EXPECT_THAT(city.checkout(ana, south.budget), IsOk());
}

TEST(Budgets, WorkflowRandomLetsEachParticipantVoteInTheBudgetDrawnForThem) {
  BudgetCity city({{"workflow", std::string("random")}});
  Park north(city, {.kind = bu::RuleKind::kKnapsack});
  Park south(city, {.kind = bu::RuleKind::kKnapsack});
  city.open_support();
  std::map<BudgetId, int> drawn;
  for (int i = 0; i < 24; ++i) {
    ParticipantId who = city.resident(str_cat("resident-", i));
    ASSERT_OK_AND_ASSIGN(BudgetId mine, bu::drawn_budget(city.state(), city.budgets, who));
    ++drawn[mine];
    const Park& theirs = mine == north.budget ? north : south;
    const Park& other = mine == north.budget ? south : north;
    EXPECT_THAT(city.add(who, other.budget, other.a),
                StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("drawn for them")));
    EXPECT_THAT(city.add(who, theirs.budget, theirs.a), IsOk());
  }
  // Both budgets are drawn (the chance that 24 draws all fall on one is 2^-23).
  EXPECT_EQ(drawn.size(), 2u);
  EXPECT_THAT(city.run(city.admin_command(sp::ComponentConfigured{
                  city.budgets, city.support, {{"workflow", std::string("one")}}})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("workflow")));
  EXPECT_THAT(city.run(city.admin_command(
                  sp::ComponentAdded{.space = city.space,
                                     .kind = "budgets",
                                     .name = "Other",
                                     .settings = {{"workflow", std::string("some")}}})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'all', 'one' or 'random'")));
}

// Five checked-out orders over A 40, B 30, C 50, D 20 (knapsack within 100):
//   {A, C} twice, {A, B}, {A, B, D}, {C}; one order in progress {D} does not count.
// Approvals: A 4, C 3, B 2, D 1. Greedy with cost satisfaction orders by approvals: A (40),
// C (90), then B would make 120 and D 110: selected {A, C}.
TEST(Budgets, TheSelectionIsTheRulesOutcomeOrAnOverrideWithItsReason) {
  BudgetCity city;
  Park park(city, {.kind = bu::RuleKind::kKnapsack});
  city.open_support();
  std::vector<std::vector<BudgetProjectId>> orders = {
      {park.a, park.c}, {park.a, park.c}, {park.a, park.b}, {park.a, park.b, park.d}, {park.c}};
  for (std::size_t i = 0; i < orders.size(); ++i) {
    ParticipantId who = city.resident(str_cat("voter-", i));
    for (BudgetProjectId project : orders[i])
      ASSERT_THAT(city.add(who, park.budget, project), IsOk());
    ASSERT_THAT(city.checkout(who, park.budget), IsOk());
  }
  ParticipantId late = city.resident("late");
  ASSERT_THAT(city.add(late, park.budget, park.d), IsOk());

  ASSERT_OK_AND_ASSIGN(pb::Election election, bu::election_of(city.budget(park.budget)));
  EXPECT_EQ(election.profile.total_weight(), 5u);

  EXPECT_THAT(
      city.act_on(city.admin, bu::SelectionRecorded{.budget = park.budget, .rule = "greedy"}),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("votes are enabled")));
  city.close_votes();
  EXPECT_THAT(city.act_on(late, bu::SelectionRecorded{.budget = park.budget, .rule = "greedy"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("only an admin")));
  EXPECT_THAT(
      city.act_on(city.admin, bu::SelectionRecorded{.budget = park.budget, .rule = "lottery"}),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("lottery")));
  EXPECT_THAT(city.act_on(city.admin, bu::SelectionRecorded{.budget = park.budget,
                                                            .rule = "greedy",
                                                            .selected = {park.a, park.b, park.d}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("needs its reason")));
  EXPECT_THAT(city.act_on(city.admin, bu::SelectionRecorded{.budget = park.budget,
                                                            .rule = "greedy",
                                                            .selected = {park.c, park.a},
                                                            .reason = "why not"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("only for an override")));
  EXPECT_THAT(city.act_on(city.admin, bu::SelectionRecorded{.budget = park.budget,
                                                            .rule = "greedy",
                                                            .selected = {park.a, park.a},
                                                            .reason = "twice"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("selected twice")));
  auto recorded =
      city.act_on(city.admin, bu::SelectionRecorded{.budget = park.budget,
                                                    .rule = "greedy",
                                                    .selected = {park.a, park.b, park.d},
                                                    .reason = "C's site turned out to be flooded"});
  ASSERT_THAT(recorded, IsOk());
  bu::Selection selection = *city.budget(park.budget).selection;
  EXPECT_EQ(selection.rule, "greedy");
  EXPECT_THAT(selection.computed, UnorderedElementsAre(park.a, park.c));
  EXPECT_THAT(selection.selected, ElementsAre(park.a, park.b, park.d));
  EXPECT_EQ(selection.reason, "C's site turned out to be flooded");

  city.must(city.admin_command(
      sp::ComponentConfigured{city.budgets, city.support, {{"votes_enabled", true}}}));
  EXPECT_THAT(city.add(late, park.budget, park.a),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("selection recorded")));
}

TEST(Budgets, PaperBallotsAreTypedInByAnOfficerForAManagedParticipant) {
  BudgetCity city;
  Park park(city, {.kind = bu::RuleKind::kKnapsack});
  city.open_support();
  ParticipantId rosa = city.register_person("rosa", /*managed=*/true);
  sp::Actor paper{
      .participant = rosa, .channel = sp::Channel::kInPerson, .recorded_by = city.officer};
  ASSERT_THAT(
      city.run(sp::Command{
          paper, city.next_key(),
          sp::ComponentAction{city.budgets, bu::Payload(bu::OrderChanged{park.budget, park.c})}}),
      IsOk());
  ASSERT_THAT(
      city.run(sp::Command{
          paper, city.next_key(),
          sp::ComponentAction{city.budgets, bu::Payload(bu::OrderCheckedOut{park.budget})}}),
      IsOk());
  EXPECT_EQ(city.budget(park.budget).orders.at(rosa).channel, sp::Channel::kInPerson);
  EXPECT_THAT(city.checkout(rosa, park.budget),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("managed")));
}

// Paper ballots at two polling stations: the Centre's officer types in rosa's ballot there; the
// River's officer is another user manager (the clerk). A checkout names only a station whose
// officer records it, and only in person.
TEST(Budgets, PaperBallotsAtAPollingStationAreTypedInByItsOfficer) {
  BudgetCity city;
  Park park(city, {.kind = bu::RuleKind::kKnapsack});
  ParticipantId clerk = city.register_person("clerk");
  city.must(
      city.admin_command(sp::OrganizationRoleGranted{clerk, sp::OrganizationRole::kUserManager}));
  ParticipantId ana = city.resident("ana");
  auto station = [&](std::string name, std::vector<ParticipantId> officers) {
    return city.act_on(city.admin,
                       bu::StationAdded{.name = std::move(name), .officers = std::move(officers)});
  };
  const std::vector<
      std::tuple<const char*, ParticipantId, bu::StationAdded, absl::StatusCode, const char*>>
      refused = {
          {"by a participant",
           ana,
           {.name = "X", .officers = {city.officer}},
           absl::StatusCode::kFailedPrecondition,
           "only an admin"},
          {"without a name",
           city.admin,
           {.officers = {city.officer}},
           absl::StatusCode::kInvalidArgument,
           "name"},
          {"without officers",
           city.admin,
           {.name = "X"},
           absl::StatusCode::kInvalidArgument,
           "1 to 100 officers, not 0"},
          {"an officer who is no user manager",
           city.admin,
           {.name = "X", .officers = {ana}},
           absl::StatusCode::kFailedPrecondition,
           "not a user manager"},
          {"an officer twice",
           city.admin,
           {.name = "X", .officers = {clerk, clerk}},
           absl::StatusCode::kInvalidArgument,
           "listed twice"},
          {"an officer who does not exist",
           city.admin,
           {.name = "X", .officers = {ParticipantId()}},
           absl::StatusCode::kNotFound,
           "does not exist"},
      };
  bu::State before = city.state();
  for (const auto& [what, actor, payload, code, message] : refused) {
    EXPECT_THAT(city.act_on(actor, payload), StatusIs(code, HasSubstr(message))) << what;
  }
  EXPECT_EQ(city.state(), before);
  auto centre = station("Centre", {city.officer});
  ASSERT_THAT(centre, IsOk());
  const StationId centre_id = std::get<bu::StationAdded>(city.budget_payload(*centre)).station;
  auto river = station("River", {clerk});
  ASSERT_THAT(river, IsOk());
  const StationId river_id = std::get<bu::StationAdded>(city.budget_payload(*river)).station;
  EXPECT_THAT(station("Centre", {clerk}),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("station 'Centre' exists")));

  city.open_support();
  ParticipantId rosa = city.register_person("rosa", /*managed=*/true);
  const sp::Actor at_centre{
      .participant = rosa, .channel = sp::Channel::kInPerson, .recorded_by = city.officer};
  auto as_paper = [&](bu::Payload payload) {
    return city.run(sp::Command{at_centre, city.next_key(),
                                sp::ComponentAction{city.budgets, std::move(payload)}});
  };
  ASSERT_THAT(as_paper(bu::OrderChanged{park.budget, park.c}), IsOk());
  EXPECT_THAT(as_paper(bu::OrderCheckedOut{park.budget, river_id}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("at station 'River' is typed in by its officer")));
  EXPECT_THAT(as_paper(bu::OrderCheckedOut{park.budget, StationId::from_name("nowhere")}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("does not exist")));
  ASSERT_THAT(as_paper(bu::OrderCheckedOut{park.budget, centre_id}), IsOk());
  const bu::Order order = city.budget(park.budget).orders.at(rosa);
  EXPECT_EQ(order.channel, sp::Channel::kInPerson);
  EXPECT_EQ(order.station, centre_id);
  ASSERT_THAT(city.add(ana, park.budget, park.a), IsOk());
  EXPECT_THAT(city.act_on(ana, bu::OrderCheckedOut{park.budget, centre_id}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("only an order checked out "
                                                                     "in person")));
  ASSERT_THAT(as_paper(bu::OrderCancelled{park.budget}), IsOk());
  EXPECT_TRUE(city.budget(park.budget).orders.at(rosa).station.is_nil());
}

// A record altered to put into an order a project of another budget does not fit the record,
// and the state is left as it was.
TEST(Budgets, AnOrderNamingAProjectOutsideItsBudgetDoesNotFitTheRecord) {
  BudgetCity city;
  Park north(city, {.kind = bu::RuleKind::kKnapsack});
  Park south(city, {.kind = bu::RuleKind::kKnapsack});
  city.open_support();
  ParticipantId ana = city.resident("ana");
  auto receipt = city.add(ana, north.budget, north.a);
  ASSERT_THAT(receipt, IsOk());
  sp::Organization state = city.ledger->read([](const sp::Organization& o) { return o; });
  sp::Event altered = receipt->event;
  altered.sequence = state.sequence + 1;
  std::get<sp::ComponentAction>(altered.body).payload =
      bu::Payload(bu::OrderChanged{north.budget, south.b, true});
  bu::State before = **bu::state_of(state, city.budgets);
  EXPECT_THAT(sp::evolve(state, altered),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("does not hold")));
  EXPECT_EQ(**bu::state_of(state, city.budgets), before);
}

// A real pabulib file set up as a budget, voted on, and exported again: the projects, costs and
// budget survive the round trip, and the exported votes are the checked-out orders.
TEST(Budgets, APabulibFileBecomesABudgetAndTheBudgetExportsAsOne) {
  BudgetCity city;
  ASSERT_OK_AND_ASSIGN(
      pb::Election source,
      io::read_pabulib_file(PARTICIPA_CONFORMANCE_DIR "/pabulib/Poland_Swiecie_2023.pb"));
  Rng rng(11);
  BudgetId budget = BudgetId::random(rng);
  ASSERT_OK_AND_ASSIGN(
      std::vector<bu::Payload> setup,
      bu::import_payloads(source.instance, budget, {.kind = bu::RuleKind::kKnapsack}));
  for (bu::Payload& payload : setup) ASSERT_THAT(city.act_on(city.admin, payload), IsOk());
  bu::Budget imported = city.budget(budget);
  ASSERT_EQ(imported.projects.size(), source.instance.projects.size());
  EXPECT_EQ(Rational(imported.total), source.instance.budget);
  for (std::size_t i = 0; i < imported.projects.size(); ++i) {
    EXPECT_EQ(Rational(imported.projects[i].cost), source.instance.projects[i].cost) << i;
  }
  city.open_support();
  ParticipantId ana = city.resident("ana");
  ASSERT_THAT(city.add(ana, budget, imported.projects[0].id), IsOk());
  ASSERT_THAT(city.checkout(ana, budget), IsOk());

  ASSERT_OK_AND_ASSIGN(pb::Election exported, bu::election_of(city.budget(budget)));
  ASSERT_OK_AND_ASSIGN(std::string text, io::write_pabulib(exported));
  ASSERT_OK_AND_ASSIGN(pb::Election again, io::parse_pabulib(text));
  EXPECT_EQ(again.instance.budget, source.instance.budget);
  ASSERT_EQ(again.instance.projects.size(), source.instance.projects.size());
  for (std::size_t i = 0; i < again.instance.projects.size(); ++i) {
    EXPECT_EQ(again.instance.projects[i].cost, source.instance.projects[i].cost) << i;
    EXPECT_EQ(again.instance.projects[i].id, imported.projects[i].id.to_string()) << i;
  }
  EXPECT_EQ(again.profile.total_weight(), 1u);

  pb::Instance odd = source.instance;
  odd.projects[2].cost = Rational(5) / Rational(2);
  EXPECT_THAT(bu::import_payloads(odd, budget),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a whole positive")));
}

// Consul's districts, as a city of total 100 splits them: group Districts (a participant
// supports projects in one of its headings) with North 50 and South 30, group City with
// Whole city 20. Projects: N1 30, N2 25 (North), S1 30, S2 10 (South), C1 20 (Whole city).
struct Districts {
  explicit Districts(BudgetCity& city, bu::BallotRule rule = {.kind = bu::RuleKind::kKnapsack}) {
    budget = city.add_budget(100, rule, "Districts");
    districts = city.add_group(budget, "Districts", 1);
    whole = city.add_group(budget, "City", 1);
    north = city.add_heading(budget, districts, "North", 50);
    south = city.add_heading(budget, districts, "South", 30);
    centre = city.add_heading(budget, whole, "Whole city", 20);
    n1 = city.add_project_in(budget, north, "N1", 30);
    n2 = city.add_project_in(budget, north, "N2", 25);
    s1 = city.add_project_in(budget, south, "S1", 30);
    s2 = city.add_project_in(budget, south, "S2", 10);
    c1 = city.add_project_in(budget, centre, "C1", 20);
  }
  BudgetId budget;
  HeadingGroupId districts, whole;
  HeadingId north, south, centre;
  BudgetProjectId n1, n2, s1, s2, c1;
};

TEST(Budgets, KnapsackHoldsPerHeadingAndAParticipantUsesOneHeadingOfAGroup) {
  BudgetCity city;
  Districts d(city);
  city.open_support();
  ParticipantId ana = city.resident("ana");
  ASSERT_THAT(city.add(ana, d.budget, d.n1), IsOk());
  // N1 + N2 = 55 in North's 50, though the budget's 100 would hold them.
  EXPECT_THAT(city.add(ana, d.budget, d.n2),
              StatusIs(absl::StatusCode::kOutOfRange,
                       HasSubstr("adding 'N2': the ballot spends 55 in heading 'North', over its "
                                 "50")));
  // South is a second heading of Districts.
  EXPECT_THAT(city.add(ana, d.budget, d.s2),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("uses 2 headings of group 'Districts'; a voter may use 1")));
  ASSERT_THAT(city.add(ana, d.budget, d.c1), IsOk());  // another group
  ASSERT_THAT(city.checkout(ana, d.budget), IsOk());

  const std::vector<std::vector<BudgetProjectId>> others = {{d.n2}, {d.n1}, {d.s1}, {d.s2}, {d.s2}};
  for (std::size_t i = 0; i < others.size(); ++i) {
    ParticipantId who = city.resident(str_cat("voter-", i));
    for (BudgetProjectId project : others[i]) ASSERT_THAT(city.add(who, d.budget, project), IsOk());
    ASSERT_THAT(city.checkout(who, d.budget), IsOk());
  }
  EXPECT_THAT(city.act_on(city.admin,
                          bu::HeadingAdded{
                              .budget = d.budget, .group = d.whole, .title = "Late", .money = 1}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("frozen")));
  city.close_votes();
  // Greedy over one pot of 100 would fund N2 and S1 past their headings' money.
  EXPECT_THAT(city.act_on(city.admin, bu::SelectionRecorded{.budget = d.budget, .rule = "greedy"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("with the consul rule")));
  // Approvals: N1 2, N2 1, S1 1, S2 2, C1 1. Per heading, most approved first, if it fits:
  // North 50: N1 (30), then N2 (25) does not fit in 20; South 30: S2 (10), then S1 (30) does
  // not fit in 20; Whole city 20: C1 (20).
  ASSERT_THAT(city.act_on(city.admin, bu::SelectionRecorded{.budget = d.budget, .rule = "consul"}),
              IsOk());
  EXPECT_THAT(city.budget(d.budget).selection->selected, UnorderedElementsAre(d.n1, d.s2, d.c1));
}

TEST(Budgets, ApprovalCountsProjectsPerHeading) {
  BudgetCity city;
  Districts d(city, {.kind = bu::RuleKind::kApproval, .maximum_projects = 1});
  city.add_group(d.budget, "Pair", 2);
  city.open_support();
  ParticipantId ana = city.resident("ana");
  ASSERT_THAT(city.add(ana, d.budget, d.n1), IsOk());
  EXPECT_THAT(city.add(ana, d.budget, d.n2),
              StatusIs(absl::StatusCode::kOutOfRange,
                       HasSubstr("supports 2 projects in heading 'North'; at most 1")));
  ASSERT_THAT(city.add(ana, d.budget, d.c1), IsOk());  // one per heading
  ASSERT_THAT(city.checkout(ana, d.budget), IsOk());
  bu::State state = city.state();
  pb::ConsulRules rules = bu::consul_rules(state.budgets.at(d.budget));
  EXPECT_EQ(rules.style, pb::ConsulRules::Style::kApproval);
  EXPECT_EQ(rules.max_votes, 1);
  EXPECT_EQ(rules.heading_of.at(d.s1.to_string()), "South");
  EXPECT_EQ(rules.group_of.at("Whole city"), "City");
  EXPECT_EQ(rules.max_headings.at("Pair"), 2);
  EXPECT_EQ(rules.heading_money.at("North"), Rational(50));
}

TEST(Budgets, AnIncompatibleProjectCanNoLongerBeSupportedAndNeverWins) {
  BudgetCity city;
  Park park(city, {.kind = bu::RuleKind::kKnapsack});
  city.open_support();
  ParticipantId ana = city.resident("ana"), bo = city.resident("bo"), cy = city.resident("cy"),
                dee = city.resident("dee");
  for (auto [who, projects] : std::vector<std::pair<ParticipantId, std::vector<BudgetProjectId>>>{
           {ana, {park.a, park.d}}, {cy, {park.a, park.c}}, {dee, {park.c}}}) {
    for (BudgetProjectId project : projects)
      ASSERT_THAT(city.add(who, park.budget, project), IsOk());
    ASSERT_THAT(city.checkout(who, park.budget), IsOk());
  }
  ASSERT_THAT(city.add(bo, park.budget, park.a), IsOk());
  ASSERT_THAT(city.add(bo, park.budget, park.b), IsOk());

  EXPECT_THAT(city.act_on(bo,
                          bu::IncompatibilityMarked{
                              .budget = park.budget, .project = park.a, .reason = "mine"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("only an admin")));
  EXPECT_THAT(city.mark_incompatible(park.budget, park.a, ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  // Marked while votes are open and orders exist: that is when Consul marks them.
  ASSERT_THAT(city.mark_incompatible(park.budget, park.a, "the site is protected"), IsOk());
  EXPECT_THAT(city.mark_incompatible(park.budget, park.a, "again"),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("already")));
  EXPECT_THAT(city.add(city.resident("eve"), park.budget, park.a),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("'A' is incompatible and can no longer be supported: the site "
                                 "is protected")));
  EXPECT_THAT(city.checkout(bo, park.budget),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("remove it")));
  ASSERT_THAT(city.remove(bo, park.budget, park.a), IsOk());
  ASSERT_THAT(city.checkout(bo, park.budget), IsOk());
  // Checked-out orders keep A; it is the selection that leaves it out.
  EXPECT_THAT(city.budget(park.budget).orders.at(ana).projects, ElementsAre(park.a, park.d));
  city.close_votes();
  EXPECT_THAT(
      city.act_on(city.admin, bu::SelectionRecorded{.budget = park.budget, .rule = "equal-shares"}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("with the consul rule")));
  // Approvals: A 2 (incompatible), C 2, B 1, D 1. C (50) leaves 50 of 100; B (30) and D (20)
  // both fit in it, whichever comes first.
  ASSERT_THAT(
      city.act_on(city.admin, bu::SelectionRecorded{.budget = park.budget, .rule = "consul"}),
      IsOk());
  EXPECT_THAT(city.budget(park.budget).selection->selected,
              UnorderedElementsAre(park.c, park.b, park.d));
  EXPECT_THAT(city.act_on(city.admin,
                          bu::IncompatibilityMarked{
                              .budget = park.budget, .project = park.a, .incompatible = false}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("selection recorded")));
}

TEST(Budgets, HeadingsAndIncompatibleProjectsAreConsulsAndBadOnesAreRefused) {
  BudgetCity city;
  Districts d(city);
  Park decidim(city, {.kind = bu::RuleKind::kThreshold, .threshold_percent = 50});
  Park flat(city, {.kind = bu::RuleKind::kKnapsack});
  ParticipantId ana = city.resident("ana");
  struct Case {
    const char* what;
    ParticipantId actor;
    bu::Payload payload;
    absl::StatusCode code;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"group by a participant", ana, bu::HeadingGroupAdded{.budget = d.budget, .title = "G"},
       absl::StatusCode::kFailedPrecondition, "only an admin"},
      {"group of no budget", city.admin, bu::HeadingGroupAdded{.title = "G"},
       absl::StatusCode::kNotFound, "does not exist"},
      {"group in a Decidim budget", city.admin,
       bu::HeadingGroupAdded{.budget = decidim.budget, .title = "G"},
       absl::StatusCode::kFailedPrecondition, "belong to Consul's rules"},
      {"group without a title", city.admin, bu::HeadingGroupAdded{.budget = d.budget},
       absl::StatusCode::kInvalidArgument, "title"},
      {"group for no heading", city.admin,
       bu::HeadingGroupAdded{.budget = d.budget, .title = "G", .max_headings = 0},
       absl::StatusCode::kInvalidArgument, "max_headings 0"},
      {"group title twice", city.admin,
       bu::HeadingGroupAdded{.budget = d.budget, .title = "Districts"},
       absl::StatusCode::kAlreadyExists, "group 'Districts' already"},
      {"group id of another budget", city.admin,
       bu::HeadingGroupAdded{.budget = flat.budget, .group = d.districts, .title = "G"},
       absl::StatusCode::kAlreadyExists, "exists"},
      {"heading of no group", city.admin,
       bu::HeadingAdded{.budget = d.budget, .title = "East", .money = 1},
       absl::StatusCode::kNotFound, "has no group"},
      {"heading without money", city.admin,
       bu::HeadingAdded{.budget = d.budget, .group = d.districts, .title = "East"},
       absl::StatusCode::kInvalidArgument, "not positive"},
      {"headings over the total", city.admin,
       bu::HeadingAdded{.budget = d.budget, .group = d.districts, .title = "East", .money = 1},
       absl::StatusCode::kOutOfRange, "share 101, over the budget's total of 100"},
      {"heading title twice", city.admin,
       bu::HeadingAdded{.budget = d.budget, .group = d.districts, .title = "North", .money = 1},
       absl::StatusCode::kAlreadyExists, "heading 'North' already"},
      {"project without its heading", city.admin,
       bu::ProjectAdded{.budget = d.budget, .title = "P", .cost = 5},
       absl::StatusCode::kInvalidArgument, "names its heading"},
      {"project in a heading of another budget", city.admin,
       bu::ProjectAdded{.budget = flat.budget, .title = "P", .cost = 5, .heading = d.north},
       absl::StatusCode::kNotFound, "has no heading"},
      {"Decidim rule over headings", city.admin,
       bu::RuleChanged{.budget = d.budget, .rule = {.kind = bu::RuleKind::kThreshold}},
       absl::StatusCode::kFailedPrecondition, "keep a Consul rule"},
      {"mark in a Decidim budget", city.admin,
       bu::IncompatibilityMarked{.budget = decidim.budget, .project = decidim.a, .reason = "r"},
       absl::StatusCode::kFailedPrecondition, "belong to Consul's rules"},
      {"mark of another budget's project", city.admin,
       bu::IncompatibilityMarked{.budget = d.budget, .project = flat.a, .reason = "r"},
       absl::StatusCode::kNotFound, "has no project"},
      {"unmark what is not marked", city.admin,
       bu::IncompatibilityMarked{.budget = d.budget, .project = d.n1, .incompatible = false},
       absl::StatusCode::kAlreadyExists, "not marked incompatible already"},
      {"reason not UTF-8", city.admin,
       bu::IncompatibilityMarked{.budget = d.budget, .project = d.n1, .reason = "caf\xe9"},
       absl::StatusCode::kInvalidArgument, "UTF-8"},
  };
  bu::State before = city.state();
  for (const Case& c : cases) {
    EXPECT_THAT(city.act_on(c.actor, c.payload), StatusIs(c.code, HasSubstr(c.message))) << c.what;
  }
  EXPECT_EQ(city.state(), before);
  // A flat budget gains headings only before it has projects outside them.
  HeadingGroupId group = city.add_group(flat.budget, "G", 1);
  EXPECT_THAT(
      city.act_on(
          city.admin,
          bu::HeadingAdded{.budget = flat.budget, .group = group, .title = "X", .money = 1}),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("project 'A' has no heading")));
}

TEST(Budgets, TheRecordAndItsSnapshotReadBackToTheSameState) {
  std::string path = fresh_path("budgets_record");
  bu::State expected;
  ComponentId component;
  {
    BudgetCity city({}, *store::open_sqlite_store(path));
    component = city.budgets;
    Park park(city, {.kind = bu::RuleKind::kKnapsack});
    Park other(
        city, {.kind = bu::RuleKind::kProjectsRange, .minimum_projects = 1, .maximum_projects = 2});
    ASSERT_THAT(
        city.act_on(city.admin,
                    bu::BudgetAdded{.title = "City-wide", .total = 50, .scope = city.city_scope}),
        IsOk());
    Districts districts(city);
    ASSERT_THAT(city.mark_incompatible(districts.budget, districts.s1, "too dear to keep"), IsOk());
    auto centre =
        city.act_on(city.admin, bu::StationAdded{.name = "Centre", .officers = {city.officer}});
    ASSERT_THAT(centre, IsOk());
    city.open_support();
    ParticipantId rosa = city.register_person("rosa", /*managed=*/true);
    const sp::Command paper{
        {.participant = rosa, .channel = sp::Channel::kInPerson, .recorded_by = city.officer},
        "paper-order",
        sp::ComponentAction{city.budgets, bu::Payload(bu::OrderChanged{park.budget, park.d})}};
    ASSERT_THAT(city.run(paper), IsOk());
    ASSERT_THAT(city.run(sp::Command{
                    paper.actor, "paper-checkout",
                    sp::ComponentAction{
                        city.budgets,
                        bu::Payload(bu::OrderCheckedOut{
                            park.budget,
                            std::get<bu::StationAdded>(city.budget_payload(*centre)).station})}}),
                IsOk());
    ParticipantId ana = city.resident("ana"), bo = city.resident("bo");
    ASSERT_THAT(city.add(ana, park.budget, park.a), IsOk());
    ASSERT_THAT(city.add(ana, park.budget, park.c), IsOk());
    ASSERT_THAT(city.checkout(ana, park.budget), IsOk());
    ASSERT_THAT(city.add(bo, park.budget, park.b), IsOk());
    ASSERT_THAT(city.add(bo, other.budget, other.d), IsOk());
    ASSERT_THAT(city.checkout(bo, other.budget), IsOk());
    city.close_votes();
    ASSERT_THAT(city.act_on(city.admin,
                            bu::SelectionRecorded{.budget = park.budget, .rule = "equal-shares"}),
                IsOk());
    expected = city.state();
    ASSERT_THAT(city.ledger->snapshot(), IsOk());
  }
  ASSERT_EQ(expected.budgets.size(), 4u);
  expect_reads_back(path, component, expected,
                    [](const sp::Organization& o, ComponentId c) { return bu::state_of(o, c); });
}

// Participants racing from many threads (two tabs, a double click) over two budgets with
// workflow "one": no one ends with checked-out orders in both, every checked-out order meets
// the rule, and the state equals the fold of the record.
TEST(Budgets, RacingParticipantsNeverCheckOutTwiceOrPastTheRule) {
  BudgetCity city({{"workflow", std::string("one")}});
  Park north(city, {.kind = bu::RuleKind::kThreshold, .threshold_percent = 50});
  Park south(city, {.kind = bu::RuleKind::kThreshold, .threshold_percent = 50});
  city.open_support();
  std::vector<ParticipantId> people;
  for (int i = 0; i < 16; ++i) people.push_back(city.resident(str_cat("resident-", i)));
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      Rng rng(500 + t);
      for (int n = 0; n < 80; ++n) {
        ParticipantId who = people[rng.uniform(16)];
        const Park& park = rng.uniform(2) == 0 ? north : south;
        const BudgetProjectId projects[] = {park.a, park.b, park.c, park.d};
        bu::Payload payload;
        switch (rng.uniform(4)) {
          case 0:
            payload = bu::OrderChanged{park.budget, projects[rng.uniform(4)], true};
            break;
          case 1:
            payload = bu::OrderChanged{park.budget, projects[rng.uniform(4)], false};
            break;
          case 2:
            payload = bu::OrderCheckedOut{park.budget};
            break;
          default:
            payload = bu::OrderCancelled{park.budget};
            break;
        }
        (void)city.ledger->execute(sp::Command{
            {who}, str_cat("race/", t, "/", n), sp::ComponentAction{city.budgets, payload}});
      }
    });
  }
  for (std::thread& t : threads) t.join();

  bu::State state = city.state();
  int checked_out = 0;
  for (ParticipantId who : people) {
    int budgets_voted = 0;
    for (const auto& [id, budget] : state.budgets) {
      auto order = budget.orders.find(who);
      if (order == budget.orders.end() || !order->second.checked_out) continue;
      ++budgets_voted;
      std::int64_t spent = 0;
      for (const bu::Project& project : budget.projects) {
        if (std::count(order->second.projects.begin(), order->second.projects.end(), project.id))
          spent += project.cost;
      }
      EXPECT_GE(spent, 50);
      EXPECT_LE(spent, 100);
    }
    EXPECT_LE(budgets_voted, 1);
    checked_out += budgets_voted;
  }
  EXPECT_GT(checked_out, 0);

  sp::Organization folded;
  auto events = city.ledger->events();
  ASSERT_THAT(events, IsOk());
  for (const store::Receipt& receipt : *events) {
    ASSERT_THAT(sp::evolve(folded, *io::decode_event(*io::encode_event(receipt.event))), IsOk());
  }
  EXPECT_EQ(**bu::state_of(folded, city.budgets), state);
}

}  // namespace
}  // namespace participa::testing
