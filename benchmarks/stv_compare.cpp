// STV against droop, the reference counter, side by side: every Glasgow ward of 2007 read and
// counted by the Scottish rule, by Meek (guarded 18+9, omega 10^-9: droop's default) and by
// Meek in rational arithmetic. participa's figure is the fastest of several in-process runs of
// reading the BLT file and counting; droop's is its whole-process time from
// tests/data/conformance/stv/droop_times.jsonl (one run each, Python 3.11; ">30" was stopped at
// 30 s), so the ratio favours droop by its interpreter's start-up. Then Meek on a large
// synthetic election. Run the release build:
//   build/bench/benchmarks/stv_compare            the wards (rational Meek once, and not on
//                                                  the wards droop could not count in 30 s)
//   build/bench/benchmarks/stv_compare --large N  Meek on N ballots x 30 candidates x 10 seats
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include <boost/json.hpp>

#include "participa/core/rng.hpp"
#include "participa/io/blt.hpp"
#include "participa/tally/profile_builder.hpp"
#include "participa/tally/stv.hpp"

namespace {

namespace stv = participa::tally::stv;
using participa::tally::Candidate;
using participa::tally::Profile;
using participa::tally::ProfileBuilder;

const std::string kDir = std::string(PARTICIPA_CONFORMANCE_DIR) + "/stv/";

struct Run {
  const char* label;
  const char* droop_rule;
  stv::Options options;
};

double best_seconds(const std::string& path, const stv::Options& given, int repeats) {
  double best = 1e30;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    auto file = participa::io::read_blt_file(path);
    if (!file.ok()) {
      std::fprintf(stderr, "%s\n", std::string(file.status().message()).c_str());
      std::exit(1);
    }
    stv::Options options = given;
    options.seats = file->seats;
    options.tie_order = file->tie_order;
    auto count = stv::count(file->profile, options);
    if (!count.ok()) {
      std::fprintf(stderr, "%s\n", std::string(count.status().message()).c_str());
      std::exit(1);
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count());
  }
  return best;
}

// Ranked ballots of `length` over n candidates with the skew of real elections: earlier
// candidates are likelier first choices.
Profile synthetic(std::size_t ballots, std::size_t n, std::size_t length, std::uint64_t seed) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < n; ++i) names.push_back("candidate " + std::to_string(i));
  ProfileBuilder p = ProfileBuilder::create(names, participa::tally::BallotKind::kRanked).value();
  participa::Rng rng(seed);
  std::vector<Candidate> order(n);
  for (std::size_t b = 0; b < ballots; ++b) {
    for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<Candidate>(i);
    for (std::size_t k = 0; k < length; ++k) {
      // Pick position j >= k with a bias towards low candidate numbers.
      const auto span = static_cast<std::uint32_t>(n - k);
      const std::uint32_t a = rng.uniform(span), c = rng.uniform(span);
      std::swap(order[k], order[k + std::min(a, c)]);
    }
    static_cast<void>(p.add(std::span<const Candidate>(order.data(), length)));
  }
  return p.build();
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::size_t large = 0;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--large") large = std::stoull(argv[i + 1]);
  }
  if (large > 0) {
    stv::Options options;
    options.rule = stv::Rule::kMeek;
    options.seats = 10;
    const Profile profile = synthetic(large, 30, 10, 7);
    const auto start = std::chrono::steady_clock::now();
    auto count = stv::count(profile, options);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::printf(
        "%zu ballots (%zu distinct) x 30 candidates x 10 seats, meek guarded 18+9: "
        "%.2f s, %s\n",
        large, profile.num_distinct(), took.count(),
        count.ok() ? "counted" : std::string(count.status().message()).c_str());
    return count.ok() ? 0 : 1;
  }
  std::map<std::pair<std::string, std::string>, std::string> droop;
  std::ifstream times(kDir + "droop_times.jsonl");
  std::string line;
  while (std::getline(times, line)) {
    if (line.empty()) continue;
    const auto doc = boost::json::parse(line).as_object();
    const auto& seconds = doc.at("seconds_whole_process");
    droop[{std::string(doc.at("blt").as_string()), std::string(doc.at("droop_rule").as_string())}] =
        seconds.is_string() ? std::string(seconds.as_string())
                            : std::to_string(seconds.to_number<double>());
  }
  stv::Options scottish;
  scottish.rule = stv::Rule::kScottish;
  stv::Options meek;
  meek.rule = stv::Rule::kMeek;
  stv::Options meek_rational = meek;
  meek_rational.arithmetic = stv::Arithmetic::kRational;
  const Run runs[] = {{"scottish", "scotland", scottish},
                      {"meek guarded", "meek", meek},
                      {"meek rational", "meek arithmetic=rational", meek_rational}};
  std::printf("%-34s %-14s %12s %12s %9s\n", "ward", "rule", "participa s", "droop s", "ratio");
  std::ifstream expected(kDir + "expected.jsonl");
  std::vector<std::string> wards;
  for (const auto& [key, seconds] : droop) {
    if (std::find(wards.begin(), wards.end(), key.first) == wards.end() &&
        key.first.find("-2007.blt") != std::string::npos) {
      wards.push_back(key.first);
    }
  }
  for (const std::string& ward : wards) {
    for (const Run& run : runs) {
      const bool exact = run.options.arithmetic == stv::Arithmetic::kRational;
      const std::string theirs = droop[{ward, run.droop_rule}];
      const bool stopped = !theirs.empty() && theirs.front() == '>';
      const std::string name = ward.substr(ward.rfind('/') + 1);
      if (exact && stopped) {
        // Rational Meek's fractions grow without bound on these wards, for droop as here.
        std::printf("%-34s %-14s %12s %12s %9s\n", name.c_str(), run.label, "not run",
                    theirs.c_str(), "-");
        continue;
      }
      const double ours = best_seconds(kDir + ward, run.options, exact ? 1 : 5);
      const double droop_seconds = stopped ? std::stod(theirs.substr(1)) : std::stod(theirs);
      std::printf("%-34s %-14s %12.5f %12s %8.0f%s\n", name.c_str(), run.label, ours,
                  theirs.c_str(), droop_seconds / ours, stopped ? "+" : "");
    }
  }
  return 0;
}
