// Times every rule of ../shared/conformance/pabulib/expected.jsonl with participa and prints a
// Markdown table beside pabutools' recorded times (its best of plain and multiprofile runs),
// plus the time to load each file. Run the release build:
//   build/release/benchmarks/pb_compare > pb_table.md
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include <boost/json.hpp>

#include "pabutools_rules.hpp"
#include "participa/io/pabulib.hpp"
#include "participa/pb/rules.hpp"

namespace {

namespace pb = participa::pb;
using Clock = std::chrono::steady_clock;

// The fastest of a few runs, at least one.
template <class F>
double seconds(F&& f, double budget_seconds = 0.5) {
  double best = 1e300, spent = 0;
  for (int i = 0; i < 5 && (i == 0 || spent < budget_seconds); ++i) {
    auto start = Clock::now();
    f();
    double s = std::chrono::duration<double>(Clock::now() - start).count();
    best = std::min(best, s);
    spent += s;
  }
  return best;
}

}  // namespace

int main() {
  const std::string dir = std::string(PARTICIPA_CONFORMANCE_DIR) + "/pabulib/";
  std::ifstream in(dir + "expected.jsonl");
  std::map<std::string, pb::Election> elections;
  std::printf("| file | rule | participa (s) | pabutools best (s) | ratio | match |\n");
  std::printf("|---|---|---:|---:|---:|---|\n");
  std::string line;
  double slowest_ratio = 1e300;
  int lines = 0, matched = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto doc = boost::json::parse(line).as_object();
    std::string file(doc.at("file").as_string()), rule(doc.at("rule").as_string());
    if (!elections.count(file))
      elections.emplace(file, *participa::io::read_pabulib_file(dir + file));
    const pb::Election& e = elections.at(file);
    double reference = doc.at("seconds").to_number<double>();
    if (auto* m = doc.if_contains("seconds_multiprofile"))
      reference = std::min(reference, m->to_number<double>());
    absl::StatusOr<pb::Outcome> outcome;
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
    std::printf("| %s | %s | %.5f | %.4f | %.0f | %s |\n", file.c_str(), rule.c_str(), t, reference,
                ratio, got == want ? "yes" : "NO");
  }
  std::printf("\n%d of %d outcomes match; smallest speed-up %.1fx\n\n", matched, lines,
              slowest_ratio);
  std::printf("| file | load (s) |\n|---|---:|\n");
  for (const auto& [file, e] : elections) {
    double t = seconds([&] { auto again = participa::io::read_pabulib_file(dir + file); });
    std::printf("| %s | %.4f |\n", file.c_str(), t);
  }
  return 0;
}
