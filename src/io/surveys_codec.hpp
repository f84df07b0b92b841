// src/io/surveys_codec.hpp — the surveys component's payload and state codecs, built in beside
// the proposals ones.
#pragma once

#include "participa/io/record.hpp"
#include "participa/io/snapshot.hpp"

namespace participa::io::detail {

ComponentCodec surveys_payload_codec();
StateCodec surveys_state_codec();

}  // namespace participa::io::detail
