// Ballot rules of Decidim and Consul, checked on a five-project instance (budget 100).
#include "participa/pb/ballot_rules.hpp"

#include "gtest/gtest.h"
#include "status_matchers.hpp"

namespace participa::pb {
namespace {

using ::participa::testing::IsOk;
using ::participa::testing::StatusIs;
using ::testing::HasSubstr;
using Code = absl::StatusCode;

Instance instance() {
  Instance i;
  i.budget = 100;
  int costs[] = {10, 20, 30, 40, 50};
  for (int k = 0; k < 5; ++k) {
    Project p;
    p.id = std::string(1, static_cast<char>('a' + k));
    p.cost = costs[k];
    i.projects.push_back(p);
  }
  return i;
}

TEST(Decidim, ThresholdPercentSpendsEnoughButNotTooMuch) {
  auto s = VotingSnapshot::freeze(instance(), DecidimRules{.threshold_percent = 70});
  ASSERT_TRUE(s.ok());
  EXPECT_THAT(s->validate(std::vector<std::uint32_t>{1, 4}), IsOk());  // 70 of 100
  EXPECT_THAT(s->validate(std::vector<std::uint32_t>{0, 4}),           // 60
              StatusIs(Code::kOutOfRange, HasSubstr("at least 70% of 100")));
  EXPECT_THAT(s->validate(std::vector<std::uint32_t>{2, 3, 4}),  // 120
              StatusIs(Code::kOutOfRange, HasSubstr("over the budget of 100")));
}

TEST(Decidim, MinimumProjectsAndSelectedRange) {
  auto minimum = VotingSnapshot::freeze(instance(), DecidimRules{.minimum_projects = 3});
  EXPECT_THAT(minimum->validate(std::vector<std::uint32_t>{0, 1, 2}), IsOk());
  EXPECT_THAT(minimum->validate(std::vector<std::uint32_t>{0, 1}),
              StatusIs(Code::kOutOfRange, HasSubstr("at least 3 are required")));
  auto range = VotingSnapshot::freeze(instance(),
                                      DecidimRules{.selected_minimum = 2, .selected_maximum = 3});
  // Cost is ignored: 30 + 40 + 50 > 100 is fine.
  EXPECT_THAT(range->validate(std::vector<std::uint32_t>{2, 3, 4}), IsOk());
  EXPECT_THAT(range->validate(std::vector<std::uint32_t>{0, 1, 2, 3}),
              StatusIs(Code::kOutOfRange, HasSubstr("select between 2 and 3")));
}

ConsulRules consul(ConsulRules::Style style) {
  ConsulRules r;
  r.style = style;
  r.max_votes = 2;
  r.heading_of = {{"a", "north"}, {"b", "north"}, {"c", "north"}, {"d", "south"}, {"e", "city"}};
  r.heading_money = {{"north", 40}, {"south", 40}, {"city", 100}};
  r.group_of = {{"north", "districts"}, {"south", "districts"}};
  r.max_headings = {{"districts", 1}};
  r.incompatible = {"e"};
  return r;
}

TEST(Consul, KnapsackPerHeadingHeadingGroupsAndIncompatibleProjects) {
  auto s = VotingSnapshot::freeze(instance(), consul(ConsulRules::Style::kKnapsack));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_THAT(s->validate(std::vector<std::uint32_t>{0, 2}), IsOk());  // north: 40 of 40
  EXPECT_THAT(s->validate(std::vector<std::uint32_t>{1, 2}),
              StatusIs(Code::kOutOfRange, HasSubstr("spends 50 in heading 'north', over its 40")));
  EXPECT_THAT(
      s->validate(std::vector<std::uint32_t>{0, 3}),
      StatusIs(Code::kFailedPrecondition, HasSubstr("uses 2 headings of group 'districts'")));
  EXPECT_THAT(s->validate(std::vector<std::uint32_t>{4}),
              StatusIs(Code::kFailedPrecondition, HasSubstr("'e' is incompatible")));
}

TEST(Consul, ApprovalCountsProjectsPerHeading) {
  auto s = VotingSnapshot::freeze(instance(), consul(ConsulRules::Style::kApproval));
  EXPECT_THAT(s->validate(std::vector<std::uint32_t>{0, 1}), IsOk());
  EXPECT_THAT(
      s->validate(std::vector<std::uint32_t>{0, 1, 2}),
      StatusIs(Code::kOutOfRange, HasSubstr("supports 3 projects in heading 'north'; at most 2")));
}

TEST(VotingSnapshot, RulesAreFrozenWhenVotingOpens) {
  Instance i = instance();
  auto s = VotingSnapshot::freeze(i, DecidimRules{.threshold_percent = 70});
  i.projects[4].cost = 5;  // edited after voting opened
  i.budget = 1000;
  EXPECT_THAT(s->validate(std::vector<std::uint32_t>{1, 4}), IsOk());
}

TEST(VotingSnapshot, RefusesBadRulesAndBadBallots) {
  EXPECT_THAT(VotingSnapshot::freeze(instance(), DecidimRules{.threshold_percent = 120}).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("outside 0..100")));
  EXPECT_THAT(VotingSnapshot::freeze(instance(), DecidimRules{.selected_minimum = 3}).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("both a minimum and a maximum")));
  ConsulRules unknown = consul(ConsulRules::Style::kKnapsack);
  unknown.heading_of["zz"] = "north";
  EXPECT_THAT(VotingSnapshot::freeze(instance(), unknown).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("unknown project 'zz'")));
  ConsulRules poor = consul(ConsulRules::Style::kKnapsack);
  poor.heading_money.erase("south");
  EXPECT_THAT(VotingSnapshot::freeze(instance(), poor).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("heading 'south' has no money")));
  auto s = VotingSnapshot::freeze(instance(), DecidimRules{});
  EXPECT_THAT(s->validate(std::vector<std::uint32_t>{0, 0}),
              StatusIs(Code::kInvalidArgument, HasSubstr("'a' is selected twice")));
  EXPECT_THAT(s->validate(std::vector<std::uint32_t>{9}),
              StatusIs(Code::kInvalidArgument, HasSubstr("unknown project #9")));
}

}  // namespace
}  // namespace participa::pb
