#include "participa/io/xlsx.hpp"

#include <zip.h>

#include <memory>
#include <pugixml.hpp>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/files.hpp"

namespace participa::io {
namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using Zip = std::unique_ptr<zip_t, ZipCloser>;

absl::StatusOr<std::string> read_part(zip_t* archive, const std::string& part,
                                      const std::string& name) {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(archive, part.c_str(), 0, &stat) != 0) {
    return absl::NotFoundError(str_cat(name, ": the workbook has no part ", part));
  }
  if ((stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > kMaxXlsxPartBytes) {
    return absl::OutOfRangeError(
        str_cat(name, ": ", part, " is larger than ", kMaxXlsxPartBytes, " bytes"));
  }
  zip_file_t* file = zip_fopen(archive, part.c_str(), 0);
  if (file == nullptr) return absl::DataLossError(str_cat(name, ": cannot open ", part));
  std::string data(stat.size, '\0');
  zip_int64_t got = zip_fread(file, data.data(), stat.size);
  zip_fclose(file);
  if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) {
    return absl::DataLossError(str_cat(name, ": ", part, " is damaged"));
  }
  return data;
}

absl::StatusOr<pugi::xml_document> parse_xml(const std::string& text, const std::string& part,
                                             const std::string& name) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed) {
    return absl::DataLossError(str_cat(name, ": ", part, " is not valid XML (",
                                       parsed.description(), " at byte ", parsed.offset, ")"));
  }
  return doc;
}

// "AB12" -> column 27 (0-based); -1 if malformed.
std::int64_t column_of(const char* ref) {
  std::int64_t col = 0;
  int letters = 0;
  for (; *ref >= 'A' && *ref <= 'Z'; ++ref, ++letters) {
    col = col * 26 + (*ref - 'A' + 1);
    if (letters > 3) return -1;
  }
  return letters == 0 ? -1 : col - 1;
}

// Path of the workbook's first sheet, from workbook.xml and its relationships.
std::string first_sheet_path(zip_t* archive, const std::string& name) {
  auto workbook = read_part(archive, "xl/workbook.xml", name);
  auto rels = read_part(archive, "xl/_rels/workbook.xml.rels", name);
  if (!workbook.ok() || !rels.ok()) return "xl/worksheets/sheet1.xml";
  auto wb = parse_xml(*workbook, "xl/workbook.xml", name);
  auto rl = parse_xml(*rels, "xl/_rels/workbook.xml.rels", name);
  if (!wb.ok() || !rl.ok()) return "xl/worksheets/sheet1.xml";
  pugi::xml_node sheet = wb->child("workbook").child("sheets").child("sheet");
  std::string id = sheet.attribute("r:id").as_string();
  for (pugi::xml_node r : rl->child("Relationships").children("Relationship")) {
    if (id == r.attribute("Id").as_string()) {
      std::string target = r.attribute("Target").as_string();
      if (!target.empty() && target[0] == '/') return target.substr(1);
      return "xl/" + target;
    }
  }
  return "xl/worksheets/sheet1.xml";
}

}  // namespace

absl::StatusOr<Table> parse_xlsx_first_sheet(const std::string& bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) return absl::DataLossError(str_cat(name, ": cannot read the archive"));
  Zip archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!archive) {
    zip_source_free(source);
    return absl::DataLossError(
        str_cat(name, ": not an .xlsx (zip) archive: ", zip_error_strerror(&error)));
  }
  std::vector<std::string> shared;
  if (auto strings = read_part(archive.get(), "xl/sharedStrings.xml", name); strings.ok()) {
    PARTICIPA_ASSIGN_OR_RETURN(auto doc, parse_xml(*strings, "xl/sharedStrings.xml", name));
    for (pugi::xml_node si : doc.child("sst").children("si")) {
      std::string text;
      if (pugi::xml_node t = si.child("t")) {
        text = t.child_value();
      } else {
        for (pugi::xml_node r : si.children("r")) text += r.child("t").child_value();
      }
      shared.push_back(std::move(text));
    }
  } else if (strings.status().code() != absl::StatusCode::kNotFound) {
    return strings.status();
  }
  const std::string sheet_path = first_sheet_path(archive.get(), name);
  PARTICIPA_ASSIGN_OR_RETURN(std::string sheet_xml, read_part(archive.get(), sheet_path, name));
  PARTICIPA_ASSIGN_OR_RETURN(auto sheet, parse_xml(sheet_xml, sheet_path, name));
  Table table;
  std::uint64_t cells = 0;
  for (pugi::xml_node row : sheet.child("worksheet").child("sheetData").children("row")) {
    std::int64_t r = row.attribute("r").as_llong(static_cast<long long>(table.size()) + 1) - 1;
    if (r < 0 || r > 10'000'000) return absl::DataLossError(str_cat(name, ": row number ", r + 1));
    if (static_cast<std::size_t>(r) >= table.size()) table.resize(static_cast<std::size_t>(r) + 1);
    auto& out = table[static_cast<std::size_t>(r)];
    std::int64_t next_col = 0;
    for (pugi::xml_node c : row.children("c")) {
      if (++cells > kMaxXlsxCells) {
        return absl::OutOfRangeError(str_cat(name, ": more than ", kMaxXlsxCells, " cells"));
      }
      std::int64_t col = c.attribute("r") ? column_of(c.attribute("r").value()) : next_col;
      if (col < 0 || col > 16383) {
        return absl::DataLossError(
            str_cat(name, ": bad cell reference '", c.attribute("r").value(), "'"));
      }
      next_col = col + 1;
      std::string type = c.attribute("t").as_string();
      std::string value;
      if (type == "s") {
        long long index = c.child("v").text().as_llong(-1);
        if (index < 0 || static_cast<std::size_t>(index) >= shared.size()) {
          return absl::DataLossError(str_cat(name, ": cell ", c.attribute("r").value(),
                                             " refers to missing shared string ", index));
        }
        value = shared[static_cast<std::size_t>(index)];
      } else if (type == "inlineStr") {
        pugi::xml_node is = c.child("is");
        value = is.child("t") ? is.child("t").child_value() : "";
        for (pugi::xml_node rr : is.children("r")) value += rr.child("t").child_value();
      } else {
        value = c.child("v").child_value();
      }
      if (static_cast<std::size_t>(col) >= out.size())
        out.resize(static_cast<std::size_t>(col) + 1);
      out[static_cast<std::size_t>(col)] = std::move(value);
    }
  }
  return table;
}

absl::StatusOr<Table> read_xlsx_first_sheet(const std::string& path) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string bytes, read_file(path));
  return parse_xlsx_first_sheet(bytes, path);
}

}  // namespace participa::io
