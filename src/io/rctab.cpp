#include "participa/io/rctab.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include <boost/json.hpp>

#include "absl/container/flat_hash_map.h"
#include "io/text.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/files.hpp"
#include "participa/io/xlsx.hpp"
#include "participa/version.hpp"

namespace participa::io {
namespace {

namespace json = boost::json;
namespace rctab = tally::rctab;
using tally::Candidate;

// The most ranks a record may carry, whatever a configuration says.
constexpr int kMaxRanks = 1000;

std::string text_field(const json::object& o, std::string_view key) {
  auto it = o.find(json::string_view(key.data(), key.size()));
  if (it == o.end()) return "";
  const json::value& v = it->value();
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_int64()) return str_cat(v.as_int64());
  if (v.is_uint64()) return str_cat(v.as_uint64());
  if (v.is_double()) return str_cat(v.as_double());
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  return "";
}

bool bool_field(const json::object& o, std::string_view key) {
  auto it = o.find(json::string_view(key.data(), key.size()));
  if (it == o.end()) return false;
  if (it->value().is_bool()) return it->value().as_bool();
  return text_field(o, key) == "true";
}

absl::StatusOr<std::int64_t> int_field(const json::object& o, std::string_view key,
                                       std::int64_t fallback, std::int64_t low, std::int64_t high,
                                       std::string_view file) {
  std::string text = text_field(o, key);
  if (text.empty()) return fallback;
  std::int64_t value = 0;
  if (!parse_int(text, value) || value < low || value > high) {
    return absl::InvalidArgumentError(str_cat(file, ": ", key, " must be an integer from ", low,
                                              " to ", high, ", not '", text, "'"));
  }
  return value;
}

absl::StatusOr<Rational> decimal_field(const json::object& o, std::string_view key,
                                       std::string_view file) {
  std::string text = text_field(o, key);
  if (text.empty()) return Rational(0);
  auto value = parse_decimal_text(text);
  if (!value.ok() || text.size() > 40) {
    return absl::InvalidArgumentError(str_cat(file, ": ", key, " '", text, "' is not a decimal"));
  }
  return value;
}

struct Source {
  std::string path, provider, contest_id;
  int first_column = 0, first_row = 0;
  std::string overvote_label, skipped_label, write_in_label, overvote_delimiter;
  bool blank_is_write_in = false;
};

// Turns what a record says at one rank into marks: candidate names and aliases, the overvote
// and skipped-rank labels, undeclared write-ins.
class Names {
 public:
  Names(const std::vector<std::pair<std::string, std::vector<std::string>>>& candidates,
        std::optional<Candidate> write_in)
      : write_in_(write_in) {
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      index_[candidates[i].first] = static_cast<Candidate>(i);
      for (const auto& alias : candidates[i].second) index_[alias] = static_cast<Candidate>(i);
    }
  }

  // marks(cell, source, out) — appends the marks a cell stands for; false for an unknown name.
  bool marks(std::string_view cell, const Source& source, std::vector<Candidate>& out) const {
    cell = trim(cell);
    if (cell.empty()) {
      if (source.blank_is_write_in && write_in_) out.push_back(*write_in_);
      return true;
    }
    if (!source.skipped_label.empty() && cell == source.skipped_label) return true;
    if (!source.overvote_label.empty() && cell == source.overvote_label) {
      out.push_back(rctab::kOvervoteMark);
      return true;
    }
    if (!source.overvote_delimiter.empty() &&
        cell.find(source.overvote_delimiter) != std::string_view::npos) {
      std::size_t start = 0;
      while (start <= cell.size()) {
        std::size_t end = cell.find(source.overvote_delimiter, start);
        if (!one(trim(cell.substr(start, end == cell.npos ? cell.npos : end - start)), source,
                 out)) {
          return false;
        }
        if (end == cell.npos) break;
        start = end + source.overvote_delimiter.size();
      }
      return true;
    }
    return one(cell, source, out);
  }

 private:
  bool one(std::string_view name, const Source& source, std::vector<Candidate>& out) const {
    if (!source.write_in_label.empty() && name == source.write_in_label && write_in_) {
      out.push_back(*write_in_);
      return true;
    }
    auto it = index_.find(std::string(name));
    if (it == index_.end()) return false;
    out.push_back(it->second);
    return true;
  }

  absl::flat_hash_map<std::string, Candidate> index_;
  std::optional<Candidate> write_in_;
};

// Collects one record's ranks, merging marks given at the same rank.
class RecordBuilder {
 public:
  void add(int rank, const std::vector<Candidate>& marks) {
    if (marks.empty()) return;
    auto& slot = ranks_[rank];
    slot.insert(slot.end(), marks.begin(), marks.end());
  }
  std::vector<rctab::RankMarks> finish() {
    std::vector<rctab::RankMarks> out;
    for (auto& [rank, marks] : ranks_) out.push_back({rank, std::move(marks)});
    ranks_.clear();
    return out;
  }

 private:
  std::map<int, std::vector<Candidate>> ranks_;
};

absl::Status unknown_name(const std::string& file, std::string_view where, std::string_view name) {
  return absl::InvalidArgumentError(
      str_cat(file, ": ", where, ": '", trim(name), "' is not a candidate of the contest"));
}

absl::Status read_ess(const Source& source, const Names& names, int max_rankings,
                      rctab::Records& records) {
  PARTICIPA_ASSIGN_OR_RETURN(Table table, read_xlsx_first_sheet(source.path));
  RecordBuilder record;
  std::vector<Candidate> marks;
  for (std::size_t r = static_cast<std::size_t>(source.first_row - 1); r < table.size(); ++r) {
    const auto& row = table[r];
    if (std::all_of(row.begin(), row.end(), [](const std::string& c) { return trim(c).empty(); })) {
      continue;
    }
    for (int k = 0; k < max_rankings; ++k) {
      std::size_t col = static_cast<std::size_t>(source.first_column - 1 + k);
      std::string_view cell = col < row.size() ? std::string_view(row[col]) : std::string_view();
      marks.clear();
      if (!names.marks(cell, source, marks)) {
        return unknown_name(source.path, str_cat("row ", r + 1, ", rank ", k + 1), cell);
      }
      record.add(k + 1, marks);
    }
    PARTICIPA_RETURN_IF_ERROR(records.add(record.finish()));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::vector<std::string>>> read_csv_rows(const std::string& path) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, read_file(path));
  std::vector<std::vector<std::string>> rows;
  LineReader lines(text);
  std::string_view line;
  std::vector<std::string> fields;
  while (lines.next(line)) {
    if (!split_csv_record(line, fields)) {
      return at_line(path, lines.line_number(), "a quoted field is not closed");
    }
    rows.push_back(fields);
  }
  return rows;
}

absl::Status read_generic_csv(const Source& source, const Names& names, int max_rankings,
                              rctab::Records& records) {
  PARTICIPA_ASSIGN_OR_RETURN(auto rows, read_csv_rows(source.path));
  if (rows.empty()) return at_line(source.path, 1, "no header row");
  const auto& header = rows.front();
  RecordBuilder record;
  std::vector<Candidate> marks;
  for (std::size_t r = static_cast<std::size_t>(std::max(source.first_row - 1, 1)); r < rows.size();
       ++r) {
    const auto& row = rows[r];
    if (std::all_of(row.begin(), row.end(), [](const std::string& c) { return trim(c).empty(); })) {
      continue;
    }
    for (std::size_t col = static_cast<std::size_t>(source.first_column - 1);
         col < row.size() && col < header.size(); ++col) {
      std::string_view cell = trim(row[col]);
      if (cell.empty()) continue;
      std::int64_t rank = 0;
      if (!parse_int(cell, rank) || rank < 1) {
        return at_line(source.path, r + 1, str_cat("'", cell, "' is not a rank"));
      }
      if (rank > max_rankings) {
        return at_line(source.path, r + 1,
                       str_cat("ranks '", trim(header[col]), "' ", rank,
                               ", above maxRankingsAllowed (", max_rankings, ")"));
      }
      marks.clear();
      if (!names.marks(header[col], source, marks) || marks.empty()) {
        return unknown_name(source.path, str_cat("column ", col + 1), header[col]);
      }
      record.add(static_cast<int>(rank), marks);
    }
    PARTICIPA_RETURN_IF_ERROR(records.add(record.finish()));
  }
  return absl::OkStatus();
}

absl::Status read_clear_ballot(const Source& source, const Names& names, int max_rankings,
                               rctab::Records& records) {
  PARTICIPA_ASSIGN_OR_RETURN(auto rows, read_csv_rows(source.path));
  if (rows.empty()) return at_line(source.path, 1, "no header row");
  // Columns "Choice_<id>_<n>:<contest>:<rank>:<vote for>:<candidate>:<party>".
  struct Column {
    std::size_t index;
    int rank;
    std::vector<Candidate> marks;
  };
  std::vector<Column> columns;
  const auto& header = rows.front();
  for (std::size_t c = 0; c < header.size(); ++c) {
    std::string_view h = header[c];
    if (h.rfind("Choice_", 0) != 0) continue;
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
      std::size_t colon = h.find(':', start);
      parts.push_back(h.substr(start, colon == h.npos ? h.npos : colon - start));
      if (colon == h.npos) break;
      start = colon + 1;
    }
    if (parts.size() < 5) {
      return at_line(source.path, 1,
                     str_cat("column ", c + 1, " '", h, "' is not a choice column"));
    }
    if (parts[1] != source.contest_id) continue;
    std::int64_t rank = 0;
    if (!parse_int(parts[2], rank) || rank < 1 || rank > kMaxRanks) {
      return at_line(source.path, 1, str_cat("column ", c + 1, " has rank '", parts[2], "'"));
    }
    if (rank > max_rankings) continue;
    Column column{c, static_cast<int>(rank), {}};
    if (!names.marks(parts[4], source, column.marks) || column.marks.empty()) {
      return unknown_name(source.path, str_cat("column ", c + 1), parts[4]);
    }
    columns.push_back(std::move(column));
  }
  if (columns.empty()) {
    return at_line(source.path, 1,
                   str_cat("no choice column for contest '", source.contest_id, "'"));
  }
  RecordBuilder record;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() == 1 && trim(row[0]).empty()) continue;
    for (const Column& column : columns) {
      if (column.index < row.size() && trim(row[column.index]) == "1") {
        record.add(column.rank, column.marks);
      }
    }
    PARTICIPA_RETURN_IF_ERROR(records.add(record.finish()));
  }
  return absl::OkStatus();
}

const json::value* member(const json::value& v, std::string_view key) {
  if (!v.is_object()) return nullptr;
  return v.as_object().if_contains(json::string_view(key.data(), key.size()));
}

std::string member_text(const json::value& v, std::string_view key) {
  const json::value* m = member(v, key);
  if (m == nullptr) return "";
  if (m->is_string()) return std::string(m->as_string());
  if (m->is_int64()) return str_cat(m->as_int64());
  return "";
}

absl::Status read_cdf(const Source& source, const Names& names, int max_rankings,
                      rctab::Records& records) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, read_file(source.path));
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec) return absl::InvalidArgumentError(str_cat(source.path, ": not JSON: ", ec.message()));
  const json::value* elections = member(doc, "Election");
  if (elections == nullptr || !elections->is_array() || elections->as_array().empty()) {
    return absl::InvalidArgumentError(str_cat(source.path, ": no Election"));
  }
  std::map<std::string, std::string> candidate_name;
  std::map<std::string, std::string> selection_candidate;
  std::string contest_id;
  for (const json::value& election : elections->as_array()) {
    if (const json::value* cs = member(election, "Candidate"); cs && cs->is_array()) {
      for (const json::value& c : cs->as_array()) {
        candidate_name[member_text(c, "@id")] = member_text(c, "Name");
      }
    }
    if (const json::value* contests = member(election, "Contest");
        contests && contests->is_array()) {
      for (const json::value& contest : contests->as_array()) {
        if (member_text(contest, "Name") != source.contest_id &&
            member_text(contest, "@id") != source.contest_id) {
          continue;
        }
        contest_id = member_text(contest, "@id");
        if (const json::value* sel = member(contest, "ContestSelection"); sel && sel->is_array()) {
          for (const json::value& s : sel->as_array()) {
            const json::value* ids = member(s, "CandidateIds");
            std::string candidate;
            if (ids && ids->is_array() && !ids->as_array().empty() &&
                ids->as_array()[0].is_string()) {
              candidate = std::string(ids->as_array()[0].as_string());
            }
            selection_candidate[member_text(s, "@id")] = candidate;
          }
        }
      }
    }
  }
  if (contest_id.empty()) {
    return absl::InvalidArgumentError(
        str_cat(source.path, ": no contest named '", source.contest_id, "'"));
  }
  const json::value* cvrs = member(doc, "CVR");
  if (cvrs == nullptr || !cvrs->is_array()) {
    return absl::InvalidArgumentError(str_cat(source.path, ": no CVR list"));
  }
  RecordBuilder record;
  std::vector<Candidate> marks;
  std::size_t number = 0;
  for (const json::value& cvr : cvrs->as_array()) {
    ++number;
    std::string current = member_text(cvr, "CurrentSnapshotId");
    const json::value* snapshots = member(cvr, "CVRSnapshot");
    if (snapshots == nullptr || !snapshots->is_array()) {
      return absl::InvalidArgumentError(str_cat(source.path, ": CVR ", number, " has no snapshot"));
    }
    const json::value* snapshot = nullptr;
    for (const json::value& s : snapshots->as_array()) {
      if (snapshot == nullptr || member_text(s, "@id") == current) snapshot = &s;
    }
    if (const json::value* contests = member(*snapshot, "CVRContest");
        contests && contests->is_array()) {
      for (const json::value& contest : contests->as_array()) {
        if (member_text(contest, "ContestId") != contest_id) continue;
        const json::value* selections = member(contest, "CVRContestSelection");
        if (selections == nullptr || !selections->is_array()) continue;
        for (const json::value& sel : selections->as_array()) {
          std::string selection = member_text(sel, "ContestSelectionId");
          auto found = selection_candidate.find(selection);
          if (found == selection_candidate.end()) {
            return absl::InvalidArgumentError(str_cat(
                source.path, ": CVR ", number, " names unknown selection '", selection, "'"));
          }
          std::string name =
              candidate_name.count(found->second) ? candidate_name[found->second] : found->second;
          const json::value* positions = member(sel, "SelectionPosition");
          if (positions == nullptr || !positions->is_array()) continue;
          for (const json::value& pos : positions->as_array()) {
            if (member_text(pos, "HasIndication") == "no") continue;
            std::int64_t rank = 0;
            if (!parse_int(member_text(pos, "Rank"), rank) || rank < 1 || rank > kMaxRanks) {
              return absl::InvalidArgumentError(str_cat(
                  source.path, ": CVR ", number, " has rank '", member_text(pos, "Rank"), "'"));
            }
            if (rank > max_rankings) {
              return absl::InvalidArgumentError(
                  str_cat(source.path, ": CVR ", number, " ranks '", name, "' ", rank,
                          ", above maxRankingsAllowed (", max_rankings, ")"));
            }
            marks.clear();
            if (!names.marks(name, source, marks) || marks.empty()) {
              return unknown_name(source.path, str_cat("CVR ", number), name);
            }
            record.add(static_cast<int>(rank), marks);
          }
        }
      }
    }
    PARTICIPA_RETURN_IF_ERROR(records.add(record.finish()));
  }
  return absl::OkStatus();
}

absl::StatusOr<rctab::WinnerMode> parse_mode(const std::string& text, std::string_view file) {
  static const std::map<std::string, rctab::WinnerMode, std::less<>> modes = {
      {"singleWinnerMajority", rctab::WinnerMode::kSingleWinnerMajority},
      {"multiWinnerAllowOnlyOneWinnerPerRound", rctab::WinnerMode::kMultiWinnerOnePerRound},
      {"multiWinnerAllowMultipleWinnersPerRound", rctab::WinnerMode::kMultiWinnerManyPerRound},
      {"bottomsUp", rctab::WinnerMode::kBottomsUp},
      {"bottomsUpUsingPercentageThreshold", rctab::WinnerMode::kBottomsUpPercentage},
      {"multiPassIrv", rctab::WinnerMode::kMultiPassIrv}};
  auto it = modes.find(text);
  if (it == modes.end()) {
    return absl::InvalidArgumentError(str_cat(file, ": unknown winnerElectionMode '", text, "'"));
  }
  return it->second;
}

absl::StatusOr<rctab::TieBreakPolicy> parse_rctab_tie_break(const std::string& text,
                                                            std::string_view file) {
  static const std::map<std::string, rctab::TieBreakPolicy, std::less<>> modes = {
      {"useCandidateOrder", rctab::TieBreakPolicy::kCandidateOrder},
      {"random", rctab::TieBreakPolicy::kRandom},
      {"generatePermutation", rctab::TieBreakPolicy::kGeneratePermutation},
      {"previousRoundCountsThenRandom", rctab::TieBreakPolicy::kPreviousRoundsThenRandom},
      {"stopCountingAndAsk", rctab::TieBreakPolicy::kStopCountingAndAsk},
      {"previousRoundCountsThenAsk", rctab::TieBreakPolicy::kPreviousRoundsThenAsk}};
  auto it = modes.find(text);
  if (it == modes.end()) {
    return absl::InvalidArgumentError(str_cat(file, ": unknown tiebreakMode '", text, "'"));
  }
  return it->second;
}

absl::StatusOr<rctab::OvervoteRule> parse_overvote(const std::string& text, std::string_view file) {
  if (text == "exhaustImmediately") return rctab::OvervoteRule::kExhaustImmediately;
  if (text == "alwaysSkipToNextRank") return rctab::OvervoteRule::kAlwaysSkipToNextRank;
  if (text == "exhaustIfMultipleContinuing")
    return rctab::OvervoteRule::kExhaustIfMultipleContinuing;
  return absl::InvalidArgumentError(str_cat(file, ": unknown overvoteRule '", text, "'"));
}

}  // namespace

absl::StatusOr<RctabContest> read_rctab_contest(const std::string& config_path) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, read_file(config_path, 16 << 20));
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) {
    return absl::InvalidArgumentError(
        str_cat(config_path, ": not a JSON object", ec ? ": " + ec.message() : ""));
  }
  const json::object& root = doc.as_object();
  auto object_at = [&](std::string_view key) -> const json::object* {
    const json::value* v = root.if_contains(json::string_view(key.data(), key.size()));
    return v && v->is_object() ? &v->as_object() : nullptr;
  };
  const json::object* output = object_at("outputSettings");
  const json::object* rules_json = object_at("rules");
  const json::value* sources_json = root.if_contains("cvrFileSources");
  const json::value* candidates_json = root.if_contains("candidates");
  if (rules_json == nullptr || sources_json == nullptr || !sources_json->is_array() ||
      candidates_json == nullptr || !candidates_json->is_array()) {
    return absl::InvalidArgumentError(str_cat(
        config_path, ": an RCTab configuration needs rules, cvrFileSources and candidates"));
  }
  RctabContest contest;
  std::filesystem::path path(config_path);
  contest.directory = path.parent_path().string();
  contest.stem = path.filename().string();
  if (auto pos = contest.stem.rfind("_config.json"); pos != std::string::npos) {
    contest.stem.resize(pos);
  } else if (auto dot = contest.stem.rfind('.'); dot != std::string::npos) {
    contest.stem.resize(dot);
  }
  if (output != nullptr) {
    contest.contest_name = text_field(*output, "contestName");
    contest.date = text_field(*output, "contestDate");
    contest.jurisdiction = text_field(*output, "contestJurisdiction");
    contest.office = text_field(*output, "contestOffice");
  }

  // Candidates, aliases, exclusions.
  std::vector<std::pair<std::string, std::vector<std::string>>> candidates;
  std::vector<std::string> names;
  std::vector<bool> excluded;
  for (const json::value& c : candidates_json->as_array()) {
    if (!c.is_object())
      return absl::InvalidArgumentError(str_cat(config_path, ": a candidate is not an object"));
    std::string name(trim(text_field(c.as_object(), "name")));
    if (name.empty())
      return absl::InvalidArgumentError(str_cat(config_path, ": a candidate has no name"));
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      return absl::InvalidArgumentError(
          str_cat(config_path, ": candidate '", name, "' is listed twice"));
    }
    std::vector<std::string> aliases;
    if (const json::value* a = c.as_object().if_contains("aliases"); a && a->is_array()) {
      for (const json::value& alias : a->as_array()) {
        if (alias.is_string()) aliases.emplace_back(trim(std::string_view(alias.as_string())));
      }
    }
    candidates.emplace_back(name, aliases);
    names.push_back(name);
    excluded.push_back(bool_field(c.as_object(), "excluded"));
  }
  if (names.empty()) return absl::InvalidArgumentError(str_cat(config_path, ": no candidates"));

  // Rules.
  const json::object& r = *rules_json;
  rctab::Rules& rules = contest.rules;
  PARTICIPA_ASSIGN_OR_RETURN(rules.mode,
                             parse_mode(text_field(r, "winnerElectionMode"), config_path));
  PARTICIPA_ASSIGN_OR_RETURN(rules.tie_break,
                             parse_rctab_tie_break(text_field(r, "tiebreakMode"), config_path));
  PARTICIPA_ASSIGN_OR_RETURN(rules.overvote,
                             parse_overvote(text_field(r, "overvoteRule"), config_path));
  PARTICIPA_ASSIGN_OR_RETURN(std::int64_t seats,
                             int_field(r, "numberOfWinners", 1, 0, 1000, config_path));
  rules.seats = static_cast<int>(seats);
  PARTICIPA_ASSIGN_OR_RETURN(std::int64_t places,
                             int_field(r, "decimalPlacesForVoteArithmetic", 4, 1, 20, config_path));
  rules.decimal_places = static_cast<int>(places);
  const int declared = static_cast<int>(names.size());
  std::string max_rankings = text_field(r, "maxRankingsAllowed");
  if (max_rankings == "max" || max_rankings.empty()) {
    rules.max_rankings = declared;
  } else {
    PARTICIPA_ASSIGN_OR_RETURN(
        std::int64_t m, int_field(r, "maxRankingsAllowed", declared, 1, kMaxRanks, config_path));
    rules.max_rankings = static_cast<int>(m);
  }
  std::string skipped = text_field(r, "maxSkippedRanksAllowed");
  if (skipped == "unlimited") {
    rules.max_skipped_ranks.reset();
  } else {
    PARTICIPA_ASSIGN_OR_RETURN(
        std::int64_t s, int_field(r, "maxSkippedRanksAllowed", 1, 0, kMaxRanks, config_path));
    rules.max_skipped_ranks = static_cast<int>(s);
  }
  PARTICIPA_ASSIGN_OR_RETURN(rules.minimum_vote_threshold,
                             decimal_field(r, "minimumVoteThreshold", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(
      Rational percent, decimal_field(r, "multiSeatBottomsUpPercentageThreshold", config_path));
  rules.bottoms_up_share = percent / 100;
  PARTICIPA_ASSIGN_OR_RETURN(
      std::int64_t stop, int_field(r, "stopTabulationEarlyAfterRound", 0, 0, 100000, config_path));
  rules.stop_after_round = static_cast<int>(stop);
  PARTICIPA_ASSIGN_OR_RETURN(rules.random_seed, int_field(r, "randomSeed", 0, -140737488355328LL,
                                                          140737488355327LL, config_path));
  rules.batch_elimination = bool_field(r, "batchElimination");
  rules.continue_until_two_remain = bool_field(r, "continueUntilTwoCandidatesRemain");
  rules.exhaust_on_duplicate = bool_field(r, "exhaustOnDuplicateCandidate");
  rules.hare_quota = bool_field(r, "hareQuota");
  rules.non_integer_threshold = bool_field(r, "nonIntegerWinningThreshold");
  rules.first_round_determines_threshold = bool_field(r, "doesFirstRoundDetermineThreshold");
  if (rules.mode == rctab::WinnerMode::kBottomsUpPercentage && rules.bottoms_up_share <= 0) {
    return absl::InvalidArgumentError(
        str_cat(config_path,
                ": bottomsUpUsingPercentageThreshold needs multiSeatBottomsUpPercentageThreshold"));
  }
  if (rules.mode != rctab::WinnerMode::kBottomsUpPercentage && rules.seats < 1) {
    return absl::InvalidArgumentError(str_cat(config_path, ": numberOfWinners must be at least 1"));
  }

  // Sources.
  std::vector<Source> sources;
  bool write_ins = false;
  for (const json::value& s : sources_json->as_array()) {
    if (!s.is_object())
      return absl::InvalidArgumentError(str_cat(config_path, ": a CVR source is not an object"));
    const json::object& o = s.as_object();
    Source source;
    std::string file = text_field(o, "filePath");
    if (file.empty())
      return absl::InvalidArgumentError(str_cat(config_path, ": a CVR source has no filePath"));
    std::filesystem::path p(file);
    source.path = p.is_absolute() ? file : (std::filesystem::path(contest.directory) / p).string();
    source.provider = text_field(o, "provider");
    source.contest_id = text_field(o, "contestId");
    PARTICIPA_ASSIGN_OR_RETURN(std::int64_t col,
                               int_field(o, "firstVoteColumnIndex", 1, 1, 1000, config_path));
    PARTICIPA_ASSIGN_OR_RETURN(std::int64_t row,
                               int_field(o, "firstVoteRowIndex", 1, 1, 100000, config_path));
    source.first_column = static_cast<int>(col);
    source.first_row = static_cast<int>(row);
    source.overvote_label = std::string(trim(text_field(o, "overvoteLabel")));
    source.skipped_label = std::string(trim(text_field(o, "skippedRankLabel")));
    source.write_in_label = std::string(trim(text_field(o, "undeclaredWriteInLabel")));
    source.overvote_delimiter = text_field(o, "overvoteDelimiter");
    source.blank_is_write_in = bool_field(o, "treatBlankAsUndeclaredWriteIn");
    write_ins = write_ins || !source.write_in_label.empty() || source.blank_is_write_in;
    sources.push_back(std::move(source));
  }
  if (sources.empty())
    return absl::InvalidArgumentError(str_cat(config_path, ": no cvrFileSources"));

  contest.records = rctab::Records(names, excluded, write_ins);
  Names resolver(candidates, contest.records.undeclared_write_in());
  for (const Source& source : sources) {
    absl::Status read;
    if (source.provider == "ess") {
      read = read_ess(source, resolver, rules.max_rankings, contest.records);
    } else if (source.provider == "genericCsv") {
      read = read_generic_csv(source, resolver, rules.max_rankings, contest.records);
    } else if (source.provider == "clearBallot") {
      read = read_clear_ballot(source, resolver, rules.max_rankings, contest.records);
    } else if (source.provider == "cdf") {
      read = read_cdf(source, resolver, rules.max_rankings, contest.records);
    } else {
      return absl::InvalidArgumentError(
          str_cat(config_path, ": CVR provider '", source.provider,
                  "' is not supported (ess, cdf, clearBallot, genericCsv)"));
    }
    PARTICIPA_RETURN_IF_ERROR(read);
  }
  return contest;
}

absl::StatusOr<std::vector<rctab::Result>> tabulate_rctab(const RctabContest& contest) {
  if (contest.rules.mode == rctab::WinnerMode::kMultiPassIrv) {
    return rctab::tabulate_passes(contest.records, contest.rules);
  }
  PARTICIPA_ASSIGN_OR_RETURN(rctab::Result report, rctab::tabulate(contest.records, contest.rules));
  return std::vector<rctab::Result>{std::move(report)};
}

std::string rctab_report_json(const RctabContest& contest, const rctab::Result& report) {
  const int places = report.decimal_places;
  auto number = [&](const Rational& v) { return json::value(rctab::format_decimal(v, places)); };
  const auto& names = report.candidates;
  json::object config;
  config["contest"] = contest.contest_name;
  config["date"] = contest.date;
  config["generatedBy"] = str_cat("participa ", kVersion);
  config["jurisdiction"] = contest.jurisdiction;
  config["office"] = contest.office;
  const bool surplus = contest.rules.seats > 1 &&
                       contest.rules.mode != rctab::WinnerMode::kBottomsUp &&
                       contest.rules.mode != rctab::WinnerMode::kBottomsUpPercentage &&
                       contest.rules.mode != rctab::WinnerMode::kMultiPassIrv;
  json::array results;
  for (const rctab::Round& round : report.rounds) {
    json::object inactive;
    auto at = [&](rctab::Inactive kind) { return round.inactive[static_cast<int>(kind)]; };
    inactive["exhaustedChoices"] = number(at(rctab::Inactive::kExhaustedChoices));
    if (surplus && round.number == static_cast<int>(report.rounds.size())) {
      inactive["finalRoundSurplus"] = number(at(rctab::Inactive::kFinalRoundSurplus));
    }
    inactive["overvotes"] = number(at(rctab::Inactive::kOvervote));
    inactive["repeatedRankings"] = number(at(rctab::Inactive::kRepeatedRankings));
    inactive["skippedRankings"] = number(at(rctab::Inactive::kSkippedRankings));
    json::object tally;
    for (const auto& [c, votes] : round.tally) tally[names[c]] = number(votes);
    json::array actions;
    for (const rctab::Action& action : round.actions) {
      json::object a;
      a[action.elected ? "elected" : "eliminated"] = names[action.candidate];
      json::object transfers;
      for (const auto& [target, votes] : action.transfers) {
        std::string key = target.kind == rctab::Target::kCandidate   ? names[target.candidate]
                          : target.kind == rctab::Target::kExhausted ? "exhausted"
                                                                     : "residual surplus";
        transfers[key] = number(votes);
      }
      a["transfers"] = std::move(transfers);
      actions.push_back(std::move(a));
    }
    json::object r;
    r["inactiveBallots"] = std::move(inactive);
    r["round"] = round.number;
    r["tally"] = std::move(tally);
    r["tallyResults"] = std::move(actions);
    r["threshold"] = number(round.threshold);
    results.push_back(std::move(r));
  }
  json::object summary;
  summary["finalThreshold"] =
      report.rounds.empty() ? json::value("0") : number(report.rounds.back().threshold);
  summary["numCandidates"] = report.num_candidates;
  summary["numWinners"] = report.num_winners;
  summary["totalNumBallots"] = number(report.total_ballots);
  summary["undervotes"] =
      static_cast<std::int64_t>(numerator(report.undervotes) / denominator(report.undervotes));
  json::object root;
  root["config"] = std::move(config);
  root["jsonFormatVersion"] = "1";
  root["results"] = std::move(results);
  root["summary"] = std::move(summary);
  return json::serialize(root);
}

absl::StatusOr<std::vector<std::string>> run_rctab(const std::string& config_path,
                                                   const std::string& output_dir) {
  PARTICIPA_ASSIGN_OR_RETURN(RctabContest contest, read_rctab_contest(config_path));
  PARTICIPA_ASSIGN_OR_RETURN(auto reports, tabulate_rctab(contest));
  std::string dir = output_dir.empty() ? contest.directory : output_dir;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::vector<std::string> written;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    std::string name = reports.size() == 1
                           ? str_cat(contest.stem, "_detailed_report.json")
                           : str_cat(contest.stem, "_", i + 1, "_detailed_report.json");
    std::string path = (std::filesystem::path(dir) / name).string();
    std::ofstream out(path, std::ios::binary);
    out << rctab_report_json(contest, reports[i]) << "\n";
    if (!out) return absl::DataLossError(str_cat(path, ": cannot write the report"));
    written.push_back(path);
  }
  return written;
}

}  // namespace participa::io
