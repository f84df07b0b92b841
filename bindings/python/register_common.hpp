// bindings/python/register_common.hpp — what every value type and Mergeable gets in Python.
//
// def_value(cls, to_bytes, from_bytes): == (False for other types), copy, deepcopy and pickle
// as (format_version, protobuf bytes), so values ride multiprocessing and Dask.
// def_mergeable(cls): +=, + and merge() for profiles and partial tallies.
// readonly_view(span, owner): a zero-copy, read-only numpy array whose base keeps `owner`
// alive; while any such view lives, `views_alive(owner)` says so, and mutators refuse.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>

#include <span>
#include <string>

#include "participa/core/strings.hpp"
#include "participa/io/proto.hpp"
#include "status.hpp"

namespace participa::python {

namespace py = pybind11;
using namespace pybind11::literals;

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
}

// Views: counted per owner so that a mutation cannot free memory a live array still shows.
void add_view(const void* owner);
void drop_view(const void* owner);
bool views_alive(const void* owner);
// refuse_if_viewed(owner, what) — StateError naming `what` while views of owner are alive.
void refuse_if_viewed(const void* owner, const char* what);

template <class T>
py::array readonly_view(std::span<const T> data, py::object owner, const void* key) {
  add_view(key);
  py::capsule guard(new std::pair<py::object, const void*>(owner, key), [](void* p) {
    auto* held = static_cast<std::pair<py::object, const void*>*>(p);
    drop_view(held->second);
    delete held;
  });
  static const T empty{};
  py::array_t<T> array({static_cast<py::ssize_t>(data.size())}, {sizeof(T)},
                       data.empty() ? &empty : data.data(), guard);
  py::detail::array_proxy(array.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return array;
}

}  // namespace participa::python
