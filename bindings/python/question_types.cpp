#include "question_types.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "participa/core/strings.hpp"
#include "participa/questionnaire/form.hpp"

namespace participa::python {
namespace {

namespace py = pybind11;
namespace q = participa::questionnaire;

// The exception a handler raised, until the call that ran it returns. Read and written only
// with the GIL held, so one slot serves every thread.
std::optional<py::error_already_set>& kept_error() {
  static auto* slot = new std::optional<py::error_already_set>();
  return *slot;
}

// Callable — a Python callable that C++ may copy and drop without the GIL.
class Callable {
 public:
  explicit Callable(py::object function) : function_(std::move(function)) {}
  Callable(const Callable&) = delete;
  Callable& operator=(const Callable&) = delete;
  ~Callable() {
    py::gil_scoped_acquire gil;
    function_ = py::object();
  }
  const py::object& function() const { return function_; }

 private:
  py::object function_;
};

py::dict question_dict(const q::Question& question) {
  py::dict out;
  out["type"] = question.vendor_type;
  out["body"] = std::string(question.body.text());
  out["description"] = std::string(question.description.text());
  out["mandatory"] = question.mandatory;
  out["max_characters"] = question.max_characters;
  return out;
}

// guarded — runs `call`; false when it raised, the exception kept (the first one) for the
// call that ran the handler to raise.
template <class Call>
bool guarded(Call&& call) {
  try {
    call();
    return true;
  } catch (py::error_already_set& error) {
    if (!kept_error()) kept_error().emplace(std::move(error));
  } catch (py::builtin_exception& error) {
    error.set_error();
    py::error_already_set raised;
    if (!kept_error()) kept_error().emplace(std::move(raised));
  }
  return false;
}

void append_problems(const py::object& returned, std::vector<std::string>& problems) {
  if (returned.is_none()) return;
  for (py::handle problem : returned) {
    if (!py::isinstance<py::str>(problem)) {
      throw py::type_error(str_cat("a handler's problems are text, not ",
                                   std::string(py::str(py::type::of(problem).attr("__name__")))));
    }
    problems.push_back(problem.cast<std::string>());
  }
}

std::string exact_text(py::handle value) {
  static const auto* fraction = new py::object(py::module_::import("fractions").attr("Fraction"));
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  const bool whole = py::isinstance<py::int_>(value) && !py::isinstance<py::bool_>(value);
  if (whole || py::isinstance(value, *fraction)) return py::str(value).cast<std::string>();
  throw py::type_error(str_cat("a statistic is exact: an int, a Fraction or text, not ",
                               std::string(py::str(py::type::of(value).attr("__name__")))));
}

}  // namespace

q::QuestionTypeHandler python_handler(py::object check_question, py::object check_answer,
                                      py::object describe) {
  q::QuestionTypeHandler handler;
  if (!check_question.is_none()) {
    auto call = std::make_shared<Callable>(std::move(check_question));
    handler.check_question = [call](const q::Question& question,
                                    std::vector<std::string>& problems) {
      py::gil_scoped_acquire gil;
      if (!guarded([&] { append_problems(call->function()(question_dict(question)), problems); })) {
        problems.push_back("the question type's check_question raised an exception");
      }
    };
  }
  if (!check_answer.is_none()) {
    auto call = std::make_shared<Callable>(std::move(check_answer));
    handler.check_answer = [call](const q::Question& question, std::string_view value,
                                  std::vector<std::string>& problems) {
      py::gil_scoped_acquire gil;
      if (!guarded([&] {
            append_problems(
                call->function()(question_dict(question), py::str(value.data(), value.size())),
                problems);
          })) {
        problems.push_back("the question type's check_answer raised an exception");
      }
    };
  }
  if (!describe.is_none()) {
    auto call = std::make_shared<Callable>(std::move(describe));
    handler.describe = [call](const q::Question& question,
                              const std::vector<q::ValueCount>& values) {
      py::gil_scoped_acquire gil;
      std::vector<q::Statistic> out;
      const bool described = guarded([&] {
        py::list counted;
        for (const q::ValueCount& v : values) counted.append(py::make_tuple(v.value, v.count));
        py::object returned = call->function()(question_dict(question), counted);
        if (!py::isinstance<py::dict>(returned)) {
          throw py::type_error("describe returns a dict of statistics, {name: value}");
        }
        for (auto [name, value] : returned.cast<py::dict>()) {
          out.push_back({py::str(name).cast<std::string>(), exact_text(value)});
        }
      });
      if (!described) out.clear();
      return out;
    };
  }
  return handler;
}

void raise_handler_error() {
  if (!kept_error()) return;
  py::error_already_set error = std::move(*kept_error());
  kept_error().reset();
  throw error;
}

}  // namespace participa::python
