#include "participa/io/ballot_files.hpp"

#include <filesystem>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/blt.hpp"
#include "participa/io/files.hpp"
#include "participa/io/json.hpp"
#include "participa/io/preflib.hpp"
#include "participa/io/ranked_csv.hpp"

namespace participa::io {

absl::StatusOr<BallotFormat> format_of_path(std::string_view path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".soc" || ext == ".soi" || ext == ".toc" || ext == ".toi") {
    return BallotFormat::kPreflib;
  }
  if (ext == ".blt") return BallotFormat::kBlt;
  if (ext == ".csv") return BallotFormat::kRankedCsv;
  if (ext == ".json") return BallotFormat::kProfileJson;
  return absl::InvalidArgumentError(str_cat(path, ": cannot tell the format from '", ext,
                                            "'; name it: ", valid_names(kBallotFormatNames)));
}

absl::StatusOr<BallotFile> read_ballot_file(const std::string& path,
                                            std::optional<BallotFormat> format) {
  if (!format) {
    PARTICIPA_ASSIGN_OR_RETURN(format, format_of_path(path));
  }
  switch (*format) {
    case BallotFormat::kPreflib: {
      PARTICIPA_ASSIGN_OR_RETURN(PreflibFile file, read_preflib_file(path));
      return BallotFile{std::move(file.profile), *format, 0};
    }
    case BallotFormat::kBlt: {
      PARTICIPA_ASSIGN_OR_RETURN(BltFile file, read_blt_file(path));
      return BallotFile{std::move(file.profile), *format, file.seats};
    }
    case BallotFormat::kRankedCsv: {
      PARTICIPA_ASSIGN_OR_RETURN(tally::Profile profile, read_ranked_csv_file(path));
      return BallotFile{std::move(profile), *format, 0};
    }
    case BallotFormat::kProfileJson: {
      PARTICIPA_ASSIGN_OR_RETURN(std::string text, read_file(path));
      auto profile = profile_from_json(text);
      if (!profile.ok()) return with_file(profile.status(), path);
      return BallotFile{std::move(*profile), *format, 0};
    }
  }
  return absl::InvalidArgumentError(str_cat(path, ": unknown ballot format"));
}

}  // namespace participa::io
