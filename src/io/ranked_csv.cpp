#include "participa/io/ranked_csv.hpp"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "io/text.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/files.hpp"

namespace participa::io {

absl::StatusOr<tally::Profile> parse_ranked_csv(std::string_view text, std::string_view name) {
  std::string decoded;
  PARTICIPA_ASSIGN_OR_RETURN(text, decode_text(text, name, decoded));
  LineReader lines(text);
  std::string_view line;
  std::vector<std::string> fields;
  bool header = true;
  bool has_count = false;
  std::vector<std::string> header_cells;
  std::size_t header_line = 0;
  // The candidate list grows as names appear, so ballots are held as names until the end.
  std::vector<std::string> names;
  absl::flat_hash_map<std::string, tally::Candidate> index;
  struct Row {
    std::uint64_t count;
    std::size_t line;
    std::vector<tally::Candidate> marks;
    std::vector<std::int32_t> levels;
  };
  std::vector<Row> rows;
  while (lines.next(line)) {
    const std::size_t n = lines.line_number();
    if (trim(line).empty()) continue;
    if (!split_csv_record(line, fields)) return at_line(name, n, "a quoted field is not closed");
    if (header) {
      std::string first(trim(fields[0]));
      absl::AsciiStrToLower(&first);
      has_count = first == "count" || first == "weight";
      for (std::size_t f = has_count ? 1 : 0; f < fields.size(); ++f) {
        header_cells.emplace_back(trim(fields[f]));
      }
      header_line = n;
      header = false;
      continue;
    }
    Row row{1, n, {}, {}};
    std::size_t start = 0;
    if (has_count) {
      if (!parse_uint(trim(fields[0]), row.count)) {
        return at_line(name, n, str_cat("'", fields[0], "' is not a count"));
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
        if (part.empty()) return at_line(name, n, str_cat("'", cell, "' has an empty name"));
        std::string key(part);
        auto it = index.find(key);
        if (it == index.end()) {
          if (names.size() >= tally::Profile::kMaxCandidates) {
            return at_line(name, n, "too many candidates");
          }
          it = index.emplace(key, static_cast<tally::Candidate>(names.size())).first;
          names.push_back(key);
        }
        if (std::find(row.marks.begin(), row.marks.end(), it->second) != row.marks.end()) {
          return at_line(name, n, str_cat("ranks '", key, "' twice"));
        }
        row.marks.push_back(it->second);
        row.levels.push_back(level);
        if (eq == cell.npos) break;
        from = eq + 1;
      }
      ++level;
    }
    rows.push_back(std::move(row));
  }
  if (header) return at_line(name, lines.line_number(), "no header row");
  if (names.empty()) return at_line(name, lines.line_number(), "no candidate is ranked");
  // A file without a header would lose its first ballot silently: a header that names a
  // candidate the ballots rank is taken for that mistake.
  for (const std::string& cell : header_cells) {
    for (std::size_t from = 0; from <= cell.size();) {
      const std::size_t eq = std::min(cell.find('=', from), cell.size());
      const std::string_view part = trim(std::string_view(cell).substr(from, eq - from));
      from = eq + 1;
      if (index.contains(std::string(part))) {
        return at_line(name, header_line,
                       str_cat("the header names '", part,
                               "', a candidate the ballots rank: a ranked CSV begins with a "
                               "header row (\"rank 1,rank 2,...\"), and this first row looks "
                               "like a ballot"));
      }
    }
  }
  // Number candidates by name, not by first appearance, so that neither the digest nor a
  // candidate-order tie-break depends on the order of the rows.
  std::vector<tally::Candidate> by_name(names.size());
  for (std::size_t i = 0; i < by_name.size(); ++i) by_name[i] = static_cast<tally::Candidate>(i);
  std::sort(by_name.begin(), by_name.end(),
            [&](tally::Candidate a, tally::Candidate b) { return names[a] < names[b]; });
  std::vector<tally::Candidate> renumbered(names.size());
  std::vector<std::string> sorted_names;
  for (std::size_t i = 0; i < by_name.size(); ++i) {
    renumbered[by_name[i]] = static_cast<tally::Candidate>(i);
    sorted_names.push_back(std::move(names[by_name[i]]));
  }
  for (Row& row : rows) {
    for (tally::Candidate& c : row.marks) c = renumbered[c];
  }
  PARTICIPA_ASSIGN_OR_RETURN(
      tally::Profile profile,
      tally::Profile::create(std::move(sorted_names), tally::BallotKind::kRanked));
  for (const Row& row : rows) {
    auto added = profile.add(tally::BallotView{row.marks, row.levels}, row.count);
    if (!added.ok()) {
      return at_line(name, row.line,
                     std::string_view(added.message().data(), added.message().size()));
    }
  }
  return profile;
}

absl::StatusOr<tally::Profile> read_ranked_csv_file(const std::string& path) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, read_file(path));
  return parse_ranked_csv(text, path);
}

}  // namespace participa::io
