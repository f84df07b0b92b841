// The sortitions component and its generator: ChaCha20 against RFC 8439's test vectors, the
// candidates as docs/sortition.md lists them, a draw recorded with its inputs and outputs and
// drawn again by verify, and bad input refused without a change. The selection itself is checked
// against an independent implementation in tests/python/test_sortitions.py.
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "city.hpp"
#include "participa/components/sortitions/sortitions.hpp"
#include "participa/core/chacha20.hpp"
#include "read_back.hpp"
#include "records.hpp"

namespace participa::testing {
namespace {

namespace so = participa::components::sortitions;
using ::testing::_;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// RFC 8439, appendix A.1, test vectors 1 and 2: the all-zero key and nonce, block counters 0 and
// 1; the first words of each block, little-endian.
TEST(ChaCha20, TheKeystreamIsRfc8439s) {
  ChaCha20Stream stream{Digest{}};
  EXPECT_EQ(stream.next_u32(), 0xade0b876u);  // 76 b8 e0 ad
  EXPECT_EQ(stream.next_u32(), 0x903df1a0u);  // a0 f1 3d 90
  for (int i = 2; i < 15; ++i) stream.next_u32();
  EXPECT_EQ(stream.next_u32(), 0x8665eeb2u);  // b2 ee 65 86, the block's last word
  EXPECT_EQ(stream.next_u32(), 0xbee7079fu);  // 9f 07 e7 be, block 1
  EXPECT_EQ(stream.next_u32(), 0x7a385155u);  // 55 51 38 7a
}

TEST(ChaCha20, UniformSkipsTheWordsThatWouldFavourSmallValues) {
  // Bound 3: 2^32 mod 3 = 1, so only the word 0xffffffff is skipped; the first words of the
  // zero-key stream are far below it and map to themselves modulo 3.
  ChaCha20Stream stream{Digest{}};
  EXPECT_EQ(stream.uniform(3), 0xade0b876u % 3);
  EXPECT_EQ(stream.uniform(1), 0u);
  ChaCha20Stream again{Digest{}};
  again.next_u32();
  EXPECT_EQ(again.next_u32(), 0x903df1a0u);  // uniform(1) took one word, as any bound does
}

class Lottery : public City {
 public:
  explicit Lottery(std::unique_ptr<store::EventStore> events = store::memory_store())
      : City({}, std::move(events)) {
    so::register_kind();
    sortitions =
        body<sp::ComponentAdded>(must(admin_command(sp::ComponentAdded{
                                     .space = space, .kind = "sortitions", .name = "Lots"})))
            .component;
    must(admin_command(sp::ComponentPublished{sortitions}));
  }
  absl::StatusOr<store::Receipt> ask(ParticipantId who, so::SortitionDrawn drawn) {
    return run(sp::Command{sp::Actor{who}, next_key(),
                           sp::ComponentAction{sortitions, so::Payload(std::move(drawn))}});
  }
  so::State state() {
    return ledger->read([&](const sp::Organization& o) { return **so::state_of(o, sortitions); });
  }
  ComponentId sortitions;
};

TEST(Sortitions, TheCandidatesAreThePublishedProposalsInIdOrder) {
  Lottery city;
  ParticipantId ana = city.resident("ana");
  std::vector<ProposalId> published;
  for (int i = 0; i < 6; ++i) {
    published.push_back(city.published_proposal(ana, str_cat("Proposal number ", i + 1)));
  }
  // A draft, a withdrawn proposal and a hidden one are not candidates.
  city.must(city.act(ana, pr::ProposalDrafted{.title = "Only a draft here", .body = "Draft."}));
  city.must(city.act(ana, pr::ProposalWithdrawn{published[1]}));
  city.must(city.admin_command(sp::ComponentAction{
      city.component, pr::Payload(pr::ContentHidden{.proposal = published[2], .reason = "spam"})}));
  city.clock_->now += absl::Seconds(1);
  auto asked = city.ask(city.admin, so::SortitionDrawn{.title = "Jury",
                                                       .proposals = city.component,
                                                       .target_items = 2,
                                                       .dice = 4,
                                                       .beacon = "public beacon 1234"});
  ASSERT_THAT(asked, IsOk());
  const so::SortitionDrawn& drawn = std::get<so::SortitionDrawn>(
      std::any_cast<const so::Payload&>(std::get<sp::ComponentAction>(asked->event.body).payload));
  std::vector<ProposalId> expected = {published[0], published[3], published[4], published[5]};
  std::sort(expected.begin(), expected.end(),
            [](ProposalId a, ProposalId b) { return a.to_string() < b.to_string(); });
  EXPECT_EQ(drawn.candidates, expected);
  EXPECT_EQ(drawn.requested_at, city.clock_->now);
  ASSERT_EQ(drawn.selected.size(), 2u);
  EXPECT_NE(drawn.selected[0], drawn.selected[1]);
  for (ProposalId id : drawn.selected) {
    EXPECT_NE(std::find(expected.begin(), expected.end(), id), expected.end());
  }
  // The seed and the selection themselves are recomputed by an independent implementation in
  // tests/python/test_sortitions.py.
  EXPECT_EQ(city.state().sortitions.at(drawn.sortition).drawn_by, city.admin);
  EXPECT_EQ(so::seed_text(drawn.requested_at, 4, "public beacon 1234", {}),
            "participa sortition 1\ntime 2027-03-01T09:00:01Z\ndice 4\nbeacon public beacon 1234\n"
            "candidates 0\n");
}

TEST(Sortitions, ADrawIsRecordedAndDrawnAgainWhenTheRecordIsVerified) {
  std::string path = fresh_path("sortitions_record");
  so::State expected;
  ComponentId component;
  {
    Lottery city(*store::open_sqlite_store(path));
    component = city.sortitions;
    ParticipantId ana = city.resident("ana");
    for (int i = 0; i < 5; ++i) city.published_proposal(ana, str_cat("Proposal number ", i + 1));
    city.clock_->now += absl::Milliseconds(1500);  // the request time is cut to the second
    ASSERT_THAT(city.ask(city.admin, so::SortitionDrawn{.title = "Three of five",
                                                        .proposals = city.component,
                                                        .target_items = 3,
                                                        .dice = 6}),
                IsOk());
    expected = city.state();
    ASSERT_THAT(city.ledger->snapshot(), IsOk());
  }
  ASSERT_EQ(expected.sortitions.size(), 1u);
  const so::SortitionDrawn& drawn = expected.sortitions.begin()->second.draw;
  EXPECT_EQ(absl::ToUnixMicros(drawn.requested_at) % 1'000'000, 0);
  expect_reads_back(path, component, expected,
                    [](const sp::Organization& o, ComponentId c) { return so::state_of(o, c); });
}

TEST(Sortitions, BadRequestsAreRefusedAndChangeNothing) {
  Lottery city;
  ParticipantId ana = city.resident("ana");
  city.published_proposal(ana, "Proposal number one");
  city.published_proposal(ana, "Proposal number two");
  city.clock_->now += absl::Seconds(1);
  const so::SortitionDrawn good{
      .title = "Lots", .proposals = city.component, .target_items = 1, .dice = 3};
  auto with = [&](auto change) {
    so::SortitionDrawn p = good;
    change(p);
    return p;
  };
  struct Row {
    std::string what;
    ParticipantId actor;
    so::SortitionDrawn payload;
    absl::StatusCode code;
  };
  std::vector<Row> rows = {
      {"not an admin", ana, good, absl::StatusCode::kFailedPrecondition},
      {"no title", city.admin, with([](auto& p) { p.title.clear(); }),
       absl::StatusCode::kInvalidArgument},
      {"die 0", city.admin, with([](auto& p) { p.dice = 0; }), absl::StatusCode::kInvalidArgument},
      {"die 7", city.admin, with([](auto& p) { p.dice = 7; }), absl::StatusCode::kInvalidArgument},
      {"nothing to draw", city.admin, with([](auto& p) { p.target_items = 0; }),
       absl::StatusCode::kInvalidArgument},
      {"more than the candidates", city.admin, with([](auto& p) { p.target_items = 3; }),
       absl::StatusCode::kFailedPrecondition},
      {"a beacon of two lines", city.admin, with([](auto& p) { p.beacon = "a\nb"; }),
       absl::StatusCode::kInvalidArgument},
      {"a beacon too long", city.admin, with([](auto& p) { p.beacon = std::string(201, 'f'); }),
       absl::StatusCode::kOutOfRange},
      {"a selection brought along", city.admin,
       with([&](auto& p) { p.selected = {ProposalId::from_name("x")}; }),
       absl::StatusCode::kInvalidArgument},
      {"a time brought along", city.admin,
       with([&](auto& p) { p.requested_at = city.clock_->now; }),
       absl::StatusCode::kInvalidArgument},
      {"an unknown component", city.admin,
       with([](auto& p) { p.proposals = ComponentId::from_name("nowhere"); }),
       absl::StatusCode::kNotFound},
      {"a component of another kind", city.admin,
       with([&](auto& p) { p.proposals = city.sortitions; }), absl::StatusCode::kInvalidArgument},
  };
  const so::State before = city.state();
  const std::uint64_t sequence = city.ledger->sequence();
  for (const Row& row : rows) {
    EXPECT_THAT(city.ask(row.actor, row.payload), StatusIs(row.code, _)) << row.what;
  }
  EXPECT_EQ(city.state(), before);
  EXPECT_EQ(city.ledger->sequence(), sequence);
  // The same id twice.
  auto first =
      city.ask(city.admin, with([](auto& p) { p.sortition = SortitionId::from_name("s"); }));
  ASSERT_THAT(first, IsOk());
  EXPECT_THAT(
      city.ask(city.admin, with([](auto& p) { p.sortition = SortitionId::from_name("s"); })),
      StatusIs(absl::StatusCode::kAlreadyExists, _));
}

}  // namespace
}  // namespace participa::testing
