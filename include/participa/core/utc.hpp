// participa/core/utc.hpp — how participa writes a moment in messages and exports.
//
// UTC to the second with a Z, "2027-03-01T09:00:00Z": one form everywhere, so a time in an
// error, a listing and a JSON export reads (and greps) alike.
#pragma once

#include <string>

#include "absl/time/time.h"

namespace participa {

inline std::string utc_text(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

}  // namespace participa
