// bindings/python/record_casters.hpp — the participation model's value types as Python objects.
//
//   participa::Id<Tag>        <->  str (the canonical UUID), the nil id as None
//   absl::Time                <->  datetime.datetime, aware, in UTC (naive ones are refused);
//                                  the infinite past (never happened) as None
//   absl::flat_hash_map<K,V>  <->  dict
//   std::any                  <->  a component payload or state object, through the kinds
//                                  registered with `register_any` (std::any appears only in
//                                  space::ComponentAction and space::Component)
// `def_fields` gives a plain C++ struct a keyword constructor, attributes, ==, repr and pickle
// from one list of its fields.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <any>
#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <typeindex>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "casters.hpp"
#include "participa/core/id.hpp"
#include "register_common.hpp"

namespace participa::python {

pybind11::object to_datetime(absl::Time time);
// from_datetime — ValueError for a naive datetime or one outside absl::Time's range.
absl::Time from_datetime(pybind11::handle value);

// AnyKind — how values of one C++ type held in a std::any cross to Python and back.
struct AnyKind {
  std::type_index type = typeid(void);
  std::function<pybind11::object(const std::any&)> to_python;
  // from_python — the value when `value` is one of this kind's Python types, else empty.
  std::function<std::any(pybind11::handle value)> from_python;
};
void register_any(AnyKind kind);
pybind11::object any_to_python(const std::any& value);
std::any any_from_python(pybind11::handle value);

// register_component_any<Payload, State>() — a component kind's payload variant and state, as
// they travel in a ComponentAction's and a Component's std::any.
template <class Payload, class State>
void register_component_any() {
  register_any(AnyKind{
      .type = typeid(Payload),
      .to_python =
          [](const std::any& value) { return pybind11::cast(std::any_cast<Payload>(value)); },
      .from_python = [](pybind11::handle value) -> std::any {
        pybind11::detail::make_caster<Payload> caster;
        if (!caster.load(value, false)) return {};
        return Payload(pybind11::detail::cast_op<Payload>(std::move(caster)));
      }});
  register_any(
      AnyKind{.type = typeid(State),
              .to_python =
                  [](const std::any& value) { return pybind11::cast(std::any_cast<State>(value)); },
              .from_python = [](pybind11::handle value) -> std::any {
                if (!pybind11::isinstance<State>(value)) return {};
                return value.cast<State>();
              }});
}

// Field{"name", &T::name} — one entry of def_fields.
template <class Member>
using Field = std::pair<const char*, Member>;

// def_fields(cls, Field{"name", &T::name}, ...) — keyword-only __init__ whose defaults are those of
// a default-constructed T, read-write attributes, == and != by value, a repr naming every
// field, and unless kPickle is false, copy and pickle (through the constructor, so unpickling
// validates as construction does).
template <bool kPickle = true, class T, class... F>
void def_fields(py::class_<T>& cls, std::pair<const char*, F T::*>... fields) {
  T defaults{};
  cls.def(py::init([fields...](F... values) {
            T value{};
            ((value.*(fields.second) = std::move(values)), ...);
            return value;
          }),
          py::kw_only(), py::arg_v(fields.first, defaults.*(fields.second))...);
  (cls.def_readwrite(fields.first, fields.second), ...);
  auto as_tuple = [fields...](const T& value) {
    return py::make_tuple(py::cast(value.*(fields.second))...);
  };
  cls.def("__eq__", [as_tuple](const T& a, const py::object& b) -> py::object {
    if (!py::isinstance<T>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(as_tuple(a).equal(as_tuple(b.cast<const T&>())));
  });
  cls.def("__ne__", [as_tuple](const T& a, const py::object& b) -> py::object {
    if (!py::isinstance<T>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(!as_tuple(a).equal(as_tuple(b.cast<const T&>())));
  });
  cls.attr("__hash__") = py::none();
  std::vector<std::string> names{fields.first...};
  cls.def("__repr__", [as_tuple, names](const py::object& self) {
    py::tuple values = as_tuple(self.cast<const T&>());
    std::string out = py::str(py::type::of(self).attr("__name__")).cast<std::string>() + "(";
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i > 0) out += ", ";
      out += names[i] + "=" + py::repr(values[i]).cast<std::string>();
    }
    return out + ")";
  });
  if constexpr (kPickle) {
    def_record<T>(cls, [as_tuple, names](const T& value) {
      py::tuple values = as_tuple(value);
      py::dict kwargs;
      for (std::size_t i = 0; i < names.size(); ++i) kwargs[py::str(names[i])] = values[i];
      return std::pair(py::tuple(), kwargs);
    });
  }
}

// def_named_enum(scope, name, table, doc) — def_enum, and its members may also be given by
// name ("in-person" or "in_person") wherever the enum is expected.
template <class Enum, std::size_t N>
py::enum_<Enum> def_named_enum(py::handle scope, const char* name,
                               const std::array<Named<Enum>, N>& table, const char* doc) {
  py::enum_<Enum> e = def_enum(scope, name, table, doc);
  std::string what = name;
  e.def(py::init([table, what](const std::string& text) {
          std::string spelled = text;
          std::replace(spelled.begin(), spelled.end(), '_', '-');
          return unwrap(parse_name(table, what, spelled));
        }),
        "name"_a);
  py::implicitly_convertible<py::str, Enum>();
  return e;
}

}  // namespace participa::python

namespace pybind11::detail {

template <class Tag>
struct type_caster<participa::Id<Tag>> {
  PYBIND11_TYPE_CASTER(participa::Id<Tag>, const_name("Optional[str]"));

  bool load(handle source, bool /*convert*/) {
    if (source.is_none()) {
      value = participa::Id<Tag>();
      return true;
    }
    if (!isinstance<str>(source)) return false;
    value = participa::python::unwrap(participa::Id<Tag>::parse(source.cast<std::string>()));
    return true;
  }

  static handle cast(const participa::Id<Tag>& source, return_value_policy, handle) {
    if (source.is_nil()) return none().release();
    return str(source.to_string()).release();
  }
};

// absl::Duration <-> datetime.timedelta, to the microsecond.
template <>
struct type_caster<absl::Duration> {
  PYBIND11_TYPE_CASTER(absl::Duration, const_name("datetime.timedelta"));
  bool load(handle source, bool) {
    if (!isinstance(source, module_::import("datetime").attr("timedelta"))) return false;
    value = absl::Hours(24 * source.attr("days").cast<std::int64_t>()) +
            absl::Seconds(source.attr("seconds").cast<std::int64_t>()) +
            absl::Microseconds(source.attr("microseconds").cast<std::int64_t>());
    return true;
  }
  static handle cast(absl::Duration duration, return_value_policy, handle) {
    return module_::import("datetime")
        .attr("timedelta")(arg("microseconds") = absl::ToInt64Microseconds(duration))
        .release();
  }
};

template <>
struct type_caster<absl::Time> {
  PYBIND11_TYPE_CASTER(absl::Time, const_name("Optional[datetime.datetime]"));

  bool load(handle source, bool /*convert*/) {
    if (source.is_none()) {
      value = absl::InfinitePast();
      return true;
    }
    object datetime_type = module_::import("datetime").attr("datetime");
    if (!isinstance(source, datetime_type)) return false;
    value = participa::python::from_datetime(source);
    return true;
  }

  static handle cast(absl::Time source, return_value_policy, handle) {
    return participa::python::to_datetime(source).release();
  }
};

template <class K, class V, class... Rest>
struct type_caster<absl::flat_hash_map<K, V, Rest...>>
    : map_caster<absl::flat_hash_map<K, V, Rest...>, K, V> {};

template <>
struct type_caster<std::any> {
  PYBIND11_TYPE_CASTER(std::any, const_name("Any"));

  bool load(handle source, bool /*convert*/) {
    value = participa::python::any_from_python(source);
    return value.has_value();
  }

  static handle cast(const std::any& source, return_value_policy, handle) {
    return participa::python::any_to_python(source).release();
  }
};

}  // namespace pybind11::detail
