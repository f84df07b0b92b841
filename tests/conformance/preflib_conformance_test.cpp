// Winners on PrefLib data against pref_voting 1.18.1 (expected_pref_voting.jsonl).
//
// pref_voting's irresolute methods return every tied winner, which is participa's report
// tie-break policy. Lines marked "unsupported" are methods pref_voting does not define for
// that profile type; they are not compared. Borda is compared on .soc files only: on
// truncated ballots pref_voting scores unranked candidates by a convention of its own.
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "gtest/gtest.h"
#include "participa/io/preflib.hpp"
#include "participa/tally/method.hpp"

namespace participa::tally {
namespace {

const std::string kDir = std::string(PARTICIPA_CONFORMANCE_DIR) + "/preflib/";

struct Case {
  std::string file;
  std::string reference_method;
  std::string method;
  std::vector<std::int64_t> winners;
  bool with_ties;
};

std::string our_name(const std::string& ref) {
  if (ref == "instant_runoff") return "irv";
  if (ref == "beat_path_schulze") return "schulze";
  if (ref == "ranked_pairs") return "ranked-pairs";
  if (ref == "split_cycle") return "split-cycle";
  if (ref == "smith_set") return "smith-set";
  if (ref == "nanson_strict") return "nanson";
  if (ref == "anti_plurality") return "anti-plurality";
  return ref;
}

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  std::ifstream in(kDir + "expected_pref_voting.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto doc = boost::json::parse(line).as_object();
    std::string file(doc.at("file").as_string());
    bool with_ties = doc.at("profile_type").as_string() == "ProfileWithTies";
    for (const auto& [key, value] : doc.at("winners").as_object()) {
      if (!value.is_array()) continue;  // "unsupported: ..."
      std::string ref(key);
      if (ref == "borda" && with_ties) continue;
      Case c{file, ref, our_name(ref), {}, with_ties};
      for (const auto& w : value.as_array()) c.winners.push_back(w.as_int64());
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.file << " " << c.reference_method; }

class PreflibConformance : public ::testing::TestWithParam<Case> {};

TEST_P(PreflibConformance, WinnersMatchPrefVoting) {
  const Case& c = GetParam();
  auto file = io::read_preflib_file(kDir + c.file);
  ASSERT_TRUE(file.ok()) << file.status();
  Options options;
  options.tie_break.policy = TieBreakPolicy::kReport;
  auto registry = MethodRegistry::with_builtins();
  auto result = registry.count(c.method, file->profile, options);
  ASSERT_TRUE(result.ok()) << result.status();
  std::set<std::int64_t> got;
  for (Candidate w : result->winners) got.insert(file->alternative_numbers[w]);
  EXPECT_EQ(got, std::set<std::int64_t>(c.winners.begin(), c.winners.end()))
      << c.file << " " << c.reference_method;
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = info.param.file + "_" + info.param.reference_method;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(PrefVoting, PreflibConformance, ::testing::ValuesIn(load_cases()),
                         case_name);

TEST(PreflibConformanceData, EveryLineIsRead) {
  // 4 PrefLib files and 35 minimal profiles; each has at least 10 supported methods.
  EXPECT_GE(load_cases().size(), 39u * 10u);
}

}  // namespace
}  // namespace participa::tally
