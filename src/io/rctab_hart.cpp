#include <algorithm>
#include <filesystem>

#include "io/rctab_sources.hpp"
#include "io/xml.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/io/files.hpp"

namespace participa::io::detail {

// Hart writes one XML file per ballot sheet into a folder. In the contest's <Option>, the
// <Value> is a string of 0s and 1s read left to right, one per rank: "0100" ranks the option
// second, "0101" marks it at ranks 2 and 4. The option's <Id> names the candidate (configured
// as an alias); a sheet without the contest does not vote in it.
absl::Status read_hart(const Source& source, const Names& names, int max_rankings,
                       rctab::Records& records) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(source.path, ec)) {
    return absl::InvalidArgumentError(
        str_cat(source.path, ": a Hart source is a folder of XML cast-vote records"));
  }
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(source.path, ec)) {
    std::string extension = entry.path().extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (entry.is_regular_file() && extension == ".xml") files.push_back(entry.path().string());
  }
  if (ec) return absl::InvalidArgumentError(str_cat(source.path, ": ", ec.message()));
  if (files.empty()) {
    return absl::InvalidArgumentError(str_cat(source.path, ": no .xml cast-vote record"));
  }
  std::sort(files.begin(), files.end());
  RecordBuilder record;
  std::vector<Candidate> marks;
  for (const std::string& file : files) {
    PARTICIPA_ASSIGN_OR_RETURN(pugi::xml_document doc, load_xml(file));
    const pugi::xml_node cvr = child(doc, "Cvr");
    if (!cvr) return absl::InvalidArgumentError(str_cat(file, ": not a Hart <Cvr>"));
    absl::Status status;
    for_each_child(child(cvr, "Contests"), "Contest", [&](const pugi::xml_node& contest) {
      if (!status.ok() || child_text(contest, "Id") != source.contest_id) return;
      for_each_child(child(contest, "Options"), "Option", [&](const pugi::xml_node& option) {
        if (!status.ok()) return;
        const std::string id = child_text(option, "Id");
        const std::string value = child_text(option, "Value");
        for (std::size_t r = 0; r < value.size(); ++r) {
          if (value[r] != '1') {
            if (value[r] != '0') {
              status =
                  absl::InvalidArgumentError(str_cat(file, ": option '", id, "' has the value '",
                                                     value, "', not a string of 0s and 1s"));
              return;
            }
            continue;
          }
          const int rank = static_cast<int>(r) + 1;
          if (rank > max_rankings) {
            status = absl::InvalidArgumentError(str_cat(file, ": '", id, "' is ranked ", rank,
                                                        ", above maxRankingsAllowed (",
                                                        max_rankings, ")"));
            return;
          }
          marks.clear();
          if (!names.marks(id, source, marks) || marks.empty()) {
            status = unknown_name(file, "option", id);
            return;
          }
          record.add(rank, marks);
        }
      });
      if (status.ok()) status = records.add(record.finish());
    });
    PARTICIPA_RETURN_IF_ERROR(status);
  }
  return absl::OkStatus();
}

}  // namespace participa::io::detail
