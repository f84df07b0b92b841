// Bindings of participa::components::surveys: the form, responses, state and published results.
// Forms, answers and responses cross as questionnaire_casters.hpp says; results are a
// participa.questionnaire.Summary (made in components/surveys.py from the summary's JSON).
#include "participa/components/surveys/surveys.hpp"

#include "participa/io/questionnaire.hpp"
#include "questionnaire_casters.hpp"
#include "record_casters.hpp"
#include "register.hpp"

namespace participa::python {

namespace su = participa::components::surveys;

namespace {

void document_fields(const py::module_& m) {
  document_attributes(
      m, {{"FormSet.form", "The questionnaire respondents answer."},
          {"FormSet.clear_responses",
           "Delete every response with the change (only while the component is unpublished)."},
          {"response", "The answers, one per question in order (dicts as in the JSONL files)."},
          {"ResponseSubmitted.session",
           "A visitor's session as the application gives it; cleared into `respondent`."},
          {"ResponseSubmitted.ip_address",
           "The address a visitor's response came from; cleared into `ip_hash`."},
          {"ResponseSubmitted.respondent", "The respondent's salted token (computed)."},
          {"ip_hash", "The salted hash of the address (all zeros when none was given)."},
          {"ResponseSubmitted.replaces",
           "Whether it replaces the respondent's earlier response (computed)."},
          {"ResultsPublished.questions", "The positions (from 0) of the questions published."},
          {"ResultsPublished.published", "Whether they are published (False withdraws them)."},
          {"StoredResponse.channel", "How it reached the record: online, in person or mediated."},
          {"StoredResponse.submitted_at", "When it was last submitted."},
          {"StoredResponse.edits", "How many times it was replaced."}});
}

}  // namespace

void register_surveys(py::module_& m) {
  su::register_kind();
  py::class_<su::FormSet> form_set(
      m, "FormSet",
      "The survey's form, by an admin (an empty salt is given one at random); it may not change "
      "once responses exist unless clear_responses deletes them while the component is "
      "unpublished.");
  form_set
      .def(py::init([](questionnaire::Form form, bool clear_responses) {
             return su::FormSet{std::move(form), clear_responses};
           }),
           py::kw_only(), "form"_a, "clear_responses"_a = false)
      .def_readwrite("form", &su::FormSet::form)
      .def_readwrite("clear_responses", &su::FormSet::clear_responses)
      .def("__repr__", [](const su::FormSet& f) {
        return str_cat("FormSet(form=<", f.form.questions.size(),
                       " questions>, clear_responses=", f.clear_responses ? "True" : "False", ")");
      });
  def_record<su::FormSet>(form_set, [](const su::FormSet& f) {
    return std::pair(py::tuple(), py::dict("form"_a = py::cast(f.form),
                                           "clear_responses"_a = f.clear_responses));
  });
  py::class_<su::ResponseSubmitted> submitted(
      m, "ResponseSubmitted",
      "A response while answers are open: a participant's (counted by account or census token) "
      "or, where allowed, a visitor's (by session, with the address's hash kept beside it). "
      "Answering again replaces the response when editing is allowed.");
  def_fields(submitted, Field{"response", &su::ResponseSubmitted::response},
             Field{"session", &su::ResponseSubmitted::session},
             Field{"ip_address", &su::ResponseSubmitted::ip_address},
             Field{"respondent", &su::ResponseSubmitted::respondent},
             Field{"ip_hash", &su::ResponseSubmitted::ip_hash},
             Field{"replaces", &su::ResponseSubmitted::replaces});
  py::class_<su::ResultsPublished> published(
      m, "ResultsPublished",
      "Publishes (or withdraws) the results of the questions at these positions, once answers "
      "are closed.");
  def_fields(published, Field{"questions", &su::ResultsPublished::questions},
             Field{"published", &su::ResultsPublished::published});
  py::class_<su::StoredResponse> stored(m, "StoredResponse", "A response as the record holds it.");
  def_fields<false>(stored, Field{"response", &su::StoredResponse::response},
                    Field{"ip_hash", &su::StoredResponse::ip_hash},
                    Field{"channel", &su::StoredResponse::channel},
                    Field{"submitted_at", &su::StoredResponse::submitted_at},
                    Field{"edits", &su::StoredResponse::edits});
  py::class_<su::State> state(m, "State", "A surveys component's state; attributes are copies.");
  state
      .def_readonly("questionnaire", &su::State::questionnaire,
                    "The form (a Questionnaire); None until FormSet.")
      .def_readonly("responses", &su::State::responses,
                    "Every response that counts, by respondent token.")
      .def("__repr__", [](const su::State& s) {
        return str_cat("surveys.State(questions=", s.questionnaire ? s.questionnaire->size() : 0,
                       ", responses=", s.responses.size(), ")");
      });
  def_not_picklable(state, "pickle the events (Ledger.events()) and fold them with evolve()");
  register_component_any<su::Payload, su::State>();
  m.def(
      "state_of",
      [](const space::Organization& organization, ComponentId component) {
        return unwrap(su::state_of(organization, component));
      },
      "organization"_a, "component"_a, py::return_value_policy::reference_internal,
      "The surveys state of a component (KeyError: no such component; ValueError: another "
      "kind). It lives as long as the organization.");
  m.def(
      "_results_json",
      [](const space::Organization& organization, ComponentId component, bool unpublished,
         const std::string& language) {
        const su::State* held = unwrap(su::state_of(organization, component));
        return io::summary_to_json(unwrap(su::results(*held, unpublished, language)));
      },
      "organization"_a, "component"_a, "unpublished"_a, "language"_a);
  document_fields(m);
}

}  // namespace participa::python
