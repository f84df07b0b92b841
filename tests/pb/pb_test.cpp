// Participatory budgeting: rules on hand-computed instances, the pabulib reader and writer.
#include <filesystem>

#include "gtest/gtest.h"
#include "participa/core/rng.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/json.hpp"
#include "participa/io/pabulib.hpp"
#include "participa/io/proto.hpp"
#include "participa/pb/consul.hpp"
#include "participa/pb/equal_shares.hpp"
#include "participa/pb/greedy.hpp"
#include "participa/pb/max_welfare.hpp"
#include "participa/pb/official.hpp"
#include "participa/pb/phragmen.hpp"
#include "participa/pb/registry.hpp"
#include "participa/pb/result.hpp"
#include "participa/tally/profile_builder.hpp"
#include "status_matchers.hpp"

namespace participa::pb {
namespace {

using ::participa::testing::StatusIs;
using ::testing::HasSubstr;

std::string file(std::string_view projects, std::string_view votes,
                 std::string_view type = "approval", std::string_view budget = "100") {
  return participa::str_cat("META\nkey;value\nbudget;", budget, "\nvote_type;", type,
                            "\nPROJECTS\nproject_id;cost\n", projects, "VOTES\nvoter_id;vote",
                            type == "cumulative" ? ";points" : "", "\n", votes);
}

std::vector<std::string> ids(const Election& e, const Result& o) {
  std::vector<std::string> out;
  for (auto p : o.selected) out.push_back(e.instance.projects[p].id);
  return out;
}

// Four voters, budget 100 (25 each). a (cost 40) is approved by v1-v3, b (cost 60) by v4 only,
// c (cost 30) by v3 and v4.
// Equal shares, cost satisfaction: rho = price per unit of satisfaction.
//   a: 3 supporters of 25 cover 40: each pays 40/3 <= 25, rho = (40/3)/40 = 1/3.
//   b: v4 alone has 25 < 60: unaffordable.   c: 2 x 25 >= 30, each pays 15: rho = 1/2.
// a is bought (v1-v3 keep 35/3). Then c: v3 has 35/3, v4 25; 35/3 + 25 >= 30; v3 is poorer:
// 15 <= 35/3? no (11.67), so v3 pays all, v4 pays 30 - 35/3 = 55/3 <= 25: rho = (55/3)/30.
TEST(EqualShares, HandComputedCostSatisfaction) {
  auto e = io::parse_pabulib(file("a;40\nb;60\nc;30\n", "v1;a\nv2;a\nv3;a,c\nv4;b,c\n"));
  ASSERT_TRUE(e.ok()) << e.status();
  auto o = equal_shares(*e, Satisfaction::kCost);
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(ids(*e, *o), (std::vector<std::string>{"a", "c"}));
  ASSERT_EQ(o->rounds.size(), 2u);
  EXPECT_EQ(o->rounds[0].price, Rational(1, 3));
  EXPECT_EQ(o->rounds[0].payers, 3u);
  EXPECT_EQ(o->rounds[1].price, Rational(55, 90));
  EXPECT_EQ(o->total_cost, Rational(70));
}

// Greedy by cost satisfaction ranks by approvals: a (3), c (2), b (1); b no longer fits.
// Greedy by cardinality ranks by approvals per cost: a 3/40, c 2/30, b 1/60 - same order here.
TEST(Greedy, SkipsWhatNoLongerFits) {
  auto e = io::parse_pabulib(file("a;40\nb;60\nc;30\n", "v1;a\nv2;a\nv3;a,c\nv4;b,c\n"));
  ASSERT_TRUE(e.ok());
  auto o = greedy(*e, Satisfaction::kCost);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(ids(*e, *o), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(o->rounds.back().reason, "does not fit");
  EXPECT_EQ(o->rounds.back().project, 1u);
}

// Decimal costs are counted in exact units of their common denominator (1/100 here):
// densities a 3/40.25, c 2/30.5, b 1/59.75; a fits (left 59.75), c fits (29.25), b does not.
// With a budget of a third of a unit the amounts left are exact rationals, not units.
TEST(Greedy, DecimalCostsAndBudgetsStayExact) {
  auto e = io::parse_pabulib(
      file("a;40.25\nb;59.75\nc;30.5\n", "v1;a\nv2;a\nv3;a,c\nv4;b,c\n", "approval", "100"));
  ASSERT_TRUE(e.ok()) << e.status();
  auto o = greedy(*e, Satisfaction::kCardinality);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(ids(*e, *o), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(o->rounds[0].budget_left, Rational(239, 4));
  EXPECT_EQ(o->rounds[1].budget_left, Rational(117, 4));
  EXPECT_EQ(o->rounds[2].reason, "does not fit");
  EXPECT_EQ(o->total_cost, Rational(283, 4));
  Instance third = e->instance;
  third.budget = Rational(301, 3);
  auto odd = Election::create(third, e->profile);
  ASSERT_TRUE(odd.ok()) << odd.status();
  auto o2 = greedy(*odd, Satisfaction::kCardinality);
  ASSERT_TRUE(o2.ok());
  EXPECT_EQ(o2->rounds[1].budget_left, Rational(301, 3) - Rational(283, 4));
}

// Equal costs and supporters: the tie goes to the id that sorts first as text ("10" < "9").
TEST(Greedy, TiesGoToTheSmallestIdAsText) {
  auto e = io::parse_pabulib(file("9;60\n10;60\n", "v1;9\nv2;10\n"));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(ids(*e, *greedy(*e, Satisfaction::kCost)), (std::vector<std::string>{"10"}));
  EXPECT_EQ(ids(*e, *equal_shares(*e, Satisfaction::kCost)), std::vector<std::string>{});
}

// Phragmén: loads (cost + supporters' loads) / approvals. a: 40/3, b: 60, c: 15 -> a first;
// then c: (30 + 40/3) / 2 = 65/3, b: 60 -> c; then b: (60 + 65/3) / 1 = 245/3 but 40+30+60 > 100:
// the rule stops there.
// a and c funded: v1-v3 approve a, v4 approves c; everyone is served. Funding only b: 1 of 4.
TEST(Result, ShareOfVotersWithAFundedProject) {
  auto e = io::parse_pabulib(file("a;40\nb;60\nc;30\n", "v1;a\nv2;a\nv3;a,c\nv4;b,c\n"));
  ASSERT_TRUE(e.ok());
  Result o;
  o.selected = {0, 2};
  EXPECT_EQ(share_with_a_funded_project(*e, o), Rational(1));
  o.selected = {1};
  EXPECT_EQ(share_with_a_funded_project(*e, o), Rational(1, 4));
}

TEST(TieBreak, FileOrderPermutationAndSeededRandom) {
  auto e = io::parse_pabulib(file("9;60\n10;60\n", "v1;9\nv2;10\n"));
  ASSERT_TRUE(e.ok());
  TieBreak file_order{TieBreakPolicy::kFileOrder, {}, 0};
  EXPECT_EQ(ids(*e, *greedy(*e, Satisfaction::kCost, {}, file_order)),
            (std::vector<std::string>{"9"}));
  TieBreak permutation{TieBreakPolicy::kPermutation, {1, 0}, 0};
  EXPECT_EQ(ids(*e, *greedy(*e, Satisfaction::kCost, {}, permutation)),
            (std::vector<std::string>{"10"}));
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    TieBreak random{TieBreakPolicy::kRandom, {}, seed};
    auto a = greedy(*e, Satisfaction::kCost, {}, random);
    EXPECT_EQ(*a, *greedy(*e, Satisfaction::kCost, {}, random)) << "same seed, same outcome";
    // Projects sorted by id ("10", "9"), shuffled by the seeded generator: the first wins.
    std::vector<std::uint32_t> order = {1, 0};
    Rng rng(seed);
    rng.shuffle(order);
    EXPECT_EQ(a->selected, std::vector<std::uint32_t>{order[0]});
  }
  TieBreak bad{TieBreakPolicy::kPermutation, {0, 0}, 0};
  EXPECT_THAT(greedy(*e, Satisfaction::kCost, {}, bad).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("project #0 twice")));
}

TEST(Phragmen, StopsAtTheFirstProjectThatDoesNotFit) {
  auto e = io::parse_pabulib(file("a;40\nb;60\nc;30\n", "v1;a\nv2;a\nv3;a,c\nv4;b,c\n"));
  ASSERT_TRUE(e.ok());
  auto o = phragmen(*e);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(ids(*e, *o), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(o->rounds[0].load, Rational(40, 3));
  EXPECT_EQ(o->rounds[1].load, Rational(65, 3));
  EXPECT_EQ(o->rounds.back().reason, "stopped: does not fit");
}

TEST(Rules, RefuseSatisfactionsThatDoNotFitTheVotes) {
  auto e = io::parse_pabulib(file("a;40\n", "v1;a;3\n", "cumulative"));
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_THAT(greedy(*e, Satisfaction::kCost).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("needs approval votes")));
  EXPECT_THAT(phragmen(*e).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("phragmen needs approval")));
  EXPECT_THAT(official(*e).status(), StatusIs(absl::StatusCode::kFailedPrecondition,
                                              HasSubstr("is not one participa reproduces")));
  EXPECT_THAT(parse_completion("add2").status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("completion 'add2'")));
}

TEST(Pabulib, EveryConformanceFileSurvivesAWriteAndRead) {
  const std::filesystem::path dir = std::filesystem::path(PARTICIPA_CONFORMANCE_DIR) / "pabulib";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".pb") continue;
    auto e = io::read_pabulib_file(entry.path().string());
    ASSERT_TRUE(e.ok()) << e.status();
    auto written = io::write_pabulib(*e);
    ASSERT_TRUE(written.ok()) << written.status();
    auto again = io::parse_pabulib(*written, "written");
    ASSERT_TRUE(again.ok()) << entry.path() << ": " << again.status();
    EXPECT_TRUE(again->instance == e->instance) << entry.path() << ": projects or meta differ";
    EXPECT_TRUE(again->profile == e->profile) << entry.path() << ": ballots differ";
    EXPECT_EQ(again->voters, e->voters) << entry.path();
    EXPECT_EQ(again->voter_columns, e->voter_columns) << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 21);
}

TEST(PbProto, ElectionsAndOutcomesSurviveProtobuf) {
  auto e = io::read_pabulib_file(std::string(PARTICIPA_CONFORMANCE_DIR) +
                                 "/pabulib/Poland_Swiecie_2023.pb");
  ASSERT_TRUE(e.ok()) << e.status();
  v1::PbElection message = io::to_proto(*e);
  v1::PbElection parsed;
  ASSERT_TRUE(parsed.ParseFromString(message.SerializeAsString()));
  auto back = io::from_proto(parsed);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, *e);
  for (auto o : {equal_shares(*e, Satisfaction::kCost, Completion::kAddOne),
                 greedy(*e, Satisfaction::kCost), phragmen(*e)}) {
    ASSERT_TRUE(o.ok());
    auto round_trip = io::from_proto(io::to_proto(*o));
    ASSERT_TRUE(round_trip.ok()) << round_trip.status();
    EXPECT_EQ(*round_trip, *o);
  }
  v1::PbElection future = message;
  future.set_format_version(io::kFormatVersion + 1);
  EXPECT_THAT(
      io::from_proto(future).status(),
      StatusIs(absl::StatusCode::kDataLoss,
               HasSubstr(participa::str_cat("format_version is ", io::kFormatVersion + 1))));
  // Version 1 kept each rule's number in one field whose meaning depended on the rule: read
  // now, it would lose that number, so it is refused.
  v1::PbResult version_one = io::to_proto(*phragmen(*e));
  version_one.set_format_version(1);
  EXPECT_THAT(io::from_proto(version_one).status(),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("format_version is 1")));
  // Each rule's number travels in the field named for it.
  const v1::PbResult phragmen_message = io::to_proto(*phragmen(*e));
  EXPECT_TRUE(phragmen_message.rounds(0).has_load());
  EXPECT_FALSE(phragmen_message.rounds(0).has_price());
  EXPECT_FALSE(phragmen_message.rounds(0).has_density());
  v1::PbResult stranger = io::to_proto(*greedy(*e, Satisfaction::kCost));
  EXPECT_EQ(stranger.projects_size(), 22);
  stranger.add_selected("no-such-project");
  EXPECT_THAT(
      io::from_proto(stranger).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unknown project 'no-such-project'")));
  v1::PbResult twice = io::to_proto(*greedy(*e, Satisfaction::kCost));
  twice.add_projects(twice.projects(0));
  EXPECT_THAT(io::from_proto(twice).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("lists 'c1' twice")));
}

TEST(PbProto, ElectionsAndOutcomesSurviveJsonAndBytes) {
  auto e = io::read_pabulib_file(std::string(PARTICIPA_CONFORMANCE_DIR) +
                                 "/pabulib/Poland_Swiecie_2023.pb");
  ASSERT_TRUE(e.ok()) << e.status();
  auto from_json = io::election_from_json(io::election_to_json(*e, /*pretty=*/true));
  ASSERT_TRUE(from_json.ok()) << from_json.status();
  EXPECT_EQ(*from_json, *e);
  auto from_bytes = io::election_from_bytes(io::election_to_bytes(*e));
  ASSERT_TRUE(from_bytes.ok()) << from_bytes.status();
  EXPECT_EQ(*from_bytes, *e);
  auto outcome = equal_shares(*e, Satisfaction::kCost, Completion::kAddOne);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(io::pb_result_from_json(io::pb_result_to_json(*outcome)).value(), *outcome);
  EXPECT_EQ(io::pb_result_from_bytes(io::pb_result_to_bytes(*outcome)).value(), *outcome);
  EXPECT_THAT(io::pb_result_from_bytes("\xff\xff").status(),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("not a serialized")));
  EXPECT_THAT(io::election_from_json("{").status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a valid")));
}

TEST(PbElection, CreateChecksProjectsAgainstTheProfile) {
  Instance instance;
  instance.budget = 100;
  instance.projects.resize(2);
  instance.projects[0].id = "p1";
  instance.projects[0].cost = 60;
  instance.projects[1].id = "p2";
  instance.projects[1].cost = 50;
  auto approvals = [](std::vector<std::string> ids) {
    return tally::ProfileBuilder::create(std::move(ids), tally::BallotKind::kApproval)->build();
  };
  auto good = Election::create(instance, approvals({"p1", "p2"}));
  ASSERT_TRUE(good.ok()) << good.status();
  EXPECT_EQ(good->instance, instance);
  EXPECT_THAT(Election::create(instance, approvals({"p2", "p1"})).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'p2' is not project 'p1'")));
  EXPECT_THAT(
      Election::create(instance, approvals({"p1"})).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("1 candidates for 2 projects")));
  EXPECT_THAT(Election::create(
                  instance,
                  tally::ProfileBuilder::create({"p1", "p2"}, tally::BallotKind::kRanked)->build())
                  .status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("approval election needs approval ballots, not ranked")));
  Instance twice = instance;
  twice.projects[1].id = "p1";
  EXPECT_THAT(Election::create(twice, approvals({"p1", "p2"})).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'p1' is listed twice")));
  Instance negative = instance;
  negative.projects[0].cost = -1;
  EXPECT_THAT(Election::create(negative, approvals({"p1", "p2"})).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("negative cost")));
}

TEST(Pabulib, ErrorsNameTheLineAndTheProblem) {
  struct Bad {
    std::string text, message;
  } cases[] = {
      {"budget;1\n", "x.pb:1: expected META, PROJECTS or VOTES"},
      {"META\nkey;value\nbudget;lots\n", "x.pb:3: budget 'lots' is not a non-negative number"},
      {"META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nPROJECTS\nproject_id;x\n",
       "x.pb:7: section PROJECTS appears twice"},
      {"META\nkey;value\nvote_type;plurality\n", "vote_type 'plurality'"},
      {file("a;-5\n", ""), "project 'a' has cost '-5'"},
      {file("a;5\na;6\n", ""), "project 'a' is listed twice"},
      {file("a;5\n", "v1;b\n"), "voter 'v1' votes for unknown project 'b'"},
      {file("a;5\nb;6\n", "v1;a,a;1,2\n", "cumulative"), "voter 'v1': a ballot marks 'a' twice"},
      {file("a;5\n", "v1;a;1;extra\n"), "a vote row has 4 fields; the header has 2"},
      {file("a;5\nb;6\n", "v1;a,b;7\n", "cumulative"), "has 2 projects but 1 points"},
      {"META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nid;price\n",
       "PROJECTS needs the columns project_id and cost"},
      {"META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\n",
       "META has no budget"},
      {"META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\n\"a;1\n",
       "a quoted field is not closed"},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(io::parse_pabulib(c.text, "x.pb"),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)))
        << c.text;
  }
}

// Rows keep every field as written, empty ones and quoted ones included, and rows of different
// lengths (as a protobuf message may carry) stay apart.
TEST(VoterTable, KeepsEveryFieldOfEveryRow) {
  VoterTable t;
  EXPECT_TRUE(t.empty());
  const std::vector<std::string> first = {"v1", "a,b", "", "Psie Pole"};
  const std::vector<std::string_view> second = {"v2", "c"};
  t.add(first);
  t.add(second);
  t.add(std::vector<std::string>{});
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t.fields(0), 4u);
  EXPECT_EQ(t.fields(1), 2u);
  EXPECT_EQ(t.fields(2), 0u);
  EXPECT_EQ(t.field(0, 2), "");
  EXPECT_EQ(t.field(0, 3), "Psie Pole");
  EXPECT_EQ(t.field(1, 1), "c");
  EXPECT_EQ(t.row(0), first);
  EXPECT_TRUE(t.row(2).empty());
  VoterTable same;
  same.add(first);
  same.add(second);
  EXPECT_NE(t, same);
  same.add(std::vector<std::string>{});
  EXPECT_EQ(t, same);
}

// Consul: approvals a 3, b 4, c 2, d 1, e 3. North (money 100): b has most approvals but is
// incompatible; a (40) fits, leaving 60; c (20) fits, leaving 40. South (money 60): e (60)
// fits exactly; d (50) no longer does.
TEST(Consul, HeadingByHeadingByApprovalsWithoutIncompatibleProjects) {
  auto e = io::parse_pabulib(
      file("a;40\nb;70\nc;20\nd;50\ne;60\n", "v1;a,b,d\nv2;a,b,e\nv3;b,c,e\nv4;b,c\nv5;a,e\n"));
  ASSERT_TRUE(e.ok()) << e.status();
  ConsulRules rules;
  rules.heading_of = {
      {"a", "north"}, {"b", "north"}, {"c", "north"}, {"d", "south"}, {"e", "south"}};
  rules.heading_money = {{"north", Rational(100)}, {"south", Rational(60)}};
  rules.incompatible = {"b"};
  auto o = consul(*e, rules);
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(ids(*e, *o), (std::vector<std::string>{"a", "c", "e"}));
  EXPECT_EQ(o->total_cost, Rational(120));
  EXPECT_EQ(o->budget, Rational(160));
  ASSERT_EQ(o->rounds.size(), 5u);
  EXPECT_EQ(e->instance.projects[o->rounds[0].project].id, "b");
  EXPECT_EQ(o->rounds[0].reason, "incompatible: never wins");
  EXPECT_EQ(o->rounds[0].approvals, 4u);
  EXPECT_EQ(o->rounds[2].budget_left, Rational(40));
  EXPECT_EQ(e->instance.projects[o->rounds[4].project].id, "d");
  EXPECT_EQ(o->rounds[4].reason, "does not fit");
}

// Without headings the instance's budget is the money; equal approvals go by the tie order.
TEST(Consul, TiesFollowTheTieOrder) {
  auto e = io::parse_pabulib(file("x;50\ny;50\n", "v1;x\nv2;y\n", "approval", "60"));
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(ids(*e, *consul(*e, ConsulRules{})), std::vector<std::string>{"x"});
  TieBreak y_first{TieBreakPolicy::kPermutation, {1, 0}, 0};
  EXPECT_EQ(ids(*e, *consul(*e, ConsulRules{}, y_first)), std::vector<std::string>{"y"});
}

TEST(Consul, RefusesOtherVotesAndRulesThatDoNotFit) {
  auto ranked = io::parse_pabulib(file("x;50\ny;50\n", "v1;x,y\n", "ordinal"));
  ASSERT_TRUE(ranked.ok()) << ranked.status();
  EXPECT_THAT(consul(*ranked, ConsulRules{}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("approval")));
  auto e = io::parse_pabulib(file("x;50\n", "v1;x\n"));
  ASSERT_TRUE(e.ok()) << e.status();
  ConsulRules unknown;
  unknown.incompatible = {"nope"};
  EXPECT_THAT(consul(*e, unknown), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("nope")));
}

TEST(RuleRegistry, FindsEveryRuleByNameAsTheFunctionsCountIt) {
  auto e = io::parse_pabulib(file("a;40\nb;60\nc;30\n", "v1;a\nv2;a\nv3;a,c\nv4;b,c\n"));
  ASSERT_TRUE(e.ok()) << e.status();
  const auto registry = RuleRegistry::with_builtins();
  EXPECT_EQ(registry.names(), (std::vector<std::string>{"consul", "equal-shares", "greedy",
                                                        "max-welfare", "official", "phragmen"}));
  auto by_name = registry.run("equal-shares", *e, {.completion = Completion::kAddOne});
  ASSERT_TRUE(by_name.ok()) << by_name.status();
  EXPECT_EQ(*by_name, *equal_shares(*e, Satisfaction::kCost, Completion::kAddOne));
  // Without a satisfaction, the one that fits approval votes: cost.
  EXPECT_EQ(*registry.run("greedy", *e), *greedy(*e, Satisfaction::kCost));
  EXPECT_EQ(*registry.run("phragmen", *e), *phragmen(*e));
  EXPECT_EQ(*registry.run("consul", *e), *consul(*e, ConsulRules{}));
  EXPECT_EQ(*registry.run("max-welfare", *e), *max_welfare(*e, Satisfaction::kCost));
}

TEST(RuleRegistry, RefusesOptionsARuleWouldIgnoreAndUnknownNames) {
  auto e = io::parse_pabulib(file("a;40\nb;60\n", "v1;a\nv2;b\n"));
  ASSERT_TRUE(e.ok()) << e.status();
  const auto registry = RuleRegistry::with_builtins();
  EXPECT_THAT(registry.run("greedy", *e, {.completion = Completion::kAddOne}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("rule 'greedy' takes no completion option")));
  EXPECT_THAT(registry.run("phragmen", *e, {.satisfaction = Satisfaction::kCost}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no satisfaction option")));
  EXPECT_THAT(registry.run("official", *e, {.tie_break = TieBreak{}}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no tie-break option")));
  EXPECT_THAT(registry.run("greedy", *e, {.consul = ConsulRules{}}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no Consul rules option")));
  EXPECT_THAT(registry.run("mes", *e).status(),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("unknown rule 'mes' (consul, ")));
}

TEST(RuleRegistry, AVendorRuleRunsBesideTheBuiltIns) {
  auto e = io::parse_pabulib(file("a;40\nb;60\n", "v1;a\nv2;b\nv3;b\n"));
  ASSERT_TRUE(e.ok()) << e.status();
  auto registry = RuleRegistry::with_builtins();
  RuleInfo most_approved{"most-approved",
                         "the single most approved project",
                         false,
                         false,
                         false,
                         false,
                         [](const Election& election, const RuleOptions&) {
                           auto result = greedy(election, Satisfaction::kCardinality);
                           if (result.ok()) result->selected.resize(1);
                           return result;
                         }};
  ASSERT_TRUE(registry.add(most_approved).ok());
  EXPECT_THAT(registry.add(most_approved),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("already registered")));
  EXPECT_THAT(registry.add({}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("needs a name")));
  auto result = registry.run("most-approved", *e);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(ids(*e, *result), (std::vector<std::string>{"b"}));
}

TEST(Satisfaction, NaturalSatisfactionFitsTheVotes) {
  EXPECT_EQ(natural_satisfaction(VoteType::kApproval), Satisfaction::kCost);
  EXPECT_EQ(natural_satisfaction(VoteType::kChoose1), Satisfaction::kCost);
  EXPECT_EQ(natural_satisfaction(VoteType::kCumulative), Satisfaction::kPoints);
  EXPECT_EQ(natural_satisfaction(VoteType::kScoring), Satisfaction::kPoints);
  EXPECT_EQ(natural_satisfaction(VoteType::kOrdinal), Satisfaction::kBorda);
  EXPECT_THAT(parse_satisfaction("size").status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("satisfaction 'size' is not cost, cardinality, points or borda")));
}

}  // namespace
}  // namespace participa::pb
