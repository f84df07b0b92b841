#include "status.hpp"

#include "absl/strings/numbers.h"
#include "participa/io/files.hpp"

namespace participa::python {

namespace py = pybind11;

namespace {

PyObject* state_error = nullptr;

}  // namespace

void register_errors(py::module_& m) {
  static py::exception<void> type(m, "StateError", PyExc_RuntimeError);
  type.doc() =
      "An operation refused in the current state: wrong phase, role or eligibility "
      "(absl::StatusCode::kFailedPrecondition).";
  state_error = type.ptr();
}

py::object exception_of(const absl::Status& status) {
  std::string message(status.message());
  py::module_ builtins = py::module_::import("builtins");
  // A file that cannot be opened raises OSError with its errno, which Python turns into the
  // matching subclass (FileNotFoundError, PermissionError, IsADirectoryError, ...).
  if (auto error = status.GetPayload(
          absl::string_view(io::kErrnoPayload.data(), io::kErrnoPayload.size()))) {
    int number = 0;
    if (absl::SimpleAtoi(std::string(*error), &number)) {
      return builtins.attr("OSError")(number, message);
    }
  }
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kDataLoss:
    case absl::StatusCode::kAlreadyExists:
      return builtins.attr("ValueError")(message);
    case absl::StatusCode::kNotFound:
      return builtins.attr("KeyError")(message);
    case absl::StatusCode::kFailedPrecondition:
      return py::reinterpret_borrow<py::object>(state_error)(message);
    default:
      return builtins.attr("RuntimeError")(message);
  }
}

void throw_status(const absl::Status& status) {
  py::object raised = exception_of(status);
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(raised.ptr())), raised.ptr());
  throw py::error_already_set();
}

}  // namespace participa::python
