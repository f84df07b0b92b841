// Bindings of participa::store: the ledger over a SQLite file or memory, and the verifier.
#include "participa/store/ledger.hpp"

#include <mutex>

#include "participa/store/verify.hpp"
#include "record_casters.hpp"
#include "register.hpp"

namespace participa::python {
namespace {

namespace sp = participa::space;
namespace st = participa::store;

// ManualClock — a clock the caller sets and advances, shared with the ledgers it is given to,
// so a script can replay a process dated in the past or move through its phases.
class ManualClock {
 public:
  explicit ManualClock(absl::Time now) : state_(std::make_shared<State>()) { state_->now = now; }
  absl::Time now() const {
    std::lock_guard lock(state_->mutex);
    return state_->now;
  }
  void set(absl::Time now) {
    std::lock_guard lock(state_->mutex);
    state_->now = now;
  }
  void advance(absl::Duration by) {
    if (by < absl::ZeroDuration()) throw py::value_error("a clock does not go back");
    std::lock_guard lock(state_->mutex);
    state_->now += by;
  }
  st::Clock clock() const {
    return [state = state_] {
      std::lock_guard lock(state->mutex);
      return state->now;
    };
  }

 private:
  struct State {
    std::mutex mutex;
    absl::Time now;
  };
  std::shared_ptr<State> state_;
};

// LedgerHandle — the Python Ledger: closing it releases the file; a command running on
// another thread meanwhile keeps the ledger alive until it returns.
class LedgerHandle {
 public:
  explicit LedgerHandle(std::shared_ptr<st::Ledger> ledger, std::string where)
      : ledger_(std::move(ledger)), where_(std::move(where)) {}

  std::shared_ptr<st::Ledger> get() const {
    if (!ledger_)
      throw_status(absl::FailedPreconditionError(str_cat("the ledger on ", where_, " is closed")));
    return ledger_;
  }
  void close() { ledger_.reset(); }
  bool closed() const { return ledger_ == nullptr; }
  const std::string& where() const { return where_; }

 private:
  std::shared_ptr<st::Ledger> ledger_;
  std::string where_;
};

LedgerHandle open_ledger(const py::object& path, const std::optional<ManualClock>& clock) {
  std::unique_ptr<st::EventStore> events;
  std::string where = "memory";
  if (path.is_none()) {
    events = st::memory_store();
  } else {
    where = fspath(path);
    absl::StatusOr<std::unique_ptr<st::EventStore>> opened;
    {
      py::gil_scoped_release release;
      opened = st::open_sqlite_store(where);
    }
    events = unwrap(std::move(opened));
  }
  absl::StatusOr<std::unique_ptr<st::Ledger>> ledger;
  {
    py::gil_scoped_release release;
    ledger = st::Ledger::open(std::move(events), clock ? clock->clock() : st::Clock{});
  }
  return LedgerHandle(unwrap(std::move(ledger)), where);
}

// command_of — a Command as given, or one built from a body and the keywords.
sp::Command command_of(const py::object& body, const py::kwargs& options) {
  if (py::isinstance<sp::Command>(body)) {
    if (!options.empty()) {
      throw py::type_error("give either a Command or a body with its keywords, not both");
    }
    return body.cast<sp::Command>();
  }
  sp::Command command;
  ComponentId component;
  for (auto [name, value] : options) {
    std::string option = py::str(name).cast<std::string>();
    if (option == "actor") {
      command.actor.participant = value.cast<ParticipantId>();
    } else if (option == "key") {
      command.idempotency_key = value.cast<std::string>();
    } else if (option == "channel") {
      command.actor.channel = value.cast<sp::Channel>();
    } else if (option == "recorded_by") {
      command.actor.recorded_by = value.cast<ParticipantId>();
    } else if (option == "group") {
      command.actor.group = value.cast<GroupId>();
    } else if (option == "component") {
      component = value.cast<ComponentId>();
    } else {
      throw py::type_error(
          str_cat("execute() got an unexpected keyword argument '", option,
                  "' (expected actor, key, channel, recorded_by, group, component)"));
    }
  }
  std::any payload = any_from_python(body);
  if (payload.has_value()) {
    if (component.is_nil()) {
      throw py::type_error(str_cat("a component's payload (", py::repr(body).cast<std::string>(),
                                   ") needs component=<its component id>"));
    }
    command.body = sp::ComponentAction{component, std::move(payload)};
    return command;
  }
  if (!component.is_nil()) {
    throw py::type_error("component= goes with a component's payload only");
  }
  py::detail::make_caster<sp::Body> caster;
  if (!caster.load(body, false)) {
    throw py::type_error(str_cat(py::repr(body).cast<std::string>(),
                                 " is not a command body of participa.space or a component"));
  }
  command.body = py::detail::cast_op<sp::Body>(std::move(caster));
  return command;
}

}  // namespace

void register_store(py::module_& m) {
  py::class_<ManualClock>(m, "ManualClock",
                          "A clock the caller sets and advances, for ledgers that replay or "
                          "simulate a process.")
      .def(py::init<absl::Time>(), "now"_a)
      .def_property("now", &ManualClock::now, &ManualClock::set,
                    "The time the clock shows (a timezone-aware datetime); set it to move it.")
      .def(
          "advance", [](ManualClock& c, absl::Duration by) { c.advance(by); }, "by"_a,
          "Move the clock forward by a datetime.timedelta.")
      .def("__repr__", [](const ManualClock& c) {
        return str_cat("ManualClock(", py::repr(to_datetime(c.now())).cast<std::string>(), ")");
      });

  py::class_<st::Receipt> receipt_class(
      m, "Receipt", "What an accepted command became: its event and chain hash.");
  def_fields(receipt_class, Field{"event", &st::Receipt::event}, Field{"hash", &st::Receipt::hash},
             Field{"repeated", &st::Receipt::repeated});
  document(receipt_class,
           {{"event", "The event the command became (or the one recorded before, if repeated)."},
            {"hash", "The event's chain hash."},
            {"repeated",
             "True when the command had been recorded already and nothing new was written."}});

  py::class_<LedgerHandle> ledger(
      m, "Ledger",
      "An organization's state kept in step with its record, in a SQLite file or in memory.");
  ledger
      .def(py::init(&open_ledger), "path"_a = py::none(), py::kw_only(),
           "clock"_a = std::optional<ManualClock>(),
           "Open (creating if absent) the record at path, or a record in memory when path is "
           "None, and replay it. clock: a ManualClock; the system clock when None.")
      .def(
          "execute",
          [](const LedgerHandle& self, const py::object& body, const py::kwargs& options) {
            sp::Command command = command_of(body, options);
            std::shared_ptr<st::Ledger> held = self.get();
            absl::StatusOr<st::Receipt> receipt;
            {
              py::gil_scoped_release release;
              receipt = held->execute(std::move(command));
            }
            return unwrap(std::move(receipt));
          },
          "body"_a,
          "Execute a command: a Command, or a body with keywords actor, key, channel, "
          "recorded_by, group (the group the actor acts for) and (for a component's payload) "
          "component. Returns the Receipt; raises "
          "ValueError, KeyError or participa.StateError with the reason it was refused.")
      .def(
          "execute_all",
          [](const LedgerHandle& self, std::vector<sp::Command> commands) {
            std::shared_ptr<st::Ledger> held = self.get();
            std::vector<absl::StatusOr<st::Receipt>> outcomes;
            {
              py::gil_scoped_release release;
              outcomes = held->execute_all(std::move(commands));
            }
            py::list out;
            for (auto& outcome : outcomes) {
              out.append(outcome.ok() ? py::cast(*std::move(outcome))
                                      : exception_of(outcome.status()));
            }
            return out;
          },
          "commands"_a,
          "Execute commands in order, committed together: one Receipt or exception per "
          "command (exceptions are returned, not raised).")
      .def(
          "snapshot",
          [](const LedgerHandle& self) {
            std::shared_ptr<st::Ledger> held = self.get();
            absl::StatusOr<std::uint64_t> sequence;
            {
              py::gil_scoped_release release;
              sequence = held->snapshot();
            }
            return unwrap(std::move(sequence));
          },
          "Store a snapshot of the current state beside the record, so that opening it "
          "replays only the events after it. Returns the sequence it was taken after.")
      .def(
          "events",
          [](const LedgerHandle& self, std::uint64_t after) {
            std::shared_ptr<st::Ledger> held = self.get();
            absl::StatusOr<std::vector<st::Receipt>> events;
            {
              py::gil_scoped_release release;
              events = held->events(after);
            }
            return unwrap(std::move(events));
          },
          "after"_a = 0, "The recorded events after sequence `after`, as Receipts.")
      .def(
          "state",
          [](const LedgerHandle& self) {
            std::shared_ptr<st::Ledger> held = self.get();
            py::gil_scoped_release release;
            return held->read([](const sp::Organization& o) { return sp::Organization(o); });
          },
          "A copy of the organization's current state.")
      .def_property_readonly(
          "sequence", [](const LedgerHandle& self) { return self.get()->sequence(); },
          "The sequence of the last recorded event (0 for an empty record).")
      .def_property_readonly(
          "head", [](const LedgerHandle& self) { return self.get()->head(); },
          "The chain hash of the last recorded event: publish it to make the record's end "
          "checkable.")
      .def_property_readonly("closed", &LedgerHandle::closed, "Whether close() was called.")
      .def("close", &LedgerHandle::close, "Release the file; later calls raise StateError.")
      .def("__enter__", [](LedgerHandle& self) -> LedgerHandle& { return self; })
      .def("__exit__", [](LedgerHandle& self, const py::args&) { self.close(); })
      .def("__repr__", [](const LedgerHandle& self) {
        if (self.closed()) return str_cat("Ledger('", self.where(), "', closed)");
        return str_cat("Ledger('", self.where(), "', sequence=", self.get()->sequence(), ")");
      });
  def_not_picklable(ledger, "open the same file again in the other process");

  py::class_<st::BadRecord> bad(m, "BadRecord", "The first record that does not check.");
  def_fields(bad, Field{"sequence", &st::BadRecord::sequence},
             Field{"reason", &st::BadRecord::reason});
  document(bad, {{"sequence", "The sequence number of the record that does not check."},
                 {"reason", "Why it does not check."}});
  py::class_<st::VerifyReport> report_class(m, "VerifyReport",
                                            "What verify found: events checked, head, first bad.");
  def_fields(report_class, Field{"events", &st::VerifyReport::events},
             Field{"snapshots", &st::VerifyReport::snapshots},
             Field{"head", &st::VerifyReport::head},
             Field{"first_bad", &st::VerifyReport::first_bad});
  report_class.def_property_readonly("ok", &st::VerifyReport::ok,
                                     "True when every record checked (first_bad is None).");
  document(report_class,
           {{"events", "How many events were checked."},
            {"snapshots", "How many snapshots were checked against the events before them."},
            {"head", "The chain hash of the last event checked."},
            {"first_bad", "The first record that does not check (a BadRecord), or None."}});

  m.def(
      "verify",
      [](const py::object& path) {
        std::string where = fspath(path);
        absl::StatusOr<st::VerifyReport> report;
        {
          py::gil_scoped_release release;
          report = [&]() -> absl::StatusOr<st::VerifyReport> {
            auto events = st::open_existing_sqlite_store(where);
            if (!events.ok()) return events.status();
            return st::verify(**events);
          }();
        }
        return unwrap(std::move(report));
      },
      "path"_a,
      "Check the record at path: the hash chain, every event decoded, every event re-decided. "
      "The report's first_bad names the first record that does not check.");
}

}  // namespace participa::python
