#include "participa/store/event_store.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <vector>

#include "participa/core/strings.hpp"

namespace participa::store {
namespace {

class MemoryStore final : public EventStore {
 public:
  absl::Status begin() override {
    if (open_) return absl::FailedPreconditionError("a transaction is already open");
    open_ = true;
    staged_.clear();
    return absl::OkStatus();
  }
  absl::Status commit() override {
    if (!open_) return absl::FailedPreconditionError("no transaction is open");
    for (StoredEvent& event : staged_) {
      if (!event.idempotency_key.empty()) keys_[event.idempotency_key] = events_.size();
      events_.push_back(std::move(event));
    }
    staged_.clear();
    open_ = false;
    return absl::OkStatus();
  }
  void rollback() override {
    staged_.clear();
    open_ = false;
  }
  absl::Status append(const StoredEvent& event) override {
    if (!open_) return absl::FailedPreconditionError("append outside a transaction");
    std::uint64_t expected = events_.size() + staged_.size() + 1;
    if (event.sequence != expected) {
      return absl::AlreadyExistsError(
          str_cat("sequence ", event.sequence, " does not follow the record (", expected, ")"));
    }
    if (!event.idempotency_key.empty()) {
      bool staged = std::any_of(staged_.begin(), staged_.end(), [&](const StoredEvent& e) {
        return e.idempotency_key == event.idempotency_key;
      });
      if (staged || keys_.contains(event.idempotency_key)) {
        return absl::AlreadyExistsError(
            str_cat("idempotency key '", event.idempotency_key, "' is already stored"));
      }
    }
    staged_.push_back(event);
    return absl::OkStatus();
  }
  absl::Status scan(std::uint64_t after,
                    const std::function<absl::Status(StoredEvent&&)>& visit) override {
    for (std::size_t i = after; i < events_.size(); ++i) {
      StoredEvent copy = events_[i];
      absl::Status status = visit(std::move(copy));
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<StoredEvent>> find_key(std::string_view key) override {
    auto it = keys_.find(key);
    if (it == keys_.end()) return std::optional<StoredEvent>();
    return std::optional<StoredEvent>(events_[it->second]);
  }
  absl::StatusOr<std::optional<StoredEvent>> last() override {
    if (events_.empty()) return std::optional<StoredEvent>();
    return std::optional<StoredEvent>(events_.back());
  }
  absl::Status put_snapshot(const StoredSnapshot& snapshot) override {
    snapshots_[snapshot.sequence] = snapshot;
    return absl::OkStatus();
  }
  absl::Status scan_snapshots(bool last_only,
                              const std::function<absl::Status(StoredSnapshot&&)>& visit) override {
    auto first =
        last_only && !snapshots_.empty() ? std::prev(snapshots_.end()) : snapshots_.begin();
    for (auto it = first; it != snapshots_.end(); ++it) {
      StoredSnapshot copy = it->second;
      absl::Status status = visit(std::move(copy));
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }
  std::string describe() const override { return "memory"; }

 private:
  bool open_ = false;
  std::vector<StoredEvent> events_;
  std::vector<StoredEvent> staged_;
  std::map<std::string, std::size_t, std::less<>> keys_;
  std::map<std::uint64_t, StoredSnapshot> snapshots_;
};

}  // namespace

Digest chain_hash(const Digest& previous, std::string_view bytes) {
  Sha256 h;
  h.update(std::span<const std::uint8_t>(previous.bytes));
  h.update(bytes);
  return h.finish();
}

std::unique_ptr<EventStore> memory_store() { return std::make_unique<MemoryStore>(); }

}  // namespace participa::store
