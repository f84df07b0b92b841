#include "io/component_codecs.hpp"

#include "io/record_fields.hpp"
#include "participa/components/elections/elections.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/v1/elections.pb.h"

namespace participa::io::detail {
namespace {

namespace el = participa::components::elections;

void put_question(const el::Question& q, v1::ElectionQuestion& m) {
  m.set_title(q.title);
  for (const std::string& option : q.options) m.add_options(option);
  m.set_kind(std::string(name_of(tally::kBallotKindNames, q.kind)));
  m.set_min_choices(q.min_choices);
  m.set_max_choices(q.max_choices);
  m.set_max_score(q.max_score);
  m.set_method(q.method);
  m.set_seats(q.seats);
  for (const auto& [name, value] : q.parameters) (*m.mutable_parameters())[name] = value;
}

absl::StatusOr<el::Question> get_question(const v1::ElectionQuestion& m) {
  el::Question q;
  q.title = m.title();
  q.options.assign(m.options().begin(), m.options().end());
  PARTICIPA_RETURN_IF_ERROR(read_name(m.kind(), q.kind, tally::kBallotKindNames, "question kind"));
  q.min_choices = m.min_choices();
  q.max_choices = m.max_choices();
  q.max_score = m.max_score();
  q.method = m.method();
  q.seats = m.seats() == 0 ? 1 : m.seats();
  for (const auto& [name, value] : m.parameters()) q.parameters.emplace(name, value);
  return q;
}

template <class Field>
void put_answers(const std::vector<el::Answer>& answers, Field* out) {
  for (const el::Answer& a : answers) {
    v1::ElectionAnswer& m = *out->Add();
    for (std::uint32_t choice : a.choices) m.add_choices(choice);
    for (std::int32_t score : a.scores) m.add_scores(score);
    m.set_null(a.null);
  }
}

template <class Field>
std::vector<el::Answer> get_answers(const Field& in) {
  std::vector<el::Answer> answers;
  for (const v1::ElectionAnswer& m : in) {
    answers.push_back({{m.choices().begin(), m.choices().end()},
                       {m.scores().begin(), m.scores().end()},
                       m.null()});
  }
  return answers;
}

void put_election_added(const el::ElectionAdded& e, v1::ElectionAdded& out) {
  out.set_election(id_bytes(e.election));
  out.set_title(e.title);
  out.set_census(std::string(name_of(el::kCensusNames, e.census)));
  out.set_census_handler(e.census_handler);
  out.set_visibility(std::string(name_of(el::kResultsVisibilityNames, e.visibility)));
  out.set_salt(e.salt);
  if (e.opens_at) out.set_opens_at(micros(*e.opens_at));
  if (e.closes_at) out.set_closes_at(micros(*e.closes_at));
}

void put_outcome_stated(const el::OutcomeStated& e, v1::ElectionOutcomeStated& out) {
  out.set_election(id_bytes(e.election));
  out.set_question(e.question);
  out.set_statement(e.statement);
  if (e.option) out.set_option(*e.option);
  if (e.review_at) out.set_review_at(micros(*e.review_at));
}

absl::StatusOr<el::OutcomeStated> get_outcome_stated(const v1::ElectionOutcomeStated& in) {
  el::OutcomeStated out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.election(), out.election, "election"));
  out.question = in.question();
  out.statement = in.statement();
  if (in.has_option()) out.option = in.option();
  if (in.has_review_at()) out.review_at = from_micros(in.review_at());
  return out;
}

absl::StatusOr<el::ElectionAdded> get_election_added(const v1::ElectionAdded& in) {
  el::ElectionAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.election(), out.election, "election"));
  out.title = in.title();
  PARTICIPA_RETURN_IF_ERROR(read_name(in.census(), out.census, el::kCensusNames, "census"));
  out.census_handler = in.census_handler();
  PARTICIPA_RETURN_IF_ERROR(
      read_name(in.visibility(), out.visibility, el::kResultsVisibilityNames, "visibility"));
  out.salt = in.salt();
  if (in.has_opens_at()) out.opens_at = from_micros(in.opens_at());
  if (in.has_closes_at()) out.closes_at = from_micros(in.closes_at());
  return out;
}

void put_station_added(const el::StationAdded& e, v1::ElectionStationAdded& out) {
  out.set_election(id_bytes(e.election));
  out.set_station(id_bytes(e.station));
  out.set_name(e.name);
  for (ParticipantId officer : e.officers) out.add_officers(id_bytes(officer));
}

absl::StatusOr<el::StationAdded> get_station_added(const v1::ElectionStationAdded& in) {
  el::StationAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.election(), out.election, "election"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.station(), out.station, "station"));
  out.name = in.name();
  PARTICIPA_RETURN_IF_ERROR(read_ids(in.officers(), out.officers, "officer"));
  return out;
}

void put_totals(const el::StationTotalsReported& e, v1::ElectionStationTotalsReported& out) {
  out.set_election(id_bytes(e.election));
  out.set_station(id_bytes(e.station));
  out.set_ballots_issued(e.ballots_issued);
  for (const el::QuestionTotals& t : e.totals) {
    v1::ElectionQuestionTotals& m = *out.add_totals();
    for (std::uint64_t v : t.votes) m.add_votes(v);
    m.set_blank(t.blank);
    m.set_null(t.null);
  }
}

absl::StatusOr<el::StationTotalsReported> get_totals(const v1::ElectionStationTotalsReported& in) {
  el::StationTotalsReported out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.election(), out.election, "election"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.station(), out.station, "station"));
  out.ballots_issued = in.ballots_issued();
  for (const v1::ElectionQuestionTotals& m : in.totals()) {
    out.totals.push_back({{m.votes().begin(), m.votes().end()}, m.blank(), m.null()});
  }
  return out;
}

absl::StatusOr<std::string> encode_payload(const std::any& payload) {
  const auto& p = std::any_cast<const el::Payload&>(payload);
  v1::ElectionsEvent m;
  std::visit(
      Overloaded{
          [&](const el::ElectionAdded& e) { put_election_added(e, *m.mutable_election_added()); },
          [&](const el::QuestionAdded& e) {
            auto* out = m.mutable_question_added();
            out->set_election(id_bytes(e.election));
            put_question(e.question, *out->mutable_question());
          },
          [&](const el::CensusCodesLoaded& e) {
            auto* out = m.mutable_census_codes_loaded();
            out->set_election(id_bytes(e.election));
            for (const Digest& entry : e.entries) out->add_entries(digest_bytes(entry));
            for (const std::string& code : e.codes) out->add_codes(code);
          },
          [&](const el::StationAdded& e) { put_station_added(e, *m.mutable_station_added()); },
          [&](const el::BallotCast& e) {
            auto* out = m.mutable_ballot_cast();
            out->set_election(id_bytes(e.election));
            put_answers(e.answers, out->mutable_answers());
            out->set_station(id_bytes(e.station));
            out->set_voter(digest_bytes(e.voter));
            out->set_replaces(e.replaces);
            out->set_code(e.code);
          },
          [&](const el::VoterMarked& e) {
            auto* out = m.mutable_voter_marked();
            out->set_election(id_bytes(e.election));
            out->set_station(id_bytes(e.station));
            out->set_voter(digest_bytes(e.voter));
            out->set_code(e.code);
          },
          [&](const el::PaperBallotEntered& e) {
            auto* out = m.mutable_paper_ballot_entered();
            out->set_election(id_bytes(e.election));
            out->set_station(id_bytes(e.station));
            put_answers(e.answers, out->mutable_answers());
          },
          [&](const el::StationTotalsReported& e) {
            put_totals(e, *m.mutable_station_totals_reported());
          },
          [&](const el::StationConfirmed& e) {
            auto* out = m.mutable_station_confirmed();
            out->set_election(id_bytes(e.election));
            out->set_station(id_bytes(e.station));
          },
          [&](const el::ResultsPublished& e) {
            auto* out = m.mutable_results_published();
            out->set_election(id_bytes(e.election));
            for (std::size_t q : e.questions) out->add_questions(q);
            out->set_published(e.published);
          },
          [&](const el::OutcomeStated& e) { put_outcome_stated(e, *m.mutable_outcome_stated()); },
      },
      p);
  return deterministic_bytes(m);
}

std::any wrapped(el::Payload event) { return std::any(std::move(event)); }

// One function per kind of elections event reads its payload from the message.
absl::StatusOr<std::any> read_election_added(const v1::ElectionsEvent& m) {
  PARTICIPA_ASSIGN_OR_RETURN(el::ElectionAdded out, get_election_added(m.election_added()));
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_question_added(const v1::ElectionsEvent& m) {
  el::QuestionAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(m.question_added().election(), out.election, "election"));
  PARTICIPA_ASSIGN_OR_RETURN(out.question, get_question(m.question_added().question()));
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_census_codes_loaded(const v1::ElectionsEvent& m) {
  const auto& in = m.census_codes_loaded();
  el::CensusCodesLoaded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.election(), out.election, "election"));
  for (const std::string& entry : in.entries()) {
    PARTICIPA_RETURN_IF_ERROR(read_digest(entry, out.entries.emplace_back(), "census entry"));
  }
  out.codes.assign(in.codes().begin(), in.codes().end());
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_station_added(const v1::ElectionsEvent& m) {
  PARTICIPA_ASSIGN_OR_RETURN(el::StationAdded out, get_station_added(m.station_added()));
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_ballot_cast(const v1::ElectionsEvent& m) {
  const auto& in = m.ballot_cast();
  el::BallotCast out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.election(), out.election, "election"));
  out.answers = get_answers(in.answers());
  PARTICIPA_RETURN_IF_ERROR(read_id(in.station(), out.station, "station"));
  PARTICIPA_RETURN_IF_ERROR(read_digest(in.voter(), out.voter, "voter"));
  out.replaces = in.replaces();
  out.code = in.code();
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_voter_marked(const v1::ElectionsEvent& m) {
  const auto& in = m.voter_marked();
  el::VoterMarked out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.election(), out.election, "election"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.station(), out.station, "station"));
  PARTICIPA_RETURN_IF_ERROR(read_digest(in.voter(), out.voter, "voter"));
  out.code = in.code();
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_paper_ballot_entered(const v1::ElectionsEvent& m) {
  const auto& in = m.paper_ballot_entered();
  el::PaperBallotEntered out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.election(), out.election, "election"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.station(), out.station, "station"));
  out.answers = get_answers(in.answers());
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_station_totals_reported(const v1::ElectionsEvent& m) {
  PARTICIPA_ASSIGN_OR_RETURN(el::StationTotalsReported out,
                             get_totals(m.station_totals_reported()));
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_station_confirmed(const v1::ElectionsEvent& m) {
  el::StationConfirmed out;
  PARTICIPA_RETURN_IF_ERROR(read_id(m.station_confirmed().election(), out.election, "election"));
  PARTICIPA_RETURN_IF_ERROR(read_id(m.station_confirmed().station(), out.station, "station"));
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_results_published(const v1::ElectionsEvent& m) {
  const auto& in = m.results_published();
  el::ResultsPublished out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.election(), out.election, "election"));
  out.questions.assign(in.questions().begin(), in.questions().end());
  out.published = in.published();
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> read_outcome_stated(const v1::ElectionsEvent& m) {
  PARTICIPA_ASSIGN_OR_RETURN(el::OutcomeStated out, get_outcome_stated(m.outcome_stated()));
  return wrapped(std::move(out));
}

absl::StatusOr<std::any> decode_payload(std::string_view bytes) {
  v1::ElectionsEvent m;
  if (!m.ParseFromString(std::string(bytes))) {
    return absl::DataLossError("the elections payload does not parse");
  }
  switch (m.event_case()) {
    case v1::ElectionsEvent::kElectionAdded:
      return read_election_added(m);
    case v1::ElectionsEvent::kQuestionAdded:
      return read_question_added(m);
    case v1::ElectionsEvent::kCensusCodesLoaded:
      return read_census_codes_loaded(m);
    case v1::ElectionsEvent::kStationAdded:
      return read_station_added(m);
    case v1::ElectionsEvent::kBallotCast:
      return read_ballot_cast(m);
    case v1::ElectionsEvent::kVoterMarked:
      return read_voter_marked(m);
    case v1::ElectionsEvent::kPaperBallotEntered:
      return read_paper_ballot_entered(m);
    case v1::ElectionsEvent::kStationTotalsReported:
      return read_station_totals_reported(m);
    case v1::ElectionsEvent::kStationConfirmed:
      return read_station_confirmed(m);
    case v1::ElectionsEvent::kResultsPublished:
      return read_results_published(m);
    case v1::ElectionsEvent::kOutcomeStated:
      return read_outcome_stated(m);
    default:
      return absl::DataLossError("the elections payload holds no known event");
  }
}

absl::StatusOr<std::string> encode_state(const std::any& value) {
  const auto& state = std::any_cast<const el::State&>(value);
  v1::ElectionsState m;
  if (state.added.size() != state.elections.size()) {
    return absl::InvalidArgumentError("the elections state lists its elections inconsistently");
  }
  for (ElectionId id : state.added) {
    auto found = state.elections.find(id);
    if (found == state.elections.end()) {
      return absl::InvalidArgumentError("the elections state lists an election it does not hold");
    }
    const el::Election& e = found->second;
    v1::ElectionState& out = *m.add_elections();
    put_election_added(
        {e.id, e.title, e.census, e.census_handler, e.visibility, e.salt, e.opens_at, e.closes_at},
        *out.mutable_election());
    for (const el::Question& q : e.questions) put_question(q, *out.add_questions());
    for (const Digest& entry : e.census_codes) out.add_census_codes(digest_bytes(entry));
    for (const auto& [voter, ballot] : e.ballots) {
      v1::ElectionCastBallot& bm = *out.add_ballots();
      bm.set_voter(digest_bytes(voter));
      put_answers(ballot.answers, bm.mutable_answers());
      bm.set_channel(static_cast<std::uint32_t>(ballot.channel));
      bm.set_station(id_bytes(ballot.station));
      bm.set_cast_at(micros(ballot.cast_at));
      bm.set_replaced(ballot.replaced);
    }
    for (const auto& [voter, station] : e.marked) {
      v1::ElectionMark& mm = *out.add_marked();
      mm.set_voter(digest_bytes(voter));
      mm.set_station(id_bytes(station));
    }
    if (e.station_order.size() != e.stations.size()) {
      return absl::InvalidArgumentError("the elections state lists its stations inconsistently");
    }
    for (StationId sid : e.station_order) {
      auto sf = e.stations.find(sid);
      if (sf == e.stations.end()) {
        return absl::InvalidArgumentError("the elections state lists a station it does not hold");
      }
      const el::Station& s = sf->second;
      v1::ElectionStationState& sm = *out.add_stations();
      put_station_added({e.id, s.id, s.name, s.officers}, *sm.mutable_station());
      sm.set_marked(s.marked);
      for (const auto& paper : s.paper) put_answers(paper, sm.add_paper()->mutable_answers());
      if (s.totals) put_totals(*s.totals, *sm.mutable_totals());
      for (ParticipantId officer : s.entered_by) sm.add_entered_by(id_bytes(officer));
      if (s.confirmed_by) sm.set_confirmed_by(id_bytes(*s.confirmed_by));
    }
    for (std::size_t q : e.published) out.add_published(q);
    for (const auto& [position, outcome] : e.outcomes) {
      v1::ElectionOutcome& om = *out.add_outcomes();
      put_outcome_stated({e.id, position, outcome.statement, outcome.option, outcome.review_at},
                         *om.mutable_outcome());
      om.set_stated_at(micros(outcome.stated_at));
      om.set_stated_by(id_bytes(outcome.stated_by));
    }
  }
  return deterministic_bytes(m);
}

// A polling station of the state; `questions` is how many questions its ballots answer.
absl::StatusOr<el::Station> get_station(const v1::ElectionStationState& sm, std::size_t questions) {
  PARTICIPA_ASSIGN_OR_RETURN(el::StationAdded added_station, get_station_added(sm.station()));
  el::Station s;
  s.id = added_station.station;
  s.name = added_station.name;
  s.officers = added_station.officers;
  s.marked = sm.marked();
  for (const v1::ElectionPaperBallot& pm : sm.paper()) {
    s.paper.push_back(get_answers(pm.answers()));
    if (s.paper.back().size() != questions) {
      return absl::DataLossError("a paper ballot in the elections state does not fit");
    }
  }
  if (sm.has_totals()) {
    PARTICIPA_ASSIGN_OR_RETURN(s.totals, get_totals(sm.totals()));
    if (s.totals->totals.size() != questions) {
      return absl::DataLossError("station totals in the elections state do not fit");
    }
  }
  std::vector<ParticipantId> entered;
  PARTICIPA_RETURN_IF_ERROR(read_ids(sm.entered_by(), entered, "officer"));
  s.entered_by.insert(entered.begin(), entered.end());
  if (!sm.confirmed_by().empty()) {
    ParticipantId officer;
    PARTICIPA_RETURN_IF_ERROR(read_id(sm.confirmed_by(), officer, "confirming officer"));
    s.confirmed_by = officer;
  }
  return s;
}

absl::StatusOr<el::Election> get_election(const v1::ElectionState& in) {
  PARTICIPA_ASSIGN_OR_RETURN(el::ElectionAdded added, get_election_added(in.election()));
  el::Election e = el::Election::from_added(added);
  for (const v1::ElectionQuestion& qm : in.questions()) {
    PARTICIPA_ASSIGN_OR_RETURN(e.questions.emplace_back(), get_question(qm));
  }
  for (const std::string& bytes : in.census_codes()) {
    Digest entry;
    PARTICIPA_RETURN_IF_ERROR(read_digest(bytes, entry, "census entry"));
    if (!e.census_codes.insert(entry).second) {
      return absl::DataLossError("the elections state holds a census code twice");
    }
  }
  for (const v1::ElectionCastBallot& bm : in.ballots()) {
    Digest voter;
    PARTICIPA_RETURN_IF_ERROR(read_digest(bm.voter(), voter, "voter"));
    el::CastBallot ballot;
    ballot.answers = get_answers(bm.answers());
    PARTICIPA_RETURN_IF_ERROR(
        read_enum(bm.channel(), ballot.channel, space::kChannelNames, "channel"));
    PARTICIPA_RETURN_IF_ERROR(read_id(bm.station(), ballot.station, "station"));
    ballot.cast_at = from_micros(bm.cast_at());
    ballot.replaced = bm.replaced();
    if (ballot.answers.size() != e.questions.size()) {
      return absl::DataLossError("a ballot in the elections state does not fit its questions");
    }
    if (!e.ballots.emplace(voter, std::move(ballot)).second) {
      return absl::DataLossError("the elections state holds a voter's ballot twice");
    }
  }
  for (const v1::ElectionMark& mm : in.marked()) {
    Digest voter;
    StationId station;
    PARTICIPA_RETURN_IF_ERROR(read_digest(mm.voter(), voter, "voter"));
    PARTICIPA_RETURN_IF_ERROR(read_id(mm.station(), station, "station"));
    if (!e.marked.emplace(voter, station).second) {
      return absl::DataLossError("the elections state marks a voter twice");
    }
  }
  for (const v1::ElectionStationState& sm : in.stations()) {
    PARTICIPA_ASSIGN_OR_RETURN(el::Station s, get_station(sm, e.questions.size()));
    e.station_order.push_back(s.id);
    if (!e.stations.emplace(s.id, std::move(s)).second) {
      return absl::DataLossError("the elections state names a station twice");
    }
  }
  for (std::uint64_t q : in.published()) {
    if (q >= e.questions.size()) {
      return absl::DataLossError("the elections state publishes a question that does not exist");
    }
    e.published.insert(q);
  }
  for (const v1::ElectionOutcome& om : in.outcomes()) {
    PARTICIPA_ASSIGN_OR_RETURN(el::OutcomeStated stated, get_outcome_stated(om.outcome()));
    if (stated.question >= e.questions.size() || e.outcomes.contains(stated.question) ||
        (stated.option && *stated.option >= e.questions[stated.question].options.size())) {
      return absl::DataLossError(
          "the elections state holds an outcome of a question or option that does not exist, or "
          "two of one question");
    }
    el::Outcome& outcome = e.outcomes[stated.question];
    outcome = {stated.statement, stated.option, stated.review_at, from_micros(om.stated_at())};
    PARTICIPA_RETURN_IF_ERROR(read_id(om.stated_by(), outcome.stated_by, "outcome's author"));
  }
  return e;
}

absl::StatusOr<std::any> decode_state(std::string_view bytes) {
  v1::ElectionsState m;
  if (!m.ParseFromString(std::string(bytes))) {
    return absl::DataLossError("the elections state does not parse");
  }
  el::State state;
  for (const v1::ElectionState& in : m.elections()) {
    PARTICIPA_ASSIGN_OR_RETURN(el::Election election, get_election(in));
    state.added.push_back(election.id);
    ElectionId id = election.id;
    if (!state.elections.emplace(id, std::move(election)).second) {
      return absl::DataLossError("the elections state names an election twice");
    }
  }
  return std::any(std::move(state));
}

}  // namespace

ComponentCodec elections_payload_codec() {
  return ComponentCodec{"type.googleapis.com/participa.v1.ElectionsEvent", typeid(el::Payload),
                        encode_payload, decode_payload};
}

StateCodec elections_state_codec() {
  return StateCodec{"type.googleapis.com/participa.v1.ElectionsState", typeid(el::State),
                    encode_state, decode_state};
}

}  // namespace participa::io::detail
