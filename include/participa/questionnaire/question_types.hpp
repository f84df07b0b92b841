// participa/questionnaire/question_types.hpp — question types vendors add by name.
//
// A vendor question (a numeric scale, a date, a budget allocation) is answered with one text
// value. Its handler checks the question's definition when a form is built, checks each answer,
// and turns the counted distinct values into statistics for the summary; the aggregate itself
// counts values like any text question's, so vendor answers merge across shards for free.
//
//   QuestionTypeRegistry types;
//   types.add("scale", {.check_answer = [](const Question&, std::string_view value,
//                                          std::vector<std::string>& problems) {
//     if (value.size() != 1 || value[0] < '1' || value[0] > '5') problems.push_back("not 1 to 5");
//   }});
//   auto q = Questionnaire::create(form, types);
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace participa::questionnaire {

struct Question;

// ValueCount — one distinct answer and how many respondents gave it.
struct ValueCount {
  std::string value{};
  std::uint64_t count = 0;
  friend bool operator==(const ValueCount&, const ValueCount&) = default;
};

// Statistic — one named figure a handler reports ("mean", "7/2").
struct Statistic {
  std::string name{};
  std::string value{};
  friend bool operator==(const Statistic&, const Statistic&) = default;
};

// Each member may be empty: nothing more is checked, no statistic is reported.
struct QuestionTypeHandler {
  // Appends a reason for each problem of the definition (options and rows are refused before).
  std::function<void(const Question&, std::vector<std::string>& problems)> check_question{};
  // Appends a reason for each problem of one (non-empty) answer.
  std::function<void(const Question&, std::string_view value, std::vector<std::string>& problems)>
      check_answer{};
  // Statistics over the distinct values (sorted by value) with their counts.
  std::function<std::vector<Statistic>(const Question&, const std::vector<ValueCount>& values)>
      describe{};
};

class QuestionTypeRegistry {
 public:
  // add(name, handler) — InvalidArgument for a name that is not lower-case words joined by '-'
  // or that a built-in type uses; AlreadyExists when the name is taken.
  absl::Status add(std::string name, QuestionTypeHandler handler);
  // find(name) — NotFound listing the registered names.
  absl::StatusOr<std::shared_ptr<const QuestionTypeHandler>> find(std::string_view name) const;
  std::vector<std::string> names() const;

 private:
  std::map<std::string, std::shared_ptr<const QuestionTypeHandler>, std::less<>> handlers_;
};

}  // namespace participa::questionnaire
