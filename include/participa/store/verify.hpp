// participa/store/verify.hpp — checks a record from its first event to its last.
//
// `verify` recomputes the hash chain, decodes every event, and replays the record twice over:
// each event must apply to the state before it (`space::evolve`), and each must be what
// `space::decide` makes of it at its time and by its actor — so a record rewritten with a
// recomputed chain but holding an action the rules refuse (a vote past the limit, an
// unauthorized grant) is caught too. Modified, inserted, deleted and reordered records are
// reported at the first bad sequence. Every stored snapshot must equal, byte for byte, the
// state the replay reaches at its sequence (a snapshot that differs is reported at that
// sequence).
//
// What the chain cannot show on its own is a record rebuilt from its start with only legal
// actions: publish the head hash (`VerifyReport::head`) where others keep it and compare.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "participa/core/digest.hpp"
#include "participa/store/event_store.hpp"

namespace participa::store {

struct BadRecord {
  std::uint64_t sequence = 0;  // the stored row's sequence (or the one expected there)
  std::string reason;
};

struct VerifyReport {
  std::uint64_t events = 0;     // events checked good
  std::uint64_t snapshots = 0;  // snapshots checked good
  Digest head;                  // chain hash of the last good event
  std::optional<BadRecord> first_bad;
  bool ok() const { return !first_bad; }
};

// verify — an error only when the store cannot be read at all.
absl::StatusOr<VerifyReport> verify(EventStore& store);

}  // namespace participa::store
