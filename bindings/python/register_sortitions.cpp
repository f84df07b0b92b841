// Bindings of participa::components::sortitions: the draw's payload and state, and the three
// steps of docs/sortition.md (candidates_of, seed_text, draw) for checking a draw.
#include "participa/components/sortitions/sortitions.hpp"

#include "record_casters.hpp"
#include "register.hpp"

namespace participa::python {

namespace so = participa::components::sortitions;

namespace {

void document_fields(const py::module_& m) {
  document_attributes(
      m, {{"SortitionDrawn.sortition", "The sortition's id."},
          {"SortitionDrawn.title", "Its title."},
          {"SortitionDrawn.proposals", "The proposals component drawn from."},
          {"SortitionDrawn.target_items", "How many proposals to select."},
          {"SortitionDrawn.dice", "The witnessed die roll, 1 to 6."},
          {"SortitionDrawn.beacon", "A public beacon's value; may be empty."},
          {"SortitionDrawn.requested_at", "When it was asked for (computed)."},
          {"SortitionDrawn.candidates", "The proposals that could be drawn, in order (computed)."},
          {"SortitionDrawn.seed", "SHA-256 of seed_text (computed)."},
          {"SortitionDrawn.selected", "The proposals drawn, in draw order (computed)."},
          {"Sortition.draw", "The event that drew it."},
          {"Sortition.drawn_by", "The admin who asked for it."},
          {"State.sortitions", "Every sortition by id."}});
}

}  // namespace

void register_sortitions(py::module_& m) {
  so::register_kind();
  py::class_<so::SortitionDrawn> drawn(
      m, "SortitionDrawn",
      "A draw of target_items proposals of a proposals component, with the witnessed die (1-6) "
      "and an optional beacon; requested_at, candidates, seed and selected are computed.");
  def_fields(drawn, Field{"sortition", &so::SortitionDrawn::sortition},
             Field{"title", &so::SortitionDrawn::title},
             Field{"proposals", &so::SortitionDrawn::proposals},
             Field{"target_items", &so::SortitionDrawn::target_items},
             Field{"dice", &so::SortitionDrawn::dice}, Field{"beacon", &so::SortitionDrawn::beacon},
             Field{"requested_at", &so::SortitionDrawn::requested_at},
             Field{"candidates", &so::SortitionDrawn::candidates},
             Field{"seed", &so::SortitionDrawn::seed},
             Field{"selected", &so::SortitionDrawn::selected});
  py::class_<so::Sortition> sortition(m, "Sortition", "A draw as the record holds it.");
  def_fields(sortition, Field{"draw", &so::Sortition::draw},
             Field{"drawn_by", &so::Sortition::drawn_by});
  py::class_<so::State> state(m, "State", "A sortitions component's state; attributes are copies.");
  state.def_readonly("sortitions", &so::State::sortitions)
      .def_readonly("added", &so::State::added, "sortition ids in the order they were drawn")
      .def("__repr__", [](const so::State& s) {
        return str_cat("sortitions.State(sortitions=", s.sortitions.size(), ")");
      });
  def_not_picklable(state, "pickle the events (Ledger.events()) and fold them with evolve()");
  register_component_any<so::Payload, so::State>();
  m.def(
      "state_of",
      [](const space::Organization& organization, ComponentId component) {
        return unwrap(so::state_of(organization, component));
      },
      "organization"_a, "component"_a, py::return_value_policy::reference_internal,
      "The sortitions state of a component.");
  m.def(
      "candidates_of",
      [](const space::Organization& organization, ComponentId proposals, absl::Time requested_at) {
        return unwrap(so::candidates_of(organization, proposals, requested_at));
      },
      "organization"_a, "proposals"_a, "requested_at"_a,
      "Step 1: the proposals that may be drawn at that time, in id order.");
  m.def(
      "seed_text",
      [](absl::Time requested_at, std::uint32_t dice, const std::string& beacon,
         const std::vector<ProposalId>& candidates) {
        return so::seed_text(requested_at, dice, beacon, candidates);
      },
      "requested_at"_a, "dice"_a, "beacon"_a, "candidates"_a,
      "Step 2: the canonical text whose SHA-256 is the seed.");
  m.def(
      "draw",
      [](const Digest& seed, const std::vector<ProposalId>& candidates,
         std::uint32_t target_items) {
        if (target_items > candidates.size()) {
          throw py::value_error("target_items is more than the candidates");
        }
        return so::draw(seed, candidates, target_items);
      },
      "seed"_a, "candidates"_a, "target_items"_a,
      "Step 3: the first target_items of the candidates shuffled by the seed's ChaCha20.");
  document_fields(m);
}

}  // namespace participa::python
