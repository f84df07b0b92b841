#include "io/rctab_sources.hpp"
#include "io/xml.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/io/files.hpp"

namespace participa::io::detail {

// Hart writes one XML file per ballot sheet into a folder. In the contest's <Option>, the
// <Value> is a string of 0s and 1s read left to right, one per rank: "0100" ranks the option
// second, "0101" marks it at ranks 2 and 4. The option's <Id> names the candidate (configured
// as an alias); a sheet without the contest does not vote in it. The sheet's precinct is the
// <Name> of its <PrecinctSplit> and its batch the <BatchNumber>, as RCTab reads them.
absl::Status read_hart(const Source& source, const Names& names, int max_rankings,
                       rctab::Records& records) {
  PARTICIPA_ASSIGN_OR_RETURN(
      std::vector<std::string> files,
      files_in(
          source.path, [](const std::string& name) { return lowercase_extension(name) == ".xml"; },
          "Hart XML cast-vote records (.xml)"));
  RecordBuilder record;
  std::vector<Candidate> marks;
  for (const std::string& file : files) {
    PARTICIPA_ASSIGN_OR_RETURN(pugi::xml_document doc, load_xml(file));
    const pugi::xml_node cvr = child(doc, "Cvr");
    if (!cvr) return absl::InvalidArgumentError(str_cat(file, ": not a Hart <Cvr>"));
    absl::Status status;
    const rctab::Origin origin{child_text(child(cvr, "PrecinctSplit"), "Name"),
                               child_text(cvr, "BatchNumber")};
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
      if (status.ok()) status = records.add(record.finish(), 1, origin);
    });
    PARTICIPA_RETURN_IF_ERROR(status);
  }
  return absl::OkStatus();
}

}  // namespace participa::io::detail
