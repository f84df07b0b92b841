// Bindings of participa::components::meetings: payloads, state, poll_results and to_json. Forms,
// answers and responses cross as questionnaire_casters.hpp says; a poll's question is a
// questionnaire of that one question; durations are datetime.timedelta.
#include <pybind11/stl.h>

#include "participa/components/meetings/meetings.hpp"
#include "participa/io/meetings.hpp"
#include "questionnaire_casters.hpp"
#include "record_casters.hpp"
#include "register.hpp"

namespace q = participa::questionnaire;

namespace pybind11::detail {

// A poll's question: a questionnaire of exactly that question; None for no question yet (a new
// PollAdded's default, refused when executed).
template <>
struct type_caster<q::Question> {
  PYBIND11_TYPE_CASTER(q::Question, const_name("Optional[participa.questionnaire.Questionnaire]"));
  bool load(handle source, bool) {
    if (source.is_none()) {
      value = q::Question{};
      return true;
    }
    if (!isinstance<q::Questionnaire>(source)) return false;
    const auto& questionnaire = source.cast<const q::Questionnaire&>();
    if (questionnaire.size() != 1) {
      throw value_error("a poll's question is a questionnaire of one question, not " +
                        std::to_string(questionnaire.size()));
    }
    value = questionnaire.question(0);
    return true;
  }
  static handle cast(const q::Question& question, return_value_policy, handle) {
    if (question == q::Question{}) return none().release();
    q::Form form;
    form.title = question.body;
    form.questions.push_back(question);
    absl::StatusOr<q::Questionnaire> checked = q::Questionnaire::create(std::move(form));
    if (!checked.ok()) participa::python::throw_status(checked.status());
    return pybind11::cast(*std::move(checked)).release();
  }
};

}  // namespace pybind11::detail

namespace participa::python {

namespace mt = participa::components::meetings;

namespace {

void document_fields(const py::module_& m) {
  document_attributes(
      m,
      {{"meeting", "The meeting's id."},
       {"item", "The agenda item's id."},
       {"poll", "The live poll's id."},
       {"participant", "The participant's id."},
       {"title", "Its title."},
       {"parent", "The top-level item it sits under; None for a top-level item."},
       {"duration", "How long it takes; a parent's children fit in its duration."},
       {"code", "The registration's code, shown at the door."},
       {"reserved", "Whether it holds (or asks for) one of the reserved slots."},
       {"answers", "The answers to the registration form."},
       {"question", "A single-option or multiple-option question."},
       {"MeetingAdded.format", "in-person, online or hybrid."},
       {"MeetingAdded.address", "Where it is held in person."},
       {"MeetingAdded.url", "Where it is held online."},
       {"MeetingAdded.starts_at", "When it starts."},
       {"MeetingAdded.ends_at", "When it ends."},
       {"MeetingAdded.slots", "How many may register (0: no registrations)."},
       {"MeetingAdded.reserved_slots",
        "Slots kept for people an admin or user manager registers in person or mediated."},
       {"MeetingAdded.registration_form", "The questionnaire registrants answer; None for none."},
       {"RegistrationsOpened.open", "Whether registrations are open (False closes them)."},
       {"AttendanceRecorded.presence", "How the attendee takes part: in-person or online."},
       {"AttendanceRecorded.code",
        "In person, the registration's code shown at the door; empty online."},
       {"AttendanceRecorded.participant",
        "The attendee, filled in when recorded (given in person when there are no "
        "registrations)."},
       {"PollAnswered.answer", "The actor's answer, given once."},
       {"MeetingClosed.report", "The closing report."},
       {"MeetingClosed.attendees_count", "How many people were present, counted in the room."},
       {"MeetingClosed.contributions_count", "How many contributions were made."},
       {"MeetingClosed.organizations", "The organisations that took part."},
       {"MeetingClosed.proposals", "The proposals of the space the meeting produced."},
       {"Registration.waiting", "Whether it waits for a slot."},
       {"Registration.registered_at", "When it was made; it orders the waiting list."},
       {"Registration.recorded_by", "The admin or user manager who recorded it; None online."},
       {"Poll.answers", "Each attendee's answer."},
       {"Poll.closed", "Whether it is closed to answers."},
       {"Meeting.added", "The meeting as it was added: title, format, place, times and slots."},
       {"Meeting.agenda", "Its agenda items in the order they were added."},
       {"Meeting.registrations_open", "Whether it takes registrations now."},
       {"Meeting.registrations", "Each participant's registration."},
       {"Meeting.waiting_list", "The waiting registrations, first come first."},
       {"Meeting.attendees", "How each attendee took part."},
       {"Meeting.polls", "Its live polls by id."},
       {"Meeting.poll_order", "The polls' ids in the order they were added."},
       {"Meeting.closing", "The closing report; None while open."},
       {"State.meetings", "Every meeting by id."}});
}

}  // namespace

void register_meetings(py::module_& m) {
  mt::register_kind();
  def_named_enum(m, "Format", mt::kFormatNames, "in-person, online or hybrid.");
  def_named_enum(m, "Presence", mt::kPresenceNames,
                 "How an attendee took part: in-person, online.");
  py::class_<mt::MeetingAdded> added(
      m, "MeetingAdded",
      "A meeting: an address in person, a URL online, both when hybrid; start and end; slots "
      "(0: no registrations), the reserved ones, and an optional registration form.");
  def_fields(added, Field{"meeting", &mt::MeetingAdded::meeting},
             Field{"title", &mt::MeetingAdded::title}, Field{"format", &mt::MeetingAdded::format},
             Field{"address", &mt::MeetingAdded::address}, Field{"url", &mt::MeetingAdded::url},
             Field{"starts_at", &mt::MeetingAdded::starts_at},
             Field{"ends_at", &mt::MeetingAdded::ends_at}, Field{"slots", &mt::MeetingAdded::slots},
             Field{"reserved_slots", &mt::MeetingAdded::reserved_slots},
             Field{"registration_form", &mt::MeetingAdded::registration_form});
  py::class_<mt::AgendaItemAdded> item(
      m, "AgendaItemAdded", "An agenda item, at the top or under one (one level); it must fit.");
  def_fields(item, Field{"meeting", &mt::AgendaItemAdded::meeting},
             Field{"item", &mt::AgendaItemAdded::item},
             Field{"parent", &mt::AgendaItemAdded::parent},
             Field{"title", &mt::AgendaItemAdded::title},
             Field{"duration", &mt::AgendaItemAdded::duration});
  py::class_<mt::RegistrationsOpened> opened(m, "RegistrationsOpened",
                                             "Opens (open=True) or closes registrations.");
  def_fields(opened, Field{"meeting", &mt::RegistrationsOpened::meeting},
             Field{"open", &mt::RegistrationsOpened::open});
  py::class_<mt::Registered> registered(
      m, "Registered",
      "The actor registers, with the form's answers; reserved asks for a reserved slot (staff "
      "recording it only). The code is drawn by participa.");
  def_fields(registered, Field{"meeting", &mt::Registered::meeting},
             Field{"answers", &mt::Registered::answers},
             Field{"reserved", &mt::Registered::reserved}, Field{"code", &mt::Registered::code});
  py::class_<mt::RegistrationCancelled> cancelled(
      m, "RegistrationCancelled", "The actor's own registration, or anyone's by staff.");
  def_fields(cancelled, Field{"meeting", &mt::RegistrationCancelled::meeting},
             Field{"participant", &mt::RegistrationCancelled::participant});
  py::class_<mt::AttendanceRecorded> attendance(
      m, "AttendanceRecorded",
      "In person: staff at the door give the code (or the participant, without registrations); "
      "online: the attendee's own.");
  def_fields(attendance, Field{"meeting", &mt::AttendanceRecorded::meeting},
             Field{"presence", &mt::AttendanceRecorded::presence},
             Field{"code", &mt::AttendanceRecorded::code},
             Field{"participant", &mt::AttendanceRecorded::participant});
  py::class_<mt::PollAdded> poll_added(
      m, "PollAdded", "A live poll: a questionnaire of one single- or multiple-option question.");
  def_fields(poll_added, Field{"meeting", &mt::PollAdded::meeting},
             Field{"poll", &mt::PollAdded::poll}, Field{"question", &mt::PollAdded::question});
  py::class_<mt::PollAnswered> answered(m, "PollAnswered", "An attendee's one answer.");
  def_fields(answered, Field{"meeting", &mt::PollAnswered::meeting},
             Field{"poll", &mt::PollAnswered::poll}, Field{"answer", &mt::PollAnswered::answer});
  py::class_<mt::PollClosed> poll_closed(m, "PollClosed", "No more answers.");
  def_fields(poll_closed, Field{"meeting", &mt::PollClosed::meeting},
             Field{"poll", &mt::PollClosed::poll});
  py::class_<mt::MeetingClosed> closed(
      m, "MeetingClosed",
      "The closing report: report, people counted in the room, contributions, organisations and "
      "the space's proposals it produced.");
  def_fields(closed, Field{"meeting", &mt::MeetingClosed::meeting},
             Field{"report", &mt::MeetingClosed::report},
             Field{"attendees_count", &mt::MeetingClosed::attendees_count},
             Field{"contributions_count", &mt::MeetingClosed::contributions_count},
             Field{"organizations", &mt::MeetingClosed::organizations},
             Field{"proposals", &mt::MeetingClosed::proposals});

  py::class_<mt::AgendaItem> agenda_item(m, "AgendaItem", "An item of a meeting's agenda.");
  def_fields<false>(
      agenda_item, Field{"item", &mt::AgendaItem::item}, Field{"parent", &mt::AgendaItem::parent},
      Field{"title", &mt::AgendaItem::title}, Field{"duration", &mt::AgendaItem::duration});
  py::class_<mt::Registration> registration(
      m, "Registration", "A registration: its code, whether it holds a reserved slot or waits.");
  def_fields<false>(registration, Field{"participant", &mt::Registration::participant},
                    Field{"code", &mt::Registration::code},
                    Field{"reserved", &mt::Registration::reserved},
                    Field{"waiting", &mt::Registration::waiting},
                    Field{"registered_at", &mt::Registration::registered_at},
                    Field{"recorded_by", &mt::Registration::recorded_by},
                    Field{"answers", &mt::Registration::answers});
  py::class_<mt::Poll> poll(m, "Poll", "A live poll and its answers by participant.");
  def_fields<false>(poll, Field{"question", &mt::Poll::question},
                    Field{"answers", &mt::Poll::answers}, Field{"closed", &mt::Poll::closed});
  py::class_<mt::Meeting> meeting(m, "Meeting", "A meeting as the record holds it.");
  def_fields<false>(
      meeting, Field{"added", &mt::Meeting::added}, Field{"agenda", &mt::Meeting::agenda},
      Field{"registrations_open", &mt::Meeting::registrations_open},
      Field{"registrations", &mt::Meeting::registrations},
      Field{"waiting_list", &mt::Meeting::waiting_list},
      Field{"attendees", &mt::Meeting::attendees}, Field{"polls", &mt::Meeting::polls},
      Field{"poll_order", &mt::Meeting::poll_order}, Field{"closing", &mt::Meeting::closing});
  py::class_<mt::State> state(m, "State", "A meetings component's state; attributes are copies.");
  state.def_readonly("meetings", &mt::State::meetings)
      .def_readonly("added", &mt::State::added, "meeting ids in the order they were added")
      .def("__repr__", [](const mt::State& s) {
        return str_cat("meetings.State(meetings=", s.meetings.size(), ")");
      });
  def_not_picklable(state, "pickle the events (Ledger.events()) and fold them with evolve()");
  register_component_any<mt::Payload, mt::State>();
  m.def(
      "state_of",
      [](const space::Organization& organization, ComponentId component) {
        return unwrap(mt::state_of(organization, component));
      },
      "organization"_a, "component"_a, py::return_value_policy::reference_internal,
      "The meetings state of a component.");
  m.def(
      "poll_results",
      [](const mt::Meeting& held, MeetingPollId id) { return unwrap(mt::poll_results(held, id)); },
      "meeting"_a, "poll"_a,
      "How many attendees chose each option, in option order (a multiple-option answer counts "
      "once per option chosen).");
  m.def(
      "to_json", [](const mt::Meeting& held) { return unwrap(io::meeting_to_json(held)); },
      "meeting"_a,
      "The meeting as its public page shows it, as JSON for participa.report: when and where, "
      "agenda, registrations and attendance counted, closed polls' counts, the closing report; "
      "nothing about any person.");
  document_fields(m);
}

}  // namespace participa::python
