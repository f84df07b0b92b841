#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "io/json_value.hpp"
#include "io/rctab_sources.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/io/files.hpp"

namespace participa::io::detail {
namespace {

namespace json = boost::json;

// A whole-number field as text ("" when absent or not a whole number).
std::string id_text(const json::value& v, std::string_view key) {
  const json::value* m = member(v, key);
  if (m == nullptr) return "";
  if (m->is_int64()) return str_cat(m->as_int64());
  if (m->is_uint64()) return str_cat(m->as_uint64());
  if (m->is_string()) return std::string(m->as_string());
  return "";
}

// The "List" of a manifest, refused when the manifest has none.
absl::StatusOr<json::array> manifest_list(const std::filesystem::path& folder,
                                          const char* manifest) {
  const std::string path = (folder / manifest).string();
  PARTICIPA_ASSIGN_OR_RETURN(json::value doc, read_json_file(path));
  const json::value* list = member(doc, "List");
  if (list == nullptr || !list->is_array()) {
    return absl::InvalidArgumentError(str_cat(path, ": a Dominion manifest needs a List"));
  }
  return list->as_array();
}

// The contests of one ballot session: on its cards, or directly on it.
std::vector<const json::value*> session_contests(const json::value& ballot) {
  std::vector<const json::value*> out;
  auto add = [&](const json::value& holder) {
    if (const json::value* cs = member(holder, "Contests"); cs && cs->is_array()) {
      for (const json::value& c : cs->as_array()) out.push_back(&c);
    }
  };
  if (const json::value* cards = member(ballot, "Cards"); cards && cards->is_array()) {
    for (const json::value& card : cards->as_array()) add(card);
  } else {
    add(ballot);
  }
  return out;
}

namespace fs = std::filesystem;

// What the manifests of a Dominion export say about the contest: its candidates' codes, and
// the descriptions of its precincts and precinct portions by id (nullopt: the export has no
// such manifest).
struct DominionManifests {
  std::set<std::string> codes;
  std::optional<std::map<std::string, std::string>> precincts;
  std::optional<std::map<std::string, std::string>> portions;
};

absl::StatusOr<std::optional<std::map<std::string, std::string>>> descriptions(
    const fs::path& folder, const char* manifest) {
  std::error_code ec;
  if (!fs::exists(folder / manifest, ec)) return std::nullopt;
  std::map<std::string, std::string> out;
  PARTICIPA_ASSIGN_OR_RETURN(json::array list, manifest_list(folder, manifest));
  for (const json::value& entry : list) {
    const json::value* description = member(entry, "Description");
    out[id_text(entry, "Id")] =
        description && description->is_string() ? std::string(description->as_string()) : "";
  }
  return out;
}

absl::StatusOr<DominionManifests> read_manifests(const fs::path& folder, const Source& source) {
  PARTICIPA_ASSIGN_OR_RETURN(json::array contests, manifest_list(folder, "ContestManifest.json"));
  if (std::none_of(contests.begin(), contests.end(),
                   [&](const json::value& c) { return id_text(c, "Id") == source.contest_id; })) {
    return absl::InvalidArgumentError(
        str_cat(source.path, ": ContestManifest.json has no contest ", source.contest_id));
  }
  PARTICIPA_ASSIGN_OR_RETURN(json::array candidates,
                             manifest_list(folder, "CandidateManifest.json"));
  DominionManifests out;
  for (const json::value& c : candidates) {
    if (id_text(c, "ContestId") == source.contest_id) out.codes.insert(id_text(c, "Id"));
  }
  PARTICIPA_ASSIGN_OR_RETURN(out.precincts, descriptions(folder, "PrecinctManifest.json"));
  PARTICIPA_ASSIGN_OR_RETURN(out.portions, descriptions(folder, "PrecinctPortionManifest.json"));
  return out;
}

// Where a session's ballot was cast: its precinct's description and the session's batch.
absl::StatusOr<rctab::Origin> session_origin(const json::value& session, const json::value& ballot,
                                             const DominionManifests& manifests,
                                             const std::string& path, std::size_t number) {
  rctab::Origin origin;
  origin.batch = id_text(session, "BatchId");
  if (const std::string id = id_text(ballot, "PrecinctId"); !id.empty()) {
    if (!manifests.precincts || !manifests.precincts->contains(id)) {
      return absl::InvalidArgumentError(str_cat(path, ": session ", number, " names precinct ", id,
                                                ", which PrecinctManifest.json does not list"));
    }
    origin.precinct = manifests.precincts->at(id);
  }
  if (const std::string id = id_text(ballot, "PrecinctPortionId");
      manifests.portions && !id.empty() && !manifests.portions->count(id)) {
    return absl::InvalidArgumentError(
        str_cat(path, ": session ", number, " names precinct portion ", id,
                ", which PrecinctPortionManifest.json does not list"));
  }
  return origin;
}

// The marks a ballot gives in the contest, added to `record`; ambiguous marks are skipped.
absl::Status read_contest_marks(const json::value& contest, const DominionManifests& manifests,
                                const Source& source, const std::string& path, std::size_t number,
                                const Names& names, int max_rankings, RecordBuilder& record) {
  const json::value* contest_marks = member(contest, "Marks");
  if (contest_marks == nullptr || !contest_marks->is_array()) return absl::OkStatus();
  std::vector<Candidate> marks;
  for (const json::value& mark : contest_marks->as_array()) {
    const json::value* ambiguous = member(mark, "IsAmbiguous");
    if (ambiguous && ambiguous->is_bool() && ambiguous->as_bool()) continue;
    const std::string code = id_text(mark, "CandidateId");
    if (!manifests.codes.count(code)) {
      return absl::InvalidArgumentError(str_cat(path, ": session ", number, " marks candidate ",
                                                code, ", which is not a candidate of contest ",
                                                source.contest_id));
    }
    PARTICIPA_ASSIGN_OR_RETURN(const int rank, record_rank(id_text(mark, "Rank"), max_rankings,
                                                           str_cat(path, ": session ", number),
                                                           str_cat("candidate ", code)));
    marks.clear();
    if (!names.marks(code, source, marks) || marks.empty()) {
      return unknown_name(path, str_cat("session ", number), code);
    }
    record.add(rank, marks);
  }
  return absl::OkStatus();
}

}  // namespace

// Dominion's JSON export, as RCTab reads it: a folder with CandidateManifest.json (candidate
// codes and their contests), ContestManifest.json and one or more CvrExport*.json. A session's
// ballot is its Original, or its Modified (adjudicated) version when the original is no longer
// current; a session with neither is not counted. Ambiguous marks are skipped. Candidates are
// configured by code (as aliases); a code that belongs to another contest is refused. A
// ballot's precinct is the Description PrecinctManifest.json gives its PrecinctId (older
// exports have neither), its batch the session's BatchId; a PrecinctId or PrecinctPortionId the
// manifests do not list is refused, as RCTab refuses it.
absl::Status read_dominion(const Source& source, const Names& names, int max_rankings,
                           rctab::Records& records) {
  const fs::path folder(source.path);
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    return absl::InvalidArgumentError(
        str_cat(source.path, ": a Dominion source is the folder of its JSON export"));
  }
  PARTICIPA_ASSIGN_OR_RETURN(const DominionManifests manifests, read_manifests(folder, source));
  PARTICIPA_ASSIGN_OR_RETURN(std::vector<std::string> exports,
                             files_in(
                                 source.path,
                                 [](const std::string& name) {
                                   return name.rfind("CvrExport", 0) == 0 &&
                                          lowercase_extension(name) == ".json";
                                 },
                                 "Dominion exports (CvrExport*.json)"));
  RecordBuilder record;
  for (const std::string& path : exports) {
    PARTICIPA_ASSIGN_OR_RETURN(json::value doc, read_json_file(path));
    const json::value* sessions = member(doc, "Sessions");
    if (sessions == nullptr || !sessions->is_array()) {
      return absl::InvalidArgumentError(str_cat(path, ": a CvrExport needs Sessions"));
    }
    std::size_t number = 0;
    for (const json::value& session : sessions->as_array()) {
      ++number;
      const json::value* ballot = member(session, "Original");
      const json::value* current = ballot ? member(*ballot, "IsCurrent") : nullptr;
      if (current && current->is_bool() && !current->as_bool())
        ballot = member(session, "Modified");
      if (ballot == nullptr) continue;
      PARTICIPA_ASSIGN_OR_RETURN(const rctab::Origin origin,
                                 session_origin(session, *ballot, manifests, path, number));
      for (const json::value* contest : session_contests(*ballot)) {
        if (id_text(*contest, "Id") != source.contest_id) continue;
        PARTICIPA_RETURN_IF_ERROR(read_contest_marks(*contest, manifests, source, path, number,
                                                     names, max_rankings, record));
        PARTICIPA_RETURN_IF_ERROR(records.add(record.finish(), 1, origin));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace participa::io::detail
