// Private: validation with the visibility already worked out, so counting computes it once.
#pragma once

#include <vector>

#include "participa/questionnaire/form.hpp"
#include "participa/questionnaire/response.hpp"

namespace participa::questionnaire {

void check_response(const Questionnaire& questionnaire, const Response& response,
                    const std::vector<bool>& shown, std::vector<Problem>& problems);

}  // namespace participa::questionnaire
