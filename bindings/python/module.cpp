// participa._core — the compiled half of the participa Python package. One submodule per
// layer, each filled by its register_<layer>() (see the pure-Python package for the API).
#include <pybind11/pybind11.h>

#include <string>

#include "participa/version.hpp"
#include "register.hpp"
#include "status.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_core, m) {
  m.doc() = "participa's compiled core; import participa instead.";
  m.attr("__version__") = participa::kVersion;
  participa::python::register_errors(m);
  // Each submodule takes the name of the public module that re-exports it before anything is
  // registered in it, so signatures, help() and error messages name participa.tally.Profile
  // rather than participa._core.tally.Profile.
  auto layer = [&m](const char* name, const std::string& public_name, const char* doc) {
    auto submodule = m.def_submodule(name, doc);
    submodule.attr("__name__") = "participa." + public_name;
    return submodule;
  };
  auto core = layer("core", "core", "Exact numbers, digests and the seeded generator.");
  participa::python::register_core(core);
  auto tally = layer("tally", "tally", "Ballots, profiles, counting methods and results.");
  participa::python::register_tally(tally);
  auto pb = layer("pb", "pb", "Participatory budgeting: elections, ballot rules, winner rules.");
  participa::python::register_pb(pb);
  auto io = layer("io", "io", "Readers and writers of files and messages.");
  participa::python::register_io(io);
  participa::python::register_stv_file(tally);
  auto questionnaire =
      layer("questionnaire", "questionnaire", "Forms, responses and their aggregation.");
  participa::python::register_questionnaire(questionnaire);
  auto space = layer("space", "space", "Organizations, participants, spaces, commands, events.");
  participa::python::register_space(space);
  auto proposals = layer("proposals", "components.proposals", "The proposals component.");
  participa::python::register_proposals(proposals);
  auto budgets = layer("budgets", "components.budgets", "The budgets component.");
  participa::python::register_budgets(budgets);
  auto elections = layer("elections", "components.elections", "The elections component.");
  participa::python::register_elections(elections);
  auto workshops = layer("workshops", "components.workshops", "The workshops component.");
  participa::python::register_workshops(workshops);
  auto sortitions = layer("sortitions", "components.sortitions", "The sortitions component.");
  participa::python::register_sortitions(sortitions);
  auto meetings = layer("meetings", "components.meetings", "The meetings component.");
  participa::python::register_meetings(meetings);
  auto debates = layer("debates", "components.debates", "The debates component.");
  participa::python::register_debates(debates);
  auto surveys = layer("surveys", "components.surveys", "The surveys component.");
  participa::python::register_surveys(surveys);
  auto accountability =
      layer("accountability", "components.accountability", "The accountability component.");
  participa::python::register_accountability(accountability);
  auto store = layer("store", "store", "The ledger over a record, and its verifier.");
  participa::python::register_store(store);
}
