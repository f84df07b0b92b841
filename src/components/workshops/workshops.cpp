#include "participa/components/workshops/workshops.hpp"

#include <algorithm>
#include <mutex>

#include "participa/components/proposals/proposals.hpp"
#include "participa/core/overloaded.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"
#include "participa/space/component_kind.hpp"
#include "participa/tally/method.hpp"
#include "participa/tally/profile_builder.hpp"

namespace participa::components::workshops {
namespace {

using space::ActionContext;
using space::Channel;
using space::EventContext;
using space::Settings;
using space::SettingSpec;
using tally::BallotKind;

constexpr std::size_t kMaxTitle = 150;
constexpr std::size_t kMaxText = 1000;
constexpr std::size_t kMaxColumns = 20;
constexpr std::size_t kMaxStickies = 5000;
constexpr std::size_t kMaxFacilitators = 50;
constexpr std::size_t kMaxActionItems = 500;
constexpr std::int32_t kMaxDots = 100;
constexpr std::int32_t kMaxCoordinate = 100'000;

constexpr std::array<std::string_view, 2> kActions = {"write", "vote"};

const tally::MethodRegistry& methods() {
  static const auto* registry = new tally::MethodRegistry(tally::MethodRegistry::with_builtins());
  return *registry;
}

bool is_facilitator(const Board& board, ParticipantId who) {
  return std::find(board.facilitators.begin(), board.facilitators.end(), who) !=
         board.facilitators.end();
}

// runs — the reader may run the board: one of its facilitators or an admin of the space.
bool runs(const space::Organization& organization, const space::Component& component,
          const Board& board, ParticipantId who) {
  return !who.is_nil() &&
         (is_facilitator(board, who) || organization.administers(who, component.space));
}

const Column* column_in(const Board& board, ColumnId id) {
  auto it = std::find_if(board.columns.begin(), board.columns.end(),
                         [&](const Column& c) { return c.id == id; });
  return it == board.columns.end() ? nullptr : &*it;
}

// owns — `who` wrote the sticky, or typed it in from paper.
bool owns(const Sticky& sticky, ParticipantId who) {
  return !who.is_nil() && (sticky.author == who || sticky.typed_by == who);
}

std::int32_t dots_used(const Board& board, ParticipantId who) {
  auto found = board.dots_placed.find(who);
  if (found == board.dots_placed.end()) return 0;
  std::int32_t used = 0;
  for (const auto& [item, dots] : found->second) used += dots;
  return used;
}

absl::Status check_colour(std::string& colour) {
  if (colour.empty()) colour = std::string(kColours.front());
  if (std::find(kColours.begin(), kColours.end(), colour) == kColours.end()) {
    std::string known;
    for (std::string_view name : kColours) known = str_cat(known, known.empty() ? "" : ", ", name);
    return absl::InvalidArgumentError(str_cat("colour '", colour, "' is not one of ", known));
  }
  return absl::OkStatus();
}

absl::Status check_place(std::int32_t x, std::int32_t y) {
  if (x < 0 || y < 0 || x > kMaxCoordinate || y > kMaxCoordinate) {
    return absl::OutOfRangeError(
        str_cat("a sticky's place ", x, ",", y, " is not within 0..", kMaxCoordinate));
  }
  return absl::OkStatus();
}

class Decider {
 public:
  Decider(const ActionContext& context, const State& state) : context_(context), state_(state) {}

  absl::StatusOr<Payload> operator()(BoardAdded p) {
    if (context_.is_visitor() || !context_.is_admin()) {
      return absl::FailedPreconditionError("only an admin of the space may add boards");
    }
    PARTICIPA_RETURN_IF_ERROR(check_text("the board's title", p.title, kMaxTitle));
    if (p.columns.empty()) {
      for (std::string& title : template_columns(p.board_template)) {
        p.columns.push_back({.id = {}, .title = std::move(title)});
      }
    }
    if (p.columns.size() > kMaxColumns) {
      return absl::InvalidArgumentError(
          str_cat("a board has at most ", kMaxColumns, " columns, not ", p.columns.size()));
    }
    std::set<ColumnId> columns;
    for (Column& column : p.columns) {
      PARTICIPA_RETURN_IF_ERROR(check_text("a column's title", column.title, kMaxTitle));
      if (column.id.is_nil()) column.id = ColumnId::random(context_.rng);
      if (!columns.insert(column.id).second) {
        return absl::InvalidArgumentError("a column is listed twice");
      }
    }
    if (p.facilitators.size() > kMaxFacilitators) {
      return absl::InvalidArgumentError(
          str_cat("a board has at most ", kMaxFacilitators, " facilitators"));
    }
    std::set<ParticipantId> seen;
    for (ParticipantId who : p.facilitators) {
      if (context_.organization.participant(who) == nullptr) {
        return absl::NotFoundError(str_cat("facilitator '", who.to_string(), "' does not exist"));
      }
      if (!seen.insert(who).second) {
        return absl::InvalidArgumentError("a facilitator is listed twice");
      }
    }
    if (p.dots < 1 || p.dots > kMaxDots) {
      return absl::InvalidArgumentError(
          str_cat("each participant has 1 to ", kMaxDots, " dots, not ", p.dots));
    }
    if (p.max_dots_per_item == 0) p.max_dots_per_item = p.dots;
    if (p.max_dots_per_item < 1 || p.max_dots_per_item > p.dots) {
      return absl::InvalidArgumentError(str_cat("max_dots_per_item ", p.max_dots_per_item,
                                                " is not within 1..", p.dots, " (the dots)"));
    }
    p.board = p.board.is_nil() ? BoardId::random(context_.rng) : p.board;
    if (state_.boards.contains(p.board)) {
      return absl::AlreadyExistsError(str_cat("board '", p.board.to_string(), "' exists"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(ColumnAdded p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, facilitated(p.board, "add columns"));
    PARTICIPA_RETURN_IF_ERROR(check_text("the column's title", p.title, kMaxTitle));
    if (board->columns.size() >= kMaxColumns) {
      return absl::OutOfRangeError(str_cat("a board has at most ", kMaxColumns, " columns"));
    }
    p.column = p.column.is_nil() ? ColumnId::random(context_.rng) : p.column;
    if (column_in(*board, p.column) != nullptr) {
      return absl::AlreadyExistsError(str_cat("column '", p.column.to_string(), "' exists"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(ColumnRenamed p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, facilitated(p.board, "rename columns"));
    PARTICIPA_RETURN_IF_ERROR(find_column(*board, p.column).status());
    PARTICIPA_RETURN_IF_ERROR(check_text("the column's title", p.title, kMaxTitle));
    return p;
  }

  absl::StatusOr<Payload> operator()(ColumnMoved p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, facilitated(p.board, "order columns"));
    PARTICIPA_RETURN_IF_ERROR(find_column(*board, p.column).status());
    if (p.position >= board->columns.size()) {
      return absl::OutOfRangeError(str_cat("position ", p.position, " is past the board's ",
                                           board->columns.size(), " columns"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(StickyWritten p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, at_stage(p.board, Stage::kWrite, "write"));
    if (context_.is_visitor() && context_.actor.channel == Channel::kOnline) {
      return absl::FailedPreconditionError(
          "a visitor's sticky is a paper post-it, typed in by a helper in the room");
    }
    if (!context_.is_visitor()) PARTICIPA_RETURN_IF_ERROR(context_.authorize("write"));
    PARTICIPA_RETURN_IF_ERROR(find_column(*board, p.column).status());
    PARTICIPA_RETURN_IF_ERROR(check_sticky_text(p.text));
    PARTICIPA_RETURN_IF_ERROR(check_colour(p.colour));
    PARTICIPA_RETURN_IF_ERROR(check_place(p.x, p.y));
    if (board->stickies.size() >= kMaxStickies) {
      return absl::OutOfRangeError(str_cat("a board holds at most ", kMaxStickies, " stickies"));
    }
    p.sticky = p.sticky.is_nil() ? StickyId::random(context_.rng) : p.sticky;
    for (const auto& [id, other] : state_.boards) {
      if (other.stickies.contains(p.sticky)) {
        return absl::AlreadyExistsError(str_cat("sticky '", p.sticky.to_string(), "' exists"));
      }
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(StickyEdited p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, at_stage(p.board, Stage::kWrite, "edit"));
    PARTICIPA_ASSIGN_OR_RETURN(const Sticky* sticky, find_sticky(*board, p.sticky));
    if (!owns(*sticky, context_.actor.participant)) {
      return absl::PermissionDeniedError(
          "a sticky is edited by its author, or by the helper who typed it in");
    }
    PARTICIPA_RETURN_IF_ERROR(check_sticky_text(p.text));
    PARTICIPA_RETURN_IF_ERROR(check_colour(p.colour));
    return p;
  }

  absl::StatusOr<Payload> operator()(StickyMoved p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, open_board(p.board));
    PARTICIPA_ASSIGN_OR_RETURN(const Sticky* sticky, find_sticky(*board, p.sticky));
    if (!runs_board(*board)) {
      // Writers arrange their own stickies; in the group stage everyone arranges the board.
      if (board->stage == Stage::kWrite && !owns(*sticky, context_.actor.participant)) {
        return absl::PermissionDeniedError("while writing, a sticky is moved by its author");
      }
      if (board->stage != Stage::kWrite && board->stage != Stage::kGroup) {
        return stage_refusal(*board, "move stickies");
      }
      PARTICIPA_RETURN_IF_ERROR(check_timer(*board));
    }
    PARTICIPA_RETURN_IF_ERROR(find_column(*board, p.column).status());
    PARTICIPA_RETURN_IF_ERROR(check_place(p.x, p.y));
    return p;
  }

  absl::StatusOr<Payload> operator()(StickyRemoved p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, open_board(p.board));
    PARTICIPA_ASSIGN_OR_RETURN(const Sticky* sticky, find_sticky(*board, p.sticky));
    if (!runs_board(*board)) {
      if (!owns(*sticky, context_.actor.participant)) {
        return absl::PermissionDeniedError(
            "a sticky is removed by its author, its typist or a facilitator");
      }
      if (board->stage != Stage::kWrite) return stage_refusal(*board, "remove stickies");
      PARTICIPA_RETURN_IF_ERROR(check_timer(*board));
    }
    if (sticky->promoted) {
      return absl::FailedPreconditionError("the sticky became a proposal: it stays");
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(ClusterFormed p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, at_stage(p.board, Stage::kGroup, "cluster"));
    PARTICIPA_RETURN_IF_ERROR(check_text("the cluster's title", p.title, kMaxTitle));
    PARTICIPA_RETURN_IF_ERROR(check_stickies(*board, p.stickies));
    p.cluster = p.cluster.is_nil() ? ClusterId::random(context_.rng) : p.cluster;
    if (board->clusters.contains(p.cluster)) {
      return absl::AlreadyExistsError(str_cat("cluster '", p.cluster.to_string(), "' exists"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(ClusterRenamed p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, at_stage(p.board, Stage::kGroup, "cluster"));
    PARTICIPA_RETURN_IF_ERROR(find_cluster(*board, p.cluster).status());
    PARTICIPA_RETURN_IF_ERROR(check_text("the cluster's title", p.title, kMaxTitle));
    return p;
  }

  absl::StatusOr<Payload> operator()(ClustersMerged p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, at_stage(p.board, Stage::kGroup, "cluster"));
    PARTICIPA_RETURN_IF_ERROR(find_cluster(*board, p.into).status());
    if (p.from.empty()) return absl::InvalidArgumentError("no cluster is merged");
    std::set<ClusterId> seen;
    for (ClusterId from : p.from) {
      PARTICIPA_ASSIGN_OR_RETURN(const Cluster* cluster, find_cluster(*board, from));
      if (from == p.into) {
        return absl::InvalidArgumentError("a cluster is not merged into itself");
      }
      if (!seen.insert(from).second) {
        return absl::InvalidArgumentError(str_cat("cluster '", cluster->title, "' is named twice"));
      }
      if (cluster->promoted) {
        return absl::FailedPreconditionError(
            str_cat("cluster '", cluster->title, "' became a proposal: it stays"));
      }
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(StickiesUnclustered p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, at_stage(p.board, Stage::kGroup, "cluster"));
    PARTICIPA_RETURN_IF_ERROR(check_stickies(*board, p.stickies));
    for (StickyId id : p.stickies) {
      if (board->stickies.at(id).cluster.is_nil()) {
        return absl::FailedPreconditionError(
            str_cat("sticky '", id.to_string(), "' is in no cluster"));
      }
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(DotsPlaced p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, at_stage(p.board, Stage::kVote, "place dots"));
    if (context_.is_visitor()) {
      return absl::FailedPreconditionError("dots are placed by participants, each with their own");
    }
    PARTICIPA_RETURN_IF_ERROR(context_.authorize("vote"));
    if (p.sticky.is_nil() == p.cluster.is_nil()) {
      return absl::InvalidArgumentError("dots go on one sticky or one cluster");
    }
    if (!p.sticky.is_nil()) {
      PARTICIPA_ASSIGN_OR_RETURN(const Sticky* sticky, find_sticky(*board, p.sticky));
      if (!sticky->cluster.is_nil()) {
        return absl::FailedPreconditionError(str_cat("the sticky is in cluster '",
                                                     board->clusters.at(sticky->cluster).title,
                                                     "': dots go on the cluster"));
      }
    } else {
      PARTICIPA_RETURN_IF_ERROR(find_cluster(*board, p.cluster).status());
    }
    if (p.dots < 0 || p.dots > board->max_dots_per_item) {
      return absl::OutOfRangeError(
          str_cat(p.dots, " dots on one item; the board allows 0..", board->max_dots_per_item));
    }
    const ParticipantId who = context_.actor.participant;
    const Item item{p.sticky, p.cluster};
    std::int32_t on_item = 0;
    if (auto mine = board->dots_placed.find(who); mine != board->dots_placed.end()) {
      if (auto it = mine->second.find(item); it != mine->second.end()) on_item = it->second;
    }
    const std::int32_t used = dots_used(*board, who) - on_item + p.dots;
    if (used > board->dots) {
      return absl::OutOfRangeError(
          str_cat("that makes ", used, " dots; each participant has ", board->dots));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(BoardRevealed p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, facilitated(p.board, "reveal"));
    if (!p.stickies && !p.dots) return absl::InvalidArgumentError("nothing is revealed");
    if ((!p.stickies || board->stickies_revealed || !board->private_writing) &&
        (!p.dots || board->dots_revealed || !board->hidden_dots)) {
      return absl::FailedPreconditionError("what is named is shown already");
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(StageSet p) {
    PARTICIPA_RETURN_IF_ERROR(facilitated(p.board, "set the stage").status());
    if (p.ends && *p.ends <= context_.now) {
      return absl::InvalidArgumentError("the stage's timer ends in the past");
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(BoardLocked p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, find(p.board));
    if (!runs_board(*board)) {
      return absl::PermissionDeniedError("only a facilitator locks and unlocks a board");
    }
    if (board->locked == p.locked) {
      return absl::FailedPreconditionError(
          str_cat("the board is ", p.locked ? "locked" : "unlocked", " already"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(ActionItemAdded p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board,
                               at_stage(p.board, Stage::kActions, "add action items"));
    PARTICIPA_RETURN_IF_ERROR(check_text("the action item", p.text, kMaxText));
    if (p.text.empty()) return absl::InvalidArgumentError("an action item says what is done");
    if (context_.organization.participant(p.owner) == nullptr) {
      return absl::NotFoundError(str_cat("owner '", p.owner.to_string(), "' does not exist"));
    }
    if (!p.sticky.is_nil() && !p.cluster.is_nil()) {
      return absl::InvalidArgumentError("an action item comes from one sticky or one cluster");
    }
    if (!p.sticky.is_nil()) PARTICIPA_RETURN_IF_ERROR(find_sticky(*board, p.sticky).status());
    if (!p.cluster.is_nil()) PARTICIPA_RETURN_IF_ERROR(find_cluster(*board, p.cluster).status());
    if (board->action_items.size() >= kMaxActionItems) {
      return absl::OutOfRangeError(
          str_cat("a board holds at most ", kMaxActionItems, " action items"));
    }
    p.item = p.item.is_nil() ? ActionItemId::random(context_.rng) : p.item;
    if (board->action_items.contains(p.item)) {
      return absl::AlreadyExistsError(str_cat("action item '", p.item.to_string(), "' exists"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(ActionItemDone p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, open_board(p.board));
    auto item = board->action_items.find(p.item);
    if (item == board->action_items.end()) {
      return absl::NotFoundError(str_cat("action item '", p.item.to_string(), "' does not exist"));
    }
    if (!runs_board(*board) && context_.actor.participant != item->second.owner) {
      return absl::PermissionDeniedError("an action item is marked by its owner or a facilitator");
    }
    if (item->second.done == p.done) {
      return absl::FailedPreconditionError(
          str_cat("the action item is ", p.done ? "done" : "open", " already"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(StickyPromoted p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, facilitated(p.board, "promote stickies"));
    if (p.sticky.is_nil() == p.cluster.is_nil()) {
      return absl::InvalidArgumentError("one sticky or one cluster becomes a proposal");
    }
    if (!p.sticky.is_nil()) {
      PARTICIPA_ASSIGN_OR_RETURN(const Sticky* sticky, find_sticky(*board, p.sticky));
      if (sticky->promoted) return absl::AlreadyExistsError("the sticky is a proposal already");
    } else {
      PARTICIPA_ASSIGN_OR_RETURN(const Cluster* cluster, find_cluster(*board, p.cluster));
      if (cluster->promoted) return absl::AlreadyExistsError("the cluster is a proposal already");
    }
    PARTICIPA_ASSIGN_OR_RETURN(const proposals::State* proposals,
                               proposals::state_of(context_.organization, p.proposals));
    if (!proposals->proposals.contains(p.proposal)) {
      return absl::NotFoundError(str_cat("proposal '", p.proposal.to_string(), "' does not exist"));
    }
    if (origin_of(context_.organization, p.proposals, p.proposal)) {
      return absl::AlreadyExistsError("the proposal was promoted from another sticky already");
    }
    return p;
  }

 private:
  bool runs_board(const Board& board) const {
    return runs(context_.organization, context_.component, board, context_.actor.participant);
  }
  absl::StatusOr<const Board*> find(BoardId id) const {
    auto it = state_.boards.find(id);
    if (it == state_.boards.end()) {
      return absl::NotFoundError(str_cat("board '", id.to_string(), "' does not exist"));
    }
    return &it->second;
  }
  // open_board — the board, when it is not locked.
  absl::StatusOr<const Board*> open_board(BoardId id) const {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, find(id));
    if (board->locked) {
      return absl::FailedPreconditionError(str_cat("board '", board->title, "' is locked"));
    }
    return board;
  }
  // facilitated — the board, when the actor runs it.
  absl::StatusOr<const Board*> facilitated(BoardId id, std::string_view what) const {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, find(id));
    if (!runs_board(*board)) {
      return absl::PermissionDeniedError(str_cat("only a facilitator may ", what));
    }
    if (board->locked) {
      return absl::FailedPreconditionError(str_cat("board '", board->title, "' is locked"));
    }
    return board;
  }
  // at_stage — the board, when the actor may `what` now: its stage is `stage` and its timer
  // runs, or the actor runs the board.
  absl::StatusOr<const Board*> at_stage(BoardId id, Stage stage, std::string_view what) const {
    PARTICIPA_ASSIGN_OR_RETURN(const Board* board, open_board(id));
    if (runs_board(*board)) return board;
    if (board->stage != stage) return stage_refusal(*board, what);
    PARTICIPA_RETURN_IF_ERROR(check_timer(*board));
    return board;
  }
  static absl::Status stage_refusal(const Board& board, std::string_view what) {
    return absl::FailedPreconditionError(str_cat("participants may not ", what, " while board '",
                                                 board.title, "' is at stage ",
                                                 name_of(kStageNames, board.stage)));
  }
  absl::Status check_timer(const Board& board) const {
    if (board.stage_ends && context_.now >= *board.stage_ends) {
      return absl::FailedPreconditionError(str_cat("time is up for stage ",
                                                   name_of(kStageNames, board.stage), " of board '",
                                                   board.title, "'"));
    }
    return absl::OkStatus();
  }
  static absl::StatusOr<const Column*> find_column(const Board& board, ColumnId id) {
    const Column* column = column_in(board, id);
    if (column == nullptr) {
      return absl::NotFoundError(str_cat("column '", id.to_string(), "' does not exist"));
    }
    return column;
  }
  static absl::StatusOr<const Sticky*> find_sticky(const Board& board, StickyId id) {
    auto it = board.stickies.find(id);
    if (it == board.stickies.end()) {
      return absl::NotFoundError(str_cat("sticky '", id.to_string(), "' does not exist"));
    }
    return &it->second;
  }
  static absl::StatusOr<const Cluster*> find_cluster(const Board& board, ClusterId id) {
    auto it = board.clusters.find(id);
    if (it == board.clusters.end()) {
      return absl::NotFoundError(str_cat("cluster '", id.to_string(), "' does not exist"));
    }
    return &it->second;
  }
  static absl::Status check_stickies(const Board& board, const std::vector<StickyId>& stickies) {
    if (stickies.empty()) return absl::InvalidArgumentError("no sticky is named");
    std::set<StickyId> seen;
    for (StickyId id : stickies) {
      PARTICIPA_RETURN_IF_ERROR(find_sticky(board, id).status());
      if (!seen.insert(id).second) {
        return absl::InvalidArgumentError(str_cat("sticky '", id.to_string(), "' is named twice"));
      }
    }
    return absl::OkStatus();
  }
  static absl::Status check_sticky_text(std::string_view text) {
    PARTICIPA_RETURN_IF_ERROR(check_text("the sticky's text", text, kMaxText));
    if (text.empty()) return absl::InvalidArgumentError("a sticky says something");
    return absl::OkStatus();
  }

  const ActionContext& context_;
  const State& state_;
};

class Evolver {
 public:
  Evolver(State& state, const EventContext& context) : state_(state), context_(context) {}

  absl::Status operator()(const BoardAdded& p) {
    if (p.board.is_nil() || state_.boards.contains(p.board)) {
      return absl::DataLossError("the board exists");
    }
    state_.boards.emplace(p.board, Board::from_added(p));
    state_.added.push_back(p.board);
    return absl::OkStatus();
  }
  absl::Status operator()(const ColumnAdded& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(p.board));
    if (p.column.is_nil() || column_in(*board, p.column) != nullptr) {
      return absl::DataLossError("the column exists");
    }
    board->columns.push_back({p.column, p.title});
    return absl::OkStatus();
  }
  absl::Status operator()(const ColumnRenamed& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Column * column, find_column(p.board, p.column));
    column->title = p.title;
    return absl::OkStatus();
  }
  absl::Status operator()(const ColumnMoved& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(p.board));
    auto it = std::find_if(board->columns.begin(), board->columns.end(),
                           [&](const Column& c) { return c.id == p.column; });
    if (it == board->columns.end() || p.position >= board->columns.size()) {
      return absl::DataLossError("the column cannot move there");
    }
    Column moved = *it;
    board->columns.erase(it);
    board->columns.insert(board->columns.begin() + static_cast<std::ptrdiff_t>(p.position),
                          std::move(moved));
    return absl::OkStatus();
  }
  absl::Status operator()(const StickyWritten& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(p.board));
    if (p.sticky.is_nil() || board->stickies.contains(p.sticky) ||
        column_in(*board, p.column) == nullptr) {
      return absl::DataLossError("the sticky does not fit the board");
    }
    const space::Actor& actor = context_.event.actor;
    Sticky sticky;
    sticky.id = p.sticky;
    sticky.column = p.column;
    sticky.text = p.text;
    sticky.colour = p.colour;
    sticky.x = p.x;
    sticky.y = p.y;
    sticky.author = actor.participant;
    sticky.typed_by = actor.recorded_by;
    sticky.channel = actor.channel;
    sticky.written_at = context_.event.time;
    board->stickies.emplace(p.sticky, std::move(sticky));
    board->written.push_back(p.sticky);
    return absl::OkStatus();
  }
  absl::Status operator()(const StickyEdited& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Sticky * sticky, find_sticky(p.board, p.sticky));
    sticky->text = p.text;
    sticky->colour = p.colour;
    return absl::OkStatus();
  }
  absl::Status operator()(const StickyMoved& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(p.board));
    PARTICIPA_ASSIGN_OR_RETURN(Sticky * sticky, find_sticky(p.board, p.sticky));
    if (column_in(*board, p.column) == nullptr) return absl::DataLossError("unknown column");
    sticky->column = p.column;
    sticky->x = p.x;
    sticky->y = p.y;
    return absl::OkStatus();
  }
  absl::Status operator()(const StickyRemoved& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(p.board));
    PARTICIPA_ASSIGN_OR_RETURN(Sticky * sticky, find_sticky(p.board, p.sticky));
    const ClusterId cluster = sticky->cluster;
    board->stickies.erase(p.sticky);
    std::erase(board->written, p.sticky);
    take_back_dots(*board, Item{p.sticky, {}});
    if (!cluster.is_nil()) drop_if_empty(*board, cluster);
    return absl::OkStatus();
  }
  absl::Status operator()(const ClusterFormed& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(p.board));
    if (p.cluster.is_nil() || board->clusters.contains(p.cluster)) {
      return absl::DataLossError("the cluster exists");
    }
    board->clusters.emplace(p.cluster, Cluster{p.cluster, p.title, std::nullopt});
    board->formed.push_back(p.cluster);
    return gather(*board, p.stickies, p.cluster);
  }
  absl::Status operator()(const ClusterRenamed& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Cluster * cluster, find_cluster(p.board, p.cluster));
    cluster->title = p.title;
    return absl::OkStatus();
  }
  absl::Status operator()(const ClustersMerged& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(p.board));
    if (!board->clusters.contains(p.into)) return absl::DataLossError("unknown cluster");
    for (ClusterId from : p.from) {
      if (from == p.into || !board->clusters.contains(from)) {
        return absl::DataLossError("the clusters cannot merge");
      }
      for (auto& [id, sticky] : board->stickies) {
        if (sticky.cluster == from) sticky.cluster = p.into;
      }
      // Dots follow their cluster: a participant's dots on both now lie on one.
      for (auto& [who, placed] : board->dots_placed) {
        auto it = placed.find(Item{{}, from});
        if (it == placed.end()) continue;
        placed[Item{{}, p.into}] += it->second;
        placed.erase(Item{{}, from});
      }
      board->clusters.erase(from);
      std::erase(board->formed, from);
    }
    return absl::OkStatus();
  }
  absl::Status operator()(const StickiesUnclustered& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(p.board));
    return gather(*board, p.stickies, ClusterId{});
  }
  absl::Status operator()(const DotsPlaced& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(p.board));
    const ParticipantId who = context_.event.actor.participant;
    if (who.is_nil() || p.dots < 0) return absl::DataLossError("dots without a participant");
    std::map<Item, std::int32_t>& placed = board->dots_placed[who];
    if (p.dots == 0) {
      placed.erase(Item{p.sticky, p.cluster});
    } else {
      placed[Item{p.sticky, p.cluster}] = p.dots;
    }
    if (placed.empty()) board->dots_placed.erase(who);
    return absl::OkStatus();
  }
  absl::Status operator()(const BoardRevealed& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(p.board));
    board->stickies_revealed = board->stickies_revealed || p.stickies;
    board->dots_revealed = board->dots_revealed || p.dots;
    return absl::OkStatus();
  }
  absl::Status operator()(const StageSet& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(p.board));
    board->stage = p.stage;
    board->stage_ends = p.ends;
    return absl::OkStatus();
  }
  absl::Status operator()(const BoardLocked& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(p.board));
    board->locked = p.locked;
    return absl::OkStatus();
  }
  absl::Status operator()(const ActionItemAdded& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(p.board));
    if (p.item.is_nil() || board->action_items.contains(p.item)) {
      return absl::DataLossError("the action item exists");
    }
    board->action_items.emplace(p.item,
                                ActionItem{p.item, p.text, p.owner, p.sticky, p.cluster, false});
    board->items_added.push_back(p.item);
    return absl::OkStatus();
  }
  absl::Status operator()(const ActionItemDone& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(p.board));
    auto it = board->action_items.find(p.item);
    if (it == board->action_items.end()) return absl::DataLossError("unknown action item");
    it->second.done = p.done;
    return absl::OkStatus();
  }
  absl::Status operator()(const StickyPromoted& p) {
    const ProposalLink link{p.proposals, p.proposal};
    if (!p.sticky.is_nil()) {
      PARTICIPA_ASSIGN_OR_RETURN(Sticky * sticky, find_sticky(p.board, p.sticky));
      sticky->promoted = link;
    } else {
      PARTICIPA_ASSIGN_OR_RETURN(Cluster * cluster, find_cluster(p.board, p.cluster));
      cluster->promoted = link;
    }
    return absl::OkStatus();
  }

 private:
  absl::StatusOr<Board*> find(BoardId id) {
    auto it = state_.boards.find(id);
    if (it == state_.boards.end()) return absl::DataLossError("unknown board");
    return &it->second;
  }
  absl::StatusOr<Column*> find_column(BoardId board_id, ColumnId id) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(board_id));
    for (Column& column : board->columns) {
      if (column.id == id) return &column;
    }
    return absl::DataLossError("unknown column");
  }
  absl::StatusOr<Sticky*> find_sticky(BoardId board_id, StickyId id) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(board_id));
    auto it = board->stickies.find(id);
    if (it == board->stickies.end()) return absl::DataLossError("unknown sticky");
    return &it->second;
  }
  absl::StatusOr<Cluster*> find_cluster(BoardId board_id, ClusterId id) {
    PARTICIPA_ASSIGN_OR_RETURN(Board * board, find(board_id));
    auto it = board->clusters.find(id);
    if (it == board->clusters.end()) return absl::DataLossError("unknown cluster");
    return &it->second;
  }
  // gather — moves the stickies into `cluster` (nil: out of any), dropping clusters left empty.
  // A sticky that joins a cluster gives its dots back: from now on its cluster takes them.
  static absl::Status gather(Board& board, const std::vector<StickyId>& stickies,
                             ClusterId cluster) {
    std::set<ClusterId> left;
    for (StickyId id : stickies) {
      auto it = board.stickies.find(id);
      if (it == board.stickies.end()) return absl::DataLossError("unknown sticky");
      if (!it->second.cluster.is_nil()) left.insert(it->second.cluster);
      it->second.cluster = cluster;
      if (!cluster.is_nil()) take_back_dots(board, Item{id, {}});
    }
    for (ClusterId id : left) drop_if_empty(board, id);
    return absl::OkStatus();
  }
  static void take_back_dots(Board& board, const Item& item) {
    for (auto it = board.dots_placed.begin(); it != board.dots_placed.end();) {
      it->second.erase(item);
      it = it->second.empty() ? board.dots_placed.erase(it) : std::next(it);
    }
  }
  static void drop_if_empty(Board& board, ClusterId id) {
    for (const auto& [sticky_id, sticky] : board.stickies) {
      if (sticky.cluster == id) return;
    }
    auto cluster = board.clusters.find(id);
    // A cluster that became a proposal stays, so the link does not dangle.
    if (cluster == board.clusters.end() || cluster->second.promoted) return;
    board.clusters.erase(cluster);
    std::erase(board.formed, id);
    take_back_dots(board, Item{{}, id});
  }

  State& state_;
  const EventContext& context_;
};

class Kind final : public space::TypedKind<Payload, State> {
 public:
  std::string_view name() const override { return kKind; }
  std::span<const SettingSpec> settings() const override { return {}; }
  std::span<const std::string_view> actions() const override { return kActions; }
  // A paper post-it from the room may have no author: a helper types it in, in person or
  // mediated (the space layer asks for the helper who records it).
  bool open_to_visitors(const std::any& payload, const Settings& /*settings*/) const override {
    const Payload* p = typed(payload);
    return p != nullptr && std::holds_alternative<StickyWritten>(*p);
  }
  std::string_view name_of_payload(const Payload& payload) const override {
    return workshops::payload_name(payload);
  }
  absl::StatusOr<Payload> decide_payload(const ActionContext& context, const State& state,
                                         const Payload& payload) const override {
    return std::visit(Decider(context, state), payload);
  }
  absl::Status evolve_payload(State& state, const EventContext& context,
                              const Payload& payload) const override {
    return std::visit(Evolver(state, context), payload);
  }
};

// BoardReading — one board as one reader may read it.
struct BoardReading {
  const Board* board = nullptr;
  ParticipantId reader{};
  bool runs = false;

  // sees_content — whether the reader sees the sticky's text, colour, place and author.
  bool sees_content(const Sticky& sticky) const {
    return !board->private_writing || board->stickies_revealed || owns(sticky, reader);
  }
  bool sees_dots() const { return !board->hidden_dots || board->dots_revealed; }
  std::int32_t my_dots(const Item& item) const {
    if (reader.is_nil()) return 0;
    auto mine = board->dots_placed.find(reader);
    if (mine == board->dots_placed.end()) return 0;
    auto it = mine->second.find(item);
    return it == mine->second.end() ? 0 : it->second;
  }
};

absl::StatusOr<BoardReading> read_board(const space::Organization& organization,
                                        ComponentId component, BoardId board,
                                        ParticipantId reader) {
  PARTICIPA_ASSIGN_OR_RETURN(const State* state, state_of(organization, component));
  // Whether a board exists is for readers of the component only.
  const space::Component& where = *organization.component(component);
  PARTICIPA_RETURN_IF_ERROR(
      space::reader_of(organization, *organization.space(where.space), where, reader).status());
  auto found = state->boards.find(board);
  if (found == state->boards.end()) {
    return absl::NotFoundError(str_cat("board '", board.to_string(), "' does not exist"));
  }
  return BoardReading{&found->second, reader, runs(organization, where, found->second, reader)};
}

std::map<Item, std::uint64_t> dot_totals(const Board& board) {
  std::map<Item, std::uint64_t> totals;
  for (const auto& [who, placed] : board.dots_placed) {
    for (const auto& [item, dots] : placed) totals[item] += static_cast<std::uint64_t>(dots);
  }
  return totals;
}

BoardView view_of(const BoardReading& reading) {
  const Board& board = *reading.board;
  BoardView view;
  view.id = board.id;
  view.title = board.title;
  view.stage = board.stage;
  view.stage_ends = board.stage_ends;
  view.locked = board.locked;
  view.anonymous = board.anonymous;
  view.stickies_revealed = !board.private_writing || board.stickies_revealed;
  view.dots_revealed = reading.sees_dots();
  view.facilitator = reading.runs;
  view.columns = board.columns;
  view.dots = board.dots;
  view.max_dots_per_item = board.max_dots_per_item;
  view.dots_left = reading.reader.is_nil() ? 0 : board.dots - dots_used(board, reading.reader);
  const std::map<Item, std::uint64_t> totals =
      reading.sees_dots() ? dot_totals(board) : std::map<Item, std::uint64_t>{};
  auto total = [&](const Item& item) -> std::optional<std::uint64_t> {
    if (!reading.sees_dots()) return std::nullopt;
    auto it = totals.find(item);
    return it == totals.end() ? 0 : it->second;
  };
  for (StickyId id : board.written) {
    const Sticky& sticky = board.stickies.at(id);
    StickyView out;
    out.id = sticky.id;
    out.column = sticky.column;
    out.cluster = sticky.cluster;
    out.mine = owns(sticky, reading.reader);
    out.withheld = !reading.sees_content(sticky);
    out.channel = sticky.channel;
    out.promoted = sticky.promoted;
    if (!out.withheld) {
      out.text = sticky.text;
      out.colour = sticky.colour;
      out.x = sticky.x;
      out.y = sticky.y;
      if (!board.anonymous) out.author = sticky.author;
    }
    if (sticky.cluster.is_nil()) {
      out.my_dots = reading.my_dots(Item{id, {}});
      out.dots = total(Item{id, {}});
    }
    view.stickies.push_back(std::move(out));
  }
  for (ClusterId id : board.formed) {
    const Cluster& cluster = board.clusters.at(id);
    ClusterView out;
    out.id = id;
    out.title = cluster.title;
    out.promoted = cluster.promoted;
    for (StickyId sticky : board.written) {
      if (board.stickies.at(sticky).cluster == id) out.stickies.push_back(sticky);
    }
    out.my_dots = reading.my_dots(Item{{}, id});
    out.dots = total(Item{{}, id});
    view.clusters.push_back(std::move(out));
  }
  for (ActionItemId id : board.items_added) view.action_items.push_back(board.action_items.at(id));
  return view;
}

// redact — the event's payload as the reading may see it (`own`: the reader acted); `actor_seen`
// is cleared when the reader may not know who acted.
Payload redact(const BoardReading& reading, Payload payload, bool own, bool& actor_seen) {
  const Board& board = *reading.board;
  auto withhold_sticky = [&](StickyId id) {
    auto it = board.stickies.find(id);
    // A sticky removed while withheld was never shown: it stays withheld.
    const bool seen =
        it != board.stickies.end() ? reading.sees_content(it->second) : !board.private_writing;
    return !seen;
  };
  std::visit(Overloaded{
                 [&](StickyWritten& p) {
                   if (board.anonymous) actor_seen = false;
                   if (withhold_sticky(p.sticky)) {
                     p.text.clear();
                     p.colour.clear();
                     p.x = 0;
                     p.y = 0;
                     actor_seen = false;
                   }
                 },
                 [&](StickyEdited& p) {
                   if (board.anonymous) actor_seen = false;
                   if (withhold_sticky(p.sticky)) {
                     p.text.clear();
                     p.colour.clear();
                     actor_seen = false;
                   }
                 },
                 [&](StickyMoved& p) {
                   if (withhold_sticky(p.sticky)) {
                     p.x = 0;
                     p.y = 0;
                     actor_seen = false;
                   }
                 },
                 [&](StickyRemoved& p) {
                   if (withhold_sticky(p.sticky)) actor_seen = false;
                 },
                 [&](DotsPlaced& p) {
                   if (!own && !reading.sees_dots()) {
                     p.sticky = StickyId{};
                     p.cluster = ClusterId{};
                     p.dots = 0;
                   }
                   // Who placed which dots stays with them; totals are what a board shows.
                   actor_seen = false;
                 },
                 [](auto&) {},
             },
             payload);
  return payload;
}

BoardId board_of(const Payload& payload) {
  return std::visit([](const auto& p) { return p.board; }, payload);
}

// unique_labels — the items' labels as candidates need it: unique, so equal texts get a number.
std::vector<std::string> unique_labels(std::vector<std::string> labels) {
  std::map<std::string, int> seen;
  for (const std::string& label : labels) ++seen[label];
  std::map<std::string, int> numbered;
  for (std::string& label : labels) {
    if (seen[label] > 1) label = str_cat(label, " #", ++numbered[label]);
  }
  return labels;
}

}  // namespace

std::vector<std::string> template_columns(BoardTemplate board_template) {
  switch (board_template) {
    case BoardTemplate::kFree:
      return {"Board"};
    case BoardTemplate::kWorksDoesntIdeas:
      return {"What works", "What doesn't", "Ideas"};
    case BoardTemplate::kStartStopContinue:
      return {"Start", "Stop", "Continue"};
    case BoardTemplate::kLikedLearnedLacked:
      return {"Liked", "Learned", "Lacked"};
  }
  return {};
}

Board Board::from_added(const BoardAdded& added) {
  Board board;
  board.id = added.board;
  board.title = added.title;
  board.board_template = added.board_template;
  board.columns = added.columns;
  board.facilitators = added.facilitators;
  board.anonymous = added.anonymous;
  board.private_writing = added.private_writing;
  board.hidden_dots = added.hidden_dots;
  board.dots = added.dots;
  board.max_dots_per_item = added.max_dots_per_item;
  return board;
}

std::string_view payload_name(const Payload& payload) {
  return std::visit(
      Overloaded{
          [](const BoardAdded&) { return std::string_view("board-added"); },
          [](const ColumnAdded&) { return std::string_view("column-added"); },
          [](const ColumnRenamed&) { return std::string_view("column-renamed"); },
          [](const ColumnMoved&) { return std::string_view("column-moved"); },
          [](const StickyWritten&) { return std::string_view("sticky-written"); },
          [](const StickyEdited&) { return std::string_view("sticky-edited"); },
          [](const StickyMoved&) { return std::string_view("sticky-moved"); },
          [](const StickyRemoved&) { return std::string_view("sticky-removed"); },
          [](const ClusterFormed&) { return std::string_view("cluster-formed"); },
          [](const ClusterRenamed&) { return std::string_view("cluster-renamed"); },
          [](const ClustersMerged&) { return std::string_view("clusters-merged"); },
          [](const StickiesUnclustered&) { return std::string_view("stickies-unclustered"); },
          [](const DotsPlaced&) { return std::string_view("dots-placed"); },
          [](const BoardRevealed&) { return std::string_view("board-revealed"); },
          [](const StageSet&) { return std::string_view("stage-set"); },
          [](const BoardLocked&) { return std::string_view("board-locked"); },
          [](const ActionItemAdded&) { return std::string_view("action-item-added"); },
          [](const ActionItemDone&) { return std::string_view("action-item-done"); },
          [](const StickyPromoted&) { return std::string_view("sticky-promoted"); },
      },
      payload);
}

void register_kind() {
  static std::once_flag once;
  std::call_once(once, [] {
    absl::Status registered = space::register_component_kind(std::make_shared<Kind>());
    PARTICIPA_DCHECK(registered.ok());
    (void)registered;
  });
}

absl::StatusOr<const State*> state_of(const space::Organization& organization,
                                      ComponentId component) {
  return space::state_as<State>(organization, component, kKind);
}

absl::StatusOr<BoardView> board_view(const space::Organization& organization, ComponentId component,
                                     BoardId board, ParticipantId reader) {
  PARTICIPA_ASSIGN_OR_RETURN(BoardReading reading,
                             read_board(organization, component, board, reader));
  return view_of(reading);
}

// A participant's dots as a ballot of `kind`: ranked, most dots first with equal dots sharing
// a level; otherwise the items with their dots (approval: the items alone).
void dots_ballot(const auto& placed, const std::map<Item, std::uint32_t>& index, BallotKind kind,
                 std::vector<tally::Candidate>& candidates, std::vector<std::int32_t>& values) {
  std::vector<std::pair<std::uint32_t, std::int32_t>> marks;
  for (const auto& [item, dots] : placed) marks.emplace_back(index.at(item), dots);
  if (kind == BallotKind::kRanked) {
    std::stable_sort(marks.begin(), marks.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::int32_t level = 0;
    std::int32_t last = -1;
    for (const auto& [candidate, dots] : marks) {
      if (dots != last) ++level;
      last = dots;
      candidates.push_back(candidate);
      values.push_back(level);
    }
  } else {
    std::sort(marks.begin(), marks.end());
    for (const auto& [candidate, dots] : marks) {
      candidates.push_back(candidate);
      if (kind != BallotKind::kApproval) values.push_back(dots);
    }
  }
}

absl::StatusOr<DotResults> dot_results(const space::Organization& organization,
                                       ComponentId component, BoardId board_id,
                                       ParticipantId reader, std::string_view method_name) {
  PARTICIPA_ASSIGN_OR_RETURN(BoardReading reading,
                             read_board(organization, component, board_id, reader));
  const Board& board = *reading.board;
  if (!reading.sees_dots()) {
    return absl::FailedPreconditionError(str_cat("the dots of board '", board.title,
                                                 "' are hidden until a facilitator reveals "
                                                 "them"));
  }
  const std::string method = method_name.empty() ? "score" : std::string(method_name);
  PARTICIPA_ASSIGN_OR_RETURN(const tally::MethodInfo* info, methods().find(method));
  std::optional<BallotKind> kind;
  for (BallotKind k :
       {BallotKind::kCumulative, BallotKind::kScore, BallotKind::kApproval, BallotKind::kRanked}) {
    if (std::find(info->accepts.begin(), info->accepts.end(), k) != info->accepts.end()) {
      kind = k;
      break;
    }
  }
  if (!kind) {
    return absl::InvalidArgumentError(
        str_cat("method ", method,
                " takes none of the ballots dots make: cumulative, score, approval, "
                "ranked"));
  }

  // The items: clusters, then stickies outside any cluster, in board order.
  std::vector<Item> items;
  std::vector<std::string> labels;
  for (ClusterId id : board.formed) {
    items.push_back(Item{{}, id});
    labels.push_back(board.clusters.at(id).title);
  }
  for (StickyId id : board.written) {
    const Sticky& sticky = board.stickies.at(id);
    if (!sticky.cluster.is_nil()) continue;
    items.push_back(Item{id, {}});
    labels.push_back(sticky.text);
  }
  std::map<Item, std::uint32_t> index;
  for (std::size_t i = 0; i < items.size(); ++i) index[items[i]] = static_cast<std::uint32_t>(i);

  DotResults out;
  out.board = board.id;
  out.title = board.title;
  out.method = method;
  labels = unique_labels(std::move(labels));
  std::vector<DotItemResult> results(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    results[i].item = items[i];
    results[i].label = labels[i];
  }
  if (items.size() >= 2) {
    PARTICIPA_ASSIGN_OR_RETURN(tally::ProfileBuilder ballots,
                               tally::ProfileBuilder::create(labels, *kind));
    for (const auto& [who, placed] : board.dots_placed) {
      std::vector<tally::Candidate> candidates;
      std::vector<std::int32_t> values;
      dots_ballot(placed, index, *kind, candidates, values);
      PARTICIPA_RETURN_IF_ERROR(ballots.add({.marks = candidates, .values = values}));
    }
    if (!board.dots_placed.empty()) {
      PARTICIPA_ASSIGN_OR_RETURN(out.count,
                                 methods().count(method, ballots.build(), tally::Options{}));
    }
  }
  for (const auto& [who, placed] : board.dots_placed) {
    ++out.voters;
    for (const auto& [item, dots] : placed) {
      DotItemResult& result = results[index.at(item)];
      result.dots += static_cast<std::uint64_t>(dots);
      ++result.voters;
    }
  }
  std::stable_sort(results.begin(), results.end(),
                   [](const DotItemResult& a, const DotItemResult& b) { return a.dots > b.dots; });
  out.items = std::move(results);
  return out;
}

absl::StatusOr<std::vector<FeedItem>> feed(const space::Organization& organization,
                                           std::span<const space::Event> events,
                                           ComponentId component, BoardId board,
                                           ParticipantId reader) {
  PARTICIPA_ASSIGN_OR_RETURN(BoardReading reading,
                             read_board(organization, component, board, reader));
  std::vector<FeedItem> items;
  for (const space::Event& event : events) {
    const auto* action = std::get_if<space::ComponentAction>(&event.body);
    if (action == nullptr || action->component != component) continue;
    const auto* payload = std::any_cast<Payload>(&action->payload);
    if (payload == nullptr || board_of(*payload) != board) continue;
    bool actor_seen = true;
    FeedItem item;
    item.sequence = event.sequence;
    item.time = event.time;
    item.name = std::string(payload_name(*payload));
    item.channel = event.actor.channel;
    const bool own = !reader.is_nil() && event.actor.participant == reader;
    item.payload = redact(reading, *payload, own, actor_seen);
    if (actor_seen || own) item.actor = event.actor.participant;
    if (std::holds_alternative<BoardRevealed>(*payload)) item.view = view_of(reading);
    items.push_back(std::move(item));
  }
  return items;
}

std::optional<Origin> origin_of(const space::Organization& organization, ComponentId proposals,
                                ProposalId proposal) {
  const ProposalLink wanted{proposals, proposal};
  for (const auto& [id, component] : organization.components) {
    const auto* state = std::any_cast<State>(&component.state);
    if (state == nullptr) continue;
    for (const auto& [board_id, board] : state->boards) {
      for (const auto& [sticky_id, sticky] : board.stickies) {
        if (sticky.promoted == wanted) return Origin{id, board_id, sticky_id, {}};
      }
      for (const auto& [cluster_id, cluster] : board.clusters) {
        if (cluster.promoted == wanted) return Origin{id, board_id, {}, cluster_id};
      }
    }
  }
  return std::nullopt;
}

}  // namespace participa::components::workshops
