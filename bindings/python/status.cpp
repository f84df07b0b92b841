#include "status.hpp"

#include "absl/strings/numbers.h"
#include "participa/io/files.hpp"

namespace participa::python {
namespace {

PyObject* state_error = nullptr;

}  // namespace

void register_errors(pybind11::module_& m) {
  static pybind11::exception<void> type(m, "StateError", PyExc_RuntimeError);
  type.doc() =
      "An operation refused in the current state: wrong phase, role or eligibility "
      "(absl::StatusCode::kFailedPrecondition).";
  state_error = type.ptr();
}

void throw_status(const absl::Status& status) {
  std::string message(status.message());
  // A file that cannot be opened raises OSError with its errno, which Python turns into the
  // matching subclass (FileNotFoundError, PermissionError, IsADirectoryError, ...).
  if (auto error = status.GetPayload(
          absl::string_view(io::kErrnoPayload.data(), io::kErrnoPayload.size()))) {
    int number = 0;
    if (absl::SimpleAtoi(std::string(*error), &number)) {
      pybind11::object raised =
          pybind11::module_::import("builtins").attr("OSError")(number, message);
      PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(raised.ptr())), raised.ptr());
      throw pybind11::error_already_set();
    }
  }
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kDataLoss:
    case absl::StatusCode::kAlreadyExists:
      throw pybind11::value_error(message);
    case absl::StatusCode::kNotFound:
      throw pybind11::key_error(message);
    case absl::StatusCode::kFailedPrecondition:
      PyErr_SetString(state_error, message.c_str());
      throw pybind11::error_already_set();
    default:
      throw std::runtime_error(message);
  }
}

}  // namespace participa::python
