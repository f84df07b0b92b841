// src/io/questionnaire_proto.hpp — forms and responses to and from their wire messages; shared
// by the questionnaire files (questionnaire.cpp) and the codecs of the components that hold
// forms (surveys, meetings).
#pragma once

#include "absl/status/statusor.h"
#include "participa/questionnaire/form.hpp"
#include "participa/questionnaire/response.hpp"
#include "participa/v1/questionnaire.pb.h"

namespace participa::io::detail {

// form_from — InvalidArgument naming the question and field that is not understood.
absl::StatusOr<questionnaire::Form> form_from(const v1::Questionnaire& m);
v1::Questionnaire form_to(const questionnaire::Form& form);

void response_to(const questionnaire::Response& response, v1::QuestionnaireResponse& m);
// response_from — DataLoss when the answers are not numbered 1, 2, ... or a choice has no
// option or row.
absl::StatusOr<questionnaire::Response> response_from(const v1::QuestionnaireResponse& m);

}  // namespace participa::io::detail
