#include "io/text.hpp"

#include <algorithm>
#include <cstdio>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"
#include "participa/io/files.hpp"

namespace participa::io {

bool continue_csv_record(std::string_view part, std::vector<std::string>& fields, bool quoted,
                         char delimiter) {
  if (fields.empty()) fields.emplace_back();
  for (std::size_t i = 0; i < part.size(); ++i) {
    char c = part[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < part.size() && part[i + 1] == '"') {
          fields.back().push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        fields.back().push_back(c);
      }
    } else if (c == '"' && fields.back().empty()) {
      // A quote opens a quoted field only at its start; elsewhere it is a character, as
      // Python's csv module and pabutools read it.
      quoted = true;
    } else if (c == delimiter) {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  return quoted;
}

bool split_csv_record(std::string_view line, std::vector<std::string>& fields, char delimiter) {
  fields.clear();
  return !continue_csv_record(line, fields, false, delimiter);
}

}  // namespace participa::io

namespace participa::io {
namespace {

// The 16-bit units of UTF-16 text (after its byte-order mark) as UTF-8.
absl::Status utf16_to_utf8(std::string_view units, bool big_endian, std::string_view name,
                           std::string& out) {
  if (units.size() % 2 != 0) {
    return absl::InvalidArgumentError(
        str_cat(name, ": UTF-16 text with an odd number of bytes (cut short?)"));
  }
  auto unit = [&](std::size_t i) -> std::uint32_t {
    const auto hi = static_cast<unsigned char>(units[i + (big_endian ? 0 : 1)]);
    const auto lo = static_cast<unsigned char>(units[i + (big_endian ? 1 : 0)]);
    return (std::uint32_t{hi} << 8) | lo;
  };
  out.clear();
  out.reserve(units.size() * 3 / 2);
  for (std::size_t i = 0; i < units.size(); i += 2) {
    std::uint32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 2 >= units.size() || unit(i + 2) < 0xDC00 || unit(i + 2) > 0xDFFF) {
        return absl::InvalidArgumentError(
            str_cat(name, ": UTF-16 text with an unpaired surrogate at byte ", i + 2));
      }
      cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return absl::InvalidArgumentError(
          str_cat(name, ": UTF-16 text with an unpaired surrogate at byte ", i + 2));
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string_view> decode_text(std::string_view raw, std::string_view name,
                                             std::string& storage) {
  const std::string_view label = name.empty() ? std::string_view("the text") : name;
  std::string_view text = raw;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
  } else if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF") {
    PARTICIPA_RETURN_IF_ERROR(utf16_to_utf8(text.substr(2), text[0] == '\xFE', label, storage));
    text = storage;
  }
  if (text.find('\0') != std::string_view::npos) {
    return absl::InvalidArgumentError(
        str_cat(label,
                ": the text holds NUL bytes: UTF-16 or UTF-32 without a byte-order mark, "
                "or not text at all; save it as UTF-8"));
  }
  if (std::size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
    const std::size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
    const std::size_t line =
        1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + bad, '\n'));
    const std::size_t column =
        line_start == std::string_view::npos || bad == 0 ? bad + 1 : bad - line_start;
    char hex[3];
    std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned char>(text[bad]));
    return at_line(name, line,
                   str_cat("byte 0x", hex, " at column ", column,
                           " is not UTF-8 (Latin-1 or Windows-1252?); save the file as UTF-8"));
  }
  if (text.find('\n') == std::string_view::npos && text.find('\r') != std::string_view::npos) {
    if (text.data() != storage.data()) storage.assign(text);
    std::replace(storage.begin(), storage.end(), '\r', '\n');
    text = storage;
  }
  return text;
}

}  // namespace participa::io
