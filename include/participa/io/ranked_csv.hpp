// participa/io/ranked_csv.hpp — ranked ballots as a CSV table, one ballot per row.
//
//   count,rank 1,rank 2,rank 3         a header row is required; a first column named
//   12,Ana,Ben,                        "count" or "weight" gives each row's multiplicity
//   3,Ben,Ana=Chloe,                   (otherwise every row is one ballot); the other
//   1,"Smith, Jo",,Ana                 columns are ranks, best first. A cell names one
//                                      candidate, or several joined by "=" for equal ranks;
//                                      an empty cell skips the rank.
//
// Candidates are numbered in the byte order of their names (code-point order for UTF-8), so
// the profile, its digest and candidate-order tie-breaks do not depend on the order of the
// rows. Fields may be quoted (RFC 4180).
// A header that names a candidate the ballots rank is refused: it is a file without its header,
// whose first ballot would otherwise be lost.
// Limits: kMaxFileBytes, Profile::kMaxCandidates candidates. Faults: "NAME:LINE: problem".
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "participa/tally/profile.hpp"

namespace participa::io {

absl::StatusOr<tally::Profile> parse_ranked_csv(std::string_view text, std::string_view name = "");
absl::StatusOr<tally::Profile> read_ranked_csv_file(const std::string& path);

}  // namespace participa::io
