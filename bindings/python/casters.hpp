// bindings/python/casters.hpp — exact numbers and C++ value types as Python objects.
//
//   participa::Rational (boost cpp_rational)  <->  fractions.Fraction (an int also loads)
//   participa::Digest                          ->  str, the SHA-256 in hex
// Exact quantities never pass through float: a Rational's numerator and denominator travel
// as Python ints of any size.
#pragma once

#include <pybind11/pybind11.h>

#include <string>

#include "participa/core/digest.hpp"
#include "participa/core/rational.hpp"

namespace participa::python {

pybind11::object to_fraction(const Rational& value);

}  // namespace participa::python

namespace pybind11::detail {

template <>
struct type_caster<participa::Rational> {
  PYBIND11_TYPE_CASTER(participa::Rational, const_name("fractions.Fraction"));

  bool load(handle source, bool /*convert*/) {
    if (!source) return false;
    object fraction_type = module_::import("fractions").attr("Fraction");
    if (isinstance(source, fraction_type)) {
      auto numerator = integer(source.attr("numerator"));
      auto denominator = integer(source.attr("denominator"));
      if (!numerator.ok() || !denominator.ok()) return false;
      value = participa::Rational(*numerator, *denominator);
      return true;
    }
    if (PyLong_Check(source.ptr()) && !PyBool_Check(source.ptr())) {
      auto whole = integer(source);
      if (!whole.ok()) return false;
      value = participa::Rational(*whole);
      return true;
    }
    return false;
  }

  static handle cast(const participa::Rational& source, return_value_policy, handle) {
    return participa::python::to_fraction(source).release();
  }

 private:
  static absl::StatusOr<participa::BigInt> integer(handle number) {
    return participa::parse_integer_text(str(number).cast<std::string>());
  }
};

template <>
struct type_caster<participa::Digest> {
  PYBIND11_TYPE_CASTER(participa::Digest, const_name("str"));

  bool load(handle source, bool /*convert*/) {
    if (!isinstance<str>(source)) return false;
    auto parsed = participa::Digest::parse_hex(source.cast<std::string>());
    if (!parsed.ok()) return false;
    value = *parsed;
    return true;
  }

  static handle cast(const participa::Digest& source, return_value_policy, handle) {
    return str(source.hex()).release();
  }
};

}  // namespace pybind11::detail
