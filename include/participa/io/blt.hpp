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
// Droop's bracketed lines may follow the first line: `[nick a b c]` gives each candidate a
// nickname that ballots, `[tie]` and `[withdrawn]` may use instead of its number;
// `[tie 3 2 1]` is the order in which lots fall (`tie_order`, first chosen first);
// `[withdrawn 4]` withdraws as a negated line does; `[undeclared 4]` marks an undeclared
// write-in (`undeclared`, profile indices); `[droop opt=value ...]` is kept as `counter_options`.
// Any other bracketed keyword is an error.
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
  std::vector<tally::Candidate> tie_order;   // profile indices; empty without a [tie] line
  std::vector<tally::Candidate> undeclared;  // profile indices
  std::vector<std::string> counter_options;
};

absl::StatusOr<BltFile> parse_blt(std::string_view text, std::string_view name = "");
absl::StatusOr<BltFile> read_blt_file(const std::string& path);

}  // namespace participa::io
