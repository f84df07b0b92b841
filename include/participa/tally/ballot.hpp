// participa/tally/ballot.hpp — ballot kinds, the view of one ballot, and contest rules.
//
// A ballot is a list of marks. Each mark names a candidate by its index in the contest's
// candidate list and, depending on the kind, carries a value:
//
//   kind           marks                      values
//   kSingleChoice  zero (blank) or one        none
//   kApproval      the approved set           none
//   kRanked        in preference order        rank levels, non-decreasing; equal levels are
//                                             ranked equal; empty means a strict order.
//                                             Unlisted candidates rank below all listed ones.
//   kScore         the scored candidates      one score each (range ballots, judgments)
//   kCumulative    candidates given points    points, summing to at most a budget
//
// `BallotView` refers to marks owned elsewhere, so streams of ballots are read without an
// allocation per ballot. `Contest` holds the rules a cast ballot must obey (how many choices,
// score range, points budget); `Contest::validate` says exactly what is wrong with a ballot.
//
//   participa::tally::Contest contest{.candidates = {"Ana", "Ben", "Chloe"},
//                                     .kind = BallotKind::kRanked, .max_choices = 2};
//   std::uint32_t marks[] = {2, 0};
//   absl::Status s = contest.validate({.marks = marks}, /*ballot_number=*/1);
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "participa/core/names.hpp"

namespace participa::tally {

// Candidate — an index into a contest's candidate list.
using Candidate = std::uint32_t;

enum class BallotKind { kSingleChoice, kApproval, kRanked, kScore, kCumulative };

inline constexpr std::array<Named<BallotKind>, 5> kBallotKindNames = {{
    {BallotKind::kSingleChoice, "single-choice"},
    {BallotKind::kApproval, "approval"},
    {BallotKind::kRanked, "ranked"},
    {BallotKind::kScore, "score"},
    {BallotKind::kCumulative, "cumulative"},
}};
inline std::string_view to_string(BallotKind kind) { return name_of(kBallotKindNames, kind); }
inline absl::StatusOr<BallotKind> parse_ballot_kind(std::string_view text) {
  return parse_name(kBallotKindNames, "ballot kind", text);
}
// has_values(kind) — whether marks of this kind carry a value.
constexpr bool has_values(BallotKind kind) {
  return kind == BallotKind::kRanked || kind == BallotKind::kScore ||
         kind == BallotKind::kCumulative;
}

// BallotView — one ballot's marks (candidate indices) and their values, owned elsewhere.
struct BallotView {
  std::span<const Candidate> marks;
  std::span<const std::int32_t> values;
};

// Contest — the candidates and the rules every ballot of one contest obeys.
struct Contest {
  std::vector<std::string> candidates;
  BallotKind kind = BallotKind::kRanked;
  // Most marks a ballot may carry (approvals, ranks); 0 means no limit.
  int max_choices = 0;
  // Ranked ballots: whether two candidates may share a rank.
  bool allow_equal_ranks = true;
  // Score ballots: the inclusive range of a score.
  std::int32_t min_score = 0;
  std::int32_t max_score = 10;
  // Cumulative ballots: the points a voter may spread, at most.
  std::int64_t points_budget = 0;

  // validate(ballot, ballot_number) — InvalidArgument naming the ballot and its fault
  // (unknown candidate, a candidate marked twice, ranks out of order, equal ranks where
  // forbidden, a score out of range, points over budget); OutOfRange when it marks more
  // candidates than max_choices.
  absl::Status validate(BallotView ballot, std::uint64_t ballot_number) const;

  friend bool operator==(const Contest&, const Contest&) = default;
};

}  // namespace participa::tally
