#include "participa/io/preflib.hpp"

#include <algorithm>
#include <charconv>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "io/text.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/files.hpp"

namespace participa::io {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(absl::ascii_toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

absl::StatusOr<PreflibFile> parse_preflib(std::string_view text, std::string_view name) {
  PreflibFile file;
  std::vector<std::pair<std::int64_t, std::string>> alternatives;
  absl::flat_hash_map<std::int64_t, tally::Candidate> index_of;
  bool in_body = false;
  std::vector<tally::Candidate> marks;
  std::vector<std::int32_t> levels;
  LineReader lines(text);
  std::string_view line;
  while (lines.next(line)) {
    const std::size_t n = lines.line_number();
    line = trim(line);
    if (line.empty()) continue;
    if (line[0] == '#') {
      if (in_body) return at_line(name, n, "a header line follows the orders");
      std::string_view body = trim(line.substr(1));
      auto colon = body.find(':');
      if (colon == std::string_view::npos) continue;  // a free comment
      std::string key = upper(trim(body.substr(0, colon)));
      std::string_view value = trim(body.substr(colon + 1));
      if (key.rfind("ALTERNATIVE NAME", 0) == 0) {
        std::int64_t number = 0;
        if (!parse_int(trim(std::string_view(key).substr(16)), number)) {
          return at_line(name, n, str_cat("'", key, "' does not end in a number"));
        }
        if (alternatives.size() >= tally::Profile::kMaxCandidates) {
          return at_line(name, n, "too many alternatives");
        }
        alternatives.emplace_back(number, std::string(value));
      } else {
        file.metadata[key] = std::string(value);
      }
      continue;
    }
    if (!in_body) {
      if (alternatives.empty()) return at_line(name, n, "orders come before any ALTERNATIVE NAME");
      std::sort(alternatives.begin(), alternatives.end());
      std::vector<std::string> names;
      for (std::size_t i = 0; i < alternatives.size(); ++i) {
        auto& [number, alt_name] = alternatives[i];
        if (i > 0 && alternatives[i - 1].first == number) {
          return at_line(name, n, str_cat("alternative ", number, " is named twice"));
        }
        index_of[number] = static_cast<tally::Candidate>(i);
        file.alternative_numbers.push_back(number);
        std::string shown = alt_name.empty() ? str_cat(number) : alt_name;
        // PrefLib allows two alternatives one name; the profile needs distinct names.
        if (std::find(names.begin(), names.end(), shown) != names.end()) {
          shown = str_cat(shown, " (", number, ")");
        }
        names.push_back(std::move(shown));
      }
      PARTICIPA_ASSIGN_OR_RETURN(
          file.profile, tally::Profile::create(std::move(names), tally::BallotKind::kRanked));
      in_body = true;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      return at_line(name, n, "an order needs 'count: alternatives'");
    }
    std::uint64_t count = 0;
    if (!parse_uint(trim(line.substr(0, colon)), count)) {
      return at_line(name, n, str_cat("'", trim(line.substr(0, colon)), "' is not a count"));
    }
    marks.clear();
    levels.clear();
    std::string_view rest = trim(line.substr(colon + 1));
    std::int32_t level = 0;
    bool in_group = false;
    std::size_t i = 0;
    while (i < rest.size()) {
      char c = rest[i];
      if (c == ' ' || c == '\t') {
        ++i;
      } else if (c == '{') {
        if (in_group) return at_line(name, n, "nested '{'");
        in_group = true;
        ++i;
      } else if (c == '}') {
        if (!in_group) return at_line(name, n, "'}' without '{'");
        in_group = false;
        ++level;
        ++i;
      } else if (c == ',') {
        ++i;
      } else {
        std::size_t end = i;
        while (end < rest.size() && rest[end] != ',' && rest[end] != '}' && rest[end] != '{' &&
               rest[end] != ' ') {
          ++end;
        }
        std::int64_t number = 0;
        if (!parse_int(rest.substr(i, end - i), number)) {
          return at_line(name, n, str_cat("'", rest.substr(i, end - i), "' is not an alternative"));
        }
        auto it = index_of.find(number);
        if (it == index_of.end()) {
          return at_line(name, n, str_cat("alternative ", number, " is not declared"));
        }
        marks.push_back(it->second);
        levels.push_back(level);
        if (!in_group) ++level;
        i = end;
      }
    }
    if (in_group) return at_line(name, n, "'{' is not closed");
    absl::Status added = file.profile.add(tally::BallotView{marks, levels}, count);
    if (!added.ok()) {
      return at_line(name, n, std::string_view(added.message().data(), added.message().size()));
    }
  }
  if (!in_body) {
    if (alternatives.empty())
      return at_line(name, lines.line_number(), "no ALTERNATIVE NAME lines");
    return at_line(name, lines.line_number(), "no orders");
  }
  return file;
}

absl::StatusOr<PreflibFile> read_preflib_file(const std::string& path) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, read_file(path));
  return parse_preflib(text, path);
}

}  // namespace participa::io
