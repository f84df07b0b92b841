// participa/store/event_store.hpp — where an organization's record is kept.
//
// An `EventStore` appends and reads stored events; it knows nothing of what they mean. Each
// `StoredEvent` carries the event's bytes (io/record.hpp) and its chain hash,
// SHA-256(previous hash ‖ bytes), the first event's previous hash being 32 zero bytes.
// Writes happen inside a transaction (`begin` … `commit`), which on SQLite is one
// `BEGIN IMMEDIATE` transaction: a second writer, in this process or another, waits for it.
//
// Snapshots of the state (`put_snapshot`) are kept beside the events; they are a cache the
// ledger opens from, and the verifier checks each against its replay.
//
// Two stores come with participa: `open_sqlite_store(path)` (one file; WAL, synchronous=FULL,
// so a committed transaction survives a crash or power loss) and `memory_store()` (for
// tests). A platform keeps the record in its own database by implementing this interface.
//
// Errors: a file that is not a participa record, or rows that break the schema → DataLoss;
// I/O failures → Unavailable / Internal with SQLite's message; a sequence or idempotency key
// already stored → AlreadyExists. A store is used by one thread at a time (the Ledger
// serialises its use).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "participa/core/digest.hpp"

namespace participa::store {

struct StoredEvent {
  std::uint64_t sequence = 0;
  std::string idempotency_key;  // empty when the command had none
  std::string bytes;
  Digest hash;
};

// StoredSnapshot — the organization's state after event `sequence` (io/snapshot.hpp), with
// that event's chain hash.
struct StoredSnapshot {
  std::uint64_t sequence = 0;
  Digest head;
  std::string bytes;
};

// chain_hash — SHA-256(previous ‖ bytes).
Digest chain_hash(const Digest& previous, std::string_view bytes);

class EventStore {
 public:
  virtual ~EventStore() = default;

  virtual absl::Status begin() = 0;
  virtual absl::Status commit() = 0;
  virtual void rollback() = 0;
  // append — inside a transaction; the sequence must follow the last stored one.
  virtual absl::Status append(const StoredEvent& event) = 0;
  // scan — calls `visit` for each event after `after`, in sequence order, until it returns an
  // error (which scan returns).
  virtual absl::Status scan(std::uint64_t after,
                            const std::function<absl::Status(StoredEvent&&)>& visit) = 0;
  // find_key — the event stored under an idempotency key, if any.
  virtual absl::StatusOr<std::optional<StoredEvent>> find_key(std::string_view key) = 0;
  // last — the last stored event, if any.
  virtual absl::StatusOr<std::optional<StoredEvent>> last() = 0;
  // put_snapshot — stores the snapshot (replacing one at the same sequence), outside any
  // event transaction.
  virtual absl::Status put_snapshot(const StoredSnapshot& snapshot) = 0;
  // scan_snapshots — calls `visit` for each stored snapshot in sequence order, or for the
  // last one only, until it returns an error (which scan_snapshots returns).
  virtual absl::Status scan_snapshots(
      bool last_only, const std::function<absl::Status(StoredSnapshot&&)>& visit) = 0;
  // describe — "sqlite:/path/file.db" or "memory", for messages.
  virtual std::string describe() const = 0;
};

// open_sqlite_store — opens (creating if absent) the record at `path`.
absl::StatusOr<std::unique_ptr<EventStore>> open_sqlite_store(const std::string& path);
// open_existing_sqlite_store — as open_sqlite_store, but NotFound (with io::kErrnoPayload
// ENOENT) when no file is there, for readers that must not create an empty record.
absl::StatusOr<std::unique_ptr<EventStore>> open_existing_sqlite_store(const std::string& path);
std::unique_ptr<EventStore> memory_store();

}  // namespace participa::store
