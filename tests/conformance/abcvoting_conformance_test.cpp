// The committee rules against abcvoting's own regression instances: every winning committee of
// pav, cc, seqpav, seqcc, seqphragmen and equal-shares as abcvoting lists them (under any
// tie-breaking), for 15 random approval profiles. Each committee participa elects, under every
// lot order of the candidates, must be one of them; for the exact rules the committees reached
// over all lot orders, and the union reported under the report policy, must be all of them.
#include <algorithm>
#include <fstream>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "gtest/gtest.h"
#include "participa/core/strings.hpp"
#include "participa/tally/committee.hpp"
#include "participa/tally/justified_representation.hpp"
#include "participa/tally/profile_builder.hpp"
#include "status_matchers.hpp"

namespace participa::tally {
namespace {

using Committee = std::vector<Candidate>;

struct Instance {
  std::string name;
  int seats = 0;
  Profile profile;
  std::map<std::string, std::set<Committee>> committees;  // abcvoting rule id → all winners
};

const std::string kExpected = std::string(PARTICIPA_CONFORMANCE_DIR) + "/abcvoting/expected.jsonl";

std::vector<Instance> load() {
  std::ifstream in(kExpected);
  std::vector<Instance> out;
  std::string line;
  while (std::getline(in, line)) {
    const auto row = boost::json::parse(line).as_object();
    Instance instance;
    instance.name = std::string(row.at("instance").as_string());
    instance.seats = static_cast<int>(row.at("committeesize").as_int64());
    std::vector<std::string> names;
    for (std::int64_t c = 0; c < row.at("num_cand").as_int64(); ++c) {
      names.push_back(str_cat("c", c));
    }
    ProfileBuilder voters = ProfileBuilder::create(names, BallotKind::kApproval).value();
    for (const auto& voter : row.at("profile").as_array()) {
      std::vector<Candidate> approved;
      for (const auto& c : voter.as_array())
        approved.push_back(static_cast<Candidate>(c.as_int64()));
      EXPECT_TRUE(voters.add(approved).ok()) << instance.name;
    }
    instance.profile = voters.build();
    for (const char* rule : {"pav", "cc", "seqpav", "seqcc", "seqphragmen", "equal-shares"}) {
      for (const auto& committee : row.at(rule).as_array()) {
        Committee members;
        for (const auto& c : committee.as_array()) {
          members.push_back(static_cast<Candidate>(c.as_int64()));
        }
        instance.committees[rule].insert(members);
      }
    }
    out.push_back(std::move(instance));
  }
  return out;
}

struct Rule {
  const char* abcvoting;
  absl::StatusOr<Result> (*count)(const Profile&, const Options&);
  bool exact;
  std::optional<Axiom> guaranteed;
};

const std::vector<Rule>& rules() {
  static const std::vector<Rule> all = {
      {"pav", pav, true, Axiom::kEjr},
      {"cc", chamberlin_courant, true, Axiom::kJr},
      {"seqpav", sequential_pav, false, std::nullopt},
      {"seqcc", sequential_chamberlin_courant, false, std::nullopt},
      {"seqphragmen", sequential_phragmen, false, Axiom::kPjr},
      {"equal-shares", equal_shares, false, Axiom::kEjr},
  };
  return all;
}

TEST(AbcvotingConformance, EveryInstanceIsRead) { EXPECT_EQ(load().size(), 15u); }

TEST(AbcvotingConformance, EveryElectedCommitteeIsOneOfAbcvotingsUnderEveryLotOrder) {
  std::size_t counts = 0;
  for (const Instance& instance : load()) {
    for (const Rule& rule : rules()) {
      const std::set<Committee>& expected = instance.committees.at(rule.abcvoting);
      std::vector<Candidate> order(instance.profile.num_candidates());
      std::iota(order.begin(), order.end(), Candidate{0});
      std::set<Committee> reached;
      do {
        Options options;
        options.seats = instance.seats;
        options.tie_break.policy = TieBreakPolicy::kPermutation;
        options.tie_break.permutation = order;
        ASSERT_OK_AND_ASSIGN(Result result, rule.count(instance.profile, options));
        ++counts;
        Committee elected = result.winners;
        std::sort(elected.begin(), elected.end());
        ASSERT_TRUE(expected.contains(elected))
            << instance.name << " " << rule.abcvoting << ": elected a committee abcvoting does not";
        reached.insert(elected);
        if (rule.guaranteed && reached.size() == 1) {
          ASSERT_OK_AND_ASSIGN(auto violation, find_violation(instance.profile, elected,
                                                              instance.seats, *rule.guaranteed));
          EXPECT_FALSE(violation.has_value())
              << instance.name << " " << rule.abcvoting << " fails " << to_string(*rule.guaranteed);
        }
      } while (std::next_permutation(order.begin(), order.end()));
      if (rule.exact) {
        EXPECT_EQ(reached, expected) << instance.name << " " << rule.abcvoting;
      }
    }
  }
  EXPECT_EQ(counts, 15u * 6u * 720u);
}

TEST(AbcvotingConformance, ReportPolicyNamesEveryCandidateOfAnOptimalCommittee) {
  for (const Instance& instance : load()) {
    for (const Rule& rule : rules()) {
      if (!rule.exact) continue;
      Options options;
      options.seats = instance.seats;
      ASSERT_OK_AND_ASSIGN(Result result, rule.count(instance.profile, options));
      std::set<Candidate> union_of_optimal;
      for (const Committee& c : instance.committees.at(rule.abcvoting)) {
        union_of_optimal.insert(c.begin(), c.end());
      }
      EXPECT_EQ(std::set<Candidate>(result.winners.begin(), result.winners.end()), union_of_optimal)
          << instance.name << " " << rule.abcvoting;
      EXPECT_EQ(result.tied_winners, instance.committees.at(rule.abcvoting).size() > 1)
          << instance.name << " " << rule.abcvoting;
      const auto& note = result.rounds.at(0).note;
      EXPECT_EQ(note.substr(0, note.find(' ')),
                std::to_string(instance.committees.at(rule.abcvoting).size()))
          << instance.name << " " << rule.abcvoting << ": " << note;
    }
  }
}

}  // namespace
}  // namespace participa::tally
