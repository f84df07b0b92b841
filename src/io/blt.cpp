#include "participa/io/blt.hpp"

#include <algorithm>
#include <map>

#include "io/text.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/files.hpp"

namespace participa::io {
namespace {

// Tokens of a BLT file with their line numbers; quoted strings are one token.
class Tokens {
 public:
  Tokens(std::string_view text) : text_(text) {}
  // next(token, quoted) — false at the end; a quoted token comes without its quotes.
  absl::StatusOr<bool> next(std::string_view& token, bool& quoted, std::string_view name) {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '\n') {
        ++line_;
        ++pos_;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
      } else if (c == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
    if (pos_ >= text_.size()) return false;
    token_line_ = line_;
    if (text_[pos_] == '"') {
      std::size_t end = text_.find('"', pos_ + 1);
      if (end == std::string_view::npos) return at_line(name, line_, "a quoted name is not closed");
      token = text_.substr(pos_ + 1, end - pos_ - 1);
      for (char c : token) line_ += c == '\n' ? 1 : 0;
      pos_ = end + 1;
      quoted = true;
      return true;
    }
    std::size_t end = pos_;
    while (end < text_.size() && text_[end] != ' ' && text_[end] != '\t' && text_[end] != '\n' &&
           text_[end] != '\r') {
      ++end;
    }
    token = text_.substr(pos_, end - pos_);
    pos_ = end;
    quoted = false;
    return true;
  }
  std::size_t line() const { return token_line_; }
  std::size_t current_line() const { return line_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t token_line_ = 1;
};

}  // namespace

absl::StatusOr<BltFile> parse_blt(std::string_view text, std::string_view name) {
  std::string decoded;
  PARTICIPA_ASSIGN_OR_RETURN(text, decode_text(text, name, decoded));
  Tokens tokens(text);
  std::string_view tok;
  bool quoted = false;
  auto expect_number = [&](std::int64_t& out, std::string_view what) -> absl::Status {
    PARTICIPA_ASSIGN_OR_RETURN(bool more, tokens.next(tok, quoted, name));
    if (!more) return at_line(name, tokens.current_line(), str_cat("the file ends before ", what));
    if (quoted || !parse_int(tok, out)) {
      return at_line(name, tokens.line(), str_cat("expected ", what, ", found '", tok, "'"));
    }
    return absl::OkStatus();
  };
  std::int64_t candidates = 0, seats = 0;
  PARTICIPA_RETURN_IF_ERROR(expect_number(candidates, "the number of candidates"));
  PARTICIPA_RETURN_IF_ERROR(expect_number(seats, "the number of seats"));
  if (candidates < 1 || candidates > static_cast<std::int64_t>(tally::Profile::kMaxCandidates)) {
    return at_line(name, tokens.line(), str_cat(candidates, " candidates is out of range"));
  }
  if (seats < 1 || seats > candidates) {
    return at_line(name, tokens.line(),
                   str_cat(seats, " seats for ", candidates, " candidates is out of range"));
  }
  BltFile file;
  file.seats = static_cast<int>(seats);
  std::vector<bool> withdrawn(static_cast<std::size_t>(candidates), false);
  std::int64_t num_withdrawn = 0;
  // Names come last, so ballots wait in flat arrays until the profile can be created.
  struct Pending {
    std::uint64_t weight;
    std::size_t line, begin, end;
  };
  std::vector<Pending> pending;
  std::vector<tally::Candidate> marks;
  std::vector<std::int32_t> levels;
  std::int64_t number = 0;
  bool first = true;
  // Droop's bracketed lines before the ballots: [nick a b c], [tie 3 2 1], [withdrawn 4],
  // [undeclared 4], [droop option=value ...]. Nicknames may then stand for numbers.
  std::map<std::string, std::int64_t, std::less<>> nicknames;
  std::vector<std::int64_t> tie_order;
  std::vector<std::int64_t> undeclared;
  auto candidate_number = [&](std::string_view part, std::int64_t& c) {
    if (parse_int(part, c)) return c >= 1 && c <= candidates;
    auto found = nicknames.find(part);
    if (found == nicknames.end()) return false;
    c = found->second;
    return true;
  };
  while (true) {
    PARTICIPA_ASSIGN_OR_RETURN(bool more, tokens.next(tok, quoted, name));
    if (!more) return at_line(name, tokens.current_line(), "the ballots do not end with 0");
    if (quoted) return at_line(name, tokens.line(), "a name appears before the ballots end with 0");
    if (!tok.empty() && tok.front() == '[') {
      if (!first) return at_line(name, tokens.line(), "a [bracketed] line must come first");
      const std::size_t line = tokens.line();
      std::vector<std::string_view> words;
      std::string_view word = tok.substr(1);
      while (true) {
        const bool last = !word.empty() && word.back() == ']';
        if (last) word.remove_suffix(1);
        if (!word.empty()) words.push_back(word);
        if (last) break;
        PARTICIPA_ASSIGN_OR_RETURN(more, tokens.next(word, quoted, name));
        if (!more || quoted) return at_line(name, line, "a [bracketed] line is not closed");
      }
      if (words.empty()) return at_line(name, line, "an empty [] line");
      const std::string_view keyword = words.front();
      const std::span<const std::string_view> values(words.data() + 1, words.size() - 1);
      if (keyword == "nick") {
        if (values.size() != static_cast<std::size_t>(candidates)) {
          return at_line(
              name, line,
              str_cat("[nick] names ", values.size(), " of ", candidates, " candidates"));
        }
        for (std::size_t i = 0; i < values.size(); ++i) {
          std::int64_t unused = 0;
          if (parse_int(values[i], unused) ||
              !nicknames.emplace(std::string(values[i]), static_cast<std::int64_t>(i + 1)).second) {
            return at_line(name, line,
                           str_cat("nickname '", values[i], "' is a number or used twice"));
          }
        }
      } else if (keyword == "tie" || keyword == "withdrawn" || keyword == "undeclared") {
        std::vector<std::int64_t> numbers;
        for (std::string_view v : values) {
          std::int64_t c = 0;
          if (!candidate_number(v, c)) {
            return at_line(name, line, str_cat("'", v, "' is not a candidate in [", keyword, "]"));
          }
          if (std::find(numbers.begin(), numbers.end(), c) != numbers.end()) {
            return at_line(name, line, str_cat("[", keyword, "] names '", v, "' twice"));
          }
          numbers.push_back(c);
        }
        if (keyword == "tie") {
          if (numbers.size() != static_cast<std::size_t>(candidates)) {
            return at_line(
                name, line,
                str_cat("[tie] orders ", numbers.size(), " of ", candidates, " candidates"));
          }
          tie_order = std::move(numbers);
        } else if (keyword == "undeclared") {
          undeclared = std::move(numbers);
        } else {
          for (std::int64_t c : numbers) {
            if (withdrawn[static_cast<std::size_t>(c - 1)]) {
              return at_line(name, line, str_cat("candidate ", c, " is withdrawn twice"));
            }
            withdrawn[static_cast<std::size_t>(c - 1)] = true;
            ++num_withdrawn;
          }
        }
      } else if (keyword == "droop") {
        for (std::string_view v : values) file.counter_options.emplace_back(v);
      } else {
        return at_line(name, line,
                       str_cat("[", keyword, "] is not a BLT option this reader knows"));
      }
      continue;
    }
    if (!tok.empty() && tok.front() == '(') {  // a ballot id
      PARTICIPA_ASSIGN_OR_RETURN(more, tokens.next(tok, quoted, name));
      if (!more) return at_line(name, tokens.current_line(), "a ballot id ends the file");
    }
    if (!parse_int(tok, number)) {
      return at_line(name, tokens.line(), str_cat("'", tok, "' is not a ballot weight"));
    }
    if (number < 0) {
      if (!first) return at_line(name, tokens.line(), "withdrawn candidates must come first");
      // Withdrawn candidates: the rest of this line.
      std::size_t line = tokens.line();
      while (true) {
        if (-number > candidates) {
          return at_line(name, line, str_cat("withdrawn candidate ", -number, " does not exist"));
        }
        if (withdrawn[static_cast<std::size_t>(-number - 1)]) {
          return at_line(name, line, str_cat("candidate ", -number, " is withdrawn twice"));
        }
        withdrawn[static_cast<std::size_t>(-number - 1)] = true;
        ++num_withdrawn;
        Tokens peek = tokens;
        std::string_view next;
        bool q = false;
        PARTICIPA_ASSIGN_OR_RETURN(bool any, peek.next(next, q, name));
        std::int64_t value = 0;
        if (!any || q || peek.line() != line || !parse_int(next, value) || value >= 0) break;
        tokens = peek;
        number = value;
      }
      continue;
    }
    first = false;
    if (number == 0) break;
    const std::uint64_t weight = static_cast<std::uint64_t>(number);
    const std::size_t line = tokens.line();
    const std::size_t begin = marks.size();
    std::int32_t level = 0;
    while (true) {
      PARTICIPA_ASSIGN_OR_RETURN(more, tokens.next(tok, quoted, name));
      if (!more || quoted) return at_line(name, line, "a ballot does not end with 0");
      if (tok == "0") break;
      std::size_t start = 0;
      while (start <= tok.size()) {
        std::size_t eq = tok.find('=', start);
        std::string_view part =
            tok.substr(start, eq == std::string_view::npos ? tok.npos : eq - start);
        std::int64_t c = 0;
        if (part == "-") break;  // a skipped rank
        if (!candidate_number(part, c)) {
          return at_line(name, tokens.line(), str_cat("'", part, "' is not a candidate number"));
        }
        marks.push_back(static_cast<tally::Candidate>(c - 1));
        levels.push_back(level);
        if (eq == std::string_view::npos) break;
        start = eq + 1;
      }
      ++level;
    }
    pending.push_back({weight, line, begin, marks.size()});
  }
  std::vector<std::string> names;
  while (static_cast<std::int64_t>(names.size()) < candidates) {
    PARTICIPA_ASSIGN_OR_RETURN(bool more, tokens.next(tok, quoted, name));
    if (!more) {
      return at_line(name, tokens.current_line(),
                     str_cat("expected ", candidates, " candidate names, found ", names.size()));
    }
    if (!quoted) return at_line(name, tokens.line(), str_cat("'", tok, "' is not a quoted name"));
    names.emplace_back(tok);
  }
  PARTICIPA_ASSIGN_OR_RETURN(bool more, tokens.next(tok, quoted, name));
  if (more) file.title = std::string(tok);
  if (seats > candidates - num_withdrawn) {
    return at_line(name, 1,
                   str_cat(seats, " seats for ", candidates - num_withdrawn,
                           " candidates left once ", num_withdrawn, " are withdrawn"));
  }
  // A withdrawn candidate leaves the count: the profile holds the others, numbered in the
  // file's order, and every ballot goes on to its next preference.
  std::vector<std::string> standing;
  std::vector<tally::Candidate> index_of(names.size(), 0);
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (withdrawn[c]) {
      file.withdrawn.push_back(std::move(names[c]));
    } else {
      index_of[c] = static_cast<tally::Candidate>(standing.size());
      standing.push_back(std::move(names[c]));
    }
  }
  for (std::int64_t c : tie_order) {
    if (!withdrawn[static_cast<std::size_t>(c - 1)]) {
      file.tie_order.push_back(index_of[static_cast<std::size_t>(c - 1)]);
    }
  }
  for (std::int64_t c : undeclared) {
    if (!withdrawn[static_cast<std::size_t>(c - 1)]) {
      file.undeclared.push_back(index_of[static_cast<std::size_t>(c - 1)]);
    }
  }
  auto created = tally::Profile::create(std::move(standing), tally::BallotKind::kRanked);
  if (!created.ok()) {
    return at_line(
        name, tokens.line(),
        std::string_view(created.status().message().data(), created.status().message().size()));
  }
  file.profile = std::move(*created);
  std::vector<tally::Candidate> kept_marks;
  std::vector<std::int32_t> kept_levels;
  for (const Pending& b : pending) {
    kept_marks.clear();
    kept_levels.clear();
    for (std::size_t i = b.begin; i < b.end; ++i) {
      if (withdrawn[marks[i]]) continue;
      kept_marks.push_back(index_of[marks[i]]);
      kept_levels.push_back(levels[i]);
    }
    auto added = file.profile.add(tally::BallotView{kept_marks, kept_levels}, b.weight);
    if (!added.ok()) {
      return at_line(name, b.line,
                     std::string_view(added.message().data(), added.message().size()));
    }
  }
  return file;
}

absl::StatusOr<BltFile> read_blt_file(const std::string& path) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, read_file(path));
  return parse_blt(text, path);
}

}  // namespace participa::io
