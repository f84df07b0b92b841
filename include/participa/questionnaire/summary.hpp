// participa/questionnaire/summary.hpp — an aggregate read back as results people can check.
//
// Every share has an exact denominator, and both are given: respondents who answered the
// question and respondents it was shown to (a hidden question was not skipped). Option shares of
// a multiple-option question may add up to more than 1: each option is counted on its own.
// Sorting questions are ranked by Borda through the tally layer (position k of m options gets
// m-1-k points), with each option's count at every position. Texts are listed most frequent
// first, then by text. Display-only questions are left out.
//
//   absl::StatusOr<Summary> s = summarize(questionnaire, aggregate, {.published_only = true});
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/core/digest.hpp"
#include "participa/core/rational.hpp"
#include "participa/questionnaire/aggregate.hpp"
#include "participa/questionnaire/form.hpp"
#include "participa/tally/result.hpp"

namespace participa::questionnaire {

struct OptionResult {
  std::string option{};
  std::uint64_t count = 0;
  Rational share_of_answered{};  // count / answered (of the row, for matrices); 0 when none
  Rational share_of_shown{};     // count / shown; 0 when shown to nobody
  std::vector<ValueCount> free_texts{};
  friend bool operator==(const OptionResult&, const OptionResult&) = default;
};

struct RowResult {
  std::string row{};
  std::uint64_t answered = 0;
  std::vector<OptionResult> options{};
  friend bool operator==(const RowResult&, const RowResult&) = default;
};

// SortedOption — one option of a sorting question: how many put it at each position (best
// first) and its Borda points.
struct SortedOption {
  std::string option{};
  std::vector<std::uint64_t> positions{};
  Rational points{};
  friend bool operator==(const SortedOption&, const SortedOption&) = default;
};

struct QuestionResult {
  std::size_t position = 0;
  QuestionType type = QuestionType::kShortText;
  std::string vendor_type{};
  std::string label{};  // "3. Which entrance?"
  std::uint64_t shown = 0;
  std::uint64_t answered = 0;
  std::uint64_t skipped = 0;               // shown and not answered
  std::vector<OptionResult> options{};     // single and multiple option
  std::vector<RowResult> rows{};           // matrices
  std::vector<SortedOption> sorting{};     // sorting, in option order
  std::optional<tally::Result> ranking{};  // sorting: Borda's ranking, with its round of points
  std::vector<ValueCount> texts{};         // text and vendor answers
  std::vector<Statistic> statistics{};     // vendor types
  std::uint64_t files = 0;
  friend bool operator==(const QuestionResult&, const QuestionResult&) = default;
};

struct Summary {
  Digest form{};
  std::string title{};
  std::uint64_t respondents = 0;
  std::vector<QuestionResult> questions{};
  friend bool operator==(const Summary&, const Summary&) = default;
};

struct SummaryOptions {
  // Only questions whose results are published (open data, public results pages).
  bool published_only = false;
  // Language of the labels; the form's default language when empty or missing.
  std::string language{};
};

// summarize — FailedPrecondition when the aggregate is of another form or holds a merge
// conflict.
absl::StatusOr<Summary> summarize(const Questionnaire& questionnaire, const Aggregate& aggregate,
                                  const SummaryOptions& options = {});

}  // namespace participa::questionnaire
