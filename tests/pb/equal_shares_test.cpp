// Equal shares against a reference written from the rule's definition: every voter on her own,
// exact rationals throughout, prices found by sorting supporters by budget per unit of
// satisfaction. The instances are small and built to be degenerate — few distinct costs,
// budgets that divide evenly, so that ties and projects costing exactly what their supporters
// hold are common — because those are the decisions the engine must settle exactly.
#include <algorithm>
#include <map>
#include <numeric>
#include <optional>

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
      std::vector<std::size_t> supporters;
      Rational available, total_sat;
      for (std::size_t v = 0; v < sat.size(); ++v) {
        if (sat[v][p] <= 0) continue;
        supporters.push_back(v);
        available += budget[v] * e.profile.weight(v);
        total_sat += sat[v][p] * e.profile.weight(v);
      }
      if (available < projects[p].cost) continue;
      std::sort(supporters.begin(), supporters.end(),
                [&](auto a, auto b) { return budget[a] / sat[a][p] < budget[b] / sat[b][p]; });
      Rational paid, rho;
      for (std::size_t v : supporters) {
        rho = (projects[p].cost - paid) / total_sat;
        if (rho * sat[v][p] <= budget[v]) break;
        paid += budget[v] * e.profile.weight(v);
        total_sat -= sat[v][p] * e.profile.weight(v);
      }
      if (!best || rho < best_rho) {
        best = p;
        best_rho = rho;
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
  EXPECT_EQ(seen, (std::vector<std::uint64_t>{0, 1, 2}));
  EXPECT_NE(result.status().message().find("stopped after 2 steps"), std::string::npos);
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

// The add-one completion with raises of `increment` units, from its definition: rerun equal
// shares without completion on the budget every voter would hold after k raises, and keep the
// last raise whose outcome fits the real budget, stopping early once an outcome is exhaustive
// or funds every project that has a supporter.
struct RaisedOutcome {
  std::vector<std::uint32_t> selected;
  std::int64_t raise = 0;
};

RaisedOutcome raise_by_definition(const Election& e, std::int64_t increment) {
  const Rational budget = e.instance.budget;
  const auto voters = static_cast<std::int64_t>(e.profile.total_weight());
  std::vector<bool> available(e.instance.projects.size(), false);
  for (std::size_t g = 0; g < e.profile.num_distinct(); ++g) {
    for (auto p : e.profile.ballot(g).marks) available[p] = e.instance.projects[p].cost > 0;
  }
  auto run = [&](std::int64_t raise) {
    Instance raised = e.instance;
    raised.budget = budget + Rational(voters * raise);
    auto outcome = equal_shares(Election::create(raised, e.profile).value(), Satisfaction::kCost);
    return outcome.value().selected;
  };
  RaisedOutcome kept{run(0), 0};
  for (std::int64_t k = 0;; ++k) {
    const auto selected = run(k * increment);
    Rational cost;
    std::vector<bool> chosen(available.size(), false);
    for (auto p : selected) {
      cost += e.instance.projects[p].cost;
      chosen[p] = true;
    }
    if (cost > budget) return kept;
    kept = {selected, k * increment};
    bool all_funded = true;
    bool exhaustive = true;
    for (std::size_t p = 0; p < available.size(); ++p) {
      if (!available[p] || chosen[p]) continue;
      all_funded = false;
      if (e.instance.projects[p].cost <= budget - cost) exhaustive = false;
    }
    if (all_funded || exhaustive) return kept;
  }
}

TEST(EqualSharesIncrement, RaisesByTheIncrementAsTheDefinitionDoes) {
  const auto path = str_cat(PARTICIPA_CONFORMANCE_DIR, "/pabulib/Poland_Swiecie_2023.pb");
  auto election = io::read_pabulib_file(path);
  ASSERT_TRUE(election.ok()) << election.status();
  for (std::int64_t increment : {1, 7, 50}) {
    auto result = equal_shares(*election, Satisfaction::kCost, Completion::kAddOne, TieBreak{}, {},
                               increment);
    ASSERT_TRUE(result.ok()) << result.status();
    const auto expected = raise_by_definition(*election, increment);
    EXPECT_EQ(result->selected, expected.selected) << "increment " << increment;
    EXPECT_EQ(result->budget_increments, expected.raise) << "increment " << increment;
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
