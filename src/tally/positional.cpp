#include "participa/tally/positional.hpp"

#include "absl/strings/numbers.h"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "tally/counting.hpp"

namespace participa::tally {
namespace {

Rational points_at(PositionalScheme scheme, std::int64_t position, std::int64_t m,
                   std::int64_t max_rank) {
  switch (scheme) {
    case PositionalScheme::kBorda:
      return Rational(m - 1 - position);
    case PositionalScheme::kTruncatedBorda:
      return Rational(std::max<std::int64_t>(0, max_rank - position));
    case PositionalScheme::kDowdall:
      return Rational(1, position + 1);
  }
  return Rational(0);
}

absl::StatusOr<Result> scored(const Profile& profile, const Options& options, std::string name,
                              PositionalScheme scheme, std::int64_t max_rank) {
  PARTICIPA_RETURN_IF_ERROR(detail::require_ranked(profile, name));
  PARTICIPA_ASSIGN_OR_RETURN(detail::Count begun,
                             detail::begin_count(profile, std::move(name), options));
  auto& [breaker, result] = begun;
  std::vector<bool> all(profile.num_candidates(), true);
  auto scores = positional_scores(profile, all, scheme, max_rank);
  auto candidates = detail::all_candidates(profile);
  result.rounds.push_back(detail::round_of(candidates, scores));
  result.ranking = detail::ranking_by_score(candidates, scores);
  detail::choose_winners(detail::best(candidates, scores), breaker, result);
  return result;
}

}  // namespace

std::vector<Rational> positional_scores(const Profile& profile, const std::vector<bool>& continuing,
                                        PositionalScheme scheme, std::int64_t max_rank) {
  const std::size_t n = profile.num_candidates();
  std::int64_t m = 0;
  for (bool c : continuing) m += c ? 1 : 0;
  if (max_rank <= 0) max_rank = m;
  // Strictly ranked positions are counted per (candidate, position) as integers; only
  // candidates ranked equal need rational shares.
  std::size_t longest = 0;
  for (std::size_t i = 0; i < profile.num_distinct(); ++i) {
    longest = std::max(longest, profile.ballot(i).marks.size());
  }
  std::vector<std::uint64_t> at(n * longest, 0);
  std::vector<Rational> shared(n);
  std::vector<Candidate> group;
  for (std::size_t i = 0; i < profile.num_distinct(); ++i) {
    BallotView b = profile.ballot(i);
    const std::uint64_t w = profile.weight(i);
    std::int64_t position = 0;
    std::size_t k = 0;
    while (k < b.marks.size()) {
      group.clear();
      std::size_t j = k;
      while (j < b.marks.size() && (b.values.empty() ? j == k : b.values[j] == b.values[k])) {
        if (continuing[b.marks[j]]) group.push_back(b.marks[j]);
        ++j;
      }
      if (group.size() == 1) {
        at[group[0] * longest + static_cast<std::size_t>(position)] += w;
      } else if (group.size() > 1) {
        Rational sum;
        for (std::size_t g = 0; g < group.size(); ++g) {
          sum += points_at(scheme, position + static_cast<std::int64_t>(g), m, max_rank);
        }
        Rational each = sum * w / static_cast<std::int64_t>(group.size());
        for (Candidate c : group) shared[c] += each;
      }
      position += static_cast<std::int64_t>(group.size());
      k = j;
    }
  }
  std::vector<Rational> scores(n);
  for (std::size_t c = 0; c < n; ++c) {
    if (!continuing[c]) continue;
    Rational s = shared[c];
    for (std::size_t p = 0; p < longest; ++p) {
      if (at[c * longest + p] != 0) {
        s += points_at(scheme, static_cast<std::int64_t>(p), m, max_rank) *
             Rational(at[c * longest + p]);
      }
    }
    scores[c] = s;
  }
  return scores;
}

absl::StatusOr<Result> plurality(const Profile& profile, const Options& options) {
  PARTICIPA_ASSIGN_OR_RETURN(detail::Count begun,
                             detail::begin_count(profile, "plurality", options));
  auto& [breaker, result] = begun;
  auto candidates = detail::all_candidates(profile);
  if (profile.kind() == BallotKind::kApproval || profile.kind() == BallotKind::kScore ||
      profile.kind() == BallotKind::kCumulative) {
    return absl::InvalidArgumentError(str_cat(
        "plurality counts single-choice or ranked ballots, not ", to_string(profile.kind())));
  }
  auto top = detail::count_top_choices(profile, std::vector<bool>(profile.num_candidates(), true));
  Round round = detail::round_of(candidates, top.votes);
  round.exhausted = top.exhausted + top.tied_top;
  if (top.tied_top != 0) {
    round.note = str_cat(to_string(top.tied_top),
                         " ballots rank several candidates equal first and count for none");
  }
  result.rounds.push_back(std::move(round));
  result.ranking = detail::ranking_by_score(candidates, top.votes);
  detail::choose_winners(detail::best(candidates, top.votes), breaker, result);
  return result;
}

absl::StatusOr<Result> anti_plurality(const Profile& profile, const Options& options) {
  PARTICIPA_RETURN_IF_ERROR(detail::require_ranked(profile, "anti-plurality"));
  PARTICIPA_ASSIGN_OR_RETURN(detail::Count begun,
                             detail::begin_count(profile, "anti-plurality", options));
  auto& [breaker, result] = begun;
  const std::size_t n = profile.num_candidates();
  std::vector<std::uint64_t> last(n, 0);
  std::vector<bool> ranked(n);
  for (std::size_t i = 0; i < profile.num_distinct(); ++i) {
    BallotView b = profile.ballot(i);
    if (b.marks.size() == n) {
      std::size_t k = n - 1;
      bool alone = b.values.empty() || n < 2 || b.values[k] != b.values[k - 1];
      if (alone) last[b.marks[k]] += profile.weight(i);
    } else if (b.marks.size() + 1 == n) {
      std::fill(ranked.begin(), ranked.end(), false);
      for (Candidate c : b.marks) ranked[c] = true;
      for (std::size_t c = 0; c < n; ++c) {
        if (!ranked[c]) last[c] += profile.weight(i);
      }
    }
  }
  std::vector<Rational> scores(last.begin(), last.end());
  auto candidates = detail::all_candidates(profile);
  result.rounds.push_back(detail::round_of(candidates, scores));
  result.rounds.back().note = "tally = last places";
  result.ranking = detail::ranking_by_score(candidates, scores, /*higher_is_better=*/false);
  detail::choose_winners(detail::best(candidates, scores, false), breaker, result);
  return result;
}

absl::StatusOr<Result> borda(const Profile& profile, const Options& options) {
  std::string variant = detail::parameter(options, "variant", "full");
  if (variant == "full") return scored(profile, options, "borda", PositionalScheme::kBorda, 0);
  if (variant != "truncated") {
    return absl::InvalidArgumentError(
        str_cat("borda variant '", variant, "' is neither 'full' nor 'truncated'"));
  }
  std::int64_t max_rank = 0;
  std::string text = detail::parameter(options, "max_rank", "0");
  if (!absl::SimpleAtoi(text, &max_rank) || max_rank < 0) {
    return absl::InvalidArgumentError(
        str_cat("borda max_rank '", text, "' is not a non-negative integer"));
  }
  return scored(profile, options, "borda", PositionalScheme::kTruncatedBorda, max_rank);
}

absl::StatusOr<Result> dowdall(const Profile& profile, const Options& options) {
  return scored(profile, options, "dowdall", PositionalScheme::kDowdall, 0);
}

}  // namespace participa::tally
