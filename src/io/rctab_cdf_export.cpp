// The cast-vote records of an RCTab contest as NIST CDF JSON, in the shape RCTab's
// generateCdfJson gives them (its suite holds twelve such exports): fixed identifiers for the
// election, contest, scope and device, candidates and selections named from the candidates'
// names, and per record an original snapshot and one interpreted snapshot per round.
#include <algorithm>
#include <map>
#include <utility>

#include <boost/json.hpp>

#include "absl/strings/ascii.h"
#include "io/rctab_sources.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/rctab.hpp"

namespace participa::io {
namespace {

namespace json = boost::json;
namespace rctab = tally::rctab;

constexpr const char* kElection = "election-001";
constexpr const char* kContest = "contest-001";
constexpr const char* kScope = "gpu-election";
constexpr const char* kDevice = "rd-001";
// The label RCTab gives an overvote written as such on a record.
constexpr const char* kOvervote = "overvote";

// The code of a candidate's (or the overvote's) identifiers: its name as RCTab makes it file-safe,
// in lower case ("c-<code>", "cs-<code>").
std::string code_of(std::string_view name) {
  return absl::AsciiStrToLower(detail::file_safe(name));
}

// One selection of a record: a candidate (or the overvote mark) and the ranks it was given.
struct Chosen {
  tally::Candidate mark;
  std::string name;
  std::vector<int> ranks;
};

// A record's marks grouped by candidate, the best-ranked first (ties by name): the order of
// RCTab's selections.
std::vector<Chosen> selections(const rctab::Records& records, std::size_t i) {
  std::map<tally::Candidate, std::vector<int>> ranks_of;
  const auto ranks = records.ranks(i);
  const auto marks = records.marks(i);
  for (std::size_t k = 0; k < marks.size(); ++k) ranks_of[marks[k]].push_back(ranks[k]);
  std::vector<Chosen> out;
  for (auto& [mark, mark_ranks] : ranks_of) {
    out.push_back({mark, mark == rctab::kOvervoteMark ? kOvervote : records.candidates()[mark],
                   std::move(mark_ranks)});
  }
  std::sort(out.begin(), out.end(), [](const Chosen& a, const Chosen& b) {
    if (a.ranks.front() != b.ranks.front()) return a.ranks.front() < b.ranks.front();
    return a.name < b.name;
  });
  return out;
}

json::object snapshot(const std::string& id, const std::string& type, json::array chosen) {
  json::object contest;
  contest["@type"] = "CVR.CVRContest";
  contest["CVRContestSelection"] = std::move(chosen);
  contest["ContestId"] = kContest;
  json::object out;
  out["@id"] = id;
  out["@type"] = "CVR.CVRSnapshot";
  out["CVRContest"] = json::array{std::move(contest)};
  out["Type"] = type;
  return out;
}

// One record's selections, as cast (round 0) or as counted in a round: the selection it counted
// for is allocable with the share it gave (NumberVotes its whole part, FractionalVotes the rest
// as ".dddd"); only a candidate's first position can be.
json::array selections_json(const std::vector<Chosen>& chosen,
                            const std::vector<rctab::Allocation>* counted,
                            const rctab::Result& report) {
  json::array out;
  for (const auto& [mark, name, ranks] : chosen) {
    std::string allocable = counted ? "no" : "unknown";
    Rational share = 1;
    if (counted) {
      for (const auto& a : *counted) {
        if (a.candidate == mark) {
          allocable = "yes";
          share = a.share;
        }
      }
    }
    const BigInt whole = numerator(share) / denominator(share);
    std::string fraction;
    if (share != Rational(whole)) {
      fraction = rctab::format_decimal(share - Rational(whole), report.decimal_places);
      fraction.erase(0, fraction.find('.'));
    }
    json::array positions;
    for (int rank : ranks) {
      json::object position;
      position["@type"] = "CVR.SelectionPosition";
      if (!fraction.empty()) position["FractionalVotes"] = fraction;
      position["HasIndication"] = "yes";
      position["IsAllocable"] = allocable;
      position["NumberVotes"] = static_cast<std::int64_t>(whole);
      position["Rank"] = rank;
      positions.push_back(std::move(position));
      if (allocable == "yes") allocable = "no";
    }
    json::object selection;
    selection["@type"] = "CVR.CVRContestSelection";
    selection["ContestSelectionId"] = "cs-" + code_of(name);
    selection["SelectionPosition"] = std::move(positions);
    out.push_back(std::move(selection));
  }
  return out;
}

// The election: every candidate by name, each with its selection. An overvote written as such
// on records is declared as a selection too (RCTab names it "overvote" without declaring it),
// so the export reads back with overvoteLabel "overvote".
json::object election_json(const RctabContest& contest, const rctab::Result& report) {
  std::vector<std::string> names = report.candidates;
  const auto& records = contest.records;
  for (std::size_t i = 0; i < records.num_distinct(); ++i) {
    const auto marks = records.marks(i);
    if (std::find(marks.begin(), marks.end(), rctab::kOvervoteMark) != marks.end()) {
      names.emplace_back(kOvervote);
      break;
    }
  }
  std::sort(names.begin(), names.end());
  json::array candidates, options;
  for (const std::string& name : names) {
    const std::string code = code_of(name);
    json::object candidate;
    candidate["@id"] = "c-" + code;
    candidate["Name"] = name;
    candidates.push_back(std::move(candidate));
    json::object option;
    option["@id"] = "cs-" + code;
    option["@type"] = "ContestSelection";
    option["CandidateIds"] = json::array{json::value("c-" + code)};
    options.push_back(std::move(option));
  }
  json::object race;
  race["@id"] = kContest;
  race["@type"] = "CandidateContest";
  race["ContestSelection"] = std::move(options);
  race["Name"] = contest.contest_name;
  json::object election;
  election["@id"] = kElection;
  election["@type"] = "Election";
  election["Candidate"] = std::move(candidates);
  election["Contest"] = json::array{std::move(race)};
  election["ElectionScopeId"] = kScope;
  return election;
}

}  // namespace

absl::StatusOr<std::string> rctab_cdf_json(const RctabContest& contest, const rctab::Result& report,
                                           std::string_view generated) {
  const rctab::Records& records = contest.records;
  if (report.allocations.size() != report.rounds.size()) {
    return absl::FailedPreconditionError(
        "a CDF export needs the count's allocations (count with Rules::allocations)");
  }
  // With reports by precinct, each record names its precinct (a GpUnit) and with reports by
  // batch its batch, so they read back.
  const bool by_precinct = contest.rules.by_precinct, by_batch = contest.rules.by_batch;
  json::array cvrs;
  std::size_t arrival = 0;
  for (const auto& file : contest.cvr_files) {
    std::uint64_t n = 0;  // the record's number in its file
    for (std::size_t k = 0; k < file.records; ++k, ++arrival) {
      const auto& [record, count] = records.arrivals()[arrival];
      const auto chosen = selections(records, record);
      for (std::uint64_t copy = 0; copy < count; ++copy) {
        const std::string id = detail::file_safe(str_cat(file.name, "(", ++n, ")"));
        json::array snapshots;
        snapshots.push_back(
            snapshot("ballot-" + id, "original", selections_json(chosen, nullptr, report)));
        for (std::size_t r = 0; r < report.rounds.size(); ++r) {
          snapshots.push_back(
              snapshot(str_cat("ballot-", id, "-round-", r + 1), "interpreted",
                       selections_json(chosen, &report.allocations[r][record], report)));
        }
        json::object cvr;
        cvr["@type"] = "CVR";
        cvr["BallotPrePrintedId"] = id;
        if (by_precinct && !records.precincts()[records.precinct(record)].empty()) {
          cvr["BallotStyleUnitId"] = str_cat("gpu-", records.precinct(record));
        }
        if (by_batch && !records.batches()[records.batch(record)].empty()) {
          cvr["BatchId"] = records.batches()[records.batch(record)];
        }
        cvr["CVRSnapshot"] = std::move(snapshots);
        cvr["CurrentSnapshotId"] = str_cat("ballot-", id, "-round-", report.rounds.size());
        cvr["ElectionId"] = kElection;
        cvrs.push_back(std::move(cvr));
      }
    }
  }
  json::object scope;
  scope["@id"] = kScope;
  scope["@type"] = "GpUnit";
  scope["Name"] = contest.jurisdiction;
  scope["OtherType"] = "Election Scope Jurisdiction";
  scope["Type"] = "other";
  json::array units{std::move(scope)};
  if (by_precinct) {
    for (std::size_t k = 0; k < records.precincts().size(); ++k) {
      if (records.precincts()[k].empty()) continue;
      json::object unit;
      unit["@id"] = str_cat("gpu-", k);
      unit["@type"] = "GpUnit";
      unit["Name"] = records.precincts()[k];
      unit["Type"] = "precinct";
      units.push_back(std::move(unit));
    }
  }
  json::object device;
  device["@id"] = kDevice;
  device["@type"] = "CVR.ReportingDevice";
  device["Application"] = "participa";
  device["Manufacturer"] = "participa";
  json::object root;
  root["@type"] = "CVR.CastVoteRecordReport";
  root["CVR"] = std::move(cvrs);
  root["Election"] = json::array{election_json(contest, report)};
  root["GeneratedDate"] = generated;
  root["GpUnit"] = std::move(units);
  root["ReportGeneratingDeviceIds"] = json::array{json::value(kDevice)};
  root["ReportingDevice"] = json::array{std::move(device)};
  root["Version"] = "1.0.0";
  return json::serialize(root);
}

}  // namespace participa::io
