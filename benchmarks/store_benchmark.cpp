// The record's speed: durable votes per second with group commit (SQLite on this machine's
// disk, synchronous=FULL), replay with and without a snapshot, permission decisions, and bytes
// per stored event.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <utility>

#include "participa/components/proposals/proposals.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/snapshot.hpp"
#include "participa/store/ledger.hpp"

namespace {

using namespace participa;
namespace sp = participa::space;
namespace pr = participa::components::proposals;

constexpr int kProposals = 50;

struct Scene {
  std::unique_ptr<store::Ledger> ledger;
  ParticipantId admin;
  ComponentId component;
  std::vector<ProposalId> proposals;
  std::vector<ParticipantId> residents;
};

template <class T>
T body(const absl::StatusOr<store::Receipt>& r) {
  return std::get<T>(r->event.body);
}

// scene — an organization with `residents` census-authorized residents and 50 proposals in
// the support phase of a process.
Scene scene(std::unique_ptr<store::EventStore> events, int residents) {
  Scene s;
  s.ledger = *store::Ledger::open(std::move(events));
  store::Ledger& l = *s.ledger;
  s.admin =
      body<sp::OrganizationFounded>(l.execute({{},
                                               "",
                                               sp::OrganizationFounded{.name = "Bench",
                                                                       .seed = 1,
                                                                       .founder_nickname = "admin",
                                                                       .founder_name = "Admin"}}))
          .founder;
  sp::Actor admin{s.admin};
  SpaceId space =
      body<sp::SpaceCreated>(
          l.execute(
              {admin, "", sp::SpaceCreated{.kind = "process", .slug = "bench", .title = "Bench"}}))
          .space;
  PhaseId phase = body<sp::PhaseAdded>(
                      l.execute({admin, "", sp::PhaseAdded{.space = space, .title = "Support"}}))
                      .phase;
  s.component =
      body<sp::ComponentAdded>(
          l.execute(
              {admin, "", sp::ComponentAdded{.space = space, .kind = "proposals", .name = "P"}}))
          .component;
  std::vector<sp::Command> setup = {
      {admin, "",
       sp::ComponentConfigured{
           s.component, phase, {{"creation_enabled", true}, {"votes_enabled", true}}}},
      {admin, "",
       sp::PermissionSet{
           s.component, "vote", {sp::Requirement{"census", {{"minimum_age", "16"}}}}}},
      {admin, "", sp::ComponentPublished{s.component}},
      {admin, "", sp::SpacePublished{space}},
      {admin, "", sp::PhaseActivated{space, phase}}};
  for (int i = 0; i < kProposals; ++i) {
    setup.push_back(
        {admin, "",
         sp::ComponentAction{s.component,
                             pr::Payload(pr::ProposalDrafted{
                                 .title = str_cat("P", i), .body = "B", .official = true})}});
  }
  for (auto& r : l.execute_all(std::move(setup))) {
    if (const auto* a = std::get_if<sp::ComponentAction>(&r->event.body)) {
      s.proposals.push_back(
          std::get<pr::ProposalDrafted>(std::any_cast<pr::Payload>(a->payload)).proposal);
    }
  }
  std::vector<sp::Command> publish;
  for (ProposalId p : s.proposals)
    publish.push_back(
        {admin, "", sp::ComponentAction{s.component, pr::Payload(pr::ProposalPublished{p})}});
  l.execute_all(std::move(publish));
  std::vector<sp::Command> people;
  for (int i = 0; i < residents; ++i) {
    people.push_back(
        {{}, "", sp::ParticipantRegistered{.nickname = str_cat("r", i), .display_name = "R"}});
  }
  std::vector<sp::Command> grants;
  for (auto& r : l.execute_all(std::move(people))) {
    ParticipantId id = std::get<sp::ParticipantRegistered>(r->event.body).participant;
    s.residents.push_back(id);
    grants.push_back({admin, "",
                      sp::AuthorizationGranted{
                          id, sp::Authorization{.handler = "census",
                                                .unique_id = id.to_string(),
                                                .attributes = {{"postal_code", "1"},
                                                               {"birth_date", "1980-01-01"}}}}});
  }
  l.execute_all(std::move(grants));
  return s;
}

std::string bench_file(std::string_view name) {
  std::string path =
      str_cat(std::filesystem::temp_directory_path().string(), "/participa_", name, ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

// BM_DurableVotes — votes committed to SQLite, `range(0)` commands per group commit.
void BM_DurableVotes(benchmark::State& state) {
  std::string path = bench_file("votes");
  Scene s = scene(*store::open_sqlite_store(path), 20'000);
  std::size_t next = 0;
  const auto batch = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    std::vector<sp::Command> votes;
    for (std::size_t i = 0; i < batch; ++i, ++next) {
      ParticipantId who = s.residents[next % s.residents.size()];
      ProposalId what = s.proposals[(next / s.residents.size()) % s.proposals.size()];
      votes.push_back(
          {{who}, "", sp::ComponentAction{s.component, pr::Payload(pr::VoteCast{what})}});
    }
    auto outcomes = s.ledger->execute_all(std::move(votes));
    if (!outcomes.back().ok())
      state.SkipWithError(std::string(outcomes.back().status().message()).c_str());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
  state.counters["bytes_per_event"] = static_cast<double>(std::filesystem::file_size(path)) /
                                      static_cast<double>(s.ledger->sequence());
}
BENCHMARK(BM_DurableVotes)->Arg(1)->Arg(64)->Arg(1024)->UseRealTime();

// replay_record — 20,000 residents and 100,000 votes (about 140,000 events); with
// `snapshot_tail` >= 0, a snapshot is stored that many votes before the end.
std::uint64_t replay_record(const std::string& path, int snapshot_tail) {
  Scene s = scene(*store::open_sqlite_store(path), 20'000);
  constexpr std::size_t kVotes = 100'000;
  std::vector<sp::Command> votes;
  auto flush = [&] { s.ledger->execute_all(std::exchange(votes, {})); };
  for (std::size_t i = 0; i < kVotes; ++i) {
    votes.push_back({{s.residents[i % s.residents.size()]},
                     "",
                     sp::ComponentAction{
                         s.component, pr::Payload(pr::VoteCast{
                                          s.proposals[(i / s.residents.size()) % kProposals]})}});
    if (snapshot_tail >= 0 && i + 1 == kVotes - static_cast<std::size_t>(snapshot_tail)) {
      flush();
      if (!s.ledger->snapshot().ok()) return 0;
    }
  }
  flush();
  return s.ledger->sequence();
}

// BM_Replay — opening a record without a snapshot: chain check, decoding and the fold, per
// event.
void BM_Replay(benchmark::State& state) {
  std::string path = bench_file("replay");
  std::uint64_t events = replay_record(path, -1);
  for (auto _ : state) {
    auto ledger = store::Ledger::open(*store::open_sqlite_store(path));
    if (!ledger.ok()) state.SkipWithError(std::string(ledger.status().message()).c_str());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * events));
}
BENCHMARK(BM_Replay)->Unit(benchmark::kMillisecond)->UseRealTime();

// BM_OpenFromSnapshot — the same record opened from a snapshot taken `range(0)` votes before
// its end: the snapshot is decoded and only those votes are replayed. Items are the record's
// events, so items/s compares with BM_Replay.
void BM_OpenFromSnapshot(benchmark::State& state) {
  std::string path = bench_file(str_cat("snapshot_", state.range(0)));
  std::uint64_t events = replay_record(path, static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto ledger = store::Ledger::open(*store::open_sqlite_store(path));
    if (!ledger.ok()) state.SkipWithError(std::string(ledger.status().message()).c_str());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * events));
  auto opened = *store::Ledger::open(*store::open_sqlite_store(path));
  auto bytes = opened->read([](const sp::Organization& o) { return io::encode_snapshot(o); });
  state.counters["snapshot_bytes"] = bytes.ok() ? static_cast<double>(bytes->size()) : 0.0;
}
BENCHMARK(BM_OpenFromSnapshot)->Arg(0)->Arg(10'000)->Unit(benchmark::kMillisecond)->UseRealTime();

// BM_PermissionDecision — decide() for a vote: actor, channel, space, component, phase
// settings, limits and the census requirement with a minimum age.
void BM_PermissionDecision(benchmark::State& state) {
  Scene s = scene(store::memory_store(), 1'000);
  const sp::Organization& org =
      s.ledger->read([](const sp::Organization& o) -> const sp::Organization& { return o; });
  std::size_t i = 0;
  absl::Time now = absl::Now();
  for (auto _ : state) {
    sp::Command vote{
        {s.residents[i % s.residents.size()]},
        "",
        sp::ComponentAction{s.component, pr::Payload(pr::VoteCast{s.proposals[i % kProposals]})}};
    benchmark::DoNotOptimize(sp::decide(org, vote, now));
    ++i;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_PermissionDecision);

}  // namespace

BENCHMARK_MAIN();
