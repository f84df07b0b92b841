// bindings/python/register_common.hpp — what every value type and Mergeable gets in Python.
//
// def_value(cls, to_bytes, from_bytes): == (False for other types), copy, deepcopy and pickle
// as (format_version, protobuf bytes), so values ride multiprocessing and Dask.
// readonly_view(span, owner): a zero-copy, read-only numpy array whose base keeps `owner`
// alive; `owner` must never change the memory it shows (a Profile is a value: it never does).
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <initializer_list>
#include <utility>

#include <span>
#include <string>

#include "participa/core/names.hpp"
#include "participa/core/run_control.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/proto.hpp"
#include "status.hpp"

namespace participa::python {

namespace py = pybind11;
using namespace pybind11::literals;

// def_reduce(cls) — __reduce__ through participa._pickle.restore, so that every pickle
// protocol (0 and 1 included) rebuilds the value with __setstate__.
template <class Class>
void def_reduce(Class& cls) {
  cls.def("__reduce__", [](const py::object& self) {
    py::object restore = py::module_::import("participa._pickle").attr("restore");
    return py::make_tuple(restore, py::make_tuple(py::type::of(self), self.attr("__getstate__")()));
  });
}

// def_not_picklable(cls, advice) — a clear TypeError for values that do not pickle on their
// own (pybind11's default aborts the process under pickle protocols 0 and 1).
inline void def_not_picklable(const py::object& cls, const char* advice) {
  std::string message = str_cat(py::str(cls.attr("__name__")).cast<std::string>(),
                                " does not pickle on its own; ", advice);
  py::cpp_function reduce(
      [message](const py::object&) -> py::object { throw py::type_error(message); },
      py::is_method(cls), py::name("__reduce__"));
  py::setattr(cls, "__reduce__", reduce);
}

// def_enum_reduce(e) — enums pickle as (type, (int value,)) under every protocol.
template <class Enum>
py::enum_<Enum>& def_enum_reduce(py::enum_<Enum>& e) {
  e.def("__reduce__", [](const py::object& self) {
    return py::make_tuple(py::type::of(self), py::make_tuple(py::int_(self)));
  });
  return e;
}

// def_enum(scope, name, table, doc) — a Python enum whose members are the names in the enum's
// name table (core/names.hpp), '-' written '_', so Python, the parsers and the messages agree.
template <class Enum, std::size_t N>
py::enum_<Enum> def_enum(py::handle scope, const char* name,
                         const std::array<Named<Enum>, N>& table, const char* doc) {
  py::enum_<Enum> e(scope, name, doc);
  for (const auto& entry : table) {
    std::string member(entry.name);
    std::replace(member.begin(), member.end(), '-', '_');
    e.value(member.c_str(), entry.value);
  }
  def_enum_reduce(e);
  return e;
}

template <class T, class Class, class ToBytes, class FromBytes>
void def_value(Class& cls, ToBytes to_bytes, FromBytes from_bytes) {
  cls.def(py::self == py::self);
  cls.def(py::self != py::self);
  cls.def("__copy__", [](const T& self) { return T(self); });
  cls.def(
      "__deepcopy__", [](const T& self, py::dict) { return T(self); }, "memo"_a);
  cls.def(py::pickle(
      [to_bytes](const T& self) {
        return py::make_tuple(io::kFormatVersion, py::bytes(to_bytes(self)));
      },
      [from_bytes](const py::tuple& state) {
        if (state.size() != 2) throw py::value_error("a pickled participa value is a pair");
        auto version = state[0].cast<std::uint32_t>();
        if (version != io::kFormatVersion) {
          throw py::value_error(str_cat("pickle format_version ", version,
                                        " is not supported (this participa reads ",
                                        io::kFormatVersion, ")"));
        }
        return unwrap(from_bytes(state[1].cast<std::string>()));
      }));
  def_reduce(cls);
}

// def_record(cls, arguments): copy, deepcopy and pickle for small configuration values that
// have no message of their own. arguments(value) returns (args, kwargs) for the class's own
// constructor; the pickle is (format_version, args, kwargs), so unpickling validates as
// construction does.
template <class T, class Class, class Arguments>
void def_record(Class& cls, Arguments arguments) {
  cls.def("__copy__", [](const T& self) { return T(self); });
  cls.def(
      "__deepcopy__", [](const T& self, py::dict) { return T(self); }, "memo"_a);
  cls.def(py::pickle(
      [arguments](const T& self) {
        auto [args, kwargs] = arguments(self);
        return py::make_tuple(io::kFormatVersion, args, kwargs);
      },
      [](const py::tuple& state) {
        if (state.size() != 3 || state[0].cast<std::uint32_t>() != io::kFormatVersion) {
          throw py::value_error("not a pickled participa value of this format_version");
        }
        return py::type::of<T>()(*state[1], **state[2]).template cast<T>();
      }));
  def_reduce(cls);
}

// parse_or_cast<Enum>(value, parse, what) — a closed choice given as its Python enum or its name
// (core/names.hpp); TypeError naming `what` for anything else.
template <class Enum>
Enum parse_or_cast(const py::object& value, absl::StatusOr<Enum> (*parse)(std::string_view),
                   const char* what) {
  if (py::isinstance<Enum>(value)) return value.cast<Enum>();
  if (py::isinstance<py::str>(value)) return unwrap(parse(value.cast<std::string>()));
  throw py::type_error(str_cat(what, " must be given as its enum or its name"));
}

// document(cls, {{"name", "doc"}, ...}) — docstrings for attributes defined without one (by
// def_fields, which takes none).
inline void document(const py::object& cls,
                     std::initializer_list<std::pair<const char*, const char*>> docs) {
  for (const auto& [name, doc] : docs) cls.attr(name).attr("__doc__") = doc;
}

// document_attributes(module, {{"name", "doc"}, {"Class.name", "doc"}, ...}) — docstrings for
// the attributes def_fields defines without one, written once per module. "name" documents the
// attribute of that name in every class of the module that leaves it undocumented (within a
// module a name means one thing); "Class.name" documents one class's, where the name says more
// there, and takes precedence. An entry that documents nothing raises std::logic_error when the
// module is imported, so no entry outlives its attribute.
void document_attributes(const py::module_& m,
                         std::initializer_list<std::pair<const char*, const char*>> docs);

// fspath(path) — a str or os.PathLike (pathlib.Path) as the text of a file name.
std::string fspath(const py::object& path);

// PythonRun — the RunControl of a run started from Python. Every 50 ms the running thread takes
// the GIL and lets Python run its signal handlers: a handler that raised (Ctrl-C's
// KeyboardInterrupt) stops the run, and the exception is raised when it returns. A run that
// lasts over a second shows a tqdm progress bar of its steps when `progress` asks for one:
// True (ImportError without tqdm), False, or None for "when tqdm is installed and stderr is a
// terminal". Construct and destroy with the GIL held.
class PythonRun {
 public:
  PythonRun(std::string what, const py::object& progress);
  ~PythonRun();
  PythonRun(const PythonRun&) = delete;
  PythonRun& operator=(const PythonRun&) = delete;

  const RunControl& control() const { return control_; }

 private:
  bool step(std::uint64_t done);

  std::string what_;
  py::object tqdm_;
  py::object bar_;
  std::uint64_t shown_ = 0;
  std::chrono::steady_clock::time_point start_;
  RunControl control_;
};

// unwrap_run(outcome) — unwrap() for a run a PythonRun watched: when a Python exception stopped
// it (Ctrl-C's KeyboardInterrupt, a progress bar that failed), that exception is raised rather
// than the Cancelled status it left.
template <class T>
T unwrap_run(absl::StatusOr<T> outcome) {
  if (outcome.status().code() == absl::StatusCode::kCancelled && PyErr_Occurred()) {
    throw py::error_already_set();
  }
  return unwrap(std::move(outcome));
}

template <class T>
py::array readonly_view(std::span<const T> data, py::object owner) {
  static const T empty{};
  py::array_t<T> array({static_cast<py::ssize_t>(data.size())}, {sizeof(T)},
                       data.empty() ? &empty : data.data(), owner);
  py::detail::array_proxy(array.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return array;
}

}  // namespace participa::python
