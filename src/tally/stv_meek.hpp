// Meek's and Warren's iterative STV (B.L. Meek 1969; C.H.E. Warren 1994), as the parametric
// rule of the reference counter defines them: every round redistributes every ballot through
// the keep factors of the candidates still in the count until a candidate reaches the quota,
// the total surplus falls to omega or stops falling, or a batch of sure losers appears.
// Private to stv.cpp.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/core/run_control.hpp"
#include "participa/tally/stv.hpp"
#include "tally/stv_common.hpp"

namespace participa::tally::stv {

template <class Arithmetic>
class MeekCount {
 public:
  using Value = typename Arithmetic::Value;

  MeekCount(const Profile& profile, const Options& options, Arithmetic arithmetic,
            std::vector<Candidate> lot_order, Count count)
      : profile_(profile),
        options_(options),
        arithmetic_(std::move(arithmetic)),
        lot_order_(std::move(lot_order)),
        n_(profile.num_candidates()),
        standing_(n_, Standing::kHopeful),
        votes_(n_, arithmetic_.zero()),
        keep_(n_, arithmetic_.whole(1)),
        quota_(arithmetic_.zero()),
        residual_(arithmetic_.zero()),
        surplus_(arithmetic_.zero()),
        omega_(arithmetic_.zero()),
        one_(arithmetic_.whole(1)),
        count_(std::move(count)) {}

  // Cancelled when `control` stops the count, at a recount or while one adds up its paths.
  absl::StatusOr<Count> run(const RunControl& control) {
    checkpoint_.emplace(control, "the count");
    std::vector<Ranking> strict;
    for (std::size_t b = 0; b < profile_.num_distinct(); ++b) {
      const BallotView ballot = profile_.ballot(b);
      if (ballot.marks.empty()) continue;
      const std::uint64_t weight = profile_.weight(b);
      // The first preferences, shared equally among candidates ranked equal first (a strict
      // ranking stores no levels: one candidate is first).
      std::size_t first = 1;
      while (first < ballot.values.size() && ballot.values[first] == ballot.values[0]) ++first;
      if (first == 1) {
        votes_[ballot.marks[0]] += arithmetic_.whole(weight);
      } else {
        const Value share = arithmetic_.times(
            arithmetic_.divide(arithmetic_.whole(1), arithmetic_.whole(first)), weight);
        for (std::size_t i = 0; i < first; ++i) votes_[ballot.marks[i]] += share;
      }
      const Ballots ranked{ballot.marks, ballot.values, weight};
      if (ranked.strict()) {
        strict.push_back({ballot.marks, weight});
        strict_ballots_ += weight;
      } else {
        ballots_.push_back(ranked);
      }
    }
    build_tree(strict);
    omega_ =
        arithmetic_.divide(arithmetic_.whole(1), arithmetic_.whole(power_of_ten(count_.omega)));
    set_quota(arithmetic_.whole(count_.ballots));
    count_.quota = arithmetic_.text(quota_);
    record(Action::kBegin, {});
    while (hopeful().size() > seats_left() && seats_left() > 0) {
      ++round_;
      const Iteration status = iterate();
      if (!stopped_.ok()) return stopped_;
      Step& step = record(Action::kIterate, {});
      step.iteration = status;
      if (status == Iteration::kElected) continue;
      if (status == Iteration::kBatch) {
        for (Candidate c : batch_) {
          defeat(c, Action::kDefeatSureLoser);
          distribute();
        }
        continue;
      }
      defeat_lowest(status);
    }
    for (Candidate c : hopeful()) {
      if (elected_.size() < static_cast<std::size_t>(options_.seats)) {
        standing_[c] = Standing::kElected;
        elected_.push_back(c);
        record(Action::kElectRemaining, {c});
      } else {
        defeat(c, Action::kDefeatRemaining);
      }
      if (!prf()) distribute();
    }
    if (!stopped_.ok()) return stopped_;
    Value kept = arithmetic_.zero();
    for (Candidate c : elected_) kept += votes_[c];
    residual_ = arithmetic_.whole(count_.ballots) - kept;
    record(Action::kComplete, {});
    for (Candidate c : elected_) {
      count_.elected.push_back({c, profile_.candidates()[c], arithmetic_.text(votes_[c])});
    }
    return std::move(count_);
  }

 private:
  struct Ballots {
    std::span<const Candidate> ranking;
    std::span<const std::int32_t> ranks;  // equal numbers: ranked equal
    std::uint64_t count = 0;
    bool strict() const { return std::adjacent_find(ranks.begin(), ranks.end()) == ranks.end(); }
  };

  int cmp(const Value& a, const Value& b) const { return arithmetic_.compare(a, b); }
  std::size_t seats_left() const {
    return static_cast<std::size_t>(options_.seats) - elected_.size();
  }
  // The PR Foundation's Meek reference: fixed nine places with keeps rounded up, omega 10^-6
  // (strictly below), no sure-loser batches, and no recount after a defeat.
  bool prf() const { return options_.rule == Rule::kMeekPrf; }
  bool in_count(std::size_t c) const {
    return standing_[c] == Standing::kHopeful || standing_[c] == Standing::kElected;
  }

  std::vector<Candidate> hopeful() const { return hopeful_of(standing_); }

  // In exact arithmetic the quota is votes/(seats+1) and must be exceeded; otherwise it is
  // rounded up by the smallest unit and reaching it is enough.
  void set_quota(const Value& votes) {
    quota_ = arithmetic_.divide(votes,
                                arithmetic_.whole(static_cast<std::uint64_t>(options_.seats) + 1));
    if (!arithmetic_.exact()) quota_ += arithmetic_.unit();
  }
  bool has_quota(Candidate c) const {
    const int order = cmp(votes_[c], quota_);
    return arithmetic_.exact() ? order > 0 : order >= 0;
  }

  // Every ballot from the top: each candidate in the count keeps its share (Meek: weight × keep
  // factor; Warren: up to its keep factor) and passes on the rest.
  void distribute() {
    if (stopped_.ok()) stopped_ = checkpoint_->step(++recounts_);
    if (!stopped_.ok()) return;
    for (std::size_t c = 0; c < n_; ++c) {
      if (in_count(c)) votes_[c] = arithmetic_.zero();
    }
    if (arithmetic_.unbounded()) {
      count_paths();
      add_paths();
    } else {
      distribute_strict();
    }
    // What the strict ballots did not leave with a candidate (sums are exact).
    residual_ = arithmetic_.whole(strict_ballots_);
    for (std::size_t c = 0; c < n_; ++c) {
      if (in_count(c)) residual_ -= votes_[c];
    }
    for (const Ballots& b : ballots_) {
      Value left = arithmetic_.whole(b.count);
      share_from(b, 0, one_, left);
      residual_ += left;
    }
  }

  // Strict ballots sharing a prefix hold the same weight at every step of it, so they are
  // counted together, one node of a prefix tree per distinct prefix: the figures are the same
  // as ballot by ballot, with the arithmetic done once per node. The nodes are in depth-first
  // order, a node's subtree right after it, so a walk of the tree reads them forward and skips
  // a subtree in one step.
  struct Node {
    std::uint64_t ballots = 0;  // ballots whose ranking starts with the path to this node
    std::uint32_t end = 0;      // one past the last node of its subtree
    Candidate candidate = 0;
  };

  struct Ranking {
    std::span<const Candidate> candidates;
    std::uint64_t count = 0;
  };

  // The strict rankings packed into 64-bit words, candidate + 1 in `bits` bits per rank from the
  // top (0 past a ranking's end), so that comparing words compares rankings lexicographically:
  // sorting them is sorting integers.
  struct PackedRankings {
    int bits = 1;
    std::size_t per_word = 64;
    std::vector<std::size_t> offsets = {0};  // row r's words: [offsets[r], offsets[r + 1])
    std::vector<std::uint64_t> words;

    std::uint64_t word(std::size_t row, std::size_t w) const {
      const std::size_t at = offsets[row] + w;
      return at < offsets[row + 1] ? words[at] : 0;
    }
    void add(std::span<const Candidate> ranking) {
      for (std::size_t d = 0; d < ranking.size(); d += per_word) {
        words.push_back(pack(ranking.subspan(d, std::min(per_word, ranking.size() - d)), bits));
      }
      offsets.push_back(words.size());
    }
  };

  // One word of ranks, candidate + 1 in `bits` bits each from the top, zeros after them.
  static std::uint64_t pack(std::span<const Candidate> ranks, int bits) {
    std::uint64_t word = 0;
    for (std::size_t slot = 0; slot < ranks.size(); ++slot) {
      word |= std::uint64_t{ranks[slot] + 1} << (64 - bits * (slot + 1));
    }
    return word;
  }

  struct Keyed {
    std::uint64_t word;
    std::uint32_t row;
  };
  // Sorts rows[lo, hi), which agree on their words before `w`, by the rest: by word w, then each
  // run of rows equal there whose rankings go on past it by the next word.
  static void sort_rows(const PackedRankings& packed, std::vector<std::uint32_t>& rows,
                        std::vector<Keyed>& scratch, std::size_t lo, std::size_t hi,
                        std::size_t w) {
    for (std::size_t i = lo; i < hi; ++i) scratch[i] = {packed.word(rows[i], w), rows[i]};
    std::sort(scratch.begin() + static_cast<std::ptrdiff_t>(lo),
              scratch.begin() + static_cast<std::ptrdiff_t>(hi),
              [](const Keyed& a, const Keyed& b) { return a.word < b.word; });
    for (std::size_t i = lo; i < hi; ++i) rows[i] = scratch[i].row;
    const std::uint64_t last_slot =
        (1ULL << (64 - packed.bits * packed.per_word)) * ((1ULL << packed.bits) - 1);
    for (std::size_t i = lo; i < hi;) {
      std::size_t j = i + 1;
      while (j < hi && scratch[j].word == scratch[i].word) ++j;
      if (j - i > 1 && (scratch[i].word & last_slot) != 0) {
        sort_rows(packed, rows, scratch, i, j, w + 1);
      }
      i = j;
    }
  }

  // The tree of the strict rankings, read off them in lexicographic order: each ranking shares
  // a prefix with the one before it, closes the nodes past that prefix and opens its own.
  void build_tree(const std::vector<Ranking>& strict) {
    const int bits = static_cast<int>(std::bit_width(n_));
    const auto per_word = static_cast<std::size_t>(64 / bits);
    std::size_t marks = 0, longest = 0;
    for (const Ranking& r : strict) {
      marks += r.candidates.size();
      longest = std::max(longest, r.candidates.size());
    }
    nodes_.reserve(marks);
    std::vector<std::uint32_t> open;  // open[d]: the node at depth d on the current path
    if (longest <= per_word) {
      grow_from_words(strict, bits, longest, open);
    } else {
      grow_from_rows(strict, bits, per_word, open);
    }
    for (; !open.empty(); open.pop_back()) close(open.back());
  }

  // Adds a ranking that shares its first `shared` candidates with the one added before it.
  void extend(std::span<const Candidate> ranking, std::size_t shared, std::uint64_t count,
              std::vector<std::uint32_t>& open) {
    for (; open.size() > shared; open.pop_back()) close(open.back());
    for (std::size_t d = shared; d < ranking.size(); ++d) {
      open.push_back(static_cast<std::uint32_t>(nodes_.size()));
      nodes_.push_back({0, 0, ranking[d]});
    }
    for (std::uint32_t node : open) nodes_[node].ballots += count;
  }

  // Rankings of at most one word each (10 ranks of up to 63 candidates, 12 of up to 31): the
  // words are sorted with their ballots by a radix sort and the tree is read off them in
  // sequence, each ranking decoded from its word.
  void grow_from_words(const std::vector<Ranking>& strict, int bits, std::size_t longest,
                       std::vector<std::uint32_t>& open) {
    std::vector<Packed> packed(strict.size());
    for (std::size_t i = 0; i < strict.size(); ++i) {
      packed[i] = {pack(strict[i].candidates, bits), strict[i].count};
    }
    radix_sort(packed, bits * static_cast<int>(longest));
    const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
    std::vector<Candidate> ranking(longest);
    std::uint64_t previous = 0;
    std::size_t previous_length = 0;
    for (const Packed& p : packed) {
      std::size_t length = 0;
      for (; length < longest; ++length) {
        const std::uint64_t slot = (p.word >> (64 - bits * (length + 1))) & mask;
        if (slot == 0) break;
        ranking[length] = static_cast<Candidate>(slot - 1);
      }
      // The first slot where the words differ ends the shared prefix.
      const std::uint64_t differ = p.word ^ previous;
      const std::size_t first_difference =
          differ == 0 ? length : static_cast<std::size_t>(std::countl_zero(differ) / bits);
      extend({ranking.data(), length}, std::min({first_difference, length, previous_length}),
             p.count, open);
      previous = p.word;
      previous_length = length;
    }
  }

  struct Packed {
    std::uint64_t word;
    std::uint64_t count;
  };
  // Sorts by word, 11 bits a pass from the lowest of the top `used_bits` (the rest are zero);
  // each pass is stable, so the last leaves the words in order.
  static void radix_sort(std::vector<Packed>& items, int used_bits) {
    constexpr int kDigitBits = 11;
    std::vector<Packed> scratch(items.size());
    std::vector<std::size_t> starts(std::size_t{1} << kDigitBits);
    for (int low = 64 - used_bits; low < 64; low += kDigitBits) {
      const std::uint64_t digit_mask = (std::uint64_t{1} << kDigitBits) - 1;
      std::fill(starts.begin(), starts.end(), 0);
      for (const Packed& p : items) ++starts[(p.word >> low) & digit_mask];
      std::size_t total = 0;
      for (std::size_t& start : starts) total += std::exchange(start, total);
      for (const Packed& p : items) scratch[starts[(p.word >> low) & digit_mask]++] = p;
      items.swap(scratch);
    }
  }

  // Longer rankings: packed into as many words as they need, their rows sorted word by word,
  // and read in that order (out of storage order: those a few places ahead are fetched early).
  void grow_from_rows(const std::vector<Ranking>& strict, int bits, std::size_t per_word,
                      std::vector<std::uint32_t>& open) {
    PackedRankings packed;
    packed.bits = bits;
    packed.per_word = per_word;
    packed.offsets.reserve(strict.size() + 1);
    for (const Ranking& r : strict) packed.add(r.candidates);
    std::vector<std::uint32_t> order(strict.size());
    std::iota(order.begin(), order.end(), std::uint32_t{0});
    {
      std::vector<Keyed> scratch(strict.size());
      sort_rows(packed, order, scratch, 0, strict.size(), 0);
    }
    packed = PackedRankings();
    std::span<const Candidate> previous;
    constexpr std::size_t kAhead = 8;
    for (std::size_t k = 0; k < order.size(); ++k) {
      if (k + 2 * kAhead < order.size()) __builtin_prefetch(&strict[order[k + 2 * kAhead]]);
      if (k + kAhead < order.size()) {
        __builtin_prefetch(strict[order[k + kAhead]].candidates.data());
      }
      const Ranking& r = strict[order[k]];
      const auto shared = static_cast<std::size_t>(
          std::mismatch(r.candidates.begin(), r.candidates.end(), previous.begin(), previous.end())
              .first -
          r.candidates.begin());
      extend(r.candidates, shared, r.count, open);
      previous = r.candidates;
    }
  }

  void close(std::uint32_t node) { nodes_[node].end = static_cast<std::uint32_t>(nodes_.size()); }

  // A strict ballot's weight when it reaches a candidate depends only on the elected candidates
  // it passed on the way, in order (a defeated one passes it whole, a hopeful one keeps it
  // whole): each such sequence is a path, its weight worked out once, and the tree walk only
  // counts how many ballots reach each candidate along each path. Every figure is the one a
  // ballot-by-ballot walk gives, in any arithmetic: keeping from N ballots is N times keeping
  // from one, and sums are exact.
  struct Path {
    Value weight;
    std::vector<std::uint32_t> next;  // by elected candidate: the path after passing it
  };
  static constexpr std::uint32_t kUnseen = UINT32_MAX;
  static constexpr std::uint32_t kSpent = UINT32_MAX - 1;  // nothing is left to pass on

  // Below this many nodes to enter one thread walks the tree as fast as two: recounts cost
  // about 4 ns a node of the subtrees they enter (0.40 s for the 52 recounts of 1 M ballots,
  // which enter some 98 million), so 2^18 nodes take a millisecond, against 31 µs to start and
  // join a thread (both measured on the benchmark machine).
  static constexpr std::uint64_t kNodesForTwoThreads = std::uint64_t{1} << 18;

  // Fixed-point arithmetic walks the tree node by node: an operation is cheap, and counting
  // paths instead measured no faster (docs/benchmarks.md). A large tree is walked in two parts,
  // the second on a thread of its own summing into votes of its own: the first preferences
  // whose subtrees a recount enters (those of candidates that do not keep the whole ballot) are
  // dealt so that each part has about half of their nodes. Sums are exact, so the figures are
  // the same in any order.
  void distribute_strict() {
    const auto all = static_cast<std::uint32_t>(nodes_.size());
    auto entered = [&](std::uint32_t root) -> std::uint64_t {
      return keep_[nodes_[root].candidate] == one_ ? 0 : nodes_[root].end - root;
    };
    std::uint64_t total = 0;
    for (std::uint32_t root = 0; root < all; root = nodes_[root].end) total += entered(root);
    if (total < kNodesForTwoThreads || std::thread::hardware_concurrency() < 2) {
      descend(0, all, one_, votes_);
      return;
    }
    std::uint32_t middle = 0;
    for (std::uint64_t seen = 0; middle < all && 2 * seen < total; middle = nodes_[middle].end) {
      seen += entered(middle);
    }
    std::vector<Value> second(n_, arithmetic_.zero());
    std::thread helper([&] { descend(middle, all, one_, second); });
    descend(0, middle, one_, votes_);
    helper.join();
    for (std::size_t c = 0; c < n_; ++c) votes_[c] += second[c];
  }

  // The nodes [first, end) are siblings and their subtrees; what they keep is added to votes.
  void descend(std::uint32_t first, std::uint32_t end, const Value& weight,
               std::vector<Value>& votes) const {
    for (std::uint32_t i = first; i < end; i = nodes_[i].end) {
      const Node& node = nodes_[i];
      const Candidate c = node.candidate;
      if (keep_[c] == arithmetic_.zero()) {
        descend(i + 1, node.end, weight, votes);
        continue;
      }
      if (keep_[c] == one_) {  // a hopeful candidate keeps the whole ballot
        votes[c] += arithmetic_.times(weight, node.ballots);
        continue;
      }
      Value passed = weight;
      votes[c] += arithmetic_.times(take(c, passed), node.ballots);
      if (cmp(passed, arithmetic_.zero()) > 0) descend(i + 1, node.end, passed, votes);
    }
  }

  // Rationals count paths: one of their operations costs as much as thousands of tree steps.
  void add_paths() {
    for (std::uint32_t path = 0; path < paths_.size() && stopped_.ok(); ++path) {
      stopped_ = checkpoint_->step(recounts_);
      for (std::size_t c = 0; c < n_; ++c) {
        const std::uint64_t ballots = reaching_[path * n_ + c];
        if (ballots == 0) continue;
        Value passed = paths_[path].weight;
        votes_[c] += arithmetic_.times(
            keep_[c] == one_ ? passed : take(static_cast<Candidate>(c), passed), ballots);
      }
    }
  }

  void count_paths() {
    paths_.clear();
    reaching_.clear();
    add_path(one_);
    walk(0, static_cast<std::uint32_t>(nodes_.size()), 0);
  }

  std::uint32_t add_path(Value weight) {
    paths_.push_back({std::move(weight), std::vector<std::uint32_t>(n_, kUnseen)});
    reaching_.resize(paths_.size() * n_, 0);
    return static_cast<std::uint32_t>(paths_.size() - 1);
  }

  std::uint32_t after(std::uint32_t path, Candidate c) {
    std::uint32_t& next = paths_[path].next[c];
    if (next != kUnseen) return next;
    Value passed = paths_[path].weight;
    take(c, passed);
    const std::uint32_t made =
        cmp(passed, arithmetic_.zero()) > 0 ? add_path(std::move(passed)) : kSpent;
    paths_[path].next[c] = made;  // `next` may have moved with paths_
    return made;
  }

  void walk(std::uint32_t first, std::uint32_t end, std::uint32_t path) {
    for (std::uint32_t i = first; i < end; i = nodes_[i].end) {
      const Node& node = nodes_[i];
      const Candidate c = node.candidate;
      if (keep_[c] == arithmetic_.zero()) {
        walk(i + 1, node.end, path);
        continue;
      }
      reaching_[path * n_ + c] += node.ballots;
      if (keep_[c] == one_) continue;  // a hopeful candidate keeps the whole ballot
      const std::uint32_t next = after(path, c);
      if (next != kSpent) walk(i + 1, node.end, next);
    }
  }

  // What candidate c keeps of a ballot holding `weight`, which becomes what it passes on.
  Value take(Candidate c, Value& weight) const {
    Value keep = arithmetic_.zero();
    if (prf()) {
      keep = arithmetic_.multiply_up(weight, keep_[c]);
      weight = weight - keep;
    } else if (options_.rule == Rule::kWarren) {
      keep = cmp(keep_[c], weight) < 0 ? keep_[c] : weight;
      weight = weight - keep;
    } else {
      // weight × keep and weight × (1 − keep), each truncated.
      std::tie(keep, weight) = arithmetic_.split(weight, keep_[c]);
    }
    return keep;
  }

  // A ballot with equal rankings: the weight reaching a rank is split equally among the
  // candidates in the count ranked there, and what each passes on goes down to the next rank.
  void share_from(const Ballots& b, std::size_t begin, const Value& weight, Value& left) {
    std::size_t end = begin;
    while (end < b.ranks.size() && b.ranks[end] == b.ranks[begin]) ++end;
    std::vector<Candidate> here;
    for (std::size_t i = begin; i < end; ++i) {
      if (in_count(b.ranking[i])) here.push_back(b.ranking[i]);
    }
    if (here.empty()) {
      if (end < b.ranks.size()) share_from(b, end, weight, left);
      return;
    }
    const Value share = arithmetic_.divide(weight, arithmetic_.whole(here.size()));
    for (Candidate c : here) {
      Value passed = share;
      const Value kept = arithmetic_.times(take(c, passed), b.count);
      votes_[c] += kept;
      left -= kept;
      if (passed != arithmetic_.zero() && end < b.ranks.size()) share_from(b, end, passed, left);
    }
  }

  Iteration iterate() {
    Value last_surplus = arithmetic_.whole(count_.ballots);
    bool elected = false;
    while (true) {
      distribute();
      if (!stopped_.ok()) return Iteration::kStable;
      Value votes = arithmetic_.zero();
      for (std::size_t c = 0; c < n_; ++c) {
        if (in_count(c)) votes += votes_[c];
      }
      set_quota(votes);
      for (Candidate c : hopeful()) {
        if (!has_quota(c)) continue;
        standing_[c] = Standing::kElected;
        elected_.push_back(c);
        record(Action::kElect, {c});
        elected = true;
      }
      surplus_ = arithmetic_.zero();
      for (Candidate c : elected_) surplus_ += votes_[c] - quota_;
      if (prf() && cmp(surplus_, arithmetic_.zero()) < 0) surplus_ = arithmetic_.zero();
      if (elected) return Iteration::kElected;
      if (prf() ? cmp(surplus_, omega_) < 0 : cmp(surplus_, omega_) <= 0) {
        return Iteration::kOmega;
      }
      if (cmp(surplus_, last_surplus) >= 0) return Iteration::kStable;
      if (options_.defeat == Defeat::kBatch) {
        batch_ =
            sure_losers(by_votes(hopeful()), votes_, surplus_, arithmetic_.zero(), seats_left(),
                        [&](const Value& a, const Value& b) { return cmp(a, b); });
      }
      if (!batch_.empty()) {
        std::sort(batch_.begin(), batch_.end());
        return Iteration::kBatch;
      }
      last_surplus = surplus_;
      for (Candidate c : elected_) {
        // One elected with no votes at all (to fill the last seats) keeps her factor: nothing
        // reaches her to keep or pass on, and there is nothing to divide by.
        if (votes_[c] == arithmetic_.zero()) continue;
        keep_[c] = arithmetic_.divide_up(arithmetic_.multiply_up(keep_[c], quota_), votes_[c]);
      }
    }
  }

  std::vector<Candidate> by_votes(std::vector<Candidate> candidates) const {
    std::stable_sort(candidates.begin(), candidates.end(), [&](Candidate a, Candidate b) {
      const int order = cmp(votes_[a], votes_[b]);
      return order != 0 ? order < 0 : a < b;
    });
    return candidates;
  }

  // Everyone within the surplus of the lowest is as good as tied with it; lot decides.
  void defeat_lowest(Iteration why) {
    const std::vector<Candidate> continuing = hopeful();
    Value low = votes_[continuing.front()];
    for (Candidate c : continuing) {
      if (votes_[c] < low) low = votes_[c];
    }
    std::vector<Candidate> tied;
    for (Candidate c : continuing) {
      if (cmp(low + surplus_, votes_[c]) >= 0) tied.push_back(c);
    }
    const Candidate loser = first_by_lot(lot_order_, tied);
    if (tied.size() > 1) {
      Step& step = record(Action::kBreakTieByLot, {loser});
      step.tie = lot_tie(step.round, tied, loser, TiePurpose::kElimination);
    }
    Step& step = defeat(loser, Action::kDefeatLowest);
    step.iteration = why;
    step.amount = arithmetic_.text(surplus_);
    if (!prf()) distribute();
  }

  // The defeated candidate's votes stay on the record of its defeat, then leave the count.
  Step& defeat(Candidate c, Action action) {
    standing_[c] = Standing::kDefeated;
    count_.defeated.push_back(c);
    const std::size_t index = count_.steps.size();
    record(action, {c});
    keep_[c] = arithmetic_.zero();
    votes_[c] = arithmetic_.zero();
    return count_.steps[index];
  }

  Step& record(Action action, std::vector<Candidate> candidates) {
    Step step;
    step.round = round_;
    step.action = action;
    step.candidates = std::move(candidates);
    step.quota = arithmetic_.text(quota_);
    Value all = arithmetic_.zero();
    Value elected = arithmetic_.zero();
    Value hopeful_votes = arithmetic_.zero();
    Value defeated = arithmetic_.zero();
    for (std::size_t c = 0; c < n_; ++c) {
      step.standings.push_back({standing_[c], arithmetic_.text(votes_[c]), ""});
      all += votes_[c];
      (standing_[c] == Standing::kElected   ? elected
       : standing_[c] == Standing::kHopeful ? hopeful_votes
                                            : defeated) += votes_[c];
      if (in_count(c) && keep_[c] != one_) {
        step.keep_factors.push_back({static_cast<Candidate>(c), arithmetic_.text(keep_[c])});
      }
    }
    step.totals = {.elected = arithmetic_.text(elected),
                   .pending = arithmetic_.text(arithmetic_.zero()),
                   .hopeful = arithmetic_.text(hopeful_votes),
                   .defeated = arithmetic_.text(defeated),
                   .all = arithmetic_.text(all)};
    step.residual = arithmetic_.text(residual_);
    step.surplus = arithmetic_.text(surplus_);
    count_.steps.push_back(std::move(step));
    return count_.steps.back();
  }

  const Profile& profile_;
  const Options& options_;
  Arithmetic arithmetic_;
  std::vector<Candidate> lot_order_;
  std::size_t n_;
  std::vector<Standing> standing_;
  std::vector<Value> votes_;
  std::vector<Value> keep_;       // 1 while hopeful, lowered once elected, 0 once defeated
  std::vector<Ballots> ballots_;  // those that rank some candidates equal, one by one
  std::vector<Node> nodes_;       // the prefix tree of the strict ballots
  std::vector<Path> paths_;
  std::vector<std::uint64_t> reaching_;  // [path * n_ + c]: ballots reaching c along path
  std::uint64_t strict_ballots_ = 0;
  std::vector<Candidate> elected_;
  std::vector<Candidate> batch_;
  Value quota_;
  Value residual_;
  Value surplus_;
  Value omega_;
  Value one_;
  int round_ = 0;
  Count count_;
  std::optional<Checkpoint> checkpoint_;
  std::uint64_t recounts_ = 0;
  absl::Status stopped_;  // Cancelled once the control has stopped the count
};

}  // namespace participa::tally::stv
