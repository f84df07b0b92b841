// participa/components/elections/elections.hpp — the elections component: elections with
// questions, a census, ballots cast online, at a booth or through a mediator, paper counted at
// polling stations under four eyes, and results whose visibility every query applies.
//
// Register once with `register_kind()` (the `Ledger` does it). An admin adds an election, its
// questions and, for a census of codes, the codes; questions are frozen once the first ballot
// exists. While `votes_enabled` holds, each census entry casts a ballot answering every
// question. A census entry is known by a salted voter token (questionnaire/respondent.hpp):
//   participants    any participant the component's "vote" permission admits (their account);
//   authorization   the unique id of their `census_handler` authorization (one ballot per
//                   person, whichever account they use);
//   codes           a code from the census list the admin loaded (a letter, a polling list),
//                   presented by a participant or a visitor; only the codes' tokens are kept.
// One ballot per census entry across every channel: a ballot cast online may be cast again
// online while voting is open (the last one counts; the record keeps the earlier ones); a
// ballot cast at a booth or through a mediator, or a voter marked at a polling station, is
// final and bars every other way of voting — whichever comes first, atomically.
//
// Polling stations take paper ballots after voting closes, from the station's officers: one by
// one (`PaperBallotEntered`, a spoiled ballot counted as null), or as the station's totals
// (`StationTotalsReported`, single-choice questions only). Nothing from a station counts until
// an officer who entered none of its paper confirms it (`StationConfirmed`); the ballots issued
// (voters marked at the station, or the poll book's count in the totals) are reconciled with the
// ballots cast, and a difference is a warning every result carries.
//
// Voting in an election ends when `votes_enabled` stops holding or, for an election with a
// closing time (Loomio's polls close by date, Decidim's elections at their end time), at
// `closes_at`, whichever comes first; an event at or after that time finds the election closed.
// An election with an opening time takes no ballot before `opens_at`, though votes are enabled.
// Once voting is over an admin may state a question's outcome (Loomio's outcome of a poll: the
// decision, the option it settles on, a date to review it); a later statement replaces it in the
// state, and the record keeps both.
//
// Results are counted per question by a tally method over the valid ballots; blank and null
// answers are counted apart; every count is split by channel (online, in person, mediated,
// station) and the parts sum to the whole. `results()` is the only way to them, and applies the
// election's visibility: "after-close" (nothing while voting is open), "live", or "published"
// (after close, only the questions an admin published, though the space's admins see all).
//
// Settings (per phase): votes_enabled.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "participa/core/digest.hpp"
#include "participa/core/names.hpp"
#include "participa/space/ids.hpp"
#include "participa/space/organization.hpp"
#include "participa/tally/ballot.hpp"
#include "participa/tally/result.hpp"

namespace participa {
using ElectionId = Id<struct ElectionTag>;
}  // namespace participa

namespace participa::components::elections {

inline constexpr std::string_view kKind = "elections";

enum class Census { kParticipants, kAuthorization, kCodes };
inline constexpr std::array<Named<Census>, 3> kCensusNames = {{
    {Census::kParticipants, "participants"},
    {Census::kAuthorization, "authorization"},
    {Census::kCodes, "codes"},
}};

enum class ResultsVisibility { kAfterClose, kLive, kPublished };
inline constexpr std::array<Named<ResultsVisibility>, 3> kResultsVisibilityNames = {{
    {ResultsVisibility::kAfterClose, "after-close"},
    {ResultsVisibility::kLive, "live"},
    {ResultsVisibility::kPublished, "published"},
}};

// ResultChannel — how a counted ballot arrived: the space layer's channels for ballots cast by
// a census entry, and "station" for paper counted at a polling station.
enum class ResultChannel { kOnline, kInPerson, kMediated, kStation };
inline constexpr std::array<Named<ResultChannel>, 4> kResultChannelNames = {{
    {ResultChannel::kOnline, "online"},
    {ResultChannel::kInPerson, "in-person"},
    {ResultChannel::kMediated, "mediated"},
    {ResultChannel::kStation, "station"},
}};
inline constexpr std::size_t kResultChannels = kResultChannelNames.size();
using ByChannel = std::array<std::uint64_t, kResultChannels>;

// Question — its ballot kind decides what an answer holds:
//   single-choice  at most one option (min_choices 0 or 1);
//   approval       between min_choices and max_choices options (0: every option);
//   ranked         options in preference order, no two equal, min_choices..max_choices long;
//   score          a score in 0..max_score for each option scored, unscored options left out;
//   cumulative     max_score points (dots) spread over options, several on one if wished.
// `method` names the tally method counting it (tally/method.hpp); empty takes plurality,
// approval, irv or score after the kind. `seats` is how many options the question elects — an
// assembly's or a board's members — and above 1 needs a multi-winner method: an STV rule book
// (stv-scottish, meek, …) for ranked questions, a committee rule (pav, sequential-phragmen,
// equal-shares, …) for approval ones, or an apportionment. `parameters` are the method's own
// ({"completion": "none"} for equal-shares); QuestionAdded refuses names and values the method
// does not take, and a count it could not make (an exact rule over too many committees).
// Ties are reported, never broken, except by the STV rule books, which draw their lots in the
// options' order as their rules prescribe, and say so in the result's ties.
struct Question {
  std::string title{};
  std::vector<std::string> options{};
  tally::BallotKind kind = tally::BallotKind::kSingleChoice;
  std::int32_t min_choices = 0;
  std::int32_t max_choices = 1;
  std::int32_t max_score = 0;
  std::string method{};
  std::int32_t seats = 1;
  std::map<std::string, std::string, std::less<>> parameters{};
  friend bool operator==(const Question&, const Question&) = default;
};

// Answer — to one question: the options chosen (in preference order for a ranked question) and,
// for a score or cumulative question, their scores or points. No choice is a blank answer; `null`
// marks a spoiled paper ballot, which only a station's officer enters.
struct Answer {
  std::vector<std::uint32_t> choices{};
  std::vector<std::int32_t> scores{};
  bool null = false;
  friend bool operator==(const Answer&, const Answer&) = default;
};

// PollKind — Loomio's quick polls, as questions of an election any space may hold:
//   proposal      agree, abstain, disagree or block (single choice);
//   dot-vote      `dots` points spread over the options (cumulative, counted by sum);
//   score         a score in 0..`dots` for each option (score);
//   ranked-choice the options in preference order (ranked, counted by Borda);
//   meeting-time  every time slot that suits (approval).
enum class PollKind { kProposal, kDotVote, kScore, kRankedChoice, kMeetingTime };
inline constexpr std::array<Named<PollKind>, 5> kPollKindNames = {{
    {PollKind::kProposal, "proposal"},
    {PollKind::kDotVote, "dot-vote"},
    {PollKind::kScore, "score"},
    {PollKind::kRankedChoice, "ranked-choice"},
    {PollKind::kMeetingTime, "meeting-time"},
}};

// poll_question — the question of a quick poll (the options of a proposal poll are its four
// stances, and `options` must be empty); InvalidArgument when `dots` does not fit the kind (at
// least 1 for a dot vote or a score, 0 otherwise). QuestionAdded checks the rest.
absl::StatusOr<Question> poll_question(PollKind kind, std::string title,
                                       std::vector<std::string> options, std::int32_t dots = 0);

// QuestionTotals — a station's count of one single-choice question: votes per option, blank and
// null ballots. They sum to the ballots cast.
struct QuestionTotals {
  std::vector<std::uint64_t> votes{};
  std::uint64_t blank = 0;
  std::uint64_t null = 0;
  friend bool operator==(const QuestionTotals&, const QuestionTotals&) = default;
};

// The payloads. An empty salt is given one at random.
struct ElectionAdded {
  ElectionId election{};
  std::string title{};
  Census census = Census::kParticipants;
  std::string census_handler{};  // for Census::kAuthorization; empty takes "census"
  ResultsVisibility visibility = ResultsVisibility::kAfterClose;
  std::string salt{};
  std::optional<absl::Time> opens_at{};   // none: ballots as soon as votes are enabled
  std::optional<absl::Time> closes_at{};  // none: voting ends only with votes_enabled
};
struct QuestionAdded {
  ElectionId election{};
  Question question{};
};
// The admin gives `codes`; decide turns them into `entries` (their voter tokens) and clears them,
// so the record keeps no code.
struct CensusCodesLoaded {
  ElectionId election{};
  std::vector<std::string> codes{};
  std::vector<Digest> entries{};
};
struct StationAdded {
  ElectionId election{};
  StationId station{};
  std::string name{};
  std::vector<ParticipantId> officers{};
};
// A census entry's ballot: one answer per question, in order. Online by the participant (or a
// visitor with a code), at a booth (channel in person, recorded by an officer of `station`), or
// through a mediator. `code` is cleared into `voter`; decide sets `replaces` for a second online
// ballot.
struct BallotCast {
  ElectionId election{};
  std::vector<Answer> answers{};
  StationId station{};
  std::string code{};
  Digest voter{};
  bool replaces = false;
};
// A voter handed a paper ballot at a station: in person, recorded by one of its officers.
struct VoterMarked {
  ElectionId election{};
  StationId station{};
  std::string code{};
  Digest voter{};
};
// One paper ballot, by an officer of the station, once voting is closed.
struct PaperBallotEntered {
  ElectionId election{};
  StationId station{};
  std::vector<Answer> answers{};
};
// A station's totals, by one of its officers, once voting is closed; a later report replaces an
// unconfirmed one. `ballots_issued` is the poll book's count; when voters were marked at the
// station it must equal their number.
struct StationTotalsReported {
  ElectionId election{};
  StationId station{};
  std::uint64_t ballots_issued = 0;
  std::vector<QuestionTotals> totals{};
  friend bool operator==(const StationTotalsReported&, const StationTotalsReported&) = default;
};
struct StationConfirmed {
  ElectionId election{};
  StationId station{};
};
// Publishes (or withdraws) the results of the questions at these positions (from 0), for an
// election whose visibility is "published", once voting is closed.
struct ResultsPublished {
  ElectionId election{};
  std::vector<std::size_t> questions{};
  bool published = true;
};

// The outcome of the question at `position`, by an admin once voting is over: the statement of
// what was decided, the option it settles on (a meeting time), and when to review it.
struct OutcomeStated {
  ElectionId election{};
  std::size_t question = 0;
  std::string statement{};
  std::optional<std::uint32_t> option{};
  std::optional<absl::Time> review_at{};
};

using Payload = std::variant<ElectionAdded, QuestionAdded, CensusCodesLoaded, StationAdded,
                             BallotCast, VoterMarked, PaperBallotEntered, StationTotalsReported,
                             StationConfirmed, ResultsPublished, OutcomeStated>;

std::string_view payload_name(const Payload& payload);

struct CastBallot {
  std::vector<Answer> answers{};
  space::Channel channel = space::Channel::kOnline;
  StationId station{};  // of a booth ballot
  absl::Time cast_at = absl::InfinitePast();
  std::uint32_t replaced = 0;  // earlier online ballots this one superseded
  friend bool operator==(const CastBallot&, const CastBallot&) = default;
};

struct Station {
  StationId id{};
  std::string name{};
  std::vector<ParticipantId> officers{};
  std::uint64_t marked = 0;                       // voters marked here
  std::vector<std::vector<Answer>> paper{};       // ballots entered one by one
  std::optional<StationTotalsReported> totals{};  // the last report
  std::set<ParticipantId> entered_by{};           // officers who entered its paper
  std::optional<ParticipantId> confirmed_by{};
  friend bool operator==(const Station&, const Station&) = default;
};

struct Outcome {
  std::string statement{};
  std::optional<std::uint32_t> option{};
  std::optional<absl::Time> review_at{};
  absl::Time stated_at = absl::InfinitePast();
  ParticipantId stated_by{};
  friend bool operator==(const Outcome&, const Outcome&) = default;
};

struct Election {
  ElectionId id{};
  std::string title{};
  Census census = Census::kParticipants;
  std::string census_handler{};
  ResultsVisibility visibility = ResultsVisibility::kAfterClose;
  std::string salt{};
  std::vector<Question> questions{};
  std::set<Digest> census_codes{};         // tokens of the codes loaded
  std::map<Digest, CastBallot> ballots{};  // by voter token: the ballot that counts
  std::map<Digest, StationId> marked{};    // voters marked at a station
  std::map<StationId, Station> stations{};
  std::vector<StationId> station_order{};  // in the order they were added
  std::set<std::size_t> published{};       // question positions
  std::optional<absl::Time> opens_at{};
  std::optional<absl::Time> closes_at{};
  std::map<std::size_t, Outcome> outcomes{};  // by question position: the last stated
  // from_added — the election as its ElectionAdded creates it, before any question.
  static Election from_added(const ElectionAdded& added);
  friend bool operator==(const Election&, const Election&) = default;
};

struct State {
  std::map<ElectionId, Election> elections{};
  std::vector<ElectionId> added{};  // in the order they were added
  friend bool operator==(const State&, const State&) = default;
};

// QuestionResult — one question's count. `votes` holds, per option and channel, the choices
// made (first preferences for a ranked question, the sum of scores for a score question);
// `count` is the method's result over the valid ballots, absent when there is none.
struct QuestionResult {
  std::size_t position = 0;
  std::string title{};
  tally::BallotKind kind = tally::BallotKind::kSingleChoice;
  std::string method{};
  std::int32_t seats = 1;
  std::vector<std::string> options{};
  std::vector<ByChannel> votes{};
  ByChannel ballots{};
  ByChannel blank{};
  ByChannel null{};
  std::optional<tally::Result> count{};
  std::optional<Outcome> outcome{};
};

struct StationResult {
  StationId id{};
  std::string name{};
  std::uint64_t issued = 0;
  std::uint64_t cast = 0;
  bool confirmed = false;
};

struct Results {
  ElectionId election{};
  std::string title{};
  std::vector<QuestionResult> questions{};  // those the reader may see
  std::vector<StationResult> stations{};
  std::uint64_t superseded = 0;  // online ballots replaced by a later one
  // warnings — unconfirmed stations left out, ballots issued and cast that differ.
  std::vector<std::string> warnings{};
};

void register_kind();

// state_of — the elections state of a component; NotFound / InvalidArgument when the component
// does not exist or is of another kind.
absl::StatusOr<const State*> state_of(const space::Organization& organization,
                                      ComponentId component);

// results — what `reader` (nil for a visitor) may see of the election at time `now` (the
// application's clock: it decides whether a closing time has passed), under its visibility:
// FailedPrecondition while the results are hidden or when the reader may not read the component
// at all (space::reader_of: unpublished, or private and not a member); NotFound for an unknown
// election.
absl::StatusOr<Results> results(const space::Organization& organization, ComponentId component,
                                ElectionId election, ParticipantId reader,
                                absl::Time now = absl::Now());

}  // namespace participa::components::elections
