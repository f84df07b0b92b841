// Meek's and Warren's iterative STV (B.L. Meek 1969; C.H.E. Warren 1994), as the parametric
// rule of the reference counter defines them: every round redistributes every ballot through
// the keep factors of the candidates still in the count until a candidate reaches the quota,
// the total surplus falls to omega or stops falling, or a batch of sure losers appears.
// Private to stv.cpp.
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <vector>

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

  Count run() {
    for (std::size_t b = 0; b < profile_.num_distinct(); ++b) {
      const BallotView ballot = profile_.ballot(b);
      if (ballot.marks.empty()) continue;
      ballots_.push_back({ballot.marks, ballot.values, profile_.weight(b)});
      // The first preferences, shared equally among candidates ranked equal first (a strict
      // ranking stores no levels: one candidate is first).
      std::size_t first = 1;
      while (first < ballot.values.size() && ballot.values[first] == ballot.values[0]) ++first;
      const Value share = arithmetic_.times(
          arithmetic_.divide(arithmetic_.whole(1), arithmetic_.whole(first)), profile_.weight(b));
      for (std::size_t i = 0; i < first; ++i) votes_[ballot.marks[i]] += share;
    }
    build_tree();
    omega_ =
        arithmetic_.divide(arithmetic_.whole(1), arithmetic_.whole(power_of_ten(count_.omega)));
    set_quota(arithmetic_.whole(count_.ballots));
    count_.quota = arithmetic_.text(quota_);
    record(Action::kBegin, {});
    while (hopeful().size() > seats_left() && seats_left() > 0) {
      ++round_;
      const Iteration status = iterate();
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
    for (std::size_t c = 0; c < n_; ++c) {
      if (in_count(c)) votes_[c] = arithmetic_.zero();
    }
    residual_ = arithmetic_.whole(strict_ballots_);
    if (arithmetic_.unbounded()) {
      count_paths();
      add_paths();
    } else {
      descend(0, roots_, one_);
    }
    for (const Ballots& b : ballots_) {
      if (b.strict()) continue;
      Value left = arithmetic_.whole(b.count);
      share_from(b, 0, one_, left);
      residual_ += left;
    }
  }

  // Strict ballots sharing a prefix hold the same weight at every step of it, so they are
  // counted together, one node of a prefix tree per distinct prefix: the figures are the same
  // as ballot by ballot, with the arithmetic done once per node.
  struct Node {
    Candidate candidate = 0;
    std::uint64_t ballots = 0;  // ballots whose ranking starts with the path to this node
    std::uint32_t first_child = 0;
    std::uint32_t children = 0;
  };

  void build_tree() {
    std::vector<std::size_t> strict;
    std::size_t width = 0, marks = 0;
    for (std::size_t i = 0; i < ballots_.size(); ++i) {
      if (!ballots_[i].strict()) continue;
      strict.push_back(i);
      width = std::max(width, ballots_[i].ranking.size());
      marks += ballots_[i].ranking.size();
      strict_ballots_ += ballots_[i].count;
    }
    // Rankings of very unequal lengths would pad a matrix beyond twice their size: those are
    // sorted in place, by comparison (droop's test elections take both ways).
    if (strict.size() * width > 2 * marks) {
      std::sort(strict.begin(), strict.end(), [&](std::size_t a, std::size_t b) {
        return std::lexicographical_compare(ballots_[a].ranking.begin(), ballots_[a].ranking.end(),
                                            ballots_[b].ranking.begin(), ballots_[b].ranking.end());
      });
      link_levels(
          strict.size(),
          [&](std::size_t row, std::size_t depth) -> std::uint32_t {
            const auto ranking = ballots_[strict[row]].ranking;
            return depth < ranking.size() ? ranking[depth] + 1 : 0;
          },
          [&](std::size_t row) { return ballots_[strict[row]].count; });
      return;
    }
    // One row per ranking, candidate + 1 per cell and 0 past its end, sorted column by column
    // from the last (a stable counting sort each): the rankings in lexicographic order, a
    // prefix before its extensions, read in sequence afterwards.
    const std::size_t rows = strict.size();
    std::vector<std::uint32_t> cells(rows * width, 0), sorted(rows * width);
    std::vector<std::uint64_t> weights(rows), sorted_weights(rows);
    for (std::size_t row = 0; row < rows; ++row) {
      const Ballots& b = ballots_[strict[row]];
      for (std::size_t d = 0; d < b.ranking.size(); ++d) cells[row * width + d] = b.ranking[d] + 1;
      weights[row] = b.count;
    }
    std::vector<std::size_t> start(n_ + 2);
    for (std::size_t column = width; column-- > 0;) {
      std::fill(start.begin(), start.end(), 0);
      for (std::size_t row = 0; row < rows; ++row) ++start[cells[row * width + column] + 1];
      for (std::size_t k = 1; k < start.size(); ++k) start[k] += start[k - 1];
      for (std::size_t row = 0; row < rows; ++row) {
        const std::size_t to = start[cells[row * width + column]]++;
        std::copy_n(cells.begin() + static_cast<std::ptrdiff_t>(row * width), width,
                    sorted.begin() + static_cast<std::ptrdiff_t>(to * width));
        sorted_weights[to] = weights[row];
      }
      cells.swap(sorted);
      weights.swap(sorted_weights);
    }
    link_levels(
        rows,
        [&](std::size_t row, std::size_t depth) -> std::uint32_t {
          return depth < width ? cells[row * width + depth] : 0;
        },
        [&](std::size_t row) { return weights[row]; });
  }

  // link_levels(rows, key, weight) — the tree of `rows` rankings in lexicographic order, where
  // key(row, depth) is the candidate at that depth plus one (0 past the ranking's end), built
  // breadth first so that the children of a node are contiguous.
  template <class Key, class Weight>
  void link_levels(std::size_t rows, const Key& key, const Weight& weight) {
    struct Range {
      std::size_t lo, hi, depth, node;
    };
    std::vector<Range> level = {{0, rows, 0, SIZE_MAX}};
    while (!level.empty()) {
      std::vector<Range> next;
      for (const Range& r : level) {
        const auto first = static_cast<std::uint32_t>(nodes_.size());
        std::size_t i = r.lo;
        while (i < r.hi) {
          const std::uint32_t here = key(i, r.depth);
          if (here == 0) {
            ++i;
            continue;
          }
          std::size_t j = i;
          std::uint64_t count = 0;
          while (j < r.hi && key(j, r.depth) == here) {
            count += weight(j);
            ++j;
          }
          next.push_back({i, j, r.depth + 1, nodes_.size()});
          nodes_.push_back({static_cast<Candidate>(here - 1), count, 0, 0});
          i = j;
        }
        const auto made = static_cast<std::uint32_t>(nodes_.size()) - first;
        if (r.node == SIZE_MAX) {
          roots_ = made;
        } else {
          nodes_[r.node].first_child = first;
          nodes_[r.node].children = made;
        }
      }
      level = std::move(next);
    }
  }

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

  // Fixed-point arithmetic walks the tree node by node: an operation is cheap, and counting
  // paths instead measured no faster (docs/benchmarks.md).
  void descend(std::uint32_t first, std::uint32_t count, const Value& weight) {
    for (std::uint32_t i = first; i < first + count; ++i) {
      const Node& node = nodes_[i];
      const Candidate c = node.candidate;
      if (keep_[c] == arithmetic_.zero()) {
        descend(node.first_child, node.children, weight);
        continue;
      }
      if (keep_[c] == one_) {  // a hopeful candidate keeps the whole ballot
        const Value kept = arithmetic_.times(weight, node.ballots);
        votes_[c] += kept;
        residual_ -= kept;
        continue;
      }
      Value passed = weight;
      const Value kept = arithmetic_.times(take(c, passed), node.ballots);
      votes_[c] += kept;
      residual_ -= kept;
      if (cmp(passed, arithmetic_.zero()) > 0) descend(node.first_child, node.children, passed);
    }
  }

  // Rationals count paths: one of their operations costs as much as thousands of tree steps.
  void add_paths() {
    for (std::uint32_t path = 0; path < paths_.size(); ++path) {
      for (std::size_t c = 0; c < n_; ++c) {
        const std::uint64_t ballots = reaching_[path * n_ + c];
        if (ballots == 0) continue;
        Value passed = paths_[path].weight;
        const Value kept = arithmetic_.times(
            keep_[c] == one_ ? passed : take(static_cast<Candidate>(c), passed), ballots);
        votes_[c] += kept;
        residual_ -= kept;
      }
    }
  }

  void count_paths() {
    paths_.clear();
    reaching_.clear();
    add_path(one_);
    walk(0, roots_, 0);
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

  void walk(std::uint32_t first, std::uint32_t count, std::uint32_t path) {
    for (std::uint32_t i = first; i < first + count; ++i) {
      const Node& node = nodes_[i];
      const Candidate c = node.candidate;
      if (keep_[c] == arithmetic_.zero()) {
        walk(node.first_child, node.children, path);
        continue;
      }
      reaching_[path * n_ + c] += node.ballots;
      if (keep_[c] == one_) continue;  // a hopeful candidate keeps the whole ballot
      const std::uint32_t next = after(path, c);
      if (next != kSpent) walk(node.first_child, node.children, next);
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
      keep = arithmetic_.multiply(weight, keep_[c]);
      weight = arithmetic_.multiply(weight, one_ - keep_[c]);
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
  std::vector<Value> keep_;  // 1 while hopeful, lowered once elected, 0 once defeated
  std::vector<Ballots> ballots_;
  std::vector<Node> nodes_;  // the prefix tree of the strict ballots
  std::vector<Path> paths_;
  std::vector<std::uint64_t> reaching_;  // [path * n_ + c]: ballots reaching c along path
  std::uint32_t roots_ = 0;              // nodes_[0, roots_) are the first preferences
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
};

}  // namespace participa::tally::stv
