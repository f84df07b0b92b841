// The workshops component through the ledger: boards and columns, private writing withheld from
// every query and the change feed until the reveal, paper post-its typed in by a helper, stages,
// timers and the lock, clusters, dots within their limits (also when participants race) and
// hidden until revealed, results through the tally layer, stickies promoted into proposals, bad
// input that changes nothing, and the record read back exactly. Expected counts are worked out
// by hand in the comments.
#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include "absl/strings/str_split.h"

#include "city.hpp"
#include "participa/components/workshops/workshops.hpp"
#include "participa/io/workshops.hpp"
#include "read_back.hpp"
#include "records.hpp"

namespace participa::testing {
namespace {

namespace ws = participa::components::workshops;
using ::testing::_;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A city whose process also holds a workshops component with one board, run by a facilitator
// who is not an admin; ana and bo take part, the officer types paper post-its in.
class Atelier : public City {
 public:
  explicit Atelier(std::unique_ptr<store::EventStore> events = store::memory_store())
      : City({}, std::move(events)) {
    ws::register_kind();
    workshops =
        body<sp::ComponentAdded>(must(admin_command(sp::ComponentAdded{
                                     .space = space, .kind = "workshops", .name = "Atelier"})))
            .component;
    must(admin_command(sp::ComponentPublished{workshops}));
    facilitator = resident("facilitator");
    ana = resident("ana");
    bo = resident("bo");
    board = add_board({.title = "Our square", .facilitators = {facilitator}});
  }

  absl::StatusOr<store::Receipt> act_as(sp::Actor actor, ws::Payload payload) {
    return run(sp::Command{actor, next_key(), sp::ComponentAction{workshops, std::move(payload)}});
  }
  absl::StatusOr<store::Receipt> act_on(ParticipantId who, ws::Payload payload) {
    return act_as(sp::Actor{who}, std::move(payload));
  }
  static ws::Payload board_payload(const store::Receipt& receipt) {
    return std::any_cast<ws::Payload>(std::get<sp::ComponentAction>(receipt.event.body).payload);
  }
  BoardId add_board(ws::BoardAdded added) {
    auto receipt = act_on(admin, std::move(added));
    EXPECT_TRUE(receipt.ok()) << receipt.status();
    return receipt.ok() ? std::get<ws::BoardAdded>(board_payload(*receipt)).board : BoardId();
  }
  ColumnId column(std::size_t position) { return current().columns.at(position).id; }
  StickyId write(ParticipantId who, std::string text, std::size_t column_position = 0) {
    auto receipt = act_on(
        who, ws::StickyWritten{
                 .board = board, .column = column(column_position), .text = std::move(text)});
    EXPECT_TRUE(receipt.ok()) << receipt.status();
    return receipt.ok() ? std::get<ws::StickyWritten>(board_payload(*receipt)).sticky : StickyId();
  }
  ClusterId cluster(std::string title, std::vector<StickyId> stickies) {
    auto receipt = act_on(facilitator, ws::ClusterFormed{.board = board,
                                                         .title = std::move(title),
                                                         .stickies = std::move(stickies)});
    EXPECT_TRUE(receipt.ok()) << receipt.status();
    return receipt.ok() ? std::get<ws::ClusterFormed>(board_payload(*receipt)).cluster
                        : ClusterId();
  }
  void stage(ws::Stage stage, std::optional<absl::Time> ends = std::nullopt) {
    ASSERT_THAT(act_on(facilitator, ws::StageSet{board, stage, ends}), IsOk());
  }
  absl::StatusOr<store::Receipt> dots(ParticipantId who, StickyId sticky, std::int32_t n) {
    return act_on(who, ws::DotsPlaced{.board = board, .sticky = sticky, .dots = n});
  }
  absl::StatusOr<store::Receipt> dots(ParticipantId who, ClusterId cluster, std::int32_t n) {
    return act_on(who, ws::DotsPlaced{.board = board, .cluster = cluster, .dots = n});
  }

  ws::State state() {
    return ledger->read([&](const sp::Organization& o) { return **ws::state_of(o, workshops); });
  }
  ws::Board current() { return state().boards.at(board); }
  absl::StatusOr<ws::BoardView> view(ParticipantId reader) {
    return ledger->read(
        [&](const sp::Organization& o) { return ws::board_view(o, workshops, board, reader); });
  }
  absl::StatusOr<ws::DotResults> results(ParticipantId reader, std::string method = {}) {
    return ledger->read([&](const sp::Organization& o) {
      return ws::dot_results(o, workshops, board, reader, method);
    });
  }
  absl::StatusOr<std::vector<ws::FeedItem>> feed_after(std::uint64_t after, ParticipantId reader) {
    auto receipts = ledger->events(after);
    if (!receipts.ok()) return receipts.status();
    std::vector<sp::Event> events;
    for (store::Receipt& r : *receipts) events.push_back(std::move(r.event));
    return ledger->read(
        [&](const sp::Organization& o) { return ws::feed(o, events, workshops, board, reader); });
  }

  ComponentId workshops;
  ParticipantId facilitator, ana, bo;
  BoardId board;
};

const ws::StickyView& sticky_in(const ws::BoardView& view, StickyId id) {
  for (const ws::StickyView& s : view.stickies) {
    if (s.id == id) return s;
  }
  static const ws::StickyView none;
  ADD_FAILURE() << "sticky not in view";
  return none;
}

TEST(Workshops, BoardsStartFromTemplatesAndFacilitatorsShapeTheirColumns) {
  Atelier city;
  ws::Board board = city.current();
  ASSERT_EQ(board.columns.size(), 3u);
  EXPECT_EQ(board.columns[0].title, "What works");
  EXPECT_EQ(board.columns[2].title, "Ideas");
  EXPECT_EQ(board.max_dots_per_item, 5);  // 0 given: as many as the dots

  BoardId free = city.add_board({.title = "Canvas", .board_template = ws::BoardTemplate::kFree});
  EXPECT_EQ(city.state().boards.at(free).columns.size(), 1u);

  ASSERT_THAT(city.act_on(city.facilitator, ws::ColumnAdded{.board = city.board, .title = "Later"}),
              IsOk());
  const ColumnId later = city.column(3);
  ASSERT_THAT(city.act_on(city.facilitator, ws::ColumnRenamed{city.board, later, "Parking lot"}),
              IsOk());
  ASSERT_THAT(city.act_on(city.facilitator, ws::ColumnMoved{city.board, later, 0}), IsOk());
  board = city.current();
  EXPECT_EQ(board.columns[0].title, "Parking lot");
  EXPECT_EQ(board.columns[1].title, "What works");

  // Participants do not shape boards.
  EXPECT_THAT(city.act_on(city.ana, ws::ColumnAdded{.board = city.board, .title = "Mine"}),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("facilitator")));
  EXPECT_THAT(city.act_on(city.facilitator, ws::BoardAdded{.title = "Another"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("admin")));
}

TEST(Workshops, PrivateWritingIsWithheldFromEveryQueryAndTheFeedUntilTheReveal) {
  Atelier city;
  const std::uint64_t before = city.ledger->sequence();
  StickyId by_ana = city.write(city.ana, "More benches in the shade");
  StickyId by_bo = city.write(city.bo, "Close the street on Sundays", 2);

  auto ana_view = city.view(city.ana);
  ASSERT_THAT(ana_view, IsOk());
  EXPECT_EQ(sticky_in(*ana_view, by_ana).text, "More benches in the shade");
  EXPECT_TRUE(sticky_in(*ana_view, by_ana).mine);
  const ws::StickyView& hidden = sticky_in(*ana_view, by_bo);
  EXPECT_TRUE(hidden.withheld);
  EXPECT_EQ(hidden.text, "");
  EXPECT_EQ(hidden.colour, "");
  EXPECT_TRUE(hidden.author.is_nil());
  EXPECT_EQ(hidden.column, city.column(2));  // others see that something was written, and where

  // The facilitator and a visitor see no one's writing either.
  for (ParticipantId reader : {city.facilitator, ParticipantId()}) {
    auto view = city.view(reader);
    ASSERT_THAT(view, IsOk());
    for (const ws::StickyView& s : view->stickies) EXPECT_TRUE(s.withheld);
  }

  // The change feed sends bo nothing of ana's sticky but its ids and column.
  auto bo_feed = city.feed_after(before, city.bo);
  ASSERT_THAT(bo_feed, IsOk());
  ASSERT_EQ(bo_feed->size(), 2u);
  const auto& first = std::get<ws::StickyWritten>((*bo_feed)[0].payload);
  EXPECT_EQ(first.sticky, by_ana);
  EXPECT_EQ(first.text, "");
  EXPECT_TRUE((*bo_feed)[0].actor.is_nil());
  EXPECT_EQ(std::get<ws::StickyWritten>((*bo_feed)[1].payload).text, "Close the street on Sundays");
  EXPECT_EQ((*bo_feed)[1].actor, city.bo);

  // An edit of a withheld sticky is withheld too.
  ASSERT_THAT(city.act_on(city.ana, ws::StickyEdited{city.board, by_ana, "Benches", "blue"}),
              IsOk());
  const std::uint64_t edited = city.ledger->sequence();
  auto edit_feed = city.feed_after(edited - 1, city.bo);
  ASSERT_THAT(edit_feed, IsOk());
  ASSERT_EQ(edit_feed->size(), 1u);
  EXPECT_EQ(std::get<ws::StickyEdited>((*edit_feed)[0].payload).text, "");

  // The reveal shows everything at once, and carries the board as the subscriber now sees it.
  ASSERT_THAT(
      city.act_on(city.facilitator, ws::BoardRevealed{.board = city.board, .stickies = true}),
      IsOk());
  auto after = city.feed_after(edited, city.bo);
  ASSERT_THAT(after, IsOk());
  ASSERT_EQ(after->size(), 1u);
  ASSERT_TRUE((*after)[0].view.has_value());
  EXPECT_EQ(sticky_in(*(*after)[0].view, by_ana).text, "Benches");
  EXPECT_EQ(sticky_in(*(*after)[0].view, by_ana).author, city.ana);
  // Resuming from the start now gives the revealed content.
  auto resumed = city.feed_after(before, city.bo);
  ASSERT_THAT(resumed, IsOk());
  EXPECT_EQ(std::get<ws::StickyWritten>((*resumed)[0].payload).text, "More benches in the shade");
  EXPECT_THAT(
      city.act_on(city.facilitator, ws::BoardRevealed{.board = city.board, .stickies = true}),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("shown already")));
}

// Exports are built from a reader's view: a withheld sticky is written without its content, in
// JSON and CSV alike, and CSV quotes what needs quoting.
TEST(Workshops, ExportsHoldWhatTheReaderSeesAndNoMore) {
  Atelier city;
  city.write(city.ana, "Shade, \"please\"");
  StickyId by_bo = city.write(city.bo, "Close the street");
  auto ana_view = city.view(city.ana);
  ASSERT_THAT(ana_view, IsOk());
  const std::string json = city.ledger->read(
      [&](const sp::Organization& o) { return io::board_view_to_json(*ana_view, o); });
  const std::string csv = city.ledger->read(
      [&](const sp::Organization& o) { return io::board_view_to_csv(*ana_view, o); });
  EXPECT_THAT(json, HasSubstr("\"author_name\":\"ana\""));
  EXPECT_THAT(json, HasSubstr(str_cat("\"id\":\"", by_bo.to_string(), "\",\"column\"")));
  EXPECT_THAT(json, ::testing::Not(HasSubstr("Close the street")));
  EXPECT_THAT(csv, ::testing::Not(HasSubstr("Close the street")));
  const std::vector<std::string> lines = absl::StrSplit(csv, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "sticky,column,cluster,text,colour,author,channel,withheld,dots");
  EXPECT_THAT(lines[1],
              HasSubstr(",What works,,\"Shade, \"\"please\"\"\",yellow,ana,online,false,"));
  EXPECT_EQ(lines[2], str_cat(by_bo.to_string(), ",What works,,,,,online,true,"));
}

TEST(Workshops, AStickyRemovedBeforeTheRevealIsNeverShown) {
  Atelier city;
  const std::uint64_t before = city.ledger->sequence();
  StickyId gone = city.write(city.ana, "A secret thought");
  ASSERT_THAT(city.act_on(city.ana, ws::StickyRemoved{city.board, gone}), IsOk());
  ASSERT_THAT(
      city.act_on(city.facilitator, ws::BoardRevealed{.board = city.board, .stickies = true}),
      IsOk());
  auto feed = city.feed_after(before, city.bo);
  ASSERT_THAT(feed, IsOk());
  ASSERT_EQ(feed->size(), 3u);
  EXPECT_EQ(std::get<ws::StickyWritten>((*feed)[0].payload).text, "");
}

TEST(Workshops, AnAnonymousBoardNamesNoAuthor) {
  Atelier city;
  city.board = city.add_board({.title = "Anonymous", .anonymous = true, .private_writing = false});
  StickyId sticky = city.write(city.ana, "Less traffic");
  auto view = city.view(city.bo);
  ASSERT_THAT(view, IsOk());
  EXPECT_EQ(sticky_in(*view, sticky).text, "Less traffic");
  EXPECT_TRUE(sticky_in(*view, sticky).author.is_nil());
  auto feed = city.feed_after(city.ledger->sequence() - 1, city.bo);
  ASSERT_THAT(feed, IsOk());
  EXPECT_TRUE((*feed)[0].actor.is_nil());
}

TEST(Workshops, PaperPostItsAreTypedInByAHelperFromTheRoom) {
  Atelier city;
  // A visitor's post-it from the wall: in person, recorded by the officer, with no author.
  auto paper = city.act_as(
      sp::Actor{ParticipantId(), sp::Channel::kInPerson, city.officer},
      ws::StickyWritten{.board = city.board, .column = city.column(0), .text = "Water fountain"});
  ASSERT_THAT(paper, IsOk());
  StickyId from_wall = std::get<ws::StickyWritten>(Atelier::board_payload(*paper)).sticky;
  // A resident's, typed in for them (mediated): they are its author.
  auto mediated = city.act_as(
      sp::Actor{city.bo, sp::Channel::kMediated, city.officer},
      ws::StickyWritten{.board = city.board, .column = city.column(1), .text = "Too noisy"});
  ASSERT_THAT(mediated, IsOk());
  StickyId for_bo = std::get<ws::StickyWritten>(Atelier::board_payload(*mediated)).sticky;

  ws::Board board = city.current();
  EXPECT_TRUE(board.stickies.at(from_wall).author.is_nil());
  EXPECT_EQ(board.stickies.at(from_wall).typed_by, city.officer);
  EXPECT_EQ(board.stickies.at(from_wall).channel, sp::Channel::kInPerson);
  EXPECT_EQ(board.stickies.at(for_bo).author, city.bo);
  EXPECT_EQ(board.stickies.at(for_bo).channel, sp::Channel::kMediated);

  // The helper sees what they typed; bo sees his own; ana sees neither before the reveal.
  auto helper = city.view(city.officer);
  ASSERT_THAT(helper, IsOk());
  EXPECT_EQ(sticky_in(*helper, from_wall).text, "Water fountain");
  EXPECT_TRUE(sticky_in(*city.view(city.bo), for_bo).mine);
  EXPECT_TRUE(sticky_in(*city.view(city.ana), from_wall).withheld);
  // The helper corrects a typo on the paper post-it.
  EXPECT_THAT(
      city.act_on(city.officer, ws::StickyEdited{city.board, from_wall, "Water fountains", ""}),
      IsOk());
  // A visitor online has no post-it to type in.
  EXPECT_THAT(city.act_as(sp::Actor{},
                          ws::StickyWritten{
                              .board = city.board, .column = city.column(0), .text = "Hello"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, _));
}

TEST(Workshops, StagesTimersAndTheLockGateParticipantsButNotFacilitators) {
  Atelier city;
  StickyId sticky = city.write(city.ana, "Trees");
  city.stage(ws::Stage::kGroup);
  EXPECT_THAT(
      city.act_on(city.bo,
                  ws::StickyWritten{.board = city.board, .column = city.column(0), .text = "Late"}),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("stage group")));
  EXPECT_THAT(city.dots(city.ana, sticky, 1),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("stage group")));
  // The facilitator writes whenever the room needs it.
  EXPECT_THAT(city.act_on(city.facilitator, ws::StickyWritten{.board = city.board,
                                                              .column = city.column(0),
                                                              .text = "From the floor"}),
              IsOk());

  // A timer: once it ends, participants' actions of the stage are refused.
  city.stage(ws::Stage::kWrite, city.clock_->now + absl::Minutes(5));
  EXPECT_THAT(city.act_on(city.bo,
                          ws::StickyWritten{
                              .board = city.board, .column = city.column(0), .text = "In time"}),
              IsOk());
  city.clock_->now += absl::Minutes(6);
  EXPECT_THAT(city.act_on(city.bo,
                          ws::StickyWritten{
                              .board = city.board, .column = city.column(0), .text = "Too late"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("time is up")));
  EXPECT_THAT(city.act_on(city.facilitator, ws::StageSet{city.board, ws::Stage::kWrite,
                                                         city.clock_->now - absl::Minutes(1)}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("past")));

  // A locked board takes nothing until a facilitator unlocks it.
  city.stage(ws::Stage::kWrite);
  ASSERT_THAT(city.act_on(city.facilitator, ws::BoardLocked{city.board, true}), IsOk());
  EXPECT_THAT(city.act_on(city.ana, ws::StickyEdited{city.board, sticky, "Oaks", ""}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("locked")));
  EXPECT_THAT(city.act_on(city.facilitator, ws::ColumnAdded{.board = city.board, .title = "X"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("locked")));
  EXPECT_THAT(city.act_on(city.ana, ws::BoardLocked{city.board, false}),
              StatusIs(absl::StatusCode::kPermissionDenied, _));
  ASSERT_THAT(city.act_on(city.facilitator, ws::BoardLocked{city.board, false}), IsOk());
  EXPECT_THAT(city.act_on(city.ana, ws::StickyEdited{city.board, sticky, "Oaks", ""}), IsOk());
  EXPECT_THAT(city.act_on(city.bo, ws::StickyEdited{city.board, sticky, "Mine now", ""}),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("author")));
}

TEST(Workshops, ClustersFormMergeAndSplit) {
  Atelier city;
  StickyId a = city.write(city.ana, "Benches");
  StickyId b = city.write(city.bo, "Shade");
  StickyId c = city.write(city.ana, "Fountain");
  StickyId d = city.write(city.bo, "Bike racks");
  city.stage(ws::Stage::kGroup);
  ClusterId rest = city.cluster("Rest", {a, b});
  ClusterId water = city.cluster("Water", {c});
  // Participants group in the group stage too.
  ASSERT_THAT(city.act_on(city.ana, ws::ClustersMerged{city.board, rest, {water}}), IsOk());
  ws::Board board = city.current();
  EXPECT_EQ(board.clusters.size(), 1u);
  EXPECT_EQ(board.stickies.at(c).cluster, rest);
  // Split: a new cluster from some of rest's stickies.
  ClusterId shade = city.cluster("Shade", {b});
  board = city.current();
  EXPECT_EQ(board.stickies.at(b).cluster, shade);
  EXPECT_EQ(board.stickies.at(a).cluster, rest);
  // Taking the last sticky out of a cluster removes it.
  ASSERT_THAT(city.act_on(city.bo, ws::StickiesUnclustered{city.board, {b}}), IsOk());
  board = city.current();
  EXPECT_FALSE(board.clusters.contains(shade));
  EXPECT_TRUE(board.stickies.at(b).cluster.is_nil());
  EXPECT_TRUE(board.stickies.at(d).cluster.is_nil());
  auto view = city.view(city.facilitator);
  ASSERT_THAT(view, IsOk());
  ASSERT_EQ(view->clusters.size(), 1u);
  EXPECT_THAT(view->clusters[0].stickies, ElementsAre(a, c));
}

TEST(Workshops, DotsKeepTheirLimitsStayHiddenAndAreCountedThroughTheTallyLayer) {
  Atelier city;
  city.board = city.add_board({.title = "Priorities",
                               .facilitators = {city.facilitator},
                               .dots = 3,
                               .max_dots_per_item = 2});
  StickyId benches = city.write(city.ana, "Benches");
  StickyId shade = city.write(city.bo, "Shade");
  StickyId trees = city.write(city.ana, "Trees");
  StickyId fountain = city.write(city.bo, "Fountain");
  city.stage(ws::Stage::kGroup);
  ClusterId green = city.cluster("Green", {shade, trees});
  city.stage(ws::Stage::kVote);

  // ana: 2 on green, 1 on benches. bo: 1 on green, 2 on fountain. facilitator: 1 on benches.
  ASSERT_THAT(city.dots(city.ana, green, 2), IsOk());
  ASSERT_THAT(city.dots(city.ana, benches, 1), IsOk());
  EXPECT_THAT(city.dots(city.ana, fountain, 1),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("4 dots")));
  EXPECT_THAT(city.dots(city.bo, green, 3),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("0..2")));
  EXPECT_THAT(city.dots(city.bo, trees, 1),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("on the cluster")));
  ASSERT_THAT(city.dots(city.bo, green, 1), IsOk());
  ASSERT_THAT(city.dots(city.bo, fountain, 2), IsOk());
  ASSERT_THAT(city.dots(city.facilitator, benches, 1), IsOk());

  // Hidden: each sees their own, no one a total; results exist for no one.
  auto ana_view = city.view(city.ana);
  ASSERT_THAT(ana_view, IsOk());
  EXPECT_EQ(ana_view->dots_left, 0);
  EXPECT_EQ(ana_view->clusters[0].my_dots, 2);
  EXPECT_FALSE(ana_view->clusters[0].dots.has_value());
  EXPECT_FALSE(sticky_in(*ana_view, fountain).dots.has_value());
  EXPECT_EQ(sticky_in(*ana_view, fountain).my_dots, 0);
  EXPECT_THAT(city.results(city.facilitator),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("hidden")));
  auto feed = city.feed_after(city.ledger->sequence() - 1, city.ana);
  ASSERT_THAT(feed, IsOk());
  const auto& placed = std::get<ws::DotsPlaced>((*feed)[0].payload);
  EXPECT_TRUE(placed.sticky.is_nil());
  EXPECT_EQ(placed.dots, 0);
  EXPECT_TRUE((*feed)[0].actor.is_nil());
  // The facilitator's own placement comes back to them whole.
  auto own = city.feed_after(city.ledger->sequence() - 1, city.facilitator);
  ASSERT_THAT(own, IsOk());
  EXPECT_EQ(std::get<ws::DotsPlaced>((*own)[0].payload).sticky, benches);
  EXPECT_EQ(std::get<ws::DotsPlaced>((*own)[0].payload).dots, 1);
  EXPECT_EQ((*own)[0].actor, city.facilitator);

  // A placement sets the dots on an item: ana moves one from benches to nothing.
  ASSERT_THAT(city.dots(city.ana, benches, 0), IsOk());
  EXPECT_EQ(city.view(city.ana)->dots_left, 1);
  ASSERT_THAT(city.dots(city.ana, benches, 1), IsOk());

  ASSERT_THAT(city.act_on(city.facilitator, ws::BoardRevealed{.board = city.board, .dots = true}),
              IsOk());
  // Totals: green 2+1 = 3 (2 voters), benches 1+1 = 2, fountain 2, shade and trees are in green.
  auto results = city.results(city.bo);
  ASSERT_THAT(results, IsOk());
  EXPECT_EQ(results->voters, 3u);
  ASSERT_EQ(results->items.size(), 3u);
  EXPECT_EQ(results->items[0].label, "Green");
  EXPECT_EQ(results->items[0].dots, 3u);
  EXPECT_EQ(results->items[0].voters, 2u);
  EXPECT_EQ(results->items[1].label, "Benches");
  EXPECT_EQ(results->items[1].dots, 2u);
  EXPECT_EQ(results->items[2].label, "Fountain");
  ASSERT_TRUE(results->count.has_value());
  EXPECT_THAT(results->count->winners, ElementsAre(0u));  // candidate 0 is the cluster Green
  auto view = city.view(city.bo);
  EXPECT_EQ(view->clusters[0].dots, std::optional<std::uint64_t>(3));

  // Approval: an item dotted by a participant is approved once. Green 2, Benches 2, Fountain 1.
  auto approval = city.results(city.bo, "approval");
  ASSERT_THAT(approval, IsOk());
  ASSERT_TRUE(approval->count.has_value());
  EXPECT_THAT(approval->count->winners, ElementsAre(0u, 1u));
  // Ranked by dots, counted by Borda over 3 items (2 points for first, 1 for second, equal ranks
  // sharing): ana green > benches: green 2, benches 1; bo fountain > green: fountain 2, green 1;
  // the facilitator benches alone: benches 2. Green 3, benches 3, fountain 2 — a tie.
  auto borda = city.results(city.bo, "borda");
  ASSERT_THAT(borda, IsOk());
  ASSERT_TRUE(borda->count.has_value());
  EXPECT_EQ(borda->count->winners.size(), 2u);
  EXPECT_THAT(city.results(city.bo, "no-such-method"), StatusIs(absl::StatusCode::kNotFound, _));
}

TEST(Workshops, AStickyOrClusterBecomesAProposalAndTheLinkReadsBothWays) {
  Atelier city;
  StickyId sticky = city.write(city.ana, "A playground by the river");
  ProposalId proposal = city.published_proposal(city.admin, "A playground by the river");
  ProposalId other = city.published_proposal(city.admin, "Something else");
  EXPECT_THAT(city.act_on(city.ana, ws::StickyPromoted{.board = city.board,
                                                       .sticky = sticky,
                                                       .proposals = city.component,
                                                       .proposal = proposal}),
              StatusIs(absl::StatusCode::kPermissionDenied, _));
  ASSERT_THAT(city.act_on(city.facilitator, ws::StickyPromoted{.board = city.board,
                                                               .sticky = sticky,
                                                               .proposals = city.component,
                                                               .proposal = proposal}),
              IsOk());
  EXPECT_EQ(city.current().stickies.at(sticky).promoted,
            (ws::ProposalLink{city.component, proposal}));
  auto origin = city.ledger->read(
      [&](const sp::Organization& o) { return ws::origin_of(o, city.component, proposal); });
  ASSERT_TRUE(origin.has_value());
  EXPECT_EQ(origin->board, city.board);
  EXPECT_EQ(origin->sticky, sticky);
  EXPECT_FALSE(
      city.ledger
          ->read([&](const sp::Organization& o) { return ws::origin_of(o, city.component, other); })
          .has_value());
  // Twice, or to a proposal another sticky became, is refused; a promoted sticky stays.
  StickyId second = city.write(city.bo, "Swings");
  EXPECT_THAT(city.act_on(city.facilitator, ws::StickyPromoted{.board = city.board,
                                                               .sticky = second,
                                                               .proposals = city.component,
                                                               .proposal = proposal}),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("another sticky")));
  EXPECT_THAT(city.act_on(city.facilitator, ws::StickyRemoved{city.board, sticky}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("proposal")));
  EXPECT_THAT(city.act_on(city.facilitator, ws::StickyPromoted{.board = city.board,
                                                               .sticky = second,
                                                               .proposals = city.workshops,
                                                               .proposal = other}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not proposals")));
}

TEST(Workshops, ActionItemsHaveOwnersWhoMarkThemDone) {
  Atelier city;
  StickyId sticky = city.write(city.ana, "Ask the parks department");
  EXPECT_THAT(
      city.act_on(city.bo,
                  ws::ActionItemAdded{.board = city.board, .text = "Call them", .owner = city.bo}),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("stage write")));
  city.stage(ws::Stage::kActions);
  auto added = city.act_on(
      city.bo, ws::ActionItemAdded{
                   .board = city.board, .text = "Call them", .owner = city.ana, .sticky = sticky});
  ASSERT_THAT(added, IsOk());
  ActionItemId item = std::get<ws::ActionItemAdded>(Atelier::board_payload(*added)).item;
  EXPECT_THAT(city.act_on(city.bo, ws::ActionItemDone{city.board, item, true}),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("owner")));
  ASSERT_THAT(city.act_on(city.ana, ws::ActionItemDone{city.board, item, true}), IsOk());
  EXPECT_TRUE(city.current().action_items.at(item).done);
  EXPECT_THAT(city.act_on(city.ana, ws::ActionItemDone{city.board, item, true}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("already")));
}

// Bad input of every kind: each row is refused with its code and leaves the board unchanged.
TEST(Workshops, BadInputIsRefusedAndChangesNothing) {
  Atelier city;
  StickyId sticky = city.write(city.ana, "Benches");
  const ColumnId first = city.column(0);
  const std::string long_text(1001, 'x');
  Rng rng(1);
  const BoardId unknown_board = BoardId::random(rng);
  struct Row {
    std::string what;
    ParticipantId actor;
    ws::Payload payload;
    absl::StatusCode code;
  };
  const ParticipantId fac = city.facilitator;
  const BoardId b = city.board;
  std::vector<Row> rows = {
      {"board without title", city.admin, ws::BoardAdded{}, absl::StatusCode::kInvalidArgument},
      {"zero dots", city.admin, ws::BoardAdded{.title = "T", .dots = 0},
       absl::StatusCode::kInvalidArgument},
      {"too many dots", city.admin, ws::BoardAdded{.title = "T", .dots = 101},
       absl::StatusCode::kInvalidArgument},
      {"per-item limit above dots", city.admin,
       ws::BoardAdded{.title = "T", .dots = 2, .max_dots_per_item = 3},
       absl::StatusCode::kInvalidArgument},
      {"unknown facilitator", city.admin,
       ws::BoardAdded{.title = "T", .facilitators = {ParticipantId::random(rng)}},
       absl::StatusCode::kNotFound},
      {"facilitator twice", city.admin, ws::BoardAdded{.title = "T", .facilitators = {fac, fac}},
       absl::StatusCode::kInvalidArgument},
      {"existing board id", city.admin, ws::BoardAdded{.board = b, .title = "T"},
       absl::StatusCode::kAlreadyExists},
      {"21 columns", city.admin,
       ws::BoardAdded{.title = "T", .columns = std::vector<ws::Column>(21, ws::Column{{}, "c"})},
       absl::StatusCode::kInvalidArgument},
      {"unknown board", city.ana,
       ws::StickyWritten{.board = unknown_board, .column = first, .text = "x"},
       absl::StatusCode::kNotFound},
      {"unknown column", city.ana, ws::StickyWritten{.board = b, .text = "x"},
       absl::StatusCode::kNotFound},
      {"empty sticky", city.ana, ws::StickyWritten{.board = b, .column = first},
       absl::StatusCode::kInvalidArgument},
      {"oversized sticky", city.ana,
       ws::StickyWritten{.board = b, .column = first, .text = long_text},
       absl::StatusCode::kOutOfRange},
      {"invalid UTF-8", city.ana, ws::StickyWritten{.board = b, .column = first, .text = "caf\xC3"},
       absl::StatusCode::kInvalidArgument},
      {"unknown colour", city.ana,
       ws::StickyWritten{.board = b, .column = first, .text = "x", .colour = "teal"},
       absl::StatusCode::kInvalidArgument},
      {"negative place", city.ana,
       ws::StickyWritten{.board = b, .column = first, .text = "x", .x = -1},
       absl::StatusCode::kOutOfRange},
      {"duplicate sticky id", city.ana,
       ws::StickyWritten{.board = b, .sticky = sticky, .column = first, .text = "x"},
       absl::StatusCode::kAlreadyExists},
      {"edit another's sticky", city.bo, ws::StickyEdited{b, sticky, "y", ""},
       absl::StatusCode::kPermissionDenied},
      {"edit to nothing", city.ana, ws::StickyEdited{b, sticky, "", ""},
       absl::StatusCode::kInvalidArgument},
      {"remove another's sticky", city.bo, ws::StickyRemoved{b, sticky},
       absl::StatusCode::kPermissionDenied},
      {"move another's sticky while writing", city.bo, ws::StickyMoved{b, sticky, first, 0, 0},
       absl::StatusCode::kPermissionDenied},
      {"unknown sticky", city.ana, ws::StickyRemoved{b, StickyId::random(rng)},
       absl::StatusCode::kNotFound},
      {"cluster of nothing", fac, ws::ClusterFormed{.board = b, .title = "C"},
       absl::StatusCode::kInvalidArgument},
      {"cluster naming a sticky twice", fac,
       ws::ClusterFormed{.board = b, .title = "C", .stickies = {sticky, sticky}},
       absl::StatusCode::kInvalidArgument},
      {"cluster without title", fac, ws::ClusterFormed{.board = b, .stickies = {sticky}},
       absl::StatusCode::kInvalidArgument},
      {"cluster by a participant while writing", city.ana,
       ws::ClusterFormed{.board = b, .title = "C", .stickies = {sticky}},
       absl::StatusCode::kFailedPrecondition},
      {"unclustering a free sticky", fac, ws::StickiesUnclustered{b, {sticky}},
       absl::StatusCode::kFailedPrecondition},
      {"merge nothing", fac, ws::ClustersMerged{b, ClusterId::random(rng), {}},
       absl::StatusCode::kNotFound},
      {"dots on nothing", fac, ws::DotsPlaced{.board = b, .dots = 1},
       absl::StatusCode::kInvalidArgument},
      {"negative dots", fac, ws::DotsPlaced{.board = b, .sticky = sticky, .dots = -1},
       absl::StatusCode::kOutOfRange},
      {"dots by a participant while writing", city.ana,
       ws::DotsPlaced{.board = b, .sticky = sticky, .dots = 1},
       absl::StatusCode::kFailedPrecondition},
      {"reveal nothing", fac, ws::BoardRevealed{.board = b}, absl::StatusCode::kInvalidArgument},
      {"reveal by a participant", city.ana, ws::BoardRevealed{.board = b, .stickies = true},
       absl::StatusCode::kPermissionDenied},
      {"stage by a participant", city.ana, ws::StageSet{b, ws::Stage::kVote},
       absl::StatusCode::kPermissionDenied},
      {"unlock an open board", fac, ws::BoardLocked{b, false},
       absl::StatusCode::kFailedPrecondition},
      {"move a column past the end", fac, ws::ColumnMoved{b, first, 3},
       absl::StatusCode::kOutOfRange},
      {"rename an unknown column", fac, ws::ColumnRenamed{b, ColumnId::random(rng), "x"},
       absl::StatusCode::kNotFound},
      {"action item without text", fac, ws::ActionItemAdded{.board = b, .owner = city.ana},
       absl::StatusCode::kInvalidArgument},
      {"action item for no one", fac, ws::ActionItemAdded{.board = b, .text = "Do it"},
       absl::StatusCode::kNotFound},
      {"unknown action item", fac, ws::ActionItemDone{b, ActionItemId::random(rng), true},
       absl::StatusCode::kNotFound},
      {"promote both a sticky and a cluster", fac,
       ws::StickyPromoted{.board = b,
                          .sticky = sticky,
                          .cluster = ClusterId::random(rng),
                          .proposals = city.component},
       absl::StatusCode::kInvalidArgument},
      {"promote into an unknown proposal", fac,
       ws::StickyPromoted{.board = b, .sticky = sticky, .proposals = city.component},
       absl::StatusCode::kNotFound},
  };
  ASSERT_GE(rows.size(), 40u);
  const ws::State before = city.state();
  const std::uint64_t sequence = city.ledger->sequence();
  for (const Row& row : rows) {
    EXPECT_THAT(city.act_on(row.actor, row.payload), StatusIs(row.code, _)) << row.what;
  }
  EXPECT_EQ(city.state(), before);
  EXPECT_EQ(city.ledger->sequence(), sequence);
}

// Participants racing to place dots: nobody ends over their dots or an item's limit, and the
// state equals the fold of the record.
TEST(Workshops, RacingDotsNeverExceedTheLimits) {
  std::string path = fresh_path("workshops_race");
  ComponentId component;
  ws::State state;
  BoardId board;
  {
    Atelier city(*store::open_sqlite_store(path));
    component = city.workshops;
    board = city.board = city.add_board(
        {.title = "Race", .facilitators = {city.facilitator}, .dots = 4, .max_dots_per_item = 2});
    std::vector<StickyId> stickies;
    for (int i = 0; i < 6; ++i) stickies.push_back(city.write(city.ana, str_cat("idea ", i)));
    city.stage(ws::Stage::kVote);
    std::vector<ParticipantId> people;
    for (int i = 0; i < 5; ++i) people.push_back(city.resident(str_cat("voter-", i)));
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        Rng rng(300 + t);
        for (int n = 0; n < 50; ++n) {
          ws::DotsPlaced placed{.board = board,
                                .sticky = stickies[rng.uniform(6)],
                                .dots = static_cast<std::int32_t>(rng.uniform(3))};
          (void)city.ledger->execute(
              sp::Command{sp::Actor{people[rng.uniform(5)]}, str_cat("dots/", t, "/", n),
                          sp::ComponentAction{component, ws::Payload(placed)}});
        }
      });
    }
    for (std::thread& t : threads) t.join();
    state = city.state();
    ASSERT_THAT(city.ledger->snapshot(), IsOk());
  }
  const ws::Board& raced = state.boards.at(board);
  EXPECT_FALSE(raced.dots_placed.empty());
  for (const auto& [who, placed] : raced.dots_placed) {
    std::int32_t used = 0;
    for (const auto& [item, dots] : placed) {
      EXPECT_GE(dots, 1);
      EXPECT_LE(dots, 2);
      used += dots;
    }
    EXPECT_LE(used, 4);
  }
  expect_reads_back(path, component, state,
                    [](const sp::Organization& o, ComponentId c) { return ws::state_of(o, c); });
}

TEST(Workshops, TheRecordAndItsSnapshotReadBackToTheSameState) {
  std::string path = fresh_path("workshops_record");
  ws::State expected;
  ComponentId component;
  {
    Atelier city(*store::open_sqlite_store(path));
    component = city.workshops;
    StickyId a = city.write(city.ana, "Benches");
    StickyId b = city.write(city.bo, "Shade", 1);
    ASSERT_THAT(city.act_as(sp::Actor{ParticipantId(), sp::Channel::kInPerson, city.officer},
                            ws::StickyWritten{.board = city.board,
                                              .column = city.column(2),
                                              .text = "From the wall",
                                              .colour = "pink",
                                              .x = 40,
                                              .y = 80}),
                IsOk());
    ASSERT_THAT(
        city.act_on(city.facilitator, ws::ColumnAdded{.board = city.board, .title = "More"}),
        IsOk());
    ASSERT_THAT(city.act_on(city.facilitator, ws::ColumnMoved{city.board, city.column(3), 1}),
                IsOk());
    city.stage(ws::Stage::kGroup, city.clock_->now + absl::Hours(1));
    ClusterId cluster = city.cluster("Comfort", {a, b});
    ASSERT_THAT(city.act_on(city.facilitator, ws::ClusterRenamed{city.board, cluster, "Rest"}),
                IsOk());
    city.stage(ws::Stage::kVote);
    ASSERT_THAT(city.dots(city.ana, cluster, 2), IsOk());
    ASSERT_THAT(city.act_on(city.facilitator,
                            ws::BoardRevealed{.board = city.board, .stickies = true, .dots = true}),
                IsOk());
    ProposalId proposal = city.published_proposal(city.admin, "Rest in the square");
    ASSERT_THAT(city.act_on(city.facilitator, ws::StickyPromoted{.board = city.board,
                                                                 .cluster = cluster,
                                                                 .proposals = city.component,
                                                                 .proposal = proposal}),
                IsOk());
    city.stage(ws::Stage::kActions);
    ASSERT_THAT(city.act_on(city.facilitator, ws::ActionItemAdded{.board = city.board,
                                                                  .text = "Draft it",
                                                                  .owner = city.ana,
                                                                  .cluster = cluster}),
                IsOk());
    ASSERT_THAT(city.act_on(city.facilitator, ws::BoardLocked{city.board, true}), IsOk());
    expected = city.state();
    ASSERT_THAT(city.ledger->snapshot(), IsOk());
  }
  ASSERT_EQ(expected.boards.size(), 1u);
  expect_reads_back(path, component, expected,
                    [](const sp::Organization& o, ComponentId c) { return ws::state_of(o, c); });
}

TEST(Workshops, QueriesFollowTheSpacesVisibility) {
  Atelier city;
  const ComponentId unpublished =
      Atelier::body<sp::ComponentAdded>(
          city.must(city.admin_command(
              sp::ComponentAdded{.space = city.space, .kind = "workshops", .name = "Draft"})))
          .component;
  EXPECT_THAT(city.ledger->read([&](const sp::Organization& o) {
    return ws::board_view(o, unpublished, city.board, city.ana);
  }),
              StatusIs(absl::StatusCode::kFailedPrecondition, _));
  EXPECT_THAT(city.ledger->read([&](const sp::Organization& o) {
    return ws::board_view(o, city.workshops, BoardId(), city.ana);
  }),
              StatusIs(absl::StatusCode::kNotFound, _));
}

}  // namespace
}  // namespace participa::testing
