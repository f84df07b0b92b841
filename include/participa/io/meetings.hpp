// participa/io/meetings.hpp — a meeting as its public page shows it, as JSON: for exports,
// `participa meetings` and result pages.
//
// The document holds what anyone may learn of a held meeting and nothing about a person: no
// participant, registration code or registration answer. An open poll shows how many answered
// but not what, as an open poll's answers stay hidden until it closes.
//
//   {"kind": "meeting", "meeting", "title", "format" (in-person, online or hybrid), "address",
//    "url", "starts_at", "ends_at",
//    "agenda": [{"title", "minutes", "items": [{"title", "minutes"}]}],
//    "registrations": {"slots", "reserved_slots", "confirmed", "reserved_confirmed", "waiting"}
//                     or null when the meeting takes none,
//    "attendance": {"in_person", "online"} (attendance recorded),
//    "polls": [{"title", "multiple", "closed", "answered",
//               "options": [{"option", "answers" (null while the poll is open)}]}],
//    "closing": {"report", "attendees_count", "contributions_count", "organizations",
//                "proposals": [ids]} or null}
// Times are UTC, as 2027-03-01T09:00:00Z; texts in their default language.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "participa/components/meetings/meetings.hpp"

namespace participa::io {

absl::StatusOr<std::string> meeting_to_json(const components::meetings::Meeting& meeting);

}  // namespace participa::io
