#include "participa/tally/pairwise.hpp"

#include <limits>

#include "participa/core/strings.hpp"

namespace participa::tally {

absl::StatusOr<Unranked> parse_unranked(std::string_view text) {
  if (text == "below") return Unranked::kBelow;
  if (text == "incomparable") return Unranked::kIncomparable;
  return absl::InvalidArgumentError(
      str_cat("unranked '", text, "' is neither 'below' nor 'incomparable'"));
}

PairwiseMatrix PairwiseMatrix::from_profile(const Profile& profile, Unranked unranked) {
  const std::size_t n = profile.num_candidates();
  PairwiseMatrix m(n);
  constexpr std::int32_t kUnranked = std::numeric_limits<std::int32_t>::max();
  // Each ballot becomes a rank per candidate; a row then adds `weight` wherever the row's
  // candidate is ranked strictly better, a branch-free loop the compiler vectorizes.
  std::vector<std::int32_t> rank(n, kUnranked);
  std::vector<std::uint64_t> mask(n);
  const bool below = unranked == Unranked::kBelow;
  for (std::size_t i = 0; i < profile.num_distinct(); ++i) {
    BallotView b = profile.ballot(i);
    const std::uint64_t w = profile.weight(i);
    for (std::size_t k = 0; k < b.candidates.size(); ++k) {
      rank[b.candidates[k]] = b.values.empty() ? static_cast<std::int32_t>(k) : b.values[k];
    }
    for (std::size_t k = 0; k < b.candidates.size(); ++k) {
      const Candidate a = b.candidates[k];
      const std::int32_t ra = rank[a];
      std::uint64_t* row = m.support_.data() + a * n;
      if (below) {
        for (std::size_t c = 0; c < n; ++c) row[c] += rank[c] > ra ? w : 0;
      } else {
        for (std::size_t c = 0; c < n; ++c) {
          row[c] += (rank[c] > ra && rank[c] != kUnranked) ? w : 0;
        }
      }
    }
    for (Candidate c : b.candidates) rank[c] = kUnranked;
  }
  return m;
}

std::int64_t PairwiseMatrix::condorcet_winner() const {
  for (std::size_t a = 0; a < n_; ++a) {
    bool beats_all = true;
    for (std::size_t b = 0; b < n_ && beats_all; ++b) {
      if (a != b && margin(static_cast<Candidate>(a), static_cast<Candidate>(b)) <= 0) {
        beats_all = false;
      }
    }
    if (beats_all) return static_cast<std::int64_t>(a);
  }
  return -1;
}

PairwiseMatrix& PairwiseMatrix::operator+=(const PairwiseMatrix& other) {
  if (n_ == 0) return *this = other;
  for (std::size_t i = 0; i < support_.size() && i < other.support_.size(); ++i) {
    support_[i] += other.support_[i];
  }
  return *this;
}

}  // namespace participa::tally
