// Properties of the PB rules on small seeded random elections: outcomes never exceed the
// budget; the order of voters does not matter; equal shares satisfies EJR up to one project
// (checked by brute force over groups and projects).
#include <algorithm>
#include <numeric>

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

namespace participa::pb {
namespace {

// A random approval election: `projects` projects of cost 1..9, `voters` voters approving 1..4.
std::string random_file(Rng& rng, int projects, int voters, int budget, bool shuffle_voters) {
  std::string text = str_cat("META\nkey;value\nbudget;", budget,
                             "\nvote_type;approval\nPROJECTS\nproject_id;cost\n");
  for (int p = 0; p < projects; ++p) str_append(&text, "p", p, ";", 1 + rng.uniform(9), "\n");
  std::vector<std::string> rows;
  for (int v = 0; v < voters; ++v) {
    std::vector<int> all(static_cast<std::size_t>(projects));
    std::iota(all.begin(), all.end(), 0);
    rng.shuffle(all);
    std::string row = str_cat("v", v, ";");
    int k = 1 + static_cast<int>(rng.uniform(4));
    for (int i = 0; i < k && i < projects; ++i)
      str_append(&row, i ? "," : "", "p", all[static_cast<std::size_t>(i)]);
    rows.push_back(row);
  }
  if (shuffle_voters) rng.shuffle(rows);
  text += "VOTES\nvoter_id;vote\n";
  for (const auto& r : rows) str_append(&text, r, "\n");
  return text;
}

std::vector<std::uint32_t> sorted(std::vector<std::uint32_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(PbProperties, WithinBudgetAndIndependentOfVoterOrder) {
  for (int trial = 0; trial < 60; ++trial) {
    Rng a(100 + static_cast<std::uint64_t>(trial)), b(100 + static_cast<std::uint64_t>(trial));
    auto e1 = io::parse_pabulib(random_file(a, 6, 12, 15, false));
    // Same draws, then the voter rows shuffled with the generator's next numbers.
    auto e2 = io::parse_pabulib(random_file(b, 6, 12, 15, true));
    ASSERT_TRUE(e1.ok() && e2.ok()) << e1.status() << e2.status();
    for (auto sat : {Satisfaction::kCost, Satisfaction::kCardinality}) {
      for (auto c : {Completion::kNone, Completion::kAddOne, Completion::kAddOneThenGreedy}) {
        auto o1 = equal_shares(*e1, sat, c);
        auto o2 = equal_shares(*e2, sat, c);
        ASSERT_TRUE(o1.ok() && o2.ok());
        EXPECT_LE(o1->total_cost, e1->instance.budget);
        EXPECT_EQ(sorted(o1->selected), sorted(o2->selected)) << "trial " << trial;
      }
      auto g = greedy(*e1, sat);
      EXPECT_LE(g->total_cost, e1->instance.budget);
      EXPECT_EQ(sorted(g->selected), sorted(greedy(*e2, sat)->selected));
    }
    auto ph = phragmen(*e1);
    EXPECT_LE(ph->total_cost, e1->instance.budget);
    EXPECT_EQ(sorted(ph->selected), sorted(phragmen(*e2)->selected));
  }
}

// EJR up to one project (cost satisfaction, Peters, Pierczyński and Skowron): for every group S
// of voters who all approve a set T with |S| / n * budget >= cost(T), some voter i in S has
// sat_i(W) >= cost(T), or sat_i(W) + cost(a) > cost(T) for some project a of T not funded.
TEST(PbProperties, EqualSharesIsEjrUpToOneProject) {
  int checked = 0;
  for (int trial = 0; trial < 40; ++trial) {
    Rng rng(500 + static_cast<std::uint64_t>(trial));
    auto e = io::parse_pabulib(random_file(rng, 5, 8, 14, false));
    ASSERT_TRUE(e.ok());
    auto o = equal_shares(*e, Satisfaction::kCost);
    ASSERT_TRUE(o.ok());
    const auto& projects = e->instance.projects;
    const int m = static_cast<int>(projects.size());
    const int n = static_cast<int>(e->voters.size());
    // Each voter's approved set, from the rows.
    std::vector<std::uint32_t> approved(static_cast<std::size_t>(n), 0);
    for (int v = 0; v < n; ++v) {
      std::string_view vote = e->voters.field(static_cast<std::size_t>(v), 1);
      for (int p = 0; p < m; ++p) {
        std::string id = projects[static_cast<std::size_t>(p)].id;
        std::size_t at = 0;
        while ((at = vote.find(id, at)) != std::string_view::npos) {
          std::size_t end = at + id.size();
          if ((at == 0 || vote[at - 1] == ',') && (end == vote.size() || vote[end] == ',')) {
            approved[static_cast<std::size_t>(v)] |= 1u << p;
          }
          at = end;
        }
      }
    }
    std::uint32_t won = 0;
    for (auto p : o->selected) won |= 1u << p;
    auto cost_of = [&](std::uint32_t set) {
      Rational c;
      for (int p = 0; p < m; ++p)
        if (set >> p & 1) c += projects[static_cast<std::size_t>(p)].cost;
      return c;
    };
    for (std::uint32_t t = 1; t < (1u << m); ++t) {
      std::vector<int> group;
      for (int v = 0; v < n; ++v)
        if ((approved[static_cast<std::size_t>(v)] & t) == t) group.push_back(v);
      if (group.empty()) continue;
      const Rational cost_t = cost_of(t);
      if (Rational(static_cast<std::int64_t>(group.size())) * e->instance.budget < cost_t * n)
        continue;
      Rational best_missing;
      for (int p = 0; p < m; ++p) {
        if ((t >> p & 1) && !(won >> p & 1))
          best_missing = std::max(best_missing, projects[static_cast<std::size_t>(p)].cost);
      }
      bool satisfied = false;
      for (int v : group) {
        Rational sat = cost_of(approved[static_cast<std::size_t>(v)] & won);
        satisfied = satisfied || sat >= cost_t || (best_missing > 0 && sat + best_missing > cost_t);
      }
      EXPECT_TRUE(satisfied) << "trial " << trial << " projects " << t;
      ++checked;
    }
  }
  EXPECT_GT(checked, 20);
}

// Maximum welfare against brute force over every subset of projects.
TEST(PbProperties, MaxWelfareIsOptimal) {
  for (int trial = 0; trial < 40; ++trial) {
    Rng rng(900 + static_cast<std::uint64_t>(trial));
    auto e = io::parse_pabulib(random_file(rng, 7, 10, 17, false));
    ASSERT_TRUE(e.ok());
    for (auto sat : {Satisfaction::kCost, Satisfaction::kCardinality}) {
      auto o = max_welfare(*e, sat);
      ASSERT_TRUE(o.ok()) << o.status();
      EXPECT_LE(o->total_cost, e->instance.budget);
      // Total satisfaction of a set, from greedy's per-project densities times costs.
      auto g = greedy(*e, sat);
      std::vector<Rational> value(e->instance.projects.size());
      for (const auto& step : g->rounds)
        value[step.project] = *step.density * e->instance.projects[step.project].cost;
      auto welfare = [&](std::uint32_t set) {
        Rational w, c;
        for (std::uint32_t p = 0; p < value.size(); ++p) {
          if (set >> p & 1) {
            w += value[p];
            c += e->instance.projects[p].cost;
          }
        }
        return c <= e->instance.budget ? w : Rational(-1);
      };
      Rational best = 0;
      for (std::uint32_t set = 0; set < (1u << value.size()); ++set)
        best = std::max(best, welfare(set));
      std::uint32_t got = 0;
      for (auto p : o->selected) got |= 1u << p;
      EXPECT_EQ(welfare(got), best) << "trial " << trial;
    }
  }
}

}  // namespace
}  // namespace participa::pb
