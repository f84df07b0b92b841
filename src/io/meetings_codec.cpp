#include "io/component_codecs.hpp"

#include "io/questionnaire_proto.hpp"
#include "io/record_fields.hpp"
#include "participa/components/meetings/meetings.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/v1/meetings.pb.h"

namespace participa::io::detail {
namespace {

namespace mt = participa::components::meetings;
namespace q = participa::questionnaire;

// A recorded form that does not read back is damage to the record, not bad input.
absl::StatusOr<q::Form> recorded_form(const v1::Questionnaire& m, std::string_view what) {
  absl::StatusOr<q::Form> form = form_from(m);
  if (!form.ok()) return absl::DataLossError(str_cat(what, ": ", form.status().message()));
  return form;
}

void put_question(const q::Question& question, v1::Questionnaire& out) {
  q::Form form;
  form.title.default_language = question.body.default_language;
  form.questions.push_back(question);
  out = form_to(form);
}

absl::StatusOr<q::Question> get_question(const v1::Questionnaire& in) {
  PARTICIPA_ASSIGN_OR_RETURN(q::Form form, recorded_form(in, "a poll's question"));
  if (form.questions.size() != 1) {
    return absl::DataLossError("a poll's question is not one question");
  }
  return std::move(form.questions.front());
}

void put_answer(const q::Answer& answer, v1::QuestionnaireResponse& out) {
  q::Response response;
  response.answers.push_back(answer);
  response_to(response, out);
}

absl::StatusOr<q::Answer> get_answer(const v1::QuestionnaireResponse& in) {
  PARTICIPA_ASSIGN_OR_RETURN(q::Response response, response_from(in));
  if (response.answers.size() != 1) {
    return absl::DataLossError("a poll's answer is not one answer");
  }
  return std::move(response.answers.front());
}

void put_added(const mt::MeetingAdded& e, v1::MeetingAdded& out) {
  out.set_meeting(id_bytes(e.meeting));
  out.set_title(e.title);
  out.set_format(std::string(name_of(mt::kFormatNames, e.format)));
  out.set_address(e.address);
  out.set_url(e.url);
  out.set_starts_at(micros(e.starts_at));
  out.set_ends_at(micros(e.ends_at));
  out.set_slots(e.slots);
  out.set_reserved_slots(e.reserved_slots);
  if (e.registration_form) *out.mutable_registration_form() = form_to(*e.registration_form);
}

absl::StatusOr<mt::MeetingAdded> get_added(const v1::MeetingAdded& in) {
  mt::MeetingAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.meeting(), out.meeting, "meeting"));
  out.title = in.title();
  PARTICIPA_RETURN_IF_ERROR(read_name(in.format(), out.format, mt::kFormatNames, "format"));
  out.address = in.address();
  out.url = in.url();
  out.starts_at = from_micros(in.starts_at());
  out.ends_at = from_micros(in.ends_at());
  out.slots = in.slots();
  out.reserved_slots = in.reserved_slots();
  if (in.has_registration_form()) {
    PARTICIPA_ASSIGN_OR_RETURN(out.registration_form,
                               recorded_form(in.registration_form(), "the registration form"));
  }
  return out;
}

void put_agenda_item(MeetingId meeting, const mt::AgendaItem& e, v1::AgendaItemAdded& out) {
  out.set_meeting(id_bytes(meeting));
  out.set_item(id_bytes(e.item));
  out.set_parent(id_bytes(e.parent));
  out.set_title(e.title);
  out.set_duration_seconds(absl::ToInt64Seconds(e.duration));
}

absl::Status get_agenda_item(const v1::AgendaItemAdded& in, MeetingId& meeting,
                             mt::AgendaItem& out) {
  PARTICIPA_RETURN_IF_ERROR(read_id(in.meeting(), meeting, "meeting"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.item(), out.item, "agenda item"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.parent(), out.parent, "parent agenda item"));
  out.title = in.title();
  out.duration = absl::Seconds(in.duration_seconds());
  return absl::OkStatus();
}

void put_closed(const mt::MeetingClosed& e, v1::MeetingClosed& out) {
  out.set_meeting(id_bytes(e.meeting));
  out.set_report(e.report);
  out.set_attendees_count(e.attendees_count);
  out.set_contributions_count(e.contributions_count);
  for (const std::string& name : e.organizations) out.add_organizations(name);
  put_ids(e.proposals, out.mutable_proposals());
}

absl::StatusOr<mt::MeetingClosed> get_closed(const v1::MeetingClosed& in) {
  mt::MeetingClosed out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.meeting(), out.meeting, "meeting"));
  out.report = in.report();
  out.attendees_count = in.attendees_count();
  out.contributions_count = in.contributions_count();
  out.organizations.assign(in.organizations().begin(), in.organizations().end());
  PARTICIPA_RETURN_IF_ERROR(read_ids(in.proposals(), out.proposals, "linked proposal"));
  return out;
}

absl::StatusOr<std::string> encode_payload(const std::any& payload) {
  const auto& p = std::any_cast<const mt::Payload&>(payload);
  v1::MeetingsEvent m;
  std::visit(Overloaded{
                 [&](const mt::MeetingAdded& e) { put_added(e, *m.mutable_meeting_added()); },
                 [&](const mt::AgendaItemAdded& e) {
                   put_agenda_item(e.meeting, {e.item, e.parent, e.title, e.duration},
                                   *m.mutable_agenda_item_added());
                 },
                 [&](const mt::RegistrationsOpened& e) {
                   auto* out = m.mutable_registrations_opened();
                   out->set_meeting(id_bytes(e.meeting));
                   out->set_open(e.open);
                 },
                 [&](const mt::Registered& e) {
                   auto* out = m.mutable_registered();
                   out->set_meeting(id_bytes(e.meeting));
                   response_to(e.answers, *out->mutable_answers());
                   out->set_reserved(e.reserved);
                   out->set_code(e.code);
                 },
                 [&](const mt::RegistrationCancelled& e) {
                   auto* out = m.mutable_registration_cancelled();
                   out->set_meeting(id_bytes(e.meeting));
                   out->set_participant(id_bytes(e.participant));
                 },
                 [&](const mt::AttendanceRecorded& e) {
                   auto* out = m.mutable_attendance_recorded();
                   out->set_meeting(id_bytes(e.meeting));
                   out->set_presence(std::string(name_of(mt::kPresenceNames, e.presence)));
                   out->set_code(e.code);
                   out->set_participant(id_bytes(e.participant));
                 },
                 [&](const mt::PollAdded& e) {
                   auto* out = m.mutable_poll_added();
                   out->set_meeting(id_bytes(e.meeting));
                   out->set_poll(id_bytes(e.poll));
                   put_question(e.question, *out->mutable_question());
                 },
                 [&](const mt::PollAnswered& e) {
                   auto* out = m.mutable_poll_answered();
                   out->set_meeting(id_bytes(e.meeting));
                   out->set_poll(id_bytes(e.poll));
                   put_answer(e.answer, *out->mutable_answer());
                 },
                 [&](const mt::PollClosed& e) {
                   auto* out = m.mutable_poll_closed();
                   out->set_meeting(id_bytes(e.meeting));
                   out->set_poll(id_bytes(e.poll));
                 },
                 [&](const mt::MeetingClosed& e) { put_closed(e, *m.mutable_meeting_closed()); },
             },
             p);
  return deterministic_bytes(m);
}

absl::StatusOr<mt::Payload> get_payload(const v1::MeetingsEvent& m) {
  switch (m.event_case()) {
    case v1::MeetingsEvent::kMeetingAdded: {
      PARTICIPA_ASSIGN_OR_RETURN(mt::MeetingAdded added, get_added(m.meeting_added()));
      return added;
    }
    case v1::MeetingsEvent::kAgendaItemAdded: {
      mt::AgendaItemAdded out;
      mt::AgendaItem item;
      PARTICIPA_RETURN_IF_ERROR(get_agenda_item(m.agenda_item_added(), out.meeting, item));
      out.item = item.item;
      out.parent = item.parent;
      out.title = std::move(item.title);
      out.duration = item.duration;
      return out;
    }
    case v1::MeetingsEvent::kRegistrationsOpened: {
      mt::RegistrationsOpened out;
      PARTICIPA_RETURN_IF_ERROR(
          read_id(m.registrations_opened().meeting(), out.meeting, "meeting"));
      out.open = m.registrations_opened().open();
      return out;
    }
    case v1::MeetingsEvent::kRegistered: {
      const auto& in = m.registered();
      mt::Registered out;
      PARTICIPA_RETURN_IF_ERROR(read_id(in.meeting(), out.meeting, "meeting"));
      PARTICIPA_ASSIGN_OR_RETURN(out.answers, response_from(in.answers()));
      out.reserved = in.reserved();
      out.code = in.code();
      return out;
    }
    case v1::MeetingsEvent::kRegistrationCancelled: {
      const auto& in = m.registration_cancelled();
      mt::RegistrationCancelled out;
      PARTICIPA_RETURN_IF_ERROR(read_id(in.meeting(), out.meeting, "meeting"));
      PARTICIPA_RETURN_IF_ERROR(read_id(in.participant(), out.participant, "participant"));
      return out;
    }
    case v1::MeetingsEvent::kAttendanceRecorded: {
      const auto& in = m.attendance_recorded();
      mt::AttendanceRecorded out;
      PARTICIPA_RETURN_IF_ERROR(read_id(in.meeting(), out.meeting, "meeting"));
      PARTICIPA_RETURN_IF_ERROR(
          read_name(in.presence(), out.presence, mt::kPresenceNames, "presence"));
      out.code = in.code();
      PARTICIPA_RETURN_IF_ERROR(read_id(in.participant(), out.participant, "participant"));
      return out;
    }
    case v1::MeetingsEvent::kPollAdded: {
      const auto& in = m.poll_added();
      mt::PollAdded out;
      PARTICIPA_RETURN_IF_ERROR(read_id(in.meeting(), out.meeting, "meeting"));
      PARTICIPA_RETURN_IF_ERROR(read_id(in.poll(), out.poll, "poll"));
      PARTICIPA_ASSIGN_OR_RETURN(out.question, get_question(in.question()));
      return out;
    }
    case v1::MeetingsEvent::kPollAnswered: {
      const auto& in = m.poll_answered();
      mt::PollAnswered out;
      PARTICIPA_RETURN_IF_ERROR(read_id(in.meeting(), out.meeting, "meeting"));
      PARTICIPA_RETURN_IF_ERROR(read_id(in.poll(), out.poll, "poll"));
      PARTICIPA_ASSIGN_OR_RETURN(out.answer, get_answer(in.answer()));
      return out;
    }
    case v1::MeetingsEvent::kPollClosed: {
      mt::PollClosed out;
      PARTICIPA_RETURN_IF_ERROR(read_id(m.poll_closed().meeting(), out.meeting, "meeting"));
      PARTICIPA_RETURN_IF_ERROR(read_id(m.poll_closed().poll(), out.poll, "poll"));
      return out;
    }
    case v1::MeetingsEvent::kMeetingClosed: {
      PARTICIPA_ASSIGN_OR_RETURN(mt::MeetingClosed closed, get_closed(m.meeting_closed()));
      return closed;
    }
    case v1::MeetingsEvent::EVENT_NOT_SET:
      break;
  }
  return absl::DataLossError("the meetings payload holds no known event");
}

absl::StatusOr<std::any> decode_payload(std::string_view bytes) {
  v1::MeetingsEvent m;
  if (!m.ParseFromString(std::string(bytes))) {
    return absl::DataLossError("the meetings payload does not parse");
  }
  PARTICIPA_ASSIGN_OR_RETURN(mt::Payload payload, get_payload(m));
  return std::any(std::move(payload));
}

void put_meeting(const mt::Meeting& meeting, v1::MeetingState& out) {
  put_added(meeting.added, *out.mutable_added());
  for (const mt::AgendaItem& item : meeting.agenda) {
    put_agenda_item(meeting.added.meeting, item, *out.add_agenda());
  }
  out.set_registrations_open(meeting.registrations_open);
  for (const auto& [who, registration] : meeting.registrations) {
    v1::MeetingRegistration& r = *out.add_registrations();
    r.set_participant(id_bytes(who));
    r.set_code(registration.code);
    r.set_reserved(registration.reserved);
    r.set_waiting(registration.waiting);
    r.set_registered_at(micros(registration.registered_at));
    r.set_recorded_by(id_bytes(registration.recorded_by));
    response_to(registration.answers, *r.mutable_answers());
  }
  put_ids(meeting.waiting_list, out.mutable_waiting_list());
  for (const auto& [who, presence] : meeting.attendees) {
    v1::MeetingAttendee& a = *out.add_attendees();
    a.set_participant(id_bytes(who));
    a.set_presence(std::string(name_of(mt::kPresenceNames, presence)));
  }
  for (MeetingPollId id : meeting.poll_order) {
    const mt::Poll& poll = meeting.polls.at(id);
    v1::MeetingPoll& pm = *out.add_polls();
    pm.set_poll(id_bytes(id));
    put_question(poll.question, *pm.mutable_question());
    for (const auto& [who, answer] : poll.answers) {
      v1::PollAnswer& am = *pm.add_answers();
      am.set_participant(id_bytes(who));
      put_answer(answer, *am.mutable_answer());
    }
    pm.set_closed(poll.closed);
  }
  if (meeting.closing) put_closed(*meeting.closing, *out.mutable_closing());
}

absl::StatusOr<mt::Meeting> get_meeting(const v1::MeetingState& in) {
  mt::Meeting meeting;
  PARTICIPA_ASSIGN_OR_RETURN(meeting.added, get_added(in.added()));
  for (const v1::AgendaItemAdded& im : in.agenda()) {
    MeetingId owner;
    mt::AgendaItem item;
    PARTICIPA_RETURN_IF_ERROR(get_agenda_item(im, owner, item));
    if (owner != meeting.added.meeting) {
      return absl::DataLossError("an agenda item names another meeting");
    }
    meeting.agenda.push_back(std::move(item));
  }
  meeting.registrations_open = in.registrations_open();
  for (const v1::MeetingRegistration& r : in.registrations()) {
    mt::Registration registration;
    PARTICIPA_RETURN_IF_ERROR(read_id(r.participant(), registration.participant, "registrant"));
    registration.code = r.code();
    registration.reserved = r.reserved();
    registration.waiting = r.waiting();
    registration.registered_at = from_micros(r.registered_at());
    PARTICIPA_RETURN_IF_ERROR(read_id(r.recorded_by(), registration.recorded_by, "recorded by"));
    PARTICIPA_ASSIGN_OR_RETURN(registration.answers, response_from(r.answers()));
    const ParticipantId who = registration.participant;
    if (!meeting.registrations.emplace(who, std::move(registration)).second) {
      return absl::DataLossError("a meeting lists a registration twice");
    }
  }
  PARTICIPA_RETURN_IF_ERROR(read_ids(in.waiting_list(), meeting.waiting_list, "waiting"));
  for (ParticipantId who : meeting.waiting_list) {
    auto found = meeting.registrations.find(who);
    if (found == meeting.registrations.end() || !found->second.waiting) {
      return absl::DataLossError("the waiting list names someone who is not waiting");
    }
  }
  for (const v1::MeetingAttendee& a : in.attendees()) {
    ParticipantId who;
    mt::Presence presence;
    PARTICIPA_RETURN_IF_ERROR(read_id(a.participant(), who, "attendee"));
    PARTICIPA_RETURN_IF_ERROR(read_name(a.presence(), presence, mt::kPresenceNames, "presence"));
    if (!meeting.attendees.emplace(who, presence).second) {
      return absl::DataLossError("a meeting lists an attendee twice");
    }
  }
  for (const v1::MeetingPoll& pm : in.polls()) {
    MeetingPollId id;
    mt::Poll poll;
    PARTICIPA_RETURN_IF_ERROR(read_id(pm.poll(), id, "poll"));
    PARTICIPA_ASSIGN_OR_RETURN(poll.question, get_question(pm.question()));
    for (const v1::PollAnswer& am : pm.answers()) {
      ParticipantId who;
      PARTICIPA_RETURN_IF_ERROR(read_id(am.participant(), who, "poll respondent"));
      PARTICIPA_ASSIGN_OR_RETURN(q::Answer answer, get_answer(am.answer()));
      if (!poll.answers.emplace(who, std::move(answer)).second) {
        return absl::DataLossError("a poll lists an answer twice");
      }
    }
    poll.closed = pm.closed();
    if (!meeting.polls.emplace(id, std::move(poll)).second) {
      return absl::DataLossError("a meeting lists a poll twice");
    }
    meeting.poll_order.push_back(id);
  }
  if (in.has_closing()) {
    PARTICIPA_ASSIGN_OR_RETURN(meeting.closing, get_closed(in.closing()));
  }
  return meeting;
}

absl::StatusOr<std::string> encode_state(const std::any& value) {
  const auto& state = std::any_cast<const mt::State&>(value);
  if (state.added.size() != state.meetings.size()) {
    return absl::InvalidArgumentError("the meetings state lists its meetings inconsistently");
  }
  v1::MeetingsState m;
  for (MeetingId id : state.added) {
    auto found = state.meetings.find(id);
    if (found == state.meetings.end()) {
      return absl::InvalidArgumentError("the meetings state lists one it does not hold");
    }
    put_meeting(found->second, *m.add_meetings());
  }
  return deterministic_bytes(m);
}

absl::StatusOr<std::any> decode_state(std::string_view bytes) {
  v1::MeetingsState m;
  if (!m.ParseFromString(std::string(bytes))) {
    return absl::DataLossError("the meetings state does not parse");
  }
  mt::State state;
  for (const v1::MeetingState& in : m.meetings()) {
    PARTICIPA_ASSIGN_OR_RETURN(mt::Meeting meeting, get_meeting(in));
    const MeetingId id = meeting.added.meeting;
    if (!state.meetings.emplace(id, std::move(meeting)).second) {
      return absl::DataLossError("the meetings state names a meeting twice");
    }
    state.added.push_back(id);
  }
  return std::any(std::move(state));
}

}  // namespace

ComponentCodec meetings_payload_codec() {
  return ComponentCodec{"type.googleapis.com/participa.v1.MeetingsEvent", typeid(mt::Payload),
                        encode_payload, decode_payload};
}

StateCodec meetings_state_codec() {
  return StateCodec{"type.googleapis.com/participa.v1.MeetingsState", typeid(mt::State),
                    encode_state, decode_state};
}

}  // namespace participa::io::detail
