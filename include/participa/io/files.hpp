// participa/io/files.hpp — reading whole files with a size limit, and text-format errors.
//
// Every reader of outside data refuses input over its documented limit before parsing, and
// names the place of a fault as "FILE:LINE: problem" so one line tells a user what to fix.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace participa::io {

// The largest file any reader accepts (1 GiB).
inline constexpr std::uint64_t kMaxFileBytes = std::uint64_t{1} << 30;

// read_file(path, limit) — NotFound if missing, OutOfRange over `limit`, DataLoss on a read
// error.
absl::StatusOr<std::string> read_file(const std::string& path, std::uint64_t limit = kMaxFileBytes);

// at_line(name, line, message) — InvalidArgument "name:line: message" (name may be empty).
absl::Status at_line(std::string_view name, std::size_t line, std::string_view message);

// with_file(status, path) — the same status with "path: " prefixed to its message, unless the
// message already names a line of the file.
absl::Status with_file(const absl::Status& status, std::string_view path);

}  // namespace participa::io
