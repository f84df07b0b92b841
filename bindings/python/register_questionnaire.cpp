// participa._core.questionnaire — forms, response sets, aggregates. Responses stay in C++ (a
// Responses value holds them), so validating and counting a million of them is one call with
// the GIL released; summaries cross as JSON, which participa.questionnaire turns into Python
// values and DataFrames.
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "participa/io/questionnaire.hpp"
#include "participa/questionnaire/aggregate.hpp"
#include "participa/questionnaire/summary.hpp"
#include "question_types.hpp"
#include "register.hpp"
#include "register_common.hpp"
#include "status.hpp"

namespace participa::python {
namespace {

namespace q = participa::questionnaire;

// Responses — a response set read against its questionnaire. Respondents and responses are
// kept apart, so counting takes the responses as they lie, without a copy.
struct Responses {
  q::Questionnaire questionnaire;
  std::vector<std::string> respondents;
  std::vector<q::Response> responses;

  std::vector<io::ResponseRow> rows() const {
    std::vector<io::ResponseRow> out;
    out.reserve(responses.size());
    for (std::size_t i = 0; i < responses.size(); ++i) {
      out.push_back({respondents[i], responses[i]});
    }
    return out;
  }
};

template <class Read>
Responses read_responses(const q::Questionnaire& questionnaire, Read read) {
  absl::StatusOr<std::vector<io::ResponseRow>> rows;
  Responses out{questionnaire, {}, {}};
  {
    py::gil_scoped_release release;
    rows = read();
    if (rows.ok()) {
      for (io::ResponseRow& row : *rows) {
        out.respondents.push_back(std::move(row.respondent));
        out.responses.push_back(std::move(row.response));
      }
    }
  }
  unwrap(rows.status());
  return out;
}

void require_same_form(const q::Questionnaire& form, const Responses& set) {
  if (!(set.questionnaire == form)) {
    throw_status(absl::FailedPreconditionError(
        "the responses were read against another form (its digest differs)"));
  }
}

// The rejected responses as [(respondent, [(question number, reason), ...]), ...].
py::list rejections(const Responses& responses, const std::vector<q::Rejection>& rejected) {
  py::list out;
  for (const q::Rejection& rejection : rejected) {
    py::list problems;
    for (const q::Problem& problem : rejection.problems) {
      problems.append(py::make_tuple(problem.question + 1, problem.reason));
    }
    out.append(py::make_tuple(responses.respondents[rejection.response], problems));
  }
  return out;
}

// One column of the CSV layout: its values, one per respondent (None when not answered): a
// str for text and single choices, a list of str for several choices and files.
py::list column_values(const Responses& responses, std::size_t position, bool many,
                       std::uint32_t row, bool by_row, bool free_text, std::uint32_t option) {
  const q::Question& question = responses.questionnaire.question(position);
  py::list values;
  for (const q::Response& response : responses.responses) {
    const q::Answer& answer = response.answer(position);
    if (free_text) {
      py::object words = py::none();
      for (const q::Choice& choice : answer.choices) {
        if (choice.option == option && !choice.free_text.empty()) words = py::str(choice.free_text);
      }
      values.append(words);
      continue;
    }
    if (q::takes_text(question.type)) {
      values.append(answer.text.empty() ? py::object(py::none()) : py::str(answer.text));
      continue;
    }
    py::list chosen;
    if (question.type == q::QuestionType::kFiles) {
      for (const std::string& file : answer.files) chosen.append(file);
    }
    for (const q::Choice& choice : answer.choices) {
      if (by_row && choice.row != row) continue;
      chosen.append(std::string(question.options[choice.option].body.text()));
    }
    if (many) {
      values.append(chosen.empty() ? py::object(py::none()) : py::object(chosen));
    } else {
      values.append(chosen.empty() ? py::object(py::none()) : chosen[0]);
    }
  }
  return values;
}

// columns(responses) — [(label, question number, kind, option texts, values)], kind one of
// "text", "choice", "choices", "files", "free-text"; the CSV layout of io/questionnaire.hpp.
py::list columns(const Responses& responses) {
  const q::Questionnaire& questionnaire = responses.questionnaire;
  py::list out;
  for (std::size_t position = 0; position < questionnaire.size(); ++position) {
    const q::Question& question = questionnaire.question(position);
    if (q::display_only(question.type)) continue;
    const std::string label = q::label(questionnaire, position);
    py::list options;
    for (const q::Option& option : question.options)
      options.append(std::string(option.body.text()));
    const bool many = question.type == q::QuestionType::kMultipleOption ||
                      question.type == q::QuestionType::kMatrixMultiple ||
                      question.type == q::QuestionType::kSorting;
    const char* kind = q::takes_text(question.type)               ? "text"
                       : question.type == q::QuestionType::kFiles ? "files"
                       : many                                     ? "choices"
                                                                  : "choice";
    if (q::takes_rows(question.type)) {
      for (std::uint32_t r = 0; r < question.rows.size(); ++r) {
        out.append(py::make_tuple(str_cat(label, " / ", question.rows[r].text()), position + 1,
                                  kind, options,
                                  column_values(responses, position, many, r, true, false, 0)));
      }
      continue;
    }
    out.append(py::make_tuple(label, position + 1, kind, options,
                              column_values(responses, position, many, 0, false, false, 0)));
    for (std::uint32_t o = 0; o < question.options.size(); ++o) {
      if (!question.options[o].free_text) continue;
      out.append(py::make_tuple(str_cat(label, " / ", question.options[o].body.text()),
                                position + 1, "free-text", py::list(),
                                column_values(responses, position, false, 0, false, true, o)));
    }
  }
  return out;
}

}  // namespace

// has_vendor_questions — whether a handler checks one of the form's questions: such a form
// is rebuilt from its JSON only with its types.
bool has_vendor_questions(const q::Questionnaire& form) {
  for (std::size_t i = 0; i < form.size(); ++i) {
    if (form.handler(i) != nullptr) return true;
  }
  return false;
}

void register_questionnaire(py::module_& m) {
  py::class_<q::QuestionTypeRegistry> question_types(
      m, "QuestionTypes",
      "Question types a vendor adds by name (a numeric scale, a date...): each is answered with "
      "one text value, checked and described by Python callables. Pass it to "
      "Questionnaire.from_json/from_dict/read as types=.");
  question_types.def(py::init<>())
      .def(
          "add",
          [](q::QuestionTypeRegistry& self, std::string name, py::object check_question,
             py::object check_answer, py::object describe) {
            unwrap(self.add(std::move(name),
                            python_handler(std::move(check_question), std::move(check_answer),
                                           std::move(describe))));
          },
          "name"_a, py::kw_only(), "check_question"_a = py::none(), "check_answer"_a = py::none(),
          "describe"_a = py::none(),
          "Add type `name` (lower-case words joined by '-'; ValueError when taken or built in). "
          "check_question(question) and check_answer(question, value) return the problems found "
          "(a list of text; None or [] when none); describe(question, values) gets [(value, "
          "count)] sorted by value and returns {name: exact value} (int, Fraction or text) for "
          "the summary. `question` is a dict: type, body, description, mandatory, "
          "max_characters. An exception a callable raises is raised by the call that ran it.")
      .def("names", &q::QuestionTypeRegistry::names, "The names added, sorted.")
      .def("__repr__", [](const q::QuestionTypeRegistry& self) {
        std::string names;
        for (const std::string& name : self.names()) names += (names.empty() ? "" : ", ") + name;
        return str_cat("QuestionTypes(", names, ")");
      });
  def_not_picklable(question_types, "add the types again where the form is used");

  py::class_<q::Questionnaire> questionnaire(
      m, "Questionnaire",
      "A checked form: its questions, options, rows and display conditions "
      "(docs/questionnaire.md). Build one with from_json, from_dict or read.");
  questionnaire
      .def_static(
          "from_json",
          [](const std::string& json, const std::optional<q::QuestionTypeRegistry>& types) {
            absl::StatusOr<q::Questionnaire> form =
                io::questionnaire_from_json(json, types.value_or(q::QuestionTypeRegistry{}));
            raise_handler_error();
            return unwrap(std::move(form));
          },
          "json"_a, py::kw_only(), "types"_a = py::none(),
          "The form from the JSON of participa.v1.Questionnaire, vendor questions looked up in "
          "`types` (QuestionTypes); ValueError listing every problem of the definition.")
      .def_static(
          "read",
          [](const py::object& path, const std::optional<q::QuestionTypeRegistry>& types) {
            absl::StatusOr<q::Questionnaire> form = io::read_questionnaire_file(
                fspath(path), types.value_or(q::QuestionTypeRegistry{}));
            raise_handler_error();
            return unwrap(std::move(form));
          },
          "path"_a, py::kw_only(), "types"_a = py::none(),
          "The form from a JSON file (vendor questions looked up in `types`).")
      .def("to_json", &io::questionnaire_to_json, "pretty"_a = false,
           "The form as the JSON of participa.v1.Questionnaire (indented when pretty).")
      .def("__len__", &q::Questionnaire::size)
      .def_property_readonly(
          "digest", [](const q::Questionnaire& self) { return self.digest().hex(); },
          "SHA-256 of the form's canonical encoding, as hex.")
      .def_property_readonly(
          "title",
          [](const q::Questionnaire& self) { return std::string(self.form().title.text()); },
          "The form's title in its default language.")
      .def(
          "labels",
          [](const q::Questionnaire& self) {
            std::vector<std::string> out;
            for (std::size_t i = 0; i < self.size(); ++i) out.push_back(q::label(self, i));
            return out;
          },
          "Every question's label, '3. Which entrance?', in order.")
      .def(
          "question_type",
          [](const q::Questionnaire& self, std::size_t number) {
            if (number == 0 || number > self.size()) {
              throw py::index_error(str_cat("question ", number, " does not exist (the form has ",
                                            self.size(), ", numbered from 1)"));
            }
            return std::string(name_of(q::kQuestionTypeNames, self.question(number - 1).type));
          },
          "number"_a, "The type of question `number` (from 1), e.g. 'single-option'.")
      .def(py::self == py::self)
      .def(py::pickle(
          [](const q::Questionnaire& self) {
            if (has_vendor_questions(self)) {
              throw py::type_error(
                  "a questionnaire with vendor question types does not pickle: send to_json() "
                  "and rebuild it with from_json(text, types=...)");
            }
            return io::questionnaire_to_json(self);
          },
          [](const std::string& json) { return unwrap(io::questionnaire_from_json(json)); }));
  def_reduce(questionnaire);

  py::class_<Responses> responses(
      m, "Responses",
      "One response per respondent, read against a questionnaire (kept in C++: counting a "
      "million is one call). Respondents listed twice are refused.");
  responses
      .def_static(
          "read",
          [](const py::object& path, const q::Questionnaire& form) {
            const std::string file = fspath(path);
            return read_responses(form, [&] { return io::read_responses_file(file, form); });
          },
          "path"_a, "questionnaire"_a, "Responses from a .jsonl or .csv file.")
      .def_static(
          "from_jsonl",
          [](const std::string& text, const q::Questionnaire& form, const std::string& name) {
            return read_responses(form, [&] { return io::read_responses_jsonl(text, form, name); });
          },
          "text"_a, "questionnaire"_a, "name"_a = "")
      .def_static(
          "from_csv",
          [](const std::string& text, const q::Questionnaire& form, const std::string& name) {
            return read_responses(form, [&] { return io::read_responses_csv(text, form, name); });
          },
          "text"_a, "questionnaire"_a, "name"_a = "")
      .def(
          "to_jsonl",
          [](const Responses& self, bool published_only) {
            return io::responses_to_jsonl(self.questionnaire, self.rows(),
                                          {.published_only = published_only});
          },
          py::kw_only(), "published_only"_a = false,
          "One JSON line per respondent; published_only keeps only the answers to questions "
          "whose results are published (open data).")
      .def(
          "to_csv",
          [](const Responses& self, bool published_only) {
            return io::responses_to_csv(self.questionnaire, self.rows(),
                                        {.published_only = published_only});
          },
          py::kw_only(), "published_only"_a = false,
          "The CSV layout of docs/questionnaire.md; published_only as in to_jsonl.")
      .def("__len__", [](const Responses& self) { return self.responses.size(); })
      .def_property_readonly(
          "questionnaire", [](const Responses& self) { return self.questionnaire; },
          "The form the responses were read against.")
      .def_property_readonly(
          "respondents", [](const Responses& self) { return self.respondents; },
          "Each response's respondent, in response order.")
      .def("_columns", &columns);
  def_not_picklable(responses, "pickle its to_jsonl() text and its questionnaire");

  py::class_<q::Aggregate> aggregate(
      m, "Aggregate",
      "Counts of valid responses per question and option (never per combination). Aggregates "
      "of shards merge with + in any order; merging two forms' aggregates makes summarize "
      "raise StateError.");
  aggregate.def(py::init<>())
      .def(py::init<const q::Questionnaire&>(), "questionnaire"_a)
      .def_property_readonly("respondents", &q::Aggregate::respondents,
                             "How many valid responses were counted.")
      .def_property_readonly(
          "form", [](const q::Aggregate& self) { return self.form().hex(); },
          "The digest (hex) of the form whose responses were counted.")
      .def(py::self += py::self)
      .def("__add__",
           [](const q::Aggregate& a, const q::Aggregate& b) {
             q::Aggregate sum = a;
             sum += b;
             return sum;
           })
      .def(py::self == py::self)
      .def(py::self != py::self);
  def_not_picklable(aggregate, "send the responses (Responses.to_jsonl) and tabulate there");

  m.def(
      "_tabulate",
      [](const q::Questionnaire& form, const Responses& set) {
        require_same_form(form, set);
        q::Tabulation tabulation;
        {
          py::gil_scoped_release release;
          tabulation = q::tabulate(form, set.responses);
        }
        raise_handler_error();
        return py::make_tuple(std::move(tabulation.aggregate),
                              rejections(set, tabulation.rejected));
      },
      "questionnaire"_a, "responses"_a);
  m.def(
      "_summary_json",
      [](const q::Questionnaire& form, const q::Aggregate& counts, bool published_only,
         const std::string& language) {
        absl::StatusOr<q::Summary> summary =
            q::summarize(form, counts, {.published_only = published_only, .language = language});
        raise_handler_error();
        return io::summary_to_json(unwrap(std::move(summary)));
      },
      "questionnaire"_a, "aggregate"_a, "published_only"_a, "language"_a);
  m.def(
      "_cross_tabulate",
      [](const q::Questionnaire& form, const Responses& set, std::size_t by) {
        require_same_form(form, set);
        if (by == 0) throw_status(absl::InvalidArgumentError("questions are numbered from 1"));
        absl::StatusOr<q::CrossTabulation> split;
        {
          py::gil_scoped_release release;
          split = q::cross_tabulate(form, set.responses, by - 1);
        }
        raise_handler_error();
        q::CrossTabulation result = unwrap(std::move(split));
        return py::make_tuple(std::move(result.by_option), std::move(result.not_answered));
      },
      "questionnaire"_a, "responses"_a, "by"_a);
  m.def(
      "_tabulate_seconds",
      [](const q::Questionnaire& form, const Responses& set) {
        require_same_form(form, set);
        py::gil_scoped_release release;
        const auto start = std::chrono::steady_clock::now();
        const q::Tabulation tabulation = q::tabulate(form, set.responses);
        const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
        return seconds.count();
      },
      "questionnaire"_a, "responses"_a,
      "tabulate timed inside C++ (benchmarks/questionnaire_python.py compares the two).");
}

}  // namespace participa::python
