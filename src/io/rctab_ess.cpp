#include "io/rctab_sources.hpp"

#include <algorithm>

#include "participa/core/status_macros.hpp"
#include "participa/io/xlsx.hpp"

namespace participa::io::detail {

absl::Status read_ess(const Source& source, const Names& names, int max_rankings,
                      rctab::Records& records) {
  PARTICIPA_ASSIGN_OR_RETURN(Table table, read_xlsx_first_sheet(source.path));
  std::size_t widest = 0;
  for (const auto& row : table) widest = std::max(widest, row.size());
  PARTICIPA_RETURN_IF_ERROR(check_first_column(source, widest));
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
    PARTICIPA_RETURN_IF_ERROR(records.add(record.finish(), 1, origin_of(source, row)));
  }
  return absl::OkStatus();
}

}  // namespace participa::io::detail
