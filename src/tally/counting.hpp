// src/tally/counting.hpp — shared machinery of the built-in methods (private to the tally layer).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/tally/method.hpp"

namespace participa::tally::detail {

__extension__ using Int128 = __int128;
__extension__ using UInt128 = unsigned __int128;

// rational_of(v) — a 128-bit sum (scores, scaled committee scores) as an exact Rational.
Rational rational_of(Int128 value);

// Count — how every built-in method begins: its tie-breaker, and its result with the method's
// name and parameters, the candidates and the input digest filled in.
struct Count {
  TieBreaker breaker;
  Result result;
};
// begin_count(profile, method, options) — InvalidArgument for a tie-break permutation that is
// not one of all candidates.
absl::StatusOr<Count> begin_count(const Profile& profile, std::string method,
                                  const Options& options);

// parameter(options, name, fallback) — the text of a method parameter.
std::string parameter(const Options& options, std::string_view name, std::string_view fallback);

// best(candidates, scores, higher_is_better) — the candidates of `candidates` whose score is
// best (all of them when tied).
std::vector<Candidate> best(std::span<const Candidate> candidates, std::span<const Rational> scores,
                            bool higher_is_better = true);

// choose_winners — a single winner from `leaders` (all candidates tied for best): under the
// report policy every leader wins (tied_winners set when there are several); otherwise the
// tie-break picks one and the tie is recorded.
void choose_winners(std::span<const Candidate> leaders, TieBreaker& breaker, Result& result);

// ranking_by_score — tiers of `candidates` sorted by score (ties share a tier).
std::vector<std::vector<Candidate>> ranking_by_score(std::span<const Candidate> candidates,
                                                     std::span<const Rational> scores,
                                                     bool higher_is_better = true);

// TopChoices — each ballot's single highest-ranked continuing candidate, counted.
struct TopChoices {
  std::vector<Rational> votes;  // per candidate (indexed by candidate)
  Rational exhausted;           // ballots ranking no continuing candidate
  Rational tied_top;            // ballots ranking several continuing candidates equal first
};
TopChoices count_top_choices(const Profile& profile, const std::vector<bool>& continuing);

std::vector<Candidate> all_candidates(const Profile& profile);
std::vector<Candidate> continuing_list(const std::vector<bool>& continuing);
Round round_of(std::span<const Candidate> candidates, std::span<const Rational> votes);

absl::Status require_ranked(const Profile& profile, std::string_view method);

}  // namespace participa::tally::detail
