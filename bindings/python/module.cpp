// participa._core — the compiled half of the participa Python package. One submodule per
// layer, each filled by its register_<layer>() (see the pure-Python package for the API).
#include <pybind11/pybind11.h>

#include "participa/version.hpp"
#include "register.hpp"
#include "status.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_core, m) {
  m.doc() = "participa's compiled core; import participa instead.";
  m.attr("__version__") = participa::kVersion;
  participa::python::register_errors(m);
  auto core = m.def_submodule("core", "Exact numbers, digests and the seeded generator.");
  participa::python::register_core(core);
  auto tally = m.def_submodule("tally", "Ballots, profiles, counting methods and results.");
  participa::python::register_tally(tally);
  auto pb =
      m.def_submodule("pb", "Participatory budgeting: elections, ballot rules, winner rules.");
  participa::python::register_pb(pb);
  auto io = m.def_submodule("io", "Readers and writers of files and messages.");
  participa::python::register_io(io);
  auto questionnaire = m.def_submodule("questionnaire", "Forms, responses and their aggregation.");
  participa::python::register_questionnaire(questionnaire);
  auto space = m.def_submodule("space", "Organizations, participants, spaces, commands, events.");
  participa::python::register_space(space);
  auto proposals = m.def_submodule("proposals", "The proposals component.");
  participa::python::register_proposals(proposals);
  auto budgets = m.def_submodule("budgets", "The budgets component.");
  participa::python::register_budgets(budgets);
  auto elections = m.def_submodule("elections", "The elections component.");
  participa::python::register_elections(elections);
  auto workshops = m.def_submodule("workshops", "The workshops component.");
  participa::python::register_workshops(workshops);
  auto sortitions = m.def_submodule("sortitions", "The sortitions component.");
  participa::python::register_sortitions(sortitions);
  auto meetings = m.def_submodule("meetings", "The meetings component.");
  participa::python::register_meetings(meetings);
  auto debates = m.def_submodule("debates", "The debates component.");
  participa::python::register_debates(debates);
  auto accountability = m.def_submodule("accountability", "The accountability component.");
  participa::python::register_accountability(accountability);
  auto store = m.def_submodule("store", "The ledger over a record, and its verifier.");
  participa::python::register_store(store);
}
