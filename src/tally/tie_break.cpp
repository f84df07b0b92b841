#include "participa/tally/tie_break.hpp"

#include <algorithm>

#include "absl/strings/str_join.h"
#include "participa/core/strings.hpp"

namespace participa::tally {

absl::StatusOr<TieBreaker> TieBreaker::create(const TieBreak& rule, std::size_t n) {
  TieBreaker breaker(rule, n);
  const bool needs_permutation = rule.policy == TieBreakPolicy::kPermutation;
  // A permutation the policy would not read must not appear among the count's parameters.
  if (!rule.permutation.empty() && !needs_permutation &&
      rule.policy != TieBreakPolicy::kPreviousRounds) {
    return absl::InvalidArgumentError(
        str_cat("a permutation applies to the permutation and previous-rounds tie-breaks, not to '",
                to_string(rule.policy), "'"));
  }
  if (needs_permutation || !rule.permutation.empty()) {
    if (rule.permutation.size() != n) {
      return absl::InvalidArgumentError(str_cat("the tie-break permutation lists ",
                                                rule.permutation.size(),
                                                " candidates; the contest has ", n));
    }
    std::vector<bool> seen(n, false);
    for (std::size_t i = 0; i < n; ++i) {
      Candidate c = rule.permutation[i];
      if (c >= n || seen[c]) {
        return absl::InvalidArgumentError(str_cat("the tie-break permutation has candidate #", c,
                                                  c >= n ? ", which does not exist" : " twice"));
      }
      seen[c] = true;
      breaker.rank_[c] = static_cast<std::uint32_t>(i);
    }
  }
  return breaker;
}

std::vector<Candidate> TieBreaker::order(std::span<const Candidate> tied, TiePurpose purpose,
                                         int round, std::span<const Round> rounds) {
  std::vector<Candidate> out(tied.begin(), tied.end());
  auto by_precedence = [&](Candidate a, Candidate b) { return rank_[a] < rank_[b]; };
  switch (rule_.policy) {
    case TieBreakPolicy::kReport:
    case TieBreakPolicy::kCandidateOrder:
    case TieBreakPolicy::kPermutation:
      std::sort(out.begin(), out.end(), by_precedence);
      break;
    case TieBreakPolicy::kPreviousRounds: {
      auto votes_in = [](const Round& r, Candidate c) -> Rational {
        for (const auto& e : r.tally) {
          if (e.candidate == c) return e.votes;
        }
        return Rational(0);
      };
      std::sort(out.begin(), out.end(), [&](Candidate a, Candidate b) {
        for (auto r = rounds.rbegin(); r != rounds.rend(); ++r) {
          Rational va = votes_in(*r, a), vb = votes_in(*r, b);
          if (va != vb) return va > vb;
        }
        return by_precedence(a, b);
      });
      break;
    }
    case TieBreakPolicy::kRandom:
      std::sort(out.begin(), out.end());
      rng_.shuffle(out);
      break;
  }
  ties_.push_back(Tie{round, purpose, std::vector<Candidate>(tied.begin(), tied.end()), out});
  return out;
}

void TieBreaker::record_unbroken(std::span<const Candidate> tied, TiePurpose purpose, int round) {
  ties_.push_back(Tie{round, purpose, std::vector<Candidate>(tied.begin(), tied.end()), {}});
}

std::vector<std::pair<std::string, std::string>> TieBreaker::parameters() const {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("tie_break", std::string(to_string(rule_.policy)));
  if (rule_.policy == TieBreakPolicy::kRandom) {
    out.emplace_back("seed", str_cat(rule_.seed));
  }
  if (!rule_.permutation.empty()) {
    out.emplace_back("permutation", absl::StrJoin(rule_.permutation, ","));
  }
  return out;
}

}  // namespace participa::tally
