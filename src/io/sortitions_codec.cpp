#include "io/component_codecs.hpp"

#include "io/record_fields.hpp"
#include "participa/components/sortitions/sortitions.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/v1/sortitions.pb.h"

namespace participa::io::detail {
namespace {

namespace so = participa::components::sortitions;

void put_drawn(const so::SortitionDrawn& e, v1::SortitionDrawn& out) {
  out.set_sortition(id_bytes(e.sortition));
  out.set_title(e.title);
  out.set_proposals(id_bytes(e.proposals));
  out.set_target_items(e.target_items);
  out.set_dice(e.dice);
  out.set_beacon(e.beacon);
  if (e.requested_at != absl::InfinitePast()) out.set_requested_at(micros(e.requested_at));
  put_ids(e.candidates, out.mutable_candidates());
  out.set_seed(digest_bytes(e.seed));
  put_ids(e.selected, out.mutable_selected());
}

absl::StatusOr<so::SortitionDrawn> get_drawn(const v1::SortitionDrawn& in) {
  so::SortitionDrawn out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.sortition(), out.sortition, "sortition"));
  out.title = in.title();
  PARTICIPA_RETURN_IF_ERROR(read_id(in.proposals(), out.proposals, "proposals component"));
  out.target_items = in.target_items();
  out.dice = in.dice();
  out.beacon = in.beacon();
  if (in.has_requested_at()) out.requested_at = from_micros(in.requested_at());
  PARTICIPA_RETURN_IF_ERROR(read_ids(in.candidates(), out.candidates, "candidate"));
  PARTICIPA_RETURN_IF_ERROR(read_digest(in.seed(), out.seed, "seed"));
  PARTICIPA_RETURN_IF_ERROR(read_ids(in.selected(), out.selected, "selected proposal"));
  return out;
}

absl::StatusOr<std::string> encode_payload(const std::any& payload) {
  v1::SortitionsEvent m;
  put_drawn(std::get<so::SortitionDrawn>(std::any_cast<const so::Payload&>(payload)),
            *m.mutable_drawn());
  return deterministic_bytes(m);
}

absl::StatusOr<std::any> decode_payload(std::string_view bytes) {
  v1::SortitionsEvent m;
  if (!m.ParseFromString(std::string(bytes)) || !m.has_drawn()) {
    return absl::DataLossError("the sortitions payload does not parse");
  }
  PARTICIPA_ASSIGN_OR_RETURN(so::SortitionDrawn drawn, get_drawn(m.drawn()));
  return std::any(so::Payload(std::move(drawn)));
}

absl::StatusOr<std::string> encode_state(const std::any& value) {
  const auto& state = std::any_cast<const so::State&>(value);
  if (state.added.size() != state.sortitions.size()) {
    return absl::InvalidArgumentError("the sortitions state lists its sortitions inconsistently");
  }
  v1::SortitionsState m;
  for (SortitionId id : state.added) {
    auto found = state.sortitions.find(id);
    if (found == state.sortitions.end()) {
      return absl::InvalidArgumentError("the sortitions state lists one it does not hold");
    }
    v1::SortitionState& out = *m.add_sortitions();
    put_drawn(found->second.draw, *out.mutable_draw());
    out.set_drawn_by(id_bytes(found->second.drawn_by));
  }
  return deterministic_bytes(m);
}

absl::StatusOr<std::any> decode_state(std::string_view bytes) {
  v1::SortitionsState m;
  if (!m.ParseFromString(std::string(bytes))) {
    return absl::DataLossError("the sortitions state does not parse");
  }
  so::State state;
  for (const v1::SortitionState& in : m.sortitions()) {
    so::Sortition sortition;
    PARTICIPA_ASSIGN_OR_RETURN(sortition.draw, get_drawn(in.draw()));
    PARTICIPA_RETURN_IF_ERROR(read_id(in.drawn_by(), sortition.drawn_by, "drawn by"));
    const SortitionId id = sortition.draw.sortition;
    if (!state.sortitions.emplace(id, std::move(sortition)).second) {
      return absl::DataLossError("the sortitions state names a sortition twice");
    }
    state.added.push_back(id);
  }
  return std::any(std::move(state));
}

}  // namespace

ComponentCodec sortitions_payload_codec() {
  return ComponentCodec{"type.googleapis.com/participa.v1.SortitionsEvent", typeid(so::Payload),
                        encode_payload, decode_payload};
}

StateCodec sortitions_state_codec() {
  return StateCodec{"type.googleapis.com/participa.v1.SortitionsState", typeid(so::State),
                    encode_state, decode_state};
}

}  // namespace participa::io::detail
