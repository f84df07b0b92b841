// Equal shares against a reference written from the rule's definition: every voter on her own,
// exact rationals throughout, prices found by sorting supporters by budget per unit of
// satisfaction. The instances are small and built to be degenerate — few distinct costs,
// budgets that divide evenly, so that ties and projects costing exactly what their supporters
// hold are common — because those are the decisions the engine must settle exactly.
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>

#include "add_one_definition.hpp"
#include "gtest/gtest.h"
#include "participa/core/rng.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/pabulib.hpp"
#include "participa/pb/consul.hpp"
#include "participa/pb/equal_shares.hpp"
#include "participa/pb/greedy.hpp"
#include "participa/pb/max_welfare.hpp"
#include "participa/pb/official.hpp"
#include "participa/pb/phragmen.hpp"
#include "participa/pb/registry.hpp"
#include "participa/pb/result.hpp"
#include "participa/tally/profile_builder.hpp"
#include "pb/equal_shares_engine.hpp"
#include "pb/rule_support.hpp"

namespace participa::pb {
namespace {

struct Reference {
  std::vector<std::uint32_t> selected;
  std::vector<Rational> rho;
  std::vector<std::uint64_t> payers;
};

// Satisfaction of every distinct ballot for every project. Voters with the same ballot stay
// alike throughout, so the reference follows one of them and counts her weight times.
std::vector<std::vector<Rational>> voter_satisfactions(const Election& e, Satisfaction s) {
  std::vector<std::vector<Rational>> out;
  for (std::size_t g = 0; g < e.profile.num_distinct(); ++g) {
    tally::BallotView b = e.profile.ballot(g);
    std::vector<Rational> sat(e.instance.projects.size());
    for (std::size_t k = 0; k < b.marks.size(); ++k) {
      const auto p = b.marks[k];
      switch (s) {
        case Satisfaction::kCost:
          sat[p] = e.instance.projects[p].cost;
          break;
        case Satisfaction::kCardinality:
          sat[p] = 1;
          break;
        case Satisfaction::kPoints:
          sat[p] = b.values[k];
          break;
        case Satisfaction::kBorda:
          // A strict ranking's level is its position (the profile stores no levels for it).
          sat[p] = static_cast<std::int64_t>(b.marks.size() - k) - 1;
          break;
      }
    }
    out.push_back(sat);
  }
  return out;
}

// The price per unit of satisfaction of project p to voters holding `budget`, by the
// definition: supporters sorted by budget per unit of satisfaction, the poorer paying all they
// have. Nullopt when p has no supporter or they cannot afford it.
std::optional<Rational> price_of(const Election& e, const std::vector<std::vector<Rational>>& sat,
                                 const std::vector<Rational>& budget, std::uint32_t p) {
  std::vector<std::size_t> supporters;
  Rational available, total_sat;
  for (std::size_t v = 0; v < sat.size(); ++v) {
    if (sat[v][p] <= 0) continue;
    supporters.push_back(v);
    available += budget[v] * e.profile.weight(v);
    total_sat += sat[v][p] * e.profile.weight(v);
  }
  if (supporters.empty() || available < e.instance.projects[p].cost) return std::nullopt;
  std::sort(supporters.begin(), supporters.end(),
            [&](auto a, auto b) { return budget[a] / sat[a][p] < budget[b] / sat[b][p]; });
  Rational paid, rho;
  for (std::size_t v : supporters) {
    rho = (e.instance.projects[p].cost - paid) / total_sat;
    if (rho * sat[v][p] <= budget[v]) break;
    paid += budget[v] * e.profile.weight(v);
    total_sat -= sat[v][p] * e.profile.weight(v);
  }
  return rho;
}

Reference reference_mes(const Election& e, Satisfaction s, const Rational& per_voter) {
  const auto sat = voter_satisfactions(e, s);
  const auto& projects = e.instance.projects;
  std::vector<std::uint32_t> by_id(projects.size());
  std::iota(by_id.begin(), by_id.end(), 0u);
  std::sort(by_id.begin(), by_id.end(),
            [&](auto a, auto b) { return projects[a].id < projects[b].id; });
  std::vector<Rational> budget(sat.size(), per_voter);
  std::vector<bool> done(projects.size(), false);
  Reference r;
  for (std::uint32_t p = 0; p < projects.size(); ++p) {
    bool supported = false;
    for (const auto& v : sat) supported = supported || v[p] > 0;
    done[p] = !supported || projects[p].cost == 0;
    if (supported && projects[p].cost == 0) r.selected.push_back(p);
  }
  while (true) {
    std::optional<std::uint32_t> best;
    Rational best_rho;
    for (std::uint32_t p : by_id) {
      if (done[p]) continue;
      const auto rho = price_of(e, sat, budget, p);
      if (rho && (!best || *rho < best_rho)) {
        best = p;
        best_rho = *rho;
      }
    }
    if (!best) break;
    std::uint64_t payers = 0;
    for (std::size_t v = 0; v < sat.size(); ++v) {
      if (sat[v][*best] <= 0) continue;
      if (budget[v] > 0) payers += e.profile.weight(v);
      const Rational share = best_rho * sat[v][*best];
      budget[v] = share < budget[v] ? Rational(budget[v] - share) : Rational(0);
    }
    done[*best] = true;
    r.selected.push_back(*best);
    r.rho.push_back(best_rho);
    r.payers.push_back(payers);
  }
  return r;
}

Rational cost_of(const Election& e, const std::vector<std::uint32_t>& selected) {
  Rational total;
  for (auto p : selected) total += e.instance.projects[p].cost;
  return total;
}

// Whether every project with a cost and a supporter is selected.
bool funds_everything(const Election& e, Satisfaction s, const Reference& r) {
  const auto sat = voter_satisfactions(e, s);
  for (std::uint32_t p = 0; p < e.instance.projects.size(); ++p) {
    const bool supported =
        std::any_of(sat.begin(), sat.end(), [&](const auto& v) { return v[p] > 0; });
    const bool selected = std::find(r.selected.begin(), r.selected.end(), p) != r.selected.end();
    if (supported && e.instance.projects[p].cost > 0 && !selected) return false;
  }
  return true;
}

void expect_same(const Election& e, const Result& o, const Reference& r, const std::string& what) {
  ASSERT_EQ(o.selected, r.selected) << what;
  ASSERT_EQ(o.rounds.size(), r.rho.size()) << what;
  for (std::size_t k = 0; k < r.rho.size(); ++k) {
    EXPECT_EQ(o.rounds[k].price, r.rho[k]) << what << ", round " << k;
    EXPECT_EQ(o.rounds[k].payers, r.payers[k]) << what << ", step " << k;
  }
  EXPECT_LE(o.total_cost, e.instance.budget) << what;
}

// A random election of `type` with few distinct costs and ballots drawn from few patterns, so
// that many voters share a ballot and many projects share a price.
std::string random_file(Rng& rng, std::string_view type, int projects, int voters,
                        std::int64_t budget, std::int64_t max_points) {
  static constexpr int kCosts[] = {0, 2, 3, 4, 6, 6, 12, 12};
  std::string text = str_cat("META\nkey;value\nbudget;", budget, "\nvote_type;", type,
                             "\nPROJECTS\nproject_id;cost\n");
  for (int p = 0; p < projects; ++p) {
    str_append(&text, "p", p, ";", kCosts[rng.uniform(8)] * (1 + rng.uniform(2)), "\n");
  }
  std::vector<std::string> patterns;
  for (int k = 0; k < 4; ++k) {
    std::vector<int> all(static_cast<std::size_t>(projects));
    std::iota(all.begin(), all.end(), 0);
    rng.shuffle(all);
    const int length = 1 + static_cast<int>(rng.uniform(static_cast<std::uint64_t>(projects)));
    std::string vote, points;
    for (int i = 0; i < length; ++i) {
      str_append(&vote, i ? "," : "", "p", all[static_cast<std::size_t>(i)]);
      const std::int64_t point = max_points <= 1000
                                     ? 1 + rng.uniform(static_cast<std::uint32_t>(max_points))
                                     : max_points / (1 + rng.uniform(7));
      str_append(&points, i ? "," : "", point);
    }
    patterns.push_back(type == "cumulative" ? str_cat(vote, ";", points) : vote);
  }
  str_append(&text, "VOTES\nvoter_id;vote", type == "cumulative" ? ";points" : "", "\n");
  for (int v = 0; v < voters; ++v) {
    str_append(&text, "v", v, ";",
               patterns[rng.uniform(static_cast<std::uint32_t>(patterns.size()))], "\n");
  }
  return text;
}

struct Case {
  std::string_view type;
  Satisfaction satisfaction;
  std::int64_t max_points;
};

TEST(EqualSharesReference, SameOutcomePricesAndPayersOnDegenerateElections) {
  const Case cases[] = {{"approval", Satisfaction::kCost, 1},
                        {"approval", Satisfaction::kCardinality, 1},
                        {"cumulative", Satisfaction::kPoints, 3},
                        {"ordinal", Satisfaction::kBorda, 1}};
  int compared = 0;
  for (const Case& c : cases) {
    for (int trial = 0; trial < 150; ++trial) {
      Rng rng(7000 + static_cast<std::uint64_t>(trial));
      const int voters = 2 + static_cast<int>(rng.uniform(10));
      const std::int64_t budget = voters * static_cast<std::int64_t>(1 + rng.uniform(6));
      auto e = io::parse_pabulib(random_file(rng, c.type, 2 + static_cast<int>(rng.uniform(7)),
                                             voters, budget, c.max_points));
      ASSERT_TRUE(e.ok()) << e.status();
      const std::string what = str_cat(c.type, " trial ", trial);
      auto o = equal_shares(*e, c.satisfaction);
      ASSERT_TRUE(o.ok()) << o.status();
      const Rational per_voter = e->instance.budget / Rational(e->profile.total_weight());
      expect_same(*e, *o, reference_mes(*e, c.satisfaction, per_voter), what);

      // Add-one until infeasible: raise while the next raise still fits the budget, or until
      // every supported project is funded.
      auto add_one = equal_shares(*e, c.satisfaction, Completion::kAddOneUntilInfeasible);
      ASSERT_TRUE(add_one.ok()) << add_one.status();
      std::int64_t k = 0;
      while (
          !funds_everything(*e, c.satisfaction, reference_mes(*e, c.satisfaction, per_voter + k)) &&
          cost_of(*e, reference_mes(*e, c.satisfaction, per_voter + k + 1).selected) <=
              e->instance.budget) {
        ++k;
      }
      EXPECT_EQ(add_one->budget_increments, k) << what;
      expect_same(*e, *add_one, reference_mes(*e, c.satisfaction, per_voter + k),
                  what + " add-one");
      ++compared;
    }
  }
  EXPECT_EQ(compared, 600);
}

// Weights so large that sums of units overflow 64 bits and are not exact in a double: every
// decision is exact.
TEST(EqualSharesReference, HugeWeightsAreCountedExactly) {
  for (int trial = 0; trial < 20; ++trial) {
    Rng rng(9100 + static_cast<std::uint64_t>(trial));
    auto parsed = io::parse_pabulib(random_file(rng, "cumulative", 5, 6, 60, 1 << 30));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    auto profile =
        tally::ProfileBuilder::create(parsed->profile.candidates(), tally::BallotKind::kCumulative);
    ASSERT_TRUE(profile.ok());
    for (std::size_t g = 0; g < parsed->profile.num_distinct(); ++g) {
      ASSERT_TRUE(profile->add(parsed->profile.ballot(g), parsed->profile.weight(g) << 40).ok());
    }
    Instance instance = parsed->instance;
    instance.budget *= std::int64_t{1} << 40;
    auto e = Election::create(std::move(instance), profile->build());
    ASSERT_TRUE(e.ok()) << e.status();
    auto o = equal_shares(*e, Satisfaction::kPoints);
    ASSERT_TRUE(o.ok()) << o.status();
    const Rational per_voter = e->instance.budget / Rational(e->profile.total_weight());
    expect_same(*e, *o, reference_mes(*e, Satisfaction::kPoints, per_voter),
                str_cat("trial ", trial));
  }
}

}  // namespace
}  // namespace participa::pb

namespace participa::pb {
namespace {

// Budapest 2024: a budget of about 10^9 forints, so add-one completion tries thousands of
// raises — the long run a caller must be able to watch and stop.
Election budapest() {
  const std::string path =
      str_cat(PARTICIPA_CONFORMANCE_DIR, "/pabulib-real/Hungary_Budapest_2024.pb");
  auto election = io::read_pabulib_file(path);
  EXPECT_TRUE(election.ok()) << election.status();
  return *std::move(election);
}

TEST(EqualSharesRunControl, ProgressSeesRaisesAndCanStopTheRun) {
  const Election election = budapest();
  std::vector<std::uint64_t> seen;
  RunControl control{.progress =
                         [&](std::uint64_t done) {
                           seen.push_back(done);
                           return seen.size() < 3;
                         },
                     .interval = std::chrono::milliseconds(0)};
  auto result =
      equal_shares(election, Satisfaction::kCost, Completion::kAddOne, TieBreak{}, control);
  ASSERT_EQ(result.status().code(), absl::StatusCode::kCancelled) << result.status();
  // The callback sees how many raises are settled, from none on; runs far apart settle many at
  // once, a run that misses settles none.
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0], 0u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_GT(seen[2], 2u);
  EXPECT_NE(result.status().message().find(str_cat("stopped after ", seen[2], " steps")),
            std::string::npos)
      << result.status().message();
}

TEST(EqualSharesRunControl, AStopRequestedElsewhereStopsTheRun) {
  const Election election = budapest();
  StopToken stop;
  stop.request_stop();
  RuleOptions options{.completion = Completion::kAddOne};
  options.control.stop = &stop;
  auto result = RuleRegistry::with_builtins().run("equal-shares", election, options);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled) << result.status();
  // Without a stop, the same control lets a completion that needs no raise finish.
  StopToken unused;
  RunControl idle{.stop = &unused};
  auto none = equal_shares(election, Satisfaction::kCost, Completion::kNone, TieBreak{}, idle);
  EXPECT_TRUE(none.ok()) << none.status();
}

// An approval election with a budget of `budget` currency units: projects costing between a
// fiftieth and a half of it, ballots of one to five projects drawn with a bias towards the first
// ones, so that prices are close and the order of purchases changes as budgets rise.
std::string large_budget_file(Rng& rng, std::int64_t budget, int projects, int voters) {
  std::string text = str_cat("META\nkey;value\nbudget;", budget,
                             "\nvote_type;approval\nPROJECTS\nproject_id;cost\n");
  for (int p = 0; p < projects; ++p) {
    const std::int64_t cost =
        budget / 50 + static_cast<std::int64_t>(rng.uniform(1u << 30)) % (budget / 2 - budget / 50);
    str_append(&text, "p", p, ";", cost, "\n");
  }
  str_append(&text, "VOTES\nvoter_id;vote\n");
  for (int v = 0; v < voters; ++v) {
    std::vector<int> chosen;
    const int length =
        1 + static_cast<int>(rng.uniform(static_cast<std::uint32_t>(std::min(5, projects))));
    while (static_cast<int>(chosen.size()) < length) {
      const auto a = rng.uniform(static_cast<std::uint32_t>(projects));
      const auto b = rng.uniform(static_cast<std::uint32_t>(projects));
      const int p = static_cast<int>(std::min(a, b));
      if (std::find(chosen.begin(), chosen.end(), p) == chosen.end()) chosen.push_back(p);
    }
    str_append(&text, "v", v, ";");
    for (std::size_t i = 0; i < chosen.size(); ++i) str_append(&text, i ? "," : "", "p", chosen[i]);
    str_append(&text, "\n");
  }
  return text;
}

// The completion skips every raise whose outcome cannot differ from the last one run; on budgets
// up to 10^12 it must still stop where raising one increment at a time stops, with the same
// outcome. The increment keeps the loop it is held to within a few hundred runs.
TEST(EqualSharesAddOne, StopsWhereTheUnitStepLoopStopsOnBudgetsUpTo10To12) {
  int compared = 0;
  std::int64_t most_raises = 0, raises = 0, runs_made = 0;
  for (const std::int64_t budget :
       {std::int64_t{1'000'000}, std::int64_t{1'000'000'000}, std::int64_t{1'000'000'000'000}}) {
    for (int trial = 0; trial < 6; ++trial) {
      Rng rng(static_cast<std::uint64_t>(budget % 1'000'003) * 100 +
              static_cast<std::uint64_t>(trial));
      const int voters = 20 + static_cast<int>(rng.uniform(200));
      auto e = io::parse_pabulib(
          large_budget_file(rng, budget, 5 + static_cast<int>(rng.uniform(20)), voters));
      ASSERT_TRUE(e.ok()) << e.status();
      const std::int64_t increment = std::max<std::int64_t>(1, budget / voters / 200);
      for (const Satisfaction satisfaction : {Satisfaction::kCost, Satisfaction::kCardinality}) {
        for (const Completion completion :
             {Completion::kAddOne, Completion::kAddOneUntilInfeasible}) {
          const std::string what = str_cat("budget ", budget, " trial ", trial, " ",
                                           to_string(satisfaction), " ", to_string(completion));
          std::int64_t runs = 0;
          RunControl control{.progress =
                                 [&](std::uint64_t) {
                                   ++runs;
                                   return true;
                                 },
                             .interval = std::chrono::milliseconds(0)};
          auto result = equal_shares(*e, satisfaction, completion, TieBreak{}, control, increment);
          ASSERT_TRUE(result.ok()) << what << ": " << result.status();
          const auto expected =
              testing::raise_by_definition(*e, satisfaction, completion, increment, 3000);
          ASSERT_TRUE(expected.has_value()) << what;
          EXPECT_EQ(result->selected, expected->selected) << what;
          EXPECT_EQ(result->budget_increments, expected->raise) << what;
          most_raises = std::max(most_raises, expected->raise / increment);
          raises += expected->raise / increment;
          runs_made += runs;
          ++compared;
        }
      }
    }
  }
  EXPECT_EQ(compared, 72);
  // The elections are large enough for skipping to matter, and it does: the completion checks
  // in once per run (a run is one step), far fewer than the raises it settles.
  EXPECT_GT(most_raises, 100);
  EXPECT_LT(runs_made * 2, raises) << runs_made << " runs for " << raises << " raises";
}

// The exact value of a double.
Rational exactly(double x) {
  int exponent = 0;
  const double mantissa = std::frexp(x, &exponent);
  const auto whole = static_cast<std::int64_t>(std::ldexp(mantissa, 53));
  exponent -= 53;
  const Rational power(BigInt(1) << (exponent < 0 ? -exponent : exponent));
  return exponent < 0 ? Rational(whole) / power : Rational(whole) * power;
}

// Before each purchase of `order`, bought in that order from `per_voter` each, and after the
// last, by the definition: the exact price per unit of satisfaction of every project not yet
// bought that its supporters can afford (supporters sorted by budget per unit of satisfaction,
// the poorer paying all), and the money its supporters hold.
struct Before {
  std::map<std::uint32_t, Rational> prices;
  std::map<std::uint32_t, Rational> money;
};
std::vector<Before> rounds_along(const Election& e, Satisfaction s, const Rational& per_voter,
                                 const std::vector<std::uint32_t>& order) {
  const auto sat = voter_satisfactions(e, s);
  std::vector<Rational> budget(sat.size(), per_voter);
  std::vector<bool> bought(e.instance.projects.size(), false);
  std::vector<Before> out;
  for (std::size_t t = 0; t <= order.size(); ++t) {
    Before before;
    for (std::uint32_t p = 0; p < e.instance.projects.size(); ++p) {
      if (bought[p]) continue;
      if (const auto rho = price_of(e, sat, budget, p)) before.prices[p] = *rho;
      Rational held(0);
      for (std::size_t v = 0; v < sat.size(); ++v) {
        if (sat[v][p] > 0) held += budget[v];
      }
      before.money[p] = held;
    }
    out.push_back(std::move(before));
    if (t == order.size()) break;
    const Rational rho = out.back().prices.at(order[t]);
    for (std::size_t v = 0; v < sat.size(); ++v) {
      if (sat[v][order[t]] <= 0) continue;
      const Rational share = rho * sat[v][order[t]];
      budget[v] = share < budget[v] ? Rational(budget[v] - share) : Rational(0);
    }
    bought[order[t]] = true;
  }
  return out;
}

// The bounds the skipping rests on, against the definition: between a run at raise r1 and a
// later one at r2 that bought alike, each purchase cost at most its ceiling at r1 and its price
// fell at least as fast as claimed; each rival priced at r2 cost at least its floor there, and
// its price fell at least as fast as claimed; and where the runs are separated, every raise
// between them buys the same; each project either run found out of reach had, at most, the share
// of its cost the run says (the later run may say so from the earlier one's bound, unpriced).
// Falsely generous bounds (a fall overstated, a budget said to grow faster than it does) fail
// here even when no outcome happens to change.
TEST(EqualSharesAddOne, BoundsBetweenTwoRunsHoldByTheDefinition) {
  int pairs = 0, separated = 0, falls = 0, unreached = 0, unpriced = 0;
  for (const std::int64_t budget : {std::int64_t{1'000'000}, std::int64_t{1'000'000'000'000}}) {
    for (int trial = 0; trial < 12; ++trial) {
      Rng rng(static_cast<std::uint64_t>(budget % 1'000'003) * 10 +
              static_cast<std::uint64_t>(trial) + 77);
      const int voters = 30 + static_cast<int>(rng.uniform(90));
      auto e = io::parse_pabulib(
          large_budget_file(rng, budget, 4 + static_cast<int>(rng.uniform(7)), voters));
      ASSERT_TRUE(e.ok()) << e.status();
      const Rational per_voter = e->instance.budget / Rational(e->profile.total_weight());
      const std::int64_t unit = std::max<std::int64_t>(1, budget / voters / 200);
      for (const Satisfaction satisfaction : {Satisfaction::kCost, Satisfaction::kCardinality}) {
        auto sats = detail::satisfactions(*e, satisfaction, true);
        ASSERT_TRUE(sats.ok()) << sats.status();
        auto order = detail::tie_order(e->instance, TieBreak{});
        ASSERT_TRUE(order.ok()) << order.status();
        detail::EqualShares engine(*e, *sats, *order);
        for (const auto& [from, apart] :
             std::vector<std::pair<std::int64_t, std::int64_t>>{{0, 1},
                                                                {0, 7 * unit},
                                                                {3 * unit, 50 * unit},
                                                                {10 * unit, 400 * unit},
                                                                {0, 1500 * unit},
                                                                {100 * unit, 4000 * unit}}) {
          const std::string what = str_cat("budget ", budget, " trial ", trial, " ",
                                           to_string(satisfaction), " raise ", from, " + ", apart);
          const auto earlier = engine.run_after(per_voter, from, nullptr);
          const auto later = engine.run_after(per_voter, from + apart, &earlier);
          if (later.selected != earlier.selected) continue;
          ++pairs;
          const std::vector<std::uint32_t> bought(
              earlier.selected.begin() + static_cast<std::ptrdiff_t>(engine.free().size()),
              earlier.selected.end());
          const auto then = rounds_along(*e, satisfaction, per_voter + from, bought);
          const auto now = rounds_along(*e, satisfaction, per_voter + from + apart, bought);
          for (std::size_t t = 0; t < bought.size(); ++t) {
            const std::uint32_t p = bought[t];
            EXPECT_GE(exactly(earlier.price_ceilings[t]), then[t].prices.at(p))
                << what << " round " << t;
            EXPECT_GE(then[t].prices.at(p) - now[t].prices.at(p),
                      exactly(later.price_falls[t]) * apart)
                << what << " round " << t;
            falls += later.price_falls[t] > 0;
            for (const auto& rival : later.rivals[t]) {
              if (!now[t].prices.contains(rival.project)) continue;  // out of reach: no price
              const Rational& price_now = now[t].prices.at(rival.project);
              EXPECT_LE(exactly(rival.price_floor), price_now) << what << " round " << t;
              if (!then[t].prices.contains(rival.project))
                continue;  // out of reach then: fell from infinity
              EXPECT_GE(then[t].prices.at(rival.project) - price_now,
                        exactly(rival.price_fall) * apart)
                  << what << " round " << t << " rival " << rival.project;
              falls += rival.price_fall > 0;
            }
          }
          for (const auto& [run, along] : {std::pair(&earlier, &then), std::pair(&later, &now)}) {
            for (const auto& out : run->out_of_reach) {
              const Rational& cost = e->instance.projects[out.project].cost;
              const Rational& held = (*along)[out.round].money.at(out.project);
              EXPECT_LT(held, cost) << what << " project " << out.project;
              EXPECT_LE(held, exactly(out.share_ceiling) * cost)
                  << what << " project " << out.project;
              ++unreached;
              unpriced += out.share == out.share_ceiling;
            }
          }
          if (!later.separated) continue;
          ++separated;
          for (std::int64_t raise = from; raise <= from + apart;
               raise += std::max<std::int64_t>(1, apart / 25)) {
            EXPECT_EQ(reference_mes(*e, satisfaction, per_voter + raise).selected, earlier.selected)
                << what << " at raise " << raise;
          }
        }
      }
    }
  }
  EXPECT_GT(pairs, 20);
  EXPECT_GT(separated, 10);
  EXPECT_GT(falls, 20);
  EXPECT_GT(unreached, 20);
  EXPECT_GT(unpriced, 5);
}

TEST(EqualSharesIncrement, RaisesByTheIncrementAsTheDefinitionDoes) {
  const auto path = str_cat(PARTICIPA_CONFORMANCE_DIR, "/pabulib/Poland_Swiecie_2023.pb");
  auto election = io::read_pabulib_file(path);
  ASSERT_TRUE(election.ok()) << election.status();
  for (std::int64_t increment : {1, 7, 50}) {
    auto result = equal_shares(*election, Satisfaction::kCost, Completion::kAddOne, TieBreak{}, {},
                               increment);
    ASSERT_TRUE(result.ok()) << result.status();
    const auto expected = testing::raise_by_definition(*election, Satisfaction::kCost,
                                                       Completion::kAddOne, increment, 10000);
    ASSERT_TRUE(expected.has_value());
    EXPECT_EQ(result->selected, expected->selected) << "increment " << increment;
    EXPECT_EQ(result->budget_increments, expected->raise) << "increment " << increment;
    EXPECT_EQ(result->budget_increments % increment, 0);
    const bool listed = std::count(result->parameters.begin(), result->parameters.end(),
                                   std::pair<std::string, std::string>{
                                       "increment", std::to_string(increment)}) == 1;
    EXPECT_EQ(listed, increment != 1) << "increment " << increment;
  }
}

TEST(EqualSharesIncrement, RefusesAnIncrementItWouldIgnoreOrCannotTake) {
  const auto path = str_cat(PARTICIPA_CONFORMANCE_DIR, "/pabulib/Poland_Swiecie_2023.pb");
  auto election = io::read_pabulib_file(path);
  ASSERT_TRUE(election.ok()) << election.status();
  auto refused = [&](Completion completion, std::int64_t increment, std::string_view says) {
    auto result =
        equal_shares(*election, Satisfaction::kCost, completion, TieBreak{}, {}, increment);
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << says;
    EXPECT_NE(std::string(result.status().message()).find(says), std::string::npos)
        << result.status().message();
  };
  refused(Completion::kAddOne, 0, "increment 0 is not between 1 and");
  refused(Completion::kAddOne, kMaxIncrement + 1, "is not between 1 and");
  refused(Completion::kNone, 5, "completion 'none' raises no budget");
  refused(Completion::kGreedy, 5, "completion 'greedy' raises no budget");
  RuleOptions options{.increment = 10};
  auto greedy_with_increment = RuleRegistry::with_builtins().run("greedy", *election, options);
  EXPECT_EQ(greedy_with_increment.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(greedy_with_increment.status().message()).find("takes no increment option"),
            std::string::npos);
}

}  // namespace
}  // namespace participa::pb
