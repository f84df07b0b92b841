// RCTab's own test cases (tests/data/conformance/rctab): participa's detailed report must match
// RCTab's expected report round by round — every tally, threshold, inactive-ballot count,
// election, elimination and transfer — and the summary. Numbers are compared as exact
// decimals, so "2.3330" and "2.333" are equal. max_ranking_enforcement has no report because
// RCTab refuses its CVR; participa must refuse it too.
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <boost/json.hpp>

#include "gtest/gtest.h"
#include "participa/io/rctab.hpp"

namespace participa::io {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

const fs::path kDir = fs::path(PARTICIPA_CONFORMANCE_DIR) / "rctab";

Rational decimal(const json::value& v) {
  std::string text = v.is_string() ? std::string(v.as_string()) : json::serialize(v);
  auto parsed = parse_decimal_text(text);
  EXPECT_TRUE(parsed.ok()) << text;
  return parsed.ok() ? *parsed : Rational(-1);
}

std::map<std::string, Rational> decimals(const json::object& o) {
  std::map<std::string, Rational> out;
  for (const auto& [k, v] : o) out[std::string(k)] = decimal(v);
  return out;
}

using Actions = std::map<std::pair<std::string, std::string>, std::map<std::string, Rational>>;
Actions actions(const json::array& list) {
  Actions out;
  for (const auto& a : list) {
    const auto& o = a.as_object();
    std::string kind = o.contains("elected") ? "elected" : "eliminated";
    out[{kind, std::string(o.at(kind).as_string())}] = decimals(o.at("transfers").as_object());
  }
  return out;
}

json::value load(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return json::parse(s.str());
}

void compare(const json::value& expected, const json::value& got, const std::string& label) {
  const auto& er = expected.at("results").as_array();
  const auto& gr = got.at("results").as_array();
  ASSERT_EQ(er.size(), gr.size()) << label << ": number of rounds";
  for (std::size_t i = 0; i < er.size(); ++i) {
    const auto& e = er[i].as_object();
    const auto& g = gr[i].as_object();
    std::string at = label + " round " + std::to_string(i + 1);
    EXPECT_EQ(decimals(e.at("tally").as_object()), decimals(g.at("tally").as_object())) << at;
    EXPECT_EQ(decimal(e.at("threshold")), decimal(g.at("threshold"))) << at;
    EXPECT_EQ(decimals(e.at("inactiveBallots").as_object()),
              decimals(g.at("inactiveBallots").as_object()))
        << at;
    EXPECT_EQ(actions(e.at("tallyResults").as_array()), actions(g.at("tallyResults").as_array()))
        << at;
  }
  const auto& es = expected.at("summary").as_object();
  const auto& gs = got.at("summary").as_object();
  EXPECT_EQ(decimal(es.at("finalThreshold")), decimal(gs.at("finalThreshold"))) << label;
  EXPECT_EQ(decimal(es.at("totalNumBallots")), decimal(gs.at("totalNumBallots"))) << label;
  EXPECT_EQ(es.at("undervotes").to_number<std::int64_t>(),
            gs.at("undervotes").to_number<std::int64_t>())
      << label;
  EXPECT_EQ(es.at("numCandidates").to_number<std::int64_t>(),
            gs.at("numCandidates").to_number<std::int64_t>())
      << label;
  EXPECT_EQ(es.at("numWinners").to_number<std::int64_t>(),
            gs.at("numWinners").to_number<std::int64_t>())
      << label;
}

std::vector<std::string> cases() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(kDir)) {
    if (entry.is_directory() &&
        fs::exists(entry.path() / (entry.path().filename().string() + "_config.json"))) {
      out.push_back(entry.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class RctabConformance : public ::testing::TestWithParam<std::string> {};

TEST_P(RctabConformance, DetailedReportMatchesRctab) {
  const std::string name = GetParam();
  const fs::path dir = kDir / name;
  std::vector<fs::path> expected;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string f = entry.path().filename().string();
    if (f.size() > 30 && f.ends_with("_expected_detailed_report.json"))
      expected.push_back(entry.path());
  }
  std::sort(expected.begin(), expected.end());
  // RCTab's cases share CVR files in a sibling folder (_shared), so the CVR root is theirs.
  auto contest = read_rctab_contest((dir / (name + "_config.json")).string(), kDir.string());
  // RCTab elects a candidate with 0 votes here: its one record of the contest marks nobody.
  // participa reads that one record (RCTab's totalNumBallots is 1) and refuses the contest.
  if (name == "nist_xml_cdf_2") {
    ASSERT_FALSE(contest.ok());
    EXPECT_NE(contest.status().message().find(
                  "no cast-vote record marks any candidate of the contest (1 records read)"),
              std::string::npos)
        << contest.status();
    return;
  }
  if (expected.empty()) {
    ASSERT_FALSE(contest.ok()) << name << " must be refused";
    EXPECT_NE(contest.status().message().find("above maxRankingsAllowed"), std::string::npos)
        << contest.status();
    return;
  }
  ASSERT_TRUE(contest.ok()) << contest.status();
  auto reports = tabulate_rctab(*contest);
  ASSERT_TRUE(reports.ok()) << reports.status();
  ASSERT_EQ(reports->size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    compare(load(expected[i]), json::parse(rctab_report_json(*contest, (*reports)[i])),
            expected[i].filename().string());
  }
}

INSTANTIATE_TEST_SUITE_P(Rctab, RctabConformance, ::testing::ValuesIn(cases()));

TEST(RctabConformanceData, AllCasesArePresent) { EXPECT_EQ(cases().size(), 30u); }

// RCTab's reports by precinct and by batch (generic_csv_test, "Tabulate by Precinct" and
// "Tabulate by Batch"): each slice's rounds must give RCTab's numbers — ballots, each
// candidate's votes, active and inactive ballots per round — and the whole contest's decisions.
// RCTab writes these reports as CSV only; they are read here cell by cell.
std::vector<std::string> csv_cells(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (char ch : line) {
    if (ch == '"') {
      quoted = !quoted;
    } else if (ch == ',' && !quoted) {
      cells.emplace_back();
    } else if (ch != '\r') {
      cells.back() += ch;
    }
  }
  return cells;
}

std::map<std::string, std::vector<std::string>> csv_rows(const fs::path& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::map<std::string, std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    auto cells = csv_cells(line);
    std::string label = cells.front();
    cells.erase(cells.begin());
    rows[label] = std::move(cells);
  }
  return rows;
}

Rational csv_decimal(const std::string& text) {
  auto parsed = parse_decimal_text(text);
  EXPECT_TRUE(parsed.ok()) << text;
  return parsed.ok() ? *parsed : Rational(-1);
}

TEST(RctabSliceConformance, PrecinctAndBatchReportsMatchRctab) {
  const fs::path dir = kDir / "generic_csv_test";
  auto contest = read_rctab_contest((dir / "generic_csv_test_config.json").string());
  ASSERT_TRUE(contest.ok()) << contest.status();
  auto reports = tabulate_rctab(*contest);
  ASSERT_TRUE(reports.ok()) << reports.status();
  const tally::rctab::Result& report = reports->front();
  ASSERT_EQ(report.slices.size(), 6u);  // p1, p2, no precinct id; b1, b2, no batch id
  const tally::rctab::Inactive kinds[] = {
      tally::rctab::Inactive::kOvervote, tally::rctab::Inactive::kSkippedRankings,
      tally::rctab::Inactive::kExhaustedChoices, tally::rctab::Inactive::kRepeatedRankings};
  const char* kind_rows[] = {
      "Inactive Ballots by Overvotes", "Inactive Ballots by Skipped Rankings",
      "Inactive Ballots by Exhausted Choices", "Inactive Ballots by Repeated Rankings"};
  Rational slices_total;
  for (const tally::rctab::Slice& slice : report.slices) {
    std::string safe = rctab_slice_label(slice);
    std::replace(safe.begin(), safe.end(), ' ', '_');
    const fs::path file = dir / (slice.batch ? "Tabulate by Batch" : "Tabulate by Precinct") /
                          ("generic_csv_test_expected_" + safe +
                           (slice.batch ? "_batch" : "_precinct") + "_detailed_report.csv");
    SCOPED_TRACE(file.filename().string());
    auto rows = csv_rows(file);
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows.at(slice.batch ? "Batch" : "Precinct").at(0), rctab_slice_label(slice));
    EXPECT_EQ(csv_decimal(rows.at("Total Number of Ballots").at(0)), slice.total_ballots);
    if (!slice.batch) slices_total += slice.total_ballots;
    ASSERT_EQ(slice.rounds.size(), report.rounds.size());
    for (std::size_t r = 0; r < slice.rounds.size(); ++r) {
      const tally::rctab::Round& round = slice.rounds[r];
      SCOPED_TRACE("round " + std::to_string(r + 1));
      Rational active;
      for (std::size_t c = 0; c < report.candidates.size(); ++c) {
        Rational votes;
        for (const auto& [candidate, v] : round.tally) {
          if (candidate == c) votes = v;
        }
        active += votes;
        EXPECT_EQ(csv_decimal(rows.at(report.candidates[c]).at(3 * r)), votes)
            << report.candidates[c];
      }
      EXPECT_EQ(csv_decimal(rows.at("Active Ballots").at(3 * r)), active);
      for (std::size_t k = 0; k < 4; ++k) {
        EXPECT_EQ(csv_decimal(rows.at(kind_rows[k]).at(3 * r)),
                  round.inactive[static_cast<int>(kinds[k])])
            << kind_rows[k];
      }
      std::string eliminated, elected;
      for (const auto& action : round.actions) {
        std::string& list = action.elected ? elected : eliminated;
        list += (list.empty() ? "" : "; ") + report.candidates[action.candidate];
      }
      EXPECT_EQ(rows.at("Eliminated†").at(3 * r), eliminated);
      EXPECT_EQ(rows.at("Elected†").at(3 * r), elected);
    }
  }
  // The precincts partition the contest.
  EXPECT_EQ(slices_total, report.total_ballots);
}

// No reference reports multi-winner precincts, so their definition is checked: on Minneapolis's
// 2013 park board count (three seats, fractional surplus transfers, 80,101 records in 117
// precincts) the precincts must partition every round — a continuing candidate's votes, each kind
// of inactive ballot — and within each precinct every ballot is somewhere in every round: with a
// candidate, with a winner who kept part of it, or inactive. Only what winners keep above the
// threshold (the contest's residual surplus) stays in the precincts' winners' votes.
TEST(RctabSliceConformance, PrecinctsPartitionAMultiWinnerCount) {
  const fs::path dir = kDir / "2013_minneapolis_park_hare";
  json::value config = load(dir / "2013_minneapolis_park_hare_config.json");
  config.as_object()["outputSettings"].as_object()["tabulateByPrecinct"] = true;
  auto& source = config.as_object()["cvrFileSources"].as_array()[0].as_object();
  source["filePath"] =
      (dir / std::string(source["filePath"].as_string())).lexically_normal().string();
  const fs::path scratch = fs::path(::testing::TempDir()) / "minneapolis_by_precinct_config.json";
  std::ofstream(scratch) << json::serialize(config);
  auto contest = read_rctab_contest(scratch.string(), kDir.string());
  fs::remove(scratch);
  ASSERT_TRUE(contest.ok()) << contest.status();
  auto reports = tabulate_rctab(*contest);
  ASSERT_TRUE(reports.ok()) << reports.status();
  const tally::rctab::Result& report = reports->front();
  ASSERT_GT(report.slices.size(), 100u);
  ASSERT_GT(report.winners.size(), 1u);
  Rational ballots;
  for (const auto& slice : report.slices) {
    ballots += slice.total_ballots;
    for (const auto& round : slice.rounds) {
      Rational everywhere;
      for (const auto& [c, v] : round.tally) everywhere += v;
      for (const auto& v : round.inactive) everywhere += v;
      EXPECT_EQ(everywhere, slice.total_ballots) << slice.name << " round " << round.number;
    }
  }
  EXPECT_EQ(ballots, report.total_ballots);
  for (std::size_t r = 0; r < report.rounds.size(); ++r) {
    const auto& whole = report.rounds[r];
    for (int kind = 0; kind < tally::rctab::kInactiveKinds; ++kind) {
      Rational sum;
      for (const auto& slice : report.slices) sum += slice.rounds[r].inactive[kind];
      EXPECT_EQ(sum, whole.inactive[kind]) << "round " << r + 1 << " inactive kind " << kind;
    }
    for (const auto& [c, votes] : whole.tally) {
      Rational sum;
      for (const auto& slice : report.slices) {
        for (const auto& [sc, sv] : slice.rounds[r].tally) {
          if (sc == c) sum += sv;
        }
      }
      const bool earlier_winner = std::any_of(
          report.rounds.begin(), report.rounds.begin() + static_cast<std::ptrdiff_t>(r),
          [&](const auto& earlier) {
            return std::any_of(earlier.actions.begin(), earlier.actions.end(),
                               [&](const auto& a) { return a.elected && a.candidate == c; });
          });
      if (earlier_winner) {
        EXPECT_GE(sum, votes) << report.candidates[c] << " round " << r + 1;
      } else {
        EXPECT_EQ(sum, votes) << report.candidates[c] << " round " << r + 1;
      }
    }
  }
}

// RCTab's CDF exports of the CVRs (generateCdfJson; twelve cases): participa's export must be
// the same document but for GeneratedDate and ReportingDevice — every record's identifier, its
// marks, and for every round where the ballot counted and with what share. One divergence, on
// purpose: aliases_cdf_json's records name candidates by aliases, which RCTab writes as
// selections the export's election does not declare (and then marks as counting for nobody);
// participa writes the candidate's name, so the export reads back. There the expected
// selections are renamed to the candidates' names and their IsAllocable is not compared.
std::string selection_id(std::string name) {
  for (char& ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || (!std::isalnum(c) && ch != '_' && ch != '-' && ch != '.')) ch = '_';
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return "cs-" + name;
}

void rename_aliases(json::value& doc, const json::value& config, json::value& got) {
  std::map<std::string, std::string> canonical;
  for (const auto& c : config.at("candidates").as_array()) {
    const std::string name(c.at("name").as_string());
    canonical[selection_id(name)] = selection_id(name);
    for (const auto& alias : c.at("aliases").as_array()) {
      canonical[selection_id(std::string(alias.as_string()))] = selection_id(name);
    }
  }
  auto& cvrs = doc.at("CVR").as_array();
  auto& mine = got.at("CVR").as_array();
  for (std::size_t k = 0; k < cvrs.size() && k < mine.size(); ++k) {
    auto& snapshots = cvrs[k].at("CVRSnapshot").as_array();
    auto& my_snapshots = mine[k].at("CVRSnapshot").as_array();
    for (std::size_t s = 0; s < snapshots.size() && s < my_snapshots.size(); ++s) {
      auto& selections =
          snapshots[s].at("CVRContest").as_array()[0].at("CVRContestSelection").as_array();
      auto& my_selections =
          my_snapshots[s].at("CVRContest").as_array()[0].at("CVRContestSelection").as_array();
      std::set<std::string> aliased;
      for (auto& selection : selections) {
        const std::string id(selection.at("ContestSelectionId").as_string());
        selection.as_object()["ContestSelectionId"] = canonical.at(id);
        if (canonical.at(id) != id) aliased.insert(canonical.at(id));
      }
      std::stable_sort(selections.begin(), selections.end(), [](const auto& a, const auto& b) {
        auto rank = [](const json::value& v) {
          return v.at("SelectionPosition").as_array()[0].at("Rank").to_number<int>();
        };
        if (rank(a) != rank(b)) return rank(a) < rank(b);
        return a.at("ContestSelectionId").as_string() < b.at("ContestSelectionId").as_string();
      });
      for (auto* list : {&selections, &my_selections}) {
        for (auto& selection : *list) {
          if (!aliased.contains(std::string(selection.at("ContestSelectionId").as_string()))) {
            continue;
          }
          for (auto& position : selection.at("SelectionPosition").as_array()) {
            position.as_object()["IsAllocable"] = "not compared";
          }
        }
      }
    }
  }
}

TEST(RctabCdfExport, MatchesRctabsExports) {
  int compared = 0;
  for (const std::string& name : cases()) {
    const fs::path expected_path = kDir / name / (name + "_expected_cdf_cvr.json");
    if (!fs::exists(expected_path)) continue;
    SCOPED_TRACE(name);
    auto contest =
        read_rctab_contest((kDir / name / (name + "_config.json")).string(), kDir.string());
    ASSERT_TRUE(contest.ok()) << contest.status();
    EXPECT_TRUE(contest->generate_cdf_json);
    auto reports = tabulate_rctab(*contest);
    ASSERT_TRUE(reports.ok()) << reports.status();
    auto text = rctab_cdf_json(*contest, reports->front(), "2026-01-01T00:00:00Z");
    ASSERT_TRUE(text.ok()) << text.status();
    json::value got = json::parse(*text);
    json::value expected = load(expected_path);
    for (json::value* doc : {&got, &expected}) {
      doc->as_object().erase("GeneratedDate");
      doc->as_object().erase("ReportingDevice");
    }
    if (name == "aliases_cdf_json") {
      rename_aliases(expected, load(kDir / name / (name + "_config.json")), got);
    }
    EXPECT_EQ(got.at("Election"), expected.at("Election"));
    const auto& mine = got.at("CVR").as_array();
    const auto& theirs = expected.at("CVR").as_array();
    ASSERT_EQ(mine.size(), theirs.size());
    for (std::size_t k = 0; k < mine.size(); ++k) {
      EXPECT_EQ(mine[k], theirs[k]) << "record " << k + 1;
    }
    EXPECT_EQ(got, expected);
    ++compared;
  }
  EXPECT_EQ(compared, 12);
}

// Every export reads back: each RCTab case (but the three 80,101-record Minneapolis contests,
// whose exports run to hundreds of megabytes) is exported, read again as a CDF source, counted,
// and must give the same report round by round.
TEST(RctabCdfExport, EveryContestReadsBackFromItsExport) {
  const fs::path scratch = fs::path(::testing::TempDir()) / "rctab_cdf_round_trip";
  fs::remove_all(scratch);
  fs::create_directories(scratch);
  int round_trips = 0;
  for (const std::string& name : cases()) {
    SCOPED_TRACE(name);
    const fs::path config_path = kDir / name / (name + "_config.json");
    auto contest = read_rctab_contest(config_path.string(), kDir.string());
    if (!contest.ok() || contest->records.total() > 10'000) continue;
    contest->rules.allocations = true;
    auto reports = tabulate_rctab(*contest);
    ASSERT_TRUE(reports.ok()) << reports.status();
    auto text = rctab_cdf_json(*contest, reports->front(), "2026-01-01T00:00:00Z");
    ASSERT_TRUE(text.ok()) << text.status();
    const fs::path folder = scratch / name;
    fs::create_directories(folder);
    std::ofstream(folder / "export_cdf_cvr.json") << *text;
    json::value config = load(config_path);
    json::object source;
    source["filePath"] = "export_cdf_cvr.json";
    source["provider"] = "cdf";
    source["contestId"] = "contest-001";
    source["overvoteLabel"] = "overvote";
    // Undeclared write-ins are exported under their candidate's name.
    if (contest->records.undeclared_write_in()) {
      source["undeclaredWriteInLabel"] = tally::rctab::Records::kUndeclaredWriteInName;
    }
    config.as_object()["cvrFileSources"] = json::array{source};
    std::ofstream(folder / "again_config.json") << json::serialize(config);
    auto again = read_rctab_contest((folder / "again_config.json").string());
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_EQ(again->records.total(), contest->records.total());
    auto recounted = tabulate_rctab(*again);
    ASSERT_TRUE(recounted.ok()) << recounted.status();
    ASSERT_EQ(recounted->size(), reports->size());
    for (std::size_t i = 0; i < reports->size(); ++i) {
      compare(json::parse(rctab_report_json(*contest, (*reports)[i])),
              json::parse(rctab_report_json(*again, (*recounted)[i])), name);
      // Precincts and batches travel with the records.
      const auto& slices = (*reports)[i].slices;
      ASSERT_EQ((*recounted)[i].slices.size(), slices.size());
      for (std::size_t k = 0; k < slices.size(); ++k) {
        EXPECT_EQ(rctab_slice_report_json(*contest, (*reports)[i], slices[k]),
                  rctab_slice_report_json(*again, (*recounted)[i], (*recounted)[i].slices[k]));
      }
    }
    ++round_trips;
  }
  EXPECT_EQ(round_trips, 25);
  fs::remove_all(scratch);
}

// A report counted without allocations cannot say where ballots counted.
TEST(RctabCdfExport, NeedsTheCountsAllocations) {
  auto contest = read_rctab_contest(
      (kDir / "2015_portland_mayor" / "2015_portland_mayor_config.json").string());
  ASSERT_TRUE(contest.ok()) << contest.status();
  auto reports = tabulate_rctab(*contest);
  ASSERT_TRUE(reports.ok());
  auto text = rctab_cdf_json(*contest, reports->front(), "now");
  EXPECT_EQ(text.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace participa::io
