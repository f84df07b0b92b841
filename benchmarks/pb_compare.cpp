// Times every rule of tests/data/conformance/pabulib/expected.jsonl with participa and prints a
// Markdown table beside pabutools' recorded times (its best of plain and multiprofile runs);
// then every add-one completion pabutools did not finish (no line in expected.jsonl), every
// add-one completion of the real-world quirk files (pabulib-real), and the time to load each
// file. Run the release build:
//   build/release/benchmarks/pb_compare > docs/pb_benchmark_table.md
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <boost/json.hpp>

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
#include "participa/tally/profile.hpp"

namespace {

namespace pb = participa::pb;
namespace tally = participa::tally;
using Clock = std::chrono::steady_clock;

// Seconds per call: the fastest of up to five timed batches. A batch repeats the call enough
// times to last about 2 ms, so calls of a few microseconds are not timed one clock reading
// apart; slow calls are timed alone.
template <class F>
double seconds(F&& f, double budget_seconds = 0.5) {
  auto time = [&](int calls) {
    auto start = Clock::now();
    for (int c = 0; c < calls; ++c) f();
    return std::chrono::duration<double>(Clock::now() - start).count();
  };
  const double first = time(1);
  const int calls = first >= 2e-3 ? 1 : static_cast<int>(2e-3 / std::max(first, 1e-7)) + 1;
  double best = first, spent = first;
  for (int i = 0; i < 5 && spent < budget_seconds; ++i) {
    const double s = time(calls);
    best = std::min(best, s / calls);
    spent += s;
  }
  return best;
}

// The satisfactions an election's ballots carry, as pabutools' rule ids name them.
std::vector<std::string> satisfactions_of(const pb::Election& e) {
  const tally::BallotKind kind = e.profile.kind();
  if (kind == tally::BallotKind::kApproval) return {"cost", "card"};
  if (kind == tally::BallotKind::kCumulative || kind == tally::BallotKind::kScore) {
    return {"points"};
  }
  return {"borda"};
}

}  // namespace

int main() {
  const std::string dir = std::string(PARTICIPA_CONFORMANCE_DIR) + "/pabulib/";
  std::ifstream in(dir + "expected.jsonl");
  std::map<std::string, pb::Election> elections;
  std::map<std::string, std::vector<std::string>> rules_run;
  std::printf("| file | rule | participa (ms) | pabutools best (ms) | ratio | match |\n");
  std::printf("|---|---|---:|---:|---:|---|\n");
  std::string line;
  double slowest_ratio = 1e300;
  int lines = 0, matched = 0, at_least_100 = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto doc = boost::json::parse(line).as_object();
    std::string file(doc.at("file").as_string()), rule(doc.at("rule").as_string());
    if (!elections.count(file))
      elections.emplace(file, *participa::io::read_pabulib_file(dir + file));
    const pb::Election& e = elections.at(file);
    rules_run[file].push_back(rule);
    double reference = doc.at("seconds").to_number<double>();
    if (auto* m = doc.if_contains("seconds_multiprofile"))
      reference = std::min(reference, m->to_number<double>());
    absl::StatusOr<pb::Result> outcome;
    double t = seconds([&] { outcome = participa::testing::run_pabutools_rule(e, rule); });
    std::vector<std::string> got, want;
    for (auto p : outcome->selected) got.push_back(e.instance.projects[p].id);
    for (const auto& s : doc.at("selected").as_array()) {
      want.push_back(s.is_string() ? std::string(s.as_string()) : boost::json::serialize(s));
    }
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    ++lines;
    matched += got == want;
    double ratio = reference / std::max(t, 1e-7);
    slowest_ratio = std::min(slowest_ratio, ratio);
    at_least_100 += ratio >= 100;
    std::printf("| %s | %s | %.4g | %.4g | %.0f | %s |\n", file.c_str(), rule.c_str(), 1e3 * t,
                1e3 * reference, ratio, got == want ? "yes" : "NO");
  }
  std::printf("\n%d of %d outcomes match; %d at least 100x faster; smallest speed-up %.1fx\n\n",
              matched, lines, at_least_100, slowest_ratio);
  std::printf(
      "| file | add-one rule without a pabutools result | participa (ms) |\n|---|---|---:|\n");
  double slowest_add_one = 0;
  for (const auto& [file, e] : elections) {
    for (const auto& sat : satisfactions_of(e)) {
      for (const char* completion : {"add1", "add1_until_infeasible", "add1_greedy"}) {
        const std::string rule = "mes_" + sat + "_" + completion;
        const auto& done = rules_run[file];
        double t = seconds([&] { auto o = participa::testing::run_pabutools_rule(e, rule); });
        slowest_add_one = std::max(slowest_add_one, t);
        if (std::find(done.begin(), done.end(), rule) != done.end()) continue;
        std::printf("| %s | %s | %.4g |\n", file.c_str(), rule.c_str(), 1e3 * t);
      }
    }
  }
  std::printf("\nslowest add-one completion over every file: %.3f s\n\n", slowest_add_one);
  // The real-world quirk files, Budapest 2024's budget of 10^9 forints among them.
  const std::string real_dir = std::string(PARTICIPA_CONFORMANCE_DIR) + "/pabulib-real/";
  std::vector<std::string> real_files;
  for (const auto& entry : std::filesystem::directory_iterator(real_dir)) {
    if (entry.path().extension() == ".pb") real_files.push_back(entry.path().filename().string());
  }
  std::sort(real_files.begin(), real_files.end());
  std::printf("| real-world file | add-one rule | participa (ms) |\n|---|---|---:|\n");
  double slowest_real = 0;
  for (const auto& file : real_files) {
    auto e = participa::io::read_pabulib_file(real_dir + file);
    if (!e.ok()) continue;
    for (const auto& sat : satisfactions_of(*e)) {
      for (const char* completion : {"add1", "add1_until_infeasible", "add1_greedy"}) {
        const std::string rule = "mes_" + sat + "_" + completion;
        double t = seconds([&] { auto o = participa::testing::run_pabutools_rule(*e, rule); });
        slowest_real = std::max(slowest_real, t);
        std::printf("| %s | %s | %.4g |\n", file.c_str(), rule.c_str(), 1e3 * t);
      }
    }
  }
  std::printf("\nslowest add-one completion over the real-world files: %.3f s\n\n", slowest_real);
  std::printf("| file | load (ms) |\n|---|---:|\n");
  for (const auto& [file, e] : elections) {
    double t = seconds([&] { auto again = participa::io::read_pabulib_file(dir + file); });
    std::printf("| %s | %.4g |\n", file.c_str(), 1e3 * t);
  }
  return 0;
}
