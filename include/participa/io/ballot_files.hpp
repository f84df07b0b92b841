// participa/io/ballot_files.hpp — a file of ballots in any format participa reads.
//
// The command and Python read ballots through here, so both tell formats apart the same way:
// by the name given, or else by the file's extension (.soc .soi .toc .toi: PrefLib; .blt:
// BLT; .csv: ranked CSV; .json: a participa profile in protobuf JSON).
//
//   auto file = participa::io::read_ballot_file("election.blt");      // format from ".blt"
//   count(file->profile, file->seats);
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "participa/core/names.hpp"
#include "participa/tally/profile.hpp"

namespace participa::io {

enum class BallotFormat { kPreflib, kBlt, kRankedCsv, kProfileJson };

inline constexpr std::array<Named<BallotFormat>, 4> kBallotFormatNames = {{
    {BallotFormat::kPreflib, "preflib"},
    {BallotFormat::kBlt, "blt"},
    {BallotFormat::kRankedCsv, "csv"},
    {BallotFormat::kProfileJson, "json"},
}};

inline std::string_view to_string(BallotFormat f) { return name_of(kBallotFormatNames, f); }
inline absl::StatusOr<BallotFormat> parse_ballot_format(std::string_view text) {
  return parse_name(kBallotFormatNames, "ballot format", text);
}

// format_of_path(path) — the format its extension names; InvalidArgument naming the extension
// and the formats when it names none.
absl::StatusOr<BallotFormat> format_of_path(std::string_view path);

// BallotFile — the ballots of a file, and the seats when the format records them (BLT).
struct BallotFile {
  tally::Profile profile;
  BallotFormat format = BallotFormat::kPreflib;
  // 0: the file does not say.
  int seats = 0;
};

// read_ballot_file(path, format) — the file read in `format`, or in the format its extension
// names when none is given. The readers' own errors, which name the file and line.
absl::StatusOr<BallotFile> read_ballot_file(const std::string& path,
                                            std::optional<BallotFormat> format = std::nullopt);

}  // namespace participa::io
