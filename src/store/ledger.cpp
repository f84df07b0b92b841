#include "participa/store/ledger.hpp"

#include <algorithm>
#include <optional>

#include "participa/components/accountability/accountability.hpp"
#include "participa/components/budgets/budgets.hpp"
#include "participa/components/debates/debates.hpp"
#include "participa/components/elections/elections.hpp"
#include "participa/components/meetings/meetings.hpp"
#include "participa/components/proposals/proposals.hpp"
#include "participa/components/sortitions/sortitions.hpp"
#include "participa/components/surveys/surveys.hpp"
#include "participa/components/workshops/workshops.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/record.hpp"
#include "participa/io/snapshot.hpp"

namespace participa::store {

// A command waiting in the queue. The leader writes `decided` while it runs the batch, without
// the queue's lock; `outcome` is set only once the whole batch is committed or refused, under
// the queue's lock, because the waiting thread returns as soon as it sees it.
struct Ledger::Pending {
  space::Command command;
  std::optional<absl::StatusOr<Receipt>> decided;
  std::optional<absl::StatusOr<Receipt>> outcome;
};

Ledger::Ledger(std::unique_ptr<EventStore> store, Clock clock)
    : store_(std::move(store)), clock_(std::move(clock)) {
  if (!clock_) clock_ = [] { return absl::Now(); };
}

Ledger::~Ledger() = default;

template <class F>
auto Ledger::with_store(F&& f) {
  std::unique_lock lock(queue_mutex_);
  queue_done_.wait(lock, [this] { return !leading_; });
  leading_ = true;
  lock.unlock();
  auto result = f();
  lock.lock();
  leading_ = false;
  queue_done_.notify_all();
  return result;
}

void register_builtin_kinds() {
  components::proposals::register_kind();
  components::surveys::register_kind();
  components::budgets::register_kind();
  components::elections::register_kind();
  components::workshops::register_kind();
  components::sortitions::register_kind();
  components::meetings::register_kind();
  components::debates::register_kind();
  components::accountability::register_kind();
}

absl::StatusOr<std::unique_ptr<Ledger>> Ledger::open(std::unique_ptr<EventStore> store,
                                                     Clock clock) {
  if (store == nullptr) return absl::InvalidArgumentError("a ledger needs a store");
  register_builtin_kinds();
  std::unique_ptr<Ledger> ledger(new Ledger(std::move(store), std::move(clock)));
  PARTICIPA_RETURN_IF_ERROR(ledger->replay());
  return ledger;
}

absl::Status Ledger::apply_stored(StoredEvent&& stored) {
  Digest expected = chain_hash(head_, stored.bytes);
  if (expected != stored.hash) {
    return absl::DataLossError(str_cat("event ", stored.sequence, " of ", store_->describe(),
                                       " does not match its chain hash: the record was altered"));
  }
  absl::StatusOr<space::Event> event = io::decode_event(stored.bytes);
  if (!event.ok()) {
    return absl::DataLossError(str_cat("event ", stored.sequence, " of ", store_->describe(), ": ",
                                       event.status().message()));
  }
  if (event->sequence != stored.sequence) {
    return absl::DataLossError(str_cat("row ", stored.sequence, " of ", store_->describe(),
                                       " holds event ", event->sequence));
  }
  PARTICIPA_RETURN_IF_ERROR(space::evolve(state_, *event));
  if (!event->idempotency_key.empty()) keys_[event->idempotency_key] = event->command_digest;
  head_ = stored.hash;
  return absl::OkStatus();
}

absl::Status Ledger::load_last_snapshot() {
  return store_->scan_snapshots(true, [this](StoredSnapshot&& snapshot) -> absl::Status {
    absl::StatusOr<space::Organization> state = io::decode_snapshot(snapshot.bytes);
    if (!state.ok()) {
      return absl::DataLossError(str_cat("the snapshot after event ", snapshot.sequence, " of ",
                                         store_->describe(), ": ", state.status().message()));
    }
    if (state->sequence != snapshot.sequence) {
      return absl::DataLossError(str_cat("the snapshot row ", snapshot.sequence, " of ",
                                         store_->describe(), " holds the state after event ",
                                         state->sequence));
    }
    PARTICIPA_ASSIGN_OR_RETURN(std::optional<StoredEvent> last, store_->last());
    if (!last || last->sequence < snapshot.sequence ||
        (last->sequence == snapshot.sequence && last->hash != snapshot.head)) {
      return absl::DataLossError(str_cat("the snapshot after event ", snapshot.sequence, " of ",
                                         store_->describe(),
                                         " does not end where the record does"));
    }
    state_ = *std::move(state);
    head_ = snapshot.head;
    keys_complete_ = false;
    return absl::OkStatus();
  });
}

absl::Status Ledger::replay() {
  state_ = space::Organization();
  head_ = Digest();
  keys_.clear();
  keys_complete_ = true;
  PARTICIPA_RETURN_IF_ERROR(load_last_snapshot());
  return store_->scan(state_.sequence,
                      [this](StoredEvent&& stored) { return apply_stored(std::move(stored)); });
}

absl::StatusOr<std::uint64_t> Ledger::snapshot() {
  return with_store([&]() -> absl::StatusOr<std::uint64_t> {
    StoredSnapshot snapshot;
    {
      std::shared_lock lock(state_mutex_);
      if (!state_.founded()) {
        return absl::FailedPreconditionError("a record without events has no snapshot");
      }
      PARTICIPA_ASSIGN_OR_RETURN(snapshot.bytes, io::encode_snapshot(state_));
      snapshot.sequence = state_.sequence;
      snapshot.head = head_;
    }
    PARTICIPA_RETURN_IF_ERROR(store_->put_snapshot(snapshot));
    return snapshot.sequence;
  });
}

absl::StatusOr<bool> Ledger::known_key(const std::string& key) {
  if (keys_.contains(key)) return true;
  if (keys_complete_) return false;
  PARTICIPA_ASSIGN_OR_RETURN(std::optional<StoredEvent> stored, store_->find_key(key));
  if (!stored) return false;
  PARTICIPA_ASSIGN_OR_RETURN(space::Event event, io::decode_event(stored->bytes));
  keys_[key] = event.command_digest;
  return true;
}

std::uint64_t Ledger::sequence() const {
  std::shared_lock lock(state_mutex_);
  return state_.sequence;
}

Digest Ledger::head() const {
  std::shared_lock lock(state_mutex_);
  return head_;
}

absl::StatusOr<Receipt> Ledger::repeated(const std::string& key, const Digest& digest,
                                         const std::vector<StoredEvent>& staged) {
  auto known = keys_.find(key);
  if (known->second != digest) {
    return absl::AlreadyExistsError(
        str_cat("idempotency key '", key, "' was used for another command"));
  }
  // A retry may arrive in the same batch as the command it repeats, before that one is stored.
  auto in_batch = std::find_if(staged.begin(), staged.end(),
                               [&](const StoredEvent& e) { return e.idempotency_key == key; });
  std::optional<StoredEvent> stored;
  if (in_batch != staged.end()) {
    stored = *in_batch;
  } else {
    PARTICIPA_ASSIGN_OR_RETURN(stored, store_->find_key(key));
  }
  if (!stored) {
    return absl::DataLossError(str_cat("idempotency key '", key, "' is known but not stored"));
  }
  PARTICIPA_ASSIGN_OR_RETURN(space::Event event, io::decode_event(stored->bytes));
  return Receipt{std::move(event), stored->hash, true};
}

absl::StatusOr<Receipt> Ledger::decide_one(const space::Command& command,
                                           std::vector<StoredEvent>& staged) {
  if (!command.idempotency_key.empty()) {
    PARTICIPA_ASSIGN_OR_RETURN(bool known, known_key(command.idempotency_key));
    if (known) {
      PARTICIPA_ASSIGN_OR_RETURN(Digest digest, io::command_digest(command));
      return repeated(command.idempotency_key, digest, staged);
    }
  }
  // Decided before it is encoded, so a refusal names the rule rather than the wire field.
  PARTICIPA_ASSIGN_OR_RETURN(space::Event event, space::decide(state_, command, clock_()));
  PARTICIPA_ASSIGN_OR_RETURN(Digest digest, io::command_digest(command));
  event.command_digest = digest;
  PARTICIPA_ASSIGN_OR_RETURN(std::string bytes, io::encode_event(event));
  Digest hash = chain_hash(head_, bytes);
  absl::Status applied = space::evolve(state_, event);
  if (!applied.ok()) {
    return absl::InternalError(str_cat("an accepted command did not apply: ", applied.message()));
  }
  head_ = hash;
  if (!event.idempotency_key.empty()) keys_[event.idempotency_key] = digest;
  staged.push_back(StoredEvent{event.sequence, event.idempotency_key, std::move(bytes), hash});
  return Receipt{std::move(event), hash, false};
}

void Ledger::run_batch(std::deque<Pending*>& batch) {
  std::unique_lock state_lock(state_mutex_);
  auto fail_all = [&](const absl::Status& status) {
    for (Pending* p : batch) p->decided = status;
  };
  absl::Status begun = store_->begin();
  if (!begun.ok()) return fail_all(begun);
  // Another process may have appended since this ledger last looked.
  absl::Status caught_up = store_->scan(
      state_.sequence, [this](StoredEvent&& stored) { return apply_stored(std::move(stored)); });
  if (!caught_up.ok()) {
    store_->rollback();
    return fail_all(caught_up);
  }
  std::vector<StoredEvent> staged;
  absl::Status written;
  for (Pending* p : batch) {
    if (!written.ok()) {
      p->decided = written;
      continue;
    }
    p->decided = decide_one(p->command, staged);
    if (!p->decided->ok() && p->decided->status().code() == absl::StatusCode::kInternal) {
      written = p->decided->status();
    }
  }
  for (const StoredEvent& event : staged) {
    if (!written.ok()) break;
    written = store_->append(event);
  }
  if (written.ok()) written = store_->commit();
  if (written.ok()) return;
  // Nothing of this batch is in the record: the state goes back to what the record holds.
  store_->rollback();
  absl::Status rebuilt = replay();
  for (Pending* p : batch) {
    if (p->decided->ok() && !(*p->decided)->repeated) {
      p->decided =
          absl::Status(written.code(), str_cat("the record was not written: ", written.message(),
                                               rebuilt.ok() ? "" : "; reloading it failed too"));
    }
  }
}

// lead_until_done — waits for `last`'s outcome, committing the queue's batches meanwhile
// whenever no other thread is.
void Ledger::lead_until_done(std::unique_lock<std::mutex>& lock, const Pending& last) {
  while (!last.outcome) {
    if (leading_) {
      queue_done_.wait(lock);
      continue;
    }
    leading_ = true;
    std::deque<Pending*> batch;
    batch.swap(queue_);
    lock.unlock();
    run_batch(batch);
    lock.lock();
    for (Pending* p : batch) p->outcome = std::move(p->decided);
    leading_ = false;
    queue_done_.notify_all();
  }
}

absl::StatusOr<std::vector<Receipt>> Ledger::events(std::uint64_t after) {
  return with_store([&]() -> absl::StatusOr<std::vector<Receipt>> {
    std::vector<Receipt> out;
    PARTICIPA_RETURN_IF_ERROR(store_->scan(after, [&](StoredEvent&& stored) -> absl::Status {
      absl::StatusOr<space::Event> event = io::decode_event(stored.bytes);
      if (!event.ok()) {
        return absl::DataLossError(str_cat("event ", stored.sequence, " of ", store_->describe(),
                                           ": ", event.status().message()));
      }
      out.push_back(Receipt{*std::move(event), stored.hash, false});
      return absl::OkStatus();
    }));
    return out;
  });
}

absl::StatusOr<Receipt> Ledger::execute(space::Command command) {
  Pending pending{std::move(command), std::nullopt, std::nullopt};
  std::unique_lock lock(queue_mutex_);
  queue_.push_back(&pending);
  lead_until_done(lock, pending);
  return *std::move(pending.outcome);
}

std::vector<absl::StatusOr<Receipt>> Ledger::execute_all(std::vector<space::Command> commands) {
  std::vector<Pending> pending;
  pending.reserve(commands.size());
  for (space::Command& command : commands)
    pending.push_back({std::move(command), std::nullopt, std::nullopt});
  std::vector<absl::StatusOr<Receipt>> out;
  if (pending.empty()) return out;
  {
    std::unique_lock lock(queue_mutex_);
    for (Pending& p : pending) queue_.push_back(&p);
    // They were queued together and a leader takes the whole queue, so they are decided in
    // one batch: when the last has its outcome, all have.
    lead_until_done(lock, pending.back());
  }
  out.reserve(pending.size());
  for (Pending& p : pending) out.push_back(*std::move(p.outcome));
  return out;
}

}  // namespace participa::store
