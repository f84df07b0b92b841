// Spaces, permissions and proposals through the ledger: the rules as Decidim's documentation
// states them, with expected values worked out by hand.
#include <unistd.h>

#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "city.hpp"
#include "participa/components/proposals/queries.hpp"
#include "participa/io/record.hpp"
#include "participa/io/snapshot.hpp"
#include "participa/store/verify.hpp"

namespace participa::testing {
namespace {

using ::testing::HasSubstr;

// refold — the city's state folded again from its events' encoded bytes.
sp::Organization refold(City& city) {
  sp::Organization replayed;
  auto events = city.ledger->events();
  EXPECT_TRUE(events.ok()) << events.status();
  if (!events.ok()) return replayed;
  for (const store::Receipt& receipt : *events) {
    auto decoded = io::decode_event(*io::encode_event(receipt.event));
    EXPECT_TRUE(decoded.ok()) << decoded.status();
    if (!decoded.ok() || !sp::evolve(replayed, *decoded).ok()) ADD_FAILURE() << "refold";
  }
  return replayed;
}

TEST(Proposals, VotesCountOnlyOnceTheMinimumIsReachedAndStopBelowIt) {
  City city({{"minimum_votes_per_participant", std::int64_t{3}}});
  ParticipantId ana = city.resident("ana");
  ProposalId a = city.published_proposal(ana, "Proposal A");
  ProposalId b = city.published_proposal(ana, "Proposal B");
  ParticipantId bo = city.resident("bo");
  ProposalId c = city.published_proposal(bo, "Proposal C");
  city.open_support();
  city.must(city.act(ana, pr::VoteCast{a}));
  city.must(city.act(ana, pr::VoteCast{b}));
  EXPECT_EQ(city.proposal(a).votes, 0);  // two of three: temporary
  city.must(city.act(ana, pr::VoteCast{c}));
  EXPECT_EQ(city.proposal(a).votes, 1);
  EXPECT_EQ(city.proposal(b).votes, 1);
  EXPECT_EQ(city.proposal(c).votes, 1);
  city.must(city.act(ana, pr::VoteWithdrawn{c}));  // back to two: none count
  EXPECT_EQ(city.proposal(a).votes, 0);
  EXPECT_EQ(city.proposal(b).votes, 0);
  EXPECT_EQ(city.proposal(c).votes, 0);
}

TEST(Proposals, VoteLimitThresholdAndAccumulation) {
  City city({{"vote_limit", std::int64_t{2}}, {"threshold_per_proposal", std::int64_t{2}}});
  ParticipantId ana = city.resident("ana");
  ProposalId a = city.published_proposal(ana, "Proposal A");
  ProposalId b = city.published_proposal(ana, "Proposal B");
  ProposalId c = city.published_proposal(city.resident("cy"), "Proposal C");
  city.open_support();
  city.must(city.act(ana, pr::VoteCast{a}));
  city.must(city.act(ana, pr::VoteCast{b}));
  EXPECT_THAT(city.run(city.act(ana, pr::VoteCast{c})),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("all 2 votes")));
  city.must(city.act(city.resident("bo"), pr::VoteCast{a}));
  EXPECT_EQ(city.proposal(a).votes, 2);
  EXPECT_THAT(city.run(city.act(city.resident("di"), pr::VoteCast{a})),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("threshold of 2")));

  City accumulating({{"threshold_per_proposal", std::int64_t{1}},
                     {"can_accumulate_votes_beyond_threshold", true}});
  ProposalId d = accumulating.published_proposal(accumulating.resident("ed"));
  accumulating.open_support();
  accumulating.must(accumulating.act(accumulating.resident("fa"), pr::VoteCast{d}));
  accumulating.must(accumulating.act(accumulating.resident("gu"), pr::VoteCast{d}));
  EXPECT_EQ(accumulating.proposal(d).votes, 2);
}

TEST(Proposals, TemporaryVotesTakeTheirPlaceUnderTheThreshold) {
  // Threshold 1, minimum 2: ana's first vote on A is temporary but holds A's one place, so
  // that when her second vote makes it count, A has exactly one vote, not two.
  City city({{"threshold_per_proposal", std::int64_t{1}},
             {"minimum_votes_per_participant", std::int64_t{2}}});
  ParticipantId ana = city.resident("ana");
  ProposalId a = city.published_proposal(ana, "Proposal A");
  ProposalId b = city.published_proposal(ana, "Proposal B");
  ParticipantId bo = city.resident("bo");
  city.open_support();
  city.must(city.act(ana, pr::VoteCast{a}));
  EXPECT_EQ(city.proposal(a).votes, 0);
  EXPECT_THAT(city.run(city.act(bo, pr::VoteCast{a})),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("temporary ones included")));
  city.must(city.act(ana, pr::VoteCast{b}));
  EXPECT_EQ(city.proposal(a).votes, 1);
  city.must(city.act(ana, pr::VoteWithdrawn{a}));  // the place is free again
  city.must(city.act(bo, pr::VoteCast{a}));
}

TEST(Proposals, ChannelsSplitTheCountAndSumToIt) {
  City city;
  ProposalId a = city.published_proposal(city.resident("ana"));
  ParticipantId managed = city.register_person("maria", /*managed=*/true);
  city.open_support();
  city.must(city.act(city.resident("bo"), pr::VoteCast{a}));
  sp::Command online = city.act(managed, pr::VoteCast{a});
  EXPECT_THAT(city.run(online), StatusIs(absl::StatusCode::kFailedPrecondition,
                                         HasSubstr("in person or through a mediator")));
  sp::Command mediated = city.act(managed, pr::VoteCast{a});
  mediated.actor = sp::Actor{managed, sp::Channel::kMediated, city.officer};
  city.must(mediated);
  pr::Proposal p = city.proposal(a);
  EXPECT_EQ(p.votes, 2);
  EXPECT_EQ(p.votes_by_channel[0], 1);
  EXPECT_EQ(p.votes_by_channel[2], 1);
  sp::Command unrecorded = city.act(managed, pr::VoteWithdrawn{a});
  unrecorded.actor = sp::Actor{managed, sp::Channel::kInPerson, city.resident("cy")};
  EXPECT_THAT(city.run(unrecorded),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not a user manager")));
}

TEST(Proposals, UnvoteOnlyWhileVotesAreOpen) {
  City city;
  ParticipantId ana = city.resident("ana");
  ProposalId a = city.published_proposal(ana);
  city.open_support();
  city.must(city.act(ana, pr::VoteCast{a}));
  city.must(city.admin_command(sp::PhaseActivated{city.space, city.collection}));
  EXPECT_THAT(city.run(city.act(ana, pr::VoteWithdrawn{a})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("votes_enabled is off")));
  EXPECT_EQ(city.proposal(a).votes, 1);
}

TEST(Permissions, AuthorizationVerdicts) {
  City city;
  city.must(city.admin_command(sp::PermissionSet{
      city.component,
      "create",
      {sp::Requirement{"census", {{"minimum_age", "16"}, {"postal_code_in", "46100, 46200"}}}}}));
  auto draft = [&](ParticipantId who) {
    return city.run(city.act(who, pr::ProposalDrafted{.title = "Idea", .body = "Text"}));
  };
  EXPECT_THAT(draft(city.register_person("none")),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("missing")));
  auto grant = [&](std::string nick, sp::Authorization a) {
    ParticipantId id = city.register_person(nick);
    a.handler = "census";
    a.unique_id = "id-" + nick;
    city.must(city.admin_command(sp::AuthorizationGranted{id, a}));
    return id;
  };
  ParticipantId young =
      grant("young", {.attributes = {{"postal_code", "46100"}, {"birth_date", "2015-01-01"}}});
  EXPECT_THAT(draft(young), StatusIs(absl::StatusCode::kFailedPrecondition,
                                     HasSubstr("unauthorized (only people aged 16")));
  ParticipantId far =
      grant("far", {.attributes = {{"postal_code", "28001"}, {"birth_date", "1980-01-01"}}});
  EXPECT_THAT(draft(far), StatusIs(absl::StatusCode::kFailedPrecondition,
                                   HasSubstr("postal_code '28001' is not one of")));
  ParticipantId pending = grant("pending", {.pending = true});
  EXPECT_THAT(draft(pending),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("pending")));
  ParticipantId expiring =
      grant("expiring", {.attributes = {{"postal_code", "46100"}, {"birth_date", "1980-01-01"}},
                         .expires_at = city.clock_->now + absl::Hours(1)});
  EXPECT_TRUE(draft(expiring).ok());
  city.clock_->now += absl::Hours(2);
  EXPECT_THAT(draft(expiring),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("expired")));
  ParticipantId ok =
      grant("ok", {.attributes = {{"postal_code", "46200"}, {"birth_date", "1980-01-01"}}});
  EXPECT_TRUE(draft(ok).ok());
}

TEST(Permissions, PrivateAndTransparentSpaces) {
  City city;
  ParticipantId ana = city.resident("ana");
  sp::SpaceCreated assembly{.kind = "assembly",
                            .slug = "council",
                            .title = "Council",
                            .visibility = sp::Visibility::kTransparent};
  SpaceId council = City::body<sp::SpaceCreated>(city.must(city.admin_command(assembly))).space;
  ComponentId motions = City::body<sp::ComponentAdded>(
                            city.must(city.admin_command(sp::ComponentAdded{
                                .space = council, .kind = "proposals", .name = "Motions"})))
                            .component;
  city.must(city.admin_command(
      sp::ComponentConfigured{motions, PhaseId(), {{"creation_enabled", true}}}));
  city.must(city.admin_command(sp::ComponentPublished{motions}));
  city.must(city.admin_command(sp::SpacePublished{council}));
  sp::Command outsider{{ana},
                       "m1",
                       sp::ComponentAction{motions, pr::Payload(pr::ProposalDrafted{
                                                        .title = "Motion", .body = "Text"})}};
  EXPECT_THAT(city.run(outsider), StatusIs(absl::StatusCode::kFailedPrecondition,
                                           HasSubstr("transparent: only its members take part")));
  auto seen = city.ledger->read(
      [&](const sp::Organization& o) { return pr::list_proposals(o, motions, ana, {}); });
  EXPECT_TRUE(seen.ok()) << seen.status();  // transparent: everyone reads
  city.must(city.admin_command(sp::MemberAdded{council, ana, "secretary"}));
  outsider.idempotency_key = "m2";
  EXPECT_TRUE(city.run(outsider).ok());
}

TEST(Phases, ActivatedByDateAndNeverTwoAtOnce) {
  City city;
  absl::Time start = city.clock_->now + absl::Hours(24);
  PhaseId later =
      City::body<sp::PhaseAdded>(
          city.must(city.admin_command(sp::PhaseAdded{.space = city.space,
                                                      .title = "Later",
                                                      .starts_at = start,
                                                      .ends_at = start + absl::Hours(24)})))
          .phase;
  sp::Command scheduler{{}, "tick", sp::PhaseActivated{city.space, PhaseId()}};
  EXPECT_THAT(city.run(scheduler),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("no phase")));
  city.clock_->now = start + absl::Hours(1);
  scheduler.idempotency_key = "tick-2";
  EXPECT_EQ(City::body<sp::PhaseActivated>(city.must(scheduler)).phase, later);
  auto active = city.ledger->read(
      [&](const sp::Organization& o) { return o.space(city.space)->active_phase; });
  EXPECT_EQ(active, later);
}

TEST(Record, IdempotentRetriesAndReplayOnSqlite) {
  std::string path = str_cat(::testing::TempDir(), "/participation_replay_", getpid(), ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  ProposalId a;
  ComponentId component;
  Digest head;
  {
    City city({}, *store::open_sqlite_store(path));
    component = city.component;
    ParticipantId ana = city.resident("ana");
    a = city.published_proposal(ana);
    city.open_support();
    sp::Command vote{
        {ana}, "vote-once", sp::ComponentAction{city.component, pr::Payload(pr::VoteCast{a})}};
    store::Receipt first = city.must(vote);
    store::Receipt again = city.must(vote);
    EXPECT_TRUE(again.repeated);
    EXPECT_EQ(again.event.sequence, first.event.sequence);
    EXPECT_EQ(city.proposal(a).votes, 1);
    vote.body = sp::ComponentAction{city.component, pr::Payload(pr::VoteWithdrawn{a})};
    EXPECT_THAT(city.run(vote),
                StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("another command")));
    head = city.ledger->head();
  }
  auto reopened = store::Ledger::open(*store::open_sqlite_store(path));
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ((*reopened)->head(), head);
  std::int64_t votes = (*reopened)->read([&](const sp::Organization& o) {
    return (*pr::state_of(o, component))->proposals.at(a).votes;
  });
  EXPECT_EQ(votes, 1);
  auto checked = store::verify(*store::open_sqlite_store(path).value());
  ASSERT_TRUE(checked.ok());
  EXPECT_TRUE(checked->ok()) << checked->first_bad->reason;
  reopened->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

TEST(Record, ARetryCommittedTogetherWithItsFirstAttemptGetsTheFirstReceipt) {
  City city;
  ParticipantId ana = city.resident("ana");
  ProposalId a = city.published_proposal(ana);
  city.open_support();
  sp::Command vote{
      {ana}, "vote-once", sp::ComponentAction{city.component, pr::Payload(pr::VoteCast{a})}};
  std::vector<absl::StatusOr<store::Receipt>> outcomes = city.ledger->execute_all({vote, vote});
  ASSERT_TRUE(outcomes[0].ok()) << outcomes[0].status();
  ASSERT_TRUE(outcomes[1].ok()) << outcomes[1].status();
  EXPECT_FALSE(outcomes[0]->repeated);
  EXPECT_TRUE(outcomes[1]->repeated);
  EXPECT_EQ(outcomes[1]->event.sequence, outcomes[0]->event.sequence);
  EXPECT_EQ(city.proposal(a).votes, 1);
}

TEST(Queries, HiddenDraftsAndHiddenCounts) {
  City city;
  ParticipantId ana = city.resident("ana");
  ParticipantId bo = city.resident("bo");
  ProposalId shown = city.published_proposal(ana, "Shown");
  ProposalId hidden = city.published_proposal(ana, "Hidden");
  city.must(city.act(bo, pr::ProposalDrafted{.title = "Draft of bo", .body = "Text"}));
  sp::Command hide = city.act(city.admin, pr::ContentHidden{.proposal = hidden, .reason = "spam"});
  city.must(hide);
  city.must(city.admin_command(
      sp::ComponentConfigured{city.component, city.support, {{"votes_hidden", true}}}));
  city.open_support();
  auto list = [&](ParticipantId reader) {
    return city.ledger->read([&](const sp::Organization& o) {
      return *pr::list_proposals(o, city.component, reader, {});
    });
  };
  std::vector<pr::ProposalView> for_ana = list(ana);
  ASSERT_EQ(for_ana.size(), 1u);
  EXPECT_EQ(for_ana[0].id, shown);
  EXPECT_FALSE(for_ana[0].votes.has_value());
  EXPECT_EQ(list(bo).size(), 2u);  // bo's own draft
  std::vector<pr::ProposalView> for_admin = list(city.admin);
  EXPECT_EQ(for_admin.size(), 2u);  // admins see hidden content, not others' drafts
  EXPECT_TRUE(for_admin[0].votes.has_value());
}

TEST(Proposals, EvaluatorsAnswerWhatIsAssignedToThemAndNotesStayPrivate) {
  City city;
  ParticipantId ana = city.resident("ana");
  ParticipantId eve = city.register_person("eve");
  city.must(city.admin_command(sp::SpaceRoleGranted{city.space, eve, sp::SpaceRole::kEvaluator}));
  ProposalId a = city.published_proposal(ana, "Shade trees");
  ProposalId b = city.published_proposal(ana, "Bike lanes");
  city.must(city.act(city.admin, pr::EvaluatorAssigned{.proposal = a, .evaluator = eve}));
  city.must(city.act(eve, pr::NoteAdded{.proposal = a, .body = "Ask the parks service"}));
  city.must(city.act(eve, pr::ProposalAnswered{.proposal = a, .state = "evaluating"}));
  EXPECT_THAT(city.run(city.act(eve, pr::ProposalAnswered{.proposal = b, .state = "evaluating"})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not assigned")));
  EXPECT_THAT(city.run(city.act(eve, pr::NoteAdded{.proposal = b, .body = "x"})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("private notes")));
  // Unassigned, eve answers a no more.
  city.must(city.act(city.admin,
                     pr::EvaluatorAssigned{.proposal = a, .evaluator = eve, .assigned = false}));
  EXPECT_THAT(city.run(city.act(eve, pr::ProposalAnswered{.proposal = a, .state = "accepted"})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not assigned")));
  auto state = city.ledger->read(
      [&](const sp::Organization& o) { return **pr::state_of(o, city.component); });
  ASSERT_EQ(state.notes.size(), 1u);
  EXPECT_EQ(state.notes.begin()->second.author, eve);
  EXPECT_EQ(state.proposals.at(a).answer_state, "evaluating");
  EXPECT_TRUE(state.proposals.at(a).evaluators.empty());
}

TEST(Proposals, CommentVotesCountUpAndDownAndChange) {
  City city;
  ParticipantId ana = city.resident("ana"), bo = city.resident("bo"), cy = city.resident("cy");
  ProposalId a = city.published_proposal(ana);
  CommentId c = City::payload<pr::CommentAdded>(
                    city.must(city.act(ana, pr::CommentAdded{.proposal = a, .body = "Yes"})))
                    .comment;
  city.must(city.act(bo, pr::CommentVoted{.comment = c, .vote = 1}));
  city.must(city.act(cy, pr::CommentVoted{.comment = c, .vote = -1}));
  city.must(city.act(cy, pr::CommentVoted{.comment = c, .vote = 1}));  // changes its mind
  city.must(city.act(bo, pr::CommentVoted{.comment = c, .vote = 0}));  // takes it back
  auto comment = city.ledger->read([&](const sp::Organization& o) {
    return (*pr::state_of(o, city.component))->comments.at(c);
  });
  EXPECT_EQ(comment.up_votes, 1);  // cy's
  EXPECT_EQ(comment.down_votes, 0);
}

TEST(Proposals, TheThirdReportHidesTheContentUntilAModeratorUnhidesIt) {
  City city;
  ParticipantId ana = city.resident("ana");
  ProposalId a = city.published_proposal(ana);
  CommentId c = City::payload<pr::CommentAdded>(
                    city.must(city.act(ana, pr::CommentAdded{.proposal = a, .body = "Buy now!"})))
                    .comment;
  for (int i = 0; i < 3; ++i) {
    ParticipantId who = city.resident(str_cat("reporter-", i));
    city.must(city.act(who, pr::ContentReported{.proposal = a, .comment = c, .reason = "spam"}));
    bool hidden = city.ledger->read([&](const sp::Organization& o) {
      return (*pr::state_of(o, city.component))->comments.at(c).hidden;
    });
    EXPECT_EQ(hidden, i == 2) << "after report " << i + 1;
  }
  EXPECT_EQ(city.proposal(a).comments, 0);  // a hidden comment leaves the public count
  EXPECT_FALSE(city.proposal(a).hidden);    // the proposal itself was not reported
  city.must(city.act(city.admin, pr::ContentHidden{.proposal = a, .comment = c, .hidden = false}));
  EXPECT_EQ(city.proposal(a).comments, 1);
}

TEST(Proposals, AmendmentsAreAcceptedRejectedAndPromoted) {
  City city({{"amendments_enabled", true}});
  ParticipantId ana = city.resident("ana"), bo = city.resident("bo"), cy = city.resident("cy");
  ProposalId a = city.published_proposal(ana, "Shade trees");
  auto amend = [&](ParticipantId who, std::string title) {
    return City::payload<pr::AmendmentCreated>(
               city.must(city.act(
                   who,
                   pr::AmendmentCreated{.amendable = a, .title = title, .body = "Plant them."})))
        .emendation;
  };
  EXPECT_THAT(
      city.run(city.act(
          ana, pr::AmendmentCreated{.amendable = a, .title = "Mine", .body = "Plant them."})),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("rather than amend")));
  ProposalId by_bo = amend(bo, "Shade trees and benches");
  ProposalId by_cy = amend(cy, "Fountains instead");
  EXPECT_THAT(city.run(city.act(bo, pr::AmendmentAccepted{by_bo})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("only the authors")));
  auto listed = [&](bool emendations) {
    return city.ledger->read([&](const sp::Organization& o) {
      return (*pr::list_proposals(o, city.component, ana, {.emendations = emendations})).size();
    });
  };
  EXPECT_EQ(listed(false), 1u);
  EXPECT_EQ(listed(true), 2u);

  EXPECT_THAT(city.run(city.act(ana, pr::AmendmentAccepted{a})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is not an emendation")));
  city.must(city.act(ana, pr::AmendmentAccepted{by_bo}));
  EXPECT_EQ(city.proposal(a).title, "Shade trees and benches");
  EXPECT_EQ(city.proposal(a).authors, (std::vector<ParticipantId>{ana, bo}));
  EXPECT_EQ(city.proposal(by_bo).amendment_state, "accepted");
  EXPECT_THAT(city.run(city.act(ana, pr::AmendmentRejected{by_bo})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("no longer evaluated")));

  EXPECT_THAT(city.run(city.act(cy, pr::AmendmentPromoted{.emendation = by_cy})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("only a rejected")));
  city.must(city.act(ana, pr::AmendmentRejected{by_cy}));
  ProposalId promoted = City::payload<pr::AmendmentPromoted>(
                            city.must(city.act(cy, pr::AmendmentPromoted{.emendation = by_cy})))
                            .proposal;
  pr::Proposal p = city.proposal(promoted);
  EXPECT_EQ(p.title, "Fountains instead");
  EXPECT_EQ(p.promoted_from, by_cy);
  EXPECT_TRUE(p.amends.is_nil());
  EXPECT_TRUE(p.published_at.has_value());
  EXPECT_EQ(city.proposal(by_cy).amendment_state, "promoted");
  EXPECT_EQ(listed(false), 2u);

  city.open_support();
  EXPECT_THAT(city.run(city.act(bo, pr::VoteCast{by_bo})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("emendations take no")));
  city.must(city.act(bo, pr::VoteCast{promoted}));
}

TEST(Proposals, MergeAndSplitRetireTheOriginalsAndGiveTheirVotesBack) {
  City city({{"vote_limit", std::int64_t{2}}});
  ParticipantId ana = city.resident("ana"), bo = city.resident("bo");
  ProposalId a = city.published_proposal(ana, "Trees on the square");
  ProposalId b = city.published_proposal(bo, "More trees");
  ProposalId c = city.published_proposal(bo, "Bike lanes and bus lanes");
  city.open_support();
  city.must(city.act(ana, pr::VoteCast{a}));
  city.must(city.act(ana, pr::VoteCast{b}));
  EXPECT_THAT(city.run(city.act(ana, pr::VoteCast{c})),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("all 2 votes")));
  ProposalId merged =
      City::payload<pr::ProposalsMerged>(
          city.must(city.act(city.admin, pr::ProposalsMerged{.sources = {a, b},
                                                             .title = "Trees for the city",
                                                             .body = "Both ideas together."})))
          .proposal;
  pr::Proposal m = city.proposal(merged);
  EXPECT_TRUE(m.official);
  EXPECT_EQ(m.sources, (std::vector<ProposalId>{a, b}));
  EXPECT_EQ(city.proposal(a).replaced_by, (std::vector<ProposalId>{merged}));
  EXPECT_EQ(city.proposal(a).votes, 0);
  // ana's two votes went with the originals: she may vote again.
  city.must(city.act(ana, pr::VoteCast{c}));
  city.must(city.act(ana, pr::VoteCast{merged}));
  EXPECT_THAT(city.run(city.act(bo, pr::VoteCast{a})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("merged or split")));

  auto split = city.must(
      city.act(city.admin, pr::ProposalSplit{.source = c,
                                             .parts = {{.title = "Bike lanes", .body = "Lanes."},
                                                       {.title = "Bus lanes", .body = "Lanes."}}}));
  const auto parts = City::payload<pr::ProposalSplit>(split).parts;
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(city.proposal(parts[1].proposal).title, "Bus lanes");
  EXPECT_EQ(city.proposal(parts[1].proposal).sources, (std::vector<ProposalId>{c}));
  EXPECT_EQ(city.proposal(c).votes, 0);
  auto titles = city.ledger->read([&](const sp::Organization& o) {
    std::vector<std::string> out;
    auto views = pr::list_proposals(o, city.component, ana, {});
    if (!views.ok()) return out;
    for (const auto& view : *views) out.push_back(view.title);
    std::sort(out.begin(), out.end());
    return out;
  });
  EXPECT_EQ(titles, (std::vector<std::string>{"Bike lanes", "Bus lanes", "Trees for the city"}));
  auto state = city.ledger->read(
      [&](const sp::Organization& o) { return **pr::state_of(o, city.component); });
  EXPECT_EQ(state.votes_cast.at(ana), 1);  // the vote on the merged proposal
  EXPECT_EQ(state.proposals_authored.at(bo), 0);
}

TEST(Proposals, CopiesTakeTheAnsweredProposalsOfAnotherComponentOnceEach) {
  City city;
  ParticipantId ana = city.resident("ana");
  ParticipantId bo = city.resident("bo");
  ProposalId trees = city.published_proposal(ana, "Shade trees");
  ProposalId lanes = city.published_proposal(bo, "Bike lanes");
  ProposalId withdrawn = city.published_proposal(bo, "Benches");
  city.must(city.act(bo, pr::ProposalWithdrawn{withdrawn}));
  city.must(city.act(
      city.admin, pr::ProposalAnswered{.proposal = trees, .state = "accepted", .published = true}));
  city.must(city.act(city.admin, pr::ProposalAnswered{.proposal = lanes,
                                                      .state = "rejected",
                                                      .answer = "No room on that street.",
                                                      .published = true}));
  ComponentId results =
      City::body<sp::ComponentAdded>(
          city.must(city.admin_command(sp::ComponentAdded{
              .space = city.space, .kind = "proposals", .name = "Accepted proposals"})))
          .component;
  city.must(city.admin_command(sp::ComponentPublished{results}));
  auto copy_into = [&](ParticipantId who, pr::ProposalsCopied copied) {
    return sp::Command{
        {who}, city.next_key(), sp::ComponentAction{results, pr::Payload(std::move(copied))}};
  };

  EXPECT_THAT(city.run(copy_into(ana, {.source = city.component})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("only admins")));
  EXPECT_THAT(city.run(copy_into(city.admin, {.source = results})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("its own proposals")));
  EXPECT_THAT(city.run(copy_into(city.admin, {.source = city.component, .state = "evaluating"})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("no proposal to copy")));

  auto accepted = City::payload<pr::ProposalsCopied>(
      city.must(copy_into(city.admin, {.source = city.component, .state = "accepted"})));
  ASSERT_EQ(accepted.copies.size(), 1u);
  EXPECT_EQ(accepted.copies[0].original, trees);
  EXPECT_THAT(city.run(copy_into(city.admin, {.source = city.component, .state = "accepted"})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("copied here already")));
  // Without a state: every published proposal not copied yet, so only the rejected one.
  auto rest = City::payload<pr::ProposalsCopied>(
      city.must(copy_into(city.admin, {.source = city.component})));
  ASSERT_EQ(rest.copies.size(), 1u);
  EXPECT_EQ(rest.copies[0].original, lanes);

  auto [copy, links] = city.ledger->read([&](const sp::Organization& o) {
    return std::pair((*pr::state_of(o, results))->proposals.at(accepted.copies[0].copy),
                     pr::copies_of(o, trees));
  });
  EXPECT_EQ(copy.title, "Shade trees");
  EXPECT_EQ(copy.authors, (std::vector<ParticipantId>{ana}));
  EXPECT_EQ(copy.copied_from, trees);
  EXPECT_EQ(copy.copied_from_component, city.component);
  EXPECT_TRUE(copy.published_at.has_value());
  EXPECT_EQ(copy.answer_state, "");
  EXPECT_EQ(copy.votes, 0);
  EXPECT_EQ(links, (std::vector<pr::ProposalLink>{{results, accepted.copies[0].copy}}));
  EXPECT_EQ(city.proposal(trees).public_state(), "accepted");  // the original is unchanged

  sp::Organization replayed = refold(city);
  auto restored = io::decode_snapshot(*io::encode_snapshot(replayed));
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ((*pr::state_of(*restored, results))->proposals.at(accepted.copies[0].copy), copy);
  EXPECT_EQ((*pr::state_of(replayed, results))->proposals.at(rest.copies[0].copy).copied_from,
            lanes);
}

TEST(Groups, MembersWriteForTheirGroupButSupportOnlyInTheirOwnName) {
  City city;
  ParticipantId ana = city.resident("ana");
  ParticipantId bo = city.resident("bo");
  ParticipantId cy = city.resident("cy");
  GroupId bikes = City::body<sp::GroupCreated>(
                      city.must(sp::Command{{ana},
                                            city.next_key(),
                                            sp::GroupCreated{.nickname = "bike-friends",
                                                             .name = "Friends of the bicycle"}}))
                      .group;
  auto as = [&](ParticipantId who, sp::Body body) {
    return sp::Command{{who}, city.next_key(), std::move(body)};
  };
  // bo asks and ana admits him; cy is never admitted.
  city.must(as(bo, sp::GroupJoinRequested{bikes}));
  EXPECT_THAT(city.run(as(bo, sp::GroupJoinRequested{bikes})),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("already asked")));
  EXPECT_THAT(city.run(as(bo, sp::GroupMemberAdmitted{bikes, bo})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("only its admins")));
  city.must(as(ana, sp::GroupMemberAdmitted{bikes, bo}));
  EXPECT_THAT(city.run(as(ana, sp::GroupMemberAdmitted{bikes, cy})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("has not asked")));
  // The nickname space is shared with participants.
  EXPECT_THAT(city.run(sp::Command{{},
                                   city.next_key(),
                                   sp::ParticipantRegistered{.nickname = "bike-friends",
                                                             .display_name = "Someone"}}),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("is taken")));

  sp::Command drafted = city.act(bo, pr::ProposalDrafted{.title = "Bike lanes", .body = "Lanes."});
  drafted.actor.group = bikes;
  ProposalId lanes = City::payload<pr::ProposalDrafted>(city.must(drafted)).proposal;
  EXPECT_EQ(city.proposal(lanes).groups, (std::vector<GroupId>{bikes}));
  EXPECT_EQ(city.proposal(lanes).authors, (std::vector<ParticipantId>{bo}));
  city.must(city.act(bo, pr::ProposalPublished{lanes}));

  sp::Command by_outsider = city.act(cy, pr::ProposalDrafted{.title = "Bus", .body = "Buses."});
  by_outsider.actor.group = bikes;
  EXPECT_THAT(city.run(by_outsider),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not a member")));
  city.open_support();
  sp::Command group_vote = city.act(ana, pr::VoteCast{lanes});
  group_vote.actor.group = bikes;
  EXPECT_THAT(city.run(group_vote),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is personal")));
  sp::Command group_admin = as(ana, sp::GroupVerified{bikes});
  group_admin.actor.group = bikes;
  EXPECT_THAT(city.run(group_admin),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not done for a group")));
  city.must(city.act(ana, pr::VoteCast{lanes}));
  EXPECT_EQ(city.proposal(lanes).votes, 1);

  // ana is the only admin: she cannot leave until bo is one too.
  EXPECT_THAT(city.run(as(ana, sp::GroupMemberRemoved{bikes, {}})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("without an admin")));
  city.must(as(ana, sp::GroupMemberAdmitted{bikes, bo, sp::GroupRole::kAdmin}));
  city.must(as(ana, sp::GroupMemberRemoved{bikes, {}}));
  EXPECT_THAT(city.run(as(bo, sp::GroupVerified{bikes})),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("organization admin")));
  city.must(city.admin_command(sp::GroupVerified{bikes}));
  sp::Group group =
      city.ledger->read([&](const sp::Organization& o) { return o.groups.at(bikes); });
  EXPECT_TRUE(group.verified);
  EXPECT_EQ(group.members, (std::map<ParticipantId, sp::GroupRole>{{bo, sp::GroupRole::kAdmin}}));
  EXPECT_TRUE(group.requests.empty());

  sp::Command comment =
      city.act(bo, pr::CommentAdded{.proposal = lanes, .body = "We ride here daily."});
  comment.actor.group = bikes;
  CommentId said = City::payload<pr::CommentAdded>(city.must(comment)).comment;
  auto comment_group = city.ledger->read([&](const sp::Organization& o) {
    return (*pr::state_of(o, city.component))->comments.at(said).group;
  });
  EXPECT_EQ(comment_group, bikes);

  // The record alone gives the same groups, through the stored bytes and through a snapshot.
  sp::Organization replayed = refold(city);
  EXPECT_EQ(replayed.groups.at(bikes), group);
  EXPECT_EQ((*pr::state_of(replayed, city.component))->comments.at(said).group, bikes);
  auto snapshot = io::encode_snapshot(replayed);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status();
  auto restored = io::decode_snapshot(*snapshot);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ(restored->groups, replayed.groups);
  EXPECT_EQ(restored->group_nicknames, replayed.group_nicknames);
  EXPECT_EQ((*pr::state_of(*restored, city.component))->proposals.at(lanes).groups,
            (std::vector<GroupId>{bikes}));
}

}  // namespace
}  // namespace participa::testing
