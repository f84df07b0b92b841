// Snapshots: a ledger opened from a snapshot and the events after it holds exactly the state a
// replay from the first event gives; retries of commands from before the snapshot are still
// answered from their keys; a snapshot that was altered or does not fit the record is found.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "city.hpp"
#include "participa/io/snapshot.hpp"
#include "participa/store/verify.hpp"
#include "records.hpp"

namespace participa::testing {
namespace {

using ::testing::HasSubstr;

// A city that touches every part of the state a snapshot carries: identities, roles,
// members, scopes, an assembly, phase settings, permissions, proposals with answers, votes
// from every channel, likes, comments and moderation.
struct BusyCity {
  explicit BusyCity(const std::string& path)
      : city({{"vote_limit", std::int64_t{3}}, {"amendments_enabled", true}},
             *store::open_sqlite_store(path)) {
    ana = city.resident("ana");
    ben = city.resident("ben");
    rosa = city.register_person("rosa", /*managed=*/true);
    evaluator = city.register_person("eve");
    city.must(
        city.admin_command(sp::SpaceRoleGranted{city.space, evaluator, sp::SpaceRole::kEvaluator}));
    SpaceId assembly = City::body<sp::SpaceCreated>(
                           city.must(city.admin_command(sp::SpaceCreated{
                               .kind = "assembly", .slug = "council", .title = "Council"})))
                           .space;
    city.must(city.admin_command(sp::MemberAdded{assembly, ana, "president"}));
    city.must(city.admin_command(sp::ScopeAdded{.name = "North", .parent = city.city_scope}));
    city.must(city.admin_command(sp::PermissionSet{
        city.component, "vote", {sp::Requirement{"census", {{"postal_code", "46100"}}}}}));
    trees = city.published_proposal(ana, "Shade trees");
    bikes = city.published_proposal(ben, "Bike lanes");
    withdrawn = city.published_proposal(ben, "Withdrawn idea");
    city.must(city.act(ben, pr::ProposalWithdrawn{withdrawn}));
    comment =
        City::payload<pr::CommentAdded>(
            city.must(city.act(
                ben, pr::CommentAdded{.proposal = trees, .alignment = 1, .body = "Yes, please"})))
            .comment;
    city.must(
        city.act(ana, pr::CommentAdded{.proposal = trees, .parent = comment, .body = "Thanks"}));
    city.must(city.act(ana, pr::CommentVoted{.comment = comment, .vote = -1}));
    city.must(city.admin_command(sp::ComponentAction{
        city.component, pr::Payload(pr::ContentHidden{
                            .proposal = trees, .comment = comment, .reason = "off topic"})}));
    city.must(
        city.act(city.admin, pr::EvaluatorAssigned{.proposal = trees, .evaluator = evaluator}));
    city.must(city.act(evaluator, pr::NoteAdded{.proposal = trees, .body = "Check the budget"}));
    city.must(city.act(ana, pr::ContentReported{.proposal = bikes, .reason = "does-not-belong"}));
    ProposalId emendation =
        City::payload<pr::AmendmentCreated>(
            city.must(city.act(
                ben, pr::AmendmentCreated{.amendable = trees, .title = "Trees", .body = "Oaks."})))
            .emendation;
    city.must(city.act(ana, pr::AmendmentRejected{emendation}));
    city.must(city.act(ben, pr::AmendmentPromoted{.emendation = emendation}));
    city.open_support();
    city.must(city.act(ana, pr::VoteCast{trees}));
    city.must(city.act(ben, pr::VoteCast{trees}));
    city.must(city.act(ana, pr::ProposalLiked{bikes}));
  }
  // more — events after the snapshot, of the same kinds.
  void more() {
    city.must(city.act(ben, pr::VoteCast{bikes}));
    city.must(city.act(ana, pr::VoteWithdrawn{trees}));
    city.must(sp::Command{
        {city.admin},
        "grant-rosa",
        sp::AuthorizationGranted{
            rosa, sp::Authorization{
                      .handler = "census",
                      .unique_id = "census-rosa",
                      .attributes = {{"postal_code", "46100"}, {"birth_date", "1950-01-02"}}}}});
    city.must(sp::Command{{rosa, sp::Channel::kMediated, city.officer},
                          "rosa-votes",
                          sp::ComponentAction{city.component, pr::Payload(pr::VoteCast{bikes})}});
  }

  City city;
  ParticipantId ana, ben, rosa, evaluator;
  ProposalId trees, bikes, withdrawn;
  CommentId comment;
};

// full_replay — the record's events alone (no snapshot), replayed in a ledger of their own.
sp::Organization full_replay(const std::string& path) {
  auto file = *store::open_sqlite_store(path);
  auto memory = store::memory_store();
  EXPECT_TRUE(memory->begin().ok());
  EXPECT_TRUE(file->scan(0, [&](store::StoredEvent&& e) { return memory->append(e); }).ok());
  EXPECT_TRUE(memory->commit().ok());
  auto ledger = store::Ledger::open(std::move(memory));
  EXPECT_TRUE(ledger.ok()) << ledger.status();
  return (*ledger)->read([](const sp::Organization& o) { return o; });
}

// expect_same — every part of two states, compared field by field (not through the snapshot
// encoding, which could drop a field on both sides alike).
void expect_same(const sp::Organization& a, const sp::Organization& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_EQ(a.sequence, b.sequence);
  EXPECT_EQ(a.time, b.time);
  EXPECT_TRUE(a.participants == b.participants);
  EXPECT_EQ(a.nicknames, b.nicknames);
  EXPECT_EQ(a.identities, b.identities);
  EXPECT_TRUE(a.scopes == b.scopes);
  EXPECT_TRUE(a.spaces == b.spaces);
  EXPECT_EQ(a.slugs, b.slugs);
  ASSERT_EQ(a.components.size(), b.components.size());
  for (const auto& [id, component] : a.components) {
    const sp::Component& other = b.components.at(id);
    EXPECT_EQ(component.space, other.space);
    EXPECT_EQ(component.kind, other.kind);
    EXPECT_EQ(component.name, other.name);
    EXPECT_EQ(component.published, other.published);
    EXPECT_EQ(component.settings, other.settings);
    EXPECT_EQ(component.phase_values, other.phase_values);
    EXPECT_EQ(component.permissions, other.permissions);
    EXPECT_TRUE(std::any_cast<const pr::State&>(component.state) ==
                std::any_cast<const pr::State&>(other.state));
  }
}

TEST(Snapshot, OpeningFromASnapshotAndItsTailEqualsTheFullReplay) {
  std::string path = fresh_path("snapshot_tail");
  std::uint64_t at = 0;
  {
    BusyCity busy(path);
    auto taken = busy.city.ledger->snapshot();
    ASSERT_TRUE(taken.ok()) << taken.status();
    at = *taken;
    busy.more();
  }
  auto reopened = store::Ledger::open(*store::open_sqlite_store(path));
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  sp::Organization from_snapshot = (*reopened)->read([](const sp::Organization& o) { return o; });
  sp::Organization replayed = full_replay(path);
  EXPECT_GT(replayed.sequence, at);
  expect_same(from_snapshot, replayed);
  // The tail moved counts the snapshot had: the state is not just the snapshot's.
  const auto& state =
      std::any_cast<const pr::State&>(from_snapshot.components.begin()->second.state);
  std::int64_t bikes_votes = 0;
  for (const auto& [id, p] : state.proposals) {
    if (p.title == "Bike lanes") bikes_votes = p.votes;
  }
  EXPECT_EQ(bikes_votes, 2);  // ben online, rosa mediated, both after the snapshot
  EXPECT_EQ(*io::encode_snapshot(from_snapshot), *io::encode_snapshot(replayed));

  auto report = store::verify(**store::open_sqlite_store(path));
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->ok()) << report->first_bad->reason;
  EXPECT_EQ(report->snapshots, 1u);
}

TEST(Snapshot, ASnapshotDecodesToTheStateItWasTakenFrom) {
  std::string path = fresh_path("snapshot_roundtrip");
  BusyCity busy(path);
  busy.more();
  ProposalId extra =
      City::payload<pr::ProposalDrafted>(
          busy.city.must(busy.city.act(
              busy.city.admin,
              pr::ProposalDrafted{.title = "Extra", .body = "More.", .official = true})))
          .proposal;
  busy.city.must(busy.city.act(busy.city.admin, pr::ProposalPublished{extra}));
  busy.city.must(busy.city.act(
      busy.city.admin,
      pr::ProposalsMerged{.sources = {busy.bikes, extra}, .title = "Both", .body = "Both."}));
  sp::Organization live = busy.city.ledger->read([](const sp::Organization& o) { return o; });
  auto bytes = io::encode_snapshot(live);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto decoded = io::decode_snapshot(*bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  expect_same(*decoded, live);
}

TEST(Snapshot, RetriesFromBeforeTheSnapshotAreStillAnsweredFromTheirKeys) {
  std::string path = fresh_path("snapshot_keys");
  std::string key;
  store::Receipt first;
  {
    BusyCity busy(path);
    key = busy.city.next_key();
    first = busy.city.must(sp::Command{
        {busy.ben},
        key,
        sp::ComponentAction{busy.city.component, pr::Payload(pr::VoteCast{busy.bikes})}});
    ASSERT_TRUE(busy.city.ledger->snapshot().ok());
  }
  auto reopened = *store::Ledger::open(*store::open_sqlite_store(path));
  ParticipantId ben = first.event.actor.participant;
  const auto* action = std::get_if<sp::ComponentAction>(&first.event.body);
  ASSERT_NE(action, nullptr);
  std::uint64_t before = reopened->sequence();
  auto again = reopened->execute(sp::Command{{ben}, key, *action});
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->repeated);
  EXPECT_EQ(again->hash, first.hash);
  auto reused = reopened->execute(
      sp::Command{{ben},
                  key,
                  sp::ComponentAction{
                      action->component,
                      pr::Payload(pr::VoteWithdrawn{
                          std::get<pr::VoteCast>(std::any_cast<const pr::Payload&>(action->payload))
                              .proposal})}});
  EXPECT_EQ(reused.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(reopened->sequence(), before);
}

TEST(Snapshot, AForgedSnapshotIsFoundByVerify) {
  std::string path = fresh_path("snapshot_forged");
  std::uint64_t at = 0;
  std::string forged;
  {
    BusyCity busy(path);
    at = *busy.city.ledger->snapshot();
    // The same state with one more vote for the first proposal, encoded properly.
    sp::Organization state = busy.city.ledger->read([](const sp::Organization& o) { return o; });
    auto& proposals = std::any_cast<pr::State&>(state.components.begin()->second.state).proposals;
    proposals.begin()->second.votes += 1;
    forged = *io::encode_snapshot(state);
    busy.more();
  }
  auto events = *store::open_sqlite_store(path);
  store::StoredSnapshot stored;
  ASSERT_TRUE(events
                  ->scan_snapshots(true,
                                   [&](store::StoredSnapshot&& s) {
                                     stored = std::move(s);
                                     return absl::OkStatus();
                                   })
                  .ok());
  stored.bytes = forged;
  ASSERT_TRUE(events->put_snapshot(stored).ok());
  auto report = store::verify(*events);
  ASSERT_TRUE(report.ok());
  ASSERT_FALSE(report->ok());
  EXPECT_EQ(report->first_bad->sequence, at);
  EXPECT_THAT(report->first_bad->reason, HasSubstr("snapshot"));
  EXPECT_EQ(report->events, at - 1);
}

TEST(Snapshot, ASnapshotThatDoesNotFitTheRecordIsRefusedWhenOpening) {
  std::string path = fresh_path("snapshot_misfit");
  {
    BusyCity busy(path);
    ASSERT_TRUE(busy.city.ledger->snapshot().ok());
  }
  // Bytes that are not a snapshot.
  sql(path, "UPDATE snapshots SET state = x'0a0b0c'");
  auto garbled = store::Ledger::open(*store::open_sqlite_store(path));
  EXPECT_EQ(garbled.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(garbled.status().message(), HasSubstr("snapshot"));
  // A snapshot whose head is not the record's.
  std::string path2 = fresh_path("snapshot_head");
  {
    BusyCity busy(path2);
    ASSERT_TRUE(busy.city.ledger->snapshot().ok());
  }
  sql(path2, "UPDATE snapshots SET head = zeroblob(32)");
  auto wrong_head = store::Ledger::open(*store::open_sqlite_store(path2));
  EXPECT_EQ(wrong_head.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(wrong_head.status().message(), HasSubstr("does not end where the record does"));
  auto report = store::verify(**store::open_sqlite_store(path2));
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok());
  // A snapshot after the record's last event (events deleted after it was taken).
  std::string path3 = fresh_path("snapshot_beyond");
  std::uint64_t at = 0;
  {
    BusyCity busy(path3);
    at = *busy.city.ledger->snapshot();
  }
  sql(path3, str_cat("DELETE FROM events WHERE sequence = ", at));
  auto beyond = store::Ledger::open(*store::open_sqlite_store(path3));
  EXPECT_EQ(beyond.status().code(), absl::StatusCode::kDataLoss);
  auto report3 = store::verify(**store::open_sqlite_store(path3));
  ASSERT_TRUE(report3.ok());
  ASSERT_FALSE(report3->ok());
  EXPECT_EQ(report3->first_bad->sequence, at);
}

TEST(Snapshot, NoSnapshotBeforeTheFirstEvent) {
  auto ledger = *store::Ledger::open(store::memory_store());
  EXPECT_EQ(ledger->snapshot().status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(Snapshot, StateCodecsAreCheckedWhenRegistered) {
  struct Other {};
  io::StateCodec incomplete;  // no functions
  incomplete.type_url = "type.googleapis.com/vendor.State";
  incomplete.state_type = typeid(Other);
  EXPECT_EQ(io::register_state_codec(incomplete).code(), absl::StatusCode::kInvalidArgument);
  io::StateCodec taken{
      .type_url = "type.googleapis.com/participa.v1.ProposalsState",
      .state_type = typeid(Other),
      .encode = [](const std::any&) -> absl::StatusOr<std::string> { return std::string(); },
      .decode = [](std::string_view) -> absl::StatusOr<std::any> { return std::any(Other{}); }};
  EXPECT_EQ(io::register_state_codec(taken).code(), absl::StatusCode::kAlreadyExists);
}

}  // namespace
}  // namespace participa::testing
