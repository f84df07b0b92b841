// The surveys component through the ledger: respondents counted once under each policy (also
// when they race), visitors and paper responses, the open window, the form frozen once answered,
// results published per question after closing, and the record read back exactly.
#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "city.hpp"
#include "participa/components/surveys/surveys.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/io/record.hpp"
#include "participa/io/snapshot.hpp"
#include "participa/questionnaire/respondent.hpp"
#include "participa/store/verify.hpp"
#include "read_back.hpp"
#include "records.hpp"

namespace participa::testing {
namespace {

namespace sv = participa::components::surveys;
namespace q = participa::questionnaire;
using ::testing::HasSubstr;

constexpr char kSalt[] = "park-survey-salt";

q::Form park_form(std::string salt = kSalt) {
  auto options = [](std::initializer_list<const char*> names) {
    std::vector<q::Option> out;
    for (const char* name : names) out.push_back({q::Text(name)});
    return out;
  };
  return q::Form{.title = q::Text("Our park"),
                 .salt = std::move(salt),
                 .questions = {
                     {.type = q::QuestionType::kSingleOption,
                      .body = q::Text("Where do you live?"),
                      .mandatory = true,
                      .options = options({"North", "South"})},
                     {.type = q::QuestionType::kMultipleOption,
                      .body = q::Text("What should the park have?"),
                      .max_choices = 2,
                      .options = options({"Trees", "Benches", "Fountain"})},
                     {.type = q::QuestionType::kSeparator},
                     {.type = q::QuestionType::kShortText, .body = q::Text("Anything else?")},
                 }};
}

q::Response answer(std::uint32_t district, std::vector<std::uint32_t> wishes = {},
                   std::string words = {}) {
  q::Response response;
  response.answers.resize(4);
  response.answers[0].choices.push_back({.option = district});
  for (std::uint32_t wish : wishes) response.answers[1].choices.push_back({.option = wish});
  response.answers[3].text = std::move(words);
  return response;
}

// A city whose process also holds a survey, open in the collection phase.
class SurveyCity : public City {
 public:
  explicit SurveyCity(sp::Settings global = {}, sp::Settings open = {},
                      std::unique_ptr<store::EventStore> events = store::memory_store())
      : City({}, std::move(events)) {
    sv::register_kind();
    survey = body<sp::ComponentAdded>(
                 must(admin_command(sp::ComponentAdded{.space = space,
                                                       .kind = "surveys",
                                                       .name = "Park survey",
                                                       .settings = std::move(global)})))
                 .component;
    open.emplace("allow_answers", true);
    must(admin_command(sp::ComponentConfigured{survey, collection, std::move(open)}));
    must(admin_command(sp::ComponentPublished{survey}));
  }

  sp::Command respond(sp::Actor actor, sv::Payload payload) {
    return sp::Command{actor, next_key(), sp::ComponentAction{survey, std::move(payload)}};
  }
  sp::Command by_admin(sv::Payload payload) { return respond({admin}, std::move(payload)); }
  void set_form(q::Form form = park_form()) { must(by_admin(sv::FormSet{std::move(form)})); }

  absl::StatusOr<store::Receipt> submit(sp::Actor actor, q::Response response,
                                        std::string session = {}, std::string address = {}) {
    return run(respond(actor, sv::ResponseSubmitted{.response = std::move(response),
                                                    .session = std::move(session),
                                                    .ip_address = std::move(address)}));
  }

  sv::State state() {
    return ledger->read([&](const sp::Organization& o) { return **sv::state_of(o, survey); });
  }
  static sv::Payload survey_payload(const store::Receipt& receipt) {
    return std::any_cast<sv::Payload>(std::get<sp::ComponentAction>(receipt.event.body).payload);
  }

  ComponentId survey;
};

Digest account_token(ParticipantId who) {
  return q::respondent_token(kSalt, q::Identity::kAccount, who.to_string());
}

TEST(Surveys, OnlyAnAdminSetsTheFormAndAnInvalidFormIsRefusedWithEveryProblem) {
  SurveyCity city;
  ParticipantId ana = city.resident("ana");
  EXPECT_THAT(city.run(city.respond({ana}, sv::FormSet{park_form()})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("only an admin")));
  q::Form broken = park_form();
  broken.questions[0].options.clear();
  broken.questions[1].max_choices = 9;
  auto refused = city.run(city.by_admin(sv::FormSet{broken}));
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("question 1")));
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("question 2")));
  q::Form published = park_form();
  published.questions[1].results_published = true;
  EXPECT_THAT(city.run(city.by_admin(sv::FormSet{published})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("results-published")));
  EXPECT_FALSE(city.state().questionnaire.has_value());

  // A form without a salt is given one: 32 hex digits, not empty, so tokens cannot be guessed.
  auto set = city.run(city.by_admin(sv::FormSet{park_form("")}));
  ASSERT_THAT(set, IsOk());
  std::string salt = std::get<sv::FormSet>(SurveyCity::survey_payload(*set)).form.salt;
  EXPECT_EQ(salt.size(), 32u);
  EXPECT_EQ(salt.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(city.state().questionnaire->form().salt, salt);
}

TEST(Surveys, AParticipantAnswersOnceAndAgainOnlyWhenEditingIsAllowed) {
  SurveyCity city;
  city.set_form();
  ParticipantId ana = city.resident("ana");
  ASSERT_THAT(city.submit({ana}, answer(0, {0, 1})), IsOk());
  sv::State before = city.state();
  ASSERT_EQ(before.responses.size(), 1u);
  EXPECT_EQ(before.responses.begin()->first, account_token(ana));
  EXPECT_THAT(city.submit({ana}, answer(1)),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("does not allow editing")));
  EXPECT_EQ(city.state(), before);

  SurveyCity editable({}, {{"allow_editing_answers", true}});
  editable.set_form();
  ParticipantId bo = editable.resident("bo");
  ASSERT_THAT(editable.submit({bo}, answer(0)), IsOk());
  auto again = editable.submit({bo}, answer(1, {2}));
  ASSERT_THAT(again, IsOk());
  EXPECT_TRUE(std::get<sv::ResponseSubmitted>(SurveyCity::survey_payload(*again)).replaces);
  sv::State after = editable.state();
  ASSERT_EQ(after.responses.size(), 1u);
  EXPECT_EQ(after.responses.begin()->second.response, answer(1, {2}));
  EXPECT_EQ(after.responses.begin()->second.edits, 1u);
}

TEST(Surveys, AnInvalidResponseIsRefusedWithEveryProblemAndNothingChanges) {
  SurveyCity city;
  city.set_form();
  ParticipantId ana = city.resident("ana");
  q::Response bad = answer(0, {0, 1, 2});  // three wishes where two are allowed
  bad.answers[0].choices.clear();          // and the mandatory district left out
  auto refused = city.submit({ana}, bad);
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("question 1")));
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("question 2")));
  EXPECT_TRUE(city.state().responses.empty());
}

TEST(Surveys, AnswersAreTakenOnlyInsideTheWindowAndThePhaseThatAllowsThem) {
  // The test clock starts at 2027-03-01T09:00:00Z.
  SurveyCity city({}, {{"starts_at", std::string("2027-03-02T00:00:00Z")},
                       {"ends_at", std::string("2027-03-09T00:00:00Z")}});
  city.set_form();
  ParticipantId ana = city.resident("ana");
  EXPECT_THAT(city.submit({ana}, answer(0)), StatusIs(absl::StatusCode::kFailedPrecondition,
                                                      HasSubstr("opens at 2027-03-02T00:00:00")));
  city.clock_->now += absl::Hours(15);  // 2027-03-02T00:00:00Z: the first instant it is open
  EXPECT_THAT(city.submit({ana}, answer(0)), IsOk());
  ParticipantId bo = city.resident("bo");
  city.clock_->now += absl::Hours(24 * 7);  // 2027-03-09T00:00:00Z: closed
  EXPECT_THAT(city.submit({bo}, answer(0)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("closed at")));
  city.clock_->now -= absl::Seconds(1);
  EXPECT_THAT(city.submit({bo}, answer(1)), IsOk());
  city.open_support();  // the support phase does not allow answers
  ParticipantId cy = city.resident("cy");
  EXPECT_THAT(city.submit({cy}, answer(0)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not allowed now")));
  EXPECT_EQ(city.state().responses.size(), 2u);
}

TEST(Surveys, SettingsThatAreNotUnderstoodAreRefusedWhenSet) {
  SurveyCity city;
  auto configure = [&](sp::Settings settings) {
    return city.run(city.admin_command(
        sp::ComponentConfigured{city.survey, city.support, std::move(settings)}));
  };
  EXPECT_THAT(configure({{"starts_at", std::string("next monday")}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not an RFC 3339 time")));
  EXPECT_THAT(configure({{"starts_at", std::string("2027-03-09T00:00:00Z")},
                         {"ends_at", std::string("2027-03-02T00:00:00Z")}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not after starts_at")));
  auto add = [&](sp::Settings settings) {
    return city.run(city.admin_command(sp::ComponentAdded{
        .space = city.space, .kind = "surveys", .name = "Other", .settings = std::move(settings)}));
  };
  EXPECT_THAT(
      add({{"respondent_identity", std::string("email")}}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'account' or 'census-token'")));
  EXPECT_THAT(add({{"census_handler", std::string("passport")}}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("passport")));
}

TEST(Surveys, CensusTokensCountAPersonOnceWhicheverAccountTheyUse) {
  SurveyCity city({{"respondent_identity", std::string("census-token")}});
  city.set_form();
  ParticipantId ana = city.resident("ana");
  // The person moves to a new account: the census authorization goes with them, and they are
  // still the respondent who answered.
  ParticipantId ana_again = city.register_person("ana-again");
  ParticipantId nobody = city.register_person("nobody");
  ASSERT_THAT(city.submit({ana}, answer(0)), IsOk());
  city.must(city.admin_command(sp::AuthorizationRevoked{ana, "census"}));
  city.must(city.admin_command(sp::AuthorizationGranted{
      ana_again,
      sp::Authorization{.handler = "census",
                        .unique_id = "census-ana",
                        .attributes = {{"postal_code", "46100"}, {"birth_date", "1990-05-01"}}}}));
  EXPECT_THAT(city.submit({ana_again}, answer(1)),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("answered already")));
  EXPECT_THAT(city.submit({nobody}, answer(1)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("'census' authorization")));
  ASSERT_EQ(city.state().responses.size(), 1u);
  EXPECT_EQ(city.state().responses.begin()->first,
            q::respondent_token(kSalt, q::Identity::kCensusToken, "census-ana"));
}

TEST(Surveys, VisitorsAnswerBySessionOnlyWhereTheSurveyAllowsIt) {
  SurveyCity closed;
  closed.set_form();
  EXPECT_THAT(closed.submit({}, answer(0), "session-1"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("participant")));

  SurveyCity city({{"allow_unregistered", true}});
  city.set_form();
  auto first = city.submit({}, answer(0), "session-1", "203.0.113.7");
  ASSERT_THAT(first, IsOk());
  // The record keeps the token and the address's hash, never the session or the address.
  auto recorded = std::get<sv::ResponseSubmitted>(SurveyCity::survey_payload(*first));
  EXPECT_TRUE(recorded.session.empty());
  EXPECT_TRUE(recorded.ip_address.empty());
  EXPECT_EQ(recorded.respondent, q::respondent_token(kSalt, q::Identity::kSession, "session-1"));
  EXPECT_EQ(recorded.ip_hash, q::ip_hash(kSalt, "203.0.113.7"));
  EXPECT_TRUE(first->event.actor.participant.is_nil());

  EXPECT_THAT(city.submit({}, answer(1), "session-1"),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("answered already")));
  EXPECT_THAT(city.submit({}, answer(1)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("needs its session")));
  // Whoever saw a respondent's token (it is in the state) cannot answer as them with it: a new
  // response names its session; only a recorded one, decided again by verify, brings the token.
  EXPECT_THAT(city.run(city.respond({}, sv::ResponseSubmitted{.response = answer(1),
                                                              .respondent = recorded.respondent})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("names its session")));
  EXPECT_THAT(city.submit({}, answer(1), std::string(257, 's')),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("at most 256 bytes")));
  ParticipantId ana = city.resident("ana");
  EXPECT_THAT(city.submit({ana}, answer(1), "session-2"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("only for visitors")));
  // Visitors take no other action: drafting a proposal still needs a participant.
  EXPECT_THAT(city.run(sp::Command{
                  {},
                  city.next_key(),
                  sp::ComponentAction{city.component, pr::Payload(pr::ProposalDrafted{
                                                          .title = "Benches", .body = "More."})}}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("participant")));
  // A survey that requires an authorization to respond refuses visitors, who hold none.
  city.must(city.admin_command(sp::PermissionSet{city.survey, "respond", {{"census", {}}}}));
  EXPECT_THAT(city.submit({}, answer(1), "session-3"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("'census' authorization")));
  // Nor do they reach an unpublished survey.
  city.must(city.admin_command(sp::ComponentPublished{city.survey, false}));
  EXPECT_THAT(city.submit({}, answer(1), "session-4"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not published")));
  EXPECT_EQ(city.state().responses.size(), 1u);
}

TEST(Surveys, APrivateSpaceIsClosedToVisitors) {
  SurveyCity city({{"allow_unregistered", true}});
  city.set_form();
  city.must(city.admin_command(sp::SpacePublished{city.space, false}));
  EXPECT_THAT(city.submit({}, answer(0), "session-1"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not open to visitors")));
}

TEST(Surveys, PaperResponsesAreTypedInByAnOfficerAndCountedWithTheOnlineOnes) {
  SurveyCity city({{"allow_unregistered", true}});
  city.set_form();
  ParticipantId ana = city.resident("ana");
  ASSERT_THAT(city.submit({ana}, answer(0, {0})), IsOk());
  sp::Actor paper{.channel = sp::Channel::kInPerson, .recorded_by = city.officer};
  ASSERT_THAT(city.submit(paper, answer(1, {0, 2}), "paper-form-0001"), IsOk());
  EXPECT_THAT(city.submit(paper, answer(1), "paper-form-0001"),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("answered already")));
  sp::Actor unrecorded{.channel = sp::Channel::kInPerson};
  EXPECT_THAT(city.submit(unrecorded, answer(1), "paper-form-0002"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("officer or mediator")));
  sp::Actor by_resident{.channel = sp::Channel::kInPerson, .recorded_by = ana};
  EXPECT_THAT(city.submit(by_resident, answer(1), "paper-form-0002"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not a user manager")));

  sv::State state = city.state();
  ASSERT_EQ(state.responses.size(), 2u);
  auto paper_response =
      state.responses.at(q::respondent_token(kSalt, q::Identity::kSession, "paper-form-0001"));
  EXPECT_EQ(paper_response.channel, sp::Channel::kInPerson);
  // Trees were wished by both, the fountain by the paper respondent only (counted by hand).
  ASSERT_OK_AND_ASSIGN(q::Tabulation tabulation, sv::tabulate(state));
  EXPECT_EQ(tabulation.aggregate.respondents(), 2u);
  EXPECT_EQ(tabulation.aggregate.questions()[1].choices, (std::vector<std::uint64_t>{2, 0, 1}));
  EXPECT_EQ(tabulation.aggregate.questions()[0].choices, (std::vector<std::uint64_t>{1, 1}));
}

TEST(Surveys, TheFormIsFrozenOnceAnsweredUnlessResponsesAreClearedWhileUnpublished) {
  SurveyCity city;
  city.set_form();
  ParticipantId ana = city.resident("ana");
  ASSERT_THAT(city.submit({ana}, answer(0)), IsOk());
  q::Form changed = park_form();
  changed.questions[0].options.push_back({q::Text("East")});
  EXPECT_THAT(city.run(city.by_admin(sv::FormSet{changed})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("has 1 responses")));
  EXPECT_THAT(
      city.run(city.by_admin(sv::FormSet{changed, true})),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("while it is unpublished")));
  EXPECT_EQ(city.state().responses.size(), 1u);
  city.must(city.admin_command(sp::ComponentPublished{city.survey, false}));
  ASSERT_THAT(city.run(city.by_admin(sv::FormSet{changed, true})), IsOk());
  EXPECT_TRUE(city.state().responses.empty());
  EXPECT_EQ(city.state().questionnaire->question(0).options.size(), 3u);
}

TEST(Surveys, ResultsArePublishedPerQuestionOnceAnswersAreClosed) {
  SurveyCity city;
  city.set_form();
  ParticipantId ana = city.resident("ana"), bo = city.resident("bo"), cy = city.resident("cy");
  ASSERT_THAT(city.submit({ana}, answer(0, {0, 1}, "Shade")), IsOk());
  ASSERT_THAT(city.submit({bo}, answer(1, {1})), IsOk());
  ASSERT_THAT(city.submit({cy}, answer(1, {}, "Shade")), IsOk());
  EXPECT_THAT(city.run(city.by_admin(sv::ResultsPublished{{1}})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("takes answers now")));
  city.open_support();
  EXPECT_THAT(city.run(city.respond({ana}, sv::ResultsPublished{{1}})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("only an admin")));
  EXPECT_THAT(city.run(city.by_admin(sv::ResultsPublished{{2}})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("shown only")));
  EXPECT_THAT(city.run(city.by_admin(sv::ResultsPublished{{7}})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no question 8")));
  EXPECT_THAT(city.run(city.by_admin(sv::ResultsPublished{{1, 1}})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("named twice")));
  EXPECT_THAT(city.run(city.by_admin(sv::ResultsPublished{})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("name the questions")));
  ASSERT_THAT(city.run(city.by_admin(sv::ResultsPublished{{1}})), IsOk());

  ASSERT_OK_AND_ASSIGN(q::Summary published, sv::results(city.state()));
  ASSERT_EQ(published.questions.size(), 1u);
  const q::QuestionResult& wishes = published.questions[0];
  EXPECT_EQ(wishes.position, 1u);
  // Trees 1, benches 2, fountain 0, over the 2 respondents who wished for something of 3 shown.
  ASSERT_EQ(wishes.options.size(), 3u);
  EXPECT_EQ(wishes.options[0].count, 1u);
  EXPECT_EQ(wishes.options[1].count, 2u);
  EXPECT_EQ(wishes.options[2].count, 0u);
  EXPECT_EQ(wishes.answered, 2u);
  EXPECT_EQ(wishes.shown, 3u);
  ASSERT_OK_AND_ASSIGN(q::Summary everything, sv::results(city.state(), true));
  EXPECT_EQ(everything.questions.size(), 3u);  // the separator has no result

  ASSERT_THAT(city.run(city.by_admin(sv::ResultsPublished{{1}, false})), IsOk());
  ASSERT_OK_AND_ASSIGN(q::Summary withdrawn, sv::results(city.state()));
  EXPECT_TRUE(withdrawn.questions.empty());
}

TEST(Surveys, TheRecordAndItsSnapshotReadBackToTheSameState) {
  std::string path = fresh_path("surveys_record");
  sv::State expected;
  ComponentId survey;
  {
    SurveyCity city({{"allow_unregistered", true}}, {{"allow_editing_answers", true}},
                    *store::open_sqlite_store(path));
    survey = city.survey;
    city.set_form();
    ParticipantId ana = city.resident("ana");
    ASSERT_THAT(city.submit({ana}, answer(0, {0, 1}, "Shade, please")), IsOk());
    ASSERT_THAT(city.submit({ana}, answer(1, {2})), IsOk());
    ASSERT_THAT(city.submit({}, answer(1, {0}), "session-9", "198.51.100.4"), IsOk());
    sp::Actor paper{.channel = sp::Channel::kMediated, .recorded_by = city.officer};
    ASSERT_THAT(city.submit(paper, answer(0), "paper-7"), IsOk());
    city.open_support();
    ASSERT_THAT(city.run(city.by_admin(sv::ResultsPublished{{0, 3}})), IsOk());
    expected = city.state();
    ASSERT_THAT(city.ledger->snapshot(), IsOk());
  }
  ASSERT_EQ(expected.responses.size(), 3u);
  expect_reads_back(path, survey, expected,
                    [](const sp::Organization& o, ComponentId c) { return sv::state_of(o, c); });
}

// Protobuf writes a map in hash-table order, which differs between processes; a record's bytes,
// its snapshot and its JSON must not. Forty languages put in any other order would be seen.
TEST(Surveys, AFormInManyLanguagesIsWrittenInLanguageOrderInEventSnapshotAndJson) {
  SurveyCity city;
  q::Form form = park_form();
  std::vector<std::string> markers;
  for (char first : {'a', 'm'}) {
    for (char second = 'a'; second < 'a' + 20; ++second) {
      std::string language{first, second};
      markers.push_back(str_cat("title-in-", language));
      form.title.translations[language] = markers.back();
    }
  }
  auto receipt = city.run(city.by_admin(sv::FormSet{form}));
  ASSERT_THAT(receipt, IsOk());
  auto in_marker_order = [&](std::string_view text) {
    std::size_t last = 0;
    for (const std::string& marker : markers) {
      std::size_t at = text.find(marker);
      if (at == std::string_view::npos || at < last) return false;
      last = at;
    }
    return true;
  };
  auto bytes = io::encode_event(receipt->event);
  ASSERT_THAT(bytes, IsOk());
  EXPECT_TRUE(in_marker_order(*bytes));
  auto json = io::event_json(*bytes);
  ASSERT_THAT(json, IsOk());
  EXPECT_TRUE(in_marker_order(*json)) << *json;
  auto snapshot =
      city.ledger->read([](const sp::Organization& o) { return io::encode_snapshot(o); });
  ASSERT_THAT(snapshot, IsOk());
  EXPECT_TRUE(in_marker_order(*snapshot));
}

TEST(Surveys, ARecordedResponseThatKeepsItsSessionDoesNotFitTheRecord) {
  SurveyCity city({{"allow_unregistered", true}});
  city.set_form();
  auto receipt = city.submit({}, answer(0), "session-1");
  ASSERT_THAT(receipt, IsOk());
  sp::Organization before = city.ledger->read([](const sp::Organization& o) { return o; });
  sp::Organization replayed = before;
  sp::Event altered = receipt->event;
  altered.sequence = before.sequence + 1;
  auto& action = std::get<sp::ComponentAction>(altered.body);
  auto payload = std::any_cast<sv::Payload>(action.payload);
  std::get<sv::ResponseSubmitted>(payload).session = "session-1";
  std::get<sv::ResponseSubmitted>(payload).replaces = true;
  action.payload = payload;
  EXPECT_THAT(sp::evolve(replayed, altered),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("keeps its session")));
}

// Respondents racing from many threads (two tabs, a double click): each is counted once, and
// exactly one of their attempts is accepted when editing is not allowed.
TEST(Surveys, RacingRespondentsAreCountedOnce) {
  for (bool editing : {false, true}) {
    SurveyCity city({{"allow_unregistered", true}}, {{"allow_editing_answers", editing}});
    city.set_form();
    std::vector<ParticipantId> people;
    for (int i = 0; i < 24; ++i) people.push_back(city.resident(str_cat("resident-", i)));
    std::map<std::string, std::atomic<int>> accepted;
    for (int i = 0; i < 24; ++i) accepted[str_cat("participant-", i)] = 0;
    for (int i = 0; i < 24; ++i) accepted[str_cat("session-", i)] = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        Rng rng(300 + t);
        for (int n = 0; n < 60; ++n) {
          std::uint32_t who = rng.uniform(24);
          bool visitor = rng.uniform(2) == 0;
          sp::Actor actor = visitor ? sp::Actor{} : sp::Actor{people[who]};
          std::string session = visitor ? str_cat("session-", who) : std::string();
          auto receipt = city.ledger->execute(sp::Command{
              actor, str_cat("race/", t, "/", n),
              sp::ComponentAction{
                  city.survey, sv::Payload(sv::ResponseSubmitted{.response = answer(rng.uniform(2)),
                                                                 .session = session})}});
          if (receipt.ok()) {
            ++accepted.at(visitor ? session : str_cat("participant-", who));
          } else {
            EXPECT_EQ(receipt.status().code(), absl::StatusCode::kAlreadyExists)
                << receipt.status();
          }
        }
      });
    }
    for (std::thread& t : threads) t.join();
    sv::State state = city.state();
    std::size_t respondents = 0;
    std::uint32_t edits = 0;
    int attempts_accepted = 0;
    for (const auto& [who, count] : accepted) {
      if (count > 0) ++respondents;
      if (!editing) {
        EXPECT_LE(count.load(), 1) << who;
      }
      attempts_accepted += count;
    }
    for (const auto& [token, stored] : state.responses) edits += stored.edits;
    EXPECT_EQ(state.responses.size(), respondents);
    EXPECT_EQ(static_cast<std::size_t>(attempts_accepted), respondents + edits);
    if (editing) {
      EXPECT_GT(edits, 0u);
    }
  }
}

}  // namespace
}  // namespace participa::testing
