// The elections component through the ledger: questions and their rules, the census (accounts,
// authorizations, codes), one ballot per census entry across online, booth, mediated and paper
// (also when actions race), polling stations counted under four eyes, results split by channel
// and hidden as the election says, and the record read back exactly. Expected counts are worked
// out by hand in the comments.
#include <map>
#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "city.hpp"
#include "participa/components/elections/elections.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/questionnaire/respondent.hpp"
#include "read_back.hpp"
#include "records.hpp"

namespace participa::testing {
namespace {

namespace el = participa::components::elections;
using tally::BallotKind;
using ::testing::_;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using Ch = el::ResultChannel;

constexpr auto kOnline = static_cast<std::size_t>(Ch::kOnline);
constexpr auto kInPerson = static_cast<std::size_t>(Ch::kInPerson);
constexpr auto kMediated = static_cast<std::size_t>(Ch::kMediated);
constexpr auto kStation = static_cast<std::size_t>(Ch::kStation);

el::Question single(std::string title, std::vector<std::string> options) {
  return el::Question{.title = std::move(title), .options = std::move(options)};
}

el::Answer pick(std::uint32_t option) { return el::Answer{.choices = {option}}; }
el::Answer blank() { return el::Answer{}; }
el::Answer null_answer() { return el::Answer{.null = true}; }

// A city whose process also holds an elections component, voting in the support phase, with a
// second user manager (the clerk) so stations have two officers.
class ElectionCity : public City {
 public:
  explicit ElectionCity(std::unique_ptr<store::EventStore> events = store::memory_store())
      : City({}, std::move(events)) {
    el::register_kind();
    elections = body<sp::ComponentAdded>(must(admin_command(sp::ComponentAdded{
                                             .space = space, .kind = "elections", .name = "Vote"})))
                    .component;
    must(admin_command(sp::ComponentConfigured{elections, support, {{"votes_enabled", true}}}));
    must(admin_command(sp::ComponentPublished{elections}));
    clerk = register_person("clerk");
    must(admin_command(sp::OrganizationRoleGranted{clerk, sp::OrganizationRole::kUserManager}));
  }

  absl::StatusOr<store::Receipt> act_as(sp::Actor actor, el::Payload payload) {
    return run(sp::Command{actor, next_key(), sp::ComponentAction{elections, std::move(payload)}});
  }
  absl::StatusOr<store::Receipt> act_on(ParticipantId who, el::Payload payload) {
    return act_as(sp::Actor{who}, std::move(payload));
  }
  static el::Payload election_payload(const store::Receipt& receipt) {
    return std::any_cast<el::Payload>(std::get<sp::ComponentAction>(receipt.event.body).payload);
  }

  ElectionId add_election(el::ElectionAdded added = {}) {
    if (added.title.empty()) added.title = "Council";
    auto receipt = act_on(admin, added);
    EXPECT_TRUE(receipt.ok()) << receipt.status();
    return receipt.ok() ? std::get<el::ElectionAdded>(election_payload(*receipt)).election
                        : ElectionId();
  }
  void add_question(ElectionId election, el::Question question) {
    EXPECT_THAT(act_on(admin, el::QuestionAdded{election, std::move(question)}), IsOk());
  }
  StationId add_station(ElectionId election, std::string name) {
    auto receipt = act_on(
        admin, el::StationAdded{
                   .election = election, .name = std::move(name), .officers = {officer, clerk}});
    EXPECT_TRUE(receipt.ok()) << receipt.status();
    return receipt.ok() ? std::get<el::StationAdded>(election_payload(*receipt)).station
                        : StationId();
  }
  absl::StatusOr<store::Receipt> vote(ParticipantId who, ElectionId election,
                                      std::vector<el::Answer> answers) {
    return act_on(who, el::BallotCast{.election = election, .answers = std::move(answers)});
  }
  absl::StatusOr<store::Receipt> booth(ParticipantId who, ElectionId election, StationId station,
                                       std::vector<el::Answer> answers) {
    return act_as(
        sp::Actor{who, sp::Channel::kInPerson, officer},
        el::BallotCast{.election = election, .answers = std::move(answers), .station = station});
  }
  absl::StatusOr<store::Receipt> mediated(ParticipantId who, ElectionId election,
                                          std::vector<el::Answer> answers) {
    return act_as(sp::Actor{who, sp::Channel::kMediated, officer},
                  el::BallotCast{.election = election, .answers = std::move(answers)});
  }
  absl::StatusOr<store::Receipt> mark(ParticipantId who, ElectionId election, StationId station) {
    return act_as(sp::Actor{who, sp::Channel::kInPerson, officer},
                  el::VoterMarked{.election = election, .station = station});
  }
  absl::StatusOr<store::Receipt> paper(ParticipantId officer_id, ElectionId election,
                                       StationId station, std::vector<el::Answer> answers) {
    return act_on(officer_id, el::PaperBallotEntered{election, station, std::move(answers)});
  }
  void close_votes() {
    must(admin_command(sp::ComponentConfigured{elections, support, {{"votes_enabled", false}}}));
  }
  void reopen_votes() {
    must(admin_command(sp::ComponentConfigured{elections, support, {{"votes_enabled", true}}}));
  }

  el::State state() {
    return ledger->read([&](const sp::Organization& o) { return **el::state_of(o, elections); });
  }
  el::Election election(ElectionId id) { return state().elections.at(id); }
  absl::StatusOr<el::Results> results(ElectionId id, ParticipantId reader) {
    return ledger->read([&](const sp::Organization& o) {
      return el::results(o, elections, id, reader, clock_->now);
    });
  }

  ComponentId elections;
  ParticipantId clerk;
};

std::uint64_t sum(const el::ByChannel& counts) {
  std::uint64_t total = 0;
  for (std::uint64_t c : counts) total += c;
  return total;
}

TEST(Elections, OnlyAnAdminDefinesAndBadQuestionsAreRefused) {
  ElectionCity city;
  city.open_support();
  ParticipantId ana = city.resident("ana");
  EXPECT_THAT(city.act_on(ana, el::ElectionAdded{.title = "Mine"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("only an admin")));
  EXPECT_THAT(city.act_on(city.admin, el::ElectionAdded{.title = ""}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("title")));
  EXPECT_THAT(city.act_on(city.admin, el::ElectionAdded{.title = "X", .census_handler = "census"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("only for a census by")));
  ElectionId election = city.add_election();
  EXPECT_THAT(city.act_on(city.admin, el::ElectionAdded{.election = election, .title = "Again"}),
              StatusIs(absl::StatusCode::kAlreadyExists, _));
  EXPECT_FALSE(city.election(election).salt.empty());
  EXPECT_THAT(city.act_on(ana, el::QuestionAdded{election, single("Q", {"A", "B"})}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("only an admin")));

  struct Case {
    const char* what;
    el::Question question;
    absl::StatusCode code;
    const char* message;
  };
  auto q = [](BallotKind kind, std::int32_t low, std::int32_t high, std::int32_t max_score = 0,
              std::string method = "") {
    return el::Question{.title = "Q",
                        .options = {"A", "B", "C"},
                        .kind = kind,
                        .min_choices = low,
                        .max_choices = high,
                        .max_score = max_score,
                        .method = std::move(method)};
  };
  const std::vector<Case> cases = {
      {"one option", single("Q", {"A"}), absl::StatusCode::kInvalidArgument, "2 to 1000 options"},
      {"repeated option", single("Q", {"A", "A"}), absl::StatusCode::kInvalidArgument,
       "listed twice"},
      {"empty option", single("Q", {"A", ""}), absl::StatusCode::kInvalidArgument, "option"},
      {"no title", single("", {"A", "B"}), absl::StatusCode::kInvalidArgument, "title"},
      {"single with two choices", q(BallotKind::kSingleChoice, 0, 2),
       absl::StatusCode::kInvalidArgument, "max_choices 1"},
      {"approval past the options", q(BallotKind::kApproval, 0, 4),
       absl::StatusCode::kInvalidArgument, "1 <= max <= 3"},
      {"ranked upside down", q(BallotKind::kRanked, 3, 2), absl::StatusCode::kInvalidArgument,
       "choices 3..2"},
      {"score without max", q(BallotKind::kScore, 0, 0), absl::StatusCode::kInvalidArgument,
       "max_score 0"},
      {"score on a ranked question", q(BallotKind::kRanked, 1, 3, 5),
       absl::StatusCode::kInvalidArgument, "only for score"},
      {"dots without a budget", q(BallotKind::kCumulative, 0, 3),
       absl::StatusCode::kInvalidArgument, "max_score 0"},
      {"unknown method", q(BallotKind::kRanked, 1, 3, 0, "dictator"), absl::StatusCode::kNotFound,
       "dictator"},
      {"method of another kind", q(BallotKind::kApproval, 0, 3, 0, "schulze"),
       absl::StatusCode::kInvalidArgument, "does not count approval"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(city.act_on(city.admin, el::QuestionAdded{election, c.question}),
                StatusIs(c.code, HasSubstr(c.message)))
        << c.what;
  }
  EXPECT_THAT(city.act_on(city.admin, el::QuestionAdded{ElectionId::from_name("none"),
                                                        single("Q", {"A", "B"})}),
              StatusIs(absl::StatusCode::kNotFound, _));
  EXPECT_THAT(city.election(election).questions, IsEmpty());
  EXPECT_THAT(city.vote(ana, election, {}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("no question yet")));

  city.add_question(election, q(BallotKind::kRanked, 1, 0));
  EXPECT_EQ(city.election(election).questions[0].max_choices, 3);  // 0 takes every option
  EXPECT_EQ(city.election(election).questions[0].method, "irv");
  ASSERT_THAT(city.vote(ana, election, {el::Answer{.choices = {2, 0}}}), IsOk());
  EXPECT_THAT(city.act_on(city.admin, el::QuestionAdded{election, single("Late", {"A", "B"})}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("frozen")));
  EXPECT_EQ(city.election(election).questions.size(), 1u);
}

TEST(Elections, BallotsThatBreakAQuestionsRulesAreRefusedAndChangeNothing) {
  ElectionCity city;
  ElectionId election = city.add_election();
  city.add_question(election, single("Mayor", {"Ana", "Ben", "Cleo"}));
  city.add_question(election, el::Question{.title = "Parks",
                                           .options = {"North", "South", "East"},
                                           .kind = BallotKind::kApproval,
                                           .min_choices = 2,
                                           .max_choices = 2});
  city.add_question(election, el::Question{.title = "Order",
                                           .options = {"X", "Y", "Z"},
                                           .kind = BallotKind::kRanked,
                                           .min_choices = 1,
                                           .max_choices = 3});
  city.add_question(election, el::Question{.title = "Stars",
                                           .options = {"P", "Q"},
                                           .kind = BallotKind::kScore,
                                           .max_choices = 2,
                                           .max_score = 5});
  ParticipantId ana = city.resident("ana");
  const std::vector<el::Answer> good = {pick(0), el::Answer{.choices = {0, 2}},
                                        el::Answer{.choices = {2, 0}},
                                        el::Answer{.choices = {1}, .scores = {4}}};
  EXPECT_THAT(city.vote(ana, election, good),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("votes are not enabled")));
  city.open_support();

  struct Case {
    const char* what;
    std::size_t question;
    el::Answer answer;
    absl::StatusCode code;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"unknown option", 0, pick(3), absl::StatusCode::kInvalidArgument, "question 1"},
      {"two picks", 0, el::Answer{.choices = {0, 1}}, absl::StatusCode::kOutOfRange, "question 1"},
      {"null online", 0, null_answer(), absl::StatusCode::kInvalidArgument, "only a paper ballot"},
      {"approval too few", 1, el::Answer{.choices = {1}}, absl::StatusCode::kInvalidArgument,
       "at least 2"},
      {"approval repeated", 1, el::Answer{.choices = {1, 1}}, absl::StatusCode::kInvalidArgument,
       "question 2"},
      {"approval too many", 1, el::Answer{.choices = {0, 1, 2}}, absl::StatusCode::kOutOfRange,
       "question 2"},
      {"ranked repeated", 2, el::Answer{.choices = {1, 1}}, absl::StatusCode::kInvalidArgument,
       "question 3"},
      {"scores on a ranked question", 2, el::Answer{.choices = {1}, .scores = {1}},
       absl::StatusCode::kInvalidArgument, "only a score or cumulative question"},
      {"score out of range", 3, el::Answer{.choices = {0}, .scores = {6}},
       absl::StatusCode::kInvalidArgument, "question 4"},
      {"score missing", 3, el::Answer{.choices = {0}}, absl::StatusCode::kInvalidArgument,
       "one number per option"},
  };
  for (const Case& c : cases) {
    std::vector<el::Answer> answers = good;
    answers[c.question] = c.answer;
    EXPECT_THAT(city.vote(ana, election, answers), StatusIs(c.code, HasSubstr(c.message)))
        << c.what;
  }
  EXPECT_THAT(city.vote(ana, election, {pick(0)}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("answers 1 questions")));
  EXPECT_THAT(city.vote(ana, ElectionId::from_name("none"), good),
              StatusIs(absl::StatusCode::kNotFound, _));
  EXPECT_THAT(city.state().elections.at(election).ballots, IsEmpty());

  // Blank answers are ballots too, counted apart.
  ASSERT_THAT(city.vote(ana, election, {blank(), blank(), blank(), blank()}), IsOk());
  ASSERT_THAT(city.vote(ana, election, good), IsOk());
}

// One election, one single-choice question with options A, B, C, and every channel:
//   online     ana A, bo A, cy B (cy first voted C, then changed online), dee blank
//   booth      eve B, at the station, recorded by its officer
//   mediated   fay C, through the officer
//   station    paper one by one at North: A, null, B (entered by the officer, confirmed by the
//              clerk); totals at South: A 10, B 5, C 2, blank 1, null 2 (reported by the clerk,
//              confirmed by the officer)
// A = 2 + 1 + 10 = 13, B = 1 + 1 + 1 + 5 = 8, C = 1 + 2 = 3: plurality elects A.
TEST(Elections, EveryChannelCountsOnceAndTheSplitSumsToTheWhole) {
  ElectionCity city;
  ElectionId election = city.add_election();
  city.add_question(election, single("Mayor", {"A", "B", "C"}));
  StationId north = city.add_station(election, "North");
  StationId south = city.add_station(election, "South");
  city.open_support();
  ParticipantId ana = city.resident("ana"), bo = city.resident("bo"), cy = city.resident("cy"),
                dee = city.resident("dee"), eve = city.resident("eve"), fay = city.resident("fay"),
                gus = city.resident("gus"), hal = city.resident("hal");
  ASSERT_THAT(city.vote(ana, election, {pick(0)}), IsOk());
  ASSERT_THAT(city.vote(bo, election, {pick(0)}), IsOk());
  ASSERT_THAT(city.vote(cy, election, {pick(2)}), IsOk());
  auto again = city.vote(cy, election, {pick(1)});
  ASSERT_THAT(again, IsOk());
  EXPECT_TRUE(std::get<el::BallotCast>(ElectionCity::election_payload(*again)).replaces);
  ASSERT_THAT(city.vote(dee, election, {blank()}), IsOk());
  ASSERT_THAT(city.booth(eve, election, north, {pick(1)}), IsOk());
  ASSERT_THAT(city.mediated(fay, election, {pick(2)}), IsOk());
  ASSERT_THAT(city.mark(gus, election, north), IsOk());
  ASSERT_THAT(city.mark(hal, election, north), IsOk());
  city.close_votes();
  for (const el::Answer& answer : {pick(0), null_answer(), pick(1)}) {
    ASSERT_THAT(city.paper(city.officer, election, north, {answer}), IsOk());
  }
  ASSERT_THAT(city.act_on(city.clerk, el::StationConfirmed{election, north}), IsOk());
  ASSERT_THAT(
      city.act_on(city.clerk, el::StationTotalsReported{election, south, 20, {{{10, 5, 2}, 1, 2}}}),
      IsOk());
  ASSERT_THAT(city.act_on(city.officer, el::StationConfirmed{election, south}), IsOk());

  auto results = city.results(election, ParticipantId());
  ASSERT_THAT(results, IsOk());
  ASSERT_EQ(results->questions.size(), 1u);
  const el::QuestionResult& mayor = results->questions[0];
  EXPECT_EQ(mayor.votes[0], (el::ByChannel{2, 0, 0, 11}));
  EXPECT_EQ(mayor.votes[1], (el::ByChannel{1, 1, 0, 6}));
  EXPECT_EQ(mayor.votes[2], (el::ByChannel{0, 0, 1, 2}));
  EXPECT_EQ(mayor.blank, (el::ByChannel{1, 0, 0, 1}));
  EXPECT_EQ(mayor.null, (el::ByChannel{0, 0, 0, 3}));
  // 4 online, 1 booth, 1 mediated, 3 + 20 paper.
  EXPECT_EQ(mayor.ballots, (el::ByChannel{4, 1, 1, 23}));
  for (std::size_t channel = 0; channel < el::kResultChannels; ++channel) {
    std::uint64_t parts = mayor.blank[channel] + mayor.null[channel];
    for (const el::ByChannel& option : mayor.votes) parts += option[channel];
    EXPECT_EQ(parts, mayor.ballots[channel]) << channel;  // one choice per valid ballot
  }
  EXPECT_EQ(sum(mayor.votes[0]), 13u);
  EXPECT_EQ(sum(mayor.votes[1]), 8u);
  EXPECT_EQ(sum(mayor.votes[2]), 3u);
  ASSERT_TRUE(mayor.count.has_value());
  EXPECT_EQ(mayor.count->method, "plurality");
  EXPECT_THAT(mayor.count->winner_names(), ElementsAre("A"));
  EXPECT_EQ(mayor.count->total_weight, 24u);  // the valid ballots: 13 + 8 + 3
  EXPECT_EQ(results->superseded, 1u);
  ASSERT_EQ(results->stations.size(), 2u);
  EXPECT_EQ(results->stations[0].issued, 2u);  // gus and hal were marked
  EXPECT_EQ(results->stations[0].cast, 3u);
  EXPECT_EQ(results->stations[1].issued, 20u);
  EXPECT_EQ(results->stations[1].cast, 20u);
  EXPECT_THAT(results->warnings, ElementsAre("station 'North' issued 2 ballots and counted 3"));
}

// Five ranked ballots: X>Y>Z twice, Y>Z>X twice, Z>Y>X once. First preferences X 2, Y 2, Z 1;
// IRV drops Z, whose ballot goes to Y: Y 3 of 5 wins. Schulze on the same ballots: Y beats X
// 3-2 and Z 4-1, so Y.
TEST(Elections, RankedAndScoreQuestionsAreCountedByTheirMethod) {
  ElectionCity city;
  ElectionId election = city.add_election({.visibility = el::ResultsVisibility::kLive});
  city.add_question(election, el::Question{.title = "IRV",
                                           .options = {"X", "Y", "Z"},
                                           .kind = BallotKind::kRanked,
                                           .min_choices = 1,
                                           .max_choices = 3});
  city.add_question(election, el::Question{.title = "Schulze",
                                           .options = {"X", "Y", "Z"},
                                           .kind = BallotKind::kRanked,
                                           .min_choices = 1,
                                           .max_choices = 3,
                                           .method = "schulze"});
  // Scores: P gets 5+1+0+... see below; Q gets more in total.
  city.add_question(election, el::Question{.title = "Stars",
                                           .options = {"P", "Q"},
                                           .kind = BallotKind::kScore,
                                           .max_choices = 2,
                                           .max_score = 5});
  city.open_support();
  const std::vector<std::vector<std::uint32_t>> rankings = {
      {0, 1, 2}, {0, 1, 2}, {1, 2, 0}, {1, 2, 0}, {2, 1, 0}};
  // P: 5, 0, 1, 2, 0 = 8; Q: 1, 4, 3, 2, 5 = 15.
  const std::vector<std::pair<std::int32_t, std::int32_t>> scores = {
      {5, 1}, {0, 4}, {1, 3}, {2, 2}, {0, 5}};
  for (std::size_t i = 0; i < rankings.size(); ++i) {
    ParticipantId voter = city.resident(str_cat("voter-", i));
    el::Answer ranked{.choices = rankings[i]};
    el::Answer scored{.choices = {1, 0}, .scores = {scores[i].second, scores[i].first}};
    ASSERT_THAT(city.vote(voter, election, {ranked, ranked, scored}), IsOk());
  }
  // Live results are visible while voting is open.
  auto results = city.results(election, ParticipantId());
  ASSERT_THAT(results, IsOk());
  ASSERT_EQ(results->questions.size(), 3u);
  const el::QuestionResult& irv = results->questions[0];
  EXPECT_EQ(irv.votes[0][kOnline], 2u);  // first preferences
  EXPECT_EQ(irv.votes[1][kOnline], 2u);
  EXPECT_EQ(irv.votes[2][kOnline], 1u);
  EXPECT_THAT(irv.count->winner_names(), ElementsAre("Y"));
  EXPECT_THAT(results->questions[1].count->winner_names(), ElementsAre("Y"));
  const el::QuestionResult& stars = results->questions[2];
  EXPECT_EQ(stars.votes[0][kOnline], 8u);
  EXPECT_EQ(stars.votes[1][kOnline], 15u);
  EXPECT_THAT(stars.count->winner_names(), ElementsAre("Q"));
}

// An assembly elected by STV and a board by equal shares, ballots online and on paper.
//   Assembly (Scottish STV, 2 seats): 6 × A > B, 3 × B, 2 × C > B. Quota ⌊11/3⌋ + 1 = 4: A is
//     elected with 6; its surplus 2 moves to B at 0.33333 a ballot (6 × 0.33333 = 1.99998), and
//     B, with 4.99998, takes the second seat.
//   Board (equal shares, 2 seats): 6 × {a, b}, 1 × {a}, 4 × {c}: each voter holds 2/11; a costs
//     its seven 1/7 each (b would cost 1/6, and c's four hold only 8/11). Then nothing is
//     affordable, and Phragmén from the budgets left gives c (1 - 8/11)/4 = 3/44 before b
//     (1 - 18/77)/6 = 59/462.
TEST(Elections, AnAssemblyIsElectedByStvAndABoardByEqualShares) {
  ElectionCity city;
  ElectionId election = city.add_election();
  city.add_question(election, el::Question{.title = "Assembly",
                                           .options = {"A", "B", "C"},
                                           .kind = BallotKind::kRanked,
                                           .min_choices = 1,
                                           .max_choices = 3,
                                           .method = "stv-scottish",
                                           .seats = 2});
  city.add_question(election, el::Question{.title = "Board",
                                           .options = {"a", "b", "c"},
                                           .kind = BallotKind::kApproval,
                                           .max_choices = 0,
                                           .method = "equal-shares",
                                           .seats = 2});
  StationId hall = city.add_station(election, "Hall");
  city.open_support();
  const el::Answer a_then_b{.choices = {0, 1}}, b_only{.choices = {1}}, c_then_b{.choices = {2, 1}};
  const el::Answer ab{.choices = {0, 1}}, a{.choices = {0}}, c{.choices = {2}};
  for (int i = 0; i < 6; ++i) {
    ASSERT_THAT(city.vote(city.resident(str_cat("ab-", i)), election, {a_then_b, ab}), IsOk());
  }
  ASSERT_THAT(city.vote(city.resident("b-0"), election, {b_only, a}), IsOk());
  city.close_votes();
  for (const auto& paper : std::vector<std::vector<el::Answer>>{
           {b_only, c}, {b_only, c}, {c_then_b, c}, {c_then_b, c}}) {
    ASSERT_THAT(city.paper(city.officer, election, hall, paper), IsOk());
  }
  ASSERT_THAT(city.act_on(city.clerk, el::StationConfirmed{election, hall}), IsOk());
  ASSERT_OK_AND_ASSIGN(el::Results results, city.results(election, ParticipantId()));
  const el::QuestionResult& assembly = results.questions.at(0);
  EXPECT_EQ(assembly.seats, 2);
  EXPECT_EQ(sum(assembly.ballots), 11u);
  EXPECT_EQ(assembly.ballots[kStation], 4u);
  EXPECT_THAT(assembly.count->winner_names(), ElementsAre("A", "B"));
  const el::QuestionResult& board = results.questions.at(1);
  EXPECT_THAT(board.count->winner_names(), ElementsAre("a", "c"));
  ASSERT_EQ(board.count->rounds.size(), 2u);
  std::map<tally::Candidate, Rational> loads;
  for (const auto& entry : board.count->rounds[1].tally) loads[entry.candidate] = entry.votes;
  EXPECT_EQ(loads.at(2), Rational(3, 44));
  EXPECT_EQ(loads.at(1), Rational(59, 462));
}

TEST(Elections, SeatsAndParametersTheMethodCannotTakeAreRefused) {
  ElectionCity city;
  ElectionId election = city.add_election();
  auto board = [](std::string method, std::int32_t seats,
                  std::map<std::string, std::string, std::less<>> parameters = {}) {
    return el::Question{.title = "Board",
                        .options = {"a", "b", "c"},
                        .kind = BallotKind::kApproval,
                        .max_choices = 0,
                        .method = std::move(method),
                        .seats = seats,
                        .parameters = std::move(parameters)};
  };
  auto refused = [&](el::Question question, const char* message) {
    EXPECT_THAT(city.act_on(city.admin, el::QuestionAdded{election, std::move(question)}),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(message)))
        << message;
  };
  refused(board("pav", 0), "seats 0 is not within 1..3");
  refused(board("pav", 4), "seats 4 is not within 1..3");
  refused(board("approval", 1, {{"completion", "none"}}), "has no parameter 'completion'");
  refused(board("equal-shares", 2, {{"completion", "more"}}), "neither 'phragmen' nor 'none'");
  refused(board("equal-shares", 2, {{"omega", "3"}}), "no parameter 'omega'");
  el::Question mayor = single("Mayor", {"A", "B", "C"});
  mayor.seats = 2;
  refused(mayor, "elects one option; 2 seats need a multi-winner method");
  std::vector<std::string> many;
  for (int i = 0; i < 60; ++i) many.push_back(str_cat("c", i));
  el::Question wide = board("pav", 10);
  wide.options = many;
  refused(wide, "use the sequential rule");
  EXPECT_TRUE(city.election(election).questions.empty());
  city.add_question(election, board("sequential-phragmen", 2));
  EXPECT_EQ(city.election(election).questions.at(0).seats, 2);
}

// Loomio's quick polls in one election. Four voters:
//   proposal      agree, agree, block, abstain            → agree 2 (plurality)
//   dot vote (3)  A 3; A 1 + B 2; C 3; B 1 + C 1          → A 4, B 3, C 4: A and C tie
//   meeting time  {Mon, Tue}, {Tue}, {Tue, Wed}, {Mon}    → Tue 3
//   ranked choice X>Y>Z, Y>X, Z>Y>X, X>Z>Y                → Borda (2, 1, 0; unranked 0): X 2+1+0+2
//                 = 5, Y 1+2+1+0 = 4, Z 0+0+2+1 = 3       → X
TEST(Elections, QuickPollsAreQuestionsCountedAsLoomioCountsThem) {
  ElectionCity city;
  ElectionId poll =
      city.add_election({.title = "Quick polls", .visibility = el::ResultsVisibility::kLive});
  auto question = [](absl::StatusOr<el::Question> q) {
    EXPECT_THAT(q, IsOk());
    return q.ok() ? *q : el::Question{};
  };
  city.add_question(poll, question(el::poll_question(el::PollKind::kProposal, "Adopt it?", {})));
  city.add_question(poll, question(el::poll_question(el::PollKind::kDotVote, "Where first?",
                                                     {"A", "B", "C"}, 3)));
  city.add_question(poll, question(el::poll_question(el::PollKind::kMeetingTime, "When?",
                                                     {"Mon", "Tue", "Wed"})));
  city.add_question(
      poll, question(el::poll_question(el::PollKind::kRankedChoice, "Order", {"X", "Y", "Z"})));
  EXPECT_THAT(el::poll_question(el::PollKind::kProposal, "Q", {"yes", "no"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("stances")));
  EXPECT_THAT(el::poll_question(el::PollKind::kDotVote, "Q", {"A", "B"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("at least 1 dot")));
  city.open_support();
  auto dots = [](std::vector<std::uint32_t> options, std::vector<std::int32_t> points) {
    return el::Answer{.choices = std::move(options), .scores = std::move(points)};
  };
  const std::vector<std::vector<el::Answer>> ballots = {
      {pick(0), dots({0}, {3}), el::Answer{.choices = {0, 1}}, el::Answer{.choices = {0, 1, 2}}},
      {pick(0), dots({0, 1}, {1, 2}), el::Answer{.choices = {1}}, el::Answer{.choices = {1, 0}}},
      {pick(3), dots({2}, {3}), el::Answer{.choices = {1, 2}}, el::Answer{.choices = {2, 1, 0}}},
      {pick(1), dots({1, 2}, {1, 1}), el::Answer{.choices = {0}}, el::Answer{.choices = {0, 2, 1}}},
  };
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    ASSERT_THAT(city.vote(city.resident(str_cat("voter-", i)), poll, ballots[i]), IsOk()) << i;
  }
  ParticipantId greedy = city.resident("greedy");
  EXPECT_THAT(city.vote(greedy, poll, {pick(0), dots({0, 1}, {2, 2}), pick(0), pick(0)}),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("more than the 3 allowed")));
  auto results = city.results(poll, ParticipantId());
  ASSERT_THAT(results, IsOk());
  ASSERT_EQ(results->questions.size(), 4u);
  EXPECT_THAT(results->questions[0].count->winner_names(), ElementsAre("agree"));
  EXPECT_EQ(sum(results->questions[0].votes[0]), 2u);
  const el::QuestionResult& dot_vote = results->questions[1];
  EXPECT_EQ(sum(dot_vote.votes[0]), 4u);
  EXPECT_EQ(sum(dot_vote.votes[1]), 3u);
  EXPECT_EQ(sum(dot_vote.votes[2]), 4u);
  EXPECT_THAT(dot_vote.count->winner_names(), ElementsAre("A", "C"));
  EXPECT_TRUE(dot_vote.count->tied_winners);
  EXPECT_THAT(results->questions[2].count->winner_names(), ElementsAre("Tue"));
  EXPECT_EQ(results->questions[3].method, "borda");
  EXPECT_THAT(results->questions[3].count->winner_names(), ElementsAre("X"));
}

TEST(Elections, OneBallotPerCensusEntryWhicheverChannelComesFirst) {
  ElectionCity city;
  ElectionId election = city.add_election();
  city.add_question(election, single("Mayor", {"A", "B"}));
  StationId north = city.add_station(election, "North");
  city.open_support();
  ParticipantId ana = city.resident("ana"), bo = city.resident("bo"), cy = city.resident("cy"),
                dee = city.resident("dee");
  // Online first: no booth, no mediator, no paper ballot; online again replaces.
  ASSERT_THAT(city.vote(ana, election, {pick(0)}), IsOk());
  EXPECT_THAT(city.booth(ana, election, north, {pick(1)}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("online already")));
  EXPECT_THAT(city.mediated(ana, election, {pick(1)}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("online already")));
  EXPECT_THAT(city.mark(ana, election, north),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("cast a ballot online")));
  // At the booth first: final.
  ASSERT_THAT(city.booth(bo, election, north, {pick(1)}), IsOk());
  EXPECT_THAT(city.vote(bo, election, {pick(0)}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("in-person already")));
  EXPECT_THAT(city.booth(bo, election, north, {pick(0)}),
              StatusIs(absl::StatusCode::kFailedPrecondition, _));
  // Through a mediator first: final.
  ASSERT_THAT(city.mediated(cy, election, {pick(1)}), IsOk());
  EXPECT_THAT(city.vote(cy, election, {pick(0)}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("mediated already")));
  // Handed a paper ballot first: nothing else, not even a second paper ballot.
  ASSERT_THAT(city.mark(dee, election, north), IsOk());
  EXPECT_THAT(city.vote(dee, election, {pick(0)}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("paper ballot")));
  EXPECT_THAT(city.mark(dee, election, north), StatusIs(absl::StatusCode::kAlreadyExists, _));

  // Who records what.
  ParticipantId eve = city.resident("eve");
  EXPECT_THAT(city.act_as(sp::Actor{eve, sp::Channel::kInPerson, city.officer},
                          el::BallotCast{.election = election, .answers = {pick(0)}}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("station")));
  EXPECT_THAT(
      city.act_on(eve,
                  el::BallotCast{.election = election, .answers = {pick(0)}, .station = north}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("only a ballot cast in person")));
  EXPECT_THAT(city.act_on(eve, el::VoterMarked{.election = election, .station = north}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("in person")));
  ParticipantId outsider = city.register_person("outsider");
  city.must(city.admin_command(
      sp::OrganizationRoleGranted{outsider, sp::OrganizationRole::kUserManager}));
  EXPECT_THAT(
      city.act_as(sp::Actor{eve, sp::Channel::kInPerson, outsider},
                  el::BallotCast{.election = election, .answers = {pick(0)}, .station = north}),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("officer of station")));

  const el::Election state = city.election(election);
  EXPECT_EQ(state.ballots.size(), 3u);
  EXPECT_EQ(state.marked.size(), 1u);
  EXPECT_EQ(state.stations.at(north).marked, 1u);
}

TEST(Elections, ACensusOfCodesTakesVisitorsAndKeepsNoCode) {
  ElectionCity city;
  ElectionId election = city.add_election({.census = el::Census::kCodes, .salt = "salt-1"});
  city.add_question(election, single("Mayor", {"A", "B"}));
  EXPECT_THAT(city.act_on(city.admin, el::CensusCodesLoaded{.election = election,
                                                            .codes = {"K-1", "K-2", "K-1"}}),
              StatusIs(absl::StatusCode::kAlreadyExists, _));
  auto loaded = city.act_on(
      city.admin, el::CensusCodesLoaded{.election = election, .codes = {"K-1", "K-2", "K-3"}});
  ASSERT_THAT(loaded, IsOk());
  const el::CensusCodesLoaded recorded =
      std::get<el::CensusCodesLoaded>(ElectionCity::election_payload(*loaded));
  EXPECT_THAT(recorded.codes, IsEmpty());
  EXPECT_EQ(recorded.entries[0], questionnaire::respondent_token(
                                     "salt-1", questionnaire::Identity::kCensusToken, "K-1"));
  EXPECT_THAT(
      city.act_on(city.admin, el::CensusCodesLoaded{.election = election, .codes = {"K-2"}}),
      StatusIs(absl::StatusCode::kAlreadyExists, _));
  EXPECT_THAT(city.act_on(city.admin, el::CensusCodesLoaded{.election = election, .codes = {""}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("1 to 200 bytes")));
  city.open_support();

  auto by_visitor = city.act_as(
      sp::Actor{}, el::BallotCast{.election = election, .answers = {pick(0)}, .code = "K-1"});
  ASSERT_THAT(by_visitor, IsOk());
  const el::BallotCast cast = std::get<el::BallotCast>(ElectionCity::election_payload(*by_visitor));
  EXPECT_TRUE(cast.code.empty());
  EXPECT_EQ(cast.voter, recorded.entries[0]);
  EXPECT_THAT(
      city.act_as(sp::Actor{},
                  el::BallotCast{.election = election, .answers = {pick(0)}, .code = "K-9"}),
      StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("not in the election's")));
  EXPECT_THAT(city.act_as(sp::Actor{}, el::BallotCast{.election = election, .answers = {pick(0)}}),
              StatusIs(absl::StatusCode::kNotFound, _));  // no code: a visitor is no participant
  // A census entry's token is in the state, so a new ballot must bring the code itself: only a
  // recorded ballot, decided again by verify, names its voter by token.
  EXPECT_THAT(city.act_as(sp::Actor{}, el::BallotCast{.election = election,
                                                      .answers = {pick(1)},
                                                      .voter = recorded.entries[1]}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("by its code")));
  EXPECT_THAT(
      city.act_on(city.admin, el::CensusCodesLoaded{.election = election, .entries = {Digest{}}}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("made from codes")));
  // A participant presenting the same code is the same census entry: their ballot replaces it.
  ParticipantId ana = city.resident("ana");
  auto by_ana =
      city.act_on(ana, el::BallotCast{.election = election, .answers = {pick(1)}, .code = "K-1"});
  ASSERT_THAT(by_ana, IsOk());
  EXPECT_TRUE(std::get<el::BallotCast>(ElectionCity::election_payload(*by_ana)).replaces);
  EXPECT_EQ(city.election(election).ballots.size(), 1u);

  ElectionId accounts = city.add_election();
  city.add_question(accounts, single("Q", {"A", "B"}));
  EXPECT_THAT(city.act_on(city.admin, el::CensusCodesLoaded{.election = accounts, .codes = {"x"}}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not of codes")));
  EXPECT_THAT(
      city.act_on(ana, el::BallotCast{.election = accounts, .answers = {pick(1)}, .code = "K-2"}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("only for an election with")));
}

TEST(Elections, ACensusByAuthorizationNeedsIt) {
  ElectionCity city;
  ElectionId election = city.add_election({.census = el::Census::kAuthorization});
  EXPECT_EQ(city.election(election).census_handler, "census");
  city.add_question(election, single("Mayor", {"A", "B"}));
  city.open_support();
  ParticipantId stranger = city.register_person("stranger");
  EXPECT_THAT(
      city.vote(stranger, election, {pick(0)}),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("'census' authorizations")));
  ParticipantId ana = city.resident("ana");
  ASSERT_THAT(city.vote(ana, election, {pick(0)}), IsOk());
  const el::Election state = city.election(election);
  ASSERT_EQ(state.ballots.size(), 1u);
  EXPECT_EQ(state.ballots.begin()->first,
            questionnaire::respondent_token(state.salt, questionnaire::Identity::kCensusToken,
                                            "census-ana"));
}

TEST(Elections, StationsCountUnderFourEyes) {
  ElectionCity city;
  ElectionId election = city.add_election();
  city.add_question(election, single("Mayor", {"A", "B"}));
  city.add_question(election, el::Question{.title = "Order",
                                           .options = {"X", "Y"},
                                           .kind = BallotKind::kRanked,
                                           .min_choices = 1,
                                           .max_choices = 2});
  ParticipantId ana = city.resident("ana");
  EXPECT_THAT(city.act_on(city.admin,
                          el::StationAdded{.election = election, .name = "Bad", .officers = {ana}}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not a user manager")));
  EXPECT_THAT(city.act_on(city.admin,
                          el::StationAdded{.election = election, .name = "Bad", .officers = {}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("1 to 100 officers")));
  EXPECT_THAT(city.act_on(city.admin, el::StationAdded{.election = election,
                                                       .name = "Bad",
                                                       .officers = {city.officer, city.officer}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("listed twice")));
  StationId north = city.add_station(election, "North");
  StationId south = city.add_station(election, "South");
  city.open_support();
  const std::vector<el::Answer> ballot = {pick(0), el::Answer{.choices = {1, 0}}};
  EXPECT_THAT(city.paper(city.officer, election, north, ballot),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("once voting is over")));
  ASSERT_THAT(city.mark(ana, election, north), IsOk());
  city.close_votes();

  EXPECT_THAT(city.paper(ana, election, north, ballot),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("only an officer")));
  EXPECT_THAT(city.paper(city.officer, election, north, {pick(0)}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("answers 1 questions")));
  ASSERT_THAT(city.paper(city.officer, election, north, ballot), IsOk());
  ASSERT_THAT(city.paper(city.officer, election, north, {null_answer(), null_answer()}), IsOk());
  EXPECT_THAT(city.act_on(city.officer, el::StationConfirmed{election, north}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("four eyes")));
  EXPECT_THAT(city.act_on(city.clerk, el::StationTotalsReported{election, north, 1, {}}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("one by one")));
  // Unconfirmed paper is not counted, and the results say so.
  auto before = city.results(election, ParticipantId());
  ASSERT_THAT(before, IsOk());
  EXPECT_EQ(before->questions[0].ballots[kStation], 0u);
  EXPECT_THAT(before->warnings,
              ElementsAre("station 'North' is not confirmed: its paper is not counted"));
  ASSERT_THAT(city.act_on(city.clerk, el::StationConfirmed{election, north}), IsOk());
  EXPECT_THAT(city.paper(city.clerk, election, north, ballot),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("confirmed")));
  EXPECT_THAT(city.act_on(city.officer, el::StationConfirmed{election, north}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("confirmed")));

  // Totals: single-choice questions only, consistent, the poll book matching the marks.
  using T = el::StationTotalsReported;
  const el::QuestionTotals mayor{{3, 2}, 0, 1};
  struct Case {
    const char* what;
    T totals;
    absl::StatusCode code;
    const char* message;
  };
  ElectionId plain = city.add_election({.title = "Plain"});
  city.add_question(plain, single("Mayor", {"A", "B"}));
  city.add_question(plain, single("Deputy", {"C", "D", "E"}));
  StationId east = city.add_station(plain, "East");
  const std::vector<Case> cases = {
      {"ranked question", T{election, south, 6, {mayor, mayor}}, absl::StatusCode::kInvalidArgument,
       "entered one by one"},
      {"too few questions", T{plain, east, 6, {mayor}}, absl::StatusCode::kInvalidArgument,
       "cover 1 questions"},
      {"options mismatch", T{plain, east, 6, {mayor, mayor}}, absl::StatusCode::kInvalidArgument,
       "has 3 options"},
      {"sums differ", T{plain, east, 6, {mayor, {{1, 1, 1}, 0, 0}}},
       absl::StatusCode::kInvalidArgument, "counts 3 ballots; question 1 counts 6"},
      {"absurd count", T{plain, east, 6, {mayor, {{std::uint64_t{1} << 40, 1, 1}, 0, 0}}},
       absl::StatusCode::kOutOfRange, "more than a station counts"},
      {"unknown station", T{plain, StationId::from_name("x"), 6, {mayor, {{2, 2, 2}, 0, 0}}},
       absl::StatusCode::kNotFound, "does not exist"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(city.act_on(city.clerk, c.totals), StatusIs(c.code, HasSubstr(c.message)))
        << c.what;
  }
  const T east_totals{plain, east, 7, {mayor, {{2, 2, 1}, 1, 0}}};
  ASSERT_THAT(city.act_on(city.clerk, east_totals), IsOk());
  EXPECT_THAT(city.act_on(city.clerk, el::PaperBallotEntered{plain, east, {pick(0), pick(0)}}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("reported its totals")));
  EXPECT_THAT(city.act_on(city.clerk, el::StationConfirmed{plain, east}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("four eyes")));
  ASSERT_THAT(city.act_on(city.officer, el::StationConfirmed{plain, east}), IsOk());
  auto results = city.results(plain, ParticipantId());
  ASSERT_THAT(results, IsOk());
  EXPECT_EQ(results->questions[1].votes[0][kStation], 2u);
  EXPECT_EQ(results->questions[1].blank[kStation], 1u);
  EXPECT_THAT(results->warnings, ElementsAre("station 'East' issued 7 ballots and counted 6"));

  // A poll book that disagrees with the voters marked at the station is refused.
  ElectionId marked = city.add_election({.title = "Marked"});
  city.add_question(marked, single("Mayor", {"A", "B"}));
  StationId west = city.add_station(marked, "West");
  city.reopen_votes();
  ASSERT_THAT(city.mark(ana, marked, west), IsOk());
  city.close_votes();
  EXPECT_THAT(city.act_on(city.clerk, T{marked, west, 2, {{{1, 1}, 0, 0}}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("1 voters were marked")));
  EXPECT_FALSE(city.election(marked).stations.at(west).totals.has_value());
}

TEST(Elections, ResultsAreHiddenAsTheElectionSays) {
  ElectionCity city;
  ElectionId after = city.add_election({.title = "After"});
  ElectionId published =
      city.add_election({.title = "Published", .visibility = el::ResultsVisibility::kPublished});
  for (ElectionId id : {after, published}) {
    city.add_question(id, single("First", {"A", "B"}));
    city.add_question(id, single("Second", {"C", "D"}));
  }
  city.open_support();
  ParticipantId ana = city.resident("ana");
  ASSERT_THAT(city.vote(ana, after, {pick(0), pick(1)}), IsOk());
  ASSERT_THAT(city.vote(ana, published, {pick(0), pick(1)}), IsOk());
  for (ElectionId id : {after, published}) {
    for (ParticipantId reader : {ParticipantId(), ana, city.admin}) {
      EXPECT_THAT(city.results(id, reader),
                  StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("hidden")));
    }
  }
  EXPECT_THAT(city.act_on(city.admin, el::ResultsPublished{published, {0}}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("once voting is over")));
  city.close_votes();
  EXPECT_EQ(city.results(after, ana)->questions.size(), 2u);
  EXPECT_THAT(city.results(published, ana)->questions, IsEmpty());
  EXPECT_EQ(city.results(published, city.admin)->questions.size(), 2u);
  EXPECT_THAT(city.act_on(city.admin, el::ResultsPublished{after, {0}}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not published per")));
  EXPECT_THAT(city.act_on(city.admin, el::ResultsPublished{published, {2}}),
              StatusIs(absl::StatusCode::kOutOfRange, _));
  EXPECT_THAT(city.act_on(city.admin, el::ResultsPublished{published, {1, 1}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("twice")));
  EXPECT_THAT(city.act_on(ana, el::ResultsPublished{published, {1}}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("only an admin")));
  ASSERT_THAT(city.act_on(city.admin, el::ResultsPublished{published, {1}}), IsOk());
  auto seen = city.results(published, ParticipantId());
  ASSERT_THAT(seen, IsOk());
  ASSERT_EQ(seen->questions.size(), 1u);
  EXPECT_EQ(seen->questions[0].position, 1u);
  EXPECT_EQ(seen->questions[0].votes[1][kOnline], 1u);
  ASSERT_THAT(city.act_on(city.admin, el::ResultsPublished{published, {1}, false}), IsOk());
  EXPECT_THAT(city.results(published, ParticipantId())->questions, IsEmpty());
  EXPECT_THAT(city.results(ElectionId::from_name("none"), ana),
              StatusIs(absl::StatusCode::kNotFound, _));

  // Whoever may not read the component sees no results at all; its admins still do.
  city.must(city.admin_command(sp::ComponentPublished{city.elections, false}));
  EXPECT_THAT(city.results(after, ana),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not published")));
  EXPECT_THAT(city.results(after, ParticipantId()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not published")));
  EXPECT_EQ(city.results(after, city.admin)->questions.size(), 2u);
}

// A Loomio poll that closes by date: it takes votes until its closing time though votes stay
// enabled, its results show from then on, and an admin states its outcome. Meeting-time votes:
// ana Mon Tue, bo Tue, cy Tue Wed, so Tue has 3.
TEST(Elections, APollClosesByDateAndItsOutcomeIsStatedOnceItHas) {
  ElectionCity city;
  const absl::Time start = city.clock_->now;
  const absl::Time closing = start + absl::Hours(48);
  EXPECT_THAT(city.act_on(city.admin, el::ElectionAdded{.title = "Late", .closes_at = start}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("closing time 2027-03-01T09:00:00Z is not in the future")));
  ElectionId poll = city.add_election({.title = "Lunch", .closes_at = closing});
  ASSERT_OK_AND_ASSIGN(el::Question when, el::poll_question(el::PollKind::kMeetingTime, "When?",
                                                            {"Mon", "Tue", "Wed"}));
  city.add_question(poll, when);
  city.open_support();
  ParticipantId ana = city.resident("ana"), bo = city.resident("bo"), cy = city.resident("cy");
  ASSERT_THAT(city.vote(ana, poll, {el::Answer{.choices = {0, 1}}}), IsOk());
  ASSERT_THAT(city.vote(bo, poll, {el::Answer{.choices = {1}}}), IsOk());
  city.clock_->now = closing - absl::Seconds(1);
  ASSERT_THAT(city.vote(cy, poll, {el::Answer{.choices = {1, 2}}}), IsOk());
  EXPECT_THAT(city.results(poll, ana),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("hidden")));
  const el::OutcomeStated stated{.election = poll,
                                 .question = 0,
                                 .statement = "We meet on Tuesday at noon.",
                                 .option = 1,
                                 .review_at = closing + absl::Hours(24 * 7)};
  EXPECT_THAT(city.act_on(city.admin, stated),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("is open")));

  city.clock_->now = closing;
  EXPECT_THAT(city.vote(city.resident("dee"), poll, {el::Answer{.choices = {0}}}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("'Lunch' closed at 2027-03-03T09:00:00Z")));
  ASSERT_OK_AND_ASSIGN(el::Results shown, city.results(poll, ana));
  EXPECT_THAT(shown.questions[0].count->winner_names(), ElementsAre("Tue"));
  EXPECT_EQ(sum(shown.questions[0].votes[1]), 3u);
  EXPECT_FALSE(shown.questions[0].outcome.has_value());

  struct Case {
    const char* what;
    ParticipantId actor;
    el::OutcomeStated payload;
    absl::StatusCode code;
    const char* message;
  };
  auto with = [&](auto change) {
    el::OutcomeStated p = stated;
    change(p);
    return p;
  };
  const std::vector<Case> cases = {
      {"by a participant", ana, stated, absl::StatusCode::kFailedPrecondition, "only an admin"},
      {"of no election", city.admin, with([](auto& p) { p.election = ElectionId(); }),
       absl::StatusCode::kNotFound, "does not exist"},
      {"of no question", city.admin, with([](auto& p) { p.question = 1; }),
       absl::StatusCode::kOutOfRange, "question 1 does not exist"},
      {"without a statement", city.admin, with([](auto& p) { p.statement.clear(); }),
       absl::StatusCode::kInvalidArgument, "statement"},
      {"statement not UTF-8", city.admin, with([](auto& p) { p.statement = "caf\xe9"; }),
       absl::StatusCode::kInvalidArgument, "UTF-8"},
      {"statement too long", city.admin,
       with([](auto& p) { p.statement = std::string(10'001, 'a'); }), absl::StatusCode::kOutOfRange,
       "statement"},
      {"of no option", city.admin, with([](auto& p) { p.option = 3; }),
       absl::StatusCode::kOutOfRange, "option 3 does not exist"},
      {"reviewed in the past", city.admin, with([&](auto& p) { p.review_at = start; }),
       absl::StatusCode::kInvalidArgument, "review date 2027-03-01T09:00:00Z"},
  };
  el::State before = city.state();
  for (const Case& c : cases) {
    EXPECT_THAT(city.act_on(c.actor, c.payload), StatusIs(c.code, HasSubstr(c.message))) << c.what;
  }
  EXPECT_EQ(city.state(), before);

  ASSERT_THAT(city.act_on(city.admin, stated), IsOk());
  ASSERT_OK_AND_ASSIGN(shown, city.results(poll, ana));
  ASSERT_TRUE(shown.questions[0].outcome.has_value());
  const el::Outcome& outcome = *shown.questions[0].outcome;
  EXPECT_EQ(outcome.statement, "We meet on Tuesday at noon.");
  EXPECT_EQ(outcome.option, 1u);
  EXPECT_EQ(outcome.review_at, closing + absl::Hours(24 * 7));
  EXPECT_EQ(outcome.stated_at, closing);
  EXPECT_EQ(outcome.stated_by, city.admin);
  // A second statement replaces the first; the record keeps both.
  city.clock_->now = closing + absl::Hours(1);
  auto restated = city.act_on(
      city.admin,
      el::OutcomeStated{.election = poll, .question = 0, .statement = "Tuesday, at one."});
  ASSERT_THAT(restated, IsOk());
  // A record altered to settle on an option the question does not have does not fit it.
  sp::Organization folded = city.ledger->read([](const sp::Organization& o) { return o; });
  sp::Event altered = restated->event;
  altered.sequence = folded.sequence + 1;
  std::get<sp::ComponentAction>(altered.body).payload = el::Payload(
      el::OutcomeStated{.election = poll, .question = 0, .statement = "Friday", .option = 3});
  const el::State unaltered = **el::state_of(folded, city.elections);
  EXPECT_THAT(sp::evolve(folded, altered),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("an option that does not exist")));
  EXPECT_EQ(**el::state_of(folded, city.elections), unaltered);
  el::Election election = city.election(poll);
  ASSERT_EQ(election.outcomes.size(), 1u);
  EXPECT_EQ(election.outcomes.at(0).statement, "Tuesday, at one.");
  EXPECT_FALSE(election.outcomes.at(0).option.has_value());
  // Results read at the closing time by the application's clock, whatever the record's last
  // event; before it they are hidden.
  ASSERT_THAT(city.ledger->read([&](const sp::Organization& o) {
    return el::results(o, city.elections, poll, ana, closing - absl::Seconds(1)).status();
  }),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("hidden")));
}

// Decidim's elections run between a start and an end time: before the opening the election
// takes no ballot and is not over (its results stay hidden, its stations count nothing).
TEST(Elections, AnElectionTakesBallotsBetweenItsOpeningAndClosingTimes) {
  ElectionCity city;
  const absl::Time start = city.clock_->now;
  EXPECT_THAT(city.act_on(city.admin, el::ElectionAdded{.title = "Backwards",
                                                        .opens_at = start + absl::Hours(2),
                                                        .closes_at = start + absl::Hours(2)}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("opening time 2027-03-01T11:00:00Z is not before the closing "
                                 "time 2027-03-01T11:00:00Z")));
  ElectionId election =
      city.add_election({.opens_at = start + absl::Hours(1), .closes_at = start + absl::Hours(2)});
  city.add_question(election, single("Mayor", {"A", "B"}));
  StationId north = city.add_station(election, "North");
  city.open_support();
  ParticipantId ana = city.resident("ana"), bo = city.resident("bo");
  EXPECT_THAT(city.vote(ana, election, {pick(0)}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("'Council' opens at 2027-03-01T10:00:00Z")));
  EXPECT_THAT(city.mark(bo, election, north),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("opens at")));
  EXPECT_THAT(city.results(election, ana),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("hidden")));
  EXPECT_THAT(city.paper(city.officer, election, north, {pick(1)}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("once voting is over")));
  city.clock_->now = start + absl::Hours(1);
  ASSERT_THAT(city.vote(ana, election, {pick(0)}), IsOk());
  ASSERT_THAT(city.mark(bo, election, north), IsOk());
  city.clock_->now = start + absl::Hours(2);
  ASSERT_THAT(city.paper(city.officer, election, north, {pick(1)}), IsOk());
  ASSERT_THAT(city.act_on(city.clerk, el::StationConfirmed{election, north}), IsOk());
  ASSERT_OK_AND_ASSIGN(el::Results shown, city.results(election, ana));
  EXPECT_EQ(shown.questions[0].votes[0][kOnline], 1u);
  EXPECT_EQ(shown.questions[0].votes[1][kStation], 1u);
}

TEST(Elections, TheRecordAndItsSnapshotReadBackToTheSameState) {
  std::string path = fresh_path("elections_record");
  el::State expected;
  ComponentId component;
  {
    ElectionCity city(*store::open_sqlite_store(path));
    component = city.elections;
    ElectionId election = city.add_election({.visibility = el::ResultsVisibility::kPublished});
    city.add_question(election, single("Mayor", {"A", "B"}));
    city.add_question(election, el::Question{.title = "Stars",
                                             .options = {"P", "Q"},
                                             .kind = BallotKind::kScore,
                                             .max_choices = 2,
                                             .max_score = 5});
    ElectionId board = city.add_election({.title = "Board"});
    city.add_question(board, el::Question{.title = "Members",
                                          .options = {"a", "b", "c"},
                                          .kind = BallotKind::kApproval,
                                          .max_choices = 0,
                                          .method = "equal-shares",
                                          .seats = 2,
                                          .parameters = {{"completion", "none"}}});
    ElectionId coded = city.add_election({.title = "Coded",
                                          .census = el::Census::kCodes,
                                          .closes_at = city.clock_->now + absl::Hours(24)});
    city.add_question(coded, single("Mayor", {"A", "B"}));
    ASSERT_THAT(
        city.act_on(city.admin, el::CensusCodesLoaded{.election = coded, .codes = {"c1", "c2"}}),
        IsOk());
    StationId north = city.add_station(election, "North");
    StationId south = city.add_station(coded, "South");
    city.open_support();
    ParticipantId ana = city.resident("ana"), bo = city.resident("bo"), cy = city.resident("cy");
    const el::Answer stars{.choices = {0}, .scores = {3}};
    ASSERT_THAT(city.vote(ana, election, {pick(0), stars}), IsOk());
    ASSERT_THAT(city.vote(ana, election, {pick(1), blank()}), IsOk());
    ASSERT_THAT(city.booth(bo, election, north, {pick(1), stars}), IsOk());
    ASSERT_THAT(city.mark(cy, election, north), IsOk());
    ASSERT_THAT(city.act_as(sp::Actor{},
                            el::BallotCast{.election = coded, .answers = {pick(0)}, .code = "c1"}),
                IsOk());
    ASSERT_THAT(city.act_as(sp::Actor{ParticipantId(), sp::Channel::kInPerson, city.officer},
                            el::VoterMarked{.election = coded, .station = south, .code = "c2"}),
                IsOk());
    city.close_votes();
    ASSERT_THAT(city.paper(city.officer, election, north, {null_answer(), stars}), IsOk());
    ASSERT_THAT(city.act_on(city.clerk, el::StationConfirmed{election, north}), IsOk());
    ASSERT_THAT(
        city.act_on(city.clerk, el::StationTotalsReported{coded, south, 1, {{{0, 1}, 0, 0}}}),
        IsOk());
    ASSERT_THAT(city.act_on(city.admin, el::ResultsPublished{election, {1}}), IsOk());
    ASSERT_THAT(city.act_on(city.admin, el::OutcomeStated{.election = election,
                                                          .question = 0,
                                                          .statement = "B is mayor",
                                                          .option = 1,
                                                          .review_at = city.clock_->now +
                                                                       absl::Hours(24 * 365)}),
                IsOk());
    ASSERT_THAT(
        city.act_on(city.admin,
                    el::OutcomeStated{.election = coded, .question = 0, .statement = "Void"}),
        IsOk());
    expected = city.state();
    ASSERT_THAT(city.ledger->snapshot(), IsOk());
  }
  ASSERT_EQ(expected.elections.size(), 3u);
  const el::Question& members = expected.elections.at(expected.added[1]).questions.at(0);
  EXPECT_EQ(members.seats, 2);
  EXPECT_EQ(members.parameters.at("completion"), "none");
  ASSERT_EQ(expected.elections.at(expected.added[0]).outcomes.size(), 1u);
  expect_reads_back(path, component, expected,
                    [](const sp::Organization& o, ComponentId c) { return el::state_of(o, c); });
}

// Voters racing over every channel at once (a tab online, a booth, a mediator, a paper ballot
// handed out): each census entry ends with at most one way of voting, only online ballots were
// ever replaced, and the state equals the fold of the record.
TEST(Elections, RacingChannelsNeverGiveACensusEntryTwoWays) {
  std::string path = fresh_path("elections_race");
  ComponentId component;
  el::State state;
  std::vector<Digest> tokens;
  {
    ElectionCity city(*store::open_sqlite_store(path));
    component = city.elections;
    ElectionId election = city.add_election({.salt = "race"});
    city.add_question(election, single("Mayor", {"A", "B", "C"}));
    StationId north = city.add_station(election, "North");
    city.open_support();
    std::vector<ParticipantId> people;
    for (int i = 0; i < 12; ++i) {
      people.push_back(city.resident(str_cat("resident-", i)));
      tokens.push_back(questionnaire::respondent_token("race", questionnaire::Identity::kAccount,
                                                       people.back().to_string()));
    }
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        Rng rng(900 + t);
        for (int n = 0; n < 60; ++n) {
          ParticipantId who = people[rng.uniform(12)];
          el::Answer answer = pick(static_cast<std::uint32_t>(rng.uniform(3)));
          sp::Actor actor{who};
          el::Payload payload = el::BallotCast{.election = election, .answers = {answer}};
          switch (rng.uniform(4)) {
            case 0:
              break;
            case 1:
              actor = sp::Actor{who, sp::Channel::kInPerson, city.officer};
              payload = el::BallotCast{.election = election, .answers = {answer}, .station = north};
              break;
            case 2:
              actor = sp::Actor{who, sp::Channel::kMediated, city.officer};
              break;
            default:
              actor = sp::Actor{who, sp::Channel::kInPerson, city.clerk};
              payload = el::VoterMarked{.election = election, .station = north};
              break;
          }
          (void)city.ledger->execute(sp::Command{actor, str_cat("race/", t, "/", n),
                                                 sp::ComponentAction{component, payload}});
        }
      });
    }
    for (std::thread& t : threads) t.join();
    state = city.state();
  }
  const el::Election& election = state.elections.begin()->second;
  std::size_t voted = 0;
  for (const Digest& token : tokens) {
    const bool cast = election.ballots.contains(token);
    const bool marked = election.marked.contains(token);
    EXPECT_FALSE(cast && marked);
    voted += cast || marked;
    if (cast && election.ballots.at(token).channel != sp::Channel::kOnline) {
      EXPECT_EQ(election.ballots.at(token).replaced, 0u);
    }
  }
  EXPECT_EQ(voted, election.ballots.size() + election.marked.size());
  EXPECT_GT(voted, 0u);
  expect_reads_back(path, component, state,
                    [](const sp::Organization& o, ComponentId c) { return el::state_of(o, c); });
}

}  // namespace
}  // namespace participa::testing
