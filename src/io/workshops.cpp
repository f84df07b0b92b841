#include "participa/io/workshops.hpp"

#include <map>

#include <boost/json.hpp>

#include "absl/time/time.h"
#include "io/text.hpp"
#include "participa/core/overloaded.hpp"
#include "participa/io/json.hpp"

namespace participa::io {
namespace {

namespace ws = participa::components::workshops;

template <class Tag>
boost::json::value id_json(Id<Tag> id) {
  if (id.is_nil()) return nullptr;
  return boost::json::value(id.to_string());
}

boost::json::value name_json(const space::Organization& organization, ParticipantId who) {
  const space::Participant* participant = organization.participant(who);
  if (participant == nullptr) return nullptr;
  return boost::json::value(participant->nickname);
}

boost::json::value time_json(std::optional<absl::Time> time) {
  if (!time) return nullptr;
  return boost::json::value(absl::FormatTime(absl::RFC3339_full, *time, absl::UTCTimeZone()));
}

template <class T>
boost::json::value optional_json(const std::optional<T>& value) {
  if (!value) return nullptr;
  return boost::json::value(*value);
}

boost::json::value link_json(const std::optional<ws::ProposalLink>& link) {
  if (!link) return nullptr;
  return boost::json::object{{"component", link->proposals.to_string()},
                             {"proposal", link->proposal.to_string()}};
}

std::string channel_name(space::Channel channel) {
  return std::string(name_of(space::kChannelNames, channel));
}

boost::json::object view_json(const ws::BoardView& view, const space::Organization& organization) {
  boost::json::object root;
  root["kind"] = "workshop-board";
  root["board"] = view.id.to_string();
  root["title"] = view.title;
  root["stage"] = std::string(name_of(ws::kStageNames, view.stage));
  root["stage_ends"] = time_json(view.stage_ends);
  root["locked"] = view.locked;
  root["anonymous"] = view.anonymous;
  root["stickies_revealed"] = view.stickies_revealed;
  root["dots_revealed"] = view.dots_revealed;
  root["facilitator"] = view.facilitator;
  root["dots"] = view.dots;
  root["dots_left"] = view.dots_left;
  root["max_dots_per_item"] = view.max_dots_per_item;
  boost::json::array columns;
  for (const ws::Column& column : view.columns) {
    columns.push_back(boost::json::object{{"id", column.id.to_string()}, {"title", column.title}});
  }
  root["columns"] = std::move(columns);
  boost::json::array stickies;
  for (const ws::StickyView& s : view.stickies) {
    boost::json::object out;
    out["id"] = s.id.to_string();
    out["column"] = s.column.to_string();
    out["cluster"] = id_json(s.cluster);
    out["withheld"] = s.withheld;
    out["mine"] = s.mine;
    out["text"] = s.text;
    out["colour"] = s.colour;
    out["x"] = s.x;
    out["y"] = s.y;
    out["author"] = id_json(s.author);
    out["author_name"] = name_json(organization, s.author);
    out["channel"] = channel_name(s.channel);
    out["my_dots"] = s.my_dots;
    out["dots"] = optional_json(s.dots);
    out["proposal"] = link_json(s.promoted);
    stickies.push_back(std::move(out));
  }
  root["stickies"] = std::move(stickies);
  boost::json::array clusters;
  for (const ws::ClusterView& c : view.clusters) {
    boost::json::array members;
    for (StickyId id : c.stickies) members.emplace_back(id.to_string());
    clusters.push_back(boost::json::object{{"id", c.id.to_string()},
                                           {"title", c.title},
                                           {"stickies", std::move(members)},
                                           {"my_dots", c.my_dots},
                                           {"dots", optional_json(c.dots)},
                                           {"proposal", link_json(c.promoted)}});
  }
  root["clusters"] = std::move(clusters);
  boost::json::array items;
  for (const ws::ActionItem& item : view.action_items) {
    items.push_back(boost::json::object{{"id", item.id.to_string()},
                                        {"text", item.text},
                                        {"owner", id_json(item.owner)},
                                        {"owner_name", name_json(organization, item.owner)},
                                        {"sticky", id_json(item.sticky)},
                                        {"cluster", id_json(item.cluster)},
                                        {"done", item.done}});
  }
  root["action_items"] = std::move(items);
  return root;
}

boost::json::array ids_json(const auto& ids) {
  boost::json::array out;
  for (auto id : ids) out.emplace_back(id.to_string());
  return out;
}

// One function per kind of workshop event writes its fields.
void put_fields(const ws::BoardAdded& p, boost::json::object& out) {
  out["title"] = p.title;
  out["dots"] = p.dots;
}

void put_fields(const ws::ColumnAdded& p, boost::json::object& out) {
  out["column"] = id_json(p.column);
  out["title"] = p.title;
}

void put_fields(const ws::ColumnRenamed& p, boost::json::object& out) {
  out["column"] = id_json(p.column);
  out["title"] = p.title;
}

void put_fields(const ws::ColumnMoved& p, boost::json::object& out) {
  out["column"] = id_json(p.column);
  out["position"] = p.position;
}

void put_fields(const ws::StickyWritten& p, boost::json::object& out) {
  out["sticky"] = id_json(p.sticky);
  out["column"] = id_json(p.column);
  out["text"] = p.text;
  out["colour"] = p.colour;
  out["x"] = p.x;
  out["y"] = p.y;
}

void put_fields(const ws::StickyEdited& p, boost::json::object& out) {
  out["sticky"] = id_json(p.sticky);
  out["text"] = p.text;
  out["colour"] = p.colour;
}

void put_fields(const ws::StickyMoved& p, boost::json::object& out) {
  out["sticky"] = id_json(p.sticky);
  out["column"] = id_json(p.column);
  out["x"] = p.x;
  out["y"] = p.y;
}

void put_fields(const ws::StickyRemoved& p, boost::json::object& out) {
  out["sticky"] = id_json(p.sticky);
}

void put_fields(const ws::ClusterFormed& p, boost::json::object& out) {
  out["cluster"] = id_json(p.cluster);
  out["title"] = p.title;
  out["stickies"] = ids_json(p.stickies);
}

void put_fields(const ws::ClusterRenamed& p, boost::json::object& out) {
  out["cluster"] = id_json(p.cluster);
  out["title"] = p.title;
}

void put_fields(const ws::ClustersMerged& p, boost::json::object& out) {
  out["into"] = id_json(p.into);
  out["from"] = ids_json(p.from);
}

void put_fields(const ws::StickiesUnclustered& p, boost::json::object& out) {
  out["stickies"] = ids_json(p.stickies);
}

void put_fields(const ws::DotsPlaced& p, boost::json::object& out) {
  out["sticky"] = id_json(p.sticky);
  out["cluster"] = id_json(p.cluster);
  out["dots"] = p.dots;
}

void put_fields(const ws::BoardRevealed& p, boost::json::object& out) {
  out["stickies"] = p.stickies;
  out["dots"] = p.dots;
}

void put_fields(const ws::StageSet& p, boost::json::object& out) {
  out["stage"] = std::string(name_of(ws::kStageNames, p.stage));
  out["ends"] = time_json(p.ends);
}

void put_fields(const ws::BoardLocked& p, boost::json::object& out) { out["locked"] = p.locked; }

void put_fields(const ws::ActionItemAdded& p, boost::json::object& out) {
  out["item"] = id_json(p.item);
  out["text"] = p.text;
  out["owner"] = id_json(p.owner);
}

void put_fields(const ws::ActionItemDone& p, boost::json::object& out) {
  out["item"] = id_json(p.item);
  out["done"] = p.done;
}

void put_fields(const ws::StickyPromoted& p, boost::json::object& out) {
  out["sticky"] = id_json(p.sticky);
  out["cluster"] = id_json(p.cluster);
  out["proposal"] = id_json(p.proposal);
}

// payload_json — the fields of an event's payload (as the feed left them).
boost::json::object payload_json(const ws::Payload& payload) {
  boost::json::object out;
  std::visit([&](const auto& p) { put_fields(p, out); }, payload);
  return out;
}

}  // namespace

std::string board_view_to_json(const ws::BoardView& view, const space::Organization& organization) {
  return boost::json::serialize(view_json(view, organization));
}

std::string board_view_to_csv(const ws::BoardView& view, const space::Organization& organization) {
  std::map<ColumnId, std::string> columns;
  for (const ws::Column& column : view.columns) columns[column.id] = column.title;
  std::map<ClusterId, std::string> clusters;
  for (const ws::ClusterView& cluster : view.clusters) clusters[cluster.id] = cluster.title;
  std::string out = "sticky,column,cluster,text,colour,author,channel,withheld,dots\n";
  for (const ws::StickyView& s : view.stickies) {
    const space::Participant* author = organization.participant(s.author);
    str_append(&out, s.id.to_string(), ",", csv_cell(columns[s.column]), ",",
               csv_cell(s.cluster.is_nil() ? std::string() : clusters[s.cluster]), ",",
               csv_cell(s.text), ",", s.colour, ",",
               csv_cell(author == nullptr ? std::string() : author->nickname), ",",
               channel_name(s.channel), ",", s.withheld ? "true" : "false", ",",
               s.dots ? std::to_string(*s.dots) : std::string(), "\n");
  }
  return out;
}

std::string feed_item_to_json(const ws::FeedItem& item, const space::Organization& organization) {
  boost::json::object root;
  root["sequence"] = item.sequence;
  root["time"] = time_json(item.time);
  root["name"] = item.name;
  root["actor"] = id_json(item.actor);
  root["actor_name"] = name_json(organization, item.actor);
  root["channel"] = channel_name(item.channel);
  root["payload"] = payload_json(item.payload);
  root["view"] = item.view ? boost::json::value(view_json(*item.view, organization))
                           : boost::json::value(nullptr);
  return boost::json::serialize(root);
}

std::string dot_results_to_json(const ws::DotResults& results) {
  boost::json::object root;
  root["kind"] = "dot-results";
  root["board"] = results.board.to_string();
  root["title"] = results.title;
  root["method"] = results.method;
  root["voters"] = results.voters;
  boost::json::array items;
  for (const ws::DotItemResult& item : results.items) {
    items.push_back(boost::json::object{{"label", item.label},
                                        {"sticky", id_json(item.item.sticky)},
                                        {"cluster", id_json(item.item.cluster)},
                                        {"dots", item.dots},
                                        {"voters", item.voters}});
  }
  root["items"] = std::move(items);
  root["count"] = results.count ? boost::json::parse(result_to_json(*results.count))
                                : boost::json::value(nullptr);
  return boost::json::serialize(root);
}

}  // namespace participa::io
