// bindings/python/register.hpp — one function per layer fills that layer's _core submodule.
#pragma once

#include <pybind11/pybind11.h>

#include <optional>
#include <string>

#include "participa/tally/profile.hpp"

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
// tally.stv (register_tally.cpp): a count as the dict of io::stv_count_to_json.
pybind11::object stv_count(const tally::Profile& profile, const std::string& rule, int seats,
                           const std::optional<std::string>& defeat,
                           const std::optional<std::string>& arithmetic,
                           std::optional<int> precision, std::optional<int> guard,
                           std::optional<int> display, std::optional<int> omega,
                           const pybind11::object& tie_order, const pybind11::object& undeclared,
                           const pybind11::object& progress);
// tally.stv_file, registered once io.BltFile is known so its signature names the Python class.
void register_stv_file(pybind11::module_& tally);

}  // namespace participa::python
