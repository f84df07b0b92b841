#include "participa/io/files.hpp"

#include <fstream>
#include <sstream>

#include "participa/core/strings.hpp"

namespace participa::io {

absl::StatusOr<std::string> read_file(const std::string& path, std::uint64_t limit) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return absl::NotFoundError(str_cat(path, ": cannot open the file"));
  auto size = static_cast<std::uint64_t>(in.tellg());
  if (size > limit) {
    return absl::OutOfRangeError(
        str_cat(path, ": ", size, " bytes is over the limit of ", limit, " bytes"));
  }
  std::string text(size, '\0');
  in.seekg(0);
  if (!in.read(text.data(), static_cast<std::streamsize>(size))) {
    return absl::DataLossError(str_cat(path, ": read error"));
  }
  return text;
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
