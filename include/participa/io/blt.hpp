// participa/io/blt.hpp — the BLT ballot format of STV counting programs (OpenSTV, Droop).
//
//   4 2                 candidates, seats
//   -2                  optional: withdrawn candidates, negated (they leave the count)
//   3 1 3 4 0           weight, then candidates (1-based) in preference order, 0 ends it;
//   1 2=3 1 0           "a=b" ranks a and b equal; an optional "(id)" may open a ballot line
//   0                   end of ballots
//   "Ana" "Ben" ...     candidate names, one quoted string each
//   "Title"             the election's title
//
// A withdrawn candidate is not in the profile: ballots go on to their next preference, and
// `withdrawn` names them, so no method can give them a vote.
//
// Limits: kMaxFileBytes, Profile::kMaxCandidates candidates, weights that fit in 64 bits.
// Faults are reported as "NAME:LINE: problem".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/tally/profile.hpp"

namespace participa::io {

struct BltFile {
  tally::Profile profile;
  int seats = 1;
  std::vector<std::string> withdrawn;
  std::string title;
};

absl::StatusOr<BltFile> parse_blt(std::string_view text, std::string_view name = "");
absl::StatusOr<BltFile> read_blt_file(const std::string& path);

}  // namespace participa::io
