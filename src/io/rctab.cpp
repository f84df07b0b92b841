#include "participa/io/rctab.hpp"

namespace participa::io {

absl::StatusOr<std::vector<std::string>> run_rctab(const std::string& config_path,
                                                   const std::string&) {
  return absl::UnimplementedError(config_path + ": RCTab tabulation is not available yet");
}

}  // namespace participa::io
