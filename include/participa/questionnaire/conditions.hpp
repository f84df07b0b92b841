// participa/questionnaire/conditions.hpp — which questions a respondent is shown.
//
// A condition on question Q points to an earlier question S and holds when:
//   answered      S has an answer;
//   not-answered  S has none;
//   equal         S's answer chooses the condition's option;
//   not-equal     S has an answer and it does not choose that option;
//   match         the pattern occurs in S's text, or in a chosen option's text (any language)
//                 or free text, ignoring case.
// Q is shown when every mandatory condition holds; with no mandatory condition, when at least
// one optional condition holds; with no condition at all, always. A hidden question counts as
// not answered for the questions after it.
//
// Patterns: '*' stands for any run of characters and '?' for one; every other character stands
// for itself, compared without case (simple case folding of Latin, Greek and Cyrillic letters).
// A pattern matches when it matches some part of the text. Patterns are not regular expressions:
// a form's author must not be able to make counting a response take exponential time.
//
//   std::vector<bool> shown = visible(questionnaire, response);
#pragma once

#include <string_view>
#include <vector>

#include "participa/questionnaire/form.hpp"
#include "participa/questionnaire/response.hpp"

namespace participa::questionnaire {

// visible(questionnaire, response) — for each question position, whether it is shown.
std::vector<bool> visible(const Questionnaire& questionnaire, const Response& response);

// pattern_matches(pattern, text) — the rule above; linear in |pattern| × |text| at worst.
bool pattern_matches(std::string_view pattern, std::string_view text);

}  // namespace participa::questionnaire
