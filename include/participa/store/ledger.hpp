// participa/store/ledger.hpp — an organization's state kept in step with its record.
//
// A `Ledger` opens a store, replays its record into an `Organization`, and then executes
// commands: each is decided against the current state (space/record.hpp), appended to the
// store with its chain hash, and applied. `execute` is safe to call from many threads:
// commands that arrive together are decided one after another and committed in one
// transaction (group commit), so durable throughput does not pay one disk flush per vote.
// A command is acknowledged — `execute` returns its receipt — only after its transaction
// committed; if the commit fails, every command of that transaction gets the error and the
// state is rebuilt from the store, so nothing acknowledged is lost and nothing unacknowledged
// shows.
//
// Idempotency: a command whose key was used before gets the first receipt back when its
// digest (io::command_digest) matches, AlreadyExists when it does not.
//
// Snapshots: `snapshot()` stores the current state beside the record; `open` starts from the
// last snapshot and applies only the events after it (checking that they chain from the
// snapshot's head), so opening takes time in the events since the last snapshot. A snapshot
// is trusted as a cache when opening; `verify` checks every snapshot against its replay.
//
// Opening registers the built-in component kinds (proposals, surveys, budgets, elections,
// workshops, sortitions); a platform registers its own kinds, and surveys with its vendor question
// types, before it opens a ledger.
//
// Time comes from the clock the ledger is given (the system clock by default); ids from the
// organization's seeded generator. Several processes may share one SQLite file: every
// transaction first applies what others appended.
//
//   auto ledger = participa::store::Ledger::open(*participa::store::open_sqlite_store("city.db"));
//   absl::StatusOr<Receipt> r = (*ledger)->execute(command);
//   (*ledger)->read([](const space::Organization& o) { ... });
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "participa/core/digest.hpp"
#include "participa/space/organization.hpp"
#include "participa/space/record.hpp"
#include "participa/store/event_store.hpp"

namespace participa::store {

using Clock = std::function<absl::Time()>;

// register_builtin_kinds — registers the component kinds participa ships (proposals, surveys,
// budgets, elections, workshops, sortitions); `Ledger::open` and `verify` call it, as must anything
// that folds a record without them. Later calls do nothing.
void register_builtin_kinds();

// Receipt — what an accepted command became.
struct Receipt {
  space::Event event;     // with the ids the organization assigned
  Digest hash;            // its chain hash
  bool repeated = false;  // true when answered from the idempotency key
};

class Ledger {
 public:
  // open — loads the last snapshot, if any, and replays the events after it; DataLoss naming
  // the first event that does not decode, chain or fit, or a snapshot that does not decode
  // or does not end where the record says. Registers the built-in component kinds.
  static absl::StatusOr<std::unique_ptr<Ledger>> open(std::unique_ptr<EventStore> store,
                                                      Clock clock = {});

  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;
  ~Ledger();

  absl::StatusOr<Receipt> execute(space::Command command);
  // execute_all — the commands in order, committed together where they arrive together;
  // one outcome per command.
  std::vector<absl::StatusOr<Receipt>> execute_all(std::vector<space::Command> commands);

  // read — calls `f` with the current state, which no command changes meanwhile.
  template <class F>
  auto read(F&& f) const {
    std::shared_lock lock(state_mutex_);
    return f(state_);
  }
  std::uint64_t sequence() const;
  Digest head() const;
  // snapshot — stores the current state as a snapshot; returns the sequence it was taken
  // after. FailedPrecondition before the first event; InvalidArgument when a component's
  // state has no snapshot codec.
  absl::StatusOr<std::uint64_t> snapshot();
  // events — the recorded events after sequence `after`, in order, with their chain hashes;
  // waits while a batch is being committed. DataLoss when a stored event does not decode.
  absl::StatusOr<std::vector<Receipt>> events(std::uint64_t after = 0);

 private:
  struct Pending;
  Ledger(std::unique_ptr<EventStore> store, Clock clock);
  absl::Status replay();
  absl::Status load_last_snapshot();
  // known_key — whether `key` was used before, looking it up in the store when the ledger
  // opened from a snapshot and did not see the event that used it.
  absl::StatusOr<bool> known_key(const std::string& key);
  absl::Status apply_stored(StoredEvent&& stored);
  void run_batch(std::deque<Pending*>& batch);
  void lead_until_done(std::unique_lock<std::mutex>& lock, const Pending& last);
  // with_store — runs `f` while no batch uses the store.
  template <class F>
  auto with_store(F&& f);
  absl::StatusOr<Receipt> decide_one(const space::Command& command,
                                     std::vector<StoredEvent>& staged);
  absl::StatusOr<Receipt> repeated(const std::string& key, const Digest& digest,
                                   const std::vector<StoredEvent>& staged);

  std::unique_ptr<EventStore> store_;
  Clock clock_;

  mutable std::shared_mutex state_mutex_;
  space::Organization state_;
  Digest head_;
  // key → command digest, for the keys of this record; only those after the snapshot the
  // ledger opened from when keys_complete_ is false.
  absl::flat_hash_map<std::string, Digest> keys_;
  bool keys_complete_ = true;

  std::mutex queue_mutex_;
  std::condition_variable queue_done_;
  std::deque<Pending*> queue_;
  bool leading_ = false;
};

}  // namespace participa::store
