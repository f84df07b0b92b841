// The debates component through the ledger: official debates and participants' own (when the
// phase allows them), comments only within a debate's window, closing with conclusions by the
// author or an admin, the record read back exactly, and bad input refused without a change.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "city.hpp"
#include "participa/components/debates/debates.hpp"
#include "read_back.hpp"
#include "records.hpp"

namespace participa::testing {
namespace {

namespace db = participa::components::debates;
using ::testing::_;
using ::testing::HasSubstr;

absl::Time at(int day, int hour) {
  return absl::FromCivil(absl::CivilSecond(2027, 3, day, hour, 0, 0), absl::UTCTimeZone());
}

class Forum : public City {
 public:
  explicit Forum(bool creation_enabled = true,
                 std::unique_ptr<store::EventStore> events = store::memory_store())
      : City({}, std::move(events)) {
    db::register_kind();
    debates = body<sp::ComponentAdded>(must(admin_command(sp::ComponentAdded{
                                           .space = space, .kind = "debates", .name = "Debates"})))
                  .component;
    must(admin_command(sp::ComponentConfigured{
        debates, collection, sp::Settings{{"creation_enabled", creation_enabled}}}));
    must(admin_command(sp::ComponentPublished{debates}));
  }
  absl::StatusOr<store::Receipt> act_on(ParticipantId who, db::Payload payload) {
    return run(
        sp::Command{sp::Actor{who}, next_key(), sp::ComponentAction{debates, std::move(payload)}});
  }
  DebateId open(ParticipantId who, db::DebateOpened opened) {
    auto receipt = act_on(who, std::move(opened));
    EXPECT_THAT(receipt, IsOk());
    if (!receipt.ok()) return {};
    return std::get<db::DebateOpened>(
               std::any_cast<const db::Payload&>(
                   std::get<sp::ComponentAction>(receipt->event.body).payload))
        .debate;
  }
  db::State state() {
    return ledger->read([&](const sp::Organization& o) { return **db::state_of(o, debates); });
  }
  ComponentId debates;
};

TEST(Debates, AnAdminsDebateIsOfficialAndParticipantsOpenTheirsOnlyWhenThePhaseAllows) {
  Forum closed_forum(/*creation_enabled=*/false);
  ParticipantId ana = closed_forum.resident("ana");
  EXPECT_THAT(closed_forum.act_on(ana, db::DebateOpened{.title = "Mine", .description = "Why?"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("may not open")));
  DebateId official = closed_forum.open(
      closed_forum.admin, {.title = "The night bus", .description = "Which route serves most?"});
  EXPECT_TRUE(closed_forum.state().debates.at(official).opened.official);

  Forum forum;
  ParticipantId bo = forum.resident("bo");
  EXPECT_THAT(
      forum.act_on(bo, db::DebateOpened{.title = "Mine", .description = "x", .official = true}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("decided")));
  DebateId own = forum.open(bo, {.title = "Dogs in the park", .description = "Where, and when?"});
  const db::Debate debate = forum.state().debates.at(own);
  EXPECT_FALSE(debate.opened.official);
  EXPECT_EQ(debate.author, bo);
}

// A window from 10:00 on the 5th to 10:00 on the 6th: comments at both ends, none outside.
TEST(Debates, CommentsAreTakenOnlyWithinTheWindow) {
  Forum forum;
  ParticipantId ana = forum.resident("ana");
  DebateId windowed = forum.open(forum.admin, {.title = "Market hours",
                                               .description = "Open on Sundays?",
                                               .starts_at = at(5, 10),
                                               .ends_at = at(6, 10)});
  auto comment = [&](DebateId debate) {
    return forum.act_on(ana, db::DebateCommented{.debate = debate, .body = "Yes, mornings."});
  };
  forum.clock_->now = at(5, 9);
  EXPECT_THAT(comment(windowed),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("from")));
  forum.clock_->now = at(5, 10);
  EXPECT_THAT(comment(windowed), IsOk());
  forum.clock_->now = at(6, 10);
  EXPECT_THAT(comment(windowed), IsOk());
  forum.clock_->now = at(6, 10) + absl::Seconds(1);
  EXPECT_THAT(comment(windowed), StatusIs(absl::StatusCode::kFailedPrecondition, _));
  DebateId open = forum.open(forum.admin, {.title = "Open", .description = "Always open."});
  EXPECT_THAT(comment(open), IsOk());
  const db::State state = forum.state();
  ASSERT_EQ(state.debates.at(windowed).comments.size(), 2u);
  EXPECT_EQ(state.debates.at(windowed).comments[1].at, at(6, 10));
  EXPECT_EQ(state.debates.at(open).comments[0].author, ana);
}

TEST(Debates, TheAuthorOrAnAdminClosesWithConclusionsAndOnlyAnAdminAmendsThem) {
  Forum forum;
  ParticipantId ana = forum.resident("ana"), bo = forum.resident("bo");
  DebateId debate = forum.open(ana, {.title = "Dogs in the park", .description = "Where?"});
  EXPECT_THAT(forum.act_on(bo, db::DebateClosed{debate, "Nowhere."}),
              StatusIs(absl::StatusCode::kPermissionDenied, _));
  EXPECT_THAT(forum.act_on(ana, db::DebateClosed{debate, ""}),
              StatusIs(absl::StatusCode::kInvalidArgument, _));
  ASSERT_THAT(forum.act_on(ana, db::DebateClosed{debate, "A fenced corner by the gate."}), IsOk());
  EXPECT_THAT(forum.act_on(bo, db::DebateCommented{.debate = debate, .body = "Too late?"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("closed")));
  EXPECT_THAT(forum.act_on(ana, db::DebateClosed{debate, "Changed my mind."}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("amends")));
  ASSERT_THAT(forum.act_on(forum.admin, db::DebateClosed{debate, "A fenced corner, lit."}), IsOk());
  EXPECT_EQ(forum.state().debates.at(debate).conclusions, "A fenced corner, lit.");
  // An official debate is not its opener's to close as an author: only admins close it.
  DebateId official = forum.open(forum.admin, {.title = "Bus", .description = "Routes?"});
  EXPECT_THAT(forum.act_on(ana, db::DebateClosed{official, "Mine."}),
              StatusIs(absl::StatusCode::kPermissionDenied, _));
}

TEST(Debates, TheRecordAndItsSnapshotReadBackToTheSameState) {
  std::string path = fresh_path("debates_record");
  db::State expected;
  ComponentId component;
  {
    Forum forum(true, *store::open_sqlite_store(path));
    component = forum.debates;
    ParticipantId ana = forum.resident("ana");
    DebateId windowed = forum.open(
        forum.admin,
        {.title = "Market", .description = "Sundays?", .starts_at = at(1, 8), .ends_at = at(2, 8)});
    DebateId own = forum.open(ana, {.title = "Dogs", .description = "Where?"});
    ASSERT_THAT(forum.act_on(ana, db::DebateCommented{.debate = windowed, .body = "Yes."}), IsOk());
    ASSERT_THAT(forum.ledger->snapshot(), IsOk());
    ASSERT_THAT(forum.act_on(ana, db::DebateClosed{own, "A corner."}), IsOk());
    expected = forum.state();
  }
  ASSERT_EQ(expected.debates.size(), 2u);
  expect_reads_back(path, component, expected,
                    [](const sp::Organization& o, ComponentId c) { return db::state_of(o, c); });
}

TEST(Debates, BadInputIsRefusedAndChangesNothing) {
  Forum forum;
  ParticipantId ana = forum.resident("ana");
  DebateId debate = forum.open(ana, {.title = "Dogs", .description = "Where?"});
  Rng rng(3);
  const std::string long_title(151, 't');
  struct Row {
    std::string what;
    ParticipantId actor;
    db::Payload payload;
    absl::StatusCode code;
  };
  using C = absl::StatusCode;
  std::vector<Row> rows = {
      {"no title", ana, db::DebateOpened{.description = "x"}, C::kInvalidArgument},
      {"a title too long", ana, db::DebateOpened{.title = long_title, .description = "x"},
       C::kOutOfRange},
      {"no description", ana, db::DebateOpened{.title = "T"}, C::kInvalidArgument},
      {"a start without an end", ana,
       db::DebateOpened{.title = "T", .description = "x", .starts_at = at(5, 10)},
       C::kInvalidArgument},
      {"an end before the start", ana,
       db::DebateOpened{
           .title = "T", .description = "x", .starts_at = at(5, 10), .ends_at = at(5, 9)},
       C::kInvalidArgument},
      {"an existing debate id", ana,
       db::DebateOpened{.debate = debate, .title = "T", .description = "x"}, C::kAlreadyExists},
      {"claims to be official", ana,
       db::DebateOpened{.title = "T", .description = "x", .official = true}, C::kInvalidArgument},
      {"comment on an unknown debate", ana,
       db::DebateCommented{.debate = DebateId::random(rng), .body = "x"}, C::kNotFound},
      {"an empty comment", ana, db::DebateCommented{.debate = debate}, C::kInvalidArgument},
      {"close an unknown debate", ana, db::DebateClosed{DebateId::random(rng), "x"}, C::kNotFound},
      {"close without conclusions", ana, db::DebateClosed{debate, ""}, C::kInvalidArgument},
      {"close someone else's", forum.officer, db::DebateClosed{debate, "x"}, C::kPermissionDenied},
  };
  const db::State before = forum.state();
  const std::uint64_t sequence = forum.ledger->sequence();
  for (const Row& row : rows) {
    EXPECT_THAT(forum.act_on(row.actor, row.payload), StatusIs(row.code, _)) << row.what;
  }
  EXPECT_EQ(forum.state(), before);
  EXPECT_EQ(forum.ledger->sequence(), sequence);
}

}  // namespace
}  // namespace participa::testing
