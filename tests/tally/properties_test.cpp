// Properties every count must have, checked on seeded random profiles.
#include <algorithm>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "participa/core/rng.hpp"
#include "participa/io/json.hpp"
#include "participa/io/proto.hpp"
#include "participa/tally/method.hpp"
#include "participa/tally/pairwise.hpp"
#include "participa/tally/profile_builder.hpp"
#include "status_matchers.hpp"

namespace participa::tally {
namespace {

using ::participa::testing::StatusIs;
using ::testing::HasSubstr;

struct Cast {
  std::vector<Candidate> marks;
  std::vector<std::int32_t> values;
};

// Ballots of `kind` over n candidates: ranked ones truncated at random with some equal ranks.
std::vector<Cast> random_ballots(Rng& rng, BallotKind kind, std::size_t n, int count) {
  std::vector<Cast> out;
  for (int i = 0; i < count; ++i) {
    std::vector<Candidate> order(n);
    for (std::size_t c = 0; c < n; ++c) order[c] = static_cast<Candidate>(c);
    rng.shuffle(order);
    Cast b;
    std::size_t length = 1 + rng.uniform(static_cast<std::uint32_t>(n));
    if (kind == BallotKind::kSingleChoice) length = 1;
    b.marks.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(length));
    if (kind == BallotKind::kRanked) {
      std::int32_t level = 0;
      for (std::size_t k = 0; k < length; ++k) {
        if (k > 0 && rng.uniform(5) != 0) ++level;
        b.values.push_back(level);
      }
    } else if (kind == BallotKind::kScore) {
      for (std::size_t k = 0; k < length; ++k)
        b.values.push_back(static_cast<std::int32_t>(rng.uniform(6)));
    }
    out.push_back(std::move(b));
  }
  return out;
}

Profile build(const std::vector<Cast>& ballots, BallotKind kind, std::size_t n) {
  std::vector<std::string> names;
  for (std::size_t c = 0; c < n; ++c) names.push_back(std::string(1, static_cast<char>('A' + c)));
  ProfileBuilder p = ProfileBuilder::create(names, kind).value();
  for (const auto& b : ballots) EXPECT_TRUE(p.add(BallotView{b.marks, b.values}).ok());
  return p.build();
}

std::vector<std::string> methods_for(const MethodRegistry& registry, BallotKind kind) {
  std::vector<std::string> out;
  for (const auto& name : registry.names()) {
    const auto& accepts = (*registry.find(name))->accepts;
    if (std::find(accepts.begin(), accepts.end(), kind) != accepts.end()) out.push_back(name);
  }
  return out;
}

class CountProperties : public ::testing::TestWithParam<BallotKind> {};

TEST_P(CountProperties, OrderShardsAndSerializationDoNotChangeTheResult) {
  const BallotKind kind = GetParam();
  const auto registry = MethodRegistry::with_builtins();
  Rng rng(2024);
  for (int trial = 0; trial < 12; ++trial) {
    const std::size_t n = 3 + trial % 4;
    auto ballots = random_ballots(rng, kind, n, 25 + trial * 7);
    Profile whole = build(ballots, kind, n);

    auto shuffled = ballots;
    rng.shuffle(shuffled);
    Profile reordered = build(shuffled, kind, n);

    std::size_t cut1 = ballots.size() / 3, cut2 = 2 * ballots.size() / 3;
    Profile merged =
        build({ballots.begin(), ballots.begin() + static_cast<std::ptrdiff_t>(cut1)}, kind, n);
    ASSERT_TRUE(
        merged
            .merge(build({ballots.begin() + static_cast<std::ptrdiff_t>(cut2), ballots.end()}, kind,
                         n))
            .ok());
    ASSERT_TRUE(merged
                    .merge(build({ballots.begin() + static_cast<std::ptrdiff_t>(cut1),
                                  ballots.begin() + static_cast<std::ptrdiff_t>(cut2)},
                                 kind, n))
                    .ok());
    EXPECT_EQ(merged, whole);
    EXPECT_EQ(merged.digest(), whole.digest());

    auto profile_back = io::from_proto(io::to_proto(whole));
    ASSERT_TRUE(profile_back.ok()) << profile_back.status();
    EXPECT_EQ(*profile_back, whole);
    auto profile_json = io::profile_from_json(io::profile_to_json(whole));
    ASSERT_TRUE(profile_json.ok()) << profile_json.status();
    EXPECT_EQ(*profile_json, whole);

    for (const auto& method : methods_for(registry, kind)) {
      if (whole.has_equal_ranks() && !(*registry.find(method))->accepts_equal_ranks) {
        EXPECT_THAT(registry.count(method, whole, {}),
                    StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("strict rankings")));
        continue;
      }
      for (auto policy : {TieBreakPolicy::kReport, TieBreakPolicy::kRandom}) {
        Options options;
        options.tie_break = {policy, {}, 99};
        auto a = registry.count(method, whole, options);
        ASSERT_TRUE(a.ok()) << method << ": " << a.status();
        auto b = registry.count(method, reordered, options);
        auto c = registry.count(method, merged, options);
        ASSERT_TRUE(b.ok() && c.ok()) << method;
        EXPECT_EQ(io::result_to_json(*a), io::result_to_json(*b)) << method << " ballot order";
        EXPECT_EQ(io::result_to_json(*a), io::result_to_json(*c)) << method << " shards";
        EXPECT_FALSE(a->winners.empty()) << method;

        auto proto_back = io::from_proto(io::to_proto(*a));
        ASSERT_TRUE(proto_back.ok()) << method << ": " << proto_back.status();
        EXPECT_EQ(*proto_back, *a) << method;
        auto json_back = io::result_from_json(io::result_to_json(*a, /*pretty=*/true));
        ASSERT_TRUE(json_back.ok()) << method << ": " << json_back.status();
        EXPECT_EQ(*json_back, *a) << method;
        auto bytes_back = io::result_from_bytes(io::result_to_bytes(*a));
        ASSERT_TRUE(bytes_back.ok());
        EXPECT_EQ(*bytes_back, *a) << method;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kinds, CountProperties,
                         ::testing::Values(BallotKind::kRanked, BallotKind::kSingleChoice,
                                           BallotKind::kApproval, BallotKind::kScore),
                         [](const ::testing::TestParamInfo<BallotKind>& param) {
                           std::string name(to_string(param.param));
                           name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
                           return name;
                         });

// A Condorcet winner wins every Condorcet-consistent method, alone.
TEST(CondorcetProperty, TheCondorcetWinnerWinsEveryCondorcetMethod) {
  const auto registry = MethodRegistry::with_builtins();
  Rng rng(7);
  int profiles_with_winner = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t n = 3 + trial % 5;
    Profile p =
        build(random_ballots(rng, BallotKind::kRanked, n, 9 + trial % 13), BallotKind::kRanked, n);
    auto cw = PairwiseMatrix::from_profile(p).condorcet_winner();
    if (cw < 0) continue;
    ++profiles_with_winner;
    for (const char* method : {"copeland", "minimax", "schulze", "ranked-pairs", "split-cycle",
                               "smith-set", "condorcet", "baldwin", "nanson"}) {
      auto r = registry.count(method, p, {});
      ASSERT_TRUE(r.ok()) << method << ": " << r.status();
      EXPECT_EQ(r->winners, std::vector<Candidate>{static_cast<Candidate>(cw)})
          << method << " trial " << trial;
    }
  }
  EXPECT_GT(profiles_with_winner, 100);
}

// A result read back keeps only head-to-head counts a count could give: a square over the
// candidates, nothing on the diagonal, no pair compared on more ballots than were counted.
TEST(ResultSerialization, RefusesHeadToHeadCountsNoCountGives) {
  Rng rng(11);
  Profile p = build(random_ballots(rng, BallotKind::kRanked, 3, 12), BallotKind::kRanked, 3);
  auto counted = MethodRegistry::with_builtins().count("schulze", p, {});
  ASSERT_TRUE(counted.ok()) << counted.status();
  ASSERT_EQ(counted->pairwise.size(), 3u);
  auto refused = [&](auto change, std::string_view reason) {
    Result changed = *counted;
    change(changed.pairwise);
    auto back = io::from_proto(io::to_proto(changed));
    ASSERT_FALSE(back.ok()) << reason;
    EXPECT_NE(std::string(back.status().message()).find(reason), std::string::npos)
        << back.status();
  };
  using Rows = std::vector<std::vector<std::uint64_t>>;
  refused([](Rows& rows) { rows.pop_back(); }, "2 rows for 3 candidates");
  refused([](Rows& rows) { rows[1].push_back(0); }, "row 2 has 4 entries for 3 candidates");
  refused([](Rows& rows) { rows[2][2] = 1; }, "'C' is counted against itself");
  refused([&](Rows& rows) { rows[0][1] = counted->total_weight - rows[1][0] + 1; },
          "'A' and 'B' are compared on more ballots than the 12 counted");
}

}  // namespace
}  // namespace participa::tally
