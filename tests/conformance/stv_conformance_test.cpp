// STV counts against droop's reports (tests/data/conformance/stv, see SOURCES.md there).
//
// Each report is droop's round-by-round record of one count. The test renders participa's
// steps in the report's layout — every action line, every candidate's standing and votes after
// it, the vote totals by standing, the non-transferable votes, the residual and the pending
// surplus — and compares the whole body line by line, so a count matches only if every
// intermediate figure does. expected.jsonl (the reports' final blocks) is checked too.
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "gtest/gtest.h"
#include "participa/core/rational.hpp"
#include "participa/io/blt.hpp"
#include "participa/tally/stv.hpp"
#include "status_matchers.hpp"

namespace participa::tally::stv {
namespace {

const std::string kDir = std::string(PARTICIPA_CONFORMANCE_DIR) + "/stv/droop/";

struct Case {
  std::string blt;
  std::string report;
  std::string tag;
  Options options;
  std::string quota;
  std::uint64_t ballots = 0;
  std::map<std::string, std::string> elected;  // name → final votes
  std::set<std::string> defeated;
};

// The rule and arithmetic of each of droop's tags that participa counts.
std::optional<Options> options_of_tag(const std::string& tag) {
  auto with = [](Rule rule, std::optional<Arithmetic> arithmetic = std::nullopt,
                 std::optional<int> precision = std::nullopt,
                 std::optional<int> guard = std::nullopt, std::optional<int> display = std::nullopt,
                 std::optional<int> omega = std::nullopt, Defeat defeat = Defeat::kSingle) {
    Options options;
    options.rule = rule;
    options.arithmetic = arithmetic;
    options.precision = precision;
    options.guard = guard;
    options.display = display;
    options.omega = omega;
    options.defeat = defeat;
    return options;
  };
  const std::map<std::string, Options> known = {
      {"scotland-fixed-p5-d5", with(Rule::kScottish)},
      {"wigm-prf-fixed-p4-d4", with(Rule::kWigmPrf)},
      {"wigm-prf-batch-fixed-p4-d4", with(Rule::kWigmPrf, std::nullopt, std::nullopt, std::nullopt,
                                          std::nullopt, std::nullopt, Defeat::kBatch)},
      {"cfer-fixed-p5-d5", with(Rule::kCfer)},
      {"cfer-batch-fixed-p5-d5", with(Rule::kCfer, std::nullopt, std::nullopt, std::nullopt,
                                      std::nullopt, std::nullopt, Defeat::kBatch)},
      {"mpls-fixed-p4-d4", with(Rule::kMinneapolis, std::nullopt, std::nullopt, std::nullopt,
                                std::nullopt, std::nullopt, Defeat::kBatch)},
      {"wigm-guarded-p18-g9-d18", with(Rule::kWigm, Arithmetic::kGuarded, 18, 9, 18)},
      {"wigm-rational-d12",
       with(Rule::kWigm, Arithmetic::kRational, std::nullopt, std::nullopt, 12)},
      {"meek-o9-guarded-p18-g9-d18",
       with(Rule::kMeek, Arithmetic::kGuarded, 18, 9, 18, 9, Defeat::kBatch)},
      {"meek-o10-rational-d12", with(Rule::kMeek, Arithmetic::kRational, std::nullopt, std::nullopt,
                                     12, 10, Defeat::kBatch)},
      {"warren-o9-guarded-p18-g9-d18",
       with(Rule::kWarren, Arithmetic::kGuarded, 18, 9, 18, 9, Defeat::kBatch)},
      {"meek-prf-o6-fixed-p9-d9", with(Rule::kMeekPrf)},
      {"qpq-guarded-p9-g9-d9", with(Rule::kQpq)},
      {"warren-o10-rational-d12", with(Rule::kWarren, Arithmetic::kRational, std::nullopt,
                                       std::nullopt, 12, 10, Defeat::kBatch)},
  };
  auto found = known.find(tag);
  if (found == known.end()) return std::nullopt;
  return found->second;
}

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  std::ifstream in(std::string(PARTICIPA_CONFORMANCE_DIR) + "/stv/expected.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto doc = boost::json::parse(line).as_object();
    Case c;
    c.tag = std::string(doc.at("droop_tag").as_string());
    std::optional<Options> options = options_of_tag(c.tag);
    if (!options) continue;
    c.blt = std::string(doc.at("blt").as_string());
    c.report = std::string(doc.at("report").as_string());
    c.options = *options;
    c.options.seats = static_cast<int>(doc.at("seats").as_int64());
    // expected.jsonl has no quota for Minneapolis, whose reports call it the threshold.
    if (doc.at("quota").is_string()) c.quota = std::string(doc.at("quota").as_string());
    c.ballots = std::stoull(std::string(doc.at("ballots").as_string()));
    for (const auto& e : doc.at("elected").as_array()) {
      c.elected[std::string(e.at("name").as_string())] = std::string(e.at("votes").as_string());
    }
    for (const auto& d : doc.at("defeated").as_array()) c.defeated.emplace(d.as_string());
    cases.push_back(std::move(c));
  }
  return cases;
}

// Droop prints a name with each run of spaces as one ("Ellen   Hurcombe" in Canal-2007.blt).
std::string as_droop_prints(const std::string& name) {
  std::string out;
  for (char ch : name) {
    if (ch == ' ' && !out.empty() && out.back() == ' ') continue;
    out += ch;
  }
  return out;
}

// "12.34567" as a whole number of display units.
BigInt units(const std::string& text) {
  BigInt value = 0;
  for (char ch : text) {
    if (ch >= '0' && ch <= '9') value = value * 10 + (ch - '0');
  }
  return !text.empty() && text.front() == '-' ? BigInt(-value) : value;
}

std::string text_of(const BigInt& value, int display) {
  BigInt unit = 1;
  for (int i = 0; i < display; ++i) unit *= 10;
  const BigInt magnitude = value < 0 ? BigInt(-value) : value;
  std::string fraction = BigInt(magnitude % unit).str();
  return (value < 0 ? "-" : "") + BigInt(magnitude / unit).str() + "." +
         std::string(static_cast<std::size_t>(display) - fraction.size(), '0') + fraction;
}

std::string joined(const std::vector<Candidate>& candidates, const Profile& profile) {
  std::string out;
  for (Candidate c : candidates) {
    out += (out.empty() ? "" : ", ") + as_droop_prints(profile.candidates()[c]);
  }
  return out;
}

// The report's text for an action, as droop words it for each rule.
std::string message(const Step& step, const Profile& profile, Rule rule) {
  const bool scottish = rule == Rule::kScottish;
  const bool cfer = rule == Rule::kCfer;
  const bool mpls = rule == Rule::kMinneapolis;
  const bool meek = rule == Rule::kMeek || rule == Rule::kWarren || rule == Rule::kMeekPrf;
  auto first = [&] { return as_droop_prints(profile.candidates()[step.candidates.front()]); };
  switch (step.action) {
    case Action::kBegin:
      return "Begin Count";
    case Action::kCountVotes:
      return "Count Votes";
    case Action::kElectAtThreshold:
      return "Candidate at threshold: " + first();
    case Action::kDefeatUndeclared:
      return "Defeat undeclared write-in: " + first();
    case Action::kElect:
      return (step.standings[step.candidates.front()].standing == Standing::kElected
                  ? "Elect: "
                  : "Elect, transfer pending: ") +
             first();
    case Action::kElectAll:
      return "Elect all: " + first();
    case Action::kElectPending:
      return "Elect pending: " + first();
    case Action::kTransferSurplus:
      return (cfer ? "Transfer surplus: " : "Transfer high surplus: ") + first();
    case Action::kSurplusTransferred:
      return (mpls ? "Transfer surplus: " : "Surplus transferred: ") + first() + " (" +
             step.amount + ")";
    case Action::kDefeatLowest:
      if (meek) {
        return (step.iteration == Iteration::kOmega
                    ? "Defeat (surplus " + step.amount + " < omega): "
                    : "Defeat (stable surplus " + step.amount + "): ") +
               first();
      }
      if (rule == Rule::kQpq) return "Defeat low quotient: " + first();
      return (scottish || mpls ? "Defeat low candidate: " : "Defeat: ") + first();
    case Action::kDefeatSureLoser:
      return (cfer           ? "Defeat batch: "
              : mpls || meek ? "Defeat certain loser: "
                             : "Defeat sure loser: ") +
             first();
    case Action::kDefeatedTransferred:
      return "Transfer defeated: " + joined(step.candidates, profile);
    case Action::kElectRemaining:
      return (scottish || mpls || rule == Rule::kQpq ? "Elect remaining candidates: "
                                                     : "Elect remaining: ") +
             first();
    case Action::kDefeatRemaining:
      return (scottish || mpls || rule == Rule::kQpq ? "Defeat remaining candidates: "
                                                     : "Defeat remaining: ") +
             first();
    case Action::kBreakTieByEarlierStage:
    case Action::kBreakTieByLot: {
      const bool defeat = step.tie->purpose == TiePurpose::kElimination;
      if (rule == Rule::kQpq) {
        return std::string("Break tie by lot (") +
               (step.tie->purpose == TiePurpose::kElimination ? "smallest quotient"
                                                              : "largest quotient") +
               "): [" + joined(step.tie->tied, profile) + "] -> " + first();
      }
      if (rule == Rule::kMeekPrf) {
        return "Break tie (defeat low candidate): [" + joined(step.tie->tied, profile) + "] -> " +
               first();
      }
      std::string how = !scottish                               ? "Break tie ("
                        : step.action == Action::kBreakTieByLot ? "Break tie by lot ("
                                                                : "Break tie by prior stage (";
      std::string reason = scottish || mpls ? (defeat ? "defeat low candidate" : "largest surplus")
                                            : (defeat ? "defeat" : "surplus");
      return how + reason + "): [" + joined(step.tie->tied, profile) + "] -> " + first();
    }
    case Action::kElectHighestQuotient:
      return "Elect high quotient: " + first();
    case Action::kElectedTransferred:
      return "Transfer elected: " + first() + " (" + step.amount + ")";
    case Action::kIterate:
      return "Iterate (" + std::string(iteration_name(*step.iteration)) + ")";
    case Action::kComplete:
      return "Count Complete";
  }
  return "";
}

bool lists_candidates(Action action) {
  return action != Action::kTransferSurplus && action != Action::kBreakTieByEarlierStage &&
         action != Action::kBreakTieByLot && action != Action::kIterate;
}

std::vector<std::string> render(const Count& count, const Profile& profile) {
  std::vector<std::string> lines;
  int round = 0;
  const auto& names = profile.candidates();
  for (const Step& step : count.steps) {
    // Droop's PR Foundation Meek does not log the end of its iterations.
    if (count.rule == Rule::kMeekPrf && step.action == Action::kIterate) continue;
    if (step.round != round) {
      round = step.round;
      lines.push_back("Round " + std::to_string(round) + ":");
    }
    if (step.iteration == Iteration::kStable && step.action == Action::kIterate) {
      lines.push_back("\tStable state detected (" + step.surplus + ")");
    }
    lines.push_back("Action: " + message(step, profile, count.rule));
    if (count.rule == Rule::kQpq) {
      // QPQ's own layout: each candidate's quotient, every defeated one on its own line.
      static const char* kLabel[3] = {"Elected: ", "Hopeful: ", "Defeated:"};
      for (int k = 0; k < 3 && step.action != Action::kBreakTieByLot; ++k) {
        for (std::size_t c = 0; c < step.standings.size(); ++c) {
          const Standing s = step.standings[c].standing;
          const int group = s == Standing::kElected ? 0 : s == Standing::kHopeful ? 1 : 2;
          if (group != k) continue;
          lines.push_back(std::string("\t") + kLabel[k] + " " + as_droop_prints(names[c]) + " (" +
                          step.standings[c].quotient + ")");
        }
      }
      lines.push_back("\tQuota: " + step.quota);
      continue;
    }
    std::vector<std::string> by_standing[4];
    std::vector<std::string> defeated_at_zero;
    for (std::size_t c = 0; c < step.standings.size(); ++c) {
      const CandidateStanding& s = step.standings[c];
      const int k = s.standing == Standing::kElected          ? 0
                    : s.standing == Standing::kElectedPending ? 1
                    : s.standing == Standing::kHopeful        ? 2
                                                              : 3;
      if (k == 3 && units(s.votes) == 0) {
        defeated_at_zero.push_back(as_droop_prints(names[c]));
        continue;
      }
      static const char* kLabel[4] = {"Elected: ", "Pending: ", "Hopeful: ", "Defeated:"};
      by_standing[k].push_back(std::string("\t") + kLabel[k] + " " + as_droop_prints(names[c]) +
                               " (" + s.votes + ")");
    }
    if (lists_candidates(step.action)) {
      for (const auto& group : by_standing) lines.insert(lines.end(), group.begin(), group.end());
      if (!defeated_at_zero.empty()) {
        std::string line = "\tDefeated: ";
        for (std::size_t i = 0; i < defeated_at_zero.size(); ++i) {
          line += (i ? ", " : "") + defeated_at_zero[i];
        }
        lines.push_back(line + " (" + text_of(0, count.display) + ")");
      }
    }
    const std::string zero = text_of(0, count.display);
    const std::string ballots = text_of(
        BigInt(count.ballots) * units("1." + std::string(count.display, '0')), count.display);
    if (count.rule == Rule::kMeek || count.rule == Rule::kWarren || count.rule == Rule::kMeekPrf) {
      lines.push_back("\tQuota: " + step.quota);
      lines.push_back("\tVotes: " + step.totals.all);
      lines.push_back("\tResidual: " + step.residual);
      // Votes + residual: the ballots, except in PR Foundation Meek, which does not recount
      // after a defeat (shown at working precision there, so the texts add exactly).
      lines.push_back("\tTotal: " +
                      (count.rule == Rule::kMeekPrf
                           ? text_of(units(step.totals.all) + units(step.residual), count.display)
                           : ballots));
      lines.push_back("\tSurplus: " + step.surplus);
      continue;
    }
    lines.push_back("\tElected votes: " + step.totals.elected);
    if (step.totals.pending != zero) lines.push_back("\tPending votes: " + step.totals.pending);
    lines.push_back("\tHopeful votes: " + step.totals.hopeful);
    if (step.totals.defeated != zero) lines.push_back("\tDefeated votes: " + step.totals.defeated);
    lines.push_back("\tNontransferable votes: " + step.nontransferable);
    lines.push_back("\tResidual: " + step.residual);
    lines.push_back("\tTotal: " + ballots);
    // Droop's PR Foundation, CfER and generic WIGM rules never set the surplus they print.
    lines.push_back(
        "\tSurplus: " +
        (count.rule == Rule::kScottish || count.rule == Rule::kMinneapolis ? step.surplus : zero));
  }
  return lines;
}

// The quota as the report's header states it ("Quota:", or "Threshold:" for Minneapolis).
std::string report_quota(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    for (const std::string label : {"\tQuota: ", "\tThreshold: "}) {
      if (line.rfind(label, 0) == 0) return line.substr(label.size());
    }
  }
  return "";
}

// The report's body: everything from its first action on.
std::vector<std::string> report_body(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  std::string line;
  bool started = false;
  while (std::getline(in, line)) {
    if (line.rfind("Action: ", 0) == 0 || line.rfind("Round ", 0) == 0) started = true;
    if (started && !line.empty()) lines.push_back(line);
  }
  return lines;
}

class DroopReports : public ::testing::TestWithParam<Case> {};

// The one report participa does not reproduce, on purpose. Droop passes a ballot with equal
// rankings down rank by rank but stops it at a rank whose candidates have all left the count,
// while a strict ballot moves past such a rank; participa moves on in both. In eq2.blt the
// two "b a=d c" ballots reach the last block with b and d defeated: droop leaves them in the
// residual, participa gives them to a (at its keep factor) and c. By hand: A's keep factor is
// 3.666…/5 = 11/15 from round 2, so A keeps 7 × 11/15 = 5.1333… of its seven ballots' weight
// and C holds the other 11 − 5.1333… = 5.8666…; every earlier line matches droop's.
const std::map<std::string, std::map<std::string, std::string>> kDeliberateDifferences = {
    {"ref/report/meek/eq2-meek-o9-guarded-p18-g9-d18.txt",
     {{"A", "5.133333333333333333"}, {"C", "5.866666666666666667"}}},
};

TEST_P(DroopReports, EveryActionAndTheResultMatch) {
  const Case& c = GetParam();
  ASSERT_OK_AND_ASSIGN(io::BltFile file, io::read_blt_file(kDir + c.blt));
  Options options = c.options;
  options.tie_order = file.tie_order;
  options.undeclared_write_ins = file.undeclared;
  ASSERT_EQ(options.seats, file.seats);
  ASSERT_OK_AND_ASSIGN(Count count, stv::count(file.profile, options));
  if (!c.quota.empty()) {
    EXPECT_EQ(count.quota, c.quota);
  }
  EXPECT_EQ(count.quota, report_quota(kDir + c.report));
  EXPECT_EQ(count.ballots, c.ballots);
  std::map<std::string, std::string> elected;
  for (const ElectedCandidate& e : count.elected) elected[as_droop_prints(e.name)] = e.votes;
  std::set<std::string> defeated;
  for (Candidate d : count.defeated) defeated.insert(as_droop_prints(file.profile.candidates()[d]));
  EXPECT_EQ(defeated, c.defeated);

  std::vector<std::string> ours = render(count, file.profile);
  std::vector<std::string> theirs = report_body(kDir + c.report);
  auto deliberate = kDeliberateDifferences.find(c.report);
  if (deliberate != kDeliberateDifferences.end()) {
    EXPECT_EQ(elected, deliberate->second);
    EXPECT_NE(elected, c.elected);
    auto complete = [](std::vector<std::string>& lines) {
      lines.erase(std::find(lines.begin(), lines.end(), "Action: Count Complete"), lines.end());
    };
    complete(ours);
    complete(theirs);
  } else {
    EXPECT_EQ(elected, c.elected);
  }
  for (std::size_t i = 0; i < std::min(ours.size(), theirs.size()); ++i) {
    ASSERT_EQ(ours[i], theirs[i]) << c.report << " line " << i << " of the body";
  }
  EXPECT_EQ(ours.size(), theirs.size()) << c.report;
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = info.param.report.substr(info.param.report.rfind('/') + 1);
  name = name.substr(0, name.size() - 4);
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Stv, DroopReports, ::testing::ValuesIn(load_cases()), case_name);

TEST(DroopReports, EveryReportOfACountedRuleIsCompared) {
  std::map<std::pair<Rule, Defeat>, int> reports;
  for (const Case& c : load_cases()) ++reports[{c.options.rule, *c.options.defeat}];
  const Defeat kSingle = Defeat::kSingle;
  const Defeat kBatch = Defeat::kBatch;
  EXPECT_EQ(reports, (std::map<std::pair<Rule, Defeat>, int>{
                         {{Rule::kScottish, kSingle}, 32},
                         {{Rule::kWigmPrf, kSingle}, 9},
                         {{Rule::kWigmPrf, kBatch}, 9},
                         {{Rule::kCfer, kSingle}, 15},
                         {{Rule::kCfer, kBatch}, 9},
                         {{Rule::kMinneapolis, kBatch}, 12},
                         {{Rule::kWigm, kSingle}, 14},
                         {{Rule::kMeek, kBatch}, 16},
                         {{Rule::kWarren, kBatch}, 13},
                         {{Rule::kMeekPrf, kSingle}, 9},
                         {{Rule::kQpq, kSingle}, 14},
                     }));
}

}  // namespace
}  // namespace participa::tally::stv
