#include "io/xml.hpp"

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/files.hpp"

namespace participa::io::detail {

absl::StatusOr<pugi::xml_document> load_xml(const std::string& path) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string bytes, read_file(path));
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(bytes.data(), bytes.size());
  if (!parsed) {
    return absl::InvalidArgumentError(
        str_cat(path, ": not XML (", parsed.description(), " at byte ", parsed.offset, ")"));
  }
  return doc;
}

}  // namespace participa::io::detail
