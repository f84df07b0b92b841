#include "participa/io/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/cord.h"
#include "participa/core/strings.hpp"

namespace participa::io {
namespace {

std::string system_error(int error) { return std::strerror(error); }

// Reads what a pipe or device gives, up to `limit` bytes.
absl::StatusOr<std::string> read_stream(int fd, const std::string& path, std::uint64_t limit) {
  std::string text;
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got == 0) return text;
    if (got < 0) {
      if (errno == EINTR) continue;
      return absl::DataLossError(str_cat(path, ": read error: ", system_error(errno)));
    }
    if (text.size() + static_cast<std::uint64_t>(got) > limit) {
      return absl::OutOfRangeError(
          str_cat(path, ": the stream goes on past the limit of ", limit, " bytes"));
    }
    text.append(buffer, static_cast<std::size_t>(got));
  }
}

// Closes a descriptor when it goes out of scope.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

absl::StatusOr<std::string> read_file(const std::string& path, std::uint64_t limit) {
  Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) {
    const int error = errno;
    absl::Status status =
        absl::NotFoundError(str_cat(path, ": cannot open the file: ", system_error(error)));
    status.SetPayload(absl::string_view(kErrnoPayload.data(), kErrnoPayload.size()),
                      absl::Cord(str_cat(error)));
    return status;
  }
  struct stat info {};
  if (::fstat(file.fd, &info) != 0) {
    return absl::DataLossError(str_cat(path, ": cannot read: ", system_error(errno)));
  }
  if (S_ISDIR(info.st_mode)) {
    return absl::InvalidArgumentError(str_cat(path, ": is a folder, not a file"));
  }
  if (!S_ISREG(info.st_mode)) return read_stream(file.fd, path, limit);
  const auto size = static_cast<std::uint64_t>(info.st_size);
  if (size > limit) {
    return absl::OutOfRangeError(
        str_cat(path, ": ", size, " bytes is over the limit of ", limit, " bytes"));
  }
  std::string text(size, '\0');
  std::size_t done = 0;
  while (done < size) {
    const ssize_t got = ::read(file.fd, text.data() + done, size - done);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return absl::DataLossError(str_cat(path, ": read error: ", system_error(errno)));
    if (got == 0) {
      return absl::DataLossError(
          str_cat(path, ": the file shrank while it was read (", done, " of ", size, " bytes)"));
    }
    done += static_cast<std::size_t>(got);
  }
  return text;
}

absl::Status write_file(const std::string& path, std::string_view contents, bool replace) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status existing = fs::symlink_status(path, ec);
  if (fs::is_symlink(existing)) {
    return absl::FailedPreconditionError(
        str_cat(path, ": is a symbolic link; participa writes only to plain files"));
  }
  if (fs::exists(existing)) {
    if (!fs::is_regular_file(existing)) {
      return absl::FailedPreconditionError(str_cat(path, ": exists and is not a plain file"));
    }
    if (!replace) {
      return absl::AlreadyExistsError(
          str_cat(path, ": exists; it is replaced only when asked (--force)"));
    }
  }
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temporary = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
  Descriptor file{::mkstemp(temporary.data())};
  if (file.fd < 0) {
    return absl::PermissionDeniedError(
        str_cat(path, ": cannot create a file in ", folder.string(), ": ", system_error(errno)));
  }
  auto fail = [&](int error) {
    ::unlink(temporary.c_str());
    return absl::DataLossError(
        str_cat(path, ": the write failed, nothing was written: ", system_error(error)));
  };
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t wrote = ::write(file.fd, contents.data() + done, contents.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return fail(wrote < 0 ? errno : ENOSPC);
    done += static_cast<std::size_t>(wrote);
  }
  // The bytes must be on disk before the name points to them, or a crash could leave an
  // empty report under the final name.
  if (::fchmod(file.fd, 0644) != 0 || ::fsync(file.fd) != 0) return fail(errno);
  const int fd = file.fd;
  file.fd = -1;
  if (::close(fd) != 0) return fail(errno);
  if (::rename(temporary.c_str(), path.c_str()) != 0) return fail(errno);
  return absl::OkStatus();
}

absl::Status at_line(std::string_view name, std::size_t line, std::string_view message) {
  if (name.empty()) return absl::InvalidArgumentError(str_cat("line ", line, ": ", message));
  return absl::InvalidArgumentError(str_cat(name, ":", line, ": ", message));
}

absl::Status with_file(const absl::Status& status, std::string_view path) {
  if (status.ok()) return status;
  std::string_view message(status.message().data(), status.message().size());
  if (message.substr(0, path.size()) == path) return status;
  return absl::Status(status.code(), str_cat(path, ": ", message));
}

}  // namespace participa::io
