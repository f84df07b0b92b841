#include "tally/counting.hpp"

#include <algorithm>

#include "participa/core/strings.hpp"

namespace participa::tally::detail {

absl::StatusOr<Count> begin_count(const Profile& profile, std::string method,
                                  const Options& options) {
  // Without a ballot every candidate ties at zero: a result would name winners nobody chose.
  if (profile.total_weight() == 0) {
    return absl::FailedPreconditionError(
        str_cat(method, ": the profile has no ballots, and a contest without votes has no result"));
  }
  absl::StatusOr<TieBreaker> breaker =
      TieBreaker::create(options.tie_break, profile.num_candidates());
  if (!breaker.ok()) return breaker.status();
  Result r;
  r.method = std::move(method);
  r.parameters.emplace_back("seats", str_cat(options.seats));
  for (auto& p : breaker->parameters()) r.parameters.push_back(std::move(p));
  for (const auto& [k, v] : options.parameters) r.parameters.emplace_back(k, v);
  r.candidates = profile.candidates();
  r.input_digest = profile.digest();
  r.total_weight = profile.total_weight();
  return Count{*std::move(breaker), std::move(r)};
}

Rational rational_of(Int128 value) {
  const bool negative = value < 0;
  const auto magnitude = negative ? static_cast<UInt128>(-value) : static_cast<UInt128>(value);
  BigInt big = static_cast<std::uint64_t>(magnitude >> 64);
  big <<= 64;
  big += static_cast<std::uint64_t>(magnitude);
  return Rational(negative ? BigInt(-big) : big);
}

std::string parameter(const Options& options, std::string_view name, std::string_view fallback) {
  auto it = options.parameters.find(name);
  return it == options.parameters.end() ? std::string(fallback) : it->second;
}

std::vector<Candidate> best(std::span<const Candidate> candidates, std::span<const Rational> scores,
                            bool higher_is_better) {
  std::vector<Candidate> out;
  const Rational* top = nullptr;
  for (Candidate c : candidates) {
    const Rational& s = scores[c];
    bool better = top == nullptr || (higher_is_better ? s > *top : s < *top);
    if (better) {
      top = &s;
      out.assign(1, c);
    } else if (s == *top) {
      out.push_back(c);
    }
  }
  return out;
}

void choose_winners(std::span<const Candidate> leaders, TieBreaker& breaker, Result& result) {
  const int round = static_cast<int>(result.rounds.size());
  if (leaders.size() <= 1) {
    result.winners.assign(leaders.begin(), leaders.end());
  } else if (breaker.reports()) {
    result.winners.assign(leaders.begin(), leaders.end());
    result.tied_winners = true;
    breaker.record_unbroken(leaders, TiePurpose::kWinner, round);
  } else {
    result.winners = {breaker.favoured(leaders, TiePurpose::kWinner, round, result.rounds)};
  }
  result.ties = breaker.ties();
}

std::vector<std::vector<Candidate>> ranking_by_score(std::span<const Candidate> candidates,
                                                     std::span<const Rational> scores,
                                                     bool higher_is_better) {
  std::vector<Candidate> sorted(candidates.begin(), candidates.end());
  std::stable_sort(sorted.begin(), sorted.end(), [&](Candidate a, Candidate b) {
    return higher_is_better ? scores[a] > scores[b] : scores[a] < scores[b];
  });
  std::vector<std::vector<Candidate>> tiers;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i == 0 || scores[sorted[i]] != scores[sorted[i - 1]]) tiers.emplace_back();
    tiers.back().push_back(sorted[i]);
  }
  return tiers;
}

TopChoices count_top_choices(const Profile& profile, const std::vector<bool>& continuing) {
  TopChoices out;
  std::vector<std::uint64_t> votes(profile.num_candidates(), 0);
  std::uint64_t exhausted = 0, tied = 0;
  for (std::size_t i = 0; i < profile.num_distinct(); ++i) {
    BallotView b = profile.ballot(i);
    const std::uint64_t w = profile.weight(i);
    std::size_t k = 0;
    while (k < b.marks.size() && !continuing[b.marks[k]]) ++k;
    if (k == b.marks.size()) {
      exhausted += w;
      continue;
    }
    bool alone = true;
    if (!b.values.empty()) {
      for (std::size_t j = k + 1; j < b.marks.size() && b.values[j] == b.values[k]; ++j) {
        if (continuing[b.marks[j]]) alone = false;
      }
    }
    if (alone) {
      votes[b.marks[k]] += w;
    } else {
      tied += w;
    }
  }
  out.votes.reserve(votes.size());
  for (auto v : votes) out.votes.emplace_back(v);
  out.exhausted = exhausted;
  out.tied_top = tied;
  return out;
}

std::vector<Candidate> all_candidates(const Profile& profile) {
  std::vector<Candidate> out(profile.num_candidates());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<Candidate>(i);
  return out;
}

std::vector<Candidate> continuing_list(const std::vector<bool>& continuing) {
  std::vector<Candidate> out;
  for (std::size_t i = 0; i < continuing.size(); ++i) {
    if (continuing[i]) out.push_back(static_cast<Candidate>(i));
  }
  return out;
}

Round round_of(std::span<const Candidate> candidates, std::span<const Rational> votes) {
  Round r;
  for (Candidate c : candidates) r.tally.push_back({c, votes[c]});
  return r;
}

absl::Status require_ranked(const Profile& profile, std::string_view method) {
  if (profile.kind() != BallotKind::kRanked && profile.kind() != BallotKind::kSingleChoice) {
    return absl::InvalidArgumentError(
        str_cat(method, " counts ranked ballots, not ", to_string(profile.kind()), " ballots"));
  }
  return absl::OkStatus();
}

}  // namespace participa::tally::detail
