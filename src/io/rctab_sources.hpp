// src/io/rctab_sources.hpp — what RCTab's cast-vote-record readers share (private to io).
//
// A configuration names CVR sources, each read by the reader of its provider (ess, cdf as
// JSON or XML, clearBallot, genericCsv, hart, dominion) into the contest's records; `Names` turns
// what a record says at a rank into marks, and `RecordBuilder` gathers a record's ranks.
#pragma once

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "io/text.hpp"
#include "participa/core/strings.hpp"
#include "participa/tally/rctab.hpp"

namespace participa::io::detail {

namespace rctab = tally::rctab;
using tally::Candidate;

// The most ranks a record may carry, whatever a configuration says.
inline constexpr int kMaxRanks = 1000;

// record_rank(text, max_rankings, where, what) — the rank a record writes as `text`. Refused
// when it is not a whole number from 1 to kMaxRanks ("WHERE has rank 'TEXT'") or lies above the
// contest's maxRankingsAllowed ("WHERE ranks WHAT R, above maxRankingsAllowed (M)").
inline absl::StatusOr<int> record_rank(std::string_view text, int max_rankings,
                                       std::string_view where, std::string_view what) {
  std::int64_t rank = 0;
  if (!parse_int(text, rank) || rank < 1 || rank > kMaxRanks) {
    return absl::InvalidArgumentError(str_cat(where, " has rank '", text, "'"));
  }
  if (rank > max_rankings) {
    return absl::InvalidArgumentError(str_cat(where, " ranks ", what, " ", rank,
                                              ", above maxRankingsAllowed (", max_rankings, ")"));
  }
  return static_cast<int>(rank);
}

struct Source {
  std::string path, provider, contest_id;
  int first_column = 0, first_row = 0;
  std::string overvote_label, skipped_label, write_in_label, overvote_delimiter;
  bool blank_is_write_in = false;
  // 1-based columns naming each record's precinct and batch (0: none).
  int precinct_column = 0, batch_column = 0;
};

// origin_of(source, row) — the precinct and batch a row of a column-based source names.
inline rctab::Origin origin_of(const Source& source, const std::vector<std::string>& row) {
  auto cell = [&](int column) {
    const auto at = static_cast<std::size_t>(column);
    return column > 0 && at <= row.size() ? std::string(trim(row[at - 1])) : std::string();
  };
  return {cell(source.precinct_column), cell(source.batch_column)};
}

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

  // The candidate collecting undeclared write-ins, when the configuration declares one.
  std::optional<Candidate> write_in() const { return write_in_; }

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

inline absl::Status unknown_name(const std::string& file, std::string_view where,
                                 std::string_view name) {
  return absl::InvalidArgumentError(
      str_cat(file, ": ", where, ": '", trim(name), "' is not a candidate of the contest"));
}

// check_first_column(source, columns) — InvalidArgument when firstVoteColumnIndex lies past
// the file's last column, where every record would read as an undervote.
inline absl::Status check_first_column(const Source& source, std::size_t columns) {
  if (static_cast<std::size_t>(source.first_column) <= columns) return absl::OkStatus();
  return absl::InvalidArgumentError(str_cat(source.path, ": firstVoteColumnIndex ",
                                            source.first_column, " is past the last column (",
                                            columns, ")"));
}

// file_safe(name) — the name as RCTab puts it in file names and identifiers: every character
// but ASCII letters, digits, '_', '-' and '.' becomes '_'.
inline std::string file_safe(std::string_view name) {
  std::string out(name);
  for (char& ch : out) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || (!std::isalnum(c) && ch != '_' && ch != '-' && ch != '.')) ch = '_';
  }
  return out;
}

// lowercase_extension(path) — ".xml" for "R1.XML": providers do not agree on the case.
inline std::string lowercase_extension(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension;
}

// files_in(folder, keep, what) — the plain files of a source folder that `keep(name)` accepts,
// sorted by path so records are read in the same order everywhere; InvalidArgument naming
// `what` when the source is not a folder or holds none.
template <class Keep>
absl::StatusOr<std::vector<std::string>> files_in(const std::string& folder, Keep keep,
                                                  std::string_view what) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    return absl::InvalidArgumentError(str_cat(folder, ": this provider reads a folder of ", what));
  }
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (entry.is_regular_file() && keep(entry.path().filename().string())) {
      files.push_back(entry.path().string());
    }
  }
  if (ec) return absl::InvalidArgumentError(str_cat(folder, ": ", ec.message()));
  if (files.empty()) return absl::InvalidArgumentError(str_cat(folder, ": no ", what));
  std::sort(files.begin(), files.end());
  return files;
}

// read_csv_rows(path) — every row of a CSV file, fields unquoted.
absl::StatusOr<std::vector<std::vector<std::string>>> read_csv_rows(const std::string& path);

// The readers, one per provider: each appends the records of `source` to `records`, reading at
// most `max_rankings` ranks; InvalidArgument naming the file and row for what it cannot read.
absl::Status read_ess(const Source& source, const Names& names, int max_rankings,
                      rctab::Records& records);
absl::Status read_generic_csv(const Source& source, const Names& names, int max_rankings,
                              rctab::Records& records);
absl::Status read_clear_ballot(const Source& source, const Names& names, int max_rankings,
                               rctab::Records& records);
absl::Status read_cdf(const Source& source, const Names& names, int max_rankings,
                      rctab::Records& records);
absl::Status read_cdf_xml(const Source& source, const Names& names, int max_rankings,
                          rctab::Records& records);
absl::Status read_hart(const Source& source, const Names& names, int max_rankings,
                       rctab::Records& records);
absl::Status read_dominion(const Source& source, const Names& names, int max_rankings,
                           rctab::Records& records);

}  // namespace participa::io::detail
