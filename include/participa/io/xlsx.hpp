// participa/io/xlsx.hpp — the first worksheet of an .xlsx workbook as a table of text cells.
//
// Enough of Office Open XML to read cast-vote-record exports: the workbook's first sheet,
// shared and inline strings, numbers as written. Rows and columns are 0-based; a missing cell
// is an empty string. libzip opens the archive and pugixml parses the parts.
//
// Limits: the archive must be under kMaxFileBytes; an XML part over kMaxXlsxPartBytes once
// decompressed, or a sheet over kMaxXlsxCells cells, is refused (OutOfRange) rather than read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace participa::io {

inline constexpr std::uint64_t kMaxXlsxPartBytes = std::uint64_t{512} << 20;
inline constexpr std::uint64_t kMaxXlsxCells = 50'000'000;

using Table = std::vector<std::vector<std::string>>;

// read_xlsx_first_sheet(path) — NotFound if missing, DataLoss for a damaged archive or XML.
absl::StatusOr<Table> read_xlsx_first_sheet(const std::string& path);
// parse_xlsx_first_sheet(bytes, name) — the same from the archive's bytes.
absl::StatusOr<Table> parse_xlsx_first_sheet(const std::string& bytes, const std::string& name);

}  // namespace participa::io
