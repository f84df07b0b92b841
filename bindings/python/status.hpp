// bindings/python/status.hpp — absl::Status to Python exceptions.
//
// A failed status becomes an exception of the type a Python caller expects, carrying the
// status message unchanged:
//   InvalidArgument, OutOfRange, DataLoss, AlreadyExists   ValueError
//   NotFound                                               KeyError
//   FailedPrecondition                                     participa.StateError
//   anything else                                          RuntimeError
// `unwrap` is the one place bindings turn a Status or StatusOr into a value or a throw.
#pragma once

#include <pybind11/pybind11.h>

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace participa::python {

// register_errors(m) — creates participa.StateError (a RuntimeError) in module m.
void register_errors(pybind11::module_& m);

// exception_of(status) — the exception instance throw_status raises, for APIs that return
// errors (Ledger.execute_all) instead of raising them.
pybind11::object exception_of(const absl::Status& status);
[[noreturn]] void throw_status(const absl::Status& status);

inline void unwrap(const absl::Status& status) {
  if (!status.ok()) throw_status(status);
}

template <class T>
T unwrap(absl::StatusOr<T> result) {
  if (!result.ok()) throw_status(result.status());
  return *std::move(result);
}

}  // namespace participa::python
