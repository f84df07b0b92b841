#include "participa/io/blt.hpp"

#include <algorithm>
#include <map>

#include "io/text.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/files.hpp"
#include "participa/tally/profile_builder.hpp"

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

// One BLT file read step by step: the header (candidates, seats), droop's [bracketed] option
// lines and the withdrawn line, the ballots up to 0, the names and the title; then the profile
// of the candidates left standing. Ballots wait in flat arrays until the names are known.
class BltReader {
 public:
  BltReader(std::string_view text, std::string_view name) : tokens_(text), name_(name) {}
  absl::StatusOr<BltFile> read();

 private:
  // A ballot read before the names: its weight, line and marks [begin, end).
  struct Pending {
    std::uint64_t weight;
    std::size_t line, begin, end;
  };

  absl::Status expect_number(std::int64_t& out, std::string_view what);
  absl::Status read_header();
  absl::Status read_option_line();
  absl::Status read_withdrawn_line();
  absl::Status read_ballot();
  absl::StatusOr<std::vector<std::string>> read_names();
  absl::StatusOr<BltFile> build(std::vector<std::string> names);
  // candidate_number(part, c) — a candidate's number, written as such or as its nickname.
  bool candidate_number(std::string_view part, std::int64_t& c) const;
  absl::Status withdraw(std::int64_t c, std::size_t line);

  Tokens tokens_;
  std::string_view name_;
  std::string_view tok_;
  bool quoted_ = false;
  std::int64_t candidates_ = 0;
  std::int64_t number_ = 0;
  BltFile file_;
  std::vector<bool> withdrawn_;
  std::int64_t num_withdrawn_ = 0;
  std::map<std::string, std::int64_t, std::less<>> nicknames_;
  std::vector<std::int64_t> tie_order_;
  std::vector<std::int64_t> undeclared_;
  std::vector<Pending> pending_;
  std::vector<tally::Candidate> marks_;
  std::vector<std::int32_t> levels_;
};

absl::Status BltReader::expect_number(std::int64_t& out, std::string_view what) {
  PARTICIPA_ASSIGN_OR_RETURN(bool more, tokens_.next(tok_, quoted_, name_));
  if (!more) return at_line(name_, tokens_.current_line(), str_cat("the file ends before ", what));
  if (quoted_ || !parse_int(tok_, out)) {
    return at_line(name_, tokens_.line(), str_cat("expected ", what, ", found '", tok_, "'"));
  }
  return absl::OkStatus();
}

absl::Status BltReader::read_header() {
  std::int64_t seats = 0;
  PARTICIPA_RETURN_IF_ERROR(expect_number(candidates_, "the number of candidates"));
  PARTICIPA_RETURN_IF_ERROR(expect_number(seats, "the number of seats"));
  if (candidates_ < 1 || candidates_ > static_cast<std::int64_t>(tally::Profile::kMaxCandidates)) {
    return at_line(name_, tokens_.line(), str_cat(candidates_, " candidates is out of range"));
  }
  if (seats < 1 || seats > candidates_) {
    return at_line(name_, tokens_.line(),
                   str_cat(seats, " seats for ", candidates_, " candidates is out of range"));
  }
  file_.seats = static_cast<int>(seats);
  withdrawn_.assign(static_cast<std::size_t>(candidates_), false);
  return absl::OkStatus();
}

bool BltReader::candidate_number(std::string_view part, std::int64_t& c) const {
  if (parse_int(part, c)) return c >= 1 && c <= candidates_;
  auto found = nicknames_.find(part);
  if (found == nicknames_.end()) return false;
  c = found->second;
  return true;
}

absl::Status BltReader::withdraw(std::int64_t c, std::size_t line) {
  if (withdrawn_[static_cast<std::size_t>(c - 1)]) {
    return at_line(name_, line, str_cat("candidate ", c, " is withdrawn twice"));
  }
  withdrawn_[static_cast<std::size_t>(c - 1)] = true;
  ++num_withdrawn_;
  return absl::OkStatus();
}

// Droop's lines before the ballots: [nick a b c], [tie 3 2 1], [withdrawn 4], [undeclared 4],
// [droop option=value ...]. Nicknames may then stand for numbers. The current token opens it.
absl::Status BltReader::read_option_line() {
  const std::size_t line = tokens_.line();
  std::vector<std::string_view> words;
  std::string_view word = tok_.substr(1);
  while (true) {
    const bool last = !word.empty() && word.back() == ']';
    if (last) word.remove_suffix(1);
    if (!word.empty()) words.push_back(word);
    if (last) break;
    PARTICIPA_ASSIGN_OR_RETURN(bool more, tokens_.next(word, quoted_, name_));
    if (!more || quoted_) return at_line(name_, line, "a [bracketed] line is not closed");
  }
  if (words.empty()) return at_line(name_, line, "an empty [] line");
  const std::string_view keyword = words.front();
  const std::span<const std::string_view> values(words.data() + 1, words.size() - 1);
  if (keyword == "nick") {
    if (values.size() != static_cast<std::size_t>(candidates_)) {
      return at_line(name_, line,
                     str_cat("[nick] names ", values.size(), " of ", candidates_, " candidates"));
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::int64_t unused = 0;
      if (parse_int(values[i], unused) ||
          !nicknames_.emplace(std::string(values[i]), static_cast<std::int64_t>(i + 1)).second) {
        return at_line(name_, line,
                       str_cat("nickname '", values[i], "' is a number or used twice"));
      }
    }
    return absl::OkStatus();
  }
  if (keyword == "droop") {
    for (std::string_view v : values) file_.counter_options.emplace_back(v);
    return absl::OkStatus();
  }
  if (keyword != "tie" && keyword != "withdrawn" && keyword != "undeclared") {
    return at_line(name_, line, str_cat("[", keyword, "] is not a BLT option this reader knows"));
  }
  std::vector<std::int64_t> numbers;
  for (std::string_view v : values) {
    std::int64_t c = 0;
    if (!candidate_number(v, c)) {
      return at_line(name_, line, str_cat("'", v, "' is not a candidate in [", keyword, "]"));
    }
    if (std::find(numbers.begin(), numbers.end(), c) != numbers.end()) {
      return at_line(name_, line, str_cat("[", keyword, "] names '", v, "' twice"));
    }
    numbers.push_back(c);
  }
  if (keyword == "tie") {
    if (numbers.size() != static_cast<std::size_t>(candidates_)) {
      return at_line(name_, line,
                     str_cat("[tie] orders ", numbers.size(), " of ", candidates_, " candidates"));
    }
    tie_order_ = std::move(numbers);
  } else if (keyword == "undeclared") {
    undeclared_ = std::move(numbers);
  } else {
    for (std::int64_t c : numbers) PARTICIPA_RETURN_IF_ERROR(withdraw(c, line));
  }
  return absl::OkStatus();
}

// The classic withdrawn line: negative numbers, the first already read into number_, the rest of
// them on the same line.
absl::Status BltReader::read_withdrawn_line() {
  const std::size_t line = tokens_.line();
  while (true) {
    if (-number_ > candidates_) {
      return at_line(name_, line, str_cat("withdrawn candidate ", -number_, " does not exist"));
    }
    PARTICIPA_RETURN_IF_ERROR(withdraw(-number_, line));
    Tokens peek = tokens_;
    std::string_view next;
    bool q = false;
    PARTICIPA_ASSIGN_OR_RETURN(bool any, peek.next(next, q, name_));
    std::int64_t value = 0;
    if (!any || q || peek.line() != line || !parse_int(next, value) || value >= 0) break;
    tokens_ = peek;
    number_ = value;
  }
  return absl::OkStatus();
}

// A ballot of weight number_: ranks up to 0, each a candidate, candidates joined by '=' for an
// equal rank, or '-' for a skipped rank.
absl::Status BltReader::read_ballot() {
  const std::size_t line = tokens_.line();
  const std::size_t begin = marks_.size();
  std::int32_t level = 0;
  while (true) {
    PARTICIPA_ASSIGN_OR_RETURN(bool more, tokens_.next(tok_, quoted_, name_));
    if (!more || quoted_) return at_line(name_, line, "a ballot does not end with 0");
    if (tok_ == "0") break;
    std::size_t start = 0;
    while (start <= tok_.size()) {
      std::size_t eq = tok_.find('=', start);
      std::string_view part =
          tok_.substr(start, eq == std::string_view::npos ? tok_.npos : eq - start);
      std::int64_t c = 0;
      if (part == "-") break;
      if (!candidate_number(part, c)) {
        return at_line(name_, tokens_.line(), str_cat("'", part, "' is not a candidate number"));
      }
      marks_.push_back(static_cast<tally::Candidate>(c - 1));
      levels_.push_back(level);
      if (eq == std::string_view::npos) break;
      start = eq + 1;
    }
    ++level;
  }
  pending_.push_back({static_cast<std::uint64_t>(number_), line, begin, marks_.size()});
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> BltReader::read_names() {
  std::vector<std::string> names;
  while (static_cast<std::int64_t>(names.size()) < candidates_) {
    PARTICIPA_ASSIGN_OR_RETURN(bool more, tokens_.next(tok_, quoted_, name_));
    if (!more) {
      return at_line(name_, tokens_.current_line(),
                     str_cat("expected ", candidates_, " candidate names, found ", names.size()));
    }
    if (!quoted_) {
      return at_line(name_, tokens_.line(), str_cat("'", tok_, "' is not a quoted name"));
    }
    names.emplace_back(tok_);
  }
  return names;
}

// A withdrawn candidate leaves the count: the profile holds the others, numbered in the file's
// order, and every ballot goes on to its next preference.
absl::StatusOr<BltFile> BltReader::build(std::vector<std::string> names) {
  std::vector<std::string> standing;
  std::vector<tally::Candidate> index_of(names.size(), 0);
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (withdrawn_[c]) {
      file_.withdrawn.push_back(std::move(names[c]));
    } else {
      index_of[c] = static_cast<tally::Candidate>(standing.size());
      standing.push_back(std::move(names[c]));
    }
  }
  for (std::int64_t c : tie_order_) {
    if (!withdrawn_[static_cast<std::size_t>(c - 1)]) {
      file_.tie_order.push_back(index_of[static_cast<std::size_t>(c - 1)]);
    }
  }
  for (std::int64_t c : undeclared_) {
    if (!withdrawn_[static_cast<std::size_t>(c - 1)]) {
      file_.undeclared.push_back(index_of[static_cast<std::size_t>(c - 1)]);
    }
  }
  auto created = tally::ProfileBuilder::create(std::move(standing), tally::BallotKind::kRanked);
  if (!created.ok()) {
    return at_line(
        name_, tokens_.line(),
        std::string_view(created.status().message().data(), created.status().message().size()));
  }
  std::vector<tally::Candidate> kept_marks;
  std::vector<std::int32_t> kept_levels;
  for (const Pending& b : pending_) {
    kept_marks.clear();
    kept_levels.clear();
    for (std::size_t i = b.begin; i < b.end; ++i) {
      if (withdrawn_[marks_[i]]) continue;
      kept_marks.push_back(index_of[marks_[i]]);
      kept_levels.push_back(levels_[i]);
    }
    auto added = created->add(tally::BallotView{kept_marks, kept_levels}, b.weight);
    if (!added.ok()) {
      return at_line(name_, b.line,
                     std::string_view(added.message().data(), added.message().size()));
    }
  }
  file_.profile = created->build();
  return std::move(file_);
}

absl::StatusOr<BltFile> BltReader::read() {
  PARTICIPA_RETURN_IF_ERROR(read_header());
  // Option and withdrawn lines may only come before the first ballot.
  bool first = true;
  while (true) {
    PARTICIPA_ASSIGN_OR_RETURN(bool more, tokens_.next(tok_, quoted_, name_));
    if (!more) return at_line(name_, tokens_.current_line(), "the ballots do not end with 0");
    if (quoted_) {
      return at_line(name_, tokens_.line(), "a name appears before the ballots end with 0");
    }
    if (!tok_.empty() && tok_.front() == '[') {
      if (!first) return at_line(name_, tokens_.line(), "a [bracketed] line must come first");
      PARTICIPA_RETURN_IF_ERROR(read_option_line());
      continue;
    }
    if (!tok_.empty() && tok_.front() == '(') {  // a ballot id
      PARTICIPA_ASSIGN_OR_RETURN(more, tokens_.next(tok_, quoted_, name_));
      if (!more) return at_line(name_, tokens_.current_line(), "a ballot id ends the file");
    }
    if (!parse_int(tok_, number_)) {
      return at_line(name_, tokens_.line(), str_cat("'", tok_, "' is not a ballot weight"));
    }
    if (number_ < 0) {
      if (!first) return at_line(name_, tokens_.line(), "withdrawn candidates must come first");
      PARTICIPA_RETURN_IF_ERROR(read_withdrawn_line());
      continue;
    }
    first = false;
    if (number_ == 0) break;
    PARTICIPA_RETURN_IF_ERROR(read_ballot());
  }
  PARTICIPA_ASSIGN_OR_RETURN(std::vector<std::string> names, read_names());
  PARTICIPA_ASSIGN_OR_RETURN(bool more, tokens_.next(tok_, quoted_, name_));
  if (more) file_.title = std::string(tok_);
  if (file_.seats > candidates_ - num_withdrawn_) {
    return at_line(name_, 1,
                   str_cat(file_.seats, " seats for ", candidates_ - num_withdrawn_,
                           " candidates left once ", num_withdrawn_, " are withdrawn"));
  }
  return build(std::move(names));
}

}  // namespace

absl::StatusOr<BltFile> parse_blt(std::string_view text, std::string_view name) {
  std::string decoded;
  PARTICIPA_ASSIGN_OR_RETURN(text, decode_text(text, name, decoded));
  return BltReader(text, name).read();
}

absl::StatusOr<BltFile> read_blt_file(const std::string& path) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, read_file(path));
  return parse_blt(text, path);
}

}  // namespace participa::io
