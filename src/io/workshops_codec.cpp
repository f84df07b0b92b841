#include "io/component_codecs.hpp"

#include "io/record_fields.hpp"
#include "participa/components/workshops/workshops.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/v1/workshops.pb.h"

namespace participa::io::detail {
namespace {

namespace ws = participa::components::workshops;

void put_item(StickyId sticky, ClusterId cluster, v1::WorkshopItem& out) {
  out.set_sticky(id_bytes(sticky));
  out.set_cluster(id_bytes(cluster));
}

absl::Status get_item(const v1::WorkshopItem& in, StickyId& sticky, ClusterId& cluster) {
  PARTICIPA_RETURN_IF_ERROR(read_id(in.sticky(), sticky, "sticky"));
  return read_id(in.cluster(), cluster, "cluster");
}

void put_board_added(const ws::BoardAdded& e, v1::WorkshopBoardAdded& out) {
  out.set_board(id_bytes(e.board));
  out.set_title(e.title);
  out.set_board_template(std::string(name_of(ws::kBoardTemplateNames, e.board_template)));
  for (const ws::Column& column : e.columns) {
    v1::WorkshopColumn& m = *out.add_columns();
    m.set_column(id_bytes(column.id));
    m.set_title(column.title);
  }
  put_ids(e.facilitators, out.mutable_facilitators());
  out.set_anonymous(e.anonymous);
  out.set_private_writing(e.private_writing);
  out.set_hidden_dots(e.hidden_dots);
  out.set_dots(e.dots);
  out.set_max_dots_per_item(e.max_dots_per_item);
}

absl::StatusOr<ws::BoardAdded> get_board_added(const v1::WorkshopBoardAdded& in) {
  ws::BoardAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.board(), out.board, "board"));
  out.title = in.title();
  PARTICIPA_RETURN_IF_ERROR(
      read_name(in.board_template(), out.board_template, ws::kBoardTemplateNames, "template"));
  for (const v1::WorkshopColumn& m : in.columns()) {
    ws::Column& column = out.columns.emplace_back();
    PARTICIPA_RETURN_IF_ERROR(read_id(m.column(), column.id, "column"));
    column.title = m.title();
  }
  PARTICIPA_RETURN_IF_ERROR(read_ids(in.facilitators(), out.facilitators, "facilitator"));
  out.anonymous = in.anonymous();
  out.private_writing = in.private_writing();
  out.hidden_dots = in.hidden_dots();
  out.dots = in.dots();
  out.max_dots_per_item = in.max_dots_per_item();
  return out;
}

void put_column_change(BoardId board, ColumnId column, const std::string& title,
                       std::size_t position, v1::WorkshopColumnChange& out) {
  out.set_board(id_bytes(board));
  out.set_column(id_bytes(column));
  out.set_title(title);
  out.set_position(position);
}

void put_sticky(BoardId board, StickyId sticky, ColumnId column, const std::string& text,
                const std::string& colour, std::int32_t x, std::int32_t y,
                v1::WorkshopSticky& out) {
  out.set_board(id_bytes(board));
  out.set_sticky(id_bytes(sticky));
  out.set_column(id_bytes(column));
  out.set_text(text);
  out.set_colour(colour);
  out.set_x(x);
  out.set_y(y);
}

void put_cluster(BoardId board, ClusterId cluster, const std::string& title,
                 const std::vector<StickyId>& stickies, const std::vector<ClusterId>& from,
                 v1::WorkshopCluster& out) {
  out.set_board(id_bytes(board));
  out.set_cluster(id_bytes(cluster));
  out.set_title(title);
  put_ids(stickies, out.mutable_stickies());
  put_ids(from, out.mutable_from());
}

void put_stage(BoardId board, ws::Stage stage, std::optional<absl::Time> ends,
               v1::WorkshopStageSet& out) {
  out.set_board(id_bytes(board));
  out.set_stage(std::string(name_of(ws::kStageNames, stage)));
  if (ends) out.set_ends(micros(*ends));
}

absl::Status get_stage(const v1::WorkshopStageSet& in, ws::Stage& stage,
                       std::optional<absl::Time>& ends) {
  PARTICIPA_RETURN_IF_ERROR(read_name(in.stage(), stage, ws::kStageNames, "stage"));
  ends.reset();
  if (in.has_ends()) ends = from_micros(in.ends());
  return absl::OkStatus();
}

void put_action_item(BoardId board, const ws::ActionItem& item, v1::WorkshopActionItem& out) {
  out.set_board(id_bytes(board));
  out.set_item(id_bytes(item.id));
  out.set_text(item.text);
  out.set_owner(id_bytes(item.owner));
  put_item(item.sticky, item.cluster, *out.mutable_source());
  out.set_done(item.done);
}

absl::StatusOr<ws::ActionItem> get_action_item(const v1::WorkshopActionItem& in, BoardId& board) {
  ws::ActionItem item;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.board(), board, "board"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.item(), item.id, "action item"));
  item.text = in.text();
  PARTICIPA_RETURN_IF_ERROR(read_id(in.owner(), item.owner, "owner"));
  PARTICIPA_RETURN_IF_ERROR(get_item(in.source(), item.sticky, item.cluster));
  item.done = in.done();
  return item;
}

void put_link(const ws::ProposalLink& link, v1::WorkshopProposalLink& out) {
  out.set_proposals(id_bytes(link.proposals));
  out.set_proposal(id_bytes(link.proposal));
}

absl::StatusOr<ws::ProposalLink> get_link(const v1::WorkshopProposalLink& in) {
  ws::ProposalLink link;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.proposals(), link.proposals, "proposals component"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.proposal(), link.proposal, "proposal"));
  return link;
}

absl::StatusOr<std::string> encode_payload(const std::any& payload) {
  const auto& p = std::any_cast<const ws::Payload&>(payload);
  v1::WorkshopsEvent m;
  std::visit(
      Overloaded{
          [&](const ws::BoardAdded& e) { put_board_added(e, *m.mutable_board_added()); },
          [&](const ws::ColumnAdded& e) {
            put_column_change(e.board, e.column, e.title, 0, *m.mutable_column_added());
          },
          [&](const ws::ColumnRenamed& e) {
            put_column_change(e.board, e.column, e.title, 0, *m.mutable_column_renamed());
          },
          [&](const ws::ColumnMoved& e) {
            put_column_change(e.board, e.column, {}, e.position, *m.mutable_column_moved());
          },
          [&](const ws::StickyWritten& e) {
            put_sticky(e.board, e.sticky, e.column, e.text, e.colour, e.x, e.y,
                       *m.mutable_sticky_written());
          },
          [&](const ws::StickyEdited& e) {
            put_sticky(e.board, e.sticky, {}, e.text, e.colour, 0, 0, *m.mutable_sticky_edited());
          },
          [&](const ws::StickyMoved& e) {
            put_sticky(e.board, e.sticky, e.column, {}, {}, e.x, e.y, *m.mutable_sticky_moved());
          },
          [&](const ws::StickyRemoved& e) {
            put_sticky(e.board, e.sticky, {}, {}, {}, 0, 0, *m.mutable_sticky_removed());
          },
          [&](const ws::ClusterFormed& e) {
            put_cluster(e.board, e.cluster, e.title, e.stickies, {}, *m.mutable_cluster_formed());
          },
          [&](const ws::ClusterRenamed& e) {
            put_cluster(e.board, e.cluster, e.title, {}, {}, *m.mutable_cluster_renamed());
          },
          [&](const ws::ClustersMerged& e) {
            put_cluster(e.board, e.into, {}, {}, e.from, *m.mutable_clusters_merged());
          },
          [&](const ws::StickiesUnclustered& e) {
            put_cluster(e.board, {}, {}, e.stickies, {}, *m.mutable_stickies_unclustered());
          },
          [&](const ws::DotsPlaced& e) {
            auto* out = m.mutable_dots_placed();
            out->set_board(id_bytes(e.board));
            put_item(e.sticky, e.cluster, *out->mutable_item());
            out->set_dots(e.dots);
          },
          [&](const ws::BoardRevealed& e) {
            auto* out = m.mutable_board_revealed();
            out->set_board(id_bytes(e.board));
            out->set_stickies(e.stickies);
            out->set_dots(e.dots);
          },
          [&](const ws::StageSet& e) {
            put_stage(e.board, e.stage, e.ends, *m.mutable_stage_set());
          },
          [&](const ws::BoardLocked& e) {
            auto* out = m.mutable_board_locked();
            out->set_board(id_bytes(e.board));
            out->set_locked(e.locked);
          },
          [&](const ws::ActionItemAdded& e) {
            put_action_item(e.board, {e.item, e.text, e.owner, e.sticky, e.cluster, false},
                            *m.mutable_action_item_added());
          },
          [&](const ws::ActionItemDone& e) {
            put_action_item(e.board, {.id = e.item, .done = e.done}, *m.mutable_action_item_done());
          },
          [&](const ws::StickyPromoted& e) {
            auto* out = m.mutable_sticky_promoted();
            out->set_board(id_bytes(e.board));
            put_item(e.sticky, e.cluster, *out->mutable_item());
            out->set_proposals(id_bytes(e.proposals));
            out->set_proposal(id_bytes(e.proposal));
          },
      },
      p);
  return deterministic_bytes(m);
}

std::any wrapped(ws::Payload event) { return std::any(std::move(event)); }

template <class Event>
absl::Status read_column_change(const v1::WorkshopColumnChange& in, Event& out) {
  PARTICIPA_RETURN_IF_ERROR(read_id(in.board(), out.board, "board"));
  return read_id(in.column(), out.column, "column");
}

template <class Event>
absl::Status read_sticky(const v1::WorkshopSticky& in, Event& out) {
  PARTICIPA_RETURN_IF_ERROR(read_id(in.board(), out.board, "board"));
  return read_id(in.sticky(), out.sticky, "sticky");
}

// One function per kind of workshops event reads its payload from the message.
absl::StatusOr<std::any> read_board_added(const v1::WorkshopsEvent& m) {
  PARTICIPA_ASSIGN_OR_RETURN(ws::BoardAdded out, get_board_added(m.board_added()));
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_column_added(const v1::WorkshopsEvent& m) {
  ws::ColumnAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_column_change(m.column_added(), out));
  out.title = m.column_added().title();
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_column_renamed(const v1::WorkshopsEvent& m) {
  ws::ColumnRenamed out;
  PARTICIPA_RETURN_IF_ERROR(read_column_change(m.column_renamed(), out));
  out.title = m.column_renamed().title();
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_column_moved(const v1::WorkshopsEvent& m) {
  ws::ColumnMoved out;
  PARTICIPA_RETURN_IF_ERROR(read_column_change(m.column_moved(), out));
  out.position = m.column_moved().position();
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_sticky_written(const v1::WorkshopsEvent& m) {
  const auto& in = m.sticky_written();
  ws::StickyWritten out;
  PARTICIPA_RETURN_IF_ERROR(read_sticky(in, out));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.column(), out.column, "column"));
  out.text = in.text();
  out.colour = in.colour();
  out.x = in.x();
  out.y = in.y();
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_sticky_edited(const v1::WorkshopsEvent& m) {
  const auto& in = m.sticky_edited();
  ws::StickyEdited out;
  PARTICIPA_RETURN_IF_ERROR(read_sticky(in, out));
  out.text = in.text();
  out.colour = in.colour();
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_sticky_moved(const v1::WorkshopsEvent& m) {
  const auto& in = m.sticky_moved();
  ws::StickyMoved out;
  PARTICIPA_RETURN_IF_ERROR(read_sticky(in, out));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.column(), out.column, "column"));
  out.x = in.x();
  out.y = in.y();
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_sticky_removed(const v1::WorkshopsEvent& m) {
  ws::StickyRemoved out;
  PARTICIPA_RETURN_IF_ERROR(read_sticky(m.sticky_removed(), out));
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_cluster_formed(const v1::WorkshopsEvent& m) {
  const auto& in = m.cluster_formed();
  ws::ClusterFormed out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.board(), out.board, "board"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.cluster(), out.cluster, "cluster"));
  out.title = in.title();
  PARTICIPA_RETURN_IF_ERROR(read_ids(in.stickies(), out.stickies, "sticky"));
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_cluster_renamed(const v1::WorkshopsEvent& m) {
  const auto& in = m.cluster_renamed();
  ws::ClusterRenamed out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.board(), out.board, "board"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.cluster(), out.cluster, "cluster"));
  out.title = in.title();
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_clusters_merged(const v1::WorkshopsEvent& m) {
  const auto& in = m.clusters_merged();
  ws::ClustersMerged out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.board(), out.board, "board"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.cluster(), out.into, "cluster"));
  PARTICIPA_RETURN_IF_ERROR(read_ids(in.from(), out.from, "cluster"));
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_stickies_unclustered(const v1::WorkshopsEvent& m) {
  const auto& in = m.stickies_unclustered();
  ws::StickiesUnclustered out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.board(), out.board, "board"));
  PARTICIPA_RETURN_IF_ERROR(read_ids(in.stickies(), out.stickies, "sticky"));
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_dots_placed(const v1::WorkshopsEvent& m) {
  const auto& in = m.dots_placed();
  ws::DotsPlaced out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.board(), out.board, "board"));
  PARTICIPA_RETURN_IF_ERROR(get_item(in.item(), out.sticky, out.cluster));
  out.dots = in.dots();
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_board_revealed(const v1::WorkshopsEvent& m) {
  const auto& in = m.board_revealed();
  ws::BoardRevealed out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.board(), out.board, "board"));
  out.stickies = in.stickies();
  out.dots = in.dots();
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_stage_set(const v1::WorkshopsEvent& m) {
  ws::StageSet out;
  PARTICIPA_RETURN_IF_ERROR(read_id(m.stage_set().board(), out.board, "board"));
  PARTICIPA_RETURN_IF_ERROR(get_stage(m.stage_set(), out.stage, out.ends));
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_board_locked(const v1::WorkshopsEvent& m) {
  ws::BoardLocked out;
  PARTICIPA_RETURN_IF_ERROR(read_id(m.board_locked().board(), out.board, "board"));
  out.locked = m.board_locked().locked();
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_action_item_added(const v1::WorkshopsEvent& m) {
  ws::ActionItemAdded out;
  PARTICIPA_ASSIGN_OR_RETURN(ws::ActionItem item,
                             get_action_item(m.action_item_added(), out.board));
  out.item = item.id;
  out.text = std::move(item.text);
  out.owner = item.owner;
  out.sticky = item.sticky;
  out.cluster = item.cluster;
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_action_item_done(const v1::WorkshopsEvent& m) {
  ws::ActionItemDone out;
  PARTICIPA_ASSIGN_OR_RETURN(ws::ActionItem item, get_action_item(m.action_item_done(), out.board));
  out.item = item.id;
  out.done = item.done;
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_sticky_promoted(const v1::WorkshopsEvent& m) {
  const auto& in = m.sticky_promoted();
  ws::StickyPromoted out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.board(), out.board, "board"));
  PARTICIPA_RETURN_IF_ERROR(get_item(in.item(), out.sticky, out.cluster));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.proposals(), out.proposals, "proposals component"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.proposal(), out.proposal, "proposal"));
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> decode_payload(std::string_view bytes) {
  v1::WorkshopsEvent m;
  if (!m.ParseFromString(std::string(bytes))) {
    return absl::DataLossError("the workshops payload does not parse");
  }
  switch (m.event_case()) {
    case v1::WorkshopsEvent::kBoardAdded:
      return read_board_added(m);
    case v1::WorkshopsEvent::kColumnAdded:
      return read_column_added(m);
    case v1::WorkshopsEvent::kColumnRenamed:
      return read_column_renamed(m);
    case v1::WorkshopsEvent::kColumnMoved:
      return read_column_moved(m);
    case v1::WorkshopsEvent::kStickyWritten:
      return read_sticky_written(m);
    case v1::WorkshopsEvent::kStickyEdited:
      return read_sticky_edited(m);
    case v1::WorkshopsEvent::kStickyMoved:
      return read_sticky_moved(m);
    case v1::WorkshopsEvent::kStickyRemoved:
      return read_sticky_removed(m);
    case v1::WorkshopsEvent::kClusterFormed:
      return read_cluster_formed(m);
    case v1::WorkshopsEvent::kClusterRenamed:
      return read_cluster_renamed(m);
    case v1::WorkshopsEvent::kClustersMerged:
      return read_clusters_merged(m);
    case v1::WorkshopsEvent::kStickiesUnclustered:
      return read_stickies_unclustered(m);
    case v1::WorkshopsEvent::kDotsPlaced:
      return read_dots_placed(m);
    case v1::WorkshopsEvent::kBoardRevealed:
      return read_board_revealed(m);
    case v1::WorkshopsEvent::kStageSet:
      return read_stage_set(m);
    case v1::WorkshopsEvent::kBoardLocked:
      return read_board_locked(m);
    case v1::WorkshopsEvent::kActionItemAdded:
      return read_action_item_added(m);
    case v1::WorkshopsEvent::kActionItemDone:
      return read_action_item_done(m);
    case v1::WorkshopsEvent::kStickyPromoted:
      return read_sticky_promoted(m);
    default:
      return absl::DataLossError("the workshops payload holds no known event");
  }
}

absl::StatusOr<std::string> encode_state(const std::any& value) {
  const auto& state = std::any_cast<const ws::State&>(value);
  v1::WorkshopsState m;
  if (state.added.size() != state.boards.size()) {
    return absl::InvalidArgumentError("the workshops state lists its boards inconsistently");
  }
  for (BoardId id : state.added) {
    auto found = state.boards.find(id);
    if (found == state.boards.end()) {
      return absl::InvalidArgumentError("the workshops state lists a board it does not hold");
    }
    const ws::Board& b = found->second;
    if (b.written.size() != b.stickies.size() || b.formed.size() != b.clusters.size() ||
        b.items_added.size() != b.action_items.size()) {
      return absl::InvalidArgumentError(
          "a board of the workshops state lists its parts "
          "inconsistently");
    }
    v1::WorkshopBoardState& out = *m.add_boards();
    ws::BoardAdded added;
    added.board = b.id;
    added.title = b.title;
    added.board_template = b.board_template;
    added.columns = b.columns;
    added.facilitators = b.facilitators;
    added.anonymous = b.anonymous;
    added.private_writing = b.private_writing;
    added.hidden_dots = b.hidden_dots;
    added.dots = b.dots;
    added.max_dots_per_item = b.max_dots_per_item;
    put_board_added(added, *out.mutable_board());
    put_stage(b.id, b.stage, b.stage_ends, *out.mutable_stage());
    out.set_locked(b.locked);
    out.set_stickies_revealed(b.stickies_revealed);
    out.set_dots_revealed(b.dots_revealed);
    for (StickyId sid : b.written) {
      const ws::Sticky& s = b.stickies.at(sid);
      v1::WorkshopStickyState& sm = *out.add_stickies();
      put_sticky(b.id, s.id, s.column, s.text, s.colour, s.x, s.y, *sm.mutable_sticky());
      sm.set_cluster(id_bytes(s.cluster));
      sm.set_author(id_bytes(s.author));
      sm.set_typed_by(id_bytes(s.typed_by));
      sm.set_channel(static_cast<std::uint32_t>(s.channel));
      sm.set_written_at(micros(s.written_at));
      if (s.promoted) put_link(*s.promoted, *sm.mutable_promoted());
    }
    for (ClusterId cid : b.formed) {
      const ws::Cluster& c = b.clusters.at(cid);
      v1::WorkshopClusterState& cm = *out.add_clusters();
      cm.set_cluster(id_bytes(c.id));
      cm.set_title(c.title);
      if (c.promoted) put_link(*c.promoted, *cm.mutable_promoted());
    }
    for (const auto& [who, placed] : b.dots_placed) {
      for (const auto& [item, dots] : placed) {
        v1::WorkshopDots& dm = *out.add_dots();
        dm.set_participant(id_bytes(who));
        put_item(item.sticky, item.cluster, *dm.mutable_item());
        dm.set_dots(dots);
      }
    }
    for (ActionItemId iid : b.items_added) {
      put_action_item(b.id, b.action_items.at(iid), *out.add_action_items());
    }
  }
  return deterministic_bytes(m);
}

absl::StatusOr<ws::Board> get_board(const v1::WorkshopBoardState& in) {
  PARTICIPA_ASSIGN_OR_RETURN(ws::BoardAdded added, get_board_added(in.board()));
  ws::Board b = ws::Board::from_added(added);
  PARTICIPA_RETURN_IF_ERROR(get_stage(in.stage(), b.stage, b.stage_ends));
  b.locked = in.locked();
  b.stickies_revealed = in.stickies_revealed();
  b.dots_revealed = in.dots_revealed();
  for (const v1::WorkshopStickyState& sm : in.stickies()) {
    ws::Sticky s;
    const v1::WorkshopSticky& body = sm.sticky();
    PARTICIPA_RETURN_IF_ERROR(read_id(body.sticky(), s.id, "sticky"));
    PARTICIPA_RETURN_IF_ERROR(read_id(body.column(), s.column, "column"));
    s.text = body.text();
    s.colour = body.colour();
    s.x = body.x();
    s.y = body.y();
    PARTICIPA_RETURN_IF_ERROR(read_id(sm.cluster(), s.cluster, "cluster"));
    PARTICIPA_RETURN_IF_ERROR(read_id(sm.author(), s.author, "author"));
    PARTICIPA_RETURN_IF_ERROR(read_id(sm.typed_by(), s.typed_by, "typist"));
    PARTICIPA_RETURN_IF_ERROR(read_enum(sm.channel(), s.channel, space::kChannelNames, "channel"));
    s.written_at = from_micros(sm.written_at());
    if (sm.has_promoted()) {
      PARTICIPA_ASSIGN_OR_RETURN(s.promoted, get_link(sm.promoted()));
    }
    b.written.push_back(s.id);
    StickyId id = s.id;
    if (!b.stickies.emplace(id, std::move(s)).second) {
      return absl::DataLossError("the workshops state holds a sticky twice");
    }
  }
  for (const v1::WorkshopClusterState& cm : in.clusters()) {
    ws::Cluster c;
    PARTICIPA_RETURN_IF_ERROR(read_id(cm.cluster(), c.id, "cluster"));
    c.title = cm.title();
    if (cm.has_promoted()) {
      PARTICIPA_ASSIGN_OR_RETURN(c.promoted, get_link(cm.promoted()));
    }
    b.formed.push_back(c.id);
    ClusterId id = c.id;
    if (!b.clusters.emplace(id, std::move(c)).second) {
      return absl::DataLossError("the workshops state holds a cluster twice");
    }
  }
  for (const auto& [id, s] : b.stickies) {
    if (!s.cluster.is_nil() && !b.clusters.contains(s.cluster)) {
      return absl::DataLossError("a sticky of the workshops state lies in no known cluster");
    }
  }
  for (const v1::WorkshopDots& dm : in.dots()) {
    ParticipantId who;
    ws::Item item;
    PARTICIPA_RETURN_IF_ERROR(read_id(dm.participant(), who, "participant"));
    PARTICIPA_RETURN_IF_ERROR(get_item(dm.item(), item.sticky, item.cluster));
    if (dm.dots() <= 0 || !b.dots_placed[who].emplace(item, dm.dots()).second) {
      return absl::DataLossError("the workshops state holds dots that cannot be");
    }
  }
  for (const v1::WorkshopActionItem& im : in.action_items()) {
    BoardId board;
    PARTICIPA_ASSIGN_OR_RETURN(ws::ActionItem item, get_action_item(im, board));
    b.items_added.push_back(item.id);
    ActionItemId id = item.id;
    if (!b.action_items.emplace(id, std::move(item)).second) {
      return absl::DataLossError("the workshops state holds an action item twice");
    }
  }
  return b;
}

absl::StatusOr<std::any> decode_state(std::string_view bytes) {
  v1::WorkshopsState m;
  if (!m.ParseFromString(std::string(bytes))) {
    return absl::DataLossError("the workshops state does not parse");
  }
  ws::State state;
  for (const v1::WorkshopBoardState& in : m.boards()) {
    PARTICIPA_ASSIGN_OR_RETURN(ws::Board board, get_board(in));
    state.added.push_back(board.id);
    BoardId id = board.id;
    if (!state.boards.emplace(id, std::move(board)).second) {
      return absl::DataLossError("the workshops state names a board twice");
    }
  }
  return std::any(std::move(state));
}

}  // namespace

ComponentCodec workshops_payload_codec() {
  return ComponentCodec{"type.googleapis.com/participa.v1.WorkshopsEvent", typeid(ws::Payload),
                        encode_payload, decode_payload};
}

StateCodec workshops_state_codec() {
  return StateCodec{"type.googleapis.com/participa.v1.WorkshopsState", typeid(ws::State),
                    encode_state, decode_state};
}

}  // namespace participa::io::detail
