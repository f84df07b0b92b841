// participa/io/proto.hpp — conversions between participa's values and the v1 wire schema.
//
// Protocol Buffers stay at this boundary: algorithms take participa values, never messages.
// to_proto never fails; from_proto validates everything (format version, kinds, candidate
// indices and names, counts, rationals) and returns InvalidArgument naming the offending field,
// or DataLoss for an unknown format version.
//
//   participa::v1::Result message = participa::io::to_proto(result);
//   absl::StatusOr<participa::tally::Result> back = participa::io::from_proto(message);
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "participa/pb/instance.hpp"
#include "participa/pb/result.hpp"
#include "participa/tally/profile.hpp"
#include "participa/tally/result.hpp"
#include "participa/v1/ballot.pb.h"
#include "participa/v1/pb.pb.h"
#include "participa/v1/tally.pb.h"

namespace participa::io {

// The format_version this participa writes and reads (see proto/participa/v1/ballot.proto).
inline constexpr std::uint32_t kFormatVersion = 2;

v1::Profile to_proto(const tally::Profile& profile);
absl::StatusOr<tally::Profile> from_proto(const v1::Profile& message);

v1::Result to_proto(const tally::Result& result);
absl::StatusOr<tally::Result> from_proto(const v1::Result& message);

v1::PbElection to_proto(const pb::Election& election);
absl::StatusOr<pb::Election> from_proto(const v1::PbElection& message);
// Outcomes carry their election's project ids and name projects by id.
v1::PbResult to_proto(const pb::Result& outcome);
absl::StatusOr<pb::Result> from_proto(const v1::PbResult& message);

}  // namespace participa::io
