#include "participa/io/preflib.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "io/text.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/files.hpp"
#include "participa/tally/profile_builder.hpp"

namespace participa::io {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(absl::ascii_toupper(static_cast<unsigned char>(c)));
  return out;
}

// parse_order(text, index_of, marks, levels) — the alternatives of "a,b,{c,d},e" with their
// rank levels, or the reason the order cannot be read.
absl::Status parse_order(std::string_view text,
                         const absl::flat_hash_map<std::int64_t, tally::Candidate>& index_of,
                         std::vector<tally::Candidate>& marks, std::vector<std::int32_t>& levels) {
  marks.clear();
  levels.clear();
  std::int32_t level = 0;
  bool in_group = false;
  // An alternative is expected at the start, after ',' and after '{': an order such as
  // "1,2," or "1,,2" was cut short or damaged, and is refused rather than read as shorter.
  bool expect_alternative = true;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t') {
      ++i;
    } else if (c == '{') {
      if (in_group) return absl::InvalidArgumentError("nested '{'");
      in_group = true;
      expect_alternative = true;
      ++i;
    } else if (c == '}') {
      if (!in_group) return absl::InvalidArgumentError("'}' without '{'");
      if (expect_alternative) return absl::InvalidArgumentError("an empty or unfinished '{...}'");
      in_group = false;
      ++level;
      ++i;
    } else if (c == ',') {
      if (expect_alternative) return absl::InvalidArgumentError("',' where an alternative belongs");
      expect_alternative = true;
      ++i;
    } else {
      std::size_t end = i;
      while (end < text.size() && text[end] != ',' && text[end] != '}' && text[end] != '{' &&
             text[end] != ' ') {
        ++end;
      }
      std::int64_t number = 0;
      if (!parse_int(text.substr(i, end - i), number)) {
        return absl::InvalidArgumentError(
            str_cat("'", text.substr(i, end - i), "' is not an alternative"));
      }
      auto it = index_of.find(number);
      if (it == index_of.end()) {
        return absl::InvalidArgumentError(str_cat("alternative ", number, " is not declared"));
      }
      marks.push_back(it->second);
      levels.push_back(level);
      if (!in_group) ++level;
      expect_alternative = false;
      i = end;
    }
  }
  if (in_group) return absl::InvalidArgumentError("'{' is not closed");
  if (expect_alternative && !marks.empty()) {
    return absl::InvalidArgumentError("the order ends with ',': it was cut short");
  }
  return absl::OkStatus();
}

// A count the header declares, when it declares one.
absl::StatusOr<std::optional<std::uint64_t>> declared_count(const PreflibFile& file,
                                                            const std::string& key,
                                                            std::string_view name,
                                                            std::size_t line) {
  auto it = file.metadata.find(key);
  if (it == file.metadata.end()) return std::nullopt;
  std::uint64_t value = 0;
  if (!parse_uint(it->second, value)) {
    return at_line(name, line,
                   str_cat("the header's ", key, " '", it->second, "' is not a number"));
  }
  return value;
}

// The header's NUMBER ALTERNATIVES, NUMBER VOTERS and NUMBER UNIQUE ORDERS must match the
// file: a shorter body means a file cut short, which would otherwise be counted as it stands.
absl::Status check_declared_counts(const PreflibFile& file, std::size_t alternatives,
                                   std::uint64_t order_lines, std::string_view name,
                                   std::size_t line) {
  struct Check {
    const char* key;
    std::uint64_t found;
    const char* what;
  };
  const Check checks[] = {
      {"NUMBER ALTERNATIVES", alternatives, "ALTERNATIVE NAME lines"},
      {"NUMBER VOTERS", file.profile.total_weight(), "voters in the orders"},
      {"NUMBER UNIQUE ORDERS", order_lines, "order lines"},
  };
  for (const Check& check : checks) {
    PARTICIPA_ASSIGN_OR_RETURN(std::optional<std::uint64_t> declared,
                               declared_count(file, check.key, name, line));
    if (declared && *declared != check.found) {
      return at_line(
          name, line,
          str_cat("the header declares ", check.key, ": ", *declared, " but the file has ",
                  check.found, " ", check.what, " (is it cut short?)"));
    }
  }
  return absl::OkStatus();
}

// The profile's candidates: alternatives in the order of their numbers, a name shown once.
absl::StatusOr<std::vector<std::string>> candidate_names(
    std::vector<std::pair<std::int64_t, std::string>>& alternatives, PreflibFile& file,
    absl::flat_hash_map<std::int64_t, tally::Candidate>& index_of, std::string_view name,
    std::size_t line) {
  std::sort(alternatives.begin(), alternatives.end());
  std::vector<std::string> names;
  for (std::size_t i = 0; i < alternatives.size(); ++i) {
    auto& [number, alt_name] = alternatives[i];
    if (i > 0 && alternatives[i - 1].first == number) {
      return at_line(name, line, str_cat("alternative ", number, " is named twice"));
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
  return names;
}

}  // namespace

absl::StatusOr<PreflibFile> parse_preflib(std::string_view text, std::string_view name) {
  std::string decoded;
  PARTICIPA_ASSIGN_OR_RETURN(text, decode_text(text, name, decoded));
  PreflibFile file;
  // Orders gather here until the file is read; file.profile is built from them at the end.
  std::optional<tally::ProfileBuilder> orders;
  std::vector<std::pair<std::int64_t, std::string>> alternatives;
  absl::flat_hash_map<std::int64_t, tally::Candidate> index_of;
  bool in_body = false;
  std::uint64_t order_lines = 0;
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
      } else if (!file.metadata.emplace(key, std::string(value)).second) {
        return at_line(name, n, str_cat("the header gives ", key, " twice"));
      }
      continue;
    }
    if (!in_body) {
      if (alternatives.empty()) return at_line(name, n, "orders come before any ALTERNATIVE NAME");
      PARTICIPA_ASSIGN_OR_RETURN(std::vector<std::string> names,
                                 candidate_names(alternatives, file, index_of, name, n));
      PARTICIPA_ASSIGN_OR_RETURN(
          orders, tally::ProfileBuilder::create(std::move(names), tally::BallotKind::kRanked));
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
    absl::Status status = parse_order(trim(line.substr(colon + 1)), index_of, marks, levels);
    if (status.ok()) status = orders->add(tally::BallotView{marks, levels}, count);
    if (!status.ok()) {
      return at_line(name, n, std::string_view(status.message().data(), status.message().size()));
    }
    ++order_lines;
  }
  if (!in_body) {
    if (alternatives.empty())
      return at_line(name, lines.line_number(), "no ALTERNATIVE NAME lines");
    return at_line(name, lines.line_number(), "no orders");
  }
  file.profile = orders->build();
  PARTICIPA_RETURN_IF_ERROR(
      check_declared_counts(file, alternatives.size(), order_lines, name, lines.line_number()));
  return file;
}

absl::StatusOr<PreflibFile> read_preflib_file(const std::string& path) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, read_file(path));
  return parse_preflib(text, path);
}

}  // namespace participa::io
