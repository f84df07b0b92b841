#include "participa/tally/pairwise.hpp"

#include <limits>

#include "participa/core/strings.hpp"

namespace participa::tally {

namespace {

constexpr std::int32_t kUnranked = std::numeric_limits<std::int32_t>::max();

// Adds one ballot's rows to the 32-bit block. Compiled twice, for AVX2 and for baseline
// x86-64, and chosen at run time, so the build needs no -march flag.
__attribute__((target_clones("avx2", "default"))) void add_rows(std::uint32_t* block,
                                                                const std::int32_t* rank,
                                                                const Candidate* marks,
                                                                std::size_t length, std::size_t n,
                                                                std::uint32_t w, bool below) {
  for (std::size_t k = 0; k < length; ++k) {
    const Candidate a = marks[k];
    const std::int32_t ra = rank[a];
    std::uint32_t* row = block + a * n;
    if (below) {
      for (std::size_t c = 0; c < n; ++c) row[c] += rank[c] > ra ? w : 0u;
    } else {
      for (std::size_t c = 0; c < n; ++c) row[c] += (rank[c] > ra && rank[c] != kUnranked) ? w : 0u;
    }
  }
}

}  // namespace

PairwiseMatrix PairwiseMatrix::from_profile(const Profile& profile, Unranked unranked) {
  const std::size_t n = profile.num_candidates();
  PairwiseMatrix m(n);
  // Each ballot becomes a rank per candidate; the row of each ranked candidate then adds the
  // weight wherever the row's candidate is ranked strictly better. Rows are accumulated in
  // 32-bit counters, flushed to the 64-bit matrix before they could overflow, so the
  // branch-free inner loop runs four lanes per SSE2 instruction.
  std::vector<std::int32_t> rank(n, kUnranked);
  std::vector<std::uint32_t> block(n * n, 0);
  std::uint64_t block_weight = 0;
  auto flush = [&] {
    for (std::size_t i = 0; i < block.size(); ++i) m.support_[i] += block[i];
    std::fill(block.begin(), block.end(), 0);
    block_weight = 0;
  };
  const bool below = unranked == Unranked::kBelow;
  for (std::size_t i = 0; i < profile.num_distinct(); ++i) {
    BallotView b = profile.ballot(i);
    const std::uint64_t w = profile.weight(i);
    for (std::size_t k = 0; k < b.marks.size(); ++k) {
      rank[b.marks[k]] = b.values.empty() ? static_cast<std::int32_t>(k) : b.values[k];
    }
    if (w > 0xFFFFFFFFu) {
      for (Candidate a : b.marks) {
        for (std::size_t c = 0; c < n; ++c) {
          bool counted = rank[c] > rank[a] && (below || rank[c] != kUnranked);
          m.support_[a * n + c] += counted ? w : 0;
        }
      }
    } else {
      if (block_weight + w > 0xFFFFFFFFu) flush();
      block_weight += w;
      add_rows(block.data(), rank.data(), b.marks.data(), b.marks.size(), n,
               static_cast<std::uint32_t>(w), below);
    }
    for (Candidate c : b.marks) rank[c] = kUnranked;
  }
  flush();
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
