// participa/tally/profile.hpp — a multiset of ballots stored flat, the input of every count.
//
// A `Profile` keeps each distinct ballot once, with its multiplicity, in CSR arrays:
// ballot i's marks are marks()[offsets()[i] .. offsets()[i+1]) with the matching
// values() (rank levels or scores), and weights()[i] voters cast it. Counting walks these
// arrays and never allocates per ballot. A ranked profile without equal ranks stores no levels
// (values() is empty): a strict ranking's level is the mark's position.
//
// A Profile is a value: what a ProfileBuilder (profile_builder.hpp), a reader or an array
// builder (profile_arrays.hpp) built, never changed ballot by ballot afterwards. Ballots are
// normalized as they enter: approvals and scores sorted by candidate; ranked ballots get dense
// levels 0, 1, 2, ... with candidates of one level sorted. Two ways of writing the same ballot
// are therefore the same distinct ballot.
//
// Profiles are Mergeable (core/mergeable.hpp): the default-constructed profile is the identity (it
// adopts the other side's candidates), `a += b` is associative and commutative, and `==` compares
// the multisets exactly, whatever the insertion order. Shard ballots, build a profile per shard,
// merge. `digest()` is the SHA-256 of the canonical (sorted) form, so it does not depend on
// ballot order either.
//
// Const member functions may be called from many threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "participa/core/digest.hpp"
#include "participa/core/mergeable.hpp"
#include "participa/tally/ballot.hpp"
#include "participa/tally/detail/large_arrays.hpp"

namespace participa::tally {

class Profile {
 public:
  // Limits that keep a hostile input from exhausting memory or overflowing indices.
  static constexpr std::size_t kMaxCandidates = 100'000;

  // The profile of no candidates and no ballots: the identity of merging.
  Profile() = default;

  // merge(other) — adds every ballot of `other`. InvalidArgument if the candidate lists or
  // kinds differ (an empty default profile adopts other's); OutOfRange if the total weight
  // would overflow 64 bits. Costs a pass over both profiles' ballots.
  absl::Status merge(const Profile& other);
  // operator+= — merge() for profiles known to be compatible. Requires: compatible(other).
  Profile& operator+=(const Profile& other);
  friend Profile operator+(Profile a, const Profile& b) { return a += b; }
  bool compatible(const Profile& other) const;

  BallotKind kind() const { return kind_; }
  const std::vector<std::string>& candidates() const { return candidates_; }
  std::size_t num_candidates() const { return candidates_.size(); }
  std::size_t num_distinct() const { return weights_.size(); }
  std::uint64_t total_weight() const { return total_weight_; }
  std::uint64_t num_marks() const { return marks_.size(); }
  // has_equal_ranks() — whether some ranked ballot ranks two candidates equal; when not, no
  // levels are stored (values() is empty) and a mark's level is its position.
  bool has_equal_ranks() const { return equal_ranks_; }

  BallotView ballot(std::size_t i) const {
    auto begin = offsets_[i];
    auto size = offsets_[i + 1] - begin;
    return {std::span(marks_).subspan(begin, size), values_.empty()
                                                        ? std::span<const std::int32_t>()
                                                        : std::span(values_).subspan(begin, size)};
  }
  std::uint64_t weight(std::size_t i) const { return weights_[i]; }

  std::span<const std::uint64_t> offsets() const { return offsets_; }
  std::span<const Candidate> marks() const { return marks_; }
  std::span<const std::int32_t> values() const { return values_; }
  std::span<const std::uint64_t> weights() const { return weights_; }

  // canonical() — the same multiset with ballots in canonical order (see docs/serialization.md).
  Profile canonical() const;
  // digest() — SHA-256 of the canonical encoding (see docs/serialization.md). Computed on the
  // first call and remembered, shared by copies, so every count of a profile reuses it.
  Digest digest() const;
  friend bool operator==(const Profile& a, const Profile& b);

 private:
  friend class ProfileBuilder;
  // content_hash(marks, values) — a 64-bit hash of a normalized ballot of this profile's kind,
  // pure integer arithmetic, the same on every platform: it orders the canonical form and keys
  // the builder's index. A ranked ballot's levels, stored or not, are part of it.
  std::uint64_t content_hash(std::span<const Candidate> c, std::span<const std::int32_t> v) const;
  std::vector<std::uint64_t> content_hashes() const;
  absl::Status check_merge(const Profile& other) const;
  // canonical_order() — the distinct ballots' indices in canonical order.
  std::vector<std::uint32_t> canonical_order() const;
  Digest compute_digest() const;

  BallotKind kind_ = BallotKind::kRanked;
  std::vector<std::string> candidates_;
  template <class T>
  using LargeArray = std::vector<T, detail::LargeArrayAllocator<T>>;
  LargeArray<std::uint64_t> offsets_{0};
  LargeArray<Candidate> marks_;
  LargeArray<std::int32_t> values_;
  LargeArray<std::uint64_t> weights_;
  std::uint64_t total_weight_ = 0;
  bool equal_ranks_ = false;
  // The digest, worked out on first use and shared by copies (a profile never changes after it
  // is built; `+=` replaces the whole value, cache included).
  struct DigestCache;
  std::shared_ptr<DigestCache> digest_cache_;
  // forget_digest() — a fresh cache, for ballots that changed while not yet a Profile.
  void forget_digest();
};

static_assert(Mergeable<Profile>);

}  // namespace participa::tally
