#include <map>

#include "io/rctab_sources.hpp"
#include "io/xml.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/io/files.hpp"

namespace participa::io::detail {
namespace {

// A selection of the contest: a candidate, or a write-in.
struct Selection {
  bool write_in = false;
  std::string candidate_id;
};

struct Contest {
  std::string object_id;
  std::map<std::string, Selection> selections;
};

// The contest the configuration names (by <Name>, or by ObjectId) and its selections.
absl::StatusOr<Contest> find_contest(const pugi::xml_node& report, const Source& source) {
  Contest found;
  for_each_child(report, "Election", [&](const pugi::xml_node& election) {
    for_each_child(election, "Contest", [&](const pugi::xml_node& contest) {
      const std::string id = contest.attribute("ObjectId").as_string();
      if (!found.object_id.empty() ||
          (child_text(contest, "Name") != source.contest_id && id != source.contest_id)) {
        return;
      }
      found.object_id = id;
      for_each_child(contest, "ContestSelection", [&](const pugi::xml_node& s) {
        Selection selection;
        selection.write_in = child_text(s, "IsWriteIn") == "true";
        // CandidateIds is a list of references; tickets name several, the first is counted.
        const std::string ids = child_text(s, "CandidateIds");
        selection.candidate_id = ids.substr(0, ids.find(' '));
        found.selections[s.attribute("ObjectId").as_string()] = std::move(selection);
      });
    });
  });
  if (found.object_id.empty()) {
    return absl::InvalidArgumentError(
        str_cat(source.path, ": no contest named '", source.contest_id, "'"));
  }
  return found;
}

// The CVRContest of the contest in the record's current snapshot, if the record has one.
pugi::xml_node current_contest(const pugi::xml_node& cvr, const std::string& contest_id) {
  const std::string current = child_text(cvr, "CurrentSnapshotId");
  pugi::xml_node found;
  for_each_child(cvr, "CVRSnapshot", [&](const pugi::xml_node& snapshot) {
    if (found || snapshot.attribute("ObjectId").as_string() != current) return;
    for_each_child(snapshot, "CVRContest", [&](const pugi::xml_node& contest) {
      if (!found && child_text(contest, "ContestId") == contest_id) found = contest;
    });
  });
  return found;
}

}  // namespace

// NIST SP 1500-103 cast-vote records in XML, as RCTab reads them: the contest is found by name
// among the Election's contests; a record counts in it when its current snapshot has the
// contest. A selection whose status is needs-adjudication is skipped, as is a position without
// an indication or not allocable. A rank comes from the selection, else from each position.
absl::Status read_cdf_xml(const Source& source, const Names& names, int max_rankings,
                          rctab::Records& records) {
  PARTICIPA_ASSIGN_OR_RETURN(pugi::xml_document doc, load_xml(source.path));
  const pugi::xml_node report = child(doc, "CastVoteRecordReport");
  if (!report) {
    return absl::InvalidArgumentError(str_cat(source.path, ": not a CastVoteRecordReport"));
  }
  PARTICIPA_ASSIGN_OR_RETURN(Contest contest, find_contest(report, source));
  std::map<std::string, std::string> candidate_name;
  for_each_child(report, "Election", [&](const pugi::xml_node& election) {
    for_each_child(election, "Candidate", [&](const pugi::xml_node& c) {
      candidate_name[c.attribute("ObjectId").as_string()] = child_text(c, "Name");
    });
  });
  RecordBuilder record;
  std::vector<Candidate> marks;
  std::size_t number = 0;
  absl::Status status;
  auto add_mark = [&](const std::string& rank_text, bool write_in, const std::string& name) {
    std::int64_t rank = 0;
    if (!parse_int(rank_text, rank) || rank < 1 || rank > kMaxRanks) {
      status = absl::InvalidArgumentError(
          str_cat(source.path, ": CVR ", number, " has rank '", rank_text, "'"));
      return;
    }
    if (rank > max_rankings) {
      status = absl::InvalidArgumentError(str_cat(source.path, ": CVR ", number, " ranks '", name,
                                                  "' ", rank, ", above maxRankingsAllowed (",
                                                  max_rankings, ")"));
      return;
    }
    marks.clear();
    if (write_in) {
      if (!names.write_in()) {
        status = absl::InvalidArgumentError(
            str_cat(source.path, ": CVR ", number,
                    " has a write-in, and the configuration counts no undeclared write-ins"));
        return;
      }
      marks.push_back(*names.write_in());
    } else if (!names.marks(name, source, marks) || marks.empty()) {
      status = unknown_name(source.path, str_cat("CVR ", number), name);
      return;
    }
    record.add(static_cast<int>(rank), marks);
  };
  // Precincts: a record's BallotStyleUnitId names a GpUnit, whose Name RCTab reports.
  std::map<std::string, std::string> unit_name;
  for_each_child(report, "GpUnit", [&](const pugi::xml_node& unit) {
    unit_name[unit.attribute("ObjectId").as_string()] = child_text(unit, "Name");
  });
  for_each_child(report, "CVR", [&](const pugi::xml_node& cvr) {
    ++number;
    if (!status.ok()) return;
    rctab::Origin origin;
    if (const std::string unit = child_text(cvr, "BallotStyleUnitId"); !unit.empty()) {
      auto found = unit_name.find(unit);
      if (found == unit_name.end()) {
        status = absl::InvalidArgumentError(str_cat(
            source.path, ": CVR ", number, " names GpUnit '", unit, "', which is not listed"));
        return;
      }
      origin.precinct = found->second;
    }
    origin.batch = child_text(cvr, "BatchId");
    const pugi::xml_node votes = current_contest(cvr, contest.object_id);
    if (!votes) return;
    for_each_child(votes, "CVRContestSelection", [&](const pugi::xml_node& chosen) {
      if (!status.ok()) return;
      bool adjudicate = false;
      for_each_child(chosen, "Status", [&](const pugi::xml_node& s) {
        adjudicate = adjudicate || std::string_view(s.text().as_string()) == "needs-adjudication";
      });
      if (adjudicate) return;
      const std::string id = child_text(chosen, "ContestSelectionId");
      auto selection = contest.selections.find(id);
      if (selection == contest.selections.end()) {
        status = absl::InvalidArgumentError(
            str_cat(source.path, ": CVR ", number, " names unknown selection '", id, "'"));
        return;
      }
      const auto candidate = candidate_name.find(selection->second.candidate_id);
      const std::string name =
          candidate == candidate_name.end() ? selection->second.candidate_id : candidate->second;
      if (pugi::xml_node rank = child(chosen, "Rank")) {
        add_mark(rank.text().as_string(), selection->second.write_in, name);
        return;
      }
      for_each_child(chosen, "SelectionPosition", [&](const pugi::xml_node& position) {
        if (!status.ok() || child_text(position, "HasIndication") == "no" ||
            child_text(position, "IsAllocable") == "no") {
          return;
        }
        const bool write_in = selection->second.write_in || child(position, "CVRWriteIn");
        add_mark(child_text(position, "Rank"), write_in, name);
      });
    });
    if (status.ok()) status = records.add(record.finish(), 1, origin);
  });
  return status;
}

}  // namespace participa::io::detail
