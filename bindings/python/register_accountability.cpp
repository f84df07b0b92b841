// Bindings of participa::components::accountability: payloads, state and progress_of (a
// fractions.Fraction percent).
#include "participa/components/accountability/accountability.hpp"

#include "casters.hpp"
#include "record_casters.hpp"
#include "register.hpp"

namespace participa::python {

namespace ac = participa::components::accountability;

namespace {

void document_fields(const py::module_& m) {
  document_attributes(
      m, {{"commitment", "The commitment's id."},
          {"budgets", "The budgets component the budget is in."},
          {"budget", "The budget's id."},
          {"title", "Its title."},
          {"description", "Its description."},
          {"date", "When it is reached."},
          {"status", "The key of its execution status; empty for none."},
          {"progress",
           "Progress in hundredths of a percent (10000 = 100 %); None takes the status's."},
          {"ExecutionStatusAdded.key", "Its key, unique in the component."},
          {"ExecutionStatusAdded.name", "Its name, as shown."},
          {"ExecutionStatusAdded.progress",
           "The progress it stands for, in hundredths of a percent (10000 = 100 %)."},
          {"Commitment.progress", "Its own progress, in hundredths of a percent (10000 = 100 %)."},
          {"BudgetLink.project", "The project's id."},
          {"CommitmentAdded.parent", "The top-level commitment it belongs to; None at the top."},
          {"CommitmentAdded.weight", "Its weight in its parent, in ten-thousandths (10000 = 1)."},
          {"CommitmentAdded.proposals", "The space's proposals it carries out."},
          {"CommitmentAdded.project", "The budget project it was imported from, or None."},
          {"MilestoneAdded.milestone", "The milestone's id."},
          {"Milestone.id", "Its id."},
          {"CommitmentsImported.commitments",
           "The commitments made, one per selected project (computed when recorded)."},
          {"Commitment.added", "The commitment as it was added."},
          {"Commitment.children", "Its children's ids in the order they were added."},
          {"Commitment.milestones", "Its milestones in the order they were added."},
          {"State.statuses", "Every execution status by key."},
          {"State.commitments", "Every commitment by id."}});
}

}  // namespace

void register_accountability(py::module_& m) {
  ac::register_kind();
  m.attr("FULL_PROGRESS") = ac::kFullProgress;
  m.attr("UNIT_WEIGHT") = ac::kUnitWeight;
  py::class_<ac::ExecutionStatusAdded> status(
      m, "ExecutionStatusAdded",
      "A status: key, name and the progress it stands for (hundredths of a %).");
  def_fields(status, Field{"key", &ac::ExecutionStatusAdded::key},
             Field{"name", &ac::ExecutionStatusAdded::name},
             Field{"progress", &ac::ExecutionStatusAdded::progress});
  py::class_<ac::BudgetLink> link(m, "BudgetLink",
                                  "The budget project a commitment was imported from.");
  def_fields(link, Field{"budgets", &ac::BudgetLink::budgets},
             Field{"budget", &ac::BudgetLink::budget}, Field{"project", &ac::BudgetLink::project});
  py::class_<ac::CommitmentAdded> commitment(
      m, "CommitmentAdded",
      "A commitment (parent None) or a project of one; progress in hundredths of a percent (the "
      "status's when None), weight in ten-thousandths (None counts as 1).");
  def_fields(commitment, Field{"commitment", &ac::CommitmentAdded::commitment},
             Field{"parent", &ac::CommitmentAdded::parent},
             Field{"title", &ac::CommitmentAdded::title},
             Field{"description", &ac::CommitmentAdded::description},
             Field{"status", &ac::CommitmentAdded::status},
             Field{"progress", &ac::CommitmentAdded::progress},
             Field{"weight", &ac::CommitmentAdded::weight},
             Field{"proposals", &ac::CommitmentAdded::proposals},
             Field{"project", &ac::CommitmentAdded::project});
  py::class_<ac::CommitmentProgressed> progressed(
      m, "CommitmentProgressed",
      "A new status and/or progress (the status's when progress is None).");
  def_fields(progressed, Field{"commitment", &ac::CommitmentProgressed::commitment},
             Field{"status", &ac::CommitmentProgressed::status},
             Field{"progress", &ac::CommitmentProgressed::progress});
  py::class_<ac::MilestoneAdded> milestone(m, "MilestoneAdded",
                                           "A dated milestone of a commitment.");
  def_fields(milestone, Field{"commitment", &ac::MilestoneAdded::commitment},
             Field{"milestone", &ac::MilestoneAdded::milestone},
             Field{"date", &ac::MilestoneAdded::date}, Field{"title", &ac::MilestoneAdded::title},
             Field{"description", &ac::MilestoneAdded::description});
  py::class_<ac::CommitmentsImported> imported(
      m, "CommitmentsImported",
      "A budget's recorded selection as commitments, one per selected project (computed).");
  def_fields(imported, Field{"budgets", &ac::CommitmentsImported::budgets},
             Field{"budget", &ac::CommitmentsImported::budget},
             Field{"commitments", &ac::CommitmentsImported::commitments});
  py::class_<ac::Milestone> held_milestone(m, "Milestone", "A milestone as the record holds it.");
  def_fields<false>(held_milestone, Field{"id", &ac::Milestone::id},
                    Field{"date", &ac::Milestone::date}, Field{"title", &ac::Milestone::title},
                    Field{"description", &ac::Milestone::description});
  py::class_<ac::Commitment> held(m, "Commitment", "A commitment as the record holds it.");
  def_fields<false>(
      held, Field{"added", &ac::Commitment::added}, Field{"status", &ac::Commitment::status},
      Field{"progress", &ac::Commitment::progress}, Field{"children", &ac::Commitment::children},
      Field{"milestones", &ac::Commitment::milestones});
  py::class_<ac::State> state(m, "State",
                              "An accountability component's state; attributes are copies.");
  state.def_readonly("statuses", &ac::State::statuses)
      .def_readonly("commitments", &ac::State::commitments)
      .def_readonly("added", &ac::State::added, "commitment ids in the order they were added")
      .def("__repr__", [](const ac::State& s) {
        return str_cat("accountability.State(commitments=", s.commitments.size(), ")");
      });
  def_not_picklable(state, "pickle the events (Ledger.events()) and fold them with evolve()");
  register_component_any<ac::Payload, ac::State>();
  m.def(
      "state_of",
      [](const space::Organization& organization, ComponentId component) {
        return unwrap(ac::state_of(organization, component));
      },
      "organization"_a, "component"_a, py::return_value_policy::reference_internal,
      "The accountability state of a component.");
  m.def(
      "progress_of",
      [](const ac::State& s, CommitmentId id) { return unwrap(ac::progress_of(s, id)); }, "state"_a,
      "commitment"_a,
      "The commitment's progress as an exact percent (a Fraction): its own, or from its children "
      "weighted or as their plain mean, as Decidim computes it.");
  document_fields(m);
}

}  // namespace participa::python
