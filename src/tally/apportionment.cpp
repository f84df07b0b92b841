#include "participa/tally/apportionment.hpp"

#include <algorithm>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "tally/counting.hpp"

namespace participa::tally {
namespace {

// Apportionment — a count of seats to parties under way: each party's votes (its first
// choices) and the seats it holds so far.
struct Apportionment {
  detail::Count count;
  std::vector<Candidate> parties;
  std::vector<Rational> votes;
  std::vector<std::int64_t> seats;
};

// begin — InvalidArgument for ballots that are not ranked or single choice, and when no ballot
// names a party: every party would tie at zero for every seat.
absl::StatusOr<Apportionment> begin(const Profile& profile, std::string name,
                                    const Options& options) {
  PARTICIPA_RETURN_IF_ERROR(detail::require_ranked(profile, name));
  PARTICIPA_ASSIGN_OR_RETURN(detail::Count count,
                             detail::begin_count(profile, std::move(name), options));
  const std::size_t n = profile.num_candidates();
  auto top = detail::count_top_choices(profile, std::vector<bool>(n, true));
  if (std::all_of(top.votes.begin(), top.votes.end(), [](const Rational& v) { return v == 0; })) {
    return absl::InvalidArgumentError(str_cat(count.result.method, ": no ballot names a party"));
  }
  return Apportionment{std::move(count), detail::all_candidates(profile), std::move(top.votes),
                       std::vector<std::int64_t>(n, 0)};
}

// finish — the winners, each party once per seat in the order the seats were taken, and the
// parties ranked by seats.
Result finish(Apportionment done) {
  Result& result = done.count.result;
  for (const Round& r : result.rounds) {
    for (Candidate c : r.elected) result.winners.push_back(c);
  }
  std::vector<Rational> seat_counts(done.seats.begin(), done.seats.end());
  result.ranking = detail::ranking_by_score(done.parties, seat_counts);
  result.ties = done.count.breaker.ties();
  return std::move(result);
}

absl::StatusOr<Result> highest_averages(const Profile& profile, const Options& options,
                                        std::string name, std::int64_t step) {
  PARTICIPA_ASSIGN_OR_RETURN(Apportionment begun, begin(profile, std::move(name), options));
  auto& [count, candidates, votes, seats] = begun;
  auto& [breaker, result] = count;
  const std::size_t n = profile.num_candidates();
  int given = 0;
  while (given < options.seats) {
    std::vector<Rational> quotient(n);
    for (Candidate c : candidates) quotient[c] = votes[c] / Rational(step * seats[c] + 1);
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
  return finish(std::move(begun));
}

absl::StatusOr<Result> largest_remainder(const Profile& profile, const Options& options,
                                         std::string name, bool droop) {
  PARTICIPA_ASSIGN_OR_RETURN(Apportionment begun, begin(profile, std::move(name), options));
  auto& [count, candidates, votes, seats] = begun;
  auto& [breaker, result] = count;
  const std::size_t n = profile.num_candidates();
  Rational total = 0;
  for (Candidate c : candidates) total += votes[c];
  const Rational quota =
      droop ? Rational(BigInt(numerator(total) / denominator(total)) / (options.seats + 1) + 1)
            : total / options.seats;
  std::vector<Rational> quotient(n), remainder(n);
  int given = 0;
  for (Candidate c : candidates) {
    quotient[c] = votes[c] / quota;
    const BigInt whole = numerator(quotient[c]) / denominator(quotient[c]);
    seats[c] = static_cast<std::int64_t>(whole);
    given += static_cast<int>(seats[c]);
    remainder[c] = votes[c] - quota * Rational(whole);
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
  return finish(std::move(begun));
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
