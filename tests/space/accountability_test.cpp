// The accountability component through the ledger: statuses and commitments on two levels, a
// parent's progress by Decidim's rule (weighted or plain mean, worked out by hand below),
// milestones, commitments imported once from a budget's selection, the record read back exactly,
// and bad input refused without a change.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "city.hpp"
#include "participa/components/accountability/accountability.hpp"
#include "participa/components/budgets/budgets.hpp"
#include "read_back.hpp"
#include "records.hpp"

namespace participa::testing {
namespace {

namespace ac = participa::components::accountability;
namespace bu = participa::components::budgets;
using ::testing::_;
using ::testing::HasSubstr;

class Tracker : public City {
 public:
  explicit Tracker(std::unique_ptr<store::EventStore> events = store::memory_store())
      : City({}, std::move(events)) {
    ac::register_kind();
    bu::register_kind();
    commitments = add_component("accountability", "Commitments");
    budgets = add_component("budgets", "Budgets");
  }
  ComponentId add_component(std::string kind, std::string name) {
    ComponentId id =
        body<sp::ComponentAdded>(
            must(admin_command(sp::ComponentAdded{.space = space, .kind = kind, .name = name})))
            .component;
    must(admin_command(sp::ComponentPublished{id}));
    return id;
  }
  absl::StatusOr<store::Receipt> act_on(ParticipantId who, ac::Payload payload) {
    return run(sp::Command{sp::Actor{who}, next_key(),
                           sp::ComponentAction{commitments, std::move(payload)}});
  }
  template <class P>
  P decided(const store::Receipt& receipt) {
    return std::get<P>(std::any_cast<const ac::Payload&>(
        std::get<sp::ComponentAction>(receipt.event.body).payload));
  }
  CommitmentId add(ac::CommitmentAdded added) {
    auto receipt = act_on(admin, std::move(added));
    EXPECT_THAT(receipt, IsOk());
    return receipt.ok() ? decided<ac::CommitmentAdded>(*receipt).commitment : CommitmentId();
  }
  ac::State state() {
    return ledger->read([&](const sp::Organization& o) { return **ac::state_of(o, commitments); });
  }
  Rational progress(CommitmentId id) { return *ac::progress_of(state(), id); }

  ComponentId commitments, budgets;
};

TEST(Accountability, ACommitmentTakesItsStatussProgressUnlessItHasItsOwn) {
  Tracker city;
  ASSERT_THAT(
      city.act_on(city.admin, ac::ExecutionStatusAdded{"in-execution", "In execution", 5000}),
      IsOk());
  CommitmentId by_status = city.add({.title = "Shade trees", .status = "in-execution"});
  CommitmentId own = city.add({.title = "Night bus", .status = "in-execution", .progress = 1250});
  EXPECT_EQ(city.progress(by_status), Rational(50));
  EXPECT_EQ(city.progress(own), Rational(25, 2));
  ASSERT_THAT(city.act_on(city.admin, ac::ExecutionStatusAdded{"done", "Done", 10000}), IsOk());
  ASSERT_THAT(
      city.act_on(city.admin, ac::CommitmentProgressed{.commitment = own, .status = "done"}),
      IsOk());
  EXPECT_EQ(city.progress(own), Rational(100));
  EXPECT_EQ(city.state().commitments.at(own).status, "done");
  ASSERT_THAT(
      city.act_on(city.admin, ac::CommitmentProgressed{.commitment = own, .progress = 9000}),
      IsOk());
  EXPECT_EQ(city.progress(own), Rational(90));
}

// Each parent's expected progress, by hand, from the rule in accountability.hpp.
TEST(Accountability, AParentsProgressIsWeightedOrThePlainMeanAsDecidimComputesIt) {
  Tracker city;
  auto parent_of = [&](std::vector<std::pair<std::uint32_t, std::optional<std::uint32_t>>> kids) {
    CommitmentId parent = city.add({.title = "Parent"});
    for (const auto& [progress, weight] : kids) {
      city.add({.parent = parent, .title = "Child", .progress = progress, .weight = weight});
    }
    return city.progress(parent);
  };
  // 50 % × 0.25 + 100 % × 0.75 = 87.5 %.
  EXPECT_EQ(parent_of({{5000, 2500}, {10000, 7500}}), Rational(175, 2));
  // No weights: (20 + 60) / 2 = 40 %.
  EXPECT_EQ(parent_of({{2000, std::nullopt}, {6000, std::nullopt}}), Rational(40));
  // A weight of 1 among several children: the plain mean, (30 + 90) / 2 = 60 %.
  EXPECT_EQ(parent_of({{3000, 10000}, {9000, 5000}}), Rational(60));
  // One child weighted 0.5 at 80 %: weighted, 40 %.
  EXPECT_EQ(parent_of({{8000, 5000}}), Rational(40));
  // One child weighted, one not (counting as 1): 30 % × 1 + 60 % × 0.5 = 60 %.
  EXPECT_EQ(parent_of({{3000, std::nullopt}, {6000, 5000}}), Rational(60));
  // Without children, its own: 0 %.
  EXPECT_EQ(parent_of({}), Rational(0));
}

TEST(Accountability, ABudgetsSelectionIsImportedOnceAsCommitments) {
  Tracker city;
  auto budget_action = [&](bu::Payload payload) {
    return city.must(
        sp::Command{{city.admin}, city.next_key(), sp::ComponentAction{city.budgets, payload}});
  };
  auto budget_payload = [](const store::Receipt& r) {
    return std::any_cast<bu::Payload>(std::get<sp::ComponentAction>(r.event.body).payload);
  };
  BudgetId budget =
      std::get<bu::BudgetAdded>(
          budget_payload(budget_action(bu::BudgetAdded{
              .title = "Parks", .total = 100, .rule = {.kind = bu::RuleKind::kKnapsack}})))
          .budget;
  EXPECT_THAT(city.act_on(city.admin, ac::CommitmentsImported{city.budgets, budget}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("no recorded selection")));
  ProposalId idea = city.published_proposal(city.resident("ana"), "Benches in the park");
  auto project = [&](std::string title, std::int64_t cost, std::vector<ProposalId> from) {
    return std::get<bu::ProjectAdded>(
               budget_payload(budget_action(bu::ProjectAdded{.budget = budget,
                                                             .title = std::move(title),
                                                             .description = "From the vote.",
                                                             .cost = cost,
                                                             .proposals = std::move(from)})))
        .project;
  };
  BudgetProjectId benches = project("Benches", 40, {idea}), lights = project("Lights", 30, {}),
                  fountain = project("Fountain", 50, {});
  // Benches 3 votes, lights 2, the fountain 1: greedy takes benches (40) and lights (30); the
  // fountain (50) no longer fits the 100.
  city.must(city.admin_command(
      sp::ComponentConfigured{city.budgets, city.support, {{"votes_enabled", true}}}));
  city.open_support();
  const std::vector<std::vector<BudgetProjectId>> orders = {
      {benches, lights}, {benches, lights}, {benches}, {fountain}};
  for (std::size_t i = 0; i < orders.size(); ++i) {
    ParticipantId voter = city.resident(str_cat("voter-", i));
    for (BudgetProjectId chosen : orders[i]) {
      city.must(sp::Command{
          {voter},
          city.next_key(),
          sp::ComponentAction{city.budgets, bu::Payload(bu::OrderChanged{budget, chosen, true})}});
    }
    city.must(
        sp::Command{{voter},
                    city.next_key(),
                    sp::ComponentAction{city.budgets, bu::Payload(bu::OrderCheckedOut{budget})}});
  }
  city.must(city.admin_command(
      sp::ComponentConfigured{city.budgets, city.support, {{"votes_enabled", false}}}));
  budget_action(bu::SelectionRecorded{.budget = budget, .rule = "greedy"});
  auto imported = city.act_on(city.admin, ac::CommitmentsImported{city.budgets, budget});
  ASSERT_THAT(imported, IsOk());
  const auto commitments = city.decided<ac::CommitmentsImported>(*imported).commitments;
  ASSERT_EQ(commitments.size(), 2u);
  EXPECT_EQ(commitments[0].title, "Benches");
  EXPECT_EQ(commitments[1].title, "Lights");
  EXPECT_EQ(commitments[0].proposals, std::vector<ProposalId>{idea});
  EXPECT_EQ(commitments[0].project, (ac::BudgetLink{city.budgets, budget, benches}));
  EXPECT_EQ(city.state().commitments.size(), 2u);
  EXPECT_THAT(city.act_on(city.admin, ac::CommitmentsImported{city.budgets, budget}),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("imported already")));
}

TEST(Accountability, TheRecordAndItsSnapshotReadBackToTheSameState) {
  std::string path = fresh_path("accountability_record");
  ac::State expected;
  ComponentId component;
  {
    Tracker city(*store::open_sqlite_store(path));
    component = city.commitments;
    ASSERT_THAT(city.act_on(city.admin, ac::ExecutionStatusAdded{"started", "Started", 1000}),
                IsOk());
    CommitmentId parent = city.add({.title = "Parks", .status = "started", .weight = 5000});
    city.add({.parent = parent, .title = "Benches", .progress = 3000, .weight = 2500});
    ASSERT_THAT(city.ledger->snapshot(), IsOk());
    ASSERT_THAT(
        city.act_on(city.admin, ac::MilestoneAdded{.commitment = parent,
                                                   .date = city.clock_->now,
                                                   .title = "Works begin",
                                                   .description = "The first benches arrive."}),
        IsOk());
    expected = city.state();
  }
  ASSERT_EQ(expected.commitments.size(), 2u);
  expect_reads_back(path, component, expected,
                    [](const sp::Organization& o, ComponentId c) { return ac::state_of(o, c); });
}

TEST(Accountability, BadInputIsRefusedAndChangesNothing) {
  Tracker city;
  ASSERT_THAT(city.act_on(city.admin, ac::ExecutionStatusAdded{"started", "Started", 1000}),
              IsOk());
  CommitmentId parent = city.add({.title = "Parks"});
  CommitmentId child = city.add({.parent = parent, .title = "Benches"});
  ParticipantId ana = city.resident("ana");
  const SpaceId elsewhere =
      City::body<sp::SpaceCreated>(city.must(city.admin_command(sp::SpaceCreated{
                                       .kind = "assembly", .slug = "council", .title = "Council"})))
          .space;
  const ComponentId other_budgets =
      City::body<sp::ComponentAdded>(city.must(city.admin_command(sp::ComponentAdded{
                                         .space = elsewhere, .kind = "budgets", .name = "Other"})))
          .component;
  Rng rng(9);
  struct Row {
    std::string what;
    ParticipantId actor;
    ac::Payload payload;
    absl::StatusCode code;
  };
  using C = absl::StatusCode;
  std::vector<Row> rows = {
      {"a resident adds a status", ana, ac::ExecutionStatusAdded{"x", "X", 0},
       C::kFailedPrecondition},
      {"a status without key", city.admin, ac::ExecutionStatusAdded{"", "X", 0},
       C::kInvalidArgument},
      {"a key with spaces", city.admin, ac::ExecutionStatusAdded{"in progress", "X", 0},
       C::kInvalidArgument},
      {"a status twice", city.admin, ac::ExecutionStatusAdded{"started", "Again", 0},
       C::kAlreadyExists},
      {"a progress over 100 %", city.admin, ac::ExecutionStatusAdded{"over", "Over", 10001},
       C::kInvalidArgument},
      {"a commitment without title", city.admin, ac::CommitmentAdded{}, C::kInvalidArgument},
      {"an unknown status", city.admin, ac::CommitmentAdded{.title = "T", .status = "later"},
       C::kNotFound},
      {"an unknown parent", city.admin,
       ac::CommitmentAdded{.parent = CommitmentId::random(rng), .title = "T"}, C::kNotFound},
      {"a third level", city.admin, ac::CommitmentAdded{.parent = child, .title = "T"},
       C::kInvalidArgument},
      {"a weight over 100", city.admin, ac::CommitmentAdded{.title = "T", .weight = 1000001},
       C::kInvalidArgument},
      {"an existing commitment id", city.admin,
       ac::CommitmentAdded{.commitment = parent, .title = "T"}, C::kAlreadyExists},
      {"a project link given", city.admin,
       ac::CommitmentAdded{.title = "T", .project = ac::BudgetLink{}}, C::kInvalidArgument},
      {"a proposal linked twice", city.admin,
       ac::CommitmentAdded{.title = "T",
                           .proposals = {ProposalId::from_name("p"), ProposalId::from_name("p")}},
       C::kInvalidArgument},
      {"progress of an unknown commitment", city.admin,
       ac::CommitmentProgressed{.commitment = CommitmentId::random(rng), .progress = 10},
       C::kNotFound},
      {"progress with nothing", city.admin, ac::CommitmentProgressed{.commitment = parent},
       C::kInvalidArgument},
      {"a milestone without date", city.admin,
       ac::MilestoneAdded{.commitment = parent, .title = "M"}, C::kInvalidArgument},
      {"a milestone of an unknown commitment", city.admin,
       ac::MilestoneAdded{
           .commitment = CommitmentId::random(rng), .date = city.clock_->now, .title = "M"},
       C::kNotFound},
      {"import from an unknown component", city.admin,
       ac::CommitmentsImported{ComponentId::random(rng), BudgetId()}, C::kNotFound},
      {"import from a component that is no budgets", city.admin,
       ac::CommitmentsImported{city.commitments, BudgetId()}, C::kInvalidArgument},
      {"import from another space's budgets", city.admin,
       ac::CommitmentsImported{other_budgets, BudgetId()}, C::kInvalidArgument},
      {"import an unknown budget", city.admin,
       ac::CommitmentsImported{city.budgets, BudgetId::random(rng)}, C::kNotFound},
  };
  const ac::State before = city.state();
  const std::uint64_t sequence = city.ledger->sequence();
  for (const Row& row : rows) {
    EXPECT_THAT(city.act_on(row.actor, row.payload), StatusIs(row.code, _)) << row.what;
  }
  EXPECT_EQ(city.state(), before);
  EXPECT_EQ(city.ledger->sequence(), sequence);
}

}  // namespace
}  // namespace participa::testing
