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

// Reads the records of one XML report into `records`, one record after another; the first
// fault found is kept and ends the reading.
class CdfXmlReader {
 public:
  CdfXmlReader(const Source& source, const Names& names, int max_rankings, Contest contest,
               std::map<std::string, std::string> candidate_name,
               std::map<std::string, std::string> unit_name, rctab::Records& records)
      : source_(source),
        names_(names),
        max_rankings_(max_rankings),
        contest_(std::move(contest)),
        candidate_name_(std::move(candidate_name)),
        unit_name_(std::move(unit_name)),
        records_(records) {}

  absl::Status read_cvr(const pugi::xml_node& cvr);

 private:
  absl::StatusOr<rctab::Origin> origin_of(const pugi::xml_node& cvr) const;
  absl::Status read_selection(const pugi::xml_node& chosen);
  absl::Status add_mark(const std::string& rank_text, bool write_in, const std::string& name);

  const Source& source_;
  const Names& names_;
  const int max_rankings_;
  const Contest contest_;
  const std::map<std::string, std::string> candidate_name_;
  // Precincts: a record's BallotStyleUnitId names a GpUnit, whose Name RCTab reports.
  const std::map<std::string, std::string> unit_name_;
  rctab::Records& records_;
  RecordBuilder record_;
  std::vector<Candidate> marks_;
  std::size_t number_ = 0;
};

absl::Status CdfXmlReader::read_cvr(const pugi::xml_node& cvr) {
  ++number_;
  PARTICIPA_ASSIGN_OR_RETURN(const rctab::Origin origin, origin_of(cvr));
  const pugi::xml_node votes = current_contest(cvr, contest_.object_id);
  if (!votes) return absl::OkStatus();
  absl::Status status;
  for_each_child(votes, "CVRContestSelection", [&](const pugi::xml_node& chosen) {
    if (status.ok()) status = read_selection(chosen);
  });
  PARTICIPA_RETURN_IF_ERROR(status);
  return records_.add(record_.finish(), 1, origin);
}

absl::StatusOr<rctab::Origin> CdfXmlReader::origin_of(const pugi::xml_node& cvr) const {
  rctab::Origin origin;
  if (const std::string unit = child_text(cvr, "BallotStyleUnitId"); !unit.empty()) {
    auto found = unit_name_.find(unit);
    if (found == unit_name_.end()) {
      return absl::InvalidArgumentError(str_cat(source_.path, ": CVR ", number_, " names GpUnit '",
                                                unit, "', which is not listed"));
    }
    origin.precinct = found->second;
  }
  origin.batch = child_text(cvr, "BatchId");
  return origin;
}

absl::Status CdfXmlReader::read_selection(const pugi::xml_node& chosen) {
  bool adjudicate = false;
  for_each_child(chosen, "Status", [&](const pugi::xml_node& s) {
    adjudicate = adjudicate || std::string_view(s.text().as_string()) == "needs-adjudication";
  });
  if (adjudicate) return absl::OkStatus();
  const std::string id = child_text(chosen, "ContestSelectionId");
  auto selection = contest_.selections.find(id);
  if (selection == contest_.selections.end()) {
    return absl::InvalidArgumentError(
        str_cat(source_.path, ": CVR ", number_, " names unknown selection '", id, "'"));
  }
  const auto candidate = candidate_name_.find(selection->second.candidate_id);
  const std::string name =
      candidate == candidate_name_.end() ? selection->second.candidate_id : candidate->second;
  if (pugi::xml_node rank = child(chosen, "Rank")) {
    return add_mark(rank.text().as_string(), selection->second.write_in, name);
  }
  absl::Status status;
  for_each_child(chosen, "SelectionPosition", [&](const pugi::xml_node& position) {
    if (!status.ok() || child_text(position, "HasIndication") == "no" ||
        child_text(position, "IsAllocable") == "no") {
      return;
    }
    const bool write_in = selection->second.write_in || child(position, "CVRWriteIn");
    status = add_mark(child_text(position, "Rank"), write_in, name);
  });
  return status;
}

absl::Status CdfXmlReader::add_mark(const std::string& rank_text, bool write_in,
                                    const std::string& name) {
  PARTICIPA_ASSIGN_OR_RETURN(const int rank, record_rank(rank_text, max_rankings_,
                                                         str_cat(source_.path, ": CVR ", number_),
                                                         str_cat("'", name, "'")));
  marks_.clear();
  if (write_in) {
    if (!names_.write_in()) {
      return absl::InvalidArgumentError(
          str_cat(source_.path, ": CVR ", number_,
                  " has a write-in, and the configuration counts no undeclared write-ins"));
    }
    marks_.push_back(*names_.write_in());
  } else if (!names_.marks(name, source_, marks_) || marks_.empty()) {
    return unknown_name(source_.path, str_cat("CVR ", number_), name);
  }
  record_.add(rank, marks_);
  return absl::OkStatus();
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
  std::map<std::string, std::string> unit_name;
  for_each_child(report, "GpUnit", [&](const pugi::xml_node& unit) {
    unit_name[unit.attribute("ObjectId").as_string()] = child_text(unit, "Name");
  });
  CdfXmlReader reader(source, names, max_rankings, std::move(contest), std::move(candidate_name),
                      std::move(unit_name), records);
  absl::Status status;
  for_each_child(report, "CVR", [&](const pugi::xml_node& cvr) {
    if (status.ok()) status = reader.read_cvr(cvr);
  });
  return status;
}

}  // namespace participa::io::detail
