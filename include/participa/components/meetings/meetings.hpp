// participa/components/meetings/meetings.hpp — the meetings component: meetings held in a room,
// online or both, with an agenda, registrations, attendance, live polls and a closing report.
//
// Register once with `register_kind()` (the `Ledger` does it). A space admin adds a meeting —
// its format (an address in the room, a URL online, both when hybrid), start and end — and
// its agenda: items with durations, nested one level, whose durations fit the meeting (the
// items of the top level sum to at most the meeting's length, an item's children to at most
// its own duration).
//
// Registrations: a meeting with `slots` takes registrations while they are open and it has not
// ended. `reserved_slots` of them are kept for people an admin or user manager registers (in
// person or mediated); the others go to whoever registers first. Beyond the slots a
// registration joins the waiting list; when a confirmed registration is cancelled, the first
// on the list takes its place (a freed reserved slot stays reserved). Each registration gets a
// code, shown at the door; the registration form, when the meeting has one, is a questionnaire
// (questionnaire/form.hpp) and the answers are checked against it.
//
// Attendance: in the room, an admin or user manager records it from the code (from the
// participant when the meeting takes no registrations); online, the participant records their
// own, during the meeting. Either from an hour before the start to the end, once per person; a
// waiting registration does not attend.
//
// Live polls: an admin adds a single or multiple option question; the meeting's attendees
// answer once each while the poll is open, and `poll_results` counts each option (a
// multiple-option answer counts once for each option chosen, never as a combination).
//
// Closing: an admin closes a meeting once it has started, with a report, the number of people
// present (the room is counted, not only the record), the number of contributions, the
// organisations that took part and the proposals it produced; a closed meeting takes nothing.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "participa/components/proposals/ids.hpp"
#include "participa/core/names.hpp"
#include "participa/questionnaire/form.hpp"
#include "participa/questionnaire/response.hpp"
#include "participa/space/ids.hpp"
#include "participa/space/organization.hpp"

namespace participa {
using MeetingId = Id<struct MeetingTag>;
using AgendaItemId = Id<struct AgendaItemTag>;
using MeetingPollId = Id<struct MeetingPollTag>;
}  // namespace participa

namespace participa::components::meetings {

inline constexpr std::string_view kKind = "meetings";

enum class Format { kInPerson, kOnline, kHybrid };
inline constexpr std::array<Named<Format>, 3> kFormatNames = {{
    {Format::kInPerson, "in-person"},
    {Format::kOnline, "online"},
    {Format::kHybrid, "hybrid"},
}};

// Presence — how an attendee took part.
enum class Presence { kInPerson, kOnline };
inline constexpr std::array<Named<Presence>, 2> kPresenceNames = {{
    {Presence::kInPerson, "in-person"},
    {Presence::kOnline, "online"},
}};

// Limits that bound one meeting's size in the record.
inline constexpr std::uint32_t kMaxSlots = 100000;
inline constexpr std::size_t kMaxAgendaItems = 200;
inline constexpr std::size_t kMaxPolls = 100;
inline constexpr std::size_t kMaxOrganizations = 100;
inline constexpr std::size_t kMaxLinkedProposals = 1000;

// MeetingAdded — `slots` 0: the meeting takes no registrations. The form, when given, must be
// a valid questionnaire.
struct MeetingAdded {
  MeetingId meeting{};
  std::string title{};
  Format format = Format::kInPerson;
  std::string address{};
  std::string url{};
  absl::Time starts_at = absl::InfinitePast();
  absl::Time ends_at = absl::InfinitePast();
  std::uint32_t slots = 0;
  std::uint32_t reserved_slots = 0;
  std::optional<questionnaire::Form> registration_form{};
  friend bool operator==(const MeetingAdded&, const MeetingAdded&) = default;
};

// AgendaItemAdded — `parent` nil for an item of the top level; otherwise an item of the top
// level. Items are listed in the order they were added.
struct AgendaItemAdded {
  MeetingId meeting{};
  AgendaItemId item{};
  AgendaItemId parent{};
  std::string title{};
  absl::Duration duration = absl::ZeroDuration();
  friend bool operator==(const AgendaItemAdded&, const AgendaItemAdded&) = default;
};

struct RegistrationsOpened {
  MeetingId meeting{};
  bool open = true;
  friend bool operator==(const RegistrationsOpened&, const RegistrationsOpened&) = default;
};

// Registered — the actor's participant registers, with the form's answers; `reserved` asks for
// a reserved slot (only when an admin or user manager records it). The code is drawn when the
// command is decided: a new command brings none.
struct Registered {
  MeetingId meeting{};
  questionnaire::Response answers{};
  bool reserved = false;
  std::string code{};
  friend bool operator==(const Registered&, const Registered&) = default;
};

// RegistrationCancelled — the participant's own, or anyone's by an admin or user manager.
struct RegistrationCancelled {
  MeetingId meeting{};
  ParticipantId participant{};
  friend bool operator==(const RegistrationCancelled&, const RegistrationCancelled&) = default;
};

// AttendanceRecorded — in person: `code` (or `participant` when the meeting takes no
// registrations); online: neither, the actor attends. The participant is filled in when the
// command is decided.
struct AttendanceRecorded {
  MeetingId meeting{};
  Presence presence = Presence::kInPerson;
  std::string code{};
  ParticipantId participant{};
  friend bool operator==(const AttendanceRecorded&, const AttendanceRecorded&) = default;
};

// PollAdded — `question` is a single-option or multiple-option question.
struct PollAdded {
  MeetingId meeting{};
  MeetingPollId poll{};
  questionnaire::Question question{};
  friend bool operator==(const PollAdded&, const PollAdded&) = default;
};

struct PollAnswered {
  MeetingId meeting{};
  MeetingPollId poll{};
  questionnaire::Answer answer{};
  friend bool operator==(const PollAnswered&, const PollAnswered&) = default;
};

struct PollClosed {
  MeetingId meeting{};
  MeetingPollId poll{};
  friend bool operator==(const PollClosed&, const PollClosed&) = default;
};

// MeetingClosed — the closing report. `proposals` are proposals of the meeting's space.
struct MeetingClosed {
  MeetingId meeting{};
  std::string report{};
  std::uint32_t attendees_count = 0;
  std::uint32_t contributions_count = 0;
  std::vector<std::string> organizations{};
  std::vector<ProposalId> proposals{};
  friend bool operator==(const MeetingClosed&, const MeetingClosed&) = default;
};

using Payload = std::variant<MeetingAdded, AgendaItemAdded, RegistrationsOpened, Registered,
                             RegistrationCancelled, AttendanceRecorded, PollAdded, PollAnswered,
                             PollClosed, MeetingClosed>;

struct AgendaItem {
  AgendaItemId item{};
  AgendaItemId parent{};
  std::string title{};
  absl::Duration duration = absl::ZeroDuration();
  friend bool operator==(const AgendaItem&, const AgendaItem&) = default;
};

// Registration — `waiting` until a slot is theirs; `registered_at` orders the waiting list.
struct Registration {
  ParticipantId participant{};
  std::string code{};
  bool reserved = false;
  bool waiting = false;
  absl::Time registered_at = absl::InfinitePast();
  ParticipantId recorded_by{};
  questionnaire::Response answers{};
  friend bool operator==(const Registration&, const Registration&) = default;
};

struct Poll {
  questionnaire::Question question{};
  std::map<ParticipantId, questionnaire::Answer> answers{};
  bool closed = false;
  friend bool operator==(const Poll&, const Poll&) = default;
};

struct Meeting {
  MeetingAdded added{};
  std::vector<AgendaItem> agenda{};
  bool registrations_open = false;
  std::map<ParticipantId, Registration> registrations{};
  // The waiting registrations, first come first.
  std::vector<ParticipantId> waiting_list{};
  std::map<ParticipantId, Presence> attendees{};
  std::map<MeetingPollId, Poll> polls{};
  std::vector<MeetingPollId> poll_order{};
  std::optional<MeetingClosed> closing{};

  // confirmed(reserved) — registrations holding a slot, of the reserved kind or the other.
  std::uint32_t confirmed(bool reserved) const;
  friend bool operator==(const Meeting&, const Meeting&) = default;
};

struct State {
  std::map<MeetingId, Meeting> meetings{};
  std::vector<MeetingId> added{};
  friend bool operator==(const State&, const State&) = default;
};

void register_kind();

absl::StatusOr<const State*> state_of(const space::Organization& organization,
                                      ComponentId component);

// poll_results — how many attendees chose each option, by option position. NotFound for a
// poll the meeting does not hold.
absl::StatusOr<std::vector<std::uint64_t>> poll_results(const Meeting& meeting, MeetingPollId poll);

}  // namespace participa::components::meetings
