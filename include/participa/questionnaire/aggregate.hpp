// participa/questionnaire/aggregate.hpp — counting responses, per option and never per
// combination, in values that merge across shards.
//
// An `Aggregate` counts, for each question: the respondents it was shown to and those who
// answered it; each option's choices (multiple options count once each: choosing A and B adds
// one to A and one to B, never to "A and B"); matrices per row × option and the respondents who
// answered each row; every full order of a sorting question; text answers and vendor values
// with how many gave each; free texts with the option they were written under; files named.
// `add` validates the response first and counts nothing of an invalid one.
//
// Aggregates are Mergeable (core/mergeable.hpp): count shards apart and `+=` them in any order
// and grouping for the same value. Merging aggregates of different forms is an error kept in the
// value: status() says so, and summaries refuse it.
//
//   Aggregate total(questionnaire);
//   for (const Response& r : responses) PARTICIPA_RETURN_IF_ERROR(total.add(questionnaire, r));
//   Tabulation t = tabulate(questionnaire, responses);   // counts the valid, lists the rest
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "participa/core/digest.hpp"
#include "participa/questionnaire/form.hpp"
#include "participa/questionnaire/response.hpp"

namespace participa::questionnaire {

struct Tabulation;
struct CrossTabulation;
struct Rejection;

struct QuestionCounts {
  std::uint64_t shown = 0;
  std::uint64_t answered = 0;
  // Choices per option; for matrices per row × option, row-major (row * options + option).
  std::vector<std::uint64_t> choices{};
  // Matrices: respondents who answered each row.
  std::vector<std::uint64_t> rows_answered{};
  // Text answers and vendor values, each distinct value with how many gave it.
  absl::flat_hash_map<std::string, std::uint64_t> texts{};
  // Free texts: (option, words) with how many wrote them (matrices: option of any row).
  absl::flat_hash_map<std::pair<std::uint32_t, std::string>, std::uint64_t> free_texts{};
  // Sorting: each full order (options best first) with how many gave it.
  absl::flat_hash_map<std::vector<std::uint32_t>, std::uint64_t> orders{};
  std::uint64_t files = 0;

  friend bool operator==(const QuestionCounts&, const QuestionCounts&) = default;
};

class Aggregate {
 public:
  // The empty aggregate: the identity of +=, of no form yet.
  Aggregate() = default;
  explicit Aggregate(const Questionnaire& questionnaire);

  // add — counts one response. InvalidArgument with every problem (validate's) and nothing
  // counted when it is invalid; FailedPrecondition for an aggregate of another form.
  absl::Status add(const Questionnaire& questionnaire, const Response& response);

  Aggregate& operator+=(const Aggregate& other);

  // OK, or FailedPrecondition when aggregates of different forms were merged into this one.
  absl::Status status() const;
  const Digest& form() const { return form_; }
  std::uint64_t respondents() const { return respondents_; }
  const std::vector<QuestionCounts>& questions() const { return questions_; }

  friend bool operator==(const Aggregate& a, const Aggregate& b) {
    return a.form_ == b.form_ && a.conflict_ == b.conflict_ && a.respondents_ == b.respondents_ &&
           a.questions_ == b.questions_;
  }

 private:
  friend Tabulation tabulate(const Questionnaire&, std::span<const Response>);
  friend absl::StatusOr<CrossTabulation> cross_tabulate(const Questionnaire&,
                                                        std::span<const Response>, std::size_t,
                                                        std::vector<Rejection>*);
  // Counts a valid response; `order` is scratch space for sorting answers.
  void count(const Questionnaire& questionnaire, const Response& response,
             const std::vector<bool>& shown, std::vector<std::uint32_t>& order);

  Digest form_;
  bool has_form_ = false;
  bool conflict_ = false;
  std::uint64_t respondents_ = 0;
  std::vector<QuestionCounts> questions_;
};

// Rejection — a response that was not counted, by its index in the input, and why.
struct Rejection {
  std::size_t response = 0;
  std::vector<Problem> problems{};
  friend bool operator==(const Rejection&, const Rejection&) = default;
};

struct Tabulation {
  Aggregate aggregate{};
  std::vector<Rejection> rejected{};
};

// tabulate(questionnaire, responses) — counts every valid response and lists every invalid one.
Tabulation tabulate(const Questionnaire& questionnaire, std::span<const Response> responses);

// CrossTabulation — the responses split by the option chosen in one single-option question
// (answers by district, by age band): one aggregate per option, one for those who did not
// answer it. Mergeable like Aggregate.
struct CrossTabulation {
  std::size_t by = 0;
  std::vector<Aggregate> by_option{};
  Aggregate not_answered{};
  // Set when cross-tabulations by different questions were merged; summaries refuse it.
  bool conflict = false;

  CrossTabulation& operator+=(const CrossTabulation& other);
  friend bool operator==(const CrossTabulation&, const CrossTabulation&) = default;
};

// cross_tabulate(questionnaire, responses, by) — InvalidArgument unless `by` is a single-option
// question; invalid responses are listed in `rejected` and counted nowhere.
absl::StatusOr<CrossTabulation> cross_tabulate(const Questionnaire& questionnaire,
                                               std::span<const Response> responses, std::size_t by,
                                               std::vector<Rejection>* rejected = nullptr);

}  // namespace participa::questionnaire
