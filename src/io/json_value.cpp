#include "io/json_value.hpp"

#include "io/text.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/files.hpp"

namespace participa::io::detail {

namespace json = boost::json;

absl::StatusOr<json::value> read_json_file(const std::string& path) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string raw, read_file(path));
  std::string decoded;
  PARTICIPA_ASSIGN_OR_RETURN(std::string_view text, decode_text(raw, path, decoded));
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec) return absl::InvalidArgumentError(str_cat(path, ": not JSON: ", ec.message()));
  return doc;
}

}  // namespace participa::io::detail
