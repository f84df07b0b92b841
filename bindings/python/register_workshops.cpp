// Bindings of participa::components::workshops: payloads, state, and the queries that decide
// what each reader sees (board_view, dot_results, feed, origin_of).
#include "participa/components/workshops/workshops.hpp"

#include "participa/io/workshops.hpp"
#include "record_casters.hpp"
#include "register.hpp"

namespace participa::python {
namespace {

namespace ws = participa::components::workshops;

void register_payloads(py::module_& m) {
  def_named_enum(m, "Stage", ws::kStageNames,
                 "write, group, vote, discuss or actions: a board's facilitation step.");
  def_named_enum(m, "BoardTemplate", ws::kBoardTemplateNames,
                 "free, works-doesnt-ideas, start-stop-continue or liked-learned-lacked.");
  py::class_<ws::Column> column(m, "Column", "A column of a board.");
  def_fields(column, Field{"id", &ws::Column::id}, Field{"title", &ws::Column::title});
  py::class_<ws::Item> item(m, "Item", "What dots go on: one sticky or one cluster.");
  def_fields(item, Field{"sticky", &ws::Item::sticky}, Field{"cluster", &ws::Item::cluster});
  py::class_<ws::BoardAdded> board(
      m, "BoardAdded",
      "A board: its template's columns (or its own), facilitators, whether authors are shown, "
      "writing private and dots hidden until revealed, each participant's dots and the most on "
      "one item (0: as many as the dots).");
  def_fields(board, Field{"board", &ws::BoardAdded::board}, Field{"title", &ws::BoardAdded::title},
             Field{"board_template", &ws::BoardAdded::board_template},
             Field{"columns", &ws::BoardAdded::columns},
             Field{"facilitators", &ws::BoardAdded::facilitators},
             Field{"anonymous", &ws::BoardAdded::anonymous},
             Field{"private_writing", &ws::BoardAdded::private_writing},
             Field{"hidden_dots", &ws::BoardAdded::hidden_dots},
             Field{"dots", &ws::BoardAdded::dots},
             Field{"max_dots_per_item", &ws::BoardAdded::max_dots_per_item});
  py::class_<ws::ColumnAdded> column_added(m, "ColumnAdded", "A column, at the end.");
  def_fields(column_added, Field{"board", &ws::ColumnAdded::board},
             Field{"column", &ws::ColumnAdded::column}, Field{"title", &ws::ColumnAdded::title});
  py::class_<ws::ColumnRenamed> renamed(m, "ColumnRenamed", "A column's new title.");
  def_fields(renamed, Field{"board", &ws::ColumnRenamed::board},
             Field{"column", &ws::ColumnRenamed::column},
             Field{"title", &ws::ColumnRenamed::title});
  py::class_<ws::ColumnMoved> moved(m, "ColumnMoved", "A column to a position (from 0).");
  def_fields(moved, Field{"board", &ws::ColumnMoved::board},
             Field{"column", &ws::ColumnMoved::column},
             Field{"position", &ws::ColumnMoved::position});
  py::class_<ws::StickyWritten> written(
      m, "StickyWritten",
      "A sticky (post-it): online by a participant, or a paper one typed in by a helper.");
  def_fields(written, Field{"board", &ws::StickyWritten::board},
             Field{"sticky", &ws::StickyWritten::sticky},
             Field{"column", &ws::StickyWritten::column}, Field{"text", &ws::StickyWritten::text},
             Field{"colour", &ws::StickyWritten::colour}, Field{"x", &ws::StickyWritten::x},
             Field{"y", &ws::StickyWritten::y});
  py::class_<ws::StickyEdited> edited(m, "StickyEdited", "By its author or its typist.");
  def_fields(edited, Field{"board", &ws::StickyEdited::board},
             Field{"sticky", &ws::StickyEdited::sticky}, Field{"text", &ws::StickyEdited::text},
             Field{"colour", &ws::StickyEdited::colour});
  py::class_<ws::StickyMoved> sticky_moved(m, "StickyMoved", "A sticky to a column and place.");
  def_fields(sticky_moved, Field{"board", &ws::StickyMoved::board},
             Field{"sticky", &ws::StickyMoved::sticky}, Field{"column", &ws::StickyMoved::column},
             Field{"x", &ws::StickyMoved::x}, Field{"y", &ws::StickyMoved::y});
  py::class_<ws::StickyRemoved> removed(m, "StickyRemoved",
                                        "By its author or typist, or a facilitator.");
  def_fields(removed, Field{"board", &ws::StickyRemoved::board},
             Field{"sticky", &ws::StickyRemoved::sticky});
  py::class_<ws::ClusterFormed> formed(
      m, "ClusterFormed", "A named cluster of stickies, which leave any cluster they were in.");
  def_fields(formed, Field{"board", &ws::ClusterFormed::board},
             Field{"cluster", &ws::ClusterFormed::cluster},
             Field{"title", &ws::ClusterFormed::title},
             Field{"stickies", &ws::ClusterFormed::stickies});
  py::class_<ws::ClusterRenamed> cluster_renamed(m, "ClusterRenamed", "A cluster's new title.");
  def_fields(cluster_renamed, Field{"board", &ws::ClusterRenamed::board},
             Field{"cluster", &ws::ClusterRenamed::cluster},
             Field{"title", &ws::ClusterRenamed::title});
  py::class_<ws::ClustersMerged> merged(m, "ClustersMerged",
                                        "Clusters `from_` joined into `into`, dots and all.");
  def_fields(merged, Field{"board", &ws::ClustersMerged::board},
             Field{"into", &ws::ClustersMerged::into}, Field{"from_", &ws::ClustersMerged::from});
  py::class_<ws::StickiesUnclustered> unclustered(m, "StickiesUnclustered",
                                                  "Stickies out of their clusters.");
  def_fields(unclustered, Field{"board", &ws::StickiesUnclustered::board},
             Field{"stickies", &ws::StickiesUnclustered::stickies});
  py::class_<ws::DotsPlaced> dots(m, "DotsPlaced",
                                  "The actor's dots on one sticky or one cluster are now `dots`.");
  def_fields(dots, Field{"board", &ws::DotsPlaced::board}, Field{"sticky", &ws::DotsPlaced::sticky},
             Field{"cluster", &ws::DotsPlaced::cluster}, Field{"dots", &ws::DotsPlaced::dots});
  py::class_<ws::BoardRevealed> revealed(m, "BoardRevealed",
                                         "Every sticky, or the dots, shown at once; final.");
  def_fields(revealed, Field{"board", &ws::BoardRevealed::board},
             Field{"stickies", &ws::BoardRevealed::stickies},
             Field{"dots", &ws::BoardRevealed::dots});
  py::class_<ws::StageSet> stage(m, "StageSet", "The board's stage, with a timer's end or None.");
  def_fields(stage, Field{"board", &ws::StageSet::board}, Field{"stage", &ws::StageSet::stage},
             Field{"ends", &ws::StageSet::ends});
  py::class_<ws::BoardLocked> locked(m, "BoardLocked", "A locked board takes nothing.");
  def_fields(locked, Field{"board", &ws::BoardLocked::board},
             Field{"locked", &ws::BoardLocked::locked});
  py::class_<ws::ActionItemAdded> action(
      m, "ActionItemAdded", "What will be done, its owner, and the sticky or cluster behind it.");
  def_fields(action, Field{"board", &ws::ActionItemAdded::board},
             Field{"item", &ws::ActionItemAdded::item}, Field{"text", &ws::ActionItemAdded::text},
             Field{"owner", &ws::ActionItemAdded::owner},
             Field{"sticky", &ws::ActionItemAdded::sticky},
             Field{"cluster", &ws::ActionItemAdded::cluster});
  py::class_<ws::ActionItemDone> done(m, "ActionItemDone", "By its owner or a facilitator.");
  def_fields(done, Field{"board", &ws::ActionItemDone::board},
             Field{"item", &ws::ActionItemDone::item}, Field{"done", &ws::ActionItemDone::done});
  py::class_<ws::StickyPromoted> promoted(
      m, "StickyPromoted",
      "A sticky or cluster became a proposal (drafted first in the proposals component).");
  def_fields(promoted, Field{"board", &ws::StickyPromoted::board},
             Field{"sticky", &ws::StickyPromoted::sticky},
             Field{"cluster", &ws::StickyPromoted::cluster},
             Field{"proposals", &ws::StickyPromoted::proposals},
             Field{"proposal", &ws::StickyPromoted::proposal});
}

void register_state(py::module_& m) {
  py::class_<ws::ProposalLink> link(m, "ProposalLink", "The proposal a sticky or cluster became.");
  def_fields(link, Field{"proposals", &ws::ProposalLink::proposals},
             Field{"proposal", &ws::ProposalLink::proposal});
  py::class_<ws::Sticky> sticky(m, "Sticky", "A sticky as the record holds it.");
  def_fields(sticky, Field{"id", &ws::Sticky::id}, Field{"column", &ws::Sticky::column},
             Field{"cluster", &ws::Sticky::cluster}, Field{"text", &ws::Sticky::text},
             Field{"colour", &ws::Sticky::colour}, Field{"x", &ws::Sticky::x},
             Field{"y", &ws::Sticky::y}, Field{"author", &ws::Sticky::author},
             Field{"typed_by", &ws::Sticky::typed_by}, Field{"channel", &ws::Sticky::channel},
             Field{"written_at", &ws::Sticky::written_at},
             Field{"promoted", &ws::Sticky::promoted});
  py::class_<ws::Cluster> cluster(m, "Cluster", "A cluster as the record holds it.");
  def_fields(cluster, Field{"id", &ws::Cluster::id}, Field{"title", &ws::Cluster::title},
             Field{"promoted", &ws::Cluster::promoted});
  py::class_<ws::ActionItem> item(m, "ActionItem", "An action item and whether it is done.");
  def_fields(item, Field{"id", &ws::ActionItem::id}, Field{"text", &ws::ActionItem::text},
             Field{"owner", &ws::ActionItem::owner}, Field{"sticky", &ws::ActionItem::sticky},
             Field{"cluster", &ws::ActionItem::cluster}, Field{"done", &ws::ActionItem::done});
  py::class_<ws::Board> board(
      m, "Board",
      "A board as the record holds it: everything, withheld or not. Show people board_view().");
  def_fields<false>(
      board, Field{"id", &ws::Board::id}, Field{"title", &ws::Board::title},
      Field{"board_template", &ws::Board::board_template}, Field{"columns", &ws::Board::columns},
      Field{"facilitators", &ws::Board::facilitators}, Field{"anonymous", &ws::Board::anonymous},
      Field{"private_writing", &ws::Board::private_writing},
      Field{"hidden_dots", &ws::Board::hidden_dots}, Field{"dots", &ws::Board::dots},
      Field{"max_dots_per_item", &ws::Board::max_dots_per_item}, Field{"stage", &ws::Board::stage},
      Field{"stage_ends", &ws::Board::stage_ends}, Field{"locked", &ws::Board::locked},
      Field{"stickies_revealed", &ws::Board::stickies_revealed},
      Field{"dots_revealed", &ws::Board::dots_revealed}, Field{"stickies", &ws::Board::stickies},
      Field{"written", &ws::Board::written}, Field{"clusters", &ws::Board::clusters},
      Field{"formed", &ws::Board::formed}, Field{"action_items", &ws::Board::action_items},
      Field{"items_added", &ws::Board::items_added});
  board.def_property_readonly(
      "dots_placed",
      [](const ws::Board& b) {
        py::list rows;
        for (const auto& [who, placed] : b.dots_placed) {
          for (const auto& [on, dots] : placed) rows.append(py::make_tuple(who, on, dots));
        }
        return rows;
      },
      "(participant, Item, dots) for every participant's dots on every item.");
  py::class_<ws::State> state(m, "State", "A workshops component's state; attributes are copies.");
  state.def_readonly("boards", &ws::State::boards)
      .def_readonly("added", &ws::State::added, "board ids in the order they were added")
      .def("__repr__", [](const ws::State& s) {
        return str_cat("workshops.State(boards=", s.boards.size(), ")");
      });
  def_not_picklable(state, "pickle the events (Ledger.events()) and fold them with evolve()");
}

void register_views(py::module_& m) {
  py::class_<ws::StickyView> sticky(
      m, "StickyView",
      "A sticky as a reader may see it; withheld: another's while writing is private (no text, "
      "colour, place or author). dots: everyone's, once revealed.");
  def_fields<false>(
      sticky, Field{"id", &ws::StickyView::id}, Field{"column", &ws::StickyView::column},
      Field{"cluster", &ws::StickyView::cluster}, Field{"withheld", &ws::StickyView::withheld},
      Field{"mine", &ws::StickyView::mine}, Field{"text", &ws::StickyView::text},
      Field{"colour", &ws::StickyView::colour}, Field{"x", &ws::StickyView::x},
      Field{"y", &ws::StickyView::y}, Field{"author", &ws::StickyView::author},
      Field{"channel", &ws::StickyView::channel}, Field{"my_dots", &ws::StickyView::my_dots},
      Field{"dots", &ws::StickyView::dots}, Field{"promoted", &ws::StickyView::promoted});
  py::class_<ws::ClusterView> cluster(m, "ClusterView", "A cluster as a reader may see it.");
  def_fields<false>(
      cluster, Field{"id", &ws::ClusterView::id}, Field{"title", &ws::ClusterView::title},
      Field{"stickies", &ws::ClusterView::stickies}, Field{"my_dots", &ws::ClusterView::my_dots},
      Field{"dots", &ws::ClusterView::dots}, Field{"promoted", &ws::ClusterView::promoted});
  py::class_<ws::BoardView> board(m, "BoardView", "A board as a reader may see it now.");
  def_fields<false>(
      board, Field{"id", &ws::BoardView::id}, Field{"title", &ws::BoardView::title},
      Field{"stage", &ws::BoardView::stage}, Field{"stage_ends", &ws::BoardView::stage_ends},
      Field{"locked", &ws::BoardView::locked}, Field{"anonymous", &ws::BoardView::anonymous},
      Field{"stickies_revealed", &ws::BoardView::stickies_revealed},
      Field{"dots_revealed", &ws::BoardView::dots_revealed},
      Field{"facilitator", &ws::BoardView::facilitator}, Field{"columns", &ws::BoardView::columns},
      Field{"stickies", &ws::BoardView::stickies}, Field{"clusters", &ws::BoardView::clusters},
      Field{"action_items", &ws::BoardView::action_items}, Field{"dots", &ws::BoardView::dots},
      Field{"dots_left", &ws::BoardView::dots_left},
      Field{"max_dots_per_item", &ws::BoardView::max_dots_per_item});
  py::class_<ws::DotItemResult> item(m, "DotItemResult",
                                     "An item's dots, and how many participants placed them.");
  def_fields<false>(
      item, Field{"item", &ws::DotItemResult::item}, Field{"label", &ws::DotItemResult::label},
      Field{"dots", &ws::DotItemResult::dots}, Field{"voters", &ws::DotItemResult::voters});
  py::class_<ws::DotResults> results(
      m, "DotResults", "A board's dots, most first, and the tally method's count of them.");
  def_fields<false>(
      results, Field{"board", &ws::DotResults::board}, Field{"title", &ws::DotResults::title},
      Field{"method", &ws::DotResults::method}, Field{"items", &ws::DotResults::items},
      Field{"voters", &ws::DotResults::voters}, Field{"count", &ws::DotResults::count});
  py::class_<ws::FeedItem> feed(
      m, "FeedItem",
      "One event of a board as a reader may see it; a reveal carries the board's view after it.");
  def_fields<false>(feed, Field{"sequence", &ws::FeedItem::sequence},
                    Field{"time", &ws::FeedItem::time}, Field{"name", &ws::FeedItem::name},
                    Field{"actor", &ws::FeedItem::actor}, Field{"channel", &ws::FeedItem::channel},
                    Field{"payload", &ws::FeedItem::payload}, Field{"view", &ws::FeedItem::view});
  py::class_<ws::Origin> origin(m, "Origin", "The sticky or cluster a proposal came from.");
  def_fields<false>(origin, Field{"component", &ws::Origin::component},
                    Field{"board", &ws::Origin::board}, Field{"sticky", &ws::Origin::sticky},
                    Field{"cluster", &ws::Origin::cluster});
}

void document_fields(const py::module_& m) {
  document_attributes(
      m,
      {{"board", "The board's id."},
       {"sticky", "The sticky's id."},
       {"cluster", "The cluster's id."},
       {"Sticky.cluster", "The cluster it is in; None outside any."},
       {"StickyView.cluster", "The cluster it is in; None outside any."},
       {"Item.sticky", "The sticky's id; None when the item is a cluster."},
       {"DotsPlaced.sticky", "The sticky dotted; None when the item is a cluster."},
       {"DotsPlaced.cluster", "The cluster dotted; None when the item is a sticky."},
       {"StickyPromoted.sticky", "The sticky promoted; None when a cluster was."},
       {"Origin.sticky", "The sticky it came from; None when a cluster was."},
       {"column", "The column's id."},
       {"id", "Its id."},
       {"title", "Its title as shown on the board."},
       {"text", "What is written on it."},
       {"colour", "One of kColours; empty is the first."},
       {"x", "Horizontal place in its column."},
       {"y", "Vertical place in its column."},
       {"author", "Who wrote it; None for a visitor's paper post-it."},
       {"channel", "Online, in person or mediated: how it reached the board."},
       {"board_template", "The template its columns came from."},
       {"columns", "Its columns in display order."},
       {"facilitators", "The participants who run the board, held by neither stage nor timer."},
       {"anonymous", "Whether stickies show no author to anyone."},
       {"private_writing", "Whether stickies are withheld from others until revealed."},
       {"hidden_dots", "Whether dots are withheld until revealed."},
       {"dots", "Each participant's number of dots to place."},
       {"max_dots_per_item", "The most dots a participant may place on one item (0: all of them)."},
       {"stage", "The facilitation step: write, group, vote, discuss or actions."},
       {"stage_ends", "When the stage's timer ends; None without a timer."},
       {"locked", "Whether the board takes nothing."},
       {"stickies_revealed", "Whether every sticky has been shown."},
       {"dots_revealed", "Whether the dots have been shown."},
       {"clusters", "Its clusters in the order they were formed."},
       {"action_items", "Its action items in the order they were added."},
       {"promoted", "The proposal it became, or None."},
       {"owner", "The participant who will do it."},
       {"done", "Whether it is done."},
       {"item", "The action item's id."},
       {"proposals", "The proposals component the proposal is in."},
       {"proposal", "The proposal's id."},
       {"my_dots", "The reader's dots on it."},
       {"voters", "How many participants placed dots on it."},
       {"sequence", "The event's sequence number in the record."},
       {"time", "When the event was recorded."},
       {"name", "The event's name, as its payload type is registered."},
       {"actor", "Who acted; None when the board is anonymous or the action withheld."},
       {"payload", "The event's payload, cleared of what the reader may not see."},
       {"view", "After a reveal, the board as the reader sees it; None otherwise."},
       {"component", "The workshops component the board is in."},
       {"BoardAdded.columns", "Its columns in display order; empty takes the template's."},
       {"ColumnMoved.position", "Its new place among the board's columns, from 0."},
       {"Board.stickies", "Its stickies by id."},
       {"Board.written", "The stickies' ids in the order they were written."},
       {"Board.formed", "The clusters' ids in the order they were formed."},
       {"Board.clusters", "Its clusters by id."},
       {"Board.action_items", "Its action items by id."},
       {"Board.items_added", "The action items' ids in the order they were added."},
       {"Sticky.typed_by", "The helper who typed a paper post-it in; None otherwise."},
       {"Sticky.written_at", "When it was written."},
       {"StickyView.author", "Who wrote it; None when anonymous, withheld, or a visitor's."},
       {"StickyView.dots", "Every participant's dots on it, once revealed; None before."},
       {"ClusterView.dots", "Every participant's dots on it, once revealed; None before."},
       {"StickyView.withheld", "Another's sticky while writing is private: no content or place."},
       {"StickyView.mine", "Whether the reader wrote or typed it in."},
       {"BoardView.stickies", "Its stickies as the reader may see them, in the order written."},
       {"BoardView.facilitator", "Whether the reader runs the board."},
       {"BoardView.dots_left", "The reader's dots not yet placed."},
       {"ClusterView.stickies", "The ids of the stickies in it."},
       {"ClusterFormed.stickies", "The stickies that form it, leaving any cluster they were in."},
       {"StickiesUnclustered.stickies", "The stickies that leave their clusters."},
       {"ClustersMerged.into", "The cluster that takes the others' stickies and dots."},
       {"ClustersMerged.from_", "The clusters that join `into` and are gone."},
       {"DotsPlaced.dots", "The actor's dots on the item from now on (0 takes them all back)."},
       {"BoardRevealed.stickies", "Whether every sticky is shown."},
       {"BoardRevealed.dots", "Whether the dots are shown."},
       {"BoardLocked.locked", "Whether the board is locked (False unlocks it)."},
       {"StageSet.ends", "When the stage's timer ends; None: no timer."},
       {"ActionItemDone.done", "Whether it is done (False reopens it)."},
       {"ActionItemAdded.sticky", "The sticky it comes from, or None."},
       {"ActionItemAdded.cluster", "The cluster it comes from, or None."},
       {"ActionItem.sticky", "The sticky it comes from, or None."},
       {"ActionItem.cluster", "The cluster it comes from, or None."},
       {"StickyPromoted.cluster", "The cluster promoted; None when a sticky was."},
       {"Origin.cluster", "The cluster it came from; None when a sticky was."},
       {"Item.cluster", "The cluster's id; None when the item is a sticky."},
       {"DotItemResult.item", "The sticky or cluster."},
       {"DotItemResult.label", "The sticky's text or the cluster's title."},
       {"DotItemResult.dots", "Every participant's dots on it."},
       {"DotResults.method", "The tally method that counted the dots."},
       {"DotResults.items", "Each item's dots, most first, then in board order."},
       {"DotResults.voters", "How many participants placed dots."},
       {"DotResults.count", "The method's count; None before the first dot or with one item."},
       {"State.boards", "Its boards by id."}});
}

}  // namespace

void register_workshops(py::module_& m) {
  ws::register_kind();
  register_payloads(m);
  register_state(m);
  register_views(m);
  register_component_any<ws::Payload, ws::State>();
  m.def("template_columns", &ws::template_columns, "board_template"_a,
        "The column titles a template gives a board.");
  m.def(
      "state_of",
      [](const space::Organization& organization, ComponentId component) {
        return unwrap(ws::state_of(organization, component));
      },
      "organization"_a, "component"_a, py::return_value_policy::reference_internal,
      "The workshops state of a component (KeyError: no such component; ValueError: another "
      "kind). It lives as long as the organization.");
  m.def(
      "board_view",
      [](const space::Organization& organization, ComponentId component, BoardId board,
         ParticipantId reader) {
        return unwrap(ws::board_view(organization, component, board, reader));
      },
      "organization"_a, "component"_a, "board"_a, "reader"_a = ParticipantId(),
      "The board as `reader` (None: a visitor) may see it now: others' stickies withheld while "
      "writing is private, dots hidden until revealed.");
  m.def(
      "dot_results",
      [](const space::Organization& organization, ComponentId component, BoardId board,
         ParticipantId reader, std::string method) {
        return unwrap(ws::dot_results(organization, component, board, reader, method));
      },
      "organization"_a, "component"_a, "board"_a, "reader"_a = ParticipantId(),
      "method"_a = std::string(),
      "The board's dots counted by a tally method (empty: score, the sum); raises while the dots "
      "are hidden.");
  m.def(
      "feed",
      [](const space::Organization& organization, const std::vector<space::Event>& events,
         ComponentId component, BoardId board, ParticipantId reader) {
        return unwrap(ws::feed(organization, events, component, board, reader));
      },
      "organization"_a, "events"_a, "component"_a, "board"_a, "reader"_a = ParticipantId(),
      "The board's events among `events` (receipt.event for Ledger.events(after)) as `reader` "
      "may see them; resume with the last sequence received.");
  m.def("origin_of", &ws::origin_of, "organization"_a, "proposals"_a, "proposal"_a,
        "The sticky or cluster a proposal was promoted from, or None.");
  m.def("board_view_to_json", &io::board_view_to_json, "view"_a, "organization"_a,
        "A reader's view as JSON (authors by id and nickname): no more than the view holds.");
  m.def("board_view_to_csv", &io::board_view_to_csv, "view"_a, "organization"_a,
        "A reader's view as CSV, one row per sticky.");
  m.def("feed_item_to_json", &io::feed_item_to_json, "item"_a, "organization"_a,
        "A change-feed item as JSON, as participa serve sends it.");
  m.def("dot_results_to_json", &io::dot_results_to_json, "results"_a,
        "Dot results as JSON, with the method's count.");
  document_fields(m);
}

}  // namespace participa::python
