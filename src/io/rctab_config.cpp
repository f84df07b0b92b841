#include "participa/io/rctab.hpp"

#include <algorithm>
#include <filesystem>
#include <tuple>

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

// A field's value as text. RCTab writes numbers and booleans either bare or as strings, so
// both are read; an object, an array or null where a value belongs is refused rather than
// read as absent.
absl::StatusOr<std::string> text_field(const json::object& o, std::string_view key,
                                       std::string_view file) {
  auto it = o.find(json::string_view(key.data(), key.size()));
  if (it == o.end()) return std::string();
  const json::value& v = it->value();
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_int64()) return str_cat(v.as_int64());
  if (v.is_uint64()) return str_cat(v.as_uint64());
  if (v.is_double()) return str_cat(v.as_double());
  if (v.is_bool()) return std::string(v.as_bool() ? "true" : "false");
  const char* kind = v.is_object() ? "an object" : v.is_array() ? "an array" : "null";
  return absl::InvalidArgumentError(
      str_cat(file, ": ", key, " is ", kind, ", not a number, text or true/false"));
}

absl::StatusOr<bool> bool_field(const json::object& o, std::string_view key,
                                std::string_view file) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, text_field(o, key, file));
  if (text.empty() || text == "false") return false;
  if (text == "true") return true;
  return absl::InvalidArgumentError(
      str_cat(file, ": ", key, " is '", text, "', not true or false"));
}

absl::StatusOr<std::int64_t> int_field(const json::object& o, std::string_view key,
                                       std::int64_t fallback, std::int64_t low, std::int64_t high,
                                       std::string_view file) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, text_field(o, key, file));
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
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, text_field(o, key, file));
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
  PARTICIPA_ASSIGN_OR_RETURN(std::string raw, read_file(config_path, 16 << 20));
  std::string decoded;
  PARTICIPA_ASSIGN_OR_RETURN(std::string_view text, decode_text(raw, config_path, decoded));
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) {
    return absl::InvalidArgumentError(
        str_cat(config_path, ": not a JSON object", ec ? ": " + ec.message() : ""));
  }
  return std::move(doc.as_object());
}

// The contest's name, place and stem (the configuration's file name without _config.json).
absl::Status read_identity(const json::object& root, const std::string& config_path,
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
  if (output == nullptr) return absl::OkStatus();
  if (!output->is_object()) {
    return absl::InvalidArgumentError(str_cat(config_path, ": outputSettings is not an object"));
  }
  const json::object& o = output->as_object();
  PARTICIPA_ASSIGN_OR_RETURN(contest.contest_name, text_field(o, "contestName", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(contest.date, text_field(o, "contestDate", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(contest.jurisdiction,
                             text_field(o, "contestJurisdiction", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(contest.office, text_field(o, "contestOffice", config_path));
  return absl::OkStatus();
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
    PARTICIPA_ASSIGN_OR_RETURN(std::string field, text_field(c.as_object(), "name", config_path));
    std::string name(trim(field));
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
    PARTICIPA_ASSIGN_OR_RETURN(bool excluded, bool_field(c.as_object(), "excluded", config_path));
    out.excluded.push_back(excluded);
  }
  if (out.names.empty()) return absl::InvalidArgumentError(str_cat(config_path, ": no candidates"));
  return out;
}

// The ranking limits: maxRankingsAllowed ("max" or a number) and maxSkippedRanksAllowed
// ("unlimited" or a number).
absl::Status read_ranking_limits(const json::object& r, int declared,
                                 const std::string& config_path, rctab::Rules& rules) {
  PARTICIPA_ASSIGN_OR_RETURN(const std::string max_rankings,
                             text_field(r, "maxRankingsAllowed", config_path));
  if (max_rankings == "max" || max_rankings.empty()) {
    rules.max_rankings = declared;
  } else {
    PARTICIPA_ASSIGN_OR_RETURN(
        std::int64_t m, int_field(r, "maxRankingsAllowed", declared, 1, kMaxRanks, config_path));
    rules.max_rankings = static_cast<int>(m);
  }
  PARTICIPA_ASSIGN_OR_RETURN(const std::string max_skipped,
                             text_field(r, "maxSkippedRanksAllowed", config_path));
  if (max_skipped == "unlimited") {
    rules.max_skipped_ranks.reset();
  } else {
    PARTICIPA_ASSIGN_OR_RETURN(
        std::int64_t s, int_field(r, "maxSkippedRanksAllowed", 1, 0, kMaxRanks, config_path));
    rules.max_skipped_ranks = static_cast<int>(s);
  }
  return absl::OkStatus();
}

// The combinations RCTab's own validation refuses, refused here with its reasons: a rule that
// cannot apply would otherwise be ignored without a word.
absl::Status check_combination(const rctab::Rules& rules, int declared, bool seed_given,
                               const std::string& config_path) {
  using Mode = rctab::WinnerMode;
  auto refuse = [&](auto&&... parts) {
    return absl::InvalidArgumentError(str_cat(config_path, ": ", parts...));
  };
  if (rules.mode != Mode::kBottomsUpPercentage && rules.seats > declared) {
    return refuse("numberOfWinners must be an integer from 1 to ", declared,
                  " (the declared candidates), not ", rules.seats);
  }
  const bool bottoms_up =
      rules.mode == Mode::kBottomsUp || rules.mode == Mode::kBottomsUpPercentage;
  if (rules.seats > 1 && rules.batch_elimination) {
    return refuse("batchElimination can't be true in a multi-seat contest");
  }
  if (rules.seats > 1 && rules.continue_until_two_remain) {
    return refuse("continueUntilTwoCandidatesRemain applies to single-seat contests only");
  }
  if (rules.seats == 1 && (rules.mode == Mode::kMultiWinnerOnePerRound ||
                           rules.mode == Mode::kMultiWinnerManyPerRound ||
                           rules.mode == Mode::kBottomsUp || rules.mode == Mode::kMultiPassIrv)) {
    return refuse("this winnerElectionMode needs numberOfWinners above 1");
  }
  if (rules.seats == 1 && rules.hare_quota) {
    return refuse("hareQuota can only be true in a multi-seat contest");
  }
  if (bottoms_up && rules.batch_elimination) {
    return refuse("batchElimination can't be true with a bottoms-up winnerElectionMode");
  }
  const bool random = rules.tie_break == rctab::TieBreakPolicy::kRandom ||
                      rules.tie_break == rctab::TieBreakPolicy::kPreviousRoundsThenRandom ||
                      rules.tie_break == rctab::TieBreakPolicy::kGeneratePermutation;
  if (random && !seed_given) {
    return refuse("a tiebreakMode with a random element needs randomSeed");
  }
  return absl::OkStatus();
}

absl::StatusOr<rctab::Rules> read_rules(const json::object& r, int declared,
                                        const std::string& config_path) {
  rctab::Rules rules;
  PARTICIPA_ASSIGN_OR_RETURN(std::string mode, text_field(r, "winnerElectionMode", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(rules.mode, parse_mode(mode, config_path));
  PARTICIPA_ASSIGN_OR_RETURN(std::string tie_break, text_field(r, "tiebreakMode", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(rules.tie_break, parse_rctab_tie_break(tie_break, config_path));
  PARTICIPA_ASSIGN_OR_RETURN(std::string overvote, text_field(r, "overvoteRule", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(rules.overvote, parse_overvote(overvote, config_path));
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
  PARTICIPA_ASSIGN_OR_RETURN(rules.batch_elimination,
                             bool_field(r, "batchElimination", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(rules.continue_until_two_remain,
                             bool_field(r, "continueUntilTwoCandidatesRemain", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(rules.exhaust_on_duplicate,
                             bool_field(r, "exhaustOnDuplicateCandidate", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(rules.hare_quota, bool_field(r, "hareQuota", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(rules.non_integer_threshold,
                             bool_field(r, "nonIntegerWinningThreshold", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(rules.first_round_determines_threshold,
                             bool_field(r, "doesFirstRoundDetermineThreshold", config_path));
  if (rules.mode == rctab::WinnerMode::kBottomsUpPercentage && rules.bottoms_up_share <= 0) {
    return absl::InvalidArgumentError(
        str_cat(config_path,
                ": bottomsUpUsingPercentageThreshold needs multiSeatBottomsUpPercentageThreshold"));
  }
  if (rules.mode != rctab::WinnerMode::kBottomsUpPercentage && rules.seats < 1) {
    return absl::InvalidArgumentError(str_cat(config_path, ": numberOfWinners must be at least 1"));
  }
  PARTICIPA_ASSIGN_OR_RETURN(std::string seed, text_field(r, "randomSeed", config_path));
  PARTICIPA_RETURN_IF_ERROR(check_combination(rules, declared, !seed.empty(), config_path));
  return rules;
}

// A CVR file named by the configuration (relative to its folder), which must lie in the CVR
// root or below it, links resolved: a configuration must not make the counter read elsewhere.
absl::StatusOr<std::string> path_inside(const std::string& directory, const std::string& cvr_root,
                                        const std::string& file, const std::string& config_path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path folder = fs::absolute(directory.empty() ? "." : directory, ec);
  const fs::path base = fs::weakly_canonical(fs::absolute(cvr_root.empty() ? "." : cvr_root), ec);
  const fs::path named = fs::path(file).is_absolute() ? fs::path(file) : folder / file;
  const fs::path resolved = fs::weakly_canonical(named, ec);
  if (ec) {
    return absl::InvalidArgumentError(
        str_cat(config_path, ": CVR file '", file, "': ", ec.message()));
  }
  auto [base_end, unused] =
      std::mismatch(base.begin(), base.end(), resolved.begin(), resolved.end());
  if (base_end != base.end()) {
    return absl::InvalidArgumentError(str_cat(config_path, ": CVR file '", file, "' lies outside ",
                                              base.string(),
                                              " (name another CVR root to allow it)"));
  }
  return resolved.string();
}

absl::StatusOr<Source> read_source(const json::value& s, const std::string& directory,
                                   const std::string& cvr_root, const std::string& config_path) {
  if (!s.is_object()) {
    return absl::InvalidArgumentError(str_cat(config_path, ": a CVR source is not an object"));
  }
  const json::object& o = s.as_object();
  Source source;
  PARTICIPA_ASSIGN_OR_RETURN(std::string file, text_field(o, "filePath", config_path));
  if (file.empty()) {
    return absl::InvalidArgumentError(str_cat(config_path, ": a CVR source has no filePath"));
  }
  PARTICIPA_ASSIGN_OR_RETURN(source.path, path_inside(directory, cvr_root, file, config_path));
  PARTICIPA_ASSIGN_OR_RETURN(source.provider, text_field(o, "provider", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(source.contest_id, text_field(o, "contestId", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(std::int64_t col,
                             int_field(o, "firstVoteColumnIndex", 1, 1, 1000, config_path));
  PARTICIPA_ASSIGN_OR_RETURN(std::int64_t row,
                             int_field(o, "firstVoteRowIndex", 1, 1, 100000, config_path));
  source.first_column = static_cast<int>(col);
  source.first_row = static_cast<int>(row);
  PARTICIPA_ASSIGN_OR_RETURN(source.overvote_label, text_field(o, "overvoteLabel", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(source.skipped_label, text_field(o, "skippedRankLabel", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(source.write_in_label,
                             text_field(o, "undeclaredWriteInLabel", config_path));
  source.overvote_label = std::string(trim(source.overvote_label));
  source.skipped_label = std::string(trim(source.skipped_label));
  source.write_in_label = std::string(trim(source.write_in_label));
  PARTICIPA_ASSIGN_OR_RETURN(source.overvote_delimiter,
                             text_field(o, "overvoteDelimiter", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(source.blank_is_write_in,
                             bool_field(o, "treatBlankAsUndeclaredWriteIn", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(std::int64_t precinct,
                             int_field(o, "precinctColumnIndex", 0, 1, 1000, config_path));
  PARTICIPA_ASSIGN_OR_RETURN(std::int64_t batch,
                             int_field(o, "batchColumnIndex", 0, 1, 1000, config_path));
  source.precinct_column = static_cast<int>(precinct);
  source.batch_column = static_cast<int>(batch);
  return source;
}

// generateCdfJson: the records in NIST CDF, with where each counted in each round.
// tabulateByPrecinct and tabulateByBatch: a report per precinct or batch. Precincts and batches
// are read from the columns ess and genericCsv sources name, and from the records of the other
// providers (a contest where no record names one is refused after reading); an ess or
// genericCsv source without the column would leave every record in one slice, so it is refused.
absl::Status read_outputs(const json::object& root, const std::vector<Source>& sources,
                          const std::string& config_path, RctabContest& contest) {
  const json::value* output = root.if_contains("outputSettings");
  if (output == nullptr) return absl::OkStatus();
  const json::object& o = output->as_object();
  rctab::Rules& rules = contest.rules;
  PARTICIPA_ASSIGN_OR_RETURN(rules.by_precinct, bool_field(o, "tabulateByPrecinct", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(rules.by_batch, bool_field(o, "tabulateByBatch", config_path));
  PARTICIPA_ASSIGN_OR_RETURN(contest.generate_cdf_json,
                             bool_field(o, "generateCdfJson", config_path));
  rules.allocations = contest.generate_cdf_json;
  for (const Source& source : sources) {
    // Other providers name precincts and batches in the records themselves.
    if (source.provider != "ess" && source.provider != "genericCsv") continue;
    for (const auto& [asked, column, setting, what] :
         {std::tuple{rules.by_precinct, source.precinct_column, "tabulateByPrecinct",
                     "precinctColumnIndex"},
          std::tuple{rules.by_batch, source.batch_column, "tabulateByBatch", "batchColumnIndex"}}) {
      if (asked && column == 0) {
        return absl::InvalidArgumentError(
            str_cat(config_path, ": ", setting, " needs the ", what, " of ", source.path));
      }
    }
  }
  return absl::OkStatus();
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
  if (source.provider == "cdf") {
    if (detail::lowercase_extension(source.path) == ".xml")
      return detail::read_cdf_xml(source, names, max_rankings, records);
    return detail::read_cdf(source, names, max_rankings, records);
  }
  if (source.provider == "hart") return detail::read_hart(source, names, max_rankings, records);
  if (source.provider == "dominion") {
    return detail::read_dominion(source, names, max_rankings, records);
  }
  return absl::InvalidArgumentError(
      str_cat(config_path, ": CVR provider '", source.provider,
              "' is not supported (ess, cdf, clearBallot, genericCsv, hart, dominion)"));
}

// A contest where no record marks any candidate would be "won" with 0 votes: that means the
// records were not understood (wrong columns, wrong contest, names that never match).
absl::Status require_a_marked_record(const rctab::Records& records,
                                     const std::string& config_path) {
  for (std::size_t i = 0; i < records.num_distinct(); ++i) {
    for (tally::Candidate c : records.marks(i)) {
      if (c != rctab::kOvervoteMark) return absl::OkStatus();
    }
  }
  return absl::InvalidArgumentError(str_cat(
      config_path, ": no cast-vote record marks any candidate of the contest (", records.total(),
      " records read): check firstVoteColumnIndex, contestId and the "
      "candidate names"));
}

// Reports by precinct or batch when no record names one would be one report of everything,
// looking like a breakdown.
absl::Status require_named_slices(const rctab::Records& records, const rctab::Rules& rules,
                                  const std::string& config_path) {
  for (const auto& [asked, names, what] :
       {std::tuple{rules.by_precinct, &records.precincts(), "precinct"},
        std::tuple{rules.by_batch, &records.batches(), "batch"}}) {
    if (asked && std::all_of(names->begin(), names->end(),
                             [](const std::string& name) { return name.empty(); })) {
      return absl::InvalidArgumentError(
          str_cat(config_path, ": no cast-vote record names a ", what, " to report by"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RctabContest> read_rctab_contest(const std::string& config_path,
                                                const std::string& cvr_root) {
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
  PARTICIPA_RETURN_IF_ERROR(read_identity(root, config_path, contest));
  PARTICIPA_ASSIGN_OR_RETURN(CandidateList candidates,
                             read_candidates(candidates_json->as_array(), config_path));
  PARTICIPA_ASSIGN_OR_RETURN(
      contest.rules,
      read_rules(rules_json->as_object(), static_cast<int>(candidates.names.size()), config_path));
  std::vector<Source> sources;
  bool write_ins = false;
  for (const json::value& s : sources_json->as_array()) {
    PARTICIPA_ASSIGN_OR_RETURN(
        Source source, read_source(s, contest.directory,
                                   cvr_root.empty() ? contest.directory : cvr_root, config_path));
    write_ins = write_ins || !source.write_in_label.empty() || source.blank_is_write_in;
    sources.push_back(std::move(source));
  }
  if (sources.empty()) {
    return absl::InvalidArgumentError(str_cat(config_path, ": no cvrFileSources"));
  }
  PARTICIPA_RETURN_IF_ERROR(read_outputs(root, sources, config_path, contest));
  contest.records = rctab::Records(candidates.names, candidates.excluded, write_ins);
  contest.records.keep_origins(contest.rules.by_precinct, contest.rules.by_batch);
  const Names names(candidates.with_aliases, contest.records.undeclared_write_in());
  for (const Source& source : sources) {
    const std::uint64_t before = contest.records.total();
    const std::size_t arrived = contest.records.arrivals().size();
    PARTICIPA_RETURN_IF_ERROR(
        read_records(source, names, contest.rules.max_rankings, contest.records, config_path));
    contest.cvr_files.push_back({std::filesystem::path(source.path).filename().string(),
                                 contest.records.arrivals().size() - arrived});
    if (contest.records.total() == before) {
      return absl::InvalidArgumentError(
          str_cat(source.path, ": no cast-vote record for this contest (is it a ", source.provider,
                  " CVR export, and is contestId right?)"));
    }
  }
  PARTICIPA_RETURN_IF_ERROR(require_a_marked_record(contest.records, config_path));
  PARTICIPA_RETURN_IF_ERROR(require_named_slices(contest.records, contest.rules, config_path));
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
