// participa/io/rctab.hpp — RCTab contests: configuration, cast-vote records, detailed report.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace participa::io {

// run_rctab(config_path, output_dir) — tabulates the contest and writes RCTab's detailed
// report JSON into output_dir (default: the config's folder); returns the files written.
absl::StatusOr<std::vector<std::string>> run_rctab(const std::string& config_path,
                                                   const std::string& output_dir);

}  // namespace participa::io
