// src/io/component_codecs.hpp — the payload and state codecs of the built-in component kinds
// beside proposals (whose codecs live in record.cpp and snapshot.cpp).
#pragma once

#include "participa/io/record.hpp"
#include "participa/io/snapshot.hpp"

namespace participa::io::detail {

ComponentCodec surveys_payload_codec();
StateCodec surveys_state_codec();
ComponentCodec budgets_payload_codec();
StateCodec budgets_state_codec();
ComponentCodec elections_payload_codec();
StateCodec elections_state_codec();
ComponentCodec workshops_payload_codec();
StateCodec workshops_state_codec();
ComponentCodec sortitions_payload_codec();
StateCodec sortitions_state_codec();
ComponentCodec meetings_payload_codec();
StateCodec meetings_state_codec();
ComponentCodec debates_payload_codec();
StateCodec debates_state_codec();
ComponentCodec accountability_payload_codec();
StateCodec accountability_state_codec();

}  // namespace participa::io::detail
