#include "io/rctab_sources.hpp"

#include "participa/core/status_macros.hpp"
#include "participa/io/files.hpp"

namespace participa::io::detail {

absl::StatusOr<std::vector<std::vector<std::string>>> read_csv_rows(const std::string& path) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string raw, read_file(path));
  std::string decoded;
  PARTICIPA_ASSIGN_OR_RETURN(std::string_view text, decode_text(raw, path, decoded));
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
  PARTICIPA_RETURN_IF_ERROR(check_first_column(source, header.size()));
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
    PARTICIPA_RETURN_IF_ERROR(records.add(record.finish(), 1, origin_of(source, row)));
  }
  return absl::OkStatus();
}

}  // namespace participa::io::detail
