#include "participa/tally/apportionment.hpp"

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "tally/counting.hpp"

namespace participa::tally {
namespace {

absl::StatusOr<Result> highest_averages(const Profile& profile, const Options& options,
                                        std::string name, std::int64_t step) {
  PARTICIPA_RETURN_IF_ERROR(detail::require_ranked(profile, name));
  PARTICIPA_ASSIGN_OR_RETURN(detail::Count begun,
                             detail::begin_count(profile, std::move(name), options));
  auto& [breaker, result] = begun;
  const std::size_t n = profile.num_candidates();
  auto candidates = detail::all_candidates(profile);
  auto top = detail::count_top_choices(profile, std::vector<bool>(n, true));
  std::vector<std::int64_t> seats(n, 0);
  int given = 0;
  while (given < options.seats) {
    std::vector<Rational> quotient(n);
    for (Candidate c : candidates) quotient[c] = top.votes[c] / Rational(step * seats[c] + 1);
    Round r = detail::round_of(candidates, quotient);
    auto leaders = detail::best(candidates, quotient);
    const int round = static_cast<int>(result.rounds.size());
    std::vector<Candidate> taking;
    if (leaders.size() == 1) {
      taking = leaders;
    } else if (breaker.reports()) {
      breaker.record_unbroken(leaders, TiePurpose::kWinner, round);
      taking = leaders;
      if (given + static_cast<int>(leaders.size()) > options.seats) result.tied_winners = true;
    } else {
      taking = {breaker.favoured(leaders, TiePurpose::kWinner, round, result.rounds)};
    }
    for (Candidate c : taking) ++seats[c];
    given += static_cast<int>(taking.size());
    r.elected = taking;
    r.note = str_cat("seat ", given, ": tally = quotients");
    result.rounds.push_back(std::move(r));
  }
  // Winners: each party once per seat, in the order the seats were taken.
  for (const Round& r : result.rounds) {
    for (Candidate c : r.elected) result.winners.push_back(c);
  }
  std::vector<Rational> seat_counts(seats.begin(), seats.end());
  result.ranking = detail::ranking_by_score(candidates, seat_counts);
  result.ties = breaker.ties();
  return result;
}

absl::StatusOr<Result> largest_remainder(const Profile& profile, const Options& options,
                                         std::string name, bool droop) {
  PARTICIPA_RETURN_IF_ERROR(detail::require_ranked(profile, name));
  PARTICIPA_ASSIGN_OR_RETURN(detail::Count begun,
                             detail::begin_count(profile, std::move(name), options));
  auto& [breaker, result] = begun;
  const std::size_t n = profile.num_candidates();
  auto candidates = detail::all_candidates(profile);
  auto top = detail::count_top_choices(profile, std::vector<bool>(n, true));
  Rational total = 0;
  for (Candidate c : candidates) total += top.votes[c];
  if (total == 0) {
    return absl::InvalidArgumentError(str_cat(result.method, ": no ballot names a party"));
  }
  const Rational quota =
      droop ? Rational(BigInt(numerator(total) / denominator(total)) / (options.seats + 1) + 1)
            : total / options.seats;
  std::vector<std::int64_t> seats(n, 0);
  std::vector<Rational> quotient(n), remainder(n);
  int given = 0;
  for (Candidate c : candidates) {
    quotient[c] = top.votes[c] / quota;
    const BigInt whole = numerator(quotient[c]) / denominator(quotient[c]);
    seats[c] = static_cast<std::int64_t>(whole);
    given += static_cast<int>(seats[c]);
    remainder[c] = top.votes[c] - quota * Rational(whole);
  }
  Round automatic = detail::round_of(candidates, quotient);
  automatic.threshold = quota;
  for (Candidate c : candidates) {
    for (std::int64_t s = 0; s < seats[c]; ++s) automatic.elected.push_back(c);
  }
  automatic.note = "seats by whole quotas: tally = votes / quota";
  result.rounds.push_back(std::move(automatic));
  Round by_remainder = detail::round_of(candidates, remainder);
  std::vector<Candidate> left = candidates;
  while (given < options.seats && !left.empty()) {
    auto leaders = detail::best(left, remainder);
    std::vector<Candidate> taking;
    if (given + static_cast<int>(leaders.size()) <= options.seats) {
      taking = leaders;
    } else if (breaker.reports()) {
      breaker.record_unbroken(leaders, TiePurpose::kWinner, 1);
      taking = leaders;
      result.tied_winners = true;
    } else {
      taking = {breaker.favoured(leaders, TiePurpose::kWinner, 1, result.rounds)};
    }
    for (Candidate c : taking) {
      ++seats[c];
      by_remainder.elected.push_back(c);
      std::erase(left, c);
    }
    given += static_cast<int>(taking.size());
  }
  by_remainder.note = "one seat each to the largest remainders: tally = remainders";
  result.rounds.push_back(std::move(by_remainder));
  for (const Round& r : result.rounds) {
    for (Candidate c : r.elected) result.winners.push_back(c);
  }
  std::vector<Rational> seat_counts(seats.begin(), seats.end());
  result.ranking = detail::ranking_by_score(candidates, seat_counts);
  result.ties = breaker.ties();
  return result;
}

}  // namespace

absl::StatusOr<Result> largest_remainder_hare(const Profile& profile, const Options& options) {
  return largest_remainder(profile, options, "largest-remainder-hare", false);
}

absl::StatusOr<Result> largest_remainder_droop(const Profile& profile, const Options& options) {
  return largest_remainder(profile, options, "largest-remainder-droop", true);
}

absl::StatusOr<Result> dhondt(const Profile& profile, const Options& options) {
  return highest_averages(profile, options, "dhondt", 1);
}

absl::StatusOr<Result> sainte_lague(const Profile& profile, const Options& options) {
  return highest_averages(profile, options, "sainte-lague", 2);
}

}  // namespace participa::tally
