// participa/components/debates/debates.hpp — the debates component: conversations on a question,
// opened by the city (official) or by participants, commented while they are open and closed
// with conclusions.
//
// Register once with `register_kind()` (the `Ledger` does it). A space admin opens an official
// debate; participants open their own while the phase's setting `creation_enabled` allows it.
// A debate may have a window (a start and an end): comments are taken only within it, from the
// start to the end inclusive; a debate without one is open until it is closed. The author of a
// participant's debate or an admin closes it with conclusions (the outcome people asked for);
// a closed debate takes no comment, and an admin may close it again to amend the conclusions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "participa/space/ids.hpp"
#include "participa/space/organization.hpp"

namespace participa {
using DebateId = Id<struct DebateTag>;
using DebateCommentId = Id<struct DebateCommentTag>;
}  // namespace participa

namespace participa::components::debates {

inline constexpr std::string_view kKind = "debates";

// DebateOpened — `official` is decided (an admin's debate is official), never given; a window
// has both ends or neither.
struct DebateOpened {
  DebateId debate{};
  std::string title{};
  std::string description{};
  std::optional<absl::Time> starts_at{};
  std::optional<absl::Time> ends_at{};
  bool official = false;
  friend bool operator==(const DebateOpened&, const DebateOpened&) = default;
};

struct DebateCommented {
  DebateId debate{};
  DebateCommentId comment{};
  std::string body{};
  friend bool operator==(const DebateCommented&, const DebateCommented&) = default;
};

struct DebateClosed {
  DebateId debate{};
  std::string conclusions{};
  friend bool operator==(const DebateClosed&, const DebateClosed&) = default;
};

using Payload = std::variant<DebateOpened, DebateCommented, DebateClosed>;

struct Comment {
  DebateCommentId id{};
  ParticipantId author{};
  std::string body{};
  absl::Time at = absl::InfinitePast();
  friend bool operator==(const Comment&, const Comment&) = default;
};

struct Debate {
  DebateOpened opened{};
  ParticipantId author{};
  // In the order they were made.
  std::vector<Comment> comments{};
  std::optional<std::string> conclusions{};
  std::optional<absl::Time> closed_at{};
  friend bool operator==(const Debate&, const Debate&) = default;
};

struct State {
  std::map<DebateId, Debate> debates{};
  std::vector<DebateId> added{};
  friend bool operator==(const State&, const State&) = default;
};

void register_kind();

absl::StatusOr<const State*> state_of(const space::Organization& organization,
                                      ComponentId component);

}  // namespace participa::components::debates
