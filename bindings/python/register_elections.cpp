// Bindings of participa::components::elections: payloads, state and the results query.
#include "participa/components/elections/elections.hpp"

#include "participa/io/elections.hpp"
#include "record_casters.hpp"
#include "register.hpp"

namespace participa::python {
namespace {

namespace el = participa::components::elections;

void register_payloads(py::module_& m) {
  def_named_enum(m, "Census", el::kCensusNames, "participants, authorization or codes.");
  def_named_enum(m, "ResultsVisibility", el::kResultsVisibilityNames,
                 "after-close, live or published.");
  def_named_enum(m, "ResultChannel", el::kResultChannelNames,
                 "online, in-person, mediated or station: how a counted ballot arrived.");
  py::class_<el::Question> question(
      m, "Question",
      "A question: options, ballot kind (single-choice, approval, ranked, score), the choices "
      "an answer makes (max_choices 0: every option), max_score, and the tally method counting "
      "it (empty: plurality, approval, irv or score after the kind); seats: how many options it "
      "elects (an assembly's members: a multi-winner method such as stv-scottish, meek, pav or "
      "equal-shares), parameters: the method's own.");
  def_fields(question, Field{"title", &el::Question::title},
             Field{"options", &el::Question::options}, Field{"kind", &el::Question::kind},
             Field{"min_choices", &el::Question::min_choices},
             Field{"max_choices", &el::Question::max_choices},
             Field{"max_score", &el::Question::max_score}, Field{"method", &el::Question::method},
             Field{"seats", &el::Question::seats}, Field{"parameters", &el::Question::parameters});
  py::class_<el::Answer> answer(
      m, "Answer",
      "An answer: option positions chosen (in preference order when ranked), their scores for a "
      "score question; no choice is blank; null marks a spoiled paper ballot.");
  def_fields(answer, Field{"choices", &el::Answer::choices}, Field{"scores", &el::Answer::scores},
             Field{"null", &el::Answer::null});
  py::class_<el::QuestionTotals> totals(
      m, "QuestionTotals", "A station's count of a single-choice question: votes per option.");
  def_fields(totals, Field{"votes", &el::QuestionTotals::votes},
             Field{"blank", &el::QuestionTotals::blank}, Field{"null", &el::QuestionTotals::null});
  py::class_<el::ElectionAdded> added(m, "ElectionAdded",
                                      "An election, its census and its results' visibility.");
  def_fields(added, Field{"election", &el::ElectionAdded::election},
             Field{"title", &el::ElectionAdded::title}, Field{"census", &el::ElectionAdded::census},
             Field{"census_handler", &el::ElectionAdded::census_handler},
             Field{"visibility", &el::ElectionAdded::visibility},
             Field{"salt", &el::ElectionAdded::salt},
             Field{"opens_at", &el::ElectionAdded::opens_at},
             Field{"closes_at", &el::ElectionAdded::closes_at});
  py::class_<el::QuestionAdded> question_added(m, "QuestionAdded",
                                               "A question, before the first ballot.");
  def_fields(question_added, Field{"election", &el::QuestionAdded::election},
             Field{"question", &el::QuestionAdded::question});
  py::class_<el::CensusCodesLoaded> codes(
      m, "CensusCodesLoaded", "Census codes; the record keeps only their voter tokens (entries).");
  def_fields(codes, Field{"election", &el::CensusCodesLoaded::election},
             Field{"codes", &el::CensusCodesLoaded::codes},
             Field{"entries", &el::CensusCodesLoaded::entries});
  py::class_<el::StationAdded> station(m, "StationAdded",
                                       "A polling station and its officers (user managers).");
  def_fields(station, Field{"election", &el::StationAdded::election},
             Field{"station", &el::StationAdded::station}, Field{"name", &el::StationAdded::name},
             Field{"officers", &el::StationAdded::officers});
  py::class_<el::BallotCast> cast(
      m, "BallotCast",
      "A census entry's ballot, one answer per question: online, at a booth (in person, with "
      "the station), or through a mediator. A code is cleared into the voter token.");
  def_fields(cast, Field{"election", &el::BallotCast::election},
             Field{"answers", &el::BallotCast::answers}, Field{"station", &el::BallotCast::station},
             Field{"code", &el::BallotCast::code}, Field{"voter", &el::BallotCast::voter},
             Field{"replaces", &el::BallotCast::replaces});
  py::class_<el::VoterMarked> marked(
      m, "VoterMarked", "A voter handed a paper ballot at a station, recorded by its officer.");
  def_fields(marked, Field{"election", &el::VoterMarked::election},
             Field{"station", &el::VoterMarked::station}, Field{"code", &el::VoterMarked::code},
             Field{"voter", &el::VoterMarked::voter});
  py::class_<el::PaperBallotEntered> paper(
      m, "PaperBallotEntered", "One paper ballot, by an officer of the station after the close.");
  def_fields(paper, Field{"election", &el::PaperBallotEntered::election},
             Field{"station", &el::PaperBallotEntered::station},
             Field{"answers", &el::PaperBallotEntered::answers});
  py::class_<el::StationTotalsReported> reported(
      m, "StationTotalsReported",
      "A station's totals (single-choice questions) and the poll book's ballots issued.");
  def_fields(reported, Field{"election", &el::StationTotalsReported::election},
             Field{"station", &el::StationTotalsReported::station},
             Field{"ballots_issued", &el::StationTotalsReported::ballots_issued},
             Field{"totals", &el::StationTotalsReported::totals});
  py::class_<el::StationConfirmed> confirmed(
      m, "StationConfirmed",
      "A station's paper confirmed by an officer who entered none of it: now it counts.");
  def_fields(confirmed, Field{"election", &el::StationConfirmed::election},
             Field{"station", &el::StationConfirmed::station});
  py::class_<el::ResultsPublished> published(
      m, "ResultsPublished", "Results of questions (positions from 0) published or withdrawn.");
  def_fields(published, Field{"election", &el::ResultsPublished::election},
             Field{"questions", &el::ResultsPublished::questions},
             Field{"published", &el::ResultsPublished::published});
  py::class_<el::OutcomeStated> outcome(
      m, "OutcomeStated",
      "The outcome of a question (Loomio's poll outcome), stated by an admin once voting is over.");
  def_fields(outcome, Field{"election", &el::OutcomeStated::election},
             Field{"question", &el::OutcomeStated::question},
             Field{"statement", &el::OutcomeStated::statement},
             Field{"option", &el::OutcomeStated::option},
             Field{"review_at", &el::OutcomeStated::review_at});
}

void register_state(py::module_& m) {
  py::class_<el::CastBallot> ballot(m, "CastBallot", "The ballot that counts for a voter.");
  def_fields(ballot, Field{"answers", &el::CastBallot::answers},
             Field{"channel", &el::CastBallot::channel}, Field{"station", &el::CastBallot::station},
             Field{"cast_at", &el::CastBallot::cast_at},
             Field{"replaced", &el::CastBallot::replaced});
  py::class_<el::Station> station(m, "Station", "A polling station as the record holds it.");
  def_fields(station, Field{"id", &el::Station::id}, Field{"name", &el::Station::name},
             Field{"officers", &el::Station::officers}, Field{"marked", &el::Station::marked},
             Field{"paper", &el::Station::paper}, Field{"totals", &el::Station::totals},
             Field{"entered_by", &el::Station::entered_by},
             Field{"confirmed_by", &el::Station::confirmed_by});
  py::class_<el::Outcome> outcome(m, "Outcome", "A question's outcome, the last one stated.");
  def_fields(outcome, Field{"statement", &el::Outcome::statement},
             Field{"option", &el::Outcome::option}, Field{"review_at", &el::Outcome::review_at},
             Field{"stated_at", &el::Outcome::stated_at},
             Field{"stated_by", &el::Outcome::stated_by});
  py::class_<el::Election> election(m, "Election", "An election as the record holds it.");
  def_fields(
      election, Field{"id", &el::Election::id}, Field{"title", &el::Election::title},
      Field{"census", &el::Election::census},
      Field{"census_handler", &el::Election::census_handler},
      Field{"visibility", &el::Election::visibility}, Field{"salt", &el::Election::salt},
      Field{"questions", &el::Election::questions},
      Field{"census_codes", &el::Election::census_codes}, Field{"ballots", &el::Election::ballots},
      Field{"marked", &el::Election::marked}, Field{"stations", &el::Election::stations},
      Field{"station_order", &el::Election::station_order},
      Field{"published", &el::Election::published}, Field{"opens_at", &el::Election::opens_at},
      Field{"closes_at", &el::Election::closes_at}, Field{"outcomes", &el::Election::outcomes});
  py::class_<el::State> state(m, "State", "An elections component's state; attributes are copies.");
  state.def_readonly("elections", &el::State::elections)
      .def_readonly("added", &el::State::added, "election ids in the order they were added")
      .def("__repr__", [](const el::State& s) {
        return str_cat("elections.State(elections=", s.elections.size(), ")");
      });
  def_not_picklable(state, "pickle the events (Ledger.events()) and fold them with evolve()");

  py::class_<el::QuestionResult> question(
      m, "QuestionResult",
      "One question's count: votes per option and channel (first preferences when ranked, sums "
      "of scores when scored), ballots, blank and null per channel, and the method's result.");
  def_fields<false>(
      question, Field{"position", &el::QuestionResult::position},
      Field{"title", &el::QuestionResult::title}, Field{"kind", &el::QuestionResult::kind},
      Field{"method", &el::QuestionResult::method}, Field{"seats", &el::QuestionResult::seats},
      Field{"options", &el::QuestionResult::options}, Field{"votes", &el::QuestionResult::votes},
      Field{"ballots", &el::QuestionResult::ballots}, Field{"blank", &el::QuestionResult::blank},
      Field{"null", &el::QuestionResult::null}, Field{"count", &el::QuestionResult::count},
      Field{"outcome", &el::QuestionResult::outcome});
  py::class_<el::StationResult> station_result(m, "StationResult",
                                               "A station's ballots issued and cast.");
  def_fields<false>(
      station_result, Field{"id", &el::StationResult::id}, Field{"name", &el::StationResult::name},
      Field{"issued", &el::StationResult::issued}, Field{"cast", &el::StationResult::cast},
      Field{"confirmed", &el::StationResult::confirmed});
  py::class_<el::Results> results(m, "Results",
                                  "What a reader may see of an election's results now.");
  def_fields<false>(
      results, Field{"election", &el::Results::election}, Field{"title", &el::Results::title},
      Field{"questions", &el::Results::questions}, Field{"stations", &el::Results::stations},
      Field{"superseded", &el::Results::superseded}, Field{"warnings", &el::Results::warnings});
}

void document_fields(const py::module_& m) {
  document_attributes(
      m,
      {{"id", "Its id."},
       {"election", "The election's id."},
       {"station", "The polling station's id."},
       {"title", "Its title."},
       {"name", "The station's name."},
       {"census", "Who may vote: participants, an authorization's holders, or census codes."},
       {"census_handler", "For an authorization census, the handler (empty: census)."},
       {"visibility", "When results show: after-close, live, or published per question."},
       {"salt", "The salt voter tokens are derived with (empty: given one at random)."},
       {"officers", "The participants who run the station and enter its paper."},
       {"answers", "One answer per question, in order."},
       {"code", "The census code presented; cleared into `voter` when recorded."},
       {"voter", "The census entry's salted voter token."},
       {"options", "The options' names, in order."},
       {"kind", "The ballot kind: single-choice, approval, ranked, score or cumulative."},
       {"method", "The tally method counting it (empty: plurality, approval, irv or score)."},
       {"seats", "How many options the question elects (1 unless a multi-winner method)."},
       {"parameters", "The method's own parameters, by name (text values)."},
       {"null", "Spoiled paper ballots, counted apart."},
       {"blank", "Ballots that chose nothing, counted apart."},
       {"Answer.choices", "Positions of the options chosen (in preference order when ranked)."},
       {"Answer.scores", "The score or points of each option chosen, for a score question."},
       {"Answer.null", "A spoiled paper ballot (only a station's officer enters one)."},
       {"Question.min_choices", "The fewest options an answer may choose."},
       {"Question.max_choices", "The most options an answer may choose (0: every option)."},
       {"Question.max_score", "The highest score, or the points to spread when cumulative."},
       {"QuestionAdded.question", "The question, added after the others."},
       {"CensusCodesLoaded.codes", "The codes given; cleared into `entries` when recorded."},
       {"CensusCodesLoaded.entries", "The codes' voter tokens: the record keeps no code."},
       {"BallotCast.station", "For a booth ballot, the station whose officer recorded it."},
       {"BallotCast.replaces", "Whether it replaces the voter's earlier online ballot."},
       {"StationTotalsReported.ballots_issued", "The poll book's count of ballots handed out."},
       {"StationTotalsReported.totals", "Each single-choice question's count, in order."},
       {"QuestionTotals.votes", "Votes per option, in order."},
       {"ResultsPublished.questions", "The positions (from 0) of the questions published."},
       {"ResultsPublished.published", "Whether they are published (False withdraws them)."},
       {"CastBallot.channel", "How it was cast: online, in person (a booth) or mediated."},
       {"CastBallot.station", "For a booth ballot, its station; None otherwise."},
       {"CastBallot.cast_at", "When it was cast."},
       {"CastBallot.replaced", "How many earlier online ballots it superseded."},
       {"Station.marked", "How many voters were marked here."},
       {"Station.paper", "The paper ballots entered one by one."},
       {"Station.totals", "The last totals reported; None before one."},
       {"Station.entered_by", "The officers who entered its paper."},
       {"Station.confirmed_by", "The officer who confirmed it; None until confirmed."},
       {"Election.questions", "Its questions, in order."},
       {"Election.census_codes", "The voter tokens of the codes loaded."},
       {"Election.ballots", "By voter token, the ballot that counts."},
       {"Election.marked", "Voters marked at a station: voter token to station."},
       {"Election.stations", "Its polling stations by id."},
       {"Election.station_order", "The stations' ids in the order they were added."},
       {"Election.published", "Positions of the questions whose results are published."},
       {"State.elections", "Every election by id."},
       {"opens_at", "When the election starts taking ballots; None: as soon as votes are enabled."},
       {"closes_at",
        "When voting ends even while votes are enabled (Loomio's closing date); None: only with "
        "votes_enabled."},
       {"statement", "What was decided."},
       {"option", "The position of the option it settles on (a meeting time); None: none."},
       {"review_at", "When to review the decision; None: no date."},
       {"OutcomeStated.question", "The question's position, from 0."},
       {"Outcome.stated_at", "When it was stated."},
       {"Outcome.stated_by", "The admin who stated it."},
       {"Election.outcomes", "By question position, the last outcome stated."},
       {"QuestionResult.outcome", "The outcome stated for the question; None before one."},
       {"QuestionResult.position", "The question's position, from 0."},
       {"QuestionResult.votes",
        "Per option, per ResultChannel: the choices made (first preferences when ranked, the sum "
        "of scores when scored)."},
       {"QuestionResult.ballots", "Valid ballots per ResultChannel."},
       {"QuestionResult.blank", "Blank ballots per ResultChannel."},
       {"QuestionResult.null", "Null ballots per ResultChannel."},
       {"QuestionResult.count", "The method's result over the valid ballots; None without any."},
       {"StationResult.issued", "Ballots issued: voters marked, or the poll book's count."},
       {"StationResult.cast", "Ballots the station counted."},
       {"StationResult.confirmed",
        "Whether an officer who entered none of its paper confirmed it."},
       {"Results.questions", "The results of the questions the reader may see."},
       {"Results.stations", "Each station's reconciliation."},
       {"Results.superseded", "Online ballots replaced by a later one."},
       {"Results.warnings",
        "Unconfirmed stations left out; stations whose ballots issued and cast differ."}});
}

}  // namespace

void register_elections(py::module_& m) {
  el::register_kind();
  register_payloads(m);
  register_state(m);
  register_component_any<el::Payload, el::State>();
  m.def(
      "state_of",
      [](const space::Organization& organization, ComponentId component) {
        return unwrap(el::state_of(organization, component));
      },
      "organization"_a, "component"_a, py::return_value_policy::reference_internal,
      "The elections state of a component (KeyError: no such component; ValueError: another "
      "kind). It lives as long as the organization.");
  m.def(
      "results",
      [](const space::Organization& organization, ComponentId component, ElectionId election,
         ParticipantId reader, std::optional<absl::Time> now) {
        return unwrap(
            el::results(organization, component, election, reader, now.value_or(absl::Now())));
      },
      "organization"_a, "component"_a, "election"_a, "reader"_a = ParticipantId(), py::kw_only(),
      "now"_a = py::none(),
      "What `reader` (None: a visitor) may see of the election's results at `now` (None: the "
      "wall clock; pass the ledger's clock when it is another), under its visibility; raises "
      "while they are hidden.");
  def_named_enum(m, "PollKind", el::kPollKindNames,
                 "proposal, dot-vote, score, ranked-choice or meeting-time: Loomio's quick polls.");
  m.def(
      "poll_question",
      [](el::PollKind kind, std::string title, std::vector<std::string> options,
         std::int32_t dots) {
        return unwrap(el::poll_question(kind, std::move(title), std::move(options), dots));
      },
      "kind"_a, "title"_a, "options"_a = std::vector<std::string>{}, "dots"_a = 0,
      "The Question of a quick poll (a proposal poll's options are its four stances; dots for a "
      "dot vote or a score).");
  m.def("results_to_json", &io::election_results_to_json, "results"_a,
        "The results as JSON: what an export or a page (io.report) reads, and no more than the "
        "reader was shown.");
  document_fields(m);
}

}  // namespace participa::python
