// participa/tally/tie_break.hpp — explicit, documented policies for breaking ties.
//
// Policies (the names the CLI and registry accept):
//   report          nothing is broken: a tie for a win returns every tied candidate as a
//                   co-winner (Result::tied_winners); a tie for elimination eliminates every
//                   tied candidate at once. This is how pref_voting's irresolute methods behave.
//   candidate-order the candidate listed first in the contest is favoured.
//   permutation     an explicit order of all candidates, most favoured first.
//   previous-rounds the candidate with more votes in the latest earlier round where the tied
//                   candidates differ is favoured; if none differ, the permutation (or
//                   candidate order when none is given) decides.
//   random          a ChaCha20 `Rng` seeded with `seed` (recorded in the result) shuffles the
//                   tied candidates, sorted by index first; draws continue across ties.
//
// "Favoured" means wins a tie for election and survives a tie for elimination.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/core/names.hpp"
#include "participa/core/rng.hpp"
#include "participa/tally/result.hpp"

namespace participa::tally {

enum class TieBreakPolicy { kReport, kCandidateOrder, kPermutation, kPreviousRounds, kRandom };

inline constexpr std::array<Named<TieBreakPolicy>, 5> kTieBreakPolicyNames = {{
    {TieBreakPolicy::kReport, "report"},
    {TieBreakPolicy::kCandidateOrder, "candidate-order"},
    {TieBreakPolicy::kPermutation, "permutation"},
    {TieBreakPolicy::kPreviousRounds, "previous-rounds"},
    {TieBreakPolicy::kRandom, "random"},
}};
inline std::string_view to_string(TieBreakPolicy p) { return name_of(kTieBreakPolicyNames, p); }
inline absl::StatusOr<TieBreakPolicy> parse_tie_break_policy(std::string_view text) {
  return parse_name(kTieBreakPolicyNames, "tie-break policy", text);
}

struct TieBreak {
  TieBreakPolicy policy = TieBreakPolicy::kReport;
  // Most favoured first; used by kPermutation and as kPreviousRounds' fallback.
  std::vector<Candidate> permutation;
  std::uint64_t seed = 0;
  friend bool operator==(const TieBreak&, const TieBreak&) = default;
};

// TieBreaker — applies one TieBreak through a count and records every tie it meets.
class TieBreaker {
 public:
  // create(rule, num_candidates) — InvalidArgument if the permutation is not one of all
  // candidates, or is given to a policy that does not read it.
  static absl::StatusOr<TieBreaker> create(const TieBreak& rule, std::size_t num_candidates);

  bool reports() const { return rule_.policy == TieBreakPolicy::kReport; }
  // order(tied, purpose, round, rounds) — the tied candidates, most favoured first, recorded
  // as a Tie. Requires: !reports() and tied.size() >= 2.
  std::vector<Candidate> order(std::span<const Candidate> tied, TiePurpose purpose, int round,
                               std::span<const Round> rounds);
  // record_unbroken(tied, purpose, round) — notes a tie left standing (report policy).
  void record_unbroken(std::span<const Candidate> tied, TiePurpose purpose, int round);
  Candidate favoured(std::span<const Candidate> tied, TiePurpose purpose, int round,
                     std::span<const Round> rounds) {
    return order(tied, purpose, round, rounds).front();
  }
  Candidate disfavoured(std::span<const Candidate> tied, TiePurpose purpose, int round,
                        std::span<const Round> rounds) {
    return order(tied, purpose, round, rounds).back();
  }

  const TieBreak& rule() const { return rule_; }
  std::vector<Tie>& ties() { return ties_; }
  // parameters() — the policy (and seed or permutation) as result parameters.
  std::vector<std::pair<std::string, std::string>> parameters() const;

 private:
  TieBreaker(TieBreak rule, std::size_t n) : rule_(std::move(rule)), rng_(rule_.seed) {
    rank_.resize(n);
    for (std::size_t i = 0; i < n; ++i) rank_[i] = static_cast<std::uint32_t>(i);
  }
  TieBreak rule_;
  Rng rng_;
  std::vector<std::uint32_t> rank_;  // position of each candidate in the precedence order
  std::vector<Tie> ties_;
};

}  // namespace participa::tally
