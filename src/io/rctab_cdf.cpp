#include "io/json_value.hpp"
#include "io/rctab_sources.hpp"

#include "participa/core/status_macros.hpp"
#include "participa/io/files.hpp"

namespace participa::io::detail {

namespace json = boost::json;

namespace {

std::string member_text(const json::value& v, std::string_view key) {
  const json::value* m = member(v, key);
  if (m == nullptr) return "";
  if (m->is_string()) return std::string(m->as_string());
  if (m->is_int64()) return str_cat(m->as_int64());
  return "";
}

// The contest a CDF source counts: its id, its selections' candidates and their names.
struct CdfContest {
  std::string id;
  std::map<std::string, std::string> candidate_name;
  std::map<std::string, std::string> selection_candidate;
};

absl::StatusOr<CdfContest> find_cdf_contest(const json::value& doc, const Source& source) {
  const json::value* elections = member(doc, "Election");
  if (elections == nullptr || !elections->is_array() || elections->as_array().empty()) {
    return absl::InvalidArgumentError(str_cat(source.path, ": no Election"));
  }
  CdfContest out;
  for (const json::value& election : elections->as_array()) {
    if (const json::value* cs = member(election, "Candidate"); cs && cs->is_array()) {
      for (const json::value& c : cs->as_array()) {
        out.candidate_name[member_text(c, "@id")] = member_text(c, "Name");
      }
    }
    const json::value* contests = member(election, "Contest");
    if (contests == nullptr || !contests->is_array()) continue;
    for (const json::value& contest : contests->as_array()) {
      if (member_text(contest, "Name") != source.contest_id &&
          member_text(contest, "@id") != source.contest_id) {
        continue;
      }
      out.id = member_text(contest, "@id");
      if (const json::value* sel = member(contest, "ContestSelection"); sel && sel->is_array()) {
        for (const json::value& s : sel->as_array()) {
          const json::value* ids = member(s, "CandidateIds");
          std::string candidate;
          if (ids && ids->is_array() && !ids->as_array().empty() &&
              ids->as_array()[0].is_string()) {
            candidate = std::string(ids->as_array()[0].as_string());
          }
          out.selection_candidate[member_text(s, "@id")] = candidate;
        }
      }
    }
  }
  if (out.id.empty()) {
    return absl::InvalidArgumentError(
        str_cat(source.path, ": no contest named '", source.contest_id, "'"));
  }
  return out;
}

// Where a record was cast: its BallotStyleUnitId names a GpUnit, whose Name RCTab reports as
// the precinct; its BatchId is the batch.
absl::StatusOr<rctab::Origin> cdf_origin(const json::value& cvr,
                                         const std::map<std::string, std::string>& unit_name,
                                         const Source& source, std::size_t number) {
  rctab::Origin origin;
  if (const std::string unit = member_text(cvr, "BallotStyleUnitId"); !unit.empty()) {
    auto found = unit_name.find(unit);
    if (found == unit_name.end()) {
      return absl::InvalidArgumentError(str_cat(source.path, ": CVR ", number, " names GpUnit '",
                                                unit, "', which is not listed"));
    }
    origin.precinct = found->second;
  }
  origin.batch = member_text(cvr, "BatchId");
  return origin;
}

// The rankings a record's snapshot gives in the contest, added to `record`.
absl::Status read_cdf_snapshot(const json::value& snapshot, const CdfContest& contest,
                               const Source& source, std::size_t number, const Names& names,
                               int max_rankings, RecordBuilder& record) {
  const json::value* contests = member(snapshot, "CVRContest");
  if (contests == nullptr || !contests->is_array()) return absl::OkStatus();
  std::vector<Candidate> marks;
  for (const json::value& cvr_contest : contests->as_array()) {
    if (member_text(cvr_contest, "ContestId") != contest.id) continue;
    const json::value* selections = member(cvr_contest, "CVRContestSelection");
    if (selections == nullptr || !selections->is_array()) continue;
    for (const json::value& sel : selections->as_array()) {
      std::string selection = member_text(sel, "ContestSelectionId");
      auto found = contest.selection_candidate.find(selection);
      if (found == contest.selection_candidate.end()) {
        return absl::InvalidArgumentError(
            str_cat(source.path, ": CVR ", number, " names unknown selection '", selection, "'"));
      }
      auto named = contest.candidate_name.find(found->second);
      const std::string name =
          named != contest.candidate_name.end() ? named->second : found->second;
      const json::value* positions = member(sel, "SelectionPosition");
      if (positions == nullptr || !positions->is_array()) continue;
      for (const json::value& pos : positions->as_array()) {
        if (member_text(pos, "HasIndication") == "no") continue;
        PARTICIPA_ASSIGN_OR_RETURN(
            const int rank,
            record_rank(member_text(pos, "Rank"), max_rankings,
                        str_cat(source.path, ": CVR ", number), str_cat("'", name, "'")));
        marks.clear();
        if (!names.marks(name, source, marks) || marks.empty()) {
          return unknown_name(source.path, str_cat("CVR ", number), name);
        }
        record.add(rank, marks);
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status read_cdf(const Source& source, const Names& names, int max_rankings,
                      rctab::Records& records) {
  PARTICIPA_ASSIGN_OR_RETURN(json::value doc, read_json_file(source.path));
  PARTICIPA_ASSIGN_OR_RETURN(const CdfContest contest, find_cdf_contest(doc, source));
  const json::value* cvrs = member(doc, "CVR");
  if (cvrs == nullptr || !cvrs->is_array()) {
    return absl::InvalidArgumentError(str_cat(source.path, ": no CVR list"));
  }
  std::map<std::string, std::string> unit_name;
  if (const json::value* units = member(doc, "GpUnit"); units && units->is_array()) {
    for (const json::value& unit : units->as_array()) {
      unit_name[member_text(unit, "@id")] = member_text(unit, "Name");
    }
  }
  RecordBuilder record;
  std::size_t number = 0;
  for (const json::value& cvr : cvrs->as_array()) {
    ++number;
    PARTICIPA_ASSIGN_OR_RETURN(const rctab::Origin origin,
                               cdf_origin(cvr, unit_name, source, number));
    const std::string current = member_text(cvr, "CurrentSnapshotId");
    const json::value* snapshots = member(cvr, "CVRSnapshot");
    if (snapshots == nullptr || !snapshots->is_array() || snapshots->as_array().empty()) {
      return absl::InvalidArgumentError(str_cat(source.path, ": CVR ", number, " has no snapshot"));
    }
    const json::value* snapshot = nullptr;
    for (const json::value& s : snapshots->as_array()) {
      if (snapshot == nullptr || member_text(s, "@id") == current) snapshot = &s;
    }
    PARTICIPA_RETURN_IF_ERROR(
        read_cdf_snapshot(*snapshot, contest, source, number, names, max_rankings, record));
    PARTICIPA_RETURN_IF_ERROR(records.add(record.finish(), 1, origin));
  }
  return absl::OkStatus();
}

}  // namespace participa::io::detail
