#include <algorithm>

#include "io/rctab_sources.hpp"

#include "participa/core/status_macros.hpp"
#include "participa/io/files.hpp"

namespace participa::io::detail {

// Clear Ballot's RCV CSV: one column per choice and rank, "1" where marked. A record's precinct
// is its PrecinctID column, as RCTab reads it; the format names no batch.
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
  const auto precinct_column =
      std::find(header.begin(), header.end(), "PrecinctID") - header.begin();
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
    rctab::Origin origin;
    if (static_cast<std::size_t>(precinct_column) < row.size()) {
      origin.precinct = std::string(trim(row[static_cast<std::size_t>(precinct_column)]));
    }
    PARTICIPA_RETURN_IF_ERROR(records.add(record.finish(), 1, origin));
  }
  return absl::OkStatus();
}

}  // namespace participa::io::detail
