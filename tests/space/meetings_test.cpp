// The meetings component through the ledger: an agenda that fits the meeting, registrations
// with reserved slots and a waiting list promoted in order (also when participants race), codes
// checked at the door, live polls counted per option, the closing report, the record read back
// exactly, bad input refused without a change, and the meeting's public JSON and page.
#include <algorithm>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "city.hpp"
#include "participa/components/meetings/meetings.hpp"
#include "participa/io/meetings.hpp"
#include "participa/io/report.hpp"
#include "read_back.hpp"
#include "records.hpp"

namespace participa::testing {
namespace {

namespace mt = participa::components::meetings;
namespace q = participa::questionnaire;
using ::testing::_;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

absl::Time at(int day, int hour, int minute = 0) {
  return absl::FromCivil(absl::CivilSecond(2027, 3, day, hour, minute, 0), absl::UTCTimeZone());
}

q::Question choice_question(q::QuestionType type, std::initializer_list<const char*> options) {
  q::Question question{.type = type, .body = q::Text("Which first?")};
  for (const char* option : options) question.options.push_back({q::Text(option)});
  return question;
}

q::Answer chose(std::initializer_list<std::uint32_t> options) {
  q::Answer answer;
  for (std::uint32_t option : options) answer.choices.push_back({.option = option});
  return answer;
}

// A city whose process also holds a meetings component.
class Assembly : public City {
 public:
  explicit Assembly(std::unique_ptr<store::EventStore> events = store::memory_store())
      : City({}, std::move(events)) {
    mt::register_kind();
    meetings =
        body<sp::ComponentAdded>(must(admin_command(sp::ComponentAdded{
                                     .space = space, .kind = "meetings", .name = "Meetings"})))
            .component;
    must(admin_command(sp::ComponentPublished{meetings}));
  }

  absl::StatusOr<store::Receipt> act_on(sp::Actor actor, mt::Payload payload) {
    return run(sp::Command{actor, next_key(), sp::ComponentAction{meetings, std::move(payload)}});
  }
  absl::StatusOr<store::Receipt> act_on(ParticipantId who, mt::Payload payload) {
    return act_on(sp::Actor{who}, std::move(payload));
  }
  template <class P>
  P decided(const store::Receipt& receipt) {
    return std::get<P>(std::any_cast<const mt::Payload&>(
        std::get<sp::ComponentAction>(receipt.event.body).payload));
  }

  // add — a hybrid meeting on 10 March, 18:00 to 20:00, with registrations open when it has
  // slots.
  MeetingId add(std::uint32_t slots = 0, std::uint32_t reserved = 0,
                std::optional<q::Form> form = std::nullopt) {
    auto receipt = act_on(admin, mt::MeetingAdded{.title = "Riverside park",
                                                  .format = mt::Format::kHybrid,
                                                  .address = "Town hall, room 2",
                                                  .url = "https://meet.example.org/park",
                                                  .starts_at = at(10, 18),
                                                  .ends_at = at(10, 20),
                                                  .slots = slots,
                                                  .reserved_slots = reserved,
                                                  .registration_form = std::move(form)});
    EXPECT_THAT(receipt, IsOk());
    MeetingId id = decided<mt::MeetingAdded>(*receipt).meeting;
    if (slots > 0) {
      EXPECT_THAT(act_on(admin, mt::RegistrationsOpened{id}), IsOk());
    }
    return id;
  }
  std::string register_for(MeetingId meeting, sp::Actor actor, bool reserved = false) {
    auto receipt = act_on(actor, mt::Registered{.meeting = meeting, .reserved = reserved});
    EXPECT_THAT(receipt, IsOk());
    return receipt.ok() ? decided<mt::Registered>(*receipt).code : "";
  }
  sp::Actor by_officer(ParticipantId who) {
    return sp::Actor{who, sp::Channel::kMediated, officer};
  }

  mt::State state() {
    return ledger->read([&](const sp::Organization& o) { return **mt::state_of(o, meetings); });
  }
  mt::Meeting meeting(MeetingId id) { return state().meetings.at(id); }

  ComponentId meetings;
};

std::vector<ParticipantId> confirmed(const mt::Meeting& meeting) {
  std::vector<ParticipantId> out;
  for (const auto& [who, registration] : meeting.registrations) {
    if (!registration.waiting) out.push_back(who);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<ParticipantId> sorted(std::vector<ParticipantId> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST(Meetings, TheAgendaNestsOneLevelAndItsDurationsFitTheMeeting) {
  Assembly city;
  MeetingId meeting = city.add();
  auto item = [&](std::string title, int minutes, AgendaItemId parent = {}) {
    return city.act_on(city.admin, mt::AgendaItemAdded{.meeting = meeting,
                                                       .parent = parent,
                                                       .title = std::move(title),
                                                       .duration = absl::Minutes(minutes)});
  };
  auto welcome = item("Welcome", 15);
  ASSERT_THAT(welcome, IsOk());
  auto workshops = item("Workshops", 90);
  ASSERT_THAT(workshops, IsOk());
  const AgendaItemId parent = city.decided<mt::AgendaItemAdded>(*workshops).item;
  // Two hours hold 15 + 90 minutes; 16 more do not fit, 15 do.
  EXPECT_THAT(item("Questions", 16),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("15m of 2h are left")));
  ASSERT_THAT(item("Questions", 15), IsOk());
  // The workshops' 90 minutes hold children of 60 and 30, and nothing more.
  ASSERT_THAT(item("Tables", 60, parent), IsOk());
  auto cards = item("Cards", 30, parent);
  ASSERT_THAT(cards, IsOk());
  EXPECT_THAT(item("Break", 1, parent),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'Workshops'")));
  // One level only.
  EXPECT_THAT(item("Deeper", 5, city.decided<mt::AgendaItemAdded>(*cards).item),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("nests one level")));
  const mt::Meeting held = city.meeting(meeting);
  ASSERT_EQ(held.agenda.size(), 5u);
  EXPECT_EQ(held.agenda[3].parent, parent);
  EXPECT_EQ(held.agenda[4].title, "Cards");
}

// Three slots, one reserved: two go to whoever registers first, the reserved one to a person an
// officer registers; the rest wait in order and a freed open slot goes to the first who waits.
TEST(Meetings, RegistrationsFillTheSlotsThenWaitAndTheFirstWhoWaitsIsPromoted) {
  Assembly city;
  MeetingId meeting = city.add(/*slots=*/3, /*reserved=*/1);
  ParticipantId ana = city.resident("ana"), bo = city.resident("bo"), cy = city.resident("cy"),
                dan = city.resident("dan"), eve = city.resident("eve"), fay = city.resident("fay");
  city.register_for(meeting, {ana});
  city.register_for(meeting, {bo});
  city.register_for(meeting, {cy});
  city.register_for(meeting, {dan});
  city.register_for(meeting, city.by_officer(eve), /*reserved=*/true);
  // The reserved slot is taken and the open ones are full: fay waits after cy and dan.
  city.register_for(meeting, city.by_officer(fay), /*reserved=*/true);
  mt::Meeting m = city.meeting(meeting);
  EXPECT_EQ(confirmed(m), sorted({ana, bo, eve}));
  EXPECT_THAT(m.waiting_list, ElementsAre(cy, dan, fay));
  EXPECT_TRUE(m.registrations.at(eve).reserved);
  EXPECT_EQ(m.registrations.at(eve).recorded_by, city.officer);
  EXPECT_FALSE(m.registrations.at(fay).reserved);

  ASSERT_THAT(city.act_on(ana, mt::RegistrationCancelled{.meeting = meeting}), IsOk());
  m = city.meeting(meeting);
  EXPECT_EQ(confirmed(m), sorted({bo, cy, eve}));
  EXPECT_THAT(m.waiting_list, ElementsAre(dan, fay));
  // A freed reserved slot stays reserved: nobody is promoted into it.
  ASSERT_THAT(city.act_on(city.officer, mt::RegistrationCancelled{meeting, eve}), IsOk());
  m = city.meeting(meeting);
  EXPECT_EQ(confirmed(m), sorted({bo, cy}));
  EXPECT_THAT(m.waiting_list, ElementsAre(dan, fay));
  // A waiting registration cancelled leaves the list; the next open slot goes to fay.
  ASSERT_THAT(city.act_on(dan, mt::RegistrationCancelled{.meeting = meeting}), IsOk());
  ASSERT_THAT(city.act_on(bo, mt::RegistrationCancelled{.meeting = meeting}), IsOk());
  m = city.meeting(meeting);
  EXPECT_EQ(confirmed(m), sorted({cy, fay}));
  EXPECT_TRUE(m.waiting_list.empty());
  // Someone else's registration is cancelled only by an admin or user manager.
  EXPECT_THAT(city.act_on(cy, mt::RegistrationCancelled{meeting, fay}),
              StatusIs(absl::StatusCode::kPermissionDenied, _));
  // Registering again puts a cancelled participant at the end, with a new code.
  std::string code = city.register_for(meeting, {ana});
  EXPECT_EQ(city.meeting(meeting).registrations.at(ana).code, code);
  EXPECT_EQ(code.size(), 8u);
}

TEST(Meetings, TheRegistrationFormsAnswersAreCheckedAndKept) {
  Assembly city;
  q::Form form{.title = q::Text("Registration")};
  form.questions.push_back(choice_question(q::QuestionType::kSingleOption, {"Yes", "No"}));
  form.questions.back().body = q::Text("Do you need a sign language interpreter?");
  form.questions.back().mandatory = true;
  MeetingId meeting = city.add(10, 0, form);
  ParticipantId ana = city.resident("ana");
  EXPECT_THAT(city.act_on(ana, mt::Registered{.meeting = meeting}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("question 1")));
  q::Response answers;
  answers.answers.push_back(chose({0}));
  ASSERT_THAT(city.act_on(ana, mt::Registered{.meeting = meeting, .answers = answers}), IsOk());
  EXPECT_EQ(city.meeting(meeting).registrations.at(ana).answers, answers);
}

TEST(Meetings, TheDoorChecksTheCodeAndOnlineAttendeesRecordTheirOwn) {
  Assembly city;
  MeetingId meeting = city.add(/*slots=*/1);
  ParticipantId ana = city.resident("ana"), bo = city.resident("bo");
  std::string code = city.register_for(meeting, {ana});
  city.register_for(meeting, {bo});  // waits
  auto door = [&](std::string given) {
    return city.act_on(city.officer, mt::AttendanceRecorded{.meeting = meeting,
                                                            .presence = mt::Presence::kInPerson,
                                                            .code = std::move(given)});
  };
  city.clock_->now = at(10, 16, 59);  // the door opens at 17:00
  EXPECT_THAT(door(code), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("an hour")));
  city.clock_->now = at(10, 17);
  EXPECT_THAT(door("WRONGCOD"), StatusIs(absl::StatusCode::kNotFound, _));
  EXPECT_THAT(city.act_on(ana, mt::AttendanceRecorded{.meeting = meeting, .code = code}),
              StatusIs(absl::StatusCode::kPermissionDenied, _));
  auto recorded = door(code);
  ASSERT_THAT(recorded, IsOk());
  EXPECT_EQ(city.decided<mt::AttendanceRecorded>(*recorded).participant, ana);
  EXPECT_THAT(door(code), StatusIs(absl::StatusCode::kAlreadyExists, _));
  // bo waits: no place, neither in the room nor online.
  EXPECT_THAT(city.act_on(bo, mt::AttendanceRecorded{.meeting = meeting,
                                                     .presence = mt::Presence::kOnline}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("waiting list")));
  // Without registrations, anyone joins online during the meeting.
  MeetingId open = city.add();
  ParticipantId cy = city.resident("cy");
  city.clock_->now = at(10, 18, 30);
  ASSERT_THAT(
      city.act_on(cy, mt::AttendanceRecorded{.meeting = open, .presence = mt::Presence::kOnline}),
      IsOk());
  EXPECT_EQ(city.meeting(open).attendees.at(cy), mt::Presence::kOnline);
  city.clock_->now = at(10, 20, 1);
  EXPECT_THAT(
      city.act_on(ana, mt::AttendanceRecorded{.meeting = open, .presence = mt::Presence::kOnline}),
      StatusIs(absl::StatusCode::kFailedPrecondition, _));
}

// A multiple-option poll counts each option chosen, never the combinations: ana {0, 1}, bo {1},
// cy {1, 2} give 1, 3 and 1.
TEST(Meetings, LivePollsAreAnsweredOnceByAttendeesAndCountedPerOption) {
  Assembly city;
  MeetingId meeting = city.add();
  auto poll_added = city.act_on(
      city.admin, mt::PollAdded{.meeting = meeting,
                                .question = choice_question(q::QuestionType::kMultipleOption,
                                                            {"Benches", "Trees", "Lights"})});
  ASSERT_THAT(poll_added, IsOk());
  const MeetingPollId poll = city.decided<mt::PollAdded>(*poll_added).poll;
  ParticipantId ana = city.resident("ana"), bo = city.resident("bo"), cy = city.resident("cy"),
                dan = city.resident("dan"), eve = city.resident("eve");
  city.clock_->now = at(10, 18, 10);
  for (ParticipantId who : {ana, bo, cy, dan}) {
    ASSERT_THAT(
        city.act_on(city.officer, mt::AttendanceRecorded{.meeting = meeting,
                                                         .presence = mt::Presence::kInPerson,
                                                         .participant = who}),
        IsOk());
  }
  auto answer = [&](ParticipantId who, q::Answer given) {
    return city.act_on(who, mt::PollAnswered{meeting, poll, std::move(given)});
  };
  ASSERT_THAT(answer(ana, chose({0, 1})), IsOk());
  ASSERT_THAT(answer(bo, chose({1})), IsOk());
  ASSERT_THAT(answer(cy, chose({1, 2})), IsOk());
  EXPECT_THAT(answer(ana, chose({2})), StatusIs(absl::StatusCode::kAlreadyExists, _));
  EXPECT_THAT(answer(eve, chose({2})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("attendees")));
  auto counts = mt::poll_results(city.meeting(meeting), poll);
  ASSERT_THAT(counts, IsOk());
  EXPECT_THAT(*counts, ElementsAre(1, 3, 1));
  ASSERT_THAT(city.act_on(city.admin, mt::PollClosed{meeting, poll}), IsOk());
  EXPECT_THAT(answer(dan, chose({2})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("closed")));
}

TEST(Meetings, AClosedMeetingKeepsItsReportAndTakesNothingMore) {
  Assembly city;
  MeetingId meeting = city.add(5);
  ParticipantId ana = city.resident("ana");
  ProposalId proposal = city.published_proposal(ana, "Benches by the river");
  mt::MeetingClosed closing{.meeting = meeting,
                            .report = "We agreed on benches and shade.",
                            .attendees_count = 23,
                            .contributions_count = 9,
                            .organizations = {"Neighbours of the river"},
                            .proposals = {proposal}};
  EXPECT_THAT(city.act_on(city.admin, closing),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("started")));
  city.clock_->now = at(10, 20, 30);
  ASSERT_THAT(city.act_on(city.admin, closing), IsOk());
  EXPECT_EQ(city.meeting(meeting).closing, closing);
  EXPECT_THAT(city.act_on(ana, mt::Registered{.meeting = meeting}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("is closed")));
  EXPECT_THAT(city.act_on(city.admin, closing),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("is closed")));
}

// The public page of a held meeting: two open slots and one reserved; ana and bo take the open
// ones, cy waits, dan is registered by an officer in the reserved one. ana comes to the room,
// bo joins online. A closed poll (ana Benches Trees, bo Trees) is counted; an open one
// (ana Benches) shows only how many answered. Nothing names a person.
TEST(Meetings, ItsPageCountsWhatHappenedAndNamesNoOne) {
  Assembly city;
  MeetingId meeting = city.add(/*slots=*/3, /*reserved=*/1);
  auto item = [&](std::string title, int minutes, AgendaItemId parent = {}) {
    auto added = city.act_on(city.admin, mt::AgendaItemAdded{.meeting = meeting,
                                                             .parent = parent,
                                                             .title = std::move(title),
                                                             .duration = absl::Minutes(minutes)});
    EXPECT_THAT(added, IsOk());
    return added.ok() ? city.decided<mt::AgendaItemAdded>(*added).item : AgendaItemId();
  };
  item("Welcome", 10);
  item("Benches", 20, item("Plans", 60));
  ParticipantId ana = city.resident("ana"), bo = city.resident("bo"), cy = city.resident("cy"),
                dan = city.resident("dan");
  const std::string ana_code = city.register_for(meeting, {ana});
  const std::string bo_code = city.register_for(meeting, {bo});
  city.register_for(meeting, {cy});
  city.register_for(meeting, city.by_officer(dan), /*reserved=*/true);
  auto poll = [&](q::QuestionType type) {
    auto added = city.act_on(city.admin, mt::PollAdded{.meeting = meeting,
                                                       .question = choice_question(
                                                           type, {"Benches", "Trees", "Lights"})});
    EXPECT_THAT(added, IsOk());
    return added.ok() ? city.decided<mt::PollAdded>(*added).poll : MeetingPollId();
  };
  const MeetingPollId counted = poll(q::QuestionType::kMultipleOption);
  const MeetingPollId open = poll(q::QuestionType::kSingleOption);
  city.clock_->now = at(10, 18, 5);
  ASSERT_THAT(city.act_on(city.officer, mt::AttendanceRecorded{.meeting = meeting,
                                                               .presence = mt::Presence::kInPerson,
                                                               .code = ana_code}),
              IsOk());
  ASSERT_THAT(city.act_on(bo, mt::AttendanceRecorded{.meeting = meeting,
                                                     .presence = mt::Presence::kOnline}),
              IsOk());
  ASSERT_THAT(city.act_on(ana, mt::PollAnswered{meeting, counted, chose({0, 1})}), IsOk());
  ASSERT_THAT(city.act_on(bo, mt::PollAnswered{meeting, counted, chose({1})}), IsOk());
  ASSERT_THAT(city.act_on(ana, mt::PollAnswered{meeting, open, chose({0})}), IsOk());
  ASSERT_THAT(city.act_on(city.admin, mt::PollClosed{meeting, counted}), IsOk());
  city.clock_->now = at(10, 20, 30);
  ASSERT_THAT(city.act_on(city.admin, mt::MeetingClosed{.meeting = meeting,
                                                        .report = "Benches <first>.",
                                                        .attendees_count = 9,
                                                        .contributions_count = 4,
                                                        .organizations = {"Neighbours", "Club"}}),
              IsOk());

  ASSERT_OK_AND_ASSIGN(std::string text, io::meeting_to_json(city.meeting(meeting)));
  const boost::json::value json = boost::json::parse(text);
  const boost::json::value expected = boost::json::parse(R"({
    "kind": "meeting", "title": "Riverside park", "format": "hybrid",
    "address": "Town hall, room 2", "url": "https://meet.example.org/park",
    "starts_at": "2027-03-10T18:00:00Z", "ends_at": "2027-03-10T20:00:00Z",
    "agenda": [{"title": "Welcome", "minutes": 10, "items": []},
               {"title": "Plans", "minutes": 60,
                "items": [{"title": "Benches", "minutes": 20}]}],
    "registrations": {"slots": 3, "reserved_slots": 1, "confirmed": 3,
                      "reserved_confirmed": 1, "waiting": 1},
    "attendance": {"in_person": 1, "online": 1},
    "polls": [{"title": "Which first?", "multiple": true, "closed": true, "answered": 2,
               "options": [{"option": "Benches", "answers": 1}, {"option": "Trees", "answers": 2},
                           {"option": "Lights", "answers": 0}]},
              {"title": "Which first?", "multiple": false, "closed": false, "answered": 1,
               "options": [{"option": "Benches", "answers": null},
                           {"option": "Trees", "answers": null},
                           {"option": "Lights", "answers": null}]}],
    "closing": {"report": "Benches <first>.", "attendees_count": 9, "contributions_count": 4,
                "organizations": ["Neighbours", "Club"], "proposals": []}})");
  for (const auto& [key, value] : expected.as_object()) {
    EXPECT_EQ(json.at(key), value) << key;
  }
  EXPECT_EQ(json.at("meeting").as_string(), meeting.to_string());
  for (const std::string& secret :
       {ana.to_string(), bo.to_string(), dan.to_string(), ana_code, bo_code, std::string("ana")}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }

  ASSERT_OK_AND_ASSIGN(std::string page, io::report_page(text));
  EXPECT_THAT(page, HasSubstr("<td class=\"waiting\">1</td>"));
  EXPECT_THAT(page, HasSubstr("<td class=\"attendees-count\">9</td>"));
  EXPECT_THAT(page, HasSubstr("<tr data-option=\"Trees\"><th scope=\"row\">Trees</th><td "
                              "class=\"count\">2</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<span class=\"answered\">1</span> answered so far"));
  EXPECT_THAT(page, HasSubstr("Benches &lt;first&gt;."));
  EXPECT_THAT(page, HasSubstr("<tr class=\"sub-item\"><th scope=\"row\">Benches</th>"));
  boost::json::object odd = json.as_object();
  odd["format"] = "underwater";
  EXPECT_THAT(io::report_page(boost::json::serialize(odd)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'format'")));
}

TEST(Meetings, TheRecordAndItsSnapshotReadBackToTheSameState) {
  std::string path = fresh_path("meetings_record");
  mt::State expected;
  ComponentId component;
  {
    Assembly city(*store::open_sqlite_store(path));
    component = city.meetings;
    q::Form form{.title = q::Text("Registration")};
    form.questions.push_back({.type = q::QuestionType::kShortText, .body = q::Text("Needs?")});
    MeetingId meeting = city.add(2, 1, form);
    ParticipantId ana = city.resident("ana"), bo = city.resident("bo"), cy = city.resident("cy");
    q::Response needs;
    needs.answers.push_back({.text = "A ramp"});
    ASSERT_THAT(city.act_on(ana, mt::Registered{.meeting = meeting, .answers = needs}), IsOk());
    city.register_for(meeting, {bo});
    city.register_for(meeting, city.by_officer(cy), true);
    ASSERT_THAT(city.act_on(city.admin, mt::AgendaItemAdded{.meeting = meeting,
                                                            .title = "Welcome",
                                                            .duration = absl::Minutes(10)}),
                IsOk());
    auto poll = city.act_on(
        city.admin,
        mt::PollAdded{.meeting = meeting,
                      .question = choice_question(q::QuestionType::kSingleOption, {"Yes", "No"})});
    ASSERT_THAT(poll, IsOk());
    city.clock_->now = at(10, 18);
    ASSERT_THAT(city.act_on(ana, mt::AttendanceRecorded{.meeting = meeting,
                                                        .presence = mt::Presence::kOnline}),
                IsOk());
    ASSERT_THAT(city.act_on(ana, mt::PollAnswered{meeting, city.decided<mt::PollAdded>(*poll).poll,
                                                  chose({1})}),
                IsOk());
    ASSERT_THAT(city.ledger->snapshot(), IsOk());
    city.clock_->now = at(10, 21);
    ASSERT_THAT(city.act_on(city.admin, mt::MeetingClosed{.meeting = meeting,
                                                          .report = "Done.",
                                                          .organizations = {"Ramp group"}}),
                IsOk());
    expected = city.state();
  }
  ASSERT_EQ(expected.meetings.size(), 1u);
  expect_reads_back(path, component, expected,
                    [](const sp::Organization& o, ComponentId c) { return mt::state_of(o, c); });
}

TEST(Meetings, BadInputIsRefusedAndChangesNothing) {
  Assembly city;
  MeetingId meeting = city.add(2, 1);
  MeetingId free_meeting = city.add();
  ParticipantId ana = city.resident("ana");
  city.register_for(meeting, {ana});
  auto poll_added = city.act_on(
      city.admin,
      mt::PollAdded{.meeting = meeting,
                    .question = choice_question(q::QuestionType::kSingleOption, {"Yes", "No"})});
  ASSERT_THAT(poll_added, IsOk());
  const MeetingPollId poll = city.decided<mt::PollAdded>(*poll_added).poll;
  Rng rng(5);
  const MeetingId unknown = MeetingId::random(rng);
  const mt::MeetingAdded good{.title = "Good",
                              .format = mt::Format::kInPerson,
                              .address = "Library",
                              .starts_at = at(12, 10),
                              .ends_at = at(12, 11)};
  auto changed = [&](auto edit) {
    mt::MeetingAdded added = good;
    edit(added);
    return added;
  };
  struct Row {
    std::string what;
    sp::Actor actor;
    mt::Payload payload;
    absl::StatusCode code;
  };
  using C = absl::StatusCode;
  const sp::Actor admin{city.admin}, resident{ana};
  q::Form broken{.title = q::Text("Broken")};
  broken.questions.push_back(
      {.type = q::QuestionType::kSingleOption, .body = q::Text("No options")});
  std::vector<Row> rows = {
      {"a resident adds a meeting", resident, good, C::kFailedPrecondition},
      {"no title", admin, changed([](auto& m) { m.title.clear(); }), C::kInvalidArgument},
      {"in person without address", admin, changed([](auto& m) { m.address.clear(); }),
       C::kInvalidArgument},
      {"in person with a URL", admin, changed([](auto& m) { m.url = "https://x.org"; }),
       C::kInvalidArgument},
      {"online without URL", admin, changed([](auto& m) {
         m.format = mt::Format::kOnline;
         m.address.clear();
       }),
       C::kInvalidArgument},
      {"online with a URL that is no web address", admin, changed([](auto& m) {
         m.format = mt::Format::kOnline;
         m.address.clear();
         m.url = "javascript:alert(1)";
       }),
       C::kInvalidArgument},
      {"no start", admin, changed([](auto& m) { m.starts_at = absl::InfinitePast(); }),
       C::kInvalidArgument},
      {"ends before it starts", admin, changed([](auto& m) { m.ends_at = at(12, 9); }),
       C::kInvalidArgument},
      {"ends when it starts", admin, changed([](auto& m) { m.ends_at = m.starts_at; }),
       C::kInvalidArgument},
      {"too many slots", admin, changed([](auto& m) { m.slots = mt::kMaxSlots + 1; }),
       C::kOutOfRange},
      {"more reserved than slots", admin, changed([](auto& m) {
         m.slots = 2;
         m.reserved_slots = 3;
       }),
       C::kInvalidArgument},
      {"a form without slots", admin,
       changed([](auto& m) { m.registration_form = q::Form{.title = q::Text("F")}; }),
       C::kInvalidArgument},
      {"an invalid form", admin, changed([&](auto& m) {
         m.slots = 3;
         m.registration_form = broken;
       }),
       C::kInvalidArgument},
      {"an existing meeting id", admin, changed([&](auto& m) { m.meeting = meeting; }),
       C::kAlreadyExists},
      {"agenda item of an unknown meeting", admin,
       mt::AgendaItemAdded{.meeting = unknown, .title = "x", .duration = absl::Minutes(5)},
       C::kNotFound},
      {"agenda item without duration", admin, mt::AgendaItemAdded{.meeting = meeting, .title = "x"},
       C::kInvalidArgument},
      {"agenda item longer than the meeting", admin,
       mt::AgendaItemAdded{.meeting = meeting, .title = "x", .duration = absl::Minutes(121)},
       C::kInvalidArgument},
      {"agenda item under an unknown parent", admin,
       mt::AgendaItemAdded{.meeting = meeting,
                           .parent = AgendaItemId::random(rng),
                           .title = "x",
                           .duration = absl::Minutes(5)},
       C::kNotFound},
      {"a resident sets the agenda", resident,
       mt::AgendaItemAdded{.meeting = meeting, .title = "x", .duration = absl::Minutes(5)},
       C::kFailedPrecondition},
      {"registrations opened twice", admin, mt::RegistrationsOpened{meeting, true},
       C::kFailedPrecondition},
      {"registrations for a meeting without slots", admin,
       mt::RegistrationsOpened{free_meeting, true}, C::kFailedPrecondition},
      {"register twice", resident, mt::Registered{.meeting = meeting}, C::kAlreadyExists},
      {"register where registrations are closed", resident, mt::Registered{.meeting = free_meeting},
       C::kFailedPrecondition},
      {"register for an unknown meeting", resident, mt::Registered{.meeting = unknown},
       C::kNotFound},
      {"ask for a reserved slot online", sp::Actor{city.resident("bo")},
       mt::Registered{.meeting = meeting, .reserved = true}, C::kPermissionDenied},
      {"bring a registration code", sp::Actor{city.resident("cy")},
       mt::Registered{.meeting = meeting, .code = "ABCDEFGH"}, C::kInvalidArgument},
      {"answer a form the meeting does not have", sp::Actor{city.resident("dan")},
       mt::Registered{.meeting = meeting, .answers = q::Response{{q::Answer{.text = "x"}}}},
       C::kInvalidArgument},
      {"cancel a registration that does not exist", admin,
       mt::RegistrationCancelled{meeting, city.officer}, C::kNotFound},
      {"attend in person without staff", resident,
       mt::AttendanceRecorded{.meeting = meeting, .code = "ABCDEFGH"}, C::kFailedPrecondition},
      {"attend an unknown meeting", admin, mt::AttendanceRecorded{.meeting = unknown},
       C::kNotFound},
      {"add a text question as a poll", admin,
       mt::PollAdded{.meeting = meeting,
                     .question = {.type = q::QuestionType::kShortText, .body = q::Text("Why?")}},
       C::kInvalidArgument},
      {"add a poll without options", admin,
       mt::PollAdded{.meeting = meeting,
                     .question = choice_question(q::QuestionType::kSingleOption, {})},
       C::kInvalidArgument},
      {"a resident adds a poll", resident,
       mt::PollAdded{.meeting = meeting,
                     .question = choice_question(q::QuestionType::kSingleOption, {"a", "b"})},
       C::kFailedPrecondition},
      {"add an existing poll id", admin,
       mt::PollAdded{.meeting = meeting,
                     .poll = poll,
                     .question = choice_question(q::QuestionType::kSingleOption, {"a", "b"})},
       C::kAlreadyExists},
      {"answer an unknown poll", resident,
       mt::PollAnswered{meeting, MeetingPollId::random(rng), chose({0})}, C::kNotFound},
      {"answer without attending", resident, mt::PollAnswered{meeting, poll, chose({0})},
       C::kFailedPrecondition},
      {"close an unknown poll", admin, mt::PollClosed{meeting, MeetingPollId::random(rng)},
       C::kNotFound},
      {"a resident closes a poll", resident, mt::PollClosed{meeting, poll}, C::kFailedPrecondition},
      {"close before the start", admin, mt::MeetingClosed{.meeting = meeting, .report = "x"},
       C::kFailedPrecondition},
      {"a resident closes a meeting", resident,
       mt::MeetingClosed{.meeting = meeting, .report = "x"}, C::kFailedPrecondition},
  };
  // Before the door opens, attendance is refused for the time whoever asks; once it is open, a
  // resident is refused at the door (below).
  ASSERT_GE(rows.size(), 40u);
  const mt::State before = city.state();
  const std::uint64_t sequence = city.ledger->sequence();
  for (const Row& row : rows) {
    EXPECT_THAT(city.act_on(row.actor, row.payload), StatusIs(row.code, _)) << row.what;
  }
  EXPECT_EQ(city.state(), before);
  EXPECT_EQ(city.ledger->sequence(), sequence);
  city.clock_->now = at(10, 18);
  EXPECT_THAT(city.act_on(resident, mt::AttendanceRecorded{.meeting = meeting, .code = "ABCDEFGH"}),
              StatusIs(C::kPermissionDenied, _));
  EXPECT_THAT(city.act_on(admin, mt::MeetingClosed{.meeting = meeting,
                                                   .report = "x",
                                                   .proposals = {ProposalId::random(rng)}}),
              StatusIs(C::kNotFound, HasSubstr("not a proposal of this space")));
  EXPECT_THAT(city.act_on(admin, mt::MeetingClosed{.meeting = meeting,
                                                   .report = "x",
                                                   .organizations = {"Same", "Same"}}),
              StatusIs(C::kInvalidArgument, HasSubstr("named twice")));
  EXPECT_EQ(city.state(), before);
}

// Residents racing for five slots: five hold one, the others wait in the order the record took
// them, and the state equals the fold of the record.
TEST(Meetings, RacingRegistrationsNeverExceedTheSlots) {
  std::string path = fresh_path("meetings_race");
  ComponentId component;
  mt::State state;
  MeetingId meeting;
  std::vector<ParticipantId> in_record_order;
  {
    Assembly city(*store::open_sqlite_store(path));
    component = city.meetings;
    meeting = city.add(5);
    std::vector<ParticipantId> people;
    for (int i = 0; i < 16; ++i) people.push_back(city.resident(str_cat("resident-", i)));
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        for (int n = 0; n < 6; ++n) {
          ParticipantId who = people[(t * 2 + n) % people.size()];
          (void)city.ledger->execute(sp::Command{
              sp::Actor{who}, str_cat("register/", t, "/", n),
              sp::ComponentAction{city.meetings, mt::Payload(mt::Registered{.meeting = meeting})}});
        }
      });
    }
    for (std::thread& t : threads) t.join();
    state = city.state();
    auto events = city.ledger->events();
    ASSERT_THAT(events, IsOk());
    for (const store::Receipt& receipt : *events) {
      const auto* action = std::get_if<sp::ComponentAction>(&receipt.event.body);
      if (action == nullptr || action->component != component) continue;
      if (std::holds_alternative<mt::Registered>(
              std::any_cast<const mt::Payload&>(action->payload))) {
        in_record_order.push_back(receipt.event.actor.participant);
      }
    }
  }
  const mt::Meeting& raced = state.meetings.at(meeting);
  ASSERT_EQ(in_record_order.size(), 16u);  // every resident once, whatever the retries
  EXPECT_EQ(confirmed(raced), sorted(std::vector<ParticipantId>(in_record_order.begin(),
                                                                in_record_order.begin() + 5)));
  EXPECT_EQ(raced.waiting_list,
            std::vector<ParticipantId>(in_record_order.begin() + 5, in_record_order.end()));
  expect_reads_back(path, component, state,
                    [](const sp::Organization& o, ComponentId c) { return mt::state_of(o, c); });
}

}  // namespace
}  // namespace participa::testing
