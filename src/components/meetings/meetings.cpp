#include "participa/components/meetings/meetings.hpp"

#include <algorithm>
#include <mutex>
#include <set>

#include "participa/components/proposals/proposals.hpp"
#include "participa/core/overloaded.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"
#include "participa/space/component_kind.hpp"

namespace participa::components::meetings {
namespace {

namespace q = participa::questionnaire;
using space::ActionContext;
using space::EventContext;
using space::SettingSpec;

constexpr std::size_t kMaxTitle = 150;
constexpr std::size_t kMaxPlace = 500;
constexpr std::size_t kMaxReport = 20000;
constexpr std::size_t kCodeLength = 8;
// No 0/O, 1/I/L: a code is read aloud and typed at the door.
constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
// The door opens an hour before the start.
constexpr absl::Duration kDoorsOpen = absl::Hours(1);
constexpr std::array<std::string_view, 2> kActions = {"register", "answer-poll"};

std::string_view event_name(const Payload& payload) {
  return std::visit(Overloaded{
                        [](const MeetingAdded&) { return "meeting-added"; },
                        [](const AgendaItemAdded&) { return "agenda-item-added"; },
                        [](const RegistrationsOpened&) { return "registrations-opened"; },
                        [](const Registered&) { return "registered"; },
                        [](const RegistrationCancelled&) { return "registration-cancelled"; },
                        [](const AttendanceRecorded&) { return "attendance-recorded"; },
                        [](const PollAdded&) { return "poll-added"; },
                        [](const PollAnswered&) { return "poll-answered"; },
                        [](const PollClosed&) { return "poll-closed"; },
                        [](const MeetingClosed&) { return "meeting-closed"; },
                    },
                    payload);
}

// A poll's question as the one question of a questionnaire, so the questionnaire layer checks
// the question and each answer.
absl::StatusOr<q::Questionnaire> poll_questionnaire(const q::Question& question) {
  q::Form form;
  form.title = question.body;
  form.questions.push_back(question);
  return q::Questionnaire::create(std::move(form));
}

class Decider {
 public:
  Decider(const ActionContext& context, const State& state) : context_(context), state_(state) {}

  absl::StatusOr<Payload> operator()(MeetingAdded p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("add meetings"));
    PARTICIPA_RETURN_IF_ERROR(check_text("the meeting's title", p.title, kMaxTitle));
    const bool in_room = p.format != Format::kOnline;
    const bool online = p.format != Format::kInPerson;
    if (in_room) {
      PARTICIPA_RETURN_IF_ERROR(check_text("the meeting's address", p.address, kMaxPlace));
    } else if (!p.address.empty()) {
      return absl::InvalidArgumentError("an online meeting has no address");
    }
    if (online) {
      PARTICIPA_RETURN_IF_ERROR(check_text("the meeting's URL", p.url, kMaxPlace));
      if (!p.url.starts_with("https://") && !p.url.starts_with("http://")) {
        return absl::InvalidArgumentError(
            str_cat("the meeting's URL '", p.url, "' is not an http(s) address"));
      }
    } else if (!p.url.empty()) {
      return absl::InvalidArgumentError("a meeting in person has no URL");
    }
    if (p.starts_at == absl::InfinitePast() || p.ends_at == absl::InfinitePast() ||
        p.starts_at == absl::InfiniteFuture() || p.ends_at == absl::InfiniteFuture()) {
      return absl::InvalidArgumentError("a meeting needs a start and an end");
    }
    if (p.ends_at <= p.starts_at) {
      return absl::InvalidArgumentError("a meeting ends after it starts");
    }
    if (p.slots > kMaxSlots) {
      return absl::OutOfRangeError(
          str_cat("a meeting has at most ", kMaxSlots, " slots, not ", p.slots));
    }
    if (p.reserved_slots > p.slots) {
      return absl::InvalidArgumentError(str_cat("the reserved slots (", p.reserved_slots,
                                                ") are more than the slots (", p.slots, ")"));
    }
    if (p.registration_form) {
      if (p.slots == 0) {
        return absl::InvalidArgumentError(
            "a meeting without slots takes no registrations, so it has no registration form");
      }
      PARTICIPA_RETURN_IF_ERROR(q::Questionnaire::create(*p.registration_form).status());
    }
    p.meeting = p.meeting.is_nil() ? MeetingId::random(context_.rng) : p.meeting;
    if (state_.meetings.contains(p.meeting)) {
      return absl::AlreadyExistsError(str_cat("meeting '", p.meeting.to_string(), "' exists"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(AgendaItemAdded p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("set agendas"));
    PARTICIPA_ASSIGN_OR_RETURN(const Meeting* meeting, open_meeting(p.meeting));
    PARTICIPA_RETURN_IF_ERROR(check_text("the agenda item's title", p.title, kMaxTitle));
    if (meeting->agenda.size() >= kMaxAgendaItems) {
      return absl::OutOfRangeError(
          str_cat("a meeting's agenda has at most ", kMaxAgendaItems, " items"));
    }
    if (p.duration <= absl::ZeroDuration()) {
      return absl::InvalidArgumentError("an agenda item lasts some time");
    }
    absl::Duration room = meeting->added.ends_at - meeting->added.starts_at;
    std::string_view within = "the meeting";
    if (!p.parent.is_nil()) {
      auto parent = std::find_if(meeting->agenda.begin(), meeting->agenda.end(),
                                 [&](const AgendaItem& item) { return item.item == p.parent; });
      if (parent == meeting->agenda.end()) {
        return absl::NotFoundError(
            str_cat("agenda item '", p.parent.to_string(), "' is not on this meeting's agenda"));
      }
      if (!parent->parent.is_nil()) {
        return absl::InvalidArgumentError("an agenda nests one level: '" + parent->title +
                                          "' is itself an item of another");
      }
      room = parent->duration;
      within = parent->title;
    }
    absl::Duration taken = absl::ZeroDuration();
    for (const AgendaItem& item : meeting->agenda) {
      if (item.parent == p.parent) taken += item.duration;
    }
    if (taken + p.duration > room) {
      return absl::InvalidArgumentError(str_cat("the agenda item of ",
                                                absl::FormatDuration(p.duration), " does not fit '",
                                                within, "': ", absl::FormatDuration(room - taken),
                                                " of ", absl::FormatDuration(room), " are left"));
    }
    p.item = p.item.is_nil() ? AgendaItemId::random(context_.rng) : p.item;
    for (const auto& [id, other] : state_.meetings) {
      for (const AgendaItem& item : other.agenda) {
        if (item.item == p.item) {
          return absl::AlreadyExistsError(str_cat("agenda item '", p.item.to_string(), "' exists"));
        }
      }
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(RegistrationsOpened p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("open and close registrations"));
    PARTICIPA_ASSIGN_OR_RETURN(const Meeting* meeting, open_meeting(p.meeting));
    if (meeting->added.slots == 0) {
      return absl::FailedPreconditionError("the meeting takes no registrations: it has no slots");
    }
    if (meeting->registrations_open == p.open) {
      return absl::FailedPreconditionError(
          str_cat("registrations are already ", p.open ? "open" : "closed"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(Registered p) {
    if (context_.is_visitor()) {
      return absl::FailedPreconditionError("a registration is a participant's");
    }
    PARTICIPA_ASSIGN_OR_RETURN(const Meeting* meeting, open_meeting(p.meeting));
    if (!meeting->registrations_open) {
      return absl::FailedPreconditionError("registrations for this meeting are not open");
    }
    if (context_.now >= meeting->added.ends_at) {
      return absl::FailedPreconditionError("the meeting has ended");
    }
    if (p.reserved && context_.actor.channel == space::Channel::kOnline) {
      return absl::PermissionDeniedError(
          "a reserved slot is given by an admin or user manager recording the registration");
    }
    if (meeting->registrations.contains(context_.actor.participant)) {
      return absl::AlreadyExistsError("the participant is already registered for this meeting");
    }
    if (meeting->added.registration_form) {
      PARTICIPA_ASSIGN_OR_RETURN(q::Questionnaire form,
                                 q::Questionnaire::create(*meeting->added.registration_form));
      std::vector<q::Problem> problems = q::validate(form, p.answers);
      if (!problems.empty()) {
        return absl::InvalidArgumentError(
            str_cat("the registration form's answers: ", q::describe(problems)));
      }
    } else if (!p.answers.answers.empty()) {
      return absl::InvalidArgumentError("the meeting has no registration form to answer");
    }
    PARTICIPA_RETURN_IF_ERROR(context_.authorize("register"));
    std::set<std::string_view> taken;
    for (const auto& [who, registration] : meeting->registrations) taken.insert(registration.code);
    if (context_.recorded) {
      if (p.code.size() != kCodeLength || taken.contains(p.code) ||
          p.code.find_first_not_of(kCodeAlphabet) != std::string::npos) {
        return absl::InvalidArgumentError("the recorded registration code does not fit");
      }
      return p;
    }
    if (!p.code.empty()) {
      return absl::InvalidArgumentError("a registration code is drawn, not given");
    }
    do {
      p.code.clear();
      for (std::size_t i = 0; i < kCodeLength; ++i) {
        p.code +=
            kCodeAlphabet[context_.rng.uniform(static_cast<std::uint32_t>(kCodeAlphabet.size()))];
      }
    } while (taken.contains(p.code));
    return p;
  }

  absl::StatusOr<Payload> operator()(RegistrationCancelled p) {
    if (context_.is_visitor()) {
      return absl::FailedPreconditionError("a registration is a participant's");
    }
    PARTICIPA_ASSIGN_OR_RETURN(const Meeting* meeting, open_meeting(p.meeting));
    if (p.participant.is_nil()) p.participant = context_.actor.participant;
    if (p.participant != context_.actor.participant && !is_staff()) {
      return absl::PermissionDeniedError(
          "only an admin or user manager cancels another participant's registration");
    }
    if (!meeting->registrations.contains(p.participant)) {
      return absl::NotFoundError("the participant is not registered for this meeting");
    }
    if (meeting->attendees.contains(p.participant)) {
      return absl::FailedPreconditionError("the participant has attended the meeting");
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(AttendanceRecorded p) {
    if (context_.is_visitor()) {
      return absl::FailedPreconditionError("attendance is recorded by a participant");
    }
    PARTICIPA_ASSIGN_OR_RETURN(const Meeting* meeting, open_meeting(p.meeting));
    const MeetingAdded& added = meeting->added;
    if (context_.now < added.starts_at - kDoorsOpen || context_.now > added.ends_at) {
      return absl::FailedPreconditionError(
          "attendance is recorded from an hour before the meeting starts until it ends");
    }
    const bool in_room = p.presence == Presence::kInPerson;
    if (in_room && added.format == Format::kOnline) {
      return absl::FailedPreconditionError("the meeting is online only");
    }
    if (!in_room && added.format == Format::kInPerson) {
      return absl::FailedPreconditionError("the meeting is in person only");
    }
    ParticipantId attendee;
    if (in_room) {
      if (!is_staff()) {
        return absl::PermissionDeniedError(
            "attendance in the room is recorded at the door by an admin or user manager");
      }
      if (added.slots > 0) {
        if (!p.participant.is_nil() && !context_.recorded) {
          return absl::InvalidArgumentError(
              "the meeting takes registrations: attendance is checked by the code");
        }
        auto found = std::find_if(
            meeting->registrations.begin(), meeting->registrations.end(),
            [&](const auto& entry) { return !p.code.empty() && entry.second.code == p.code; });
        if (found == meeting->registrations.end()) {
          return absl::NotFoundError(str_cat("no registration has the code '", p.code, "'"));
        }
        attendee = found->first;
      } else {
        if (!p.code.empty()) {
          return absl::InvalidArgumentError("the meeting takes no registrations, so no codes");
        }
        attendee = p.participant;
        if (context_.organization.participant(attendee) == nullptr) {
          return absl::NotFoundError(
              str_cat("participant '", attendee.to_string(), "' does not exist"));
        }
      }
    } else {
      if (!p.code.empty()) {
        return absl::InvalidArgumentError("an online attendee gives no code");
      }
      if (context_.actor.channel != space::Channel::kOnline) {
        return absl::InvalidArgumentError("online attendance is the attendee's own, online");
      }
      attendee = context_.actor.participant;
      if (!p.participant.is_nil() && p.participant != attendee && !context_.recorded) {
        return absl::InvalidArgumentError("online attendance is the attendee's own");
      }
      if (added.slots > 0 && !meeting->registrations.contains(attendee)) {
        return absl::FailedPreconditionError(
            "the meeting takes registrations: the participant is not registered");
      }
    }
    if (p.participant != attendee && !p.participant.is_nil()) {
      return absl::InvalidArgumentError("the recorded attendee is not the code's");
    }
    auto registration = meeting->registrations.find(attendee);
    if (registration != meeting->registrations.end() && registration->second.waiting) {
      return absl::FailedPreconditionError(
          "the registration is on the waiting list and holds no place");
    }
    if (meeting->attendees.contains(attendee)) {
      return absl::AlreadyExistsError("the participant's attendance is already recorded");
    }
    p.participant = attendee;
    return p;
  }

  absl::StatusOr<Payload> operator()(PollAdded p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("add polls"));
    PARTICIPA_ASSIGN_OR_RETURN(const Meeting* meeting, open_meeting(p.meeting));
    if (p.question.type != q::QuestionType::kSingleOption &&
        p.question.type != q::QuestionType::kMultipleOption) {
      return absl::InvalidArgumentError(
          "a live poll asks a single-option or multiple-option question");
    }
    if (!p.question.conditions.empty()) {
      return absl::InvalidArgumentError("a live poll's question has no display conditions");
    }
    PARTICIPA_RETURN_IF_ERROR(poll_questionnaire(p.question).status());
    if (meeting->polls.size() >= kMaxPolls) {
      return absl::OutOfRangeError(str_cat("a meeting has at most ", kMaxPolls, " polls"));
    }
    p.poll = p.poll.is_nil() ? MeetingPollId::random(context_.rng) : p.poll;
    for (const auto& [id, other] : state_.meetings) {
      if (other.polls.contains(p.poll)) {
        return absl::AlreadyExistsError(str_cat("poll '", p.poll.to_string(), "' exists"));
      }
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(PollAnswered p) {
    if (context_.is_visitor()) {
      return absl::FailedPreconditionError("a poll is answered by the meeting's attendees");
    }
    PARTICIPA_ASSIGN_OR_RETURN(const Meeting* meeting, open_meeting(p.meeting));
    PARTICIPA_ASSIGN_OR_RETURN(const Poll* poll, find_poll(*meeting, p.poll));
    if (poll->closed) return absl::FailedPreconditionError("the poll is closed");
    const ParticipantId who = context_.actor.participant;
    if (!meeting->attendees.contains(who)) {
      return absl::FailedPreconditionError(
          "only the meeting's attendees answer its polls: the participant's attendance is not "
          "recorded");
    }
    if (poll->answers.contains(who)) {
      return absl::AlreadyExistsError("the participant has answered this poll");
    }
    PARTICIPA_ASSIGN_OR_RETURN(q::Questionnaire form, poll_questionnaire(poll->question));
    q::Response response;
    response.answers.push_back(p.answer);
    std::vector<q::Problem> problems = q::validate(form, response);
    if (!problems.empty()) {
      return absl::InvalidArgumentError(str_cat("the poll's answer: ", q::describe(problems)));
    }
    if (!p.answer.given()) return absl::InvalidArgumentError("the poll's answer chooses nothing");
    PARTICIPA_RETURN_IF_ERROR(context_.authorize("answer-poll"));
    return p;
  }

  absl::StatusOr<Payload> operator()(PollClosed p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("close polls"));
    PARTICIPA_ASSIGN_OR_RETURN(const Meeting* meeting, open_meeting(p.meeting));
    PARTICIPA_ASSIGN_OR_RETURN(const Poll* poll, find_poll(*meeting, p.poll));
    if (poll->closed) return absl::FailedPreconditionError("the poll is already closed");
    return p;
  }

  absl::StatusOr<Payload> operator()(MeetingClosed p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("close meetings"));
    PARTICIPA_ASSIGN_OR_RETURN(const Meeting* meeting, open_meeting(p.meeting));
    if (context_.now < meeting->added.starts_at) {
      return absl::FailedPreconditionError("a meeting is closed once it has started");
    }
    PARTICIPA_RETURN_IF_ERROR(check_text("the closing report", p.report, kMaxReport));
    if (p.organizations.size() > kMaxOrganizations) {
      return absl::OutOfRangeError(
          str_cat("a report names at most ", kMaxOrganizations, " organisations"));
    }
    std::set<std::string> organizations;
    for (const std::string& name : p.organizations) {
      PARTICIPA_RETURN_IF_ERROR(check_text("an organisation's name", name, kMaxTitle));
      if (!organizations.insert(name).second) {
        return absl::InvalidArgumentError(str_cat("organisation '", name, "' is named twice"));
      }
    }
    if (p.proposals.size() > kMaxLinkedProposals) {
      return absl::OutOfRangeError(
          str_cat("a report links at most ", kMaxLinkedProposals, " proposals"));
    }
    std::set<ProposalId> linked;
    for (ProposalId proposal : p.proposals) {
      if (!linked.insert(proposal).second) {
        return absl::InvalidArgumentError(
            str_cat("proposal '", proposal.to_string(), "' is linked twice"));
      }
      if (!in_space(proposal)) {
        return absl::NotFoundError(
            str_cat("proposal '", proposal.to_string(), "' is not a proposal of this space"));
      }
    }
    return p;
  }

 private:
  absl::Status require_admin(std::string_view what) const {
    if (context_.is_visitor() || !context_.is_admin()) {
      return absl::FailedPreconditionError(str_cat("only an admin of the space may ", what));
    }
    return absl::OkStatus();
  }

  // is_staff — an admin, or a user manager of the organization (who records for others).
  bool is_staff() const {
    if (context_.is_admin()) return true;
    const space::Participant* who = context_.organization.participant(context_.actor.participant);
    return who != nullptr && who->role == space::OrganizationRole::kUserManager;
  }

  // open_meeting — the meeting, NotFound when absent, FailedPrecondition once it is closed.
  absl::StatusOr<const Meeting*> open_meeting(MeetingId id) const {
    auto found = state_.meetings.find(id);
    if (found == state_.meetings.end()) {
      return absl::NotFoundError(str_cat("meeting '", id.to_string(), "' does not exist"));
    }
    if (found->second.closing) {
      return absl::FailedPreconditionError(
          str_cat("meeting '", found->second.added.title, "' is closed"));
    }
    return &found->second;
  }

  static absl::StatusOr<const Poll*> find_poll(const Meeting& meeting, MeetingPollId id) {
    auto found = meeting.polls.find(id);
    if (found == meeting.polls.end()) {
      return absl::NotFoundError(str_cat("poll '", id.to_string(), "' is not this meeting's"));
    }
    return &found->second;
  }

  bool in_space(ProposalId proposal) const {
    for (ComponentId id : context_.space.components) {
      absl::StatusOr<const proposals::State*> state =
          proposals::state_of(context_.organization, id);
      if (state.ok() && (*state)->proposals.contains(proposal)) return true;
    }
    return false;
  }

  const ActionContext& context_;
  const State& state_;
};

class Evolver {
 public:
  Evolver(State& state, const EventContext& context) : state_(state), context_(context) {}

  absl::Status operator()(const MeetingAdded& p) {
    if (p.meeting.is_nil() || state_.meetings.contains(p.meeting)) {
      return absl::DataLossError("the meeting exists");
    }
    state_.meetings.emplace(p.meeting, Meeting{.added = p});
    state_.added.push_back(p.meeting);
    return absl::OkStatus();
  }
  absl::Status operator()(const AgendaItemAdded& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Meeting * meeting, find(p.meeting));
    meeting->agenda.push_back({p.item, p.parent, p.title, p.duration});
    return absl::OkStatus();
  }
  absl::Status operator()(const RegistrationsOpened& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Meeting * meeting, find(p.meeting));
    meeting->registrations_open = p.open;
    return absl::OkStatus();
  }
  absl::Status operator()(const Registered& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Meeting * meeting, find(p.meeting));
    const ParticipantId who = context_.event.actor.participant;
    if (who.is_nil() || meeting->registrations.contains(who) || p.code.empty()) {
      return absl::DataLossError("the registration does not fit the record");
    }
    Registration registration{.participant = who,
                              .code = p.code,
                              .reserved = false,
                              .waiting = false,
                              .registered_at = context_.event.time,
                              .recorded_by = context_.event.actor.recorded_by,
                              .answers = p.answers};
    const MeetingAdded& added = meeting->added;
    if (p.reserved && meeting->confirmed(true) < added.reserved_slots) {
      registration.reserved = true;
    } else if (meeting->confirmed(false) >= added.slots - added.reserved_slots) {
      registration.waiting = true;
      meeting->waiting_list.push_back(who);
    }
    meeting->registrations.emplace(who, std::move(registration));
    return absl::OkStatus();
  }
  absl::Status operator()(const RegistrationCancelled& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Meeting * meeting, find(p.meeting));
    auto found = meeting->registrations.find(p.participant);
    if (found == meeting->registrations.end()) {
      return absl::DataLossError("the cancelled registration does not exist");
    }
    const Registration cancelled = found->second;
    meeting->registrations.erase(found);
    std::erase(meeting->waiting_list, p.participant);
    // A freed open slot goes to the first who waits; a reserved one stays reserved.
    if (!cancelled.waiting && !cancelled.reserved && !meeting->waiting_list.empty()) {
      meeting->registrations.at(meeting->waiting_list.front()).waiting = false;
      meeting->waiting_list.erase(meeting->waiting_list.begin());
    }
    return absl::OkStatus();
  }
  absl::Status operator()(const AttendanceRecorded& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Meeting * meeting, find(p.meeting));
    if (p.participant.is_nil() || !meeting->attendees.emplace(p.participant, p.presence).second) {
      return absl::DataLossError("the attendance does not fit the record");
    }
    return absl::OkStatus();
  }
  absl::Status operator()(const PollAdded& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Meeting * meeting, find(p.meeting));
    if (p.poll.is_nil() || !meeting->polls.emplace(p.poll, Poll{.question = p.question}).second) {
      return absl::DataLossError("the poll exists");
    }
    meeting->poll_order.push_back(p.poll);
    return absl::OkStatus();
  }
  absl::Status operator()(const PollAnswered& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Meeting * meeting, find(p.meeting));
    auto poll = meeting->polls.find(p.poll);
    if (poll == meeting->polls.end() ||
        !poll->second.answers.emplace(context_.event.actor.participant, p.answer).second) {
      return absl::DataLossError("the poll's answer does not fit the record");
    }
    return absl::OkStatus();
  }
  absl::Status operator()(const PollClosed& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Meeting * meeting, find(p.meeting));
    auto poll = meeting->polls.find(p.poll);
    if (poll == meeting->polls.end()) return absl::DataLossError("the poll does not exist");
    poll->second.closed = true;
    return absl::OkStatus();
  }
  absl::Status operator()(const MeetingClosed& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Meeting * meeting, find(p.meeting));
    meeting->closing = p;
    return absl::OkStatus();
  }

 private:
  absl::StatusOr<Meeting*> find(MeetingId id) {
    auto found = state_.meetings.find(id);
    if (found == state_.meetings.end()) {
      return absl::DataLossError(str_cat("meeting '", id.to_string(), "' does not exist"));
    }
    return &found->second;
  }

  State& state_;
  const EventContext& context_;
};

class Kind final : public space::TypedKind<Payload, State> {
 public:
  std::string_view name() const override { return kKind; }
  std::span<const SettingSpec> settings() const override { return {}; }
  std::span<const std::string_view> actions() const override { return kActions; }
  std::string_view name_of_payload(const Payload& payload) const override {
    return event_name(payload);
  }
  absl::StatusOr<Payload> decide_payload(const ActionContext& context, const State& state,
                                         const Payload& payload) const override {
    return std::visit(Decider(context, state), payload);
  }
  absl::Status evolve_payload(State& state, const EventContext& context,
                              const Payload& payload) const override {
    return std::visit(Evolver(state, context), payload);
  }
};

}  // namespace

std::uint32_t Meeting::confirmed(bool reserved) const {
  std::uint32_t count = 0;
  for (const auto& [who, registration] : registrations) {
    if (!registration.waiting && registration.reserved == reserved) ++count;
  }
  return count;
}

void register_kind() {
  static std::once_flag once;
  std::call_once(once, [] {
    absl::Status registered = space::register_component_kind(std::make_shared<Kind>());
    PARTICIPA_DCHECK(registered.ok());
    (void)registered;
  });
}

absl::StatusOr<const State*> state_of(const space::Organization& organization,
                                      ComponentId component) {
  return space::state_as<State>(organization, component, kKind);
}

absl::StatusOr<std::vector<std::uint64_t>> poll_results(const Meeting& meeting,
                                                        MeetingPollId poll) {
  auto found = meeting.polls.find(poll);
  if (found == meeting.polls.end()) {
    return absl::NotFoundError(str_cat("poll '", poll.to_string(), "' is not this meeting's"));
  }
  std::vector<std::uint64_t> counts(found->second.question.options.size(), 0);
  for (const auto& [who, answer] : found->second.answers) {
    for (const q::Choice& choice : answer.choices) {
      if (choice.option < counts.size()) ++counts[choice.option];
    }
  }
  return counts;
}

}  // namespace participa::components::meetings
