// participa/io/record.hpp — events and commands to bytes and back (schema
// proto/participa/v1/record.proto).
//
// `encode_event` gives the bytes the store keeps and the hash chain covers, and refuses
// (InvalidArgument) an event holding text that is not UTF-8, which could never be read back.
// `decode_event` validates everything it reads (format version, id sizes, enum values, a known
// component payload) and returns DataLoss naming what is wrong, so a damaged record is
// reported, never half-read. `command_digest` is the SHA-256 of a command's canonical bytes: the
// same body always gives the same digest, which is how a retried command is told from a reused key.
//
// A component kind's payloads are encoded by its codec (`register_component_codec`), found by
// the payload's C++ type when encoding and by the type URL of the packed message when
// decoding; the proposals codec is built in. Registries are safe to read from many threads.
#pragma once

#include <any>
#include <functional>
#include <string>
#include <string_view>
#include <typeindex>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "participa/core/digest.hpp"
#include "participa/space/record.hpp"

namespace participa::io {

// The format_version of participa.v1.Event this participa writes and reads.
inline constexpr std::uint32_t kRecordFormatVersion = 1;

struct ComponentCodec {
  // type_url — "type.googleapis.com/<full message name>" of the packed payload.
  std::string type_url;
  std::type_index payload_type = typeid(void);
  // encode — the packed message's bytes, equal for equal payloads in every process (a
  // protobuf message with map fields needs deterministic serialization); InvalidArgument for
  // what it cannot carry.
  std::function<absl::StatusOr<std::string>(const std::any&)> encode;
  std::function<absl::StatusOr<std::any>(std::string_view bytes)> decode;
};
// register_component_codec — InvalidArgument without a type URL, encode or decode;
// AlreadyExists when the type URL or payload type is taken.
absl::Status register_component_codec(ComponentCodec codec);

// encode_event — InvalidArgument only when a component payload has no codec.
absl::StatusOr<std::string> encode_event(const space::Event& event);
absl::StatusOr<space::Event> decode_event(std::string_view bytes);

// command_digest — SHA-256 over the command's body and actor, encoded as an event would be.
absl::StatusOr<Digest> command_digest(const space::Command& command);

// event_name — "participant-registered", or "<kind>/<payload>" for a component's event.
std::string event_name(const space::Organization& organization, const space::Event& event);

// event_json — the stored event as one line of JSON (protobuf's JSON mapping, component
// payloads unpacked): what `participa log --format json` prints.
absl::StatusOr<std::string> event_json(std::string_view bytes);

}  // namespace participa::io
