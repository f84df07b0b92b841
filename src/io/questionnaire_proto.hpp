// src/io/questionnaire_proto.hpp — forms to and from their wire message; shared by the
// questionnaire files (questionnaire.cpp) and the surveys component's codecs.
#pragma once

#include "absl/status/statusor.h"
#include "participa/questionnaire/form.hpp"
#include "participa/v1/questionnaire.pb.h"

namespace participa::io::detail {

// form_from — InvalidArgument naming the question and field that is not understood.
absl::StatusOr<questionnaire::Form> form_from(const v1::Questionnaire& m);
v1::Questionnaire form_to(const questionnaire::Form& form);

}  // namespace participa::io::detail
