// participa/tally/profile_builder.hpp — gathers ballots into a Profile.
//
// A `ProfileBuilder` checks and normalizes each ballot as it arrives (see profile.hpp) and
// keeps identical ballots once, through a hash index of the ballots stored so far. `build()`
// hands over the gathered ballots as an immutable Profile, without the index, and leaves the
// builder empty over the same candidates, ready for more. The index, the scratch buffers and
// the two-thread pipeline of from_rows() belong here, so a Profile carries ballots only.
//
//   auto builder = ProfileBuilder::create({"Ana", "Ben", "Chloe"}, BallotKind::kRanked).value();
//   Candidate ballot[] = {2, 0};
//   PARTICIPA_RETURN_IF_ERROR(builder.add({.marks = ballot}, /*count=*/3));
//   Profile profile = builder.build();
//
// Every error leaves the builder as it was. Not thread-safe; use one builder per thread and
// merge the profiles they build.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "participa/tally/ballot.hpp"
#include "participa/tally/detail/large_arrays.hpp"
#include "participa/tally/profile.hpp"

namespace participa::tally {

class ProfileBuilder {
 public:
  // create(candidates, kind) — InvalidArgument for an empty, duplicated or non-UTF-8 candidate
  // name, OutOfRange above Profile::kMaxCandidates.
  static absl::StatusOr<ProfileBuilder> create(std::vector<std::string> candidates,
                                               BallotKind kind);
  // A builder that goes on from `profile`'s ballots (indexing them costs one pass over them).
  // From a default (candidate-less) profile, the builder takes the candidates of the first
  // profile merged into it.
  explicit ProfileBuilder(Profile profile);

  // add(ballot, count) — adds `count` copies of a ballot. InvalidArgument for an unknown or
  // repeated candidate, values that do not fit the kind, or ranks out of order; OutOfRange if
  // the total weight would overflow 64 bits.
  absl::Status add(BallotView ballot, std::uint64_t count = 1);
  absl::Status add(std::span<const Candidate> marks, std::uint64_t count = 1) {
    return add(BallotView{marks, {}}, count);
  }
  // add_batch(ballots, counts, first_row) — add(ballots[i], counts[i]) for every i, checking
  // every ballot before adding any, so on error (named "row first_row + i: ...") nothing is
  // added. Faster than one add() per ballot: lookups of a batch overlap in memory.
  absl::Status add_batch(std::span<const BallotView> ballots, std::span<const std::uint64_t> counts,
                         std::uint64_t first_row = 0);
  // merge(other) — adds every ballot of `other`. InvalidArgument if the candidate lists or
  // kinds differ.
  absl::Status merge(const Profile& other);
  // reserve(distinct, marks) — capacity hints for bulk builders.
  void reserve(std::size_t distinct, std::size_t marks);

  std::size_t num_distinct() const { return profile_.num_distinct(); }
  std::uint64_t total_weight() const { return profile_.total_weight(); }

  // build() — the ballots added so far, as a Profile; the builder starts over, empty, over the
  // same candidates.
  Profile build();

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

 private:
  ProfileBuilder() = default;

  // normalize(ballot) — checks the ballot (check_shape, check_marks) and writes its normalized
  // form into the scratch buffers (write_normalized).
  absl::Status normalize(BallotView ballot);
  absl::Status check_shape(BallotView ballot) const;
  absl::Status check_marks(BallotView ballot);
  void write_normalized(BallotView ballot);
  void insert(std::span<const Candidate> c, std::span<const std::int32_t> v, std::uint64_t hash,
              std::uint64_t count);
  void index_stored_ballots();
  // store_levels() — the levels of every stored ballot (strict rankings: their positions), kept
  // from now on: the first ballot with equal ranks has come.
  void store_levels();
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
  void shrink_to_fit();

  Profile profile_;
  // Dedup index: hash -> last stored ballot with that hash; collisions chain through next_.
  template <class T>
  using LargeArray = std::vector<T, detail::LargeArrayAllocator<T>>;
  absl::flat_hash_map<std::uint64_t, std::uint32_t, absl::Hash<std::uint64_t>,
                      std::equal_to<std::uint64_t>,
                      detail::LargeArrayAllocator<std::pair<const std::uint64_t, std::uint32_t>>>
      by_hash_;
  LargeArray<std::uint32_t> next_;
  // Scratch for normalizing one ballot; reused so adding allocates nothing per ballot.
  std::vector<Candidate> scratch_marks_;
  std::vector<std::int32_t> scratch_values_;
  std::vector<std::int32_t> positions_;
  std::vector<std::uint32_t> seen_;
  std::uint32_t seen_epoch_ = 0;
  NormalizedRows batch_;
  std::vector<std::uint32_t> batch_heads_;
};

}  // namespace participa::tally
