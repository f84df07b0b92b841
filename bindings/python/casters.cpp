#include "casters.hpp"

namespace participa::python {
namespace {

pybind11::object python_int(const BigInt& value) {
  std::string digits = value.str();
  PyObject* number = PyLong_FromString(digits.c_str(), nullptr, 10);
  if (number == nullptr) throw pybind11::error_already_set();
  return pybind11::reinterpret_steal<pybind11::object>(number);
}

}  // namespace

pybind11::object to_fraction(const Rational& value) {
  static PyObject* fraction =
      pybind11::object(pybind11::module_::import("fractions").attr("Fraction")).release().ptr();
  return pybind11::reinterpret_borrow<pybind11::object>(fraction)(
      python_int(boost::multiprecision::numerator(value)),
      python_int(boost::multiprecision::denominator(value)));
}

}  // namespace participa::python
