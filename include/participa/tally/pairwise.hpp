// participa/tally/pairwise.hpp — head-to-head counts between every pair of candidates.
//
// support(a, b) is the weight of ballots ranking a above b; margin(a, b) = support(a, b) -
// support(b, a). How a ranked candidate compares with an unranked one is a parameter:
// kBelow (default) — a ranked candidate beats every unranked one, as in most ranked
// elections; kIncomparable — the ballot says nothing about the pair (pref_voting's default
// for profiles with ties). Equal ranks say nothing either way.
//
// A PairwiseMatrix is Mergeable: matrices of shards add up to the matrix of the whole.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/core/mergeable.hpp"
#include "participa/core/names.hpp"
#include "participa/tally/profile.hpp"

namespace participa::tally {

enum class Unranked { kBelow, kIncomparable };
inline constexpr std::array<Named<Unranked>, 2> kUnrankedNames = {{
    {Unranked::kBelow, "below"},
    {Unranked::kIncomparable, "incomparable"},
}};
inline std::string_view to_string(Unranked u) { return name_of(kUnrankedNames, u); }
inline absl::StatusOr<Unranked> parse_unranked(std::string_view text) {
  return parse_name(kUnrankedNames, "unranked", text);
}

class PairwiseMatrix {
 public:
  PairwiseMatrix() = default;
  explicit PairwiseMatrix(std::size_t num_candidates)
      : n_(num_candidates), support_(num_candidates * num_candidates, 0) {}

  static PairwiseMatrix from_profile(const Profile& profile, Unranked unranked = Unranked::kBelow);

  std::size_t num_candidates() const { return n_; }
  std::uint64_t support(Candidate a, Candidate b) const { return support_[a * n_ + b]; }
  std::int64_t margin(Candidate a, Candidate b) const {
    return static_cast<std::int64_t>(support(a, b)) - static_cast<std::int64_t>(support(b, a));
  }
  void add_support(Candidate a, Candidate b, std::uint64_t weight) {
    support_[a * n_ + b] += weight;
  }

  // condorcet_winner() — the candidate beating every other by a positive margin, or -1.
  std::int64_t condorcet_winner() const;

  PairwiseMatrix& operator+=(const PairwiseMatrix& other);
  friend bool operator==(const PairwiseMatrix&, const PairwiseMatrix&) = default;

 private:
  std::size_t n_ = 0;
  std::vector<std::uint64_t> support_;
};

static_assert(Mergeable<PairwiseMatrix>);

}  // namespace participa::tally
