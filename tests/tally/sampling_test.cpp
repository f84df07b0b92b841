#include "participa/tally/sampling.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "gtest/gtest.h"
#include "status_matchers.hpp"

namespace participa::tally {
namespace {

using ::participa::testing::IsOk;
using ::participa::testing::StatusIs;
using ::testing::HasSubstr;

const std::vector<std::string> kABC = {"A", "B", "C"};
constexpr std::uint64_t kVoters = 60'000;

// How many voters cast each ballot, the ballot written as its candidates' indices in order.
std::map<std::vector<Candidate>, std::uint64_t> frequencies(const Profile& p) {
  std::map<std::vector<Candidate>, std::uint64_t> out;
  for (std::size_t i = 0; i < p.num_distinct(); ++i) {
    const auto marks = p.ballot(i).marks;
    out[{marks.begin(), marks.end()}] += p.weight(i);
  }
  return out;
}

std::vector<std::vector<Candidate>> all_rankings_of_three() {
  std::vector<Candidate> r = {0, 1, 2};
  std::vector<std::vector<Candidate>> out;
  do out.push_back(r);
  while (std::next_permutation(r.begin(), r.end()));
  return out;
}

// Each ranking's count is within five binomial standard deviations of voters * probability.
template <class Probability>
void expect_distribution(const Profile& p, Probability probability) {
  ASSERT_EQ(p.total_weight(), kVoters);
  const auto seen = frequencies(p);
  double total_probability = 0;
  for (const auto& ranking : all_rankings_of_three()) {
    const double q = probability(ranking);
    total_probability += q;
    const double expected = static_cast<double>(kVoters) * q;
    const double tolerance = 5 * std::sqrt(static_cast<double>(kVoters) * q * (1 - q)) + 1;
    const auto it = seen.find(ranking);
    const double got = it == seen.end() ? 0.0 : static_cast<double>(it->second);
    EXPECT_NEAR(got, expected, tolerance) << "ranking " << ranking[0] << ranking[1] << ranking[2];
  }
  EXPECT_NEAR(total_probability, 1.0, 1e-12);
}

// Pairs of candidates the two rankings order differently.
int kendall_tau(const std::vector<Candidate>& a, const std::vector<Candidate>& b) {
  auto position = [](const std::vector<Candidate>& r, Candidate c) {
    return std::find(r.begin(), r.end(), c) - r.begin();
  };
  int distance = 0;
  for (Candidate x = 0; x < a.size(); ++x) {
    for (Candidate y = x + 1; y < a.size(); ++y) {
      if ((position(a, x) < position(a, y)) != (position(b, x) < position(b, y))) ++distance;
    }
  }
  return distance;
}

TEST(Sampling, ImpartialCultureGivesEveryRankingTheSameChance) {
  auto p = sample_profile(
      kABC, {.model = SamplingModel::kImpartialCulture, .voters = kVoters, .seed = 1});
  ASSERT_THAT(p.status(), IsOk());
  EXPECT_EQ(p->num_distinct(), 6u);
  expect_distribution(*p, [](const auto&) { return 1.0 / 6; });
}

TEST(Sampling, MallowsWeighsEachRankingByItsDistanceFromTheReference) {
  const double phi = 0.5;
  const std::vector<Candidate> reference = {2, 0, 1};
  auto p = sample_profile(kABC, {.model = SamplingModel::kMallows,
                                 .voters = kVoters,
                                 .seed = 2,
                                 .phi = phi,
                                 .reference = reference});
  ASSERT_THAT(p.status(), IsOk());
  // The normalising constant for three candidates: (1)(1 + phi)(1 + phi + phi^2).
  const double z = (1 + phi) * (1 + phi + phi * phi);
  expect_distribution(*p, [&](const std::vector<Candidate>& r) {
    return std::pow(phi, kendall_tau(r, reference)) / z;
  });
}

TEST(Sampling, MallowsAtTheExtremesIsTheReferenceOrImpartialCulture) {
  const std::vector<std::string> ten = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
  const std::vector<Candidate> reference = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
  auto same = sample_profile(ten, {.model = SamplingModel::kMallows,
                                   .voters = 500,
                                   .seed = 3,
                                   .phi = 0.0,
                                   .reference = reference});
  ASSERT_THAT(same.status(), IsOk());
  ASSERT_EQ(same->num_distinct(), 1u);
  const auto marks = same->ballot(0).marks;
  EXPECT_EQ(std::vector<Candidate>(marks.begin(), marks.end()), reference);

  auto uniform = sample_profile(
      kABC, {.model = SamplingModel::kMallows, .voters = kVoters, .seed = 4, .phi = 1.0});
  ASSERT_THAT(uniform.status(), IsOk());
  expect_distribution(*uniform, [](const auto&) { return 1.0 / 6; });
}

TEST(Sampling, PlackettLuceFillsEachPositionInProportionToStrength) {
  const std::vector<double> strengths = {1, 2, 3};
  auto p = sample_profile(kABC, {.model = SamplingModel::kPlackettLuce,
                                 .voters = kVoters,
                                 .seed = 5,
                                 .strengths = strengths});
  ASSERT_THAT(p.status(), IsOk());
  expect_distribution(*p, [&](const std::vector<Candidate>& r) {
    const double first = strengths[r[0]] / 6;
    const double second = strengths[r[1]] / (6 - strengths[r[0]]);
    return first * second;
  });
}

TEST(Sampling, UrnWithoutReplacementIsImpartialCulture) {
  auto p = sample_profile(
      kABC, {.model = SamplingModel::kUrn, .voters = kVoters, .seed = 6, .alpha = 0.0});
  ASSERT_THAT(p.status(), IsOk());
  expect_distribution(*p, [](const auto&) { return 1.0 / 6; });
}

TEST(Sampling, UrnMakesTheSecondVoterCopyTheFirstAsOftenAsAlphaSays) {
  // With alpha = 1 the second voter copies the first with probability 1/2, and otherwise draws
  // a fresh ranking that equals the first with probability 1/6: 1/2 + 1/12 = 7/12 in all.
  constexpr int kSamples = 6000;
  int identical = 0;
  for (int seed = 0; seed < kSamples; ++seed) {
    auto p = sample_profile(kABC, {.model = SamplingModel::kUrn,
                                   .voters = 2,
                                   .seed = static_cast<std::uint64_t>(seed),
                                   .alpha = 1.0});
    ASSERT_THAT(p.status(), IsOk());
    if (p->num_distinct() == 1) ++identical;
  }
  const double q = 7.0 / 12;
  EXPECT_NEAR(identical, kSamples * q, 5 * std::sqrt(kSamples * q * (1 - q)));

  // A huge alpha: voter t draws afresh with probability 1 / (1 + 1e6 t), so all 1000 agree.
  auto herd =
      sample_profile(kABC, {.model = SamplingModel::kUrn, .voters = 1000, .seed = 7, .alpha = 1e6});
  ASSERT_THAT(herd.status(), IsOk());
  EXPECT_EQ(herd->num_distinct(), 1u);
}

TEST(Sampling, MaxRankKeepsTheFirstPositions) {
  auto p = sample_profile(
      kABC,
      {.model = SamplingModel::kImpartialCulture, .voters = kVoters, .seed = 8, .max_rank = 1});
  ASSERT_THAT(p.status(), IsOk());
  EXPECT_EQ(p->num_distinct(), 3u);
  EXPECT_EQ(p->num_marks(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(static_cast<double>(p->weight(i)), kVoters / 3.0,
                5 * std::sqrt(kVoters * (1.0 / 3) * (2.0 / 3)));
  }
}

TEST(Sampling, TheSameSeedGivesTheSameProfileAndAnotherSeedAnother) {
  const SamplingOptions options = {.model = SamplingModel::kPlackettLuce,
                                   .voters = 2000,
                                   .seed = 11,
                                   .strengths = {1, 1.5, 0.25}};
  auto a = sample_profile(kABC, options);
  auto b = sample_profile(kABC, options);
  auto other_options = options;
  other_options.seed = 12;
  auto c = sample_profile(kABC, other_options);
  ASSERT_THAT(a.status(), IsOk());
  ASSERT_THAT(b.status(), IsOk());
  ASSERT_THAT(c.status(), IsOk());
  EXPECT_EQ(a->digest(), b->digest());
  EXPECT_NE(a->digest(), c->digest());
}

TEST(Sampling, RefusesParametersOutOfRangeOrForAnotherModel) {
  auto refused = [](SamplingOptions options, absl::StatusCode code, std::string_view says) {
    EXPECT_THAT(sample_profile(kABC, options).status(), StatusIs(code, HasSubstr(says))) << says;
  };
  using enum SamplingModel;
  constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;
  refused({.model = kImpartialCulture, .voters = 0}, kInvalid, "at least one voter");
  refused({.model = kImpartialCulture, .voters = 5, .phi = 0.5}, kInvalid,
          "phi is a parameter of the mallows model, not of impartial-culture");
  refused({.model = kUrn, .voters = 5, .strengths = {1, 2, 3}, .alpha = 1}, kInvalid,
          "strengths is a parameter of the plackett-luce model, not of urn");
  refused({.model = kMallows, .voters = 5, .phi = 0.5, .alpha = 1}, kInvalid,
          "alpha is a parameter of the urn model");
  refused({.model = kMallows, .voters = 5}, kInvalid, "the mallows model needs phi");
  refused({.model = kMallows, .voters = 5, .phi = 1.5}, kInvalid, "not between 0 and 1");
  refused({.model = kMallows, .voters = 5, .phi = std::nan("")}, kInvalid, "not between 0 and 1");
  refused({.model = kMallows, .voters = 5, .phi = 0.5, .reference = {0, 1, 1}}, kInvalid,
          "each of the 3 candidates once");
  refused({.model = kMallows, .voters = 5, .phi = 0.5, .reference = {0, 1, 5}}, kInvalid,
          "each of the 3 candidates once");
  refused({.model = kPlackettLuce, .voters = 5, .strengths = {1, 2}}, kInvalid,
          "2 for 3 candidates");
  refused({.model = kPlackettLuce, .voters = 5, .strengths = {1, 0, 2}}, kInvalid,
          "candidate 1 (0) is not positive");
  refused({.model = kPlackettLuce, .voters = 5, .strengths = {1, INFINITY, 2}}, kInvalid,
          "is not positive and finite");
  refused({.model = kUrn, .voters = 5}, kInvalid, "the urn model needs alpha");
  refused({.model = kUrn, .voters = 5, .alpha = -1}, kInvalid, "alpha -1 is not finite");
  refused({.model = kImpartialCulture, .voters = 5, .max_rank = 4}, kInvalid,
          "max_rank 4 is more than the 3 candidates");
  refused({.model = kImpartialCulture, .voters = kMaxSampledMarks}, absl::StatusCode::kOutOfRange,
          "marks one sample may hold");
  EXPECT_THAT(sample_profile({"A", "A"}, {.voters = 1}).status(),
              StatusIs(kInvalid, HasSubstr("A")));
}

TEST(Sampling, StopsWhenAskedTo) {
  StopToken stop;
  stop.request_stop();
  EXPECT_THAT(sample_profile(kABC, {.voters = 10}, {.stop = &stop}).status(),
              StatusIs(absl::StatusCode::kCancelled, HasSubstr("sampling")));
}

TEST(Sampling, ModelNamesReadBack) {
  for (const auto& [model, name] : kSamplingModelNames) {
    EXPECT_EQ(parse_sampling_model(name).value(), model);
    EXPECT_EQ(to_string(model), name);
  }
  EXPECT_THAT(parse_sampling_model("IC").status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("impartial-culture, mallows, plackett-luce or urn")));
}

}  // namespace
}  // namespace participa::tally
