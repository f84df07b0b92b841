// participa/tally/profile.hpp — a multiset of ballots stored flat, the input of every count.
//
// A `Profile` keeps each distinct ballot once, with its multiplicity, in CSR arrays:
// ballot i's marks are marks()[offsets()[i] .. offsets()[i+1]) with the matching
// values() (rank levels or scores), and weights()[i] voters cast it. Counting walks these
// arrays and never allocates per ballot; adding a ballot allocates only when the arrays grow.
//
// Ballots are normalized as they enter: approvals and scores sorted by candidate; ranked
// ballots get dense levels 0, 1, 2, ... with candidates of one level sorted. Two ways of
// writing the same ballot are therefore the same distinct ballot.
//
// Profiles are Mergeable (core/mergeable.hpp): the default-constructed profile is the identity (it
// adopts the other side's candidates), `a += b` is associative and commutative, and `==` compares
// the multisets exactly, whatever the insertion order. Shard ballots, build a profile per shard,
// merge. `digest()` is the SHA-256 of the canonical (sorted) form, so it does not depend on
// ballot order either.
//
//   auto profile = Profile::create({"Ana", "Ben", "Chloe"}, BallotKind::kRanked).value();
//   Candidate ballot[] = {2, 0};
//   PARTICIPA_RETURN_IF_ERROR(profile.add({.marks = ballot}, /*count=*/3));
//
// Not thread-safe; use one profile per thread and merge.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
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

  Profile() = default;
  // create(candidates, kind) — InvalidArgument for an empty, duplicated or non-UTF-8 candidate
  // name, OutOfRange above kMaxCandidates.
  static absl::StatusOr<Profile> create(std::vector<std::string> candidates, BallotKind kind);

  // add(ballot, count) — adds `count` copies of a ballot. InvalidArgument (state unchanged)
  // for an unknown or repeated candidate, values that do not fit the kind, or ranks out of
  // order; OutOfRange if the total weight would overflow 64 bits.
  absl::Status add(BallotView ballot, std::uint64_t count = 1);
  absl::Status add(std::span<const Candidate> marks, std::uint64_t count = 1) {
    return add(BallotView{marks, {}}, count);
  }
  // add_batch(ballots, counts, first_row) — add(ballots[i], counts[i]) for every i, checking
  // every ballot before adding any, so on error (named "row first_row + i: ...") the profile
  // is unchanged. Faster than one add() per ballot: lookups of a batch overlap in memory.
  absl::Status add_batch(std::span<const BallotView> ballots, std::span<const std::uint64_t> counts,
                         std::uint64_t first_row = 0);
  // from_rows(candidates, kind, rows, weights, marks_hint, fill) — a profile of `rows` ballots,
  // ballot r written by fill(r, marks, values) into empty vectors and counted weights[r]
  // times (once when weights is empty); the same profile as adding the rows in order. Large
  // inputs are checked and normalized on a second thread while this one adds them; fill must
  // be safe to call from another thread. Errors: fill's own, add()'s prefixed "row r: ", or
  // InvalidArgument for a weights array of the wrong size. `marks_hint` sizes the storage.
  using RowFill = absl::FunctionRef<absl::Status(std::size_t, std::vector<Candidate>&,
                                                 std::vector<std::int32_t>&)>;
  static absl::StatusOr<Profile> from_rows(std::vector<std::string> candidates, BallotKind kind,
                                           std::size_t rows, std::span<const std::uint64_t> weights,
                                           std::size_t marks_hint, RowFill fill);
  // merge(other) — adds every ballot of `other`. InvalidArgument if the candidate lists or
  // kinds differ (an empty default profile adopts other's).
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
  // has_equal_ranks() — whether some ranked ballot ranks two candidates equal; when not,
  // counting may read levels as positions and skip them.
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
  // digest() — SHA-256 of the canonical encoding (see docs/serialization.md). Computed once
  // per state of the profile and remembered, so every count of an unchanged profile reuses
  // it; concurrent calls on a const profile are safe.
  Digest digest() const;
  // reserve(distinct, marks) — capacity hints for bulk builders.
  void reserve(std::size_t distinct, std::size_t marks);
  // shrink_to_fit() — gives back what a generous reserve() did not use.
  void shrink_to_fit();

  friend bool operator==(const Profile& a, const Profile& b);

 private:
  std::uint64_t hash_marks(std::span<const Candidate> c, std::span<const std::int32_t> v) const;
  // find(c, v, hash) — index of an equal stored ballot, or -1.
  std::int64_t find(std::span<const Candidate> c, std::span<const std::int32_t> v,
                    std::uint64_t hash) const;
  absl::Status normalize(BallotView ballot);
  void insert_normalized(std::uint64_t count);
  void insert(std::span<const Candidate> c, std::span<const std::int32_t> v, std::uint64_t hash,
              std::uint64_t count);

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
  // Dedup index: hash -> first ballot with that hash; collisions chain through next_.
  absl::flat_hash_map<std::uint64_t, std::uint32_t, absl::Hash<std::uint64_t>,
                      std::equal_to<std::uint64_t>,
                      detail::LargeArrayAllocator<std::pair<const std::uint64_t, std::uint32_t>>>
      by_hash_;
  LargeArray<std::uint32_t> next_;
  // Scratch for normalizing one ballot; reused so adding allocates nothing per ballot.
  std::vector<Candidate> scratch_marks_;
  std::vector<std::int32_t> scratch_values_;
  std::vector<std::uint32_t> seen_;
  // Ballots checked and normalized ahead of insertion, with their hashes.
  struct NormalizedRows {
    std::vector<Candidate> marks;
    std::vector<std::int32_t> values;
    std::vector<std::size_t> offsets{0};
    std::vector<std::uint64_t> hashes;
    void clear();
  };
  // normalize_into(ballot, rows) — normalize() and append the result to rows.
  absl::Status normalize_into(BallotView ballot, NormalizedRows& rows);
  // insert_rows(rows, begin, end, counts) — inserts rows [begin, end), prefetching in groups.
  void insert_rows(const NormalizedRows& rows, std::size_t begin, std::size_t end,
                   std::span<const std::uint64_t> counts);
  NormalizedRows batch_;
  std::vector<std::uint32_t> batch_heads_;
  std::uint32_t seen_epoch_ = 0;
  // The digest of the current state, shared by copies until one of them changes.
  struct DigestCache;
  std::shared_ptr<DigestCache> digest_cache_;
  void will_change();
  Digest compute_digest() const;
  std::vector<std::uint64_t> distinct_hashes() const;
};

static_assert(Mergeable<Profile>);

}  // namespace participa::tally
