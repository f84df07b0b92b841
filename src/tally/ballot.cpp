#include "participa/tally/ballot.hpp"

#include <algorithm>

#include "participa/core/strings.hpp"

namespace participa::tally {

absl::Status Contest::validate(BallotView ballot, std::uint64_t ballot_number) const {
  const auto n = candidates.size();
  auto fault = [&](auto&&... parts) {
    return absl::InvalidArgumentError(str_cat("ballot ", ballot_number, ": ", parts...));
  };
  auto name = [&](Candidate c) { return str_cat("'", candidates[c], "'"); };

  if (has_values(kind) && !ballot.values.empty() && ballot.values.size() != ballot.marks.size()) {
    return fault(ballot.marks.size(), " marks but ", ballot.values.size(), " values");
  }
  if ((kind == BallotKind::kScore || kind == BallotKind::kCumulative) &&
      ballot.values.size() != ballot.marks.size()) {
    return fault("every marked candidate needs a score");
  }
  if (!has_values(kind) && !ballot.values.empty()) {
    return fault(to_string(kind), " ballots carry no values");
  }
  for (std::size_t i = 0; i < ballot.marks.size(); ++i) {
    Candidate c = ballot.marks[i];
    if (c >= n) return fault("unknown candidate #", c, " (the contest has ", n, ")");
    for (std::size_t j = 0; j < i; ++j) {
      if (ballot.marks[j] == c) {
        return fault(kind == BallotKind::kRanked ? "ranks " : "marks ", name(c), " twice");
      }
    }
  }
  if (kind == BallotKind::kSingleChoice && ballot.marks.size() > 1) {
    return absl::OutOfRangeError(str_cat("ballot ", ballot_number, ": marks ", ballot.marks.size(),
                                         " candidates on a single-choice ballot"));
  }
  if (max_choices > 0 && ballot.marks.size() > static_cast<std::size_t>(max_choices)) {
    return absl::OutOfRangeError(str_cat("ballot ", ballot_number, ": marks ", ballot.marks.size(),
                                         " candidates, more than the ", max_choices, " allowed"));
  }
  if (kind == BallotKind::kRanked) {
    for (std::size_t i = 1; i < ballot.values.size(); ++i) {
      if (ballot.values[i] < ballot.values[i - 1]) {
        return fault("ranks are out of order at ", name(ballot.marks[i]));
      }
      if (!allow_equal_ranks && ballot.values[i] == ballot.values[i - 1]) {
        return fault("ranks ", name(ballot.marks[i - 1]), " and ", name(ballot.marks[i]),
                     " equal, which this contest forbids");
      }
    }
  }
  if (kind == BallotKind::kScore) {
    for (std::size_t i = 0; i < ballot.values.size(); ++i) {
      if (ballot.values[i] < min_score || ballot.values[i] > max_score) {
        return fault("scores ", name(ballot.marks[i]), " ", ballot.values[i], ", outside ",
                     min_score, "..", max_score);
      }
    }
  }
  if (kind == BallotKind::kCumulative) {
    std::int64_t total = 0;
    for (std::size_t i = 0; i < ballot.values.size(); ++i) {
      if (ballot.values[i] < 0) {
        return fault("gives ", name(ballot.marks[i]), " negative points");
      }
      total += ballot.values[i];
    }
    if (points_budget > 0 && total > points_budget) {
      return absl::OutOfRangeError(str_cat("ballot ", ballot_number, ": spends ", total,
                                           " points, more than the ", points_budget, " allowed"));
    }
  }
  return absl::OkStatus();
}

}  // namespace participa::tally
