#include "participa/store/verify.hpp"

#include <deque>

#include "participa/core/strings.hpp"
#include "participa/io/record.hpp"
#include "participa/io/snapshot.hpp"
#include "participa/space/record.hpp"
#include "participa/store/ledger.hpp"

namespace participa::store {
namespace {

// A status that stops the scan at the first bad record; its message is the reason.
constexpr char kStop[] = "participa-verify-stop";

}  // namespace

absl::StatusOr<VerifyReport> verify(EventStore& store) {
  register_builtin_kinds();
  std::deque<StoredSnapshot> snapshots;
  absl::Status listed = store.scan_snapshots(false, [&](StoredSnapshot&& snapshot) {
    snapshots.push_back(std::move(snapshot));
    return absl::OkStatus();
  });
  if (!listed.ok()) return listed;
  VerifyReport report;
  space::Organization state;
  Digest head;
  auto bad = [&](std::uint64_t sequence, std::string reason) {
    report.first_bad = BadRecord{sequence, std::move(reason)};
    return absl::CancelledError(kStop);
  };
  absl::Status scanned = store.scan(0, [&](StoredEvent&& stored) -> absl::Status {
    std::uint64_t expected = report.events + 1;
    if (stored.sequence != expected) {
      return bad(expected, str_cat("event ", expected, " is missing (the next row is ",
                                   stored.sequence, ")"));
    }
    if (chain_hash(head, stored.bytes) != stored.hash) {
      return bad(expected, "the bytes do not match the chain hash (altered, inserted or moved)");
    }
    absl::StatusOr<space::Event> event = io::decode_event(stored.bytes);
    if (!event.ok()) return bad(expected, std::string(event.status().message()));
    if (event->sequence != expected) {
      return bad(expected, str_cat("the row holds event ", event->sequence));
    }
    if (event->idempotency_key != stored.idempotency_key) {
      return bad(expected, "the row's idempotency key differs from the event's");
    }
    space::Command command{event->actor, event->idempotency_key, event->body};
    absl::StatusOr<space::Event> decided =
        space::decide(state, command, event->time, /*recorded=*/true);
    if (!decided.ok()) {
      return bad(expected, str_cat("the rules refuse it: ", decided.status().message()));
    }
    decided->command_digest = event->command_digest;
    absl::StatusOr<std::string> again = io::encode_event(*decided);
    if (!again.ok() || *again != stored.bytes) {
      return bad(expected, "the rules would have recorded it differently");
    }
    absl::Status applied = space::evolve(state, *event);
    if (!applied.ok()) return bad(expected, std::string(applied.message()));
    head = stored.hash;
    ++report.events;
    if (!snapshots.empty() && snapshots.front().sequence == expected) {
      absl::StatusOr<std::string> replayed = io::encode_snapshot(state);
      if (snapshots.front().head != head || !replayed.ok() ||
          *replayed != snapshots.front().bytes) {
        --report.events;
        return bad(expected, "the snapshot after this event differs from its replay");
      }
      ++report.snapshots;
      snapshots.pop_front();
    }
    return absl::OkStatus();
  });
  if (!scanned.ok() &&
      !(scanned.code() == absl::StatusCode::kCancelled && scanned.message() == kStop)) {
    return scanned;
  }
  if (report.ok() && !snapshots.empty()) {
    report.first_bad = BadRecord{snapshots.front().sequence,
                                 "a snapshot is stored after an event the record does not hold"};
  }
  report.head = head;
  return report;
}

}  // namespace participa::store
