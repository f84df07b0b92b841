// Participatory-budgeting outcomes on real pabulib elections against pabutools 1.2.3
// (tests/data/conformance/pabulib/expected.jsonl): every line's selected set must match.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <boost/json.hpp>

#include "add_one_definition.hpp"
#include "gtest/gtest.h"
#include "pabutools_rules.hpp"
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

namespace participa::pb {
namespace {

// Add-one completion skips the raises whose outcome cannot differ from the last one run; on
// every shared file, real-world quirks included, it must stop where raising one increment at a
// time stops, with the same outcome. The increment is one unit wherever the loop it is held to
// stays under 1,000 runs; where it would not (Budapest 2024: 22,001 raises of one forint), about
// a 250th of the raise the completion stops at.
struct AddOneCase {
  std::string path;
  Satisfaction satisfaction;
  Completion completion;
};

void PrintTo(const AddOneCase& c, std::ostream* os) {
  *os << c.path << " " << to_string(c.satisfaction) << " " << to_string(c.completion);
}

std::vector<AddOneCase> add_one_cases() {
  std::vector<std::string> paths;
  for (const std::string folder : {"/pabulib/", "/pabulib-real/"}) {
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(PARTICIPA_CONFORMANCE_DIR) + folder)) {
      if (entry.path().extension() == ".pb") paths.push_back(entry.path().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  // The satisfactions each kind of ballot supports: approvals (choose-1 too) count cost or
  // projects, points their points, rankings their Borda score. The vote type is read off the
  // META section, since every test process lists the cases and loading every file is slow.
  std::vector<AddOneCase> out;
  for (const auto& path : paths) {
    std::ifstream in(path);
    std::string line, vote_type = "approval";
    while (std::getline(in, line) && line.rfind("PROJECTS", 0) != 0) {
      if (line.rfind("vote_type;", 0) == 0)
        vote_type = line.substr(10, line.find_last_not_of("\r") - 9);
    }
    if (vote_type == "approval" || vote_type == "choose-1") {
      out.push_back({path, Satisfaction::kCost, Completion::kAddOne});
      out.push_back({path, Satisfaction::kCost, Completion::kAddOneUntilInfeasible});
      out.push_back({path, Satisfaction::kCardinality, Completion::kAddOne});
    } else {
      const Satisfaction own =
          vote_type == "cumulative" ? Satisfaction::kPoints : Satisfaction::kBorda;
      out.push_back({path, own, Completion::kAddOne});
      out.push_back({path, own, Completion::kAddOneUntilInfeasible});
    }
  }
  return out;
}

class AddOneDefinition : public ::testing::TestWithParam<AddOneCase> {};

TEST_P(AddOneDefinition, StopsWhereTheUnitStepLoopStops) {
  const AddOneCase& c = GetParam();
  auto e = io::read_pabulib_file(c.path);
  ASSERT_TRUE(e.ok()) << e.status();
  std::int64_t increment = 1;
  auto result = equal_shares(*e, c.satisfaction, c.completion);
  ASSERT_TRUE(result.ok()) << result.status();
  if (result->budget_increments >= 1000) {
    increment = result->budget_increments / 250 + 1;
    result = equal_shares(*e, c.satisfaction, c.completion, TieBreak{}, {}, increment);
    ASSERT_TRUE(result.ok()) << result.status();
  }
  const auto expected =
      testing::raise_by_definition(*e, c.satisfaction, c.completion, increment, 3000);
  ASSERT_TRUE(expected.has_value()) << "no stopping point within 3,000 raises of " << increment;
  EXPECT_EQ(result->budget_increments, expected->raise) << "increment " << increment;
  EXPECT_EQ(result->selected, expected->selected) << "increment " << increment;
}

INSTANTIATE_TEST_SUITE_P(SharedFiles, AddOneDefinition, ::testing::ValuesIn(add_one_cases()),
                         [](const ::testing::TestParamInfo<AddOneCase>& param) {
                           std::string name = std::filesystem::path(param.param.path).stem();
                           name += str_cat("_", to_string(param.param.satisfaction), "_",
                                           to_string(param.param.completion));
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(AddOneData, EverySharedFileIsCompared) {
  std::set<std::string> files;
  for (const auto& c : add_one_cases()) files.insert(c.path);
  std::size_t shared = 0;
  for (const std::string folder : {"/pabulib/", "/pabulib-real/"}) {
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(PARTICIPA_CONFORMANCE_DIR) + folder)) {
      shared += entry.path().extension() == ".pb";
    }
  }
  EXPECT_EQ(files.size(), shared);
  EXPECT_GE(shared, 30u);
}

}  // namespace
}  // namespace participa::pb
