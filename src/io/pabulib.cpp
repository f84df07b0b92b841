#include "participa/io/pabulib.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "io/text.hpp"
#include "participa/core/names.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/files.hpp"
#include "participa/tally/profile_builder.hpp"

namespace participa::io {
namespace {

enum class Section { kNone, kMeta, kProjects, kVotes };

constexpr std::array<Named<Section>, 3> kSectionNames = {{
    {Section::kMeta, "META"},
    {Section::kProjects, "PROJECTS"},
    {Section::kVotes, "VOTES"},
}};

// section_of(line) — the section a line opens (any case), or kNone.
Section section_of(std::string_view line) {
  std::string upper(trim(line));
  absl::AsciiStrToUpper(&upper);
  for (const auto& [section, name] : kSectionNames) {
    if (upper == name) return section;
  }
  return Section::kNone;
}

std::vector<std::string_view> split_list(std::string_view text) {
  std::vector<std::string_view> out;
  text = trim(text);
  if (text.empty()) return out;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = text.find(',', start);
    out.push_back(trim(text.substr(start, comma == text.npos ? text.npos : comma - start)));
    if (comma == text.npos) break;
    start = comma + 1;
  }
  return out;
}

std::ptrdiff_t column(const std::vector<std::string>& header, std::string_view name) {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : it - header.begin();
}

// drop_repeated_marks(marks, seen, epoch) — keeps the first mark of each project; whether any
// was dropped. `seen` (one slot per project, grown as needed) and `epoch` are scratch that
// spares clearing between ballots.
bool drop_repeated_marks(std::vector<tally::Candidate>& marks, std::vector<std::uint32_t>& seen,
                         std::uint32_t& epoch) {
  if (++epoch == 0) {
    std::fill(seen.begin(), seen.end(), 0);
    epoch = 1;
  }
  std::size_t kept = 0;
  for (tally::Candidate m : marks) {
    if (m >= seen.size()) seen.resize(m + 1, 0);
    if (seen[m] == epoch) continue;
    seen[m] = epoch;
    marks[kept++] = m;
  }
  const bool dropped = kept != marks.size();
  marks.resize(kept);
  return dropped;
}

// META's num_projects and num_votes must match the sections: fewer rows than declared means
// a file cut short, which would otherwise be counted as it stands.
absl::Status check_declared_counts(const pb::Election& election, std::string_view name,
                                   std::size_t line) {
  const std::pair<const char*, std::uint64_t> counts[] = {
      {"num_projects", election.instance.projects.size()},
      {"num_votes", election.voters.size()},
  };
  for (const auto& [key, found] : counts) {
    auto declared = election.instance.meta_value(key);
    if (!declared) continue;
    std::uint64_t value = 0;
    if (!parse_uint(trim(*declared), value)) {
      return at_line(name, line, str_cat("META ", key, " '", *declared, "' is not a number"));
    }
    if (value != found) {
      return at_line(name, line,
                     str_cat("META declares ", key, " ", value, " but the file has ", found,
                             " (is it cut short?)"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

namespace {

// Reads a pabulib file line by line, section by section, in named steps; what it has read so
// far lives in its members. One reader reads one file.
class PabulibReader {
 public:
  PabulibReader(std::string_view name, const PabulibOptions& options)
      : name_(name), options_(options) {}

  absl::StatusOr<pb::Election> read(std::string_view text);

 private:
  template <class... Parts>
  absl::Status fail(std::size_t line, Parts&&... parts) const {
    return at_line(name_, line, str_cat(std::forward<Parts>(parts)...));
  }
  absl::Status start_section(Section s, std::string_view line, std::size_t n);
  absl::Status read_header(std::size_t n);
  absl::Status read_meta(std::size_t n);
  absl::Status read_project(std::size_t n);
  absl::Status read_vote(std::size_t n);
  absl::Status read_points(std::size_t n, pb::VoteType type, const std::string& voter);
  absl::Status start_ballots(std::size_t line);
  absl::Status finish(std::size_t line);

  std::string_view name_;
  const PabulibOptions& options_;
  pb::Election election_;
  Section section_ = Section::kNone;
  absl::flat_hash_set<Section> sections_seen_;
  bool expect_header_ = false;
  std::vector<std::string> fields_, project_header_;
  std::ptrdiff_t vote_col_ = -1, points_col_ = -1, voter_col_ = -1;
  absl::flat_hash_map<std::string, std::uint32_t> project_index_;
  absl::flat_hash_set<std::string> voter_ids_;
  std::vector<std::uint32_t> seen_;
  std::uint32_t seen_epoch_ = 0;
  std::uint64_t repaired_ballots_ = 0;
  std::string first_repair_;
  std::vector<tally::Candidate> marks_;
  std::vector<std::int32_t> values_;
  // The ballots gather here from the first vote row on; the profile is built at the end.
  std::optional<tally::ProfileBuilder> ballots_;
};

absl::StatusOr<pb::Election> PabulibReader::read(std::string_view text) {
  LineReader lines(text);
  std::string_view line;
  while (lines.next(line)) {
    const std::size_t n = lines.line_number();
    if (trim(line).empty()) continue;
    if (Section s = section_of(line); s != Section::kNone) {
      PARTICIPA_RETURN_IF_ERROR(start_section(s, line, n));
      continue;
    }
    if (section_ == Section::kNone) return fail(n, "expected META, PROJECTS or VOTES");
    if (!split_csv_record(line, fields_, ';')) return fail(n, "a quoted field is not closed");
    for (auto& f : fields_) f = std::string(trim(f));
    if (expect_header_) {
      PARTICIPA_RETURN_IF_ERROR(read_header(n));
    } else if (section_ == Section::kMeta) {
      PARTICIPA_RETURN_IF_ERROR(read_meta(n));
    } else if (section_ == Section::kProjects) {
      PARTICIPA_RETURN_IF_ERROR(read_project(n));
    } else {
      PARTICIPA_RETURN_IF_ERROR(read_vote(n));
    }
  }
  PARTICIPA_RETURN_IF_ERROR(finish(lines.line_number()));
  return std::move(election_);
}

absl::Status PabulibReader::start_section(Section s, std::string_view line, std::size_t n) {
  // A section without its header row: a file that wrote none would be read back with one.
  if (expect_header_) return fail(n, name_of(kSectionNames, section_), " has no header row");
  // A second header of a section would relabel columns already read.
  if (!sections_seen_.insert(s).second) return fail(n, "section ", trim(line), " appears twice");
  section_ = s;
  expect_header_ = true;
  return absl::OkStatus();
}

absl::Status PabulibReader::read_header(std::size_t n) {
  expect_header_ = false;
  if (section_ == Section::kMeta &&
      (fields_.size() != 2 || fields_[0] != "key" || fields_[1] != "value")) {
    // Without it, the first META row would be taken for the header and lost.
    return fail(n, "META's first row must be its header key;value");
  }
  if (section_ == Section::kProjects) {
    project_header_ = fields_;
    election_.instance.project_columns = fields_;
    if (column(fields_, "project_id") < 0 || column(fields_, "cost") < 0) {
      return fail(n, "PROJECTS needs the columns project_id and cost");
    }
  } else if (section_ == Section::kVotes) {
    election_.voter_columns = fields_;
    voter_col_ = column(fields_, "voter_id");
    vote_col_ = column(fields_, "vote");
    points_col_ = column(fields_, "points");
    if (voter_col_ < 0 || vote_col_ < 0)
      return fail(n, "VOTES needs the columns voter_id and vote");
  }
  return absl::OkStatus();
}

absl::Status PabulibReader::read_meta(std::size_t n) {
  pb::Instance& instance = election_.instance;
  if (fields_.size() < 2) return fail(n, "a META row needs key;value");
  if (instance.meta_value(fields_[0])) return fail(n, "META gives '", fields_[0], "' twice");
  instance.meta.emplace_back(fields_[0], fields_[1]);
  if (fields_[0] == "budget") {
    auto budget = parse_decimal_text(fields_[1]);
    if (!budget.ok() || *budget < 0) {
      return fail(n, "budget '", fields_[1], "' is not a non-negative number");
    }
    instance.budget = *budget;
  } else if (fields_[0] == "vote_type") {
    auto type = pb::parse_vote_type(fields_[1]);
    if (!type.ok()) return fail(n, std::string(type.status().message()));
    instance.vote_type = *type;
  }
  return absl::OkStatus();
}

absl::Status PabulibReader::read_project(std::size_t n) {
  pb::Instance& instance = election_.instance;
  if (fields_.size() != project_header_.size()) {
    return fail(n, "a project row has ", fields_.size(), " fields; the header has ",
                project_header_.size());
  }
  pb::Project project;
  for (std::size_t c = 0; c < fields_.size(); ++c) project.fields[project_header_[c]] = fields_[c];
  project.id = project.fields["project_id"];
  if (project.id.empty()) return fail(n, "a project has an empty project_id");
  auto cost = parse_decimal_text(project.fields["cost"]);
  if (!cost.ok() || *cost < 0) {
    return fail(n, "project '", project.id, "' has cost '", project.fields["cost"],
                "', not a non-negative number");
  }
  project.cost = *cost;
  project.name = project.fields.count("name") ? project.fields["name"] : "";
  if (auto it = project.fields.find("category"); it != project.fields.end()) {
    for (auto c : split_list(it->second)) project.categories.emplace_back(c);
  }
  if (auto it = project.fields.find("target"); it != project.fields.end()) {
    for (auto t : split_list(it->second)) project.targets.emplace_back(t);
  }
  if (instance.projects.size() >= tally::Profile::kMaxCandidates) {
    return fail(n, "too many projects");
  }
  if (!project_index_.emplace(project.id, static_cast<std::uint32_t>(instance.projects.size()))
           .second) {
    return fail(n, "project '", project.id, "' is listed twice");
  }
  instance.projects.push_back(std::move(project));
  return absl::OkStatus();
}

absl::Status PabulibReader::start_ballots(std::size_t line) {
  std::vector<std::string> ids;
  for (const auto& p : election_.instance.projects) ids.push_back(p.id);
  const tally::BallotKind kind = pb::ballot_kind(election_.instance.vote_type);
  auto created = tally::ProfileBuilder::create(std::move(ids), kind);
  if (!created.ok()) return fail(line, std::string(created.status().message()));
  ballots_ = std::move(*created);
  return absl::OkStatus();
}

absl::Status PabulibReader::read_vote(std::size_t n) {
  const pb::Instance& instance = election_.instance;
  if (!ballots_) {
    if (!instance.meta_value("budget")) return fail(n, "META has no budget");
    if (!instance.meta_value("vote_type")) return fail(n, "META has no vote_type");
    PARTICIPA_RETURN_IF_ERROR(start_ballots(n));
  }
  if (fields_.size() != election_.voter_columns.size()) {
    return fail(n, "a vote row has ", fields_.size(), " fields; the header has ",
                election_.voter_columns.size());
  }
  const std::string& voter = fields_[static_cast<std::size_t>(voter_col_)];
  if (!voter_ids_.insert(voter).second) return fail(n, "voter '", voter, "' votes twice");
  marks_.clear();
  values_.clear();
  for (auto id : split_list(fields_[static_cast<std::size_t>(vote_col_)])) {
    auto it = project_index_.find(std::string(id));
    if (it == project_index_.end()) {
      return fail(n, "voter '", voter, "' votes for unknown project '", id, "'");
    }
    marks_.push_back(it->second);
  }
  const pb::VoteType type = instance.vote_type;
  // Real files (Warszawa 2026, Amsterdam) repeat a project in a ballot; pabutools reads
  // such a ballot as the set of its projects. Without points to tell the marks apart, the
  // repetition says nothing more, so the first mark is kept and the repair recorded.
  const bool has_points = type == pb::VoteType::kCumulative || type == pb::VoteType::kScoring;
  if (!options_.strict && !has_points && drop_repeated_marks(marks_, seen_, seen_epoch_)) {
    if (repaired_ballots_++ == 0) first_repair_ = str_cat("line ", n, ", voter '", voter, "'");
  }
  if (type == pb::VoteType::kChoose1 && marks_.size() > 1) {
    return fail(n, "voter '", voter, "' chooses ", marks_.size(), " projects in a choose-1 vote");
  }
  if (has_points) {
    PARTICIPA_RETURN_IF_ERROR(read_points(n, type, voter));
  } else if (type == pb::VoteType::kOrdinal) {
    for (std::size_t k = 0; k < marks_.size(); ++k) values_.push_back(static_cast<std::int32_t>(k));
  }
  absl::Status added = ballots_->add(tally::BallotView{marks_, values_});
  if (!added.ok()) return fail(n, "voter '", voter, "': ", std::string(added.message()));
  election_.voters.add(fields_);
  return absl::OkStatus();
}

absl::Status PabulibReader::read_points(std::size_t n, pb::VoteType type,
                                        const std::string& voter) {
  if (points_col_ < 0) return fail(n, to_string(type), " votes need a points column");
  auto points = split_list(fields_[static_cast<std::size_t>(points_col_)]);
  if (points.size() != marks_.size()) {
    return fail(n, "voter '", voter, "' has ", marks_.size(), " projects but ", points.size(),
                " points");
  }
  for (auto p : points) {
    std::int64_t v = 0;
    if (!parse_int(p, v) || v < INT32_MIN || v > INT32_MAX) {
      return fail(n, "points '", p, "' are not a whole number");
    }
    if (type == pb::VoteType::kCumulative && v < 0) {
      return fail(n, "voter '", voter, "' gives ", v,
                  " points: cumulative points cannot be negative");
    }
    values_.push_back(static_cast<std::int32_t>(v));
  }
  return absl::OkStatus();
}

absl::Status PabulibReader::finish(std::size_t line) {
  const pb::Instance& instance = election_.instance;
  if (expect_header_) return fail(line, name_of(kSectionNames, section_), " has no header row");
  if (!instance.meta_value("budget")) return fail(line, "META has no budget");
  if (!instance.meta_value("vote_type")) return fail(line, "META has no vote_type");
  if (instance.projects.empty()) return fail(line, "no PROJECTS");
  // Every pabulib file has a VOTES section, even an election nobody voted in; a file that ends
  // before it was cut short, and its last project row may be cut too.
  if (!sections_seen_.contains(Section::kVotes)) {
    return fail(line, "no VOTES section: the file ends early");
  }
  if (!ballots_) PARTICIPA_RETURN_IF_ERROR(start_ballots(line));
  election_.profile = ballots_->build();
  PARTICIPA_RETURN_IF_ERROR(check_declared_counts(election_, name_, line));
  if (repaired_ballots_ > 0) {
    election_.warnings.push_back(
        str_cat(repaired_ballots_, " ballot", repaired_ballots_ == 1 ? "" : "s",
                " marked a project more than once; each project was counted once per ballot "
                "(first at ",
                first_repair_, ")"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<pb::Election> parse_pabulib(std::string_view text, std::string_view name,
                                           const PabulibOptions& options) {
  std::string decoded;
  PARTICIPA_ASSIGN_OR_RETURN(text, decode_text(text, name, decoded));
  return PabulibReader(name, options).read(text);
}

absl::StatusOr<pb::Election> read_pabulib_file(const std::string& path,
                                               const PabulibOptions& options) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, read_file(path));
  return parse_pabulib(text, path, options);
}

namespace {

void put_field(std::string& out, std::string_view field) {
  if (field.find_first_of(";\"\n\r") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void put_row(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(';');
    put_field(out, fields[i]);
  }
  out.push_back('\n');
}

void put_row(std::string& out, const pb::VoterTable& voters, std::size_t row) {
  for (std::size_t i = 0; i < voters.fields(row); ++i) {
    if (i > 0) out.push_back(';');
    put_field(out, voters.field(row, i));
  }
  out.push_back('\n');
}

}  // namespace

namespace {

// The META rows: those of the election, with budget and vote_type taken from the instance
// (added when an election built in code has none).
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> meta_rows(
    const pb::Instance& instance) {
  auto budget = to_decimal_text(instance.budget);
  if (!budget) {
    return absl::InvalidArgumentError(
        str_cat("the budget ", to_string(instance.budget), " has no decimal form"));
  }
  std::vector<std::pair<std::string, std::string>> rows = instance.meta;
  auto set = [&](const std::string& key, const std::string& value, bool same_value) {
    for (auto& [k, v] : rows) {
      if (k == key) {
        if (!same_value) v = value;
        return;
      }
    }
    rows.emplace_back(key, value);
  };
  const auto written_budget = instance.meta_value("budget");
  set("budget", *budget,
      written_budget && parse_decimal_text(*written_budget).value_or(-1) == instance.budget);
  set("vote_type", std::string(pb::to_string(instance.vote_type)),
      instance.meta_value("vote_type") == pb::to_string(instance.vote_type));
  return rows;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) str_append(&out, i ? "," : "", items[i]);
  return out;
}

// A project's value in `column`: the instance's own value for the columns it models (the
// file's spelling kept when it means the same), the file's field for any other column.
absl::StatusOr<std::string> project_field(const pb::Project& project, const std::string& column) {
  auto field = project.fields.find(column);
  const std::string* written = field == project.fields.end() ? nullptr : &field->second;
  if (column == "project_id") return project.id;
  if (column == "name") return project.name;
  if (column == "cost") {
    if (written && parse_decimal_text(*written).value_or(-1) == project.cost) return *written;
    auto cost = to_decimal_text(project.cost);
    if (!cost) {
      return absl::InvalidArgumentError(str_cat("project '", project.id, "' costs ",
                                                to_string(project.cost),
                                                ", which has no decimal form"));
    }
    return *cost;
  }
  if (column == "category" || column == "target") {
    const auto& items = column == "category" ? project.categories : project.targets;
    std::vector<std::string> listed;
    if (written) {
      for (auto item : split_list(*written)) listed.emplace_back(item);
    }
    return written && listed == items ? *written : joined(items);
  }
  return written ? *written : std::string();
}

// The PROJECTS columns: the election's, or for one built in code those its projects use.
std::vector<std::string> project_columns(const pb::Instance& instance) {
  std::vector<std::string> columns = instance.project_columns;
  auto need = [&](const char* column, bool used) {
    if (used && std::find(columns.begin(), columns.end(), column) == columns.end()) {
      columns.emplace_back(column);
    }
  };
  auto any = [&](auto used) {
    return std::any_of(instance.projects.begin(), instance.projects.end(), used);
  };
  need("project_id", true);
  need("cost", true);
  need("name", any([](const pb::Project& p) { return !p.name.empty(); }));
  need("category", any([](const pb::Project& p) { return !p.categories.empty(); }));
  need("target", any([](const pb::Project& p) { return !p.targets.empty(); }));
  return columns;
}

// VOTES rows for an election without a voter table: one row per voter, numbered from 1.
absl::Status put_profile_votes(std::string& out, const pb::Election& election) {
  const pb::Instance& instance = election.instance;
  const tally::Profile& profile = election.profile;
  const bool points = has_values(profile.kind()) && profile.kind() != tally::BallotKind::kRanked;
  put_row(out, points ? std::vector<std::string>{"voter_id", "vote", "points"}
                      : std::vector<std::string>{"voter_id", "vote"});
  std::uint64_t voter = 0;
  std::vector<std::string> row;
  for (std::size_t i = 0; i < profile.num_distinct(); ++i) {
    const tally::BallotView ballot = profile.ballot(i);
    std::vector<std::string> ids, values;
    for (std::size_t k = 0; k < ballot.marks.size(); ++k) {
      ids.push_back(instance.projects[ballot.marks[k]].id);
      if (profile.has_equal_ranks() && k > 0 && ballot.values[k] == ballot.values[k - 1]) {
        return absl::InvalidArgumentError(
            "a ballot ranks two projects equal, which a pabulib ordinal vote cannot say");
      }
      if (points) values.push_back(str_cat(ballot.values[k]));
    }
    row = {"", joined(ids)};
    if (points) row.push_back(joined(values));
    for (std::uint64_t w = 0; w < profile.weight(i); ++w) {
      row[0] = str_cat(++voter);
      put_row(out, row);
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> write_pabulib(const pb::Election& election) {
  const pb::Instance& instance = election.instance;
  std::string out = "META\nkey;value\n";
  PARTICIPA_ASSIGN_OR_RETURN(auto meta, meta_rows(instance));
  for (const auto& [k, v] : meta) put_row(out, {k, v});
  out += "PROJECTS\n";
  const std::vector<std::string> columns = project_columns(instance);
  put_row(out, columns);
  std::vector<std::string> row;
  for (const auto& project : instance.projects) {
    row.clear();
    for (const auto& column : columns) {
      PARTICIPA_ASSIGN_OR_RETURN(std::string value, project_field(project, column));
      row.push_back(std::move(value));
    }
    put_row(out, row);
  }
  out += "VOTES\n";
  if (election.voter_columns.empty()) {
    PARTICIPA_RETURN_IF_ERROR(put_profile_votes(out, election));
    return out;
  }
  if (election.voters.size() != election.profile.total_weight()) {
    return absl::FailedPreconditionError(str_cat("the voter table has ", election.voters.size(),
                                                 " rows for ", election.profile.total_weight(),
                                                 " ballots: it no longer describes the votes"));
  }
  put_row(out, election.voter_columns);
  for (std::size_t v = 0; v < election.voters.size(); ++v) put_row(out, election.voters, v);
  return out;
}

}  // namespace participa::io
