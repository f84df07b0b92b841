// participa/io/snapshot.hpp — an organization's state to bytes and back (schema
// proto/participa/v1/snapshot.proto).
//
// A snapshot bounds the time a ledger takes to open: it loads the state after some event and
// applies only the events after it. Loading a snapshot and applying the rest of the record
// gives exactly the state a replay from the first event gives, so `encode_snapshot` is
// deterministic (entities in id order): equal states give equal bytes, which is how the
// verifier checks a stored snapshot against its replay. `decode_snapshot` validates what it
// reads and returns DataLoss naming what is wrong.
//
// A component kind's state is encoded by its state codec (`register_state_codec`); the
// proposals codec is built in. A state without a codec cannot be snapshotted
// (InvalidArgument), which leaves the record itself unaffected.
#pragma once

#include <any>
#include <functional>
#include <string>
#include <string_view>
#include <typeindex>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "participa/space/organization.hpp"

namespace participa::io {

// The format_version of participa.v1.Snapshot this participa writes and reads.
inline constexpr std::uint32_t kSnapshotFormatVersion = 1;

struct StateCodec {
  // type_url — "type.googleapis.com/<full message name>" of the packed state.
  std::string type_url;
  std::type_index state_type = typeid(void);
  // encode — equal bytes for equal states in every process, as ComponentCodec::encode.
  std::function<absl::StatusOr<std::string>(const std::any&)> encode;
  std::function<absl::StatusOr<std::any>(std::string_view bytes)> decode;
};
// register_state_codec — InvalidArgument without a type URL, encode or decode; AlreadyExists
// when the type URL or state type is taken.
absl::Status register_state_codec(StateCodec codec);

// encode_snapshot — FailedPrecondition for an organization not yet founded.
absl::StatusOr<std::string> encode_snapshot(const space::Organization& organization);
absl::StatusOr<space::Organization> decode_snapshot(std::string_view bytes);

}  // namespace participa::io
