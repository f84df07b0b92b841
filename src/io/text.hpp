// src/io/text.hpp — small helpers shared by the text-format readers (private to the io layer).
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace participa::io {

// csv_cell — a value as one CSV field (RFC 4180): quoted when it holds a comma, a quote or a
// line end, or begins or ends with a space.
inline std::string csv_cell(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos &&
      (value.empty() || (value.front() != ' ' && value.back() != ' '))) {
    return std::string(value);
  }
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// LineReader — the lines of a text, without their "\n" or "\r\n", numbered from 1.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  bool next(std::string_view& line) {
    if (pos_ >= text_.size()) return false;
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    line = text_.substr(pos_, end - pos_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos_ = end + 1;
    ++line_;
    return true;
  }
  std::size_t line_number() const { return line_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 0;
};

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

template <class Int>
bool parse_integer(std::string_view s, Int& out) {
  if (s.empty()) return false;
  if (s.front() == '+') s.remove_prefix(1);
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}
inline bool parse_int(std::string_view s, std::int64_t& out) { return parse_integer(s, out); }
inline bool parse_uint(std::string_view s, std::uint64_t& out) { return parse_integer(s, out); }

}  // namespace participa::io

namespace participa::io {

// decode_text(raw, name, storage) — the text of a file as UTF-8 with "\n" line ends, or
// InvalidArgument naming the encoding found. A UTF-8 byte-order mark is dropped, UTF-16 with
// a byte-order mark is converted, and lines ended by "\r" alone become "\n" lines; these
// need `storage`, which the returned view may point into. Text that is not UTF-8 (Latin-1,
// Windows-1252, UTF-16 without a mark) is refused at its first bad byte: guessing an 8-bit
// encoding could turn two different names into one.
absl::StatusOr<std::string_view> decode_text(std::string_view raw, std::string_view name,
                                             std::string& storage);

// split_csv_record(line, fields, delimiter) — RFC 4180 fields of one line: the delimiter
// separates, double quotes enclose fields that hold it, "" is a quote inside quotes; a quote
// after the start of an unquoted field is an ordinary character. Returns
// false for an unterminated quote. Fields are copied into `fields` (reused between calls).
bool split_csv_record(std::string_view line, std::vector<std::string>& fields,
                      char delimiter = ',');
// continue_csv_record(part, fields, quoted, delimiter) — the same rules over one line of a
// record that may span lines: adds `part`'s fields to `fields` (continuing the last field when
// `quoted` says a quoted field runs on from the line before) and returns whether a quote is
// still open at its end. Each character is read once, however many lines a record spans.
bool continue_csv_record(std::string_view part, std::vector<std::string>& fields, bool quoted,
                         char delimiter = ',');

}  // namespace participa::io
