// Bindings of participa::components::debates: payloads and state.
#include "participa/components/debates/debates.hpp"

#include "record_casters.hpp"
#include "register.hpp"

namespace participa::python {

namespace db = participa::components::debates;

namespace {

void document_fields(const py::module_& m) {
  document_attributes(
      m, {{"debate", "The debate's id."},
          {"title", "Its title."},
          {"description", "Its description."},
          {"body", "Its text."},
          {"Debate.author", "Who opened it (an admin, for an official debate)."},
          {"conclusions", "The outcome its closer wrote; None while open."},
          {"DebateOpened.starts_at", "When comments open; None without a window."},
          {"DebateOpened.ends_at", "When comments close; None without a window."},
          {"DebateOpened.official", "Whether an admin opened it (decided, never given)."},
          {"DebateCommented.comment", "The comment's id."},
          {"DebateClosed.conclusions", "The outcome people asked for."},
          {"Comment.id", "Its id."},
          {"Comment.author", "Who wrote it."},
          {"Comment.at", "When it was written."},
          {"Debate.opened", "The debate as it was opened."},
          {"Debate.comments", "Its comments in the order they were made."},
          {"Debate.closed_at", "When it was closed; None while open."},
          {"State.debates", "Every debate by id."}});
}

}  // namespace

void register_debates(py::module_& m) {
  db::register_kind();
  py::class_<db::DebateOpened> opened(
      m, "DebateOpened",
      "A debate: official when an admin opens it (decided, never given), a participant's when "
      "the phase's creation_enabled allows; a window (starts_at and ends_at) or none.");
  def_fields(
      opened, Field{"debate", &db::DebateOpened::debate}, Field{"title", &db::DebateOpened::title},
      Field{"description", &db::DebateOpened::description},
      Field{"starts_at", &db::DebateOpened::starts_at},
      Field{"ends_at", &db::DebateOpened::ends_at}, Field{"official", &db::DebateOpened::official});
  py::class_<db::DebateCommented> commented(m, "DebateCommented",
                                            "A comment, within the debate's window.");
  def_fields(commented, Field{"debate", &db::DebateCommented::debate},
             Field{"comment", &db::DebateCommented::comment},
             Field{"body", &db::DebateCommented::body});
  py::class_<db::DebateClosed> closed(
      m, "DebateClosed",
      "Closes with conclusions: by the author or an admin (who may amend them).");
  def_fields(closed, Field{"debate", &db::DebateClosed::debate},
             Field{"conclusions", &db::DebateClosed::conclusions});
  py::class_<db::Comment> comment(m, "Comment", "A comment as the record holds it.");
  def_fields<false>(comment, Field{"id", &db::Comment::id}, Field{"author", &db::Comment::author},
                    Field{"body", &db::Comment::body}, Field{"at", &db::Comment::at});
  py::class_<db::Debate> debate(m, "Debate", "A debate as the record holds it.");
  def_fields<false>(debate, Field{"opened", &db::Debate::opened},
                    Field{"author", &db::Debate::author}, Field{"comments", &db::Debate::comments},
                    Field{"conclusions", &db::Debate::conclusions},
                    Field{"closed_at", &db::Debate::closed_at});
  py::class_<db::State> state(m, "State", "A debates component's state; attributes are copies.");
  state.def_readonly("debates", &db::State::debates)
      .def_readonly("added", &db::State::added, "debate ids in the order they were opened")
      .def("__repr__", [](const db::State& s) {
        return str_cat("debates.State(debates=", s.debates.size(), ")");
      });
  def_not_picklable(state, "pickle the events (Ledger.events()) and fold them with evolve()");
  register_component_any<db::Payload, db::State>();
  m.def(
      "state_of",
      [](const space::Organization& organization, ComponentId component) {
        return unwrap(db::state_of(organization, component));
      },
      "organization"_a, "component"_a, py::return_value_policy::reference_internal,
      "The debates state of a component.");
  document_fields(m);
}

}  // namespace participa::python
