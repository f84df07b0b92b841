// Private: visibility and validation in reusable buffers, so counting a million responses
// works out each response's visibility once and allocates nothing per response.
#pragma once

#include <vector>

#include "participa/questionnaire/form.hpp"
#include "participa/questionnaire/response.hpp"

namespace participa::questionnaire {

// visible_into — visible(), written into `shown` so a loop over responses reuses one buffer.
void visible_into(const Questionnaire& questionnaire, const Response& response,
                  std::vector<bool>& shown);

void check_response(const Questionnaire& questionnaire, const Response& response,
                    const std::vector<bool>& shown, std::vector<Problem>& problems);

}  // namespace participa::questionnaire
