// bindings/python/register.hpp — one function per layer fills that layer's _core submodule.
#pragma once

#include <pybind11/pybind11.h>

namespace participa::python {

void register_core(pybind11::module_& m);
void register_tally(pybind11::module_& m);
void register_pb(pybind11::module_& m);
void register_io(pybind11::module_& m);
void register_space(pybind11::module_& m);
void register_proposals(pybind11::module_& m);
void register_budgets(pybind11::module_& m);
void register_elections(pybind11::module_& m);
void register_workshops(pybind11::module_& m);
void register_sortitions(pybind11::module_& m);
void register_meetings(pybind11::module_& m);
void register_debates(pybind11::module_& m);
void register_surveys(pybind11::module_& m);
void register_accountability(pybind11::module_& m);
void register_store(pybind11::module_& m);
void register_questionnaire(pybind11::module_& m);

}  // namespace participa::python
