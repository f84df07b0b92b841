// participa/io/files.hpp — reading whole files with a size limit, and text-format errors.
//
// Every reader of outside data refuses input over its documented limit before parsing, and
// names the place of a fault as "FILE:LINE: problem" so one line tells a user what to fix.
// Every writer of reports checks each write and replaces a file only whole (write_file).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace participa::io {

// The payload under which a status from the file system carries the system's error number
// (errno, as decimal text), so a caller can tell "no such file" from "permission denied".
inline constexpr std::string_view kErrnoPayload = "participa/errno";

// The largest file any reader accepts (1 GiB).
inline constexpr std::uint64_t kMaxFileBytes = std::uint64_t{1} << 30;

// read_file(path, limit) — the bytes of a file, or of a pipe or device read to its end.
// NotFound if it cannot be opened (with kErrnoPayload), InvalidArgument for a folder, OutOfRange
// over `limit`, DataLoss on a read error.
absl::StatusOr<std::string> read_file(const std::string& path, std::uint64_t limit = kMaxFileBytes);

// write_file(path, contents, replace) — writes through a temporary file in the same folder,
// flushed to disk and then renamed, so `path` holds either its old contents or all the new
// ones, never part of them. AlreadyExists when `path` exists and `replace` is false;
// FailedPrecondition when `path` is a symbolic link or not a plain file; DataLoss (and no
// file left behind) when any write fails, a full disk included.
absl::Status write_file(const std::string& path, std::string_view contents, bool replace);

// at_line(name, line, message) — InvalidArgument "name:line: message" (name may be empty).
absl::Status at_line(std::string_view name, std::size_t line, std::string_view message);

// with_file(status, path) — the same status with "path: " prefixed to its message, unless the
// message already names a line of the file.
absl::Status with_file(const absl::Status& status, std::string_view path);

}  // namespace participa::io
