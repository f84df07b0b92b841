// Quota Preferential by Quotient (D.R. Woodall, Voting matters 17, 2003), as the reference
// counter defines it: each stage gives every hopeful candidate the quotient
// vc / (1 + tc) of the ballots whose top hopeful it is (tc: the fractions of candidates those
// ballots have elected already), elects the highest quotient above the quota
// va / (1 + seats − tx), or else excludes the lowest and starts the count again without it.
// Private to stv.cpp.
#pragma once

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "participa/tally/stv.hpp"
#include "tally/stv_common.hpp"

namespace participa::tally::stv {

template <class Arithmetic>
class QpqCount {
 public:
  using Value = typename Arithmetic::Value;

  QpqCount(const Profile& profile, const Options& options, Arithmetic arithmetic,
           std::vector<Candidate> lot_order, Count count)
      : profile_(profile),
        options_(options),
        arithmetic_(std::move(arithmetic)),
        lot_order_(std::move(lot_order)),
        n_(profile.num_candidates()),
        standing_(n_, Standing::kHopeful),
        ballots_for_(n_, 0),
        elected_by_(n_, arithmetic_.zero()),
        quotient_(n_, arithmetic_.zero()),
        quota_(arithmetic_.zero()),
        count_(std::move(count)) {}

  Count run() {
    std::uint64_t active = 0;
    for (std::size_t b = 0; b < profile_.num_distinct(); ++b) {
      const BallotView ballot = profile_.ballot(b);
      if (ballot.marks.empty()) continue;
      ballots_.push_back({ballot.marks, profile_.weight(b), arithmetic_.zero(), 0});
      active += profile_.weight(b);
    }
    quota_ = arithmetic_.divide(arithmetic_.whole(active),
                                arithmetic_.whole(static_cast<std::uint64_t>(seats()) + 1));
    count_.quota = arithmetic_.text(quota_);
    record(Action::kBegin, {});
    bool restart = true;
    while (seats_left() > 0 && hopeful().size() > seats_left()) {
      ++round_;
      if (restart) {
        restart = false;
        for (Candidate c : elected_) standing_[c] = Standing::kHopeful;
        elected_.clear();
        for (Ballot& b : ballots_) {
          b.position = 0;
          b.elected = arithmetic_.zero();
          pass_on(b);
        }
      }
      compute_quotients();
      std::optional<Value> high;
      for (Candidate c : hopeful()) {
        if (!high || cmp(quotient_[c], *high) > 0) high = quotient_[c];
      }
      if (cmp(*high, quota_) > 0) {
        const Candidate winner = break_tie(with_quotient(*high), /*lowest=*/false);
        standing_[winner] = Standing::kElected;
        elected_.push_back(winner);
        record(Action::kElectHighestQuotient, {winner});
        const Value share = arithmetic_.divide(arithmetic_.whole(1), quotient_[winner]);
        for (Ballot& b : ballots_) {
          if (top(b) != winner) continue;
          b.elected = share;
          pass_on(b);
        }
        record(Action::kElectedTransferred, {winner}).amount = arithmetic_.text(*high);
      } else {
        std::optional<Value> low;
        for (Candidate c : hopeful()) {
          if (!low || cmp(quotient_[c], *low) < 0) low = quotient_[c];
        }
        const Candidate loser = break_tie(with_quotient(*low), /*lowest=*/true);
        standing_[loser] = Standing::kDefeated;
        count_.defeated.push_back(loser);
        record(Action::kDefeatLowest, {loser});
        for (Ballot& b : ballots_) {
          if (top(b) == loser) pass_on(b);
        }
        record(Action::kDefeatedTransferred, {loser});
        restart = true;
      }
    }
    const std::vector<Candidate> rest = hopeful();
    if (rest.size() <= seats_left()) {
      for (Candidate c : rest) {
        standing_[c] = Standing::kElected;
        elected_.push_back(c);
        record(Action::kElectRemaining, {c});
      }
    }
    for (Candidate c : hopeful()) {
      standing_[c] = Standing::kDefeated;
      count_.defeated.push_back(c);
      record(Action::kDefeatRemaining, {c});
    }
    record(Action::kComplete, {});
    for (Candidate c : elected_) {
      count_.elected.push_back({c, profile_.candidates()[c], arithmetic_.text(quotient_[c])});
    }
    return std::move(count_);
  }

 private:
  struct Ballot {
    std::span<const Candidate> ranking;
    std::uint64_t count = 0;
    Value elected;  // the fraction of a candidate each of these ballots has elected
    std::size_t position = 0;
  };

  int cmp(const Value& a, const Value& b) const { return arithmetic_.compare(a, b); }
  int seats() const { return options_.seats; }
  std::size_t seats_left() const { return static_cast<std::size_t>(seats()) - elected_.size(); }

  std::vector<Candidate> hopeful() const { return hopeful_of(standing_); }

  std::optional<Candidate> top(const Ballot& b) const {
    if (b.position >= b.ranking.size()) return std::nullopt;
    return b.ranking[b.position];
  }

  void pass_on(Ballot& b) const {
    while (b.position < b.ranking.size() &&
           standing_[b.ranking[b.position]] != Standing::kHopeful) {
      ++b.position;
    }
  }

  // §2.3–2.4: the quotients of the hopeful candidates and the quota.
  void compute_quotients() {
    Value inactive_elected = arithmetic_.zero();
    std::uint64_t active = 0;
    for (Candidate c : hopeful()) {
      ballots_for_[c] = 0;
      elected_by_[c] = arithmetic_.zero();
    }
    for (const Ballot& b : ballots_) {
      const std::optional<Candidate> c = top(b);
      if (!c) {
        inactive_elected += arithmetic_.times(b.elected, b.count);
        continue;
      }
      active += b.count;
      elected_by_[*c] += arithmetic_.times(b.elected, b.count);
      ballots_for_[*c] += b.count;
    }
    for (Candidate c : hopeful()) {
      quotient_[c] = arithmetic_.divide(arithmetic_.whole(ballots_for_[c]),
                                        arithmetic_.whole(1) + elected_by_[c]);
    }
    quota_ = arithmetic_.divide(
        arithmetic_.whole(active),
        arithmetic_.whole(static_cast<std::uint64_t>(seats()) + 1) - inactive_elected);
  }

  std::vector<Candidate> with_quotient(const Value& q) const {
    std::vector<Candidate> out;
    for (Candidate c : hopeful()) {
      if (cmp(quotient_[c], q) == 0) out.push_back(c);
    }
    return out;
  }

  Candidate break_tie(const std::vector<Candidate>& tied, bool lowest) {
    if (tied.size() == 1) return tied.front();
    const Candidate chosen = first_by_lot(lot_order_, tied);
    Step& step = record(Action::kBreakTieByLot, {chosen});
    step.tie =
        lot_tie(step.round, tied, chosen, lowest ? TiePurpose::kElimination : TiePurpose::kWinner);
    return chosen;
  }

  Step& record(Action action, std::vector<Candidate> candidates) {
    Step step;
    step.round = round_;
    step.action = action;
    step.candidates = std::move(candidates);
    step.quota = arithmetic_.text(quota_);
    for (std::size_t c = 0; c < n_; ++c) {
      step.standings.push_back({.standing = standing_[c],
                                .votes = str_cat(ballots_for_[c]),
                                .quotient = arithmetic_.text(quotient_[c])});
    }
    count_.steps.push_back(std::move(step));
    return count_.steps.back();
  }

  const Profile& profile_;
  const Options& options_;
  Arithmetic arithmetic_;
  std::vector<Candidate> lot_order_;
  std::size_t n_;
  std::vector<Standing> standing_;
  std::vector<std::uint64_t> ballots_for_;  // vc: ballots whose top hopeful it is
  std::vector<Value> elected_by_;           // tc: candidates those ballots have elected
  std::vector<Value> quotient_;
  std::vector<Ballot> ballots_;
  std::vector<Candidate> elected_;
  Value quota_;
  int round_ = 0;
  Count count_;
};

}  // namespace participa::tally::stv
