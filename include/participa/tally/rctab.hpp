// participa/tally/rctab.hpp — ranked-choice tabulation with the rules of RCTab.
//
// RCTab (the Universal RCV Tabulator) is the certified open-source tabulator used for US
// ranked-choice elections. This module counts cast-vote records the way it does, so a
// jurisdiction's configured rules give the same rounds, transfers and inactive-ballot counts:
//
//   * Records keep their rank numbers, so skipped ranks, overvotes (several candidates, or an
//     explicit overvote mark, at one rank) and repeated candidates are seen as cast.
//   * Arithmetic is fixed-point with `decimal_places` digits, truncating where RCTab
//     truncates (surplus fractions and transfers); sums are exact.
//   * Winner modes: single-winner majority, multi-winner with one or many winners per round
//     (fractional surplus transfer), bottoms-up (eliminate until the seats remain),
//     bottoms-up against a percentage threshold, and multi-pass IRV (`tabulate_passes`).
//   * Ties: candidate order (permutation), previous round counts, or Java-compatible random
//     draws from a seed (`java.util.Random`, whose generator is specified by the Java API).
//
// `Records` stores distinct records once with a multiplicity, like a Profile, because identical
// records move identically through every round.
//
// A contest can also be reported by precinct and by batch (RCTab's tabulateByPrecinct and
// tabulateByBatch): each record may name its precinct and batch, and with `Rules::by_precinct`
// or `by_batch` the result carries one `Slice` per precinct or batch — the same rounds and
// decisions as the whole contest, with the votes, transfers and inactive ballots of the records
// in the slice only.
//
//   rctab::Records records(names, /*excluded=*/{}, /*undeclared_write_in=*/false);
//   records.add({{1, {0}}, {2, {2}}}, /*count=*/3);
//   auto report = rctab::tabulate(records, rctab::Rules{});
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "participa/core/rational.hpp"
#include "participa/tally/ballot.hpp"

namespace participa::tally::rctab {

// A mark meaning "overvote" as written on the record (an overvote label), not a candidate.
inline constexpr Candidate kOvervoteMark = 0xFFFFFFFEu;

enum class OvervoteRule {
  kExhaustImmediately,
  kAlwaysSkipToNextRank,
  kExhaustIfMultipleContinuing
};
enum class WinnerMode {
  kSingleWinnerMajority,
  kMultiWinnerOnePerRound,
  kMultiWinnerManyPerRound,
  kBottomsUp,
  kBottomsUpPercentage,
  kMultiPassIrv,
};
enum class TieBreakPolicy {
  kCandidateOrder,
  kRandom,
  kGeneratePermutation,
  kPreviousRoundsThenRandom,
  kStopCountingAndAsk,
  kPreviousRoundsThenAsk,
};

struct Rules {
  WinnerMode mode = WinnerMode::kSingleWinnerMajority;
  int seats = 1;
  OvervoteRule overvote = OvervoteRule::kAlwaysSkipToNextRank;
  // Most consecutive skipped ranks before a record is exhausted; nullopt means unlimited.
  std::optional<int> max_skipped_ranks = 1;
  int max_rankings = 0;
  Rational minimum_vote_threshold;
  bool batch_elimination = false;
  bool continue_until_two_remain = false;
  bool exhaust_on_duplicate = false;
  bool hare_quota = false;
  bool non_integer_threshold = false;
  bool first_round_determines_threshold = false;
  int decimal_places = 4;
  // Stop after this round (0: never stop early).
  int stop_after_round = 0;
  // Bottoms-up with a percentage threshold: the share each remaining candidate needs.
  Rational bottoms_up_share;
  TieBreakPolicy tie_break = TieBreakPolicy::kCandidateOrder;
  // Report each precinct and each batch apart as well (Result::slices).
  bool by_precinct = false;
  bool by_batch = false;
  // Keep where each record's vote counted in each round (Result::allocations): what a CVR
  // export with the count's interpretation of each ballot needs.
  bool allocations = false;
  std::int64_t random_seed = 0;
};

// What a record says of where it was cast and counted; empty when its source does not say.
struct Origin {
  std::string precinct;
  std::string batch;
};

// One rank of a record: its number (1-based) and the marks made there.
struct RankMarks {
  int rank = 0;
  std::vector<Candidate> marks;
};

class Records {
 public:
  // Records(candidates, excluded, undeclared_write_in) — declared candidates in the
  // contest's order; with undeclared_write_in, one more candidate named
  // kUndeclaredWriteInName collects write-ins for names not declared.
  Records(std::vector<std::string> candidates, std::vector<bool> excluded,
          bool undeclared_write_in);
  static constexpr const char* kUndeclaredWriteInName = "Undeclared Write-ins";

  // add(ranks, count, origin) — InvalidArgument for a rank below 1, ranks out of order, or an
  // unknown candidate. Records from different precincts or batches stay distinct (unless
  // keep_origins says otherwise). Each call is remembered in order (arrivals()), so the records
  // can be listed as they were read.
  absl::Status add(const std::vector<RankMarks>& ranks, std::uint64_t count = 1,
                   const Origin& origin = {});

  const std::vector<std::string>& candidates() const { return candidates_; }
  const std::vector<bool>& excluded() const { return excluded_; }
  std::optional<Candidate> undeclared_write_in() const { return undeclared_; }
  // keep_origins(precinct, batch) — whether add() keeps what records say of their precinct and
  // batch (both, until told otherwise). A count reported by neither is faster without them:
  // identical rankings from different precincts are then one record. Call before adding.
  void keep_origins(bool precinct, bool batch) {
    keep_precinct_ = precinct;
    keep_batch_ = batch;
  }
  std::size_t num_distinct() const { return weights_.size(); }
  std::uint64_t total() const { return total_; }
  std::uint64_t weight(std::size_t i) const { return weights_[i]; }
  // Record i's marks: (rank, candidate) pairs sorted by rank.
  std::span<const std::int32_t> ranks(std::size_t i) const {
    return std::span(ranks_).subspan(offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  std::span<const Candidate> marks(std::size_t i) const {
    return std::span(marks_).subspan(offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  // The precincts and batches records named, in order of first appearance ("" for records that
  // named none), and the index in them of record i's.
  const std::vector<std::string>& precincts() const { return precincts_.names; }
  const std::vector<std::string>& batches() const { return batches_.names; }
  std::uint32_t precinct(std::size_t i) const { return precinct_[i]; }
  std::uint32_t batch(std::size_t i) const { return batch_[i]; }
  // Every add() in order: the distinct record it added to, and how many copies.
  struct Arrival {
    std::uint32_t record;
    std::uint64_t count;
  };
  const std::vector<Arrival>& arrivals() const { return arrivals_; }

 private:
  std::vector<std::string> candidates_;
  std::vector<bool> excluded_;
  std::optional<Candidate> undeclared_;
  std::vector<std::size_t> offsets_{0};
  std::vector<std::int32_t> ranks_;
  std::vector<Candidate> marks_;
  std::vector<std::uint64_t> weights_;
  std::uint64_t total_ = 0;
  absl::flat_hash_map<std::string, std::uint32_t> index_;
  struct Labels {
    std::vector<std::string> names;
    absl::flat_hash_map<std::string, std::uint32_t> index;
    std::uint32_t of(const std::string& name);
  };
  Labels precincts_, batches_;
  std::vector<std::uint32_t> precinct_, batch_;
  std::vector<Arrival> arrivals_;
  bool keep_precinct_ = true;
  bool keep_batch_ = true;
};

// Why a record stopped counting.
enum class Inactive {
  kOvervote,
  kSkippedRankings,
  kExhaustedChoices,
  kRepeatedRankings,
  kUndervote,
  kFinalRoundSurplus,
};
inline constexpr int kInactiveKinds = 6;

// Where votes went: a candidate, or out of the count.
struct Target {
  enum Kind { kCandidate, kExhausted, kResidualSurplus } kind = kCandidate;
  Candidate candidate = 0;
  friend bool operator==(const Target&, const Target&) = default;
};

struct Action {
  bool elected = false;  // else eliminated
  Candidate candidate = 0;
  std::vector<std::pair<Target, Rational>> transfers;
};

struct Round {
  int number = 0;
  std::vector<std::pair<Candidate, Rational>> tally;
  Rational threshold;
  std::array<Rational, kInactiveKinds> inactive;
  std::vector<Action> actions;
};

// The contest as seen in one precinct or batch: the whole contest's rounds and decisions, each
// round's votes, transfers and inactive ballots counted over the slice's records only. A slice
// has no threshold and no residual surplus of its own: what winners keep beyond the threshold
// stays in their votes.
struct Slice {
  bool batch = false;  // else a precinct
  std::string name;    // as the records give it; empty when they named none
  std::vector<Round> rounds;
  Rational total_ballots;
  Rational undervotes;
};

// Where one ballot of a record counted in a round: a candidate and the share of the ballot
// (1, or less once a winner kept part of it).
struct Allocation {
  Candidate candidate = 0;
  Rational share;
  friend bool operator==(const Allocation&, const Allocation&) = default;
};

struct Result {
  std::vector<Round> rounds;
  // With Rules::allocations: allocations[r][i] lists where a ballot of distinct record i counted
  // in round r + 1 — the winners keeping part of it, and the candidate it counted for if still
  // active; empty once it is inactive.
  std::vector<std::vector<std::vector<Allocation>>> allocations;
  // With Rules::by_precinct and by_batch: the precincts, then the batches.
  std::vector<Slice> slices;
  std::vector<Candidate> winners;
  Rational total_ballots;
  Rational undervotes;
  int num_winners = 0;
  int num_candidates = 0;
  int decimal_places = 4;
  std::vector<std::string> candidates;
};

// tabulate(records, rules) — the contest counted; FailedPrecondition when a tie must be broken
// by an operator (stopCountingAndAsk) or every candidate is below the minimum vote threshold.
absl::StatusOr<Result> tabulate(const Records& records, const Rules& rules);

// tabulate_passes(records, rules) — multi-pass IRV: a single-winner count per seat, each pass
// excluding the winners of earlier passes.
absl::StatusOr<std::vector<Result>> tabulate_passes(const Records& records, const Rules& rules);

// format_decimal(value, places) — the value truncated to `places` digits, as RCTab prints it.
std::string format_decimal(const Rational& value, int places);

}  // namespace participa::tally::rctab
