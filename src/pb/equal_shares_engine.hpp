// src/pb/equal_shares_engine.hpp — the engine behind pb::equal_shares (private to the pb layer).
//
// A run prices projects in double precision while keeping a proven bound on the error of every
// voter's budget and of every price. A decision those bounds settle (this project is the
// cheapest, that one is out of its supporters' reach) is taken in floating point. One they
// cannot settle — a tie, a near tie, a project its supporters can only just afford — is taken in
// exact rationals, after the purchases made so far are replayed exactly. Outcomes are therefore
// those of exact arithmetic. The price and payers of each round come from the exact replay, which
// runs only when rounds are asked for.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "participa/core/rational.hpp"
#include "participa/pb/instance.hpp"
#include "participa/pb/result.hpp"
#include "pb/rule_support.hpp"

namespace participa::pb::detail {

class EqualSharesRun;

class EqualShares {
 public:
  // `order`: every project, the one favoured in a tie first.
  EqualShares(const Election& election, const Satisfactions& sats,
              const std::vector<std::uint32_t>& order);
  ~EqualShares();
  EqualShares(const EqualShares&) = delete;
  EqualShares& operator=(const EqualShares&) = delete;

  // Projects with a positive cost and a supporter: the ones a run may buy.
  const std::vector<std::uint32_t>& available() const { return available_; }
  // Supported projects that cost nothing: every run selects them first.
  const std::vector<std::uint32_t>& free() const { return free_; }

  // run(base, raise, rounds) — one run of the method with base + raise for every voter: the
  // selected projects (supported free ones first, then purchases in order) and, when `rounds` is
  // given, a round per purchase with its price per unit of satisfaction and how many paid.
  // Runs reuse one working memory, so an EqualShares serves one thread at a time.
  std::vector<std::uint32_t> run(const Rational& base, std::int64_t raise,
                                 std::vector<Round>* rounds);

  // Another project in a round of a traced run: a lower bound on its price per unit of
  // satisfaction and, where the separation from an earlier run needed it, on how fast that price
  // fell per unit of raise since (0 otherwise). `price_slope`: how much the price changed per unit
  // of raise since the earlier run, when that run priced it too (0 otherwise): where a later run
  // starts pricing it, nothing is proven with it.
  struct Rival {
    std::uint32_t project;
    double price_floor;
    double price_fall = 0;
    double price_slope = 0;
  };

  // A project out of reach in a traced run: the round (the purchases made before), about what
  // share of its cost its supporters then held, and a proven upper bound on that share.
  struct Reach {
    std::uint32_t project;
    std::uint32_t round;
    double share;
    double share_ceiling;
  };

  // A run as add-one completion sees it: its raise, its selection and, for each purchase in
  // order, a proven upper bound on its price per unit of satisfaction and the supporters
  // (indices into the supporter arrays) not sure to have paid their share in full.
  struct Trace {
    std::int64_t raise = 0;
    std::vector<std::uint32_t> selected;
    std::vector<double> price_ceilings;
    // Per purchase, in a run after an earlier one: how fast, at least, its price per unit of
    // satisfaction fell per unit of raise since (0 without one).
    std::vector<double> price_falls;
    // Per purchase, in a run after an earlier one that bought alike up to it: how much its price
    // per unit of satisfaction changed per unit of raise since (0 otherwise). Where a later run
    // starts pricing it.
    std::vector<double> price_slopes;
    std::vector<std::vector<std::uint32_t>> short_payers;
    // Per purchase: the other projects priced that round, each with a lower bound on its price.
    // Two runs' bounds show how fast each closes in, so where the order may change next.
    std::vector<std::vector<Rival>> rivals;
    // Projects found out of reach, with the round (the purchases made before) and the share of
    // their cost their supporters then held: how far each is from coming within reach.
    std::vector<Reach> out_of_reach;
    // Set by run_after: whether the two runs bought alike and stand for every raise between them.
    bool separated = true;

    // A lower bound on `project`'s price in `round`, if the run priced it there as a rival.
    std::optional<double> price_floor(std::size_t round, std::uint32_t project) const {
      for (const Rival& rival : rivals[round]) {
        if (rival.project == project) return rival.price_floor;
      }
      return std::nullopt;
    }
  };

  // run_after(base, raise, earlier) — a run at base + raise, where `earlier` (if given) traces a
  // run at a smaller raise. It is separated from `earlier` when both buy the same projects in
  // the same order and, round by round, no other project can have been cheaper than the one
  // bought at any raise in between; every raise between them then buys the same. The proof rests
  // on monotonicity: as the raise grows, every budget before each round grows and every price
  // falls. Its bounds: the purchase costs at most what the earlier run paid, less the least it
  // can have fallen since; another project costs at least what it costs in this run, plus the
  // least it falls from there to here. A price falls at least as fast as the money of its
  // supporters who run out at this run's raise (so at every smaller one) grows, and a budget
  // grows at least one currency unit per unit of raise plus what each purchase its holder surely
  // paid for in both runs fell.
  Trace run_after(const Rational& base, std::int64_t raise, const Trace* earlier);

 private:
  friend class EqualSharesRun;

  // A project a run may buy; its supporters are [begin, end) of the supporter arrays.
  struct Item {
    std::uint32_t project;
    std::uint32_t tie_rank;
    Rational cost;
    // A supporter's satisfaction is scale × units, units a positive integer.
    Rational scale;
    double cost_d;
    double scale_d;
    // Σ weight × units over the supporters (capped at 2^52: beyond, floating point is off).
    std::uint64_t total_units;
    // Relative rounding error of a floating-point sum over the supporters.
    double rounding;
    std::uint32_t begin;
    std::uint32_t end;
    // Every supporter has one unit of satisfaction and a weight below 2^32: pricing passes and
    // purchases read them from single_units_.
    bool single_units;
  };

  std::uint32_t num_groups_ = 0;
  std::vector<std::uint64_t> group_weight_;
  // Σ group weights: the number of voters (in a double; rounded up beyond 2^53).
  double voters_ = 0;
  std::vector<std::uint32_t> free_;
  std::vector<std::uint32_t> available_;
  std::vector<Item> items_;
  // Every item's supporters, item after item; their units also exactly in units_.
  struct Supporter {
    std::uint32_t group;
    double weight;
    double units;
    double inverse_units;
  };
  std::vector<Supporter> supporters_;
  std::vector<std::uint64_t> units_;
  // The same supporters in a quarter of the memory, for items with single units: a pricing pass
  // streams its supporters, and memory bounds its speed.
  struct SingleUnit {
    std::uint32_t group;
    std::uint32_t weight;
  };
  std::vector<SingleUnit> single_units_;
  // False when some sum of units would not be exact in a double: every decision is then exact.
  bool floating_point_usable_ = true;
  std::unique_ptr<EqualSharesRun> workspace_;
};

}  // namespace participa::pb::detail
