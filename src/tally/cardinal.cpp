#include "participa/tally/cardinal.hpp"

#include <algorithm>
#include <exception>
#include <map>
#include <thread>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "tally/counting.hpp"

namespace participa::tally {
namespace {

absl::Status require_scores(const Profile& profile, std::string_view method) {
  if (profile.kind() != BallotKind::kScore && profile.kind() != BallotKind::kCumulative) {
    return absl::InvalidArgumentError(
        str_cat(method, " counts score ballots, not ", to_string(profile.kind()), " ballots"));
  }
  return absl::OkStatus();
}

// Per candidate: the sum of scores and, when counted (the mean needs it), how many ballots
// scored them; scored_by is empty otherwise.
struct ScoreSums {
  std::vector<Rational> sum;
  std::vector<std::uint64_t> scored_by;
};

using detail::Int128;

// The sums over ballots [begin, end): per candidate the sum of scores and, when asked, how
// many ballots scored them (only the mean needs it).
struct PartialSums {
  std::vector<Int128> sum;
  std::vector<std::uint64_t> scored_by;
};

PartialSums sum_range(const Profile& profile, std::size_t begin, std::size_t end,
                      bool count_scorers) {
  const std::size_t n = profile.num_candidates();
  PartialSums out{std::vector<Int128>(n, 0), std::vector<std::uint64_t>(count_scorers ? n : 0, 0)};
  const auto offsets = profile.offsets();
  const auto marks = profile.marks();
  const auto values = profile.values();
  const auto weights = profile.weights();
  // Scores are 32-bit, so while fewer than 2^32 ballots are counted no sum can leave 64 bits
  // and the hot loop adds 64-bit integers; beyond that, 128-bit ones.
  if (profile.total_weight() < (std::uint64_t{1} << 32)) {
    std::vector<std::int64_t> small(n, 0);
    for (std::size_t i = begin; i < end; ++i) {
      const auto w = static_cast<std::int64_t>(weights[i]);
      for (std::uint64_t k = offsets[i]; k < offsets[i + 1]; ++k) small[marks[k]] += values[k] * w;
    }
    for (std::size_t c = 0; c < n; ++c) out.sum[c] = small[c];
  } else {
    for (std::size_t i = begin; i < end; ++i) {
      for (std::uint64_t k = offsets[i]; k < offsets[i + 1]; ++k) {
        out.sum[marks[k]] += static_cast<Int128>(values[k]) * weights[i];
      }
    }
  }
  if (count_scorers) {
    for (std::size_t i = begin; i < end; ++i) {
      for (std::uint64_t k = offsets[i]; k < offsets[i + 1]; ++k)
        out.scored_by[marks[k]] += weights[i];
    }
  }
  return out;
}

// Below this many stored marks one thread sums faster than two can start.
constexpr std::uint64_t kMarksForTwoThreads = std::uint64_t{1} << 22;

// sum_scores(profile, count_scorers) — the sums over every ballot. Summing walks every stored
// mark once and waits on memory, which one core does not saturate: large profiles are summed
// in two halves of about equal marks, the second on a thread of its own. 128-bit sums cannot
// overflow: at most 2^64 voters times scores below 2^31.
ScoreSums sum_scores(const Profile& profile, bool count_scorers) {
  const std::size_t n = profile.num_candidates(), ballots = profile.num_distinct();
  PartialSums sums;
  if (profile.num_marks() < kMarksForTwoThreads || std::thread::hardware_concurrency() < 2) {
    sums = sum_range(profile, 0, ballots, count_scorers);
  } else {
    const auto offsets = profile.offsets();
    const auto middle = static_cast<std::size_t>(
        std::lower_bound(offsets.begin(), offsets.end(), profile.num_marks() / 2) -
        offsets.begin());
    PartialSums second;
    std::exception_ptr failed;
    std::thread helper([&] {
      try {
        second = sum_range(profile, middle, ballots, count_scorers);
      } catch (...) {
        failed = std::current_exception();
      }
    });
    try {
      sums = sum_range(profile, 0, middle, count_scorers);
    } catch (...) {
      helper.join();
      throw;
    }
    helper.join();
    if (failed) std::rethrow_exception(failed);
    for (std::size_t c = 0; c < n; ++c) sums.sum[c] += second.sum[c];
    for (std::size_t c = 0; c < sums.scored_by.size(); ++c)
      sums.scored_by[c] += second.scored_by[c];
  }
  ScoreSums out{std::vector<Rational>(n), std::move(sums.scored_by)};
  for (std::size_t c = 0; c < n; ++c) out.sum[c] = detail::rational_of(sums.sum[c]);
  return out;
}

// Select `seats` winners from score tiers, best first.
void take_seats(const std::vector<std::vector<Candidate>>& tiers, int seats, TieBreaker& breaker,
                Result& result) {
  std::vector<Candidate> winners;
  for (const auto& tier : tiers) {
    auto room = static_cast<std::size_t>(seats) - std::min<std::size_t>(winners.size(), seats);
    if (room == 0) break;
    if (tier.size() <= room) {
      winners.insert(winners.end(), tier.begin(), tier.end());
    } else if (breaker.reports()) {
      breaker.record_unbroken(tier, TiePurpose::kWinner, 0);
      winners.insert(winners.end(), tier.begin(), tier.end());
      result.tied_winners = true;
    } else {
      auto order = breaker.order(tier, TiePurpose::kWinner, 0, result.rounds);
      winners.insert(winners.end(), order.begin(),
                     order.begin() + static_cast<std::ptrdiff_t>(room));
    }
  }
  result.winners = std::move(winners);
  result.ties = breaker.ties();
}

}  // namespace

absl::StatusOr<Result> approval(const Profile& profile, const Options& options) {
  if (profile.kind() != BallotKind::kApproval && profile.kind() != BallotKind::kSingleChoice) {
    return absl::InvalidArgumentError(str_cat(
        "approval counts approval or single-choice ballots, not ", to_string(profile.kind())));
  }
  PARTICIPA_ASSIGN_OR_RETURN(detail::Count begun,
                             detail::begin_count(profile, "approval", options));
  auto& [breaker, result] = begun;
  std::vector<std::uint64_t> counts(profile.num_candidates(), 0);
  const auto marks = profile.marks();
  const auto offsets = profile.offsets();
  const auto weights = profile.weights();
  for (std::size_t i = 0; i < weights.size(); ++i) {
    for (std::uint64_t k = offsets[i]; k < offsets[i + 1]; ++k) counts[marks[k]] += weights[i];
  }
  std::vector<Rational> scores(counts.begin(), counts.end());
  auto candidates = detail::all_candidates(profile);
  result.rounds.push_back(detail::round_of(candidates, scores));
  result.ranking = detail::ranking_by_score(candidates, scores);
  take_seats(result.ranking, options.seats, breaker, result);
  return result;
}

absl::StatusOr<Result> score(const Profile& profile, const Options& options) {
  PARTICIPA_RETURN_IF_ERROR(require_scores(profile, "score"));
  std::string variant = detail::parameter(options, "variant", "sum");
  if (variant != "sum" && variant != "mean") {
    return absl::InvalidArgumentError(
        str_cat("score variant '", variant, "' is neither 'sum' nor 'mean'"));
  }
  PARTICIPA_ASSIGN_OR_RETURN(detail::Count begun, detail::begin_count(profile, "score", options));
  auto& [breaker, result] = begun;
  auto sums = sum_scores(profile, /*count_scorers=*/variant == "mean");
  auto scores = sums.sum;
  if (variant == "mean") {
    for (std::size_t c = 0; c < scores.size(); ++c) {
      if (sums.scored_by[c] > 0) scores[c] /= Rational(sums.scored_by[c]);
    }
  }
  auto candidates = detail::all_candidates(profile);
  result.rounds.push_back(detail::round_of(candidates, scores));
  result.ranking = detail::ranking_by_score(candidates, scores);
  take_seats(result.ranking, options.seats, breaker, result);
  return result;
}

absl::StatusOr<Result> majority_judgment(const Profile& profile, const Options& options) {
  PARTICIPA_RETURN_IF_ERROR(require_scores(profile, "majority-judgment"));
  PARTICIPA_ASSIGN_OR_RETURN(detail::Count begun,
                             detail::begin_count(profile, "majority-judgment", options));
  auto& [breaker, result] = begun;
  const std::size_t n = profile.num_candidates();
  // Grades per candidate as a histogram; a ballot that does not grade a candidate gives it
  // the lowest grade seen, the usual reading of a blank in majority judgment.
  std::int32_t lowest = 0;
  bool any = false;
  for (std::int32_t v : profile.values()) {
    lowest = any ? std::min(lowest, v) : v;
    any = true;
  }
  std::vector<std::map<std::int32_t, std::uint64_t>> grades(n);
  std::vector<std::uint64_t> graded(n, 0);
  for (std::size_t i = 0; i < profile.num_distinct(); ++i) {
    BallotView b = profile.ballot(i);
    for (std::size_t k = 0; k < b.marks.size(); ++k) {
      grades[b.marks[k]][b.values[k]] += profile.weight(i);
      graded[b.marks[k]] += profile.weight(i);
    }
  }
  for (std::size_t c = 0; c < n; ++c) {
    if (profile.total_weight() > graded[c]) grades[c][lowest] += profile.total_weight() - graded[c];
  }
  // The sequence of medians obtained by removing medians one at a time, compared
  // lexicographically, is the majority ranking. Expanded lazily from the histogram.
  auto median_sequence = [&](std::size_t c) {
    std::vector<std::int32_t> all;
    for (auto& [g, count] : grades[c]) all.insert(all.end(), count, g);
    std::vector<std::int32_t> seq;
    while (!all.empty()) {
      std::size_t m = (all.size() - 1) / 2;  // lower median
      seq.push_back(all[m]);
      all.erase(all.begin() + static_cast<std::ptrdiff_t>(m));
    }
    return seq;
  };
  auto candidates = detail::all_candidates(profile);
  std::vector<std::vector<std::int32_t>> seqs(n);
  const bool small = profile.total_weight() <= 200'000;
  if (!small) {
    return absl::OutOfRangeError(
        "majority-judgment compares median sequences of at most 200000 ballots");
  }
  for (Candidate c : candidates) seqs[c] = median_sequence(c);
  std::vector<Candidate> sorted = candidates;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](Candidate a, Candidate b) { return seqs[a] > seqs[b]; });
  // Scores for the round: the median grade.
  std::vector<Rational> medians(n);
  for (Candidate c : candidates) medians[c] = seqs[c].empty() ? 0 : seqs[c][0];
  Round r = detail::round_of(candidates, medians);
  r.note = "tally = median grade";
  result.rounds.push_back(std::move(r));
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i == 0 || seqs[sorted[i]] != seqs[sorted[i - 1]]) result.ranking.emplace_back();
    result.ranking.back().push_back(sorted[i]);
  }
  if (!result.ranking.empty()) {
    take_seats(result.ranking, options.seats, breaker, result);
  }
  return result;
}

absl::StatusOr<Result> star(const Profile& profile, const Options& options) {
  PARTICIPA_RETURN_IF_ERROR(require_scores(profile, "star"));
  PARTICIPA_ASSIGN_OR_RETURN(detail::Count begun, detail::begin_count(profile, "star", options));
  auto& [breaker, result] = begun;
  auto candidates = detail::all_candidates(profile);
  auto sums = sum_scores(profile, /*count_scorers=*/false).sum;
  Round scoring = detail::round_of(candidates, sums);
  scoring.note = "scoring round: total scores";
  auto tiers = detail::ranking_by_score(candidates, sums);
  std::vector<Candidate> finalists;
  for (const auto& tier : tiers) {
    std::size_t room = 2 - finalists.size();
    if (room == 0) break;
    if (tier.size() <= room) {
      finalists.insert(finalists.end(), tier.begin(), tier.end());
    } else {
      auto order = breaker.reports() ? std::vector<Candidate>(tier)
                                     : breaker.order(tier, TiePurpose::kRanking, 0, {});
      if (breaker.reports()) breaker.record_unbroken(tier, TiePurpose::kRanking, 0);
      finalists.insert(
          finalists.end(), order.begin(),
          breaker.reports() ? order.end() : order.begin() + static_cast<std::ptrdiff_t>(room));
    }
  }
  result.rounds.push_back(std::move(scoring));
  if (finalists.size() < 2) {
    detail::choose_winners(finalists, breaker, result);
    result.ranking = tiers;
    return result;
  }
  // Runoff: each ballot supports whichever finalist it scored strictly higher.
  const std::size_t n = profile.num_candidates();
  std::vector<std::uint64_t> preferred(n, 0);
  std::vector<std::int32_t> value(n);
  std::vector<bool> scored(n);
  std::uint64_t no_preference = 0;
  for (std::size_t i = 0; i < profile.num_distinct(); ++i) {
    BallotView b = profile.ballot(i);
    std::fill(scored.begin(), scored.end(), false);
    for (std::size_t k = 0; k < b.marks.size(); ++k) {
      value[b.marks[k]] = b.values[k];
      scored[b.marks[k]] = true;
    }
    std::int64_t top = std::numeric_limits<std::int64_t>::min();
    std::vector<Candidate> tops;
    for (Candidate f : finalists) {
      std::int64_t v = scored[f] ? value[f] : 0;
      if (v > top) {
        top = v;
        tops = {f};
      } else if (v == top) {
        tops.push_back(f);
      }
    }
    if (tops.size() == 1) {
      preferred[tops[0]] += profile.weight(i);
    } else {
      no_preference += profile.weight(i);
    }
  }
  std::vector<Rational> runoff(preferred.begin(), preferred.end());
  Round r = detail::round_of(finalists, runoff);
  r.exhausted = no_preference;
  r.note = "automatic runoff: ballots preferring each finalist";
  result.rounds.push_back(std::move(r));
  auto leaders = detail::best(finalists, runoff);
  if (leaders.size() > 1) leaders = detail::best(leaders, sums);
  detail::choose_winners(leaders, breaker, result);
  result.ranking = detail::ranking_by_score(finalists, runoff);
  for (const auto& tier : tiers) {
    std::vector<Candidate> rest;
    for (Candidate c : tier) {
      if (std::find(finalists.begin(), finalists.end(), c) == finalists.end()) rest.push_back(c);
    }
    if (!rest.empty()) result.ranking.push_back(rest);
  }
  return result;
}

}  // namespace participa::tally
