// participa/components/workshops/workshops.hpp — the workshops component: post-it boards for
// ateliers held online, in the room, or both at once.
//
// Register once with `register_kind()` (the `Ledger` does it). A space admin adds a board —
// from a template of columns or as a free canvas — and names its facilitators. Participants
// write stickies (post-its) in columns, a helper types in the paper ones from the room (channel
// in person or mediated, recorded by them; the author may be a participant or no one), the
// group clusters them, and everyone places their dots. A board moves through stages — write,
// group, vote, discuss, actions — that decide what participants may do; a stage may have a
// timer, and a locked board takes nothing. Facilitators (and the space's admins) are held by
// neither stage nor timer: they run the board.
//
// What a reader may see is decided here, never by a client. While a board keeps writing
// private, a reader sees the content of their own stickies only (those they wrote or typed
// in); the others' are withheld — text, colour, author and place — until a facilitator reveals
// them all at once. While dots are hidden a reader sees only their own; totals exist for no
// one until the reveal. `board_view`, `dot_results` and `feed` (the change feed) apply the same
// rules, and so do the exports built on them (io/workshops.hpp).
//
// Dots: each participant has `dots` to place, at most `max_dots_per_item` on one sticky or
// cluster; a placement sets the participant's dots on one item, and the limits hold exactly
// under concurrency (the ledger decides one command after another). A sticky in a cluster is
// voted for through its cluster. Results count each participant's dots as a ballot through the
// tally layer, by any method that takes cumulative, score, approval or ranked ballots.
//
// A sticky or a cluster becomes a proposal: the proposal is drafted in a proposals component,
// then `StickyPromoted` links it; `origin_of` finds the sticky a proposal came from, so the
// link reads both ways.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "participa/components/proposals/ids.hpp"
#include "participa/core/names.hpp"
#include "participa/space/ids.hpp"
#include "participa/space/organization.hpp"
#include "participa/space/record.hpp"
#include "participa/tally/result.hpp"

namespace participa {
using BoardId = Id<struct BoardTag>;
using ColumnId = Id<struct ColumnTag>;
using StickyId = Id<struct StickyTag>;
using ClusterId = Id<struct ClusterTag>;
using ActionItemId = Id<struct ActionItemTag>;
}  // namespace participa

namespace participa::components::workshops {

inline constexpr std::string_view kKind = "workshops";

// Stage — a board's facilitation step (a space's `Phase` is another thing): what participants
// may do in it.
//   write    write, edit, move and remove their stickies;
//   group    cluster stickies, merge and split clusters, move stickies;
//   vote     place dots;
//   discuss  nothing but read;
//   actions  add action items and mark them done.
enum class Stage { kWrite, kGroup, kVote, kDiscuss, kActions };
inline constexpr std::array<Named<Stage>, 5> kStageNames = {{
    {Stage::kWrite, "write"},
    {Stage::kGroup, "group"},
    {Stage::kVote, "vote"},
    {Stage::kDiscuss, "discuss"},
    {Stage::kActions, "actions"},
}};

// BoardTemplate — the columns a board starts with; "free" is a canvas of one column, where
// stickies are placed by position.
enum class BoardTemplate { kFree, kWorksDoesntIdeas, kStartStopContinue, kLikedLearnedLacked };
inline constexpr std::array<Named<BoardTemplate>, 4> kBoardTemplateNames = {{
    {BoardTemplate::kFree, "free"},
    {BoardTemplate::kWorksDoesntIdeas, "works-doesnt-ideas"},
    {BoardTemplate::kStartStopContinue, "start-stop-continue"},
    {BoardTemplate::kLikedLearnedLacked, "liked-learned-lacked"},
}};

// template_columns — the column titles a template gives a board.
std::vector<std::string> template_columns(BoardTemplate board_template);

// kColours — the colours a sticky may have; an empty colour is the first.
inline constexpr std::array<std::string_view, 6> kColours = {"yellow", "pink",   "blue",
                                                             "green",  "orange", "purple"};

struct Column {
  ColumnId id{};
  std::string title{};
  friend bool operator==(const Column&, const Column&) = default;
};

// The payloads. Ids left nil are assigned.
//
// BoardAdded: `columns` empty takes the template's; `dots` is each participant's number of
// dots, `max_dots_per_item` (0: as many as `dots`) the most on one item.
struct BoardAdded {
  BoardId board{};
  std::string title{};
  BoardTemplate board_template = BoardTemplate::kWorksDoesntIdeas;
  std::vector<Column> columns{};
  std::vector<ParticipantId> facilitators{};
  bool anonymous = false;       // stickies show no author to anyone
  bool private_writing = true;  // stickies withheld from others until revealed
  bool hidden_dots = true;      // dots withheld until revealed
  std::int32_t dots = 5;
  std::int32_t max_dots_per_item = 0;
};
struct ColumnAdded {
  BoardId board{};
  ColumnId column{};
  std::string title{};
};
struct ColumnRenamed {
  BoardId board{};
  ColumnId column{};
  std::string title{};
};
// ColumnMoved: to `position` (from 0) among the board's columns.
struct ColumnMoved {
  BoardId board{};
  ColumnId column{};
  std::size_t position = 0;
};
// StickyWritten: by the actor (a participant online, or through a helper who types a paper
// post-it in; a visitor's paper post-it has no author). `x`, `y` place it in its column.
struct StickyWritten {
  BoardId board{};
  StickyId sticky{};
  ColumnId column{};
  std::string text{};
  std::string colour{};
  std::int32_t x = 0;
  std::int32_t y = 0;
};
// StickyEdited: by its author, or the helper who typed it in.
struct StickyEdited {
  BoardId board{};
  StickyId sticky{};
  std::string text{};
  std::string colour{};
};
struct StickyMoved {
  BoardId board{};
  StickyId sticky{};
  ColumnId column{};
  std::int32_t x = 0;
  std::int32_t y = 0;
};
// StickyRemoved: by its author or typist, or a facilitator; its dots go back to their owners.
struct StickyRemoved {
  BoardId board{};
  StickyId sticky{};
};
// ClusterFormed: the stickies leave any cluster they were in (a cluster left empty is gone) —
// a cluster is split by forming a new one from some of its stickies.
struct ClusterFormed {
  BoardId board{};
  ClusterId cluster{};
  std::string title{};
  std::vector<StickyId> stickies{};
};
struct ClusterRenamed {
  BoardId board{};
  ClusterId cluster{};
  std::string title{};
};
// ClustersMerged: the stickies and dots of `from` join `into`; `from` is gone.
struct ClustersMerged {
  BoardId board{};
  ClusterId into{};
  std::vector<ClusterId> from{};
};
// StickiesUnclustered: the stickies leave their clusters.
struct StickiesUnclustered {
  BoardId board{};
  std::vector<StickyId> stickies{};
};
// DotsPlaced: the actor's dots on one item — a sticky outside any cluster, or a cluster — are
// now `dots` (0 takes them all back).
struct DotsPlaced {
  BoardId board{};
  StickyId sticky{};
  ClusterId cluster{};
  std::int32_t dots = 0;
};
// BoardRevealed: shows every sticky, or the dots, or both; a reveal is final.
struct BoardRevealed {
  BoardId board{};
  bool stickies = false;
  bool dots = false;
};
// StageSet: the board's stage, with a timer ending at `ends` (none: no timer).
struct StageSet {
  BoardId board{};
  Stage stage = Stage::kWrite;
  std::optional<absl::Time> ends{};
};
struct BoardLocked {
  BoardId board{};
  bool locked = true;
};
// ActionItemAdded: what will be done, who owns it, and the sticky or cluster it comes from.
struct ActionItemAdded {
  BoardId board{};
  ActionItemId item{};
  std::string text{};
  ParticipantId owner{};
  StickyId sticky{};
  ClusterId cluster{};
};
struct ActionItemDone {
  BoardId board{};
  ActionItemId item{};
  bool done = true;
};
// StickyPromoted: a sticky or cluster became `proposal` of the proposals component `proposals`.
struct StickyPromoted {
  BoardId board{};
  StickyId sticky{};
  ClusterId cluster{};
  ComponentId proposals{};
  ProposalId proposal{};
};

using Payload =
    std::variant<BoardAdded, ColumnAdded, ColumnRenamed, ColumnMoved, StickyWritten, StickyEdited,
                 StickyMoved, StickyRemoved, ClusterFormed, ClusterRenamed, ClustersMerged,
                 StickiesUnclustered, DotsPlaced, BoardRevealed, StageSet, BoardLocked,
                 ActionItemAdded, ActionItemDone, StickyPromoted>;

std::string_view payload_name(const Payload& payload);

// ProposalLink — where a promoted sticky or cluster went.
struct ProposalLink {
  ComponentId proposals{};
  ProposalId proposal{};
  friend bool operator==(const ProposalLink&, const ProposalLink&) = default;
};

struct Sticky {
  StickyId id{};
  ColumnId column{};
  ClusterId cluster{};  // nil outside any cluster
  std::string text{};
  std::string colour{};
  std::int32_t x = 0;
  std::int32_t y = 0;
  ParticipantId author{};    // nil for a visitor's paper post-it
  ParticipantId typed_by{};  // the helper who typed a paper post-it in
  space::Channel channel = space::Channel::kOnline;
  absl::Time written_at = absl::InfinitePast();
  std::optional<ProposalLink> promoted{};
  friend bool operator==(const Sticky&, const Sticky&) = default;
};

struct Cluster {
  ClusterId id{};
  std::string title{};
  std::optional<ProposalLink> promoted{};
  friend bool operator==(const Cluster&, const Cluster&) = default;
};

struct ActionItem {
  ActionItemId id{};
  std::string text{};
  ParticipantId owner{};
  StickyId sticky{};
  ClusterId cluster{};
  bool done = false;
  friend bool operator==(const ActionItem&, const ActionItem&) = default;
};

// Item — what dots are placed on: a sticky or a cluster (exactly one is set).
struct Item {
  StickyId sticky{};
  ClusterId cluster{};
  friend auto operator<=>(const Item&, const Item&) = default;
};

struct Board {
  BoardId id{};
  std::string title{};
  BoardTemplate board_template = BoardTemplate::kWorksDoesntIdeas;
  std::vector<Column> columns{};  // in display order
  std::vector<ParticipantId> facilitators{};
  bool anonymous = false;
  bool private_writing = true;
  bool hidden_dots = true;
  std::int32_t dots = 5;
  std::int32_t max_dots_per_item = 5;
  Stage stage = Stage::kWrite;
  std::optional<absl::Time> stage_ends{};
  bool locked = false;
  bool stickies_revealed = false;
  bool dots_revealed = false;
  std::map<StickyId, Sticky> stickies{};
  std::vector<StickyId> written{};  // stickies in the order they were written
  std::map<ClusterId, Cluster> clusters{};
  std::vector<ClusterId> formed{};  // clusters in the order they were formed
  std::map<ParticipantId, std::map<Item, std::int32_t>> dots_placed{};
  std::map<ActionItemId, ActionItem> action_items{};
  std::vector<ActionItemId> items_added{};
  // from_added — the board as its BoardAdded creates it.
  static Board from_added(const BoardAdded& added);
  friend bool operator==(const Board&, const Board&) = default;
};

struct State {
  std::map<BoardId, Board> boards{};
  std::vector<BoardId> added{};
  friend bool operator==(const State&, const State&) = default;
};

void register_kind();

// state_of — the workshops state of a component; NotFound / InvalidArgument when the component
// does not exist or is of another kind.
absl::StatusOr<const State*> state_of(const space::Organization& organization,
                                      ComponentId component);

// StickyView — a sticky as a reader may see it. `withheld`: another's sticky while writing is
// private — only its id, column and cluster are given, never its content, author or place.
struct StickyView {
  StickyId id{};
  ColumnId column{};
  ClusterId cluster{};
  bool withheld = false;
  bool mine = false;
  std::string text{};
  std::string colour{};
  std::int32_t x = 0;
  std::int32_t y = 0;
  ParticipantId author{};  // nil when anonymous, withheld, or a visitor's
  space::Channel channel = space::Channel::kOnline;
  std::int32_t my_dots = 0;
  std::optional<std::uint64_t> dots{};  // every participant's, once dots are revealed
  std::optional<ProposalLink> promoted{};
};

struct ClusterView {
  ClusterId id{};
  std::string title{};
  std::vector<StickyId> stickies{};
  std::int32_t my_dots = 0;
  std::optional<std::uint64_t> dots{};
  std::optional<ProposalLink> promoted{};
};

struct BoardView {
  BoardId id{};
  std::string title{};
  Stage stage = Stage::kWrite;
  std::optional<absl::Time> stage_ends{};
  bool locked = false;
  bool anonymous = false;
  bool stickies_revealed = false;
  bool dots_revealed = false;
  bool facilitator = false;  // the reader runs the board
  std::vector<Column> columns{};
  std::vector<StickyView> stickies{};  // in the order they were written
  std::vector<ClusterView> clusters{};
  std::vector<ActionItem> action_items{};
  std::int32_t dots = 0;       // each participant's
  std::int32_t dots_left = 0;  // the reader's, not yet placed
  std::int32_t max_dots_per_item = 0;
};

// board_view — the board as `reader` (nil for a visitor) may see it; FailedPrecondition when
// the reader may not read the component (space::reader_of), NotFound for an unknown board.
absl::StatusOr<BoardView> board_view(const space::Organization& organization, ComponentId component,
                                     BoardId board, ParticipantId reader);

// DotItemResult — one item's dots: by every participant, and from how many of them.
struct DotItemResult {
  Item item{};
  std::string label{};  // the sticky's text or the cluster's title
  std::uint64_t dots = 0;
  std::uint64_t voters = 0;
};

struct DotResults {
  BoardId board{};
  std::string title{};
  std::string method{};
  std::vector<DotItemResult> items{};  // most dots first, then in board order
  std::uint64_t voters = 0;
  std::optional<tally::Result> count{};  // absent before the first dot or with one item
};

// dot_results — the board's dots counted by `method` (empty: "score", the sum of dots): each
// participant's dots become a cumulative ballot, or a score ballot, an approval of every item
// they dotted, or a ranking of those items by dots (equal dots ranked equal), whichever the
// method takes first. FailedPrecondition while the dots are hidden (for every reader), or when
// the reader may not read the component; InvalidArgument for a method that takes none of
// these ballots.
absl::StatusOr<DotResults> dot_results(const space::Organization& organization,
                                       ComponentId component, BoardId board, ParticipantId reader,
                                       std::string_view method = {});

// FeedItem — one event of a board as a reader may see it. `payload` is the event's, with what
// the reader may not see cleared: another's withheld sticky keeps its ids and column only; dots
// another placed keep neither item nor number until the dots are revealed; `actor` is nil when
// the board is anonymous or the action is withheld. A reveal carries the board as the reader
// sees it after it (`view`), so a subscriber has what the reveal showed.
struct FeedItem {
  std::uint64_t sequence = 0;
  absl::Time time = absl::InfinitePast();
  std::string name{};
  ParticipantId actor{};
  space::Channel channel = space::Channel::kOnline;
  Payload payload{};
  std::optional<BoardView> view{};
};

// feed — the board's events among `events` (a ledger's events after the sequence a subscriber
// saw last, in order), as `reader` may see them judged by `organization`, the state after the
// last of them. A subscriber resumes by asking for the events after the last sequence it got.
// FailedPrecondition when the reader may not read the component, NotFound for an unknown board.
absl::StatusOr<std::vector<FeedItem>> feed(const space::Organization& organization,
                                           std::span<const space::Event> events,
                                           ComponentId component, BoardId board,
                                           ParticipantId reader);

// Origin — the sticky or cluster a proposal was promoted from.
struct Origin {
  ComponentId component{};
  BoardId board{};
  StickyId sticky{};
  ClusterId cluster{};
  friend bool operator==(const Origin&, const Origin&) = default;
};

// origin_of — where `proposal` of the proposals component `proposals` came from, if it was
// promoted from a board of any workshops component.
std::optional<Origin> origin_of(const space::Organization& organization, ComponentId proposals,
                                ProposalId proposal);

}  // namespace participa::components::workshops
