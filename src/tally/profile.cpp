#include "participa/tally/profile.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstring>
#include <mutex>
#include <numeric>
#include <thread>

#include "absl/container/flat_hash_set.h"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"

namespace participa::tally {
namespace {

constexpr std::uint32_t kNone = 0xFFFFFFFFu;

inline std::uint64_t mix(std::uint64_t h, std::uint64_t x) {
  h ^= x + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 31);
}

}  // namespace

struct Profile::DigestCache {
  std::once_flag once;
  std::atomic<bool> computed{false};
  Digest value;
};

void Profile::will_change() {
  // Copies share the cache until one changes; a changing profile takes a fresh one.
  if (digest_cache_ && (digest_cache_.use_count() != 1 || digest_cache_->computed.load())) {
    digest_cache_ = std::make_shared<DigestCache>();
  }
}

absl::StatusOr<Profile> Profile::create(std::vector<std::string> candidates, BallotKind kind) {
  if (candidates.size() > kMaxCandidates) {
    return absl::OutOfRangeError(
        str_cat(candidates.size(), " candidates exceed the limit of ", kMaxCandidates));
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
  Profile p;
  p.kind_ = kind;
  p.candidates_ = std::move(candidates);
  p.seen_.assign(p.candidates_.size(), 0);
  p.digest_cache_ = std::make_shared<DigestCache>();
  return p;
}

void Profile::reserve(std::size_t distinct, std::size_t marks) {
  offsets_.reserve(distinct + 1);
  weights_.reserve(distinct);
  next_.reserve(distinct);
  marks_.reserve(marks);
  if (has_values(kind_)) values_.reserve(marks);
  // Growing the index would rehash every entry each time it doubles.
  by_hash_.reserve(distinct);
}

void Profile::shrink_to_fit() {
  // Only a quarter or more unused is worth a copy.
  auto shrink = [](auto& v) {
    if (v.capacity() > v.size() + v.size() / 4) v.shrink_to_fit();
  };
  shrink(offsets_);
  shrink(weights_);
  shrink(next_);
  shrink(marks_);
  shrink(values_);
  if (by_hash_.capacity() > 4 * by_hash_.size()) by_hash_.rehash(0);
}

std::uint64_t Profile::hash_marks(std::span<const Candidate> c,
                                  std::span<const std::int32_t> v) const {
  std::uint64_t h = c.size();
  for (std::size_t i = 0; i < c.size(); ++i) {
    std::uint64_t value = v.empty() ? 0 : static_cast<std::uint32_t>(v[i]);
    h = mix(h, std::uint64_t{c[i]} | value << 32);
  }
  return h;
}

std::int64_t Profile::find(std::span<const Candidate> c, std::span<const std::int32_t> v,
                           std::uint64_t hash) const {
  auto it = by_hash_.find(hash);
  if (it == by_hash_.end()) return -1;
  for (std::uint32_t i = it->second; i != kNone; i = next_[i]) {
    BallotView b = ballot(i);
    if (std::equal(b.marks.begin(), b.marks.end(), c.begin(), c.end()) &&
        std::equal(b.values.begin(), b.values.end(), v.begin(), v.end())) {
      return i;
    }
  }
  return -1;
}

absl::Status Profile::normalize(BallotView ballot) {
  const std::size_t n = candidates_.size();
  const std::size_t size = ballot.marks.size();
  if (size > n) {
    return absl::InvalidArgumentError(
        str_cat("a ballot with ", size, " marks cannot fit ", n, " candidates"));
  }
  const bool values = has_values(kind_);
  if (!values && !ballot.values.empty()) {
    return absl::InvalidArgumentError(str_cat(to_string(kind_), " ballots carry no values"));
  }
  if (values && !ballot.values.empty() && ballot.values.size() != size) {
    return absl::InvalidArgumentError(
        str_cat("a ballot has ", size, " marks but ", ballot.values.size(), " values"));
  }
  if ((kind_ == BallotKind::kScore || kind_ == BallotKind::kCumulative) &&
      ballot.values.size() != size) {
    return absl::InvalidArgumentError("a score ballot needs a value for every mark");
  }
  if (kind_ == BallotKind::kSingleChoice && size > 1) {
    return absl::InvalidArgumentError(
        str_cat("a single-choice ballot marks ", size, " candidates"));
  }
  if (++seen_epoch_ == 0) {
    std::fill(seen_.begin(), seen_.end(), 0);
    seen_epoch_ = 1;
  }
  for (std::size_t i = 0; i < size; ++i) {
    Candidate c = ballot.marks[i];
    if (c >= n) {
      return absl::InvalidArgumentError(str_cat("unknown candidate #", c, " (there are ", n, ")"));
    }
    if (seen_[c] == seen_epoch_) {
      return absl::InvalidArgumentError(str_cat("a ballot marks '", candidates_[c], "' twice"));
    }
    seen_[c] = seen_epoch_;
    if (kind_ == BallotKind::kRanked && !ballot.values.empty() && i > 0 &&
        ballot.values[i] < ballot.values[i - 1]) {
      return absl::InvalidArgumentError(
          str_cat("a ballot's ranks are out of order at '", candidates_[c], "'"));
    }
  }

  scratch_marks_.assign(ballot.marks.begin(), ballot.marks.end());
  scratch_values_.clear();
  if (kind_ == BallotKind::kRanked && ballot.values.empty()) {
    // A strict order: one candidate per level, nothing to sort.
    scratch_values_.resize(size);
    std::iota(scratch_values_.begin(), scratch_values_.end(), 0);
  } else if (kind_ == BallotKind::kRanked) {
    scratch_values_.resize(size);
    std::int32_t level = -1;
    for (std::size_t i = 0; i < size; ++i) {
      bool new_level = ballot.values.empty() || i == 0 || ballot.values[i] != ballot.values[i - 1];
      if (new_level) ++level;
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
  } else if (values) {
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
  return absl::OkStatus();
}

void Profile::insert_normalized(std::uint64_t count) {
  insert(scratch_marks_, scratch_values_, hash_marks(scratch_marks_, scratch_values_), count);
}

void Profile::insert(std::span<const Candidate> c, std::span<const std::int32_t> v, std::uint64_t h,
                     std::uint64_t count) {
  total_weight_ += count;
  const auto index = static_cast<std::uint32_t>(weights_.size());
  // One probe: claim the hash for a new ballot, or learn which stored ballots share it.
  auto [slot, claimed] = by_hash_.try_emplace(h, index);
  if (!claimed) {
    for (std::uint32_t i = slot->second; i != kNone; i = next_[i]) {
      BallotView b = ballot(i);
      if (std::equal(b.marks.begin(), b.marks.end(), c.begin(), c.end()) &&
          std::equal(b.values.begin(), b.values.end(), v.begin(), v.end())) {
        weights_[i] += count;
        return;
      }
    }
  }
  if (kind_ == BallotKind::kRanked) {
    for (std::size_t k = 1; k < v.size() && !equal_ranks_; ++k) {
      equal_ranks_ = v[k] == v[k - 1];
    }
  }
  marks_.insert(marks_.end(), c.begin(), c.end());
  values_.insert(values_.end(), v.begin(), v.end());
  offsets_.push_back(marks_.size());
  weights_.push_back(count);
  next_.push_back(claimed ? kNone : slot->second);
  slot->second = index;
}

void Profile::NormalizedRows::clear() {
  marks.clear();
  values.clear();
  offsets.assign(1, 0);
  hashes.clear();
}

absl::Status Profile::normalize_into(BallotView ballot, NormalizedRows& rows) {
  PARTICIPA_RETURN_IF_ERROR(normalize(ballot));
  rows.marks.insert(rows.marks.end(), scratch_marks_.begin(), scratch_marks_.end());
  rows.values.insert(rows.values.end(), scratch_values_.begin(), scratch_values_.end());
  rows.offsets.push_back(rows.marks.size());
  rows.hashes.push_back(hash_marks(scratch_marks_, scratch_values_));
  return absl::OkStatus();
}

void Profile::insert_rows(const NormalizedRows& rows, std::size_t begin, std::size_t end,
                          std::span<const std::uint64_t> counts) {
  // Groups small enough that the slots asked for are still in cache when the lookups run.
  constexpr std::size_t kGroup = 64;
  will_change();
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
      if (it != by_hash_.end()) __builtin_prefetch(&offsets_[it->second]);
    }
    for (std::uint32_t head : batch_heads_) {
      if (head == kNone) continue;
      __builtin_prefetch(marks_.data() + offsets_[head]);
      if (!values_.empty()) __builtin_prefetch(values_.data() + offsets_[head]);
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

namespace {

absl::Status check_total(std::uint64_t total, std::span<const std::uint64_t> counts) {
  for (std::uint64_t count : counts) {
    if (total + count < total) {
      return absl::OutOfRangeError("the profile's total weight would overflow 64 bits");
    }
    total += count;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Profile::add_batch(std::span<const BallotView> ballots,
                                std::span<const std::uint64_t> counts, std::uint64_t first_row) {
  if (candidates_.empty()) {
    return absl::FailedPreconditionError("the profile has no candidates; use Profile::create");
  }
  if (counts.size() != ballots.size()) {
    return absl::InvalidArgumentError(
        str_cat(ballots.size(), " ballots but ", counts.size(), " counts"));
  }
  PARTICIPA_RETURN_IF_ERROR(check_total(total_weight_, counts));
  if (weights_.size() + ballots.size() >= kNone - 1) {
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

absl::StatusOr<Profile> Profile::from_rows(std::vector<std::string> candidates, BallotKind kind,
                                           std::size_t rows, std::span<const std::uint64_t> weights,
                                           std::size_t marks_hint, RowFill fill) {
  if (!weights.empty() && weights.size() != rows) {
    return absl::InvalidArgumentError(
        str_cat("there are ", weights.size(), " weights for ", rows, " ballots"));
  }
  PARTICIPA_RETURN_IF_ERROR(check_total(0, weights));
  if (rows >= kNone - 1) {
    return absl::OutOfRangeError(str_cat(rows, " ballots exceed what a profile can hold"));
  }
  PARTICIPA_ASSIGN_OR_RETURN(Profile profile, create(std::move(candidates), kind));
  // A second profile over the same candidates checks and normalizes rows, so that it can do
  // so on another thread while `profile` inserts.
  Profile checker = profile;
  // Room for every row to be distinct, so the arrays never move while they fill; what is not
  // used is given back at the end.
  profile.reserve(rows, marks_hint);

  constexpr std::size_t kChunk = 1024;
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
    profile.insert_rows(in, 0, count, weights.empty() ? weights : weights.subspan(first, count));
  };

  // Small inputs: one thread, chunk after chunk.
  constexpr std::size_t kParallelRows = 8 * kChunk;
  if (rows < kParallelRows || std::thread::hardware_concurrency() < 2) {
    NormalizedRows chunk;
    for (std::size_t first = 0; first < rows; first += kChunk) {
      PARTICIPA_RETURN_IF_ERROR(produce(first, chunk));
      consume(first, chunk);
    }
    profile.shrink_to_fit();
    return profile;
  }

  // Large inputs: a second thread fills one chunk while this one inserts the other. A slot is
  // `ready` from when the producer has filled it until the consumer has inserted it.
  struct Slot {
    NormalizedRows rows;
    absl::Status status;
    std::atomic<bool> ready{false};
  };
  Slot slots[2];
  std::atomic<bool> stop{false};
  std::thread producer([&] {
    for (std::size_t k = 0, first = 0; first < rows; ++k, first += kChunk) {
      Slot& slot = slots[k % 2];
      slot.ready.wait(true);
      if (stop.load()) return;
      try {
        slot.status = produce(first, slot.rows);
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
  for (std::size_t k = 0, first = 0; first < rows; ++k, first += kChunk) {
    Slot& slot = slots[k % 2];
    slot.ready.wait(false);
    PARTICIPA_RETURN_IF_ERROR(slot.status);
    consume(first, slot.rows);
    slot.ready.store(false);
    slot.ready.notify_one();
  }
  profile.shrink_to_fit();
  return profile;
}

absl::Status Profile::add(BallotView ballot, std::uint64_t count) {
  if (candidates_.empty()) {
    return absl::FailedPreconditionError("the profile has no candidates; use Profile::create");
  }
  if (count == 0) return absl::OkStatus();
  if (total_weight_ + count < total_weight_) {
    return absl::OutOfRangeError("the profile's total weight would overflow 64 bits");
  }
  if (weights_.size() >= kNone - 1) {
    return absl::OutOfRangeError("the profile holds the most distinct ballots it can");
  }
  PARTICIPA_RETURN_IF_ERROR(normalize(ballot));
  will_change();
  insert_normalized(count);
  return absl::OkStatus();
}

bool Profile::compatible(const Profile& other) const {
  if (candidates_.empty() || other.candidates_.empty()) return true;
  return kind_ == other.kind_ && candidates_ == other.candidates_;
}

absl::Status Profile::merge(const Profile& other) {
  if (!compatible(other)) {
    return absl::InvalidArgumentError(
        str_cat("cannot merge a ", to_string(other.kind_), " profile of ", other.num_candidates(),
                " candidates into a ", to_string(kind_), " profile of ", num_candidates(),
                " with other candidates"));
  }
  if (total_weight_ + other.total_weight_ < total_weight_) {
    return absl::OutOfRangeError("the merged total weight would overflow 64 bits");
  }
  *this += other;
  return absl::OkStatus();
}

Profile& Profile::operator+=(const Profile& other) {
  PARTICIPA_DCHECK(compatible(other));
  if (other.candidates_.empty()) return *this;
  if (candidates_.empty()) {
    *this = other;
    return *this;
  }
  will_change();
  for (std::size_t i = 0; i < other.num_distinct(); ++i) {
    BallotView b = other.ballot(i);
    scratch_marks_.assign(b.marks.begin(), b.marks.end());
    scratch_values_.assign(b.values.begin(), b.values.end());
    insert_normalized(other.weights_[i]);
  }
  return *this;
}

namespace {

bool ballot_less(const BallotView& a, const BallotView& b) {
  if (std::lexicographical_compare(a.marks.begin(), a.marks.end(), b.marks.begin(),
                                   b.marks.end())) {
    return true;
  }
  if (!std::equal(a.marks.begin(), a.marks.end(), b.marks.begin(), b.marks.end())) {
    return false;
  }
  return std::lexicographical_compare(a.values.begin(), a.values.end(), b.values.begin(),
                                      b.values.end());
}

// The digest's encoding is little-endian whatever the machine.
template <class T>
T little_endian(T v) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8);
  if constexpr (std::endian::native == std::endian::big) {
    if constexpr (sizeof(T) == 8) return __builtin_bswap64(v);
    return __builtin_bswap32(v);
  }
  return v;
}

// The canonical order of distinct ballots: by their 64-bit content hash (defined in
// hash_marks, pure integer arithmetic, the same on every platform), ties in the hash by the
// ballots' lexicographic order. It depends on the ballots alone, never on insertion order.
// Hashes are uniform, so the (hash, index) pairs are dealt into buckets by their top bits, in
// one pass, and each small bucket is sorted in cache; a comparison sort through the indices
// waited on memory at every comparison.
std::vector<std::uint32_t> canonical_order(const Profile& p,
                                           const std::vector<std::uint64_t>& hashes) {
  struct Keyed {
    std::uint64_t hash;
    std::uint32_t index;
  };
  const std::size_t n = p.num_distinct();
  const int bucket_bits = std::clamp(static_cast<int>(std::bit_width(n / 4)), 1, 20);
  const int shift = 64 - bucket_bits;
  std::vector<std::uint32_t> starts((std::size_t{1} << bucket_bits) + 1, 0);
  for (std::uint64_t h : hashes) ++starts[(h >> shift) + 1];
  for (std::size_t b = 1; b < starts.size(); ++b) starts[b] += starts[b - 1];
  std::vector<Keyed> keyed(n);
  {
    std::vector<std::uint32_t> next(starts.begin(), starts.end() - 1);
    for (std::size_t i = 0; i < n; ++i) {
      keyed[next[hashes[i] >> shift]++] = {hashes[i], static_cast<std::uint32_t>(i)};
    }
  }
  // Equal hashes (distinct ballots colliding) are ordered by content.
  auto before = [&](const Keyed& a, const Keyed& b) {
    if (a.hash != b.hash) return a.hash < b.hash;
    return ballot_less(p.ballot(a.index), p.ballot(b.index));
  };
  for (std::size_t b = 0; b + 1 < starts.size(); ++b) {
    if (starts[b + 1] - starts[b] > 1) {
      std::sort(keyed.begin() + starts[b], keyed.begin() + starts[b + 1], before);
    }
  }
  std::vector<std::uint32_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = keyed[i].index;
  return order;
}

}  // namespace

Profile Profile::canonical() const {
  Profile out;
  out.kind_ = kind_;
  out.candidates_ = candidates_;
  out.seen_.assign(candidates_.size(), 0);
  out.digest_cache_ = std::make_shared<DigestCache>();
  out.reserve(num_distinct(), marks_.size());
  for (std::size_t i : canonical_order(*this, distinct_hashes())) {
    BallotView b = ballot(i);
    out.scratch_marks_.assign(b.marks.begin(), b.marks.end());
    out.scratch_values_.assign(b.values.begin(), b.values.end());
    out.insert_normalized(weights_[i]);
  }
  return out;
}

Digest Profile::digest() const {
  if (!digest_cache_) return compute_digest();
  std::call_once(digest_cache_->once, [this] {
    digest_cache_->value = compute_digest();
    digest_cache_->computed.store(true);
  });
  return digest_cache_->value;
}

std::vector<std::uint64_t> Profile::distinct_hashes() const {
  std::vector<std::uint64_t> hashes(num_distinct());
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    BallotView b = ballot(i);
    hashes[i] = hash_marks(b.marks, b.values);
  }
  return hashes;
}

namespace {

// The encoding of the ballots order[begin, end) into bytes (grown as needed); returns its size.
// Ballots are read out of storage order, so those a few places ahead are fetched early.
std::size_t encode_ballots(const Profile& p, const std::vector<std::uint32_t>& order,
                           std::size_t begin, std::size_t end, std::vector<std::uint8_t>& bytes) {
  // Sizing the chunk first also brings its ballots' offsets into cache for the pass below:
  // growing the buffer as it fills instead measured 190 against 165 ms on 1M ballots.
  std::size_t need = 0;
  for (std::size_t k = begin; k < end; ++k) need += 12 + 8 * p.ballot(order[k]).marks.size();
  if (bytes.size() < need) bytes.resize(need);
  std::uint8_t* out = bytes.data();
  auto put = [&](auto v) {
    v = little_endian(v);
    std::memcpy(out, &v, sizeof v);
    out += sizeof v;
  };
  constexpr std::size_t kAhead = 8;
  for (std::size_t k = begin; k < end; ++k) {
    if (k + kAhead < end) {
      const BallotView ahead = p.ballot(order[k + kAhead]);
      __builtin_prefetch(ahead.marks.data());
      __builtin_prefetch(ahead.values.data());
      __builtin_prefetch(&p.weights()[order[k + kAhead]]);
    }
    const std::size_t i = order[k];
    const BallotView b = p.ballot(i);
    put(std::uint64_t{p.weight(i)});
    put(static_cast<std::uint32_t>(b.marks.size()));
    for (std::size_t m = 0; m < b.marks.size(); ++m) {
      put(std::uint32_t{b.marks[m]});
      put(b.values.empty() ? std::uint32_t{0} : static_cast<std::uint32_t>(b.values[m]));
    }
  }
  return need;
}

// Hashes the encoding of every ballot in `order`, chunk after chunk. On large profiles a second
// thread encodes one chunk while this one hashes the other (SHA-256 is about half the work); a
// slot is `ready` from when the encoder has filled it until it has been hashed.
void hash_ballots(const Profile& p, const std::vector<std::uint32_t>& order, Sha256& h) {
  constexpr std::size_t kChunk = 1024;
  auto hash = [&](const std::vector<std::uint8_t>& bytes, std::size_t size) {
    h.update(std::span<const std::uint8_t>(bytes.data(), size));
  };
  if (order.size() < 16 * kChunk || std::thread::hardware_concurrency() < 2) {
    std::vector<std::uint8_t> bytes;
    for (std::size_t begin = 0; begin < order.size(); begin += kChunk) {
      hash(bytes, encode_ballots(p, order, begin, std::min(begin + kChunk, order.size()), bytes));
    }
    return;
  }
  struct Slot {
    std::vector<std::uint8_t> bytes;
    std::size_t size = 0;
    bool failed = false;
    std::atomic<bool> ready{false};
  };
  Slot slots[2];
  std::atomic<bool> stop{false};
  std::thread encoder([&] {
    for (std::size_t k = 0, begin = 0; begin < order.size(); ++k, begin += kChunk) {
      Slot& slot = slots[k % 2];
      slot.ready.wait(true);
      if (stop.load()) return;
      try {
        slot.size =
            encode_ballots(p, order, begin, std::min(begin + kChunk, order.size()), slot.bytes);
      } catch (const std::bad_alloc&) {
        slot.failed = true;
      }
      slot.ready.store(true);
      slot.ready.notify_one();
      if (slot.failed) return;
    }
  });
  bool failed = false;
  for (std::size_t k = 0, begin = 0; begin < order.size() && !failed; ++k, begin += kChunk) {
    Slot& slot = slots[k % 2];
    slot.ready.wait(false);
    failed = slot.failed;
    if (!failed) hash(slot.bytes, slot.size);
    slot.ready.store(false);
    slot.ready.notify_one();
  }
  stop.store(true);
  for (Slot& slot : slots) {
    slot.ready.store(false);
    slot.ready.notify_one();
  }
  encoder.join();
  if (failed) throw std::bad_alloc();
}

}  // namespace

Digest Profile::compute_digest() const {
  // Canonical encoding, little-endian: the header, then per distinct ballot in canonical order
  // its weight (u64), mark count (u32) and each mark as candidate (u32) and value (i32).
  Sha256 h;
  h.update("participa.tally.Profile.v1");
  h.update(to_string(kind_));
  h.update_u64(candidates_.size());
  for (const auto& name : candidates_) {
    h.update_u64(name.size());
    h.update(name);
  }
  h.update_u64(num_distinct());
  hash_ballots(*this, canonical_order(*this, distinct_hashes()), h);
  return h.finish();
}

bool operator==(const Profile& a, const Profile& b) {
  if (a.kind_ != b.kind_ || a.candidates_ != b.candidates_ || a.total_weight_ != b.total_weight_ ||
      a.num_distinct() != b.num_distinct()) {
    return false;
  }
  for (std::size_t i = 0; i < a.num_distinct(); ++i) {
    BallotView v = a.ballot(i);
    std::int64_t j = b.find(v.marks, v.values, b.hash_marks(v.marks, v.values));
    if (j < 0 || b.weights_[static_cast<std::size_t>(j)] != a.weights_[i]) return false;
  }
  return true;
}

}  // namespace participa::tally
