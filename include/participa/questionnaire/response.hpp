// participa/questionnaire/response.hpp — one respondent's answers, and what is wrong with them.
//
// A `Response` holds one `Answer` per question position (missing trailing answers are empty).
// An answer is given when it has text, a choice or a file. `validate` returns every problem of a
// response at once, in question order, each naming the question and the reason; an empty list
// means the response may be counted. Rules per type:
//   text (short, long, vendor)  text only; max_characters in code points; UTF-8.
//   single option               one choice; matrix single: at most one choice per row.
//   multiple option             distinct options, at most max_choices; matrix multiple: per row.
//   sorting                     every option exactly once, best first (a partial order is refused).
//   files                       references (names or URLs, one line each), never bytes.
//   free text                   only on an option that takes it; max_characters applies.
// A mandatory question must be answered when it is shown (a matrix: every row); a question its
// display conditions hide must not be answered; display-only questions take no answer.
//
//   std::vector<Problem> problems = validate(questionnaire, response);
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "participa/questionnaire/form.hpp"

namespace participa::questionnaire {

// Choice — an option chosen (a column of `row` for matrices), with the respondent's own words
// when the option takes free text. For sorting, choices are listed best first.
struct Choice {
  std::uint32_t option = 0;
  std::uint32_t row = 0;
  std::string free_text{};
  friend bool operator==(const Choice&, const Choice&) = default;
};

struct Answer {
  std::string text{};
  std::vector<Choice> choices{};
  std::vector<std::string> files{};

  bool given() const { return !text.empty() || !choices.empty() || !files.empty(); }
  friend bool operator==(const Answer&, const Answer&) = default;
};

struct Response {
  std::vector<Answer> answers{};  // by question position
  static inline const Answer kNone{};

  // answer(position) — the answer to that question; an empty one when none was given.
  const Answer& answer(std::size_t position) const {
    return position < answers.size() ? answers[position] : kNone;
  }
  friend bool operator==(const Response&, const Response&) = default;
};

// Problem — what is wrong with a response: the question's position and the reason.
struct Problem {
  std::size_t question = 0;
  std::string reason{};
  friend bool operator==(const Problem&, const Problem&) = default;
};

std::vector<Problem> validate(const Questionnaire& questionnaire, const Response& response);

// describe(questionnaire, problems) — "question 2: ...; question 5: ..." (labels are 1-based).
std::string describe(const std::vector<Problem>& problems);

}  // namespace participa::questionnaire
