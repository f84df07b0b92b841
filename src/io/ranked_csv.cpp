#include "participa/io/ranked_csv.hpp"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "io/text.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/files.hpp"
#include "participa/tally/profile_builder.hpp"

namespace participa::io {

namespace {

// A ranked CSV read row by row: the header (with an optional count column), then each ballot
// held as candidate numbers in order of first appearance; at the end the candidates are
// renumbered by name and the profile built.
class RankedCsvReader {
 public:
  explicit RankedCsvReader(std::string_view name) : name_(name) {}
  void read_header(const std::vector<std::string>& fields, std::size_t line);
  absl::Status read_ballot(const std::vector<std::string>& fields, std::size_t line);
  absl::StatusOr<tally::Profile> finish(std::size_t last_line);

 private:
  struct Row {
    std::uint64_t count;
    std::size_t line;
    std::vector<tally::Candidate> marks;
    std::vector<std::int32_t> levels;
  };
  absl::StatusOr<tally::Candidate> candidate(const std::string& key, std::size_t line);
  absl::Status check_header_is_not_a_ballot() const;

  std::string_view name_;
  bool has_count_ = false;
  std::vector<std::string> header_cells_;
  std::size_t header_line_ = 0;
  // The candidate list grows as names appear, so ballots are held as numbers until the end.
  std::vector<std::string> names_;
  absl::flat_hash_map<std::string, tally::Candidate> index_;
  std::vector<Row> rows_;
};

void RankedCsvReader::read_header(const std::vector<std::string>& fields, std::size_t line) {
  std::string first(trim(fields[0]));
  absl::AsciiStrToLower(&first);
  has_count_ = first == "count" || first == "weight";
  for (std::size_t f = has_count_ ? 1 : 0; f < fields.size(); ++f) {
    header_cells_.emplace_back(trim(fields[f]));
  }
  header_line_ = line;
}

absl::StatusOr<tally::Candidate> RankedCsvReader::candidate(const std::string& key,
                                                            std::size_t line) {
  auto it = index_.find(key);
  if (it != index_.end()) return it->second;
  if (names_.size() >= tally::Profile::kMaxCandidates) {
    return at_line(name_, line, "too many candidates");
  }
  names_.push_back(key);
  return index_.emplace(key, static_cast<tally::Candidate>(names_.size() - 1)).first->second;
}

// A ballot row: an optional count, then one cell per rank, candidates of an equal rank joined by
// '='; empty cells are skipped ranks.
absl::Status RankedCsvReader::read_ballot(const std::vector<std::string>& fields,
                                          std::size_t line) {
  Row row{1, line, {}, {}};
  std::size_t start = 0;
  if (has_count_) {
    if (!parse_uint(trim(fields[0]), row.count)) {
      return at_line(name_, line, str_cat("'", fields[0], "' is not a count"));
    }
    start = 1;
  }
  std::int32_t level = 0;
  for (std::size_t f = start; f < fields.size(); ++f) {
    std::string_view cell = trim(fields[f]);
    if (cell.empty()) continue;
    std::size_t from = 0;
    while (from <= cell.size()) {
      std::size_t eq = cell.find('=', from);
      std::string_view part = trim(cell.substr(from, eq == cell.npos ? cell.npos : eq - from));
      if (part.empty()) return at_line(name_, line, str_cat("'", cell, "' has an empty name"));
      std::string key(part);
      PARTICIPA_ASSIGN_OR_RETURN(tally::Candidate c, candidate(key, line));
      if (std::find(row.marks.begin(), row.marks.end(), c) != row.marks.end()) {
        return at_line(name_, line, str_cat("ranks '", key, "' twice"));
      }
      row.marks.push_back(c);
      row.levels.push_back(level);
      if (eq == cell.npos) break;
      from = eq + 1;
    }
    ++level;
  }
  rows_.push_back(std::move(row));
  return absl::OkStatus();
}

// A file without a header would lose its first ballot silently: a header that names a candidate
// the ballots rank is taken for that mistake.
absl::Status RankedCsvReader::check_header_is_not_a_ballot() const {
  for (const std::string& cell : header_cells_) {
    for (std::size_t from = 0; from <= cell.size();) {
      const std::size_t eq = std::min(cell.find('=', from), cell.size());
      const std::string_view part = trim(std::string_view(cell).substr(from, eq - from));
      from = eq + 1;
      if (index_.contains(std::string(part))) {
        return at_line(name_, header_line_,
                       str_cat("the header names '", part,
                               "', a candidate the ballots rank: a ranked CSV begins with a "
                               "header row (\"rank 1,rank 2,...\"), and this first row looks "
                               "like a ballot"));
      }
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<tally::Profile> RankedCsvReader::finish(std::size_t last_line) {
  if (names_.empty()) return at_line(name_, last_line, "no candidate is ranked");
  PARTICIPA_RETURN_IF_ERROR(check_header_is_not_a_ballot());
  // Number candidates by name, not by first appearance, so that neither the digest nor a
  // candidate-order tie-break depends on the order of the rows.
  std::vector<tally::Candidate> by_name(names_.size());
  for (std::size_t i = 0; i < by_name.size(); ++i) by_name[i] = static_cast<tally::Candidate>(i);
  std::sort(by_name.begin(), by_name.end(),
            [&](tally::Candidate a, tally::Candidate b) { return names_[a] < names_[b]; });
  std::vector<tally::Candidate> renumbered(names_.size());
  std::vector<std::string> sorted_names;
  for (std::size_t i = 0; i < by_name.size(); ++i) {
    renumbered[by_name[i]] = static_cast<tally::Candidate>(i);
    sorted_names.push_back(std::move(names_[by_name[i]]));
  }
  for (Row& row : rows_) {
    for (tally::Candidate& c : row.marks) c = renumbered[c];
  }
  PARTICIPA_ASSIGN_OR_RETURN(
      tally::ProfileBuilder profile,
      tally::ProfileBuilder::create(std::move(sorted_names), tally::BallotKind::kRanked));
  for (const Row& row : rows_) {
    auto added = profile.add(tally::BallotView{row.marks, row.levels}, row.count);
    if (!added.ok()) {
      return at_line(name_, row.line,
                     std::string_view(added.message().data(), added.message().size()));
    }
  }
  return profile.build();
}

}  // namespace

absl::StatusOr<tally::Profile> parse_ranked_csv(std::string_view text, std::string_view name) {
  std::string decoded;
  PARTICIPA_ASSIGN_OR_RETURN(text, decode_text(text, name, decoded));
  LineReader lines(text);
  std::string_view line;
  std::vector<std::string> fields;
  RankedCsvReader reader(name);
  bool header = true;
  while (lines.next(line)) {
    const std::size_t n = lines.line_number();
    if (trim(line).empty()) continue;
    if (!split_csv_record(line, fields)) return at_line(name, n, "a quoted field is not closed");
    if (header) {
      reader.read_header(fields, n);
      header = false;
    } else {
      PARTICIPA_RETURN_IF_ERROR(reader.read_ballot(fields, n));
    }
  }
  if (header) return at_line(name, lines.line_number(), "no header row");
  return reader.finish(lines.line_number());
}

absl::StatusOr<tally::Profile> read_ranked_csv_file(const std::string& path) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, read_file(path));
  return parse_ranked_csv(text, path);
}

}  // namespace participa::io
