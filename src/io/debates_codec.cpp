#include "io/component_codecs.hpp"

#include "io/record_fields.hpp"
#include "participa/components/debates/debates.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/v1/debates.pb.h"

namespace participa::io::detail {
namespace {

namespace db = participa::components::debates;

void put_opened(const db::DebateOpened& e, v1::DebateOpened& out) {
  out.set_debate(id_bytes(e.debate));
  out.set_title(e.title);
  out.set_description(e.description);
  if (e.starts_at) out.set_starts_at(micros(*e.starts_at));
  if (e.ends_at) out.set_ends_at(micros(*e.ends_at));
  out.set_official(e.official);
}

absl::StatusOr<db::DebateOpened> get_opened(const v1::DebateOpened& in) {
  db::DebateOpened out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.debate(), out.debate, "debate"));
  out.title = in.title();
  out.description = in.description();
  if (in.has_starts_at()) out.starts_at = from_micros(in.starts_at());
  if (in.has_ends_at()) out.ends_at = from_micros(in.ends_at());
  out.official = in.official();
  return out;
}

absl::StatusOr<std::string> encode_payload(const std::any& payload) {
  const auto& p = std::any_cast<const db::Payload&>(payload);
  v1::DebatesEvent m;
  std::visit(Overloaded{
                 [&](const db::DebateOpened& e) { put_opened(e, *m.mutable_opened()); },
                 [&](const db::DebateCommented& e) {
                   auto* out = m.mutable_commented();
                   out->set_debate(id_bytes(e.debate));
                   out->set_comment(id_bytes(e.comment));
                   out->set_body(e.body);
                 },
                 [&](const db::DebateClosed& e) {
                   auto* out = m.mutable_closed();
                   out->set_debate(id_bytes(e.debate));
                   out->set_conclusions(e.conclusions);
                 },
             },
             p);
  return deterministic_bytes(m);
}

absl::StatusOr<db::Payload> get_payload(const v1::DebatesEvent& m) {
  switch (m.event_case()) {
    case v1::DebatesEvent::kOpened: {
      PARTICIPA_ASSIGN_OR_RETURN(db::DebateOpened opened, get_opened(m.opened()));
      return opened;
    }
    case v1::DebatesEvent::kCommented: {
      db::DebateCommented out;
      PARTICIPA_RETURN_IF_ERROR(read_id(m.commented().debate(), out.debate, "debate"));
      PARTICIPA_RETURN_IF_ERROR(read_id(m.commented().comment(), out.comment, "comment"));
      out.body = m.commented().body();
      return out;
    }
    case v1::DebatesEvent::kClosed: {
      db::DebateClosed out;
      PARTICIPA_RETURN_IF_ERROR(read_id(m.closed().debate(), out.debate, "debate"));
      out.conclusions = m.closed().conclusions();
      return out;
    }
    case v1::DebatesEvent::EVENT_NOT_SET:
      break;
  }
  return absl::DataLossError("the debates payload holds no known event");
}

absl::StatusOr<std::any> decode_payload(std::string_view bytes) {
  v1::DebatesEvent m;
  if (!m.ParseFromString(std::string(bytes))) {
    return absl::DataLossError("the debates payload does not parse");
  }
  PARTICIPA_ASSIGN_OR_RETURN(db::Payload payload, get_payload(m));
  return std::any(std::move(payload));
}

absl::StatusOr<std::string> encode_state(const std::any& value) {
  const auto& state = std::any_cast<const db::State&>(value);
  if (state.added.size() != state.debates.size()) {
    return absl::InvalidArgumentError("the debates state lists its debates inconsistently");
  }
  v1::DebatesState m;
  for (DebateId id : state.added) {
    auto found = state.debates.find(id);
    if (found == state.debates.end()) {
      return absl::InvalidArgumentError("the debates state lists one it does not hold");
    }
    const db::Debate& debate = found->second;
    v1::DebateState& out = *m.add_debates();
    put_opened(debate.opened, *out.mutable_opened());
    out.set_author(id_bytes(debate.author));
    for (const db::Comment& comment : debate.comments) {
      v1::DebateComment& c = *out.add_comments();
      c.set_comment(id_bytes(comment.id));
      c.set_author(id_bytes(comment.author));
      c.set_body(comment.body);
      c.set_at(micros(comment.at));
    }
    if (debate.conclusions) out.set_conclusions(*debate.conclusions);
    if (debate.closed_at) out.set_closed_at(micros(*debate.closed_at));
  }
  return deterministic_bytes(m);
}

absl::StatusOr<std::any> decode_state(std::string_view bytes) {
  v1::DebatesState m;
  if (!m.ParseFromString(std::string(bytes))) {
    return absl::DataLossError("the debates state does not parse");
  }
  db::State state;
  for (const v1::DebateState& in : m.debates()) {
    db::Debate debate;
    PARTICIPA_ASSIGN_OR_RETURN(debate.opened, get_opened(in.opened()));
    PARTICIPA_RETURN_IF_ERROR(read_id(in.author(), debate.author, "author"));
    for (const v1::DebateComment& c : in.comments()) {
      db::Comment comment;
      PARTICIPA_RETURN_IF_ERROR(read_id(c.comment(), comment.id, "comment"));
      PARTICIPA_RETURN_IF_ERROR(read_id(c.author(), comment.author, "comment author"));
      comment.body = c.body();
      comment.at = from_micros(c.at());
      debate.comments.push_back(std::move(comment));
    }
    if (in.has_conclusions()) debate.conclusions = in.conclusions();
    if (in.has_closed_at()) debate.closed_at = from_micros(in.closed_at());
    const DebateId id = debate.opened.debate;
    if (!state.debates.emplace(id, std::move(debate)).second) {
      return absl::DataLossError("the debates state names a debate twice");
    }
    state.added.push_back(id);
  }
  return std::any(std::move(state));
}

}  // namespace

ComponentCodec debates_payload_codec() {
  return ComponentCodec{"type.googleapis.com/participa.v1.DebatesEvent", typeid(db::Payload),
                        encode_payload, decode_payload};
}

StateCodec debates_state_codec() {
  return StateCodec{"type.googleapis.com/participa.v1.DebatesState", typeid(db::State),
                    encode_state, decode_state};
}

}  // namespace participa::io::detail
