#include "participa/tally/profile_builder.hpp"

#include <algorithm>
#include <atomic>
#include <numeric>
#include <thread>

#include "absl/container/flat_hash_set.h"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"

namespace participa::tally {
namespace {

constexpr std::uint32_t kNone = 0xFFFFFFFFu;

absl::Status check_total(std::uint64_t total, std::span<const std::uint64_t> counts) {
  for (std::uint64_t count : counts) {
    if (total + count < total) {
      return absl::OutOfRangeError("the profile's total weight would overflow 64 bits");
    }
    total += count;
  }
  return absl::OkStatus();
}

// in_two_threads<Chunk>(chunks, produce, consume) — produce(k, chunk) fills chunk k, then
// consume(k, chunk) takes it, for k = 0 .. chunks - 1 in order: a second thread produces one
// chunk while this one consumes the other. The first error stops both and is returned.
template <class Chunk, class Produce, class Consume>
absl::Status in_two_threads(std::size_t chunks, Produce produce, Consume consume) {
  // A slot is `ready` from when the producer has filled it until the consumer has taken it.
  struct Slot {
    Chunk chunk;
    absl::Status status;
    std::atomic<bool> ready{false};
  };
  Slot slots[2];
  std::atomic<bool> stop{false};
  std::thread producer([&] {
    for (std::size_t k = 0; k < chunks; ++k) {
      Slot& slot = slots[k % 2];
      slot.ready.wait(true);
      if (stop.load()) return;
      try {
        slot.status = produce(k, slot.chunk);
      } catch (const std::bad_alloc&) {
        slot.status = absl::ResourceExhaustedError("out of memory while reading ballots");
      }
      slot.ready.store(true);
      slot.ready.notify_one();
      if (!slot.status.ok()) return;
    }
  });
  // Whatever happens here (an error, an exception), the producer is released and joined.
  struct Release {
    Slot* slots;
    std::atomic<bool>& stop;
    std::thread& producer;
    ~Release() {
      stop.store(true);
      for (int i = 0; i < 2; ++i) {
        slots[i].ready.store(false);
        slots[i].ready.notify_one();
      }
      producer.join();
    }
  } release{slots, stop, producer};
  for (std::size_t k = 0; k < chunks; ++k) {
    Slot& slot = slots[k % 2];
    slot.ready.wait(false);
    PARTICIPA_RETURN_IF_ERROR(slot.status);
    consume(k, slot.chunk);
    slot.ready.store(false);
    slot.ready.notify_one();
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ProfileBuilder> ProfileBuilder::create(std::vector<std::string> candidates,
                                                      BallotKind kind) {
  if (candidates.size() > Profile::kMaxCandidates) {
    return absl::OutOfRangeError(
        str_cat(candidates.size(), " candidates exceed the limit of ", Profile::kMaxCandidates));
  }
  absl::flat_hash_set<std::string_view> names;
  for (const auto& name : candidates) {
    if (name.empty()) return absl::InvalidArgumentError("a candidate has an empty name");
    if (!is_utf8(name)) {
      return absl::InvalidArgumentError(
          str_cat("candidate ", names.size() + 1, "'s name is not UTF-8"));
    }
    if (!names.insert(name).second) {
      return absl::InvalidArgumentError(str_cat("candidate '", name, "' is listed twice"));
    }
  }
  ProfileBuilder builder;
  builder.profile_.kind_ = kind;
  builder.profile_.candidates_ = std::move(candidates);
  builder.seen_.assign(builder.profile_.candidates_.size(), 0);
  return builder;
}

ProfileBuilder::ProfileBuilder(Profile profile) : profile_(std::move(profile)) {
  seen_.assign(profile_.candidates_.size(), 0);
  index_stored_ballots();
}

void ProfileBuilder::index_stored_ballots() {
  by_hash_.clear();
  next_.clear();
  by_hash_.reserve(profile_.num_distinct());
  next_.reserve(profile_.num_distinct());
  for (std::uint32_t i = 0; i < profile_.num_distinct(); ++i) {
    const BallotView b = profile_.ballot(i);
    auto [slot, claimed] = by_hash_.try_emplace(profile_.content_hash(b.marks, b.values), i);
    next_.push_back(claimed ? kNone : slot->second);
    slot->second = i;
  }
}

absl::Status ProfileBuilder::merge(const Profile& other) {
  PARTICIPA_RETURN_IF_ERROR(profile_.check_merge(other));
  if (profile_.num_distinct() + other.num_distinct() >= kNone - 1) {
    return absl::OutOfRangeError("the profile holds the most distinct ballots it can");
  }
  if (other.candidates_.empty()) return absl::OkStatus();
  if (profile_.candidates_.empty()) {
    profile_.kind_ = other.kind_;
    profile_.candidates_ = other.candidates_;
    seen_.assign(profile_.candidates_.size(), 0);
  }
  for (std::size_t i = 0; i < other.num_distinct(); ++i) {
    const BallotView b = other.ballot(i);
    insert(b.marks, b.values, profile_.content_hash(b.marks, b.values), other.weights_[i]);
  }
  return absl::OkStatus();
}

Profile ProfileBuilder::build() {
  // The index goes first, so that the copies shrink_to_fit may make fit in the memory it held.
  by_hash_ = {};
  next_ = {};
  shrink_to_fit();
  Profile built = std::move(profile_);
  built.forget_digest();
  profile_ = Profile();
  profile_.kind_ = built.kind_;
  profile_.candidates_ = built.candidates_;
  return built;
}

void ProfileBuilder::reserve(std::size_t distinct, std::size_t marks) {
  profile_.offsets_.reserve(distinct + 1);
  profile_.weights_.reserve(distinct);
  next_.reserve(distinct);
  profile_.marks_.reserve(marks);
  // Ranked profiles store levels only once a ballot ranks two candidates equal.
  if (has_values(profile_.kind_) && profile_.kind_ != BallotKind::kRanked) {
    profile_.values_.reserve(marks);
  }
  // Growing the index would rehash every entry each time it doubles.
  by_hash_.reserve(distinct);
}

void ProfileBuilder::shrink_to_fit() {
  // Only a quarter or more unused is worth a copy.
  auto shrink = [](auto& v) {
    if (v.capacity() > v.size() + v.size() / 4) v.shrink_to_fit();
  };
  shrink(profile_.offsets_);
  shrink(profile_.weights_);
  shrink(profile_.marks_);
  shrink(profile_.values_);
}

absl::Status ProfileBuilder::normalize(BallotView ballot) {
  PARTICIPA_RETURN_IF_ERROR(check_shape(ballot));
  PARTICIPA_RETURN_IF_ERROR(check_marks(ballot));
  write_normalized(ballot);
  return absl::OkStatus();
}

absl::Status ProfileBuilder::check_shape(BallotView ballot) const {
  const BallotKind kind = profile_.kind_;
  const std::size_t n = profile_.candidates_.size();
  const std::size_t size = ballot.marks.size();
  if (size > n) {
    return absl::InvalidArgumentError(
        str_cat("a ballot with ", size, " marks cannot fit ", n, " candidates"));
  }
  if (!has_values(kind) && !ballot.values.empty()) {
    return absl::InvalidArgumentError(str_cat(to_string(kind), " ballots carry no values"));
  }
  if (has_values(kind) && !ballot.values.empty() && ballot.values.size() != size) {
    return absl::InvalidArgumentError(
        str_cat("a ballot has ", size, " marks but ", ballot.values.size(), " values"));
  }
  if ((kind == BallotKind::kScore || kind == BallotKind::kCumulative) &&
      ballot.values.size() != size) {
    return absl::InvalidArgumentError("a score ballot needs a value for every mark");
  }
  if (kind == BallotKind::kSingleChoice && size > 1) {
    return absl::InvalidArgumentError(
        str_cat("a single-choice ballot marks ", size, " candidates"));
  }
  return absl::OkStatus();
}

absl::Status ProfileBuilder::check_marks(BallotView ballot) {
  const std::size_t n = profile_.candidates_.size();
  if (++seen_epoch_ == 0) {
    std::fill(seen_.begin(), seen_.end(), 0);
    seen_epoch_ = 1;
  }
  for (std::size_t i = 0; i < ballot.marks.size(); ++i) {
    Candidate c = ballot.marks[i];
    if (c >= n) {
      return absl::InvalidArgumentError(str_cat("unknown candidate #", c, " (there are ", n, ")"));
    }
    if (seen_[c] == seen_epoch_) {
      return absl::InvalidArgumentError(
          str_cat("a ballot marks '", profile_.candidates_[c], "' twice"));
    }
    seen_[c] = seen_epoch_;
    if (profile_.kind_ == BallotKind::kRanked && !ballot.values.empty() && i > 0 &&
        ballot.values[i] < ballot.values[i - 1]) {
      return absl::InvalidArgumentError(
          str_cat("a ballot's ranks are out of order at '", profile_.candidates_[c], "'"));
    }
  }
  return absl::OkStatus();
}

void ProfileBuilder::write_normalized(BallotView ballot) {
  const std::size_t size = ballot.marks.size();
  scratch_marks_.assign(ballot.marks.begin(), ballot.marks.end());
  scratch_values_.clear();
  if (profile_.kind_ == BallotKind::kRanked && ballot.values.empty()) {
    // A strict order: one candidate per level, nothing to sort.
    scratch_values_.resize(size);
    std::iota(scratch_values_.begin(), scratch_values_.end(), 0);
  } else if (profile_.kind_ == BallotKind::kRanked) {
    scratch_values_.resize(size);
    std::int32_t level = -1;
    for (std::size_t i = 0; i < size; ++i) {
      if (i == 0 || ballot.values[i] != ballot.values[i - 1]) ++level;
      scratch_values_[i] = level;
    }
    // Within a level, candidates are sorted so equal ballots share one representation.
    std::size_t start = 0;
    for (std::size_t i = 1; i <= size; ++i) {
      if (i == size || scratch_values_[i] != scratch_values_[start]) {
        std::sort(scratch_marks_.begin() + static_cast<std::ptrdiff_t>(start),
                  scratch_marks_.begin() + static_cast<std::ptrdiff_t>(i));
        start = i;
      }
    }
  } else if (has_values(profile_.kind_)) {
    scratch_values_.assign(ballot.values.begin(), ballot.values.end());
    // Sort marks by candidate, carrying values along (insertion sort: ballots are short).
    for (std::size_t i = 1; i < size; ++i) {
      for (std::size_t j = i; j > 0 && scratch_marks_[j - 1] > scratch_marks_[j]; --j) {
        std::swap(scratch_marks_[j - 1], scratch_marks_[j]);
        std::swap(scratch_values_[j - 1], scratch_values_[j]);
      }
    }
  } else if (!std::is_sorted(scratch_marks_.begin(), scratch_marks_.end())) {
    std::sort(scratch_marks_.begin(), scratch_marks_.end());
  }
}

void ProfileBuilder::store_levels() {
  profile_.values_.resize(profile_.marks_.size());
  for (std::size_t i = 0; i < profile_.num_distinct(); ++i) {
    const auto first = profile_.values_.begin() + static_cast<std::ptrdiff_t>(profile_.offsets_[i]);
    const auto last =
        profile_.values_.begin() + static_cast<std::ptrdiff_t>(profile_.offsets_[i + 1]);
    std::iota(first, last, 0);
  }
  profile_.equal_ranks_ = true;
}

void ProfileBuilder::insert(std::span<const Candidate> c, std::span<const std::int32_t> v,
                            std::uint64_t h, std::uint64_t count) {
  if (profile_.kind_ == BallotKind::kRanked) {
    // Levels are stored from the first ballot with equal ranks on; until then a ballot is its
    // marks, and `v` (its levels, or nothing for a strict ranking) is left out.
    if (!profile_.equal_ranks_ && std::adjacent_find(v.begin(), v.end()) != v.end()) {
      store_levels();
    }
    if (!profile_.equal_ranks_) {
      v = {};
    } else if (v.empty()) {
      positions_.resize(c.size());
      std::iota(positions_.begin(), positions_.end(), 0);
      v = positions_;
    }
  }
  profile_.total_weight_ += count;
  const auto index = static_cast<std::uint32_t>(profile_.weights_.size());
  // One probe: claim the hash for a new ballot, or learn which stored ballots share it.
  auto [slot, claimed] = by_hash_.try_emplace(h, index);
  if (!claimed) {
    for (std::uint32_t i = slot->second; i != kNone; i = next_[i]) {
      BallotView b = profile_.ballot(i);
      if (std::equal(b.marks.begin(), b.marks.end(), c.begin(), c.end()) &&
          std::equal(b.values.begin(), b.values.end(), v.begin(), v.end())) {
        profile_.weights_[i] += count;
        return;
      }
    }
  }
  profile_.marks_.insert(profile_.marks_.end(), c.begin(), c.end());
  profile_.values_.insert(profile_.values_.end(), v.begin(), v.end());
  profile_.offsets_.push_back(profile_.marks_.size());
  profile_.weights_.push_back(count);
  next_.push_back(claimed ? kNone : slot->second);
  slot->second = index;
}

void ProfileBuilder::NormalizedRows::clear() {
  marks.clear();
  values.clear();
  offsets.assign(1, 0);
  hashes.clear();
}

absl::Status ProfileBuilder::normalize_into(BallotView ballot, NormalizedRows& rows) {
  PARTICIPA_RETURN_IF_ERROR(normalize(ballot));
  rows.marks.insert(rows.marks.end(), scratch_marks_.begin(), scratch_marks_.end());
  rows.values.insert(rows.values.end(), scratch_values_.begin(), scratch_values_.end());
  rows.offsets.push_back(rows.marks.size());
  rows.hashes.push_back(profile_.content_hash(scratch_marks_, scratch_values_));
  return absl::OkStatus();
}

void ProfileBuilder::insert_rows(const NormalizedRows& rows, std::size_t begin, std::size_t end,
                                 std::span<const std::uint64_t> counts) {
  // Groups small enough that the slots asked for are still in cache when the lookups run.
  constexpr std::size_t kGroup = 64;
  const std::span<const Candidate> marks(rows.marks);
  const std::span<const std::int32_t> values(rows.values);
  for (std::size_t first = begin; first < end; first += kGroup) {
    const std::size_t last = std::min(end, first + kGroup);
    // Ask the memory for every lookup's index slot; then, for ballots already stored, for the
    // stored copy the comparison will read: its offset first, then its marks and values.
    for (std::size_t i = first; i < last; ++i) by_hash_.prefetch(rows.hashes[i]);
    batch_heads_.clear();
    for (std::size_t i = first; i < last; ++i) {
      auto it = by_hash_.find(rows.hashes[i]);
      batch_heads_.push_back(it == by_hash_.end() ? kNone : it->second);
      if (it != by_hash_.end()) __builtin_prefetch(&profile_.offsets_[it->second]);
    }
    for (std::uint32_t head : batch_heads_) {
      if (head == kNone) continue;
      const std::uint64_t at = profile_.offsets_[head];
      __builtin_prefetch(profile_.marks_.data() + at);
      if (!profile_.values_.empty()) __builtin_prefetch(profile_.values_.data() + at);
    }
    for (std::size_t i = first; i < last; ++i) {
      const std::uint64_t count = counts.empty() ? 1 : counts[i - begin];
      if (count == 0) continue;
      const std::size_t at = rows.offsets[i], size = rows.offsets[i + 1] - at;
      insert(marks.subspan(at, size), values.empty() ? values : values.subspan(at, size),
             rows.hashes[i], count);
    }
  }
}

absl::Status ProfileBuilder::add_batch(std::span<const BallotView> ballots,
                                       std::span<const std::uint64_t> counts,
                                       std::uint64_t first_row) {
  if (profile_.candidates_.empty()) {
    return absl::FailedPreconditionError(
        "the builder has no candidates; use ProfileBuilder::create");
  }
  if (counts.size() != ballots.size()) {
    return absl::InvalidArgumentError(
        str_cat(ballots.size(), " ballots but ", counts.size(), " counts"));
  }
  PARTICIPA_RETURN_IF_ERROR(check_total(profile_.total_weight_, counts));
  if (profile_.weights_.size() + ballots.size() >= kNone - 1) {
    return absl::OutOfRangeError("the profile holds the most distinct ballots it can");
  }
  batch_.clear();
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    absl::Status normalized = normalize_into(ballots[i], batch_);
    if (!normalized.ok()) {
      return absl::Status(normalized.code(),
                          str_cat("row ", first_row + i, ": ", normalized.message()));
    }
  }
  insert_rows(batch_, 0, ballots.size(), counts);
  return absl::OkStatus();
}

absl::StatusOr<Profile> ProfileBuilder::from_rows(std::vector<std::string> candidates,
                                                  BallotKind kind, std::size_t rows,
                                                  std::span<const std::uint64_t> weights,
                                                  std::size_t marks_hint, RowFill fill) {
  if (!weights.empty() && weights.size() != rows) {
    return absl::InvalidArgumentError(
        str_cat("there are ", weights.size(), " weights for ", rows, " ballots"));
  }
  PARTICIPA_RETURN_IF_ERROR(check_total(0, weights));
  if (rows >= kNone - 1) {
    return absl::OutOfRangeError(str_cat(rows, " ballots exceed what a profile can hold"));
  }
  PARTICIPA_ASSIGN_OR_RETURN(ProfileBuilder builder, create(std::move(candidates), kind));
  // A second builder over the same candidates checks and normalizes rows, so that it can do
  // so on another thread while `builder` inserts.
  ProfileBuilder checker = builder;
  // Room for every row to be distinct, so the arrays never move while they fill; what is not
  // used is given back at the end.
  builder.reserve(rows, marks_hint);

  constexpr std::size_t kChunk = 4096;
  auto produce = [&](std::size_t first, NormalizedRows& out) -> absl::Status {
    out.clear();
    std::vector<Candidate> marks;
    std::vector<std::int32_t> values;
    for (std::size_t r = first; r < std::min(rows, first + kChunk); ++r) {
      marks.clear();
      values.clear();
      PARTICIPA_RETURN_IF_ERROR(fill(r, marks, values));
      absl::Status normalized = checker.normalize_into({marks, values}, out);
      if (!normalized.ok()) {
        return absl::Status(normalized.code(), str_cat("row ", r, ": ", normalized.message()));
      }
    }
    return absl::OkStatus();
  };
  auto consume = [&](std::size_t first, const NormalizedRows& in) {
    const std::size_t count = in.hashes.size();
    builder.insert_rows(in, 0, count, weights.empty() ? weights : weights.subspan(first, count));
  };

  // Small inputs: one thread, chunk after chunk.
  constexpr std::size_t kParallelRows = 8 * kChunk;
  if (rows < kParallelRows || std::thread::hardware_concurrency() < 2) {
    NormalizedRows chunk;
    for (std::size_t first = 0; first < rows; first += kChunk) {
      PARTICIPA_RETURN_IF_ERROR(produce(first, chunk));
      consume(first, chunk);
    }
    return builder.build();
  }

  // Large inputs: a second thread checks and normalizes one chunk while this one inserts the
  // other.
  PARTICIPA_RETURN_IF_ERROR(in_two_threads<NormalizedRows>(
      (rows + kChunk - 1) / kChunk,
      [&](std::size_t k, NormalizedRows& out) { return produce(k * kChunk, out); },
      [&](std::size_t k, const NormalizedRows& in) { consume(k * kChunk, in); }));
  return builder.build();
}

absl::Status ProfileBuilder::add(BallotView ballot, std::uint64_t count) {
  if (profile_.candidates_.empty()) {
    return absl::FailedPreconditionError(
        "the builder has no candidates; use ProfileBuilder::create");
  }
  if (count == 0) return absl::OkStatus();
  if (profile_.total_weight_ + count < profile_.total_weight_) {
    return absl::OutOfRangeError("the profile's total weight would overflow 64 bits");
  }
  if (profile_.weights_.size() >= kNone - 1) {
    return absl::OutOfRangeError("the profile holds the most distinct ballots it can");
  }
  PARTICIPA_RETURN_IF_ERROR(normalize(ballot));
  insert(scratch_marks_, scratch_values_, profile_.content_hash(scratch_marks_, scratch_values_),
         count);
  return absl::OkStatus();
}

}  // namespace participa::tally
