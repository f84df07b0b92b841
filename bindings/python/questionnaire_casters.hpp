// questionnaire_casters.hpp — how the components' questionnaire values cross into Python: a
// form is a participa.questionnaire.Questionnaire (checked when it comes out, so a form a record
// holds reads as the object a caller built); an answer is a dict {"text", "choices": [{"option",
// "row", "free_text"}], "files"} with options and rows numbered from 1 as in the JSONL files; a
// response is a list of answers, the first for question 1.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "participa/questionnaire/form.hpp"
#include "participa/questionnaire/response.hpp"
#include "status.hpp"

namespace pybind11::detail {

template <>
struct type_caster<participa::questionnaire::Form> {
  PYBIND11_TYPE_CASTER(participa::questionnaire::Form,
                       const_name("participa.questionnaire.Questionnaire"));
  bool load(handle source, bool) {
    if (!isinstance<participa::questionnaire::Questionnaire>(source)) return false;
    value = source.cast<const participa::questionnaire::Questionnaire&>().form();
    return true;
  }
  static handle cast(const participa::questionnaire::Form& form, return_value_policy, handle) {
    absl::StatusOr<participa::questionnaire::Questionnaire> checked =
        participa::questionnaire::Questionnaire::create(form);
    if (!checked.ok()) participa::python::throw_status(checked.status());
    return pybind11::cast(*std::move(checked)).release();
  }
};

template <>
struct type_caster<participa::questionnaire::Answer> {
  PYBIND11_TYPE_CASTER(participa::questionnaire::Answer, const_name("Dict[str, Any]"));
  bool load(handle source, bool) {
    if (!isinstance<dict>(source)) return false;
    value = participa::questionnaire::Answer{};
    for (auto [key, item] : reinterpret_borrow<dict>(source)) {
      const std::string field_name = str(key);
      if (field_name == "text") {
        value.text = item.cast<std::string>();
      } else if (field_name == "files") {
        value.files = item.cast<std::vector<std::string>>();
      } else if (field_name == "choices") {
        for (handle entry : reinterpret_borrow<iterable>(item)) {
          participa::questionnaire::Choice choice;
          std::uint32_t option = 0, row = 1;
          for (auto [choice_key, number] : entry.cast<dict>()) {
            const std::string field = str(choice_key);
            if (field == "option") {
              option = number.cast<std::uint32_t>();
            } else if (field == "row") {
              row = number.cast<std::uint32_t>();
            } else if (field == "free_text") {
              choice.free_text = number.cast<std::string>();
            } else {
              throw value_error("a choice has option, row and free_text, not '" + field + "'");
            }
          }
          if (option == 0 || row == 0) {
            throw value_error("a choice names its option (and row) by number, from 1");
          }
          choice.option = option - 1;
          choice.row = row - 1;
          value.choices.push_back(std::move(choice));
        }
      } else {
        throw value_error("an answer has text, choices and files, not '" + field_name + "'");
      }
    }
    return true;
  }
  static handle cast(const participa::questionnaire::Answer& answer, return_value_policy, handle) {
    dict out;
    if (!answer.text.empty()) out["text"] = answer.text;
    if (!answer.choices.empty()) {
      list choices;
      for (const participa::questionnaire::Choice& choice : answer.choices) {
        dict entry;
        entry["option"] = choice.option + 1;
        if (choice.row != 0) entry["row"] = choice.row + 1;
        if (!choice.free_text.empty()) entry["free_text"] = choice.free_text;
        choices.append(entry);
      }
      out["choices"] = choices;
    }
    if (!answer.files.empty()) out["files"] = answer.files;
    return out.release();
  }
};

template <>
struct type_caster<participa::questionnaire::Response> {
  PYBIND11_TYPE_CASTER(participa::questionnaire::Response, const_name("List[Dict[str, Any]]"));
  bool load(handle source, bool convert) {
    if (!isinstance<list>(source) && !isinstance<tuple>(source)) return false;
    value = participa::questionnaire::Response{};
    for (handle item : reinterpret_borrow<sequence>(source)) {
      make_caster<participa::questionnaire::Answer> answer;
      if (!answer.load(item, convert)) return false;
      value.answers.push_back(cast_op<participa::questionnaire::Answer&&>(std::move(answer)));
    }
    return true;
  }
  static handle cast(const participa::questionnaire::Response& response, return_value_policy policy,
                     handle parent) {
    list out;
    for (const participa::questionnaire::Answer& answer : response.answers) {
      out.append(reinterpret_steal<object>(
          make_caster<participa::questionnaire::Answer>::cast(answer, policy, parent)));
    }
    return out.release();
  }
};

}  // namespace pybind11::detail
