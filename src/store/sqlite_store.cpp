#include <sqlite3.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

#include "absl/strings/cord.h"

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/files.hpp"
#include "participa/store/event_store.hpp"

namespace participa::store {
namespace {

// The schema's name and version, kept in the file so another SQLite database is never taken
// for a record.
constexpr std::string_view kFormat = "participa-record 1";

absl::Status sqlite_error(sqlite3* db, int code, std::string_view doing) {
  std::string message =
      str_cat(doing, ": ", db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      return absl::AlreadyExistsError(message);
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return absl::DataLossError(message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(message);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return absl::PermissionDeniedError(message);
    case SQLITE_FULL:
      return absl::ResourceExhaustedError(message);
    default:
      return absl::InternalError(message);
  }
}

class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(statement_); }

  absl::Status prepare(sqlite3* db, const char* sql) {
    int rc = sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(db, rc, "preparing a statement");
    return absl::OkStatus();
  }
  sqlite3_stmt* get() const { return statement_; }

 private:
  sqlite3_stmt* statement_ = nullptr;
};

class SqliteStore final : public EventStore {
 public:
  explicit SqliteStore(std::string path) : path_(std::move(path)) {}
  ~SqliteStore() override {
    // Statements first: sqlite3_close refuses a connection with live statements.
    insert_ = {};
    scan_ = {};
    put_snapshot_ = {};
    key_ = {};
    last_ = {};
    sqlite3_close(db_);
  }

  absl::Status open() {
    int rc =
        sqlite3_open_v2(path_.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(db_, rc, str_cat("opening ", path_));
    sqlite3_busy_timeout(db_, 10'000);
    PARTICIPA_RETURN_IF_ERROR(exec("PRAGMA journal_mode=WAL", "setting WAL mode"));
    PARTICIPA_RETURN_IF_ERROR(exec("PRAGMA synchronous=FULL", "setting synchronous=FULL"));
    PARTICIPA_RETURN_IF_ERROR(exec("BEGIN IMMEDIATE", "starting the schema check"));
    absl::Status schema = ensure_schema();
    PARTICIPA_RETURN_IF_ERROR(exec(schema.ok() ? "COMMIT" : "ROLLBACK", "ending the schema check"));
    PARTICIPA_RETURN_IF_ERROR(schema);
    insert_ = std::make_unique<Statement>();
    scan_ = std::make_unique<Statement>();
    key_ = std::make_unique<Statement>();
    last_ = std::make_unique<Statement>();
    put_snapshot_ = std::make_unique<Statement>();
    PARTICIPA_RETURN_IF_ERROR(put_snapshot_->prepare(
        db_, "INSERT OR REPLACE INTO snapshots(sequence, head, state) VALUES (?, ?, ?)"));
    PARTICIPA_RETURN_IF_ERROR(insert_->prepare(
        db_, "INSERT INTO events(sequence, idempotency_key, event, hash) VALUES (?, ?, ?, ?)"));
    PARTICIPA_RETURN_IF_ERROR(scan_->prepare(
        db_,
        "SELECT sequence, idempotency_key, event, hash FROM events WHERE sequence > ? "
        "ORDER BY sequence"));
    PARTICIPA_RETURN_IF_ERROR(key_->prepare(
        db_,
        "SELECT sequence, idempotency_key, event, hash FROM events WHERE idempotency_key = ?"));
    PARTICIPA_RETURN_IF_ERROR(last_->prepare(
        db_,
        "SELECT sequence, idempotency_key, event, hash FROM events ORDER BY sequence DESC "
        "LIMIT 1"));
    return absl::OkStatus();
  }

  absl::Status begin() override { return exec("BEGIN IMMEDIATE", "starting a transaction"); }
  absl::Status commit() override { return exec("COMMIT", "committing"); }
  void rollback() override { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }

  absl::Status append(const StoredEvent& event) override {
    sqlite3_stmt* s = insert_->get();
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, static_cast<sqlite3_int64>(event.sequence));
    if (event.idempotency_key.empty()) {
      sqlite3_bind_null(s, 2);
    } else {
      sqlite3_bind_text(s, 2, event.idempotency_key.data(),
                        static_cast<int>(event.idempotency_key.size()), SQLITE_STATIC);
    }
    sqlite3_bind_blob(s, 3, event.bytes.data(), static_cast<int>(event.bytes.size()),
                      SQLITE_STATIC);
    sqlite3_bind_blob(s, 4, event.hash.bytes.data(), 32, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
      return sqlite_error(db_, rc, str_cat("storing event ", event.sequence));
    }
    return absl::OkStatus();
  }

  absl::Status scan(std::uint64_t after,
                    const std::function<absl::Status(StoredEvent&&)>& visit) override {
    sqlite3_stmt* s = scan_->get();
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, static_cast<sqlite3_int64>(after));
    absl::Status status;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      absl::StatusOr<StoredEvent> row = read_row(s);
      status = row.ok() ? visit(*std::move(row)) : row.status();
      if (!status.ok()) break;
    }
    sqlite3_reset(s);
    if (!status.ok()) return status;
    if (rc != SQLITE_DONE) return sqlite_error(db_, rc, "reading the record");
    return absl::OkStatus();
  }

  absl::StatusOr<std::optional<StoredEvent>> find_key(std::string_view key) override {
    sqlite3_stmt* s = key_->get();
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
    return single(s, "looking up an idempotency key");
  }

  absl::StatusOr<std::optional<StoredEvent>> last() override {
    return single(last_->get(), "reading the last event");
  }

  absl::Status put_snapshot(const StoredSnapshot& snapshot) override {
    sqlite3_stmt* s = put_snapshot_->get();
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, static_cast<sqlite3_int64>(snapshot.sequence));
    sqlite3_bind_blob(s, 2, snapshot.head.bytes.data(), 32, SQLITE_STATIC);
    sqlite3_bind_blob(s, 3, snapshot.bytes.data(), static_cast<int>(snapshot.bytes.size()),
                      SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
      return sqlite_error(db_, rc, str_cat("storing the snapshot after event ", snapshot.sequence));
    }
    return absl::OkStatus();
  }

  absl::Status scan_snapshots(bool last_only,
                              const std::function<absl::Status(StoredSnapshot&&)>& visit) override {
    Statement query;
    PARTICIPA_RETURN_IF_ERROR(query.prepare(
        db_, last_only
                 ? "SELECT sequence, head, state FROM snapshots ORDER BY sequence DESC LIMIT 1"
                 : "SELECT sequence, head, state FROM snapshots ORDER BY sequence"));
    int rc;
    while ((rc = sqlite3_step(query.get())) == SQLITE_ROW) {
      sqlite3_stmt* s = query.get();
      StoredSnapshot snapshot;
      snapshot.sequence = static_cast<std::uint64_t>(sqlite3_column_int64(s, 0));
      if (sqlite3_column_bytes(s, 1) != 32) {
        return absl::DataLossError(
            str_cat("the snapshot after event ", snapshot.sequence, " has no 32-byte head"));
      }
      const auto* head = static_cast<const std::uint8_t*>(sqlite3_column_blob(s, 1));
      std::copy(head, head + 32, snapshot.head.bytes.begin());
      snapshot.bytes.assign(static_cast<const char*>(sqlite3_column_blob(s, 2)),
                            static_cast<std::size_t>(sqlite3_column_bytes(s, 2)));
      PARTICIPA_RETURN_IF_ERROR(visit(std::move(snapshot)));
    }
    if (rc != SQLITE_DONE) return sqlite_error(db_, rc, "reading the snapshots");
    return absl::OkStatus();
  }

  std::string describe() const override { return str_cat("sqlite:", path_); }

 private:
  absl::Status exec(const char* sql, std::string_view doing) {
    char* error = nullptr;
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
    sqlite3_free(error);
    if (rc != SQLITE_OK) return sqlite_error(db_, rc, str_cat(doing, " on ", path_));
    return absl::OkStatus();
  }

  absl::Status ensure_schema() {
    Statement tables;
    PARTICIPA_RETURN_IF_ERROR(
        tables.prepare(db_, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"));
    if (sqlite3_step(tables.get()) != SQLITE_ROW) {
      return sqlite_error(db_, sqlite3_errcode(db_), str_cat("reading ", path_));
    }
    if (sqlite3_column_int(tables.get(), 0) == 0) {
      PARTICIPA_RETURN_IF_ERROR(
          exec("CREATE TABLE participa_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
               "CREATE TABLE events(sequence INTEGER PRIMARY KEY CHECK (sequence > 0),"
               " idempotency_key TEXT UNIQUE, event BLOB NOT NULL,"
               " hash BLOB NOT NULL CHECK (length(hash) = 32));",
               "creating the record"));
      Statement format;
      PARTICIPA_RETURN_IF_ERROR(
          format.prepare(db_, "INSERT INTO participa_meta VALUES ('format', ?)"));
      sqlite3_bind_text(format.get(), 1, kFormat.data(), static_cast<int>(kFormat.size()),
                        SQLITE_STATIC);
      if (sqlite3_step(format.get()) != SQLITE_DONE) {
        return sqlite_error(db_, sqlite3_errcode(db_), "writing the record's format");
      }
      return ensure_snapshots();
    }
    Statement format;
    absl::Status prepared =
        format.prepare(db_, "SELECT value FROM participa_meta WHERE key = 'format'");
    if (!prepared.ok() || sqlite3_step(format.get()) != SQLITE_ROW) {
      return absl::DataLossError(
          str_cat(path_, " is a SQLite database but not a participa record"));
    }
    std::string_view found(reinterpret_cast<const char*>(sqlite3_column_text(format.get(), 0)),
                           static_cast<std::size_t>(sqlite3_column_bytes(format.get(), 0)));
    if (found != kFormat) {
      return absl::DataLossError(
          str_cat(path_, " holds a record of format '", found, "', not '", kFormat, "'"));
    }
    return ensure_snapshots();
  }

  // Snapshots came after the first records: a record without the table gets it.
  absl::Status ensure_snapshots() {
    return exec(
        "CREATE TABLE IF NOT EXISTS snapshots(sequence INTEGER PRIMARY KEY CHECK (sequence > 0),"
        " head BLOB NOT NULL CHECK (length(head) = 32), state BLOB NOT NULL)",
        "creating the snapshots table");
  }

  static absl::StatusOr<StoredEvent> read_row(sqlite3_stmt* s) {
    StoredEvent out;
    sqlite3_int64 sequence = sqlite3_column_int64(s, 0);
    out.sequence = static_cast<std::uint64_t>(sequence);
    if (sqlite3_column_type(s, 1) == SQLITE_TEXT) {
      out.idempotency_key.assign(reinterpret_cast<const char*>(sqlite3_column_text(s, 1)),
                                 static_cast<std::size_t>(sqlite3_column_bytes(s, 1)));
    }
    const void* bytes = sqlite3_column_blob(s, 2);
    out.bytes.assign(static_cast<const char*>(bytes),
                     static_cast<std::size_t>(sqlite3_column_bytes(s, 2)));
    if (sqlite3_column_bytes(s, 3) != 32) {
      return absl::DataLossError(str_cat("event ", sequence, " has no 32-byte hash"));
    }
    const auto* hash = static_cast<const std::uint8_t*>(sqlite3_column_blob(s, 3));
    std::copy(hash, hash + 32, out.hash.bytes.begin());
    return out;
  }

  absl::StatusOr<std::optional<StoredEvent>> single(sqlite3_stmt* s, std::string_view doing) {
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
      sqlite3_reset(s);
      return std::optional<StoredEvent>();
    }
    if (rc != SQLITE_ROW) {
      sqlite3_reset(s);
      return sqlite_error(db_, rc, doing);
    }
    absl::StatusOr<StoredEvent> row = read_row(s);
    sqlite3_reset(s);
    if (!row.ok()) return row.status();
    return std::optional<StoredEvent>(*std::move(row));
  }

  std::string path_;
  sqlite3* db_ = nullptr;
  std::unique_ptr<Statement> insert_, scan_, key_, last_, put_snapshot_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<EventStore>> open_sqlite_store(const std::string& path) {
  auto store = std::make_unique<SqliteStore>(path);
  PARTICIPA_RETURN_IF_ERROR(store->open());
  return std::unique_ptr<EventStore>(std::move(store));
}

absl::StatusOr<std::unique_ptr<EventStore>> open_existing_sqlite_store(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    absl::Status missing = absl::NotFoundError(str_cat(path, ": no such record"));
    missing.SetPayload(absl::string_view(io::kErrnoPayload.data(), io::kErrnoPayload.size()),
                       absl::Cord(std::to_string(ENOENT)));
    return missing;
  }
  return open_sqlite_store(path);
}

}  // namespace participa::store
