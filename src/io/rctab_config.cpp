#include "participa/io/rctab.hpp"

#include <algorithm>
#include <filesystem>

#include <boost/json.hpp>

#include "io/rctab_sources.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/files.hpp"

namespace participa::io {
namespace {

namespace json = boost::json;
using detail::kMaxRanks;
using detail::Names;
using detail::Source;
namespace rctab = tally::rctab;

std::string text_field(const json::object& o, std::string_view key) {
  auto it = o.find(json::string_view(key.data(), key.size()));
  if (it == o.end()) return "";
  const json::value& v = it->value();
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_int64()) return str_cat(v.as_int64());
  if (v.is_uint64()) return str_cat(v.as_uint64());
  if (v.is_double()) return str_cat(v.as_double());
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  return "";
}

bool bool_field(const json::object& o, std::string_view key) {
  auto it = o.find(json::string_view(key.data(), key.size()));
  if (it == o.end()) return false;
  if (it->value().is_bool()) return it->value().as_bool();
  return text_field(o, key) == "true";
}

absl::StatusOr<std::int64_t> int_field(const json::object& o, std::string_view key,
                                       std::int64_t fallback, std::int64_t low, std::int64_t high,
                                       std::string_view file) {
  std::string text = text_field(o, key);
  if (text.empty()) return fallback;
  std::int64_t value = 0;
  if (!parse_int(text, value) || value < low || value > high) {
    return absl::InvalidArgumentError(str_cat(file, ": ", key, " must be an integer from ", low,
                                              " to ", high, ", not '", text, "'"));
  }
  return value;
}

absl::StatusOr<Rational> decimal_field(const json::object& o, std::string_view key,
                                       std::string_view file) {
  std::string text = text_field(o, key);
  if (text.empty()) return Rational(0);
  auto value = parse_decimal_text(text);
  if (!value.ok() || text.size() > 40) {
    return absl::InvalidArgumentError(str_cat(file, ": ", key, " '", text, "' is not a decimal"));
  }
  return value;
}

absl::StatusOr<rctab::WinnerMode> parse_mode(const std::string& text, std::string_view file) {
  static const std::map<std::string, rctab::WinnerMode, std::less<>> modes = {
      {"singleWinnerMajority", rctab::WinnerMode::kSingleWinnerMajority},
      {"multiWinnerAllowOnlyOneWinnerPerRound", rctab::WinnerMode::kMultiWinnerOnePerRound},
      {"multiWinnerAllowMultipleWinnersPerRound", rctab::WinnerMode::kMultiWinnerManyPerRound},
      {"bottomsUp", rctab::WinnerMode::kBottomsUp},
      {"bottomsUpUsingPercentageThreshold", rctab::WinnerMode::kBottomsUpPercentage},
      {"multiPassIrv", rctab::WinnerMode::kMultiPassIrv}};
  auto it = modes.find(text);
  if (it == modes.end()) {
    return absl::InvalidArgumentError(str_cat(file, ": unknown winnerElectionMode '", text, "'"));
  }
  return it->second;
}

absl::StatusOr<rctab::TieBreakPolicy> parse_rctab_tie_break(const std::string& text,
                                                            std::string_view file) {
  static const std::map<std::string, rctab::TieBreakPolicy, std::less<>> modes = {
      {"useCandidateOrder", rctab::TieBreakPolicy::kCandidateOrder},
      {"random", rctab::TieBreakPolicy::kRandom},
      {"generatePermutation", rctab::TieBreakPolicy::kGeneratePermutation},
      {"previousRoundCountsThenRandom", rctab::TieBreakPolicy::kPreviousRoundsThenRandom},
      {"stopCountingAndAsk", rctab::TieBreakPolicy::kStopCountingAndAsk},
      {"previousRoundCountsThenAsk", rctab::TieBreakPolicy::kPreviousRoundsThenAsk}};
  auto it = modes.find(text);
  if (it == modes.end()) {
    return absl::InvalidArgumentError(str_cat(file, ": unknown tiebreakMode '", text, "'"));
  }
  return it->second;
}

absl::StatusOr<rctab::OvervoteRule> parse_overvote(const std::string& text, std::string_view file) {
  if (text == "exhaustImmediately") return rctab::OvervoteRule::kExhaustImmediately;
  if (text == "alwaysSkipToNextRank") return rctab::OvervoteRule::kAlwaysSkipToNextRank;
  if (text == "exhaustIfMultipleContinuing")
    return rctab::OvervoteRule::kExhaustIfMultipleContinuing;
  return absl::InvalidArgumentError(str_cat(file, ": unknown overvoteRule '", text, "'"));
}

absl::StatusOr<json::object> read_config_json(const std::string& config_path) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, read_file(config_path, 16 << 20));
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) {
    return absl::InvalidArgumentError(
        str_cat(config_path, ": not a JSON object", ec ? ": " + ec.message() : ""));
  }
  return std::move(doc.as_object());
}

// The contest's name, place and stem (the configuration's file name without _config.json).
void read_identity(const json::object& root, const std::string& config_path,
                   RctabContest& contest) {
  std::filesystem::path path(config_path);
  contest.directory = path.parent_path().string();
  contest.stem = path.filename().string();
  if (auto pos = contest.stem.rfind("_config.json"); pos != std::string::npos) {
    contest.stem.resize(pos);
  } else if (auto dot = contest.stem.rfind('.'); dot != std::string::npos) {
    contest.stem.resize(dot);
  }
  const json::value* output = root.if_contains("outputSettings");
  if (output == nullptr || !output->is_object()) return;
  const json::object& o = output->as_object();
  contest.contest_name = text_field(o, "contestName");
  contest.date = text_field(o, "contestDate");
  contest.jurisdiction = text_field(o, "contestJurisdiction");
  contest.office = text_field(o, "contestOffice");
}

// The candidates in the configuration's order, with their aliases and exclusions.
struct CandidateList {
  std::vector<std::pair<std::string, std::vector<std::string>>> with_aliases;
  std::vector<std::string> names;
  std::vector<bool> excluded;
};

absl::StatusOr<CandidateList> read_candidates(const json::array& candidates,
                                              const std::string& config_path) {
  CandidateList out;
  for (const json::value& c : candidates) {
    if (!c.is_object()) {
      return absl::InvalidArgumentError(str_cat(config_path, ": a candidate is not an object"));
    }
    std::string name(trim(text_field(c.as_object(), "name")));
    if (name.empty()) {
      return absl::InvalidArgumentError(str_cat(config_path, ": a candidate has no name"));
    }
    if (std::find(out.names.begin(), out.names.end(), name) != out.names.end()) {
      return absl::InvalidArgumentError(
          str_cat(config_path, ": candidate '", name, "' is listed twice"));
    }
    std::vector<std::string> aliases;
    if (const json::value* a = c.as_object().if_contains("aliases"); a && a->is_array()) {
      for (const json::value& alias : a->as_array()) {
        if (alias.is_string()) aliases.emplace_back(trim(std::string_view(alias.as_string())));
      }
    }
    out.with_aliases.emplace_back(name, aliases);
    out.names.push_back(name);
    out.excluded.push_back(bool_field(c.as_object(), "excluded"));
  }
  if (out.names.empty()) return absl::InvalidArgumentError(str_cat(config_path, ": no candidates"));
  return out;
}

// The ranking limits: maxRankingsAllowed ("max" or a number) and maxSkippedRanksAllowed
// ("unlimited" or a number).
absl::Status read_ranking_limits(const json::object& r, int declared,
                                 const std::string& config_path, rctab::Rules& rules) {
  const std::string max_rankings = text_field(r, "maxRankingsAllowed");
  if (max_rankings == "max" || max_rankings.empty()) {
    rules.max_rankings = declared;
  } else {
    PARTICIPA_ASSIGN_OR_RETURN(
        std::int64_t m, int_field(r, "maxRankingsAllowed", declared, 1, kMaxRanks, config_path));
    rules.max_rankings = static_cast<int>(m);
  }
  if (text_field(r, "maxSkippedRanksAllowed") == "unlimited") {
    rules.max_skipped_ranks.reset();
  } else {
    PARTICIPA_ASSIGN_OR_RETURN(
        std::int64_t s, int_field(r, "maxSkippedRanksAllowed", 1, 0, kMaxRanks, config_path));
    rules.max_skipped_ranks = static_cast<int>(s);
  }
  return absl::OkStatus();
}

absl::StatusOr<rctab::Rules> read_rules(const json::object& r, int declared,
                                        const std::string& config_path) {
  rctab::Rules rules;
  PARTICIPA_ASSIGN_OR_RETURN(rules.mode,
                             parse_mode(text_field(r, "winnerElectionMode"), config_path));
  PARTICIPA_ASSIGN_OR_RETURN(rules.tie_break,
                             parse_rctab_tie_break(text_field(r, "tiebreakMode"), config_path));
  PARTICIPA_ASSIGN_OR_RETURN(rules.overvote,
                             parse_overvote(text_field(r, "overvoteRule"), config_path));
  PARTICIPA_ASSIGN_OR_RETURN(std::int64_t seats,
                             int_field(r, "numberOfWinners", 1, 0, 1000, config_path));
  rules.seats = static_cast<int>(seats);
  PARTICIPA_ASSIGN_OR_RETURN(std::int64_t places,
                             int_field(r, "decimalPlacesForVoteArithmetic", 4, 1, 20, config_path));
  rules.decimal_places = static_cast<int>(places);
  PARTICIPA_RETURN_IF_ERROR(read_ranking_limits(r, declared, config_path, rules));
  PARTICIPA_ASSIGN_OR_RETURN(rules.minimum_vote_threshold,
                             decimal_field(r, "minimumVoteThreshold", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(
      Rational percent, decimal_field(r, "multiSeatBottomsUpPercentageThreshold", config_path));
  rules.bottoms_up_share = percent / 100;
  PARTICIPA_ASSIGN_OR_RETURN(
      std::int64_t stop, int_field(r, "stopTabulationEarlyAfterRound", 0, 0, 100000, config_path));
  rules.stop_after_round = static_cast<int>(stop);
  // RCTab's seed is a Java long limited to 48 bits, as java.util.Random uses it.
  PARTICIPA_ASSIGN_OR_RETURN(rules.random_seed, int_field(r, "randomSeed", 0, -140737488355328LL,
                                                          140737488355327LL, config_path));
  rules.batch_elimination = bool_field(r, "batchElimination");
  rules.continue_until_two_remain = bool_field(r, "continueUntilTwoCandidatesRemain");
  rules.exhaust_on_duplicate = bool_field(r, "exhaustOnDuplicateCandidate");
  rules.hare_quota = bool_field(r, "hareQuota");
  rules.non_integer_threshold = bool_field(r, "nonIntegerWinningThreshold");
  rules.first_round_determines_threshold = bool_field(r, "doesFirstRoundDetermineThreshold");
  if (rules.mode == rctab::WinnerMode::kBottomsUpPercentage && rules.bottoms_up_share <= 0) {
    return absl::InvalidArgumentError(
        str_cat(config_path,
                ": bottomsUpUsingPercentageThreshold needs multiSeatBottomsUpPercentageThreshold"));
  }
  if (rules.mode != rctab::WinnerMode::kBottomsUpPercentage && rules.seats < 1) {
    return absl::InvalidArgumentError(str_cat(config_path, ": numberOfWinners must be at least 1"));
  }
  return rules;
}

absl::StatusOr<Source> read_source(const json::value& s, const std::string& directory,
                                   const std::string& config_path) {
  if (!s.is_object()) {
    return absl::InvalidArgumentError(str_cat(config_path, ": a CVR source is not an object"));
  }
  const json::object& o = s.as_object();
  Source source;
  std::string file = text_field(o, "filePath");
  if (file.empty()) {
    return absl::InvalidArgumentError(str_cat(config_path, ": a CVR source has no filePath"));
  }
  std::filesystem::path p(file);
  source.path = p.is_absolute() ? file : (std::filesystem::path(directory) / p).string();
  source.provider = text_field(o, "provider");
  source.contest_id = text_field(o, "contestId");
  PARTICIPA_ASSIGN_OR_RETURN(std::int64_t col,
                             int_field(o, "firstVoteColumnIndex", 1, 1, 1000, config_path));
  PARTICIPA_ASSIGN_OR_RETURN(std::int64_t row,
                             int_field(o, "firstVoteRowIndex", 1, 1, 100000, config_path));
  source.first_column = static_cast<int>(col);
  source.first_row = static_cast<int>(row);
  source.overvote_label = std::string(trim(text_field(o, "overvoteLabel")));
  source.skipped_label = std::string(trim(text_field(o, "skippedRankLabel")));
  source.write_in_label = std::string(trim(text_field(o, "undeclaredWriteInLabel")));
  source.overvote_delimiter = text_field(o, "overvoteDelimiter");
  source.blank_is_write_in = bool_field(o, "treatBlankAsUndeclaredWriteIn");
  return source;
}

// read_records(source, names, max_rankings, records) — through the reader of its provider.
absl::Status read_records(const Source& source, const Names& names, int max_rankings,
                          rctab::Records& records, const std::string& config_path) {
  if (source.provider == "ess") return detail::read_ess(source, names, max_rankings, records);
  if (source.provider == "genericCsv") {
    return detail::read_generic_csv(source, names, max_rankings, records);
  }
  if (source.provider == "clearBallot") {
    return detail::read_clear_ballot(source, names, max_rankings, records);
  }
  if (source.provider == "cdf") return detail::read_cdf(source, names, max_rankings, records);
  return absl::InvalidArgumentError(
      str_cat(config_path, ": CVR provider '", source.provider,
              "' is not supported (ess, cdf, clearBallot, genericCsv)"));
}

}  // namespace

absl::StatusOr<RctabContest> read_rctab_contest(const std::string& config_path) {
  PARTICIPA_ASSIGN_OR_RETURN(json::object root, read_config_json(config_path));
  const json::value* rules_json = root.if_contains("rules");
  const json::value* sources_json = root.if_contains("cvrFileSources");
  const json::value* candidates_json = root.if_contains("candidates");
  if (rules_json == nullptr || !rules_json->is_object() || sources_json == nullptr ||
      !sources_json->is_array() || candidates_json == nullptr || !candidates_json->is_array()) {
    return absl::InvalidArgumentError(str_cat(
        config_path, ": an RCTab configuration needs rules, cvrFileSources and candidates"));
  }
  RctabContest contest;
  read_identity(root, config_path, contest);
  PARTICIPA_ASSIGN_OR_RETURN(CandidateList candidates,
                             read_candidates(candidates_json->as_array(), config_path));
  PARTICIPA_ASSIGN_OR_RETURN(
      contest.rules,
      read_rules(rules_json->as_object(), static_cast<int>(candidates.names.size()), config_path));
  std::vector<Source> sources;
  bool write_ins = false;
  for (const json::value& s : sources_json->as_array()) {
    PARTICIPA_ASSIGN_OR_RETURN(Source source, read_source(s, contest.directory, config_path));
    write_ins = write_ins || !source.write_in_label.empty() || source.blank_is_write_in;
    sources.push_back(std::move(source));
  }
  if (sources.empty()) {
    return absl::InvalidArgumentError(str_cat(config_path, ": no cvrFileSources"));
  }
  contest.records = rctab::Records(candidates.names, candidates.excluded, write_ins);
  const Names names(candidates.with_aliases, contest.records.undeclared_write_in());
  for (const Source& source : sources) {
    PARTICIPA_RETURN_IF_ERROR(
        read_records(source, names, contest.rules.max_rankings, contest.records, config_path));
  }
  return contest;
}

absl::StatusOr<std::vector<rctab::Result>> tabulate_rctab(const RctabContest& contest) {
  if (contest.rules.mode == rctab::WinnerMode::kMultiPassIrv) {
    return rctab::tabulate_passes(contest.records, contest.rules);
  }
  PARTICIPA_ASSIGN_OR_RETURN(rctab::Result report, rctab::tabulate(contest.records, contest.rules));
  return std::vector<rctab::Result>{std::move(report)};
}

}  // namespace participa::io
