// participa/io/preflib.hpp — PrefLib ranked data: .soc, .soi, .toc, .toi.
//
// The PrefLib format (2022 and later): "# KEY: value" header lines, among them
// "# ALTERNATIVE NAME k: name" for each alternative k, then one line per distinct order
// "count: a,b,{c,d},e" — alternatives by number, braces for alternatives ranked equal.
// Alternatives keep the file's order of numbers; numbering may start at 0 or 1.
//
// Limits: the file size (kMaxFileBytes), Profile::kMaxCandidates alternatives, counts that
// fit in 64 bits. Every fault is reported as "NAME:LINE: problem". A header that declares
// NUMBER ALTERNATIVES, NUMBER VOTERS or NUMBER UNIQUE ORDERS must match the body: a file cut
// short is refused, not counted. An order ending in "," is refused for the same reason.
//
//   auto file = participa::io::read_preflib_file("00002-00000001.soi");
//   if (file.ok()) count(file->profile);
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/tally/profile.hpp"

namespace participa::io {

struct PreflibFile {
  tally::Profile profile;
  // The file's number of each candidate of the profile, in profile order.
  std::vector<std::int64_t> alternative_numbers;
  // Header fields other than alternative names ("TITLE", "DATA TYPE", ...).
  std::map<std::string, std::string> metadata;
};

absl::StatusOr<PreflibFile> parse_preflib(std::string_view text, std::string_view name = "");
absl::StatusOr<PreflibFile> read_preflib_file(const std::string& path);

}  // namespace participa::io
