// question_types.hpp — vendor question types written in Python (questionnaire.QuestionTypes).
//
// A handler's callables are called with the GIL taken, since tabulate releases it. A callable
// that raises never passes for a verdict: the exception is kept, the answer or definition it
// was judging counts as a problem, and `raise_handler_error()` raises it again once the C++ call
// returns, so the caller sees the handler's own exception.
#pragma once

#include <pybind11/pybind11.h>

#include "participa/questionnaire/question_types.hpp"

namespace participa::python {

// python_handler — a QuestionTypeHandler calling these callables (None: not checked, no
// statistics): check_question(question) and check_answer(question, value) return problems (an
// iterable of text, or None); describe(question, values) gets [(value, count)] sorted by value
// and returns {name: value} with exact values (int, Fraction or text).
questionnaire::QuestionTypeHandler python_handler(pybind11::object check_question,
                                                  pybind11::object check_answer,
                                                  pybind11::object describe);

// raise_handler_error — raises the exception a handler kept, if any (call with the GIL held).
void raise_handler_error();

}  // namespace participa::python
