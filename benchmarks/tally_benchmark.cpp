// Counting speed and profile memory. Run the release build:
//   build/release/benchmarks/tally_benchmark --benchmark_counters_tabular=true
// Throughput counters: "marks/s" counts every mark of every ballot a count covers (a ballot
// cast by k voters counts k times), so deduplication is part of what is measured.
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>

#include <benchmark/benchmark.h>

#include "participa/core/rng.hpp"
#include "participa/io/rctab.hpp"
#include "participa/tally/cardinal.hpp"
#include "participa/tally/condorcet.hpp"
#include "participa/tally/elimination.hpp"
#include "participa/tally/positional.hpp"
#include "participa/tally/profile_builder.hpp"
#include "participa/tally/sampling.hpp"

namespace participa::tally {
namespace {

std::vector<std::string> names(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back("candidate " + std::to_string(i));
  return out;
}

// Voters with a shared bias: candidate c is drawn with weight proportional to (c + 1), so the
// profile has the skew of real elections rather than uniform noise.
Candidate biased(Rng& rng, std::size_t n) {
  std::uint32_t total = static_cast<std::uint32_t>(n * (n + 1) / 2);
  std::uint32_t x = rng.uniform(total);
  std::size_t c = 0;
  while (x >= c + 1) {
    x -= static_cast<std::uint32_t>(c + 1);
    ++c;
  }
  return static_cast<Candidate>(n - 1 - c);
}

// `ballots` ranked ballots over n candidates, each ranking `length` candidates.
Profile ranked_profile(std::size_t ballots, std::size_t n, std::size_t length, std::uint64_t seed) {
  ProfileBuilder p = ProfileBuilder::create(names(n), BallotKind::kRanked).value();
  Rng rng(seed);
  std::vector<Candidate> order(n);
  std::vector<bool> used(n);
  for (std::size_t b = 0; b < ballots; ++b) {
    std::fill(used.begin(), used.end(), false);
    std::size_t k = 0;
    while (k < length) {
      Candidate c = k < 3 ? biased(rng, n)
                          : static_cast<Candidate>(rng.uniform(static_cast<std::uint32_t>(n)));
      if (used[c]) continue;
      used[c] = true;
      order[k++] = c;
    }
    static_cast<void>(p.add(std::span<const Candidate>(order.data(), length)));
  }
  return p.build();
}

std::uint64_t represented_marks(const Profile& p) {
  std::uint64_t marks = 0;
  for (std::size_t i = 0; i < p.num_distinct(); ++i)
    marks += p.ballot(i).marks.size() * p.weight(i);
  return marks;
}

// The digest is a property of the profile, computed once and then reused by every
// count (BM_ProfileDigest times it); counts below start from a profile whose digest is known.
void set_counters(benchmark::State& state, const Profile& p) {
  state.counters["ballots"] = static_cast<double>(p.total_weight());
  state.counters["distinct"] = static_cast<double>(p.num_distinct());
  state.counters["marks/s"] = benchmark::Counter(static_cast<double>(represented_marks(p)),
                                                 benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Plurality(benchmark::State& state) {
  Profile p = ranked_profile(static_cast<std::size_t>(state.range(0)), 20, 1, 1);
  benchmark::DoNotOptimize(p.digest());
  for (auto _ : state) benchmark::DoNotOptimize(plurality(p));
  set_counters(state, p);
}
BENCHMARK(BM_Plurality)->Arg(10'000'000)->Unit(benchmark::kMillisecond);

void BM_Approval(benchmark::State& state) {
  const std::size_t n = 20;
  ProfileBuilder ballots = ProfileBuilder::create(names(n), BallotKind::kApproval).value();
  Rng rng(2);
  std::vector<Candidate> marks;
  for (std::int64_t b = 0; b < state.range(0); ++b) {
    marks.clear();
    std::uint32_t size = 1 + rng.uniform(5);
    for (std::uint32_t k = 0; k < size; ++k) {
      Candidate c = biased(rng, n);
      if (std::find(marks.begin(), marks.end(), c) == marks.end()) marks.push_back(c);
    }
    static_cast<void>(ballots.add(marks));
  }
  const Profile p = ballots.build();
  benchmark::DoNotOptimize(p.digest());
  for (auto _ : state) benchmark::DoNotOptimize(approval(p));
  set_counters(state, p);
}
BENCHMARK(BM_Approval)->Arg(10'000'000)->Unit(benchmark::kMillisecond);

void BM_Score(benchmark::State& state) {
  const std::size_t n = 10;
  ProfileBuilder ballots = ProfileBuilder::create(names(n), BallotKind::kScore).value();
  Rng rng(3);
  std::vector<Candidate> marks(n);
  std::vector<std::int32_t> scores(n);
  for (std::int64_t b = 0; b < state.range(0); ++b) {
    std::size_t size = 0;
    for (std::size_t c = 0; c < n; ++c) {
      if (rng.uniform(3) == 0) continue;
      marks[size] = static_cast<Candidate>(c);
      scores[size++] = static_cast<std::int32_t>(rng.uniform(6));
    }
    static_cast<void>(
        ballots.add(BallotView{std::span(marks.data(), size), std::span(scores.data(), size)}));
  }
  const Profile p = ballots.build();
  benchmark::DoNotOptimize(p.digest());
  for (auto _ : state) benchmark::DoNotOptimize(score(p));
  set_counters(state, p);
}
BENCHMARK(BM_Score)->Arg(10'000'000)->Unit(benchmark::kMillisecond);

// Adding ballots to a profile: normalization, deduplication, growth. Ballots are drawn
// beforehand so only add() is timed.
void BM_BuildRankedProfile(benchmark::State& state) {
  const std::size_t ballots = static_cast<std::size_t>(state.range(0)), n = 20, length = 5;
  std::vector<Candidate> flat;
  flat.reserve(ballots * length);
  Profile source = ranked_profile(ballots, n, length, 4);
  for (std::size_t i = 0; i < source.num_distinct(); ++i) {
    for (std::uint64_t k = 0; k < source.weight(i); ++k) {
      auto b = source.ballot(i);
      flat.insert(flat.end(), b.marks.begin(), b.marks.end());
    }
  }
  for (auto _ : state) {
    ProfileBuilder p = ProfileBuilder::create(names(n), BallotKind::kRanked).value();
    for (std::size_t b = 0; b < ballots; ++b) {
      static_cast<void>(p.add(std::span<const Candidate>(flat.data() + b * length, length)));
    }
    benchmark::DoNotOptimize(p.build());
  }
  state.counters["ballots/s"] = benchmark::Counter(static_cast<double>(ballots),
                                                   benchmark::Counter::kIsIterationInvariantRate);
  state.counters["marks/s"] = benchmark::Counter(static_cast<double>(ballots * length),
                                                 benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_BuildRankedProfile)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// The canonical SHA-256 digest every result carries; a profile computes it once, so the
// counting benchmarks below time counts of a profile whose digest is known. Each iteration
// digests a new profile, the first with one more ballot, built outside the timing.
void BM_ProfileDigest(benchmark::State& state) {
  Profile p = ranked_profile(static_cast<std::size_t>(state.range(0)), 20, 20, 5);
  const Candidate extra[] = {0, 1};
  for (auto _ : state) {
    state.PauseTiming();
    ProfileBuilder more(p);
    static_cast<void>(more.add(extra));
    const Profile fresh = more.build();
    state.ResumeTiming();
    benchmark::DoNotOptimize(fresh.digest());
  }
  set_counters(state, p);
}
BENCHMARK(BM_ProfileDigest)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_Irv(benchmark::State& state) {
  Profile p = ranked_profile(static_cast<std::size_t>(state.range(0)), 20, 20, 5);
  benchmark::DoNotOptimize(p.digest());
  for (auto _ : state) benchmark::DoNotOptimize(irv(p));
  set_counters(state, p);
}
BENCHMARK(BM_Irv)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_Schulze(benchmark::State& state) {
  Profile p = ranked_profile(static_cast<std::size_t>(state.range(0)), 50, 50, 6);
  benchmark::DoNotOptimize(p.digest());
  for (auto _ : state) benchmark::DoNotOptimize(schulze(p));
  set_counters(state, p);
}
BENCHMARK(BM_Schulze)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_RankedPairs(benchmark::State& state) {
  Profile p = ranked_profile(static_cast<std::size_t>(state.range(0)), 50, 50, 6);
  Options options;
  options.tie_break.policy = TieBreakPolicy::kCandidateOrder;
  benchmark::DoNotOptimize(p.digest());
  for (auto _ : state) benchmark::DoNotOptimize(ranked_pairs(p, options));
  set_counters(state, p);
}
BENCHMARK(BM_RankedPairs)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// Drawing a synthetic profile of 10 candidates: state.range(0) voters, model by state.range(1)
// (0 impartial culture, 1 mallows phi 0.8, 2 plackett-luce, 3 urn alpha 0.1).
void BM_SampleProfile(benchmark::State& state) {
  const auto voters = static_cast<std::uint64_t>(state.range(0));
  SamplingOptions options = {.voters = voters, .seed = 1};
  switch (state.range(1)) {
    case 1:
      options.model = SamplingModel::kMallows;
      options.phi = 0.8;
      break;
    case 2:
      options.model = SamplingModel::kPlackettLuce;
      options.strengths = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
      break;
    case 3:
      options.model = SamplingModel::kUrn;
      options.alpha = 0.1;
      break;
    default:
      break;
  }
  state.SetLabel(std::string(to_string(options.model)));
  for (auto _ : state) benchmark::DoNotOptimize(sample_profile(names(10), options).value());
  state.counters["voters/s"] = benchmark::Counter(
      static_cast<double>(voters * static_cast<std::uint64_t>(state.iterations())),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SampleProfile)
    ->ArgsProduct({{1'000'000}, {0, 1, 2, 3}})
    ->Unit(benchmark::kMillisecond);

// Resident pages of this process, in bytes.
double resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t size = 0, resident = 0;
  statm >> size >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

// Memory of a ranked profile of range(0) ballots over 20 candidates, range(1) ranks each,
// against the ballots' raw size (range(0) × range(1) candidate indices of 4 bytes): the peak
// while building (the builder's index included) and what the built profile holds.
void BM_ProfileMemory(benchmark::State& state) {
  const std::size_t ballots = static_cast<std::size_t>(state.range(0));
  const std::size_t length = static_cast<std::size_t>(state.range(1));
  std::size_t distinct = 0;
  double held = 0;
  for (auto _ : state) {
    const double before = resident_bytes();
    Profile p = ranked_profile(ballots, 20, length, 7);
    held = resident_bytes() - before;
    distinct = p.num_distinct();
    benchmark::DoNotOptimize(p);
  }
  rusage after{};
  getrusage(RUSAGE_SELF, &after);
  const double raw = static_cast<double>(ballots * length) * 4;
  state.counters["raw_MB"] = raw / 1e6;
  state.counters["peak_rss_MB"] = static_cast<double>(after.ru_maxrss) / 1e3;
  state.counters["peak/raw"] = static_cast<double>(after.ru_maxrss) * 1e3 / raw;
  state.counters["held/raw"] = held / raw;
  state.counters["distinct"] = static_cast<double>(distinct);
}
// Each in a process of its own (--benchmark_filter), since the peak is the process's.
BENCHMARK(BM_ProfileMemory)
    ->Args({10'000'000, 5})
    ->Args({2'000'000, 20})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

// RCTab's largest conformance case (2013 Minneapolis park board, 80 101 records), from the
// .xlsx to the detailed report.
void BM_RctabMinneapolisEndToEnd(benchmark::State& state) {
  // RCTab's cases share their CVR files in a sibling folder, so the CVR root is theirs.
  const std::string root = std::string(PARTICIPA_CONFORMANCE_DIR) + "/rctab";
  const std::string config =
      root + "/2013_minneapolis_park_hare/2013_minneapolis_park_hare_config.json";
  for (auto _ : state) {
    auto contest = io::read_rctab_contest(config, root);
    if (!contest.ok()) {
      state.SkipWithError(std::string(contest.status().message()).c_str());
      return;
    }
    auto reports = io::tabulate_rctab(*contest);
    benchmark::DoNotOptimize(io::rctab_report_json(*contest, reports->front()));
  }
}
BENCHMARK(BM_RctabMinneapolisEndToEnd)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace participa::tally

BENCHMARK_MAIN();
