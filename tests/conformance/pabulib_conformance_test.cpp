// Participatory-budgeting outcomes on real pabulib elections against pabutools 1.2.3
// (tests/data/conformance/pabulib/expected.jsonl): every line's selected set must match.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <boost/json.hpp>

#include "gtest/gtest.h"
#include "pabutools_rules.hpp"
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

namespace json = boost::json;
const std::string kDir = std::string(PARTICIPA_CONFORMANCE_DIR) + "/pabulib/";

struct Line {
  std::string file, rule;
  std::set<std::string> selected;
};

void PrintTo(const Line& l, std::ostream* os) { *os << l.file << " " << l.rule; }

std::vector<Line> lines() {
  std::vector<Line> out;
  std::ifstream in(kDir + "expected.jsonl");
  std::string text;
  while (std::getline(in, text)) {
    if (text.empty()) continue;
    auto doc = json::parse(text).as_object();
    Line l{std::string(doc.at("file").as_string()), std::string(doc.at("rule").as_string()), {}};
    for (const auto& s : doc.at("selected").as_array()) {
      l.selected.insert(s.is_string() ? std::string(s.as_string()) : json::serialize(s));
    }
    out.push_back(std::move(l));
  }
  return out;
}

const Election& election(const std::string& file) {
  static std::map<std::string, Election> cache;
  auto it = cache.find(file);
  if (it == cache.end()) {
    auto e = io::read_pabulib_file(kDir + file);
    EXPECT_TRUE(e.ok()) << e.status();
    it = cache.emplace(file, e.ok() ? std::move(*e) : Election{}).first;
  }
  return it->second;
}

class PabutoolsConformance : public ::testing::TestWithParam<Line> {};

TEST_P(PabutoolsConformance, SelectedProjectsMatch) {
  const Line& l = GetParam();
  const Election& e = election(l.file);
  auto outcome = ::participa::testing::run_pabutools_rule(e, l.rule);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  std::set<std::string> got;
  for (auto p : outcome->selected) got.insert(e.instance.projects[p].id);
  EXPECT_EQ(got, l.selected) << l.file << " " << l.rule;
  EXPECT_LE(outcome->total_cost, e.instance.budget);
}

INSTANTIATE_TEST_SUITE_P(Pabulib, PabutoolsConformance, ::testing::ValuesIn(lines()),
                         [](const ::testing::TestParamInfo<Line>& param) {
                           std::string name = param.param.file + "_" + param.param.rule;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(PabutoolsConformanceData, AllLinesAreRead) { EXPECT_EQ(lines().size(), 186u); }

}  // namespace
}  // namespace participa::pb

namespace participa::pb {
namespace {

// Cities' own outcomes: every conformance file with a `selected` column and a rule of the
// official list must be reproduced exactly by `official`.
class OfficialOutcome : public ::testing::TestWithParam<std::string> {};

std::vector<std::string> files_with_official_outcome() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(kDir)) {
    if (entry.path().extension() != ".pb") continue;
    const Election& e = election(entry.path().filename().string());
    auto rule = e.instance.meta_value("rule").value_or("");
    bool listed = rule == "greedy" || rule == "greedy-threshold" || rule == "greedy-no-skip" ||
                  rule == "equalshares/add1" || rule == "equalshares/add1-comparison";
    bool has_selected =
        std::find(e.instance.project_columns.begin(), e.instance.project_columns.end(),
                  "selected") != e.instance.project_columns.end();
    if (listed && has_selected) out.push_back(entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_P(OfficialOutcome, ReproducesTheSelectedColumn) {
  const Election& e = election(GetParam());
  auto outcome = official(e);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  std::set<std::string> got, expected;
  for (auto p : outcome->selected) got.insert(e.instance.projects[p].id);
  for (const auto& project : e.instance.projects) {
    if (project.fields.at("selected") == "1") expected.insert(project.id);
  }
  EXPECT_EQ(got, expected) << GetParam() << " (" << e.instance.meta_value("rule").value_or("")
                           << ")";
}

INSTANTIATE_TEST_SUITE_P(Cities, OfficialOutcome,
                         ::testing::ValuesIn(files_with_official_outcome()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(OfficialOutcomeData, TwelveCitiesHaveAnOfficialOutcome) {
  EXPECT_EQ(files_with_official_outcome().size(), 12u);
}

}  // namespace
}  // namespace participa::pb
