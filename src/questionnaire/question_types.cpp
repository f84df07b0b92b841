#include "participa/questionnaire/question_types.hpp"

#include <utility>

#include "absl/strings/str_join.h"
#include "participa/core/strings.hpp"
#include "participa/questionnaire/form.hpp"

namespace participa::questionnaire {
namespace {

bool is_type_name(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.back() == '-') return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return name.find("--") == std::string_view::npos;
}

}  // namespace

absl::Status QuestionTypeRegistry::add(std::string name, QuestionTypeHandler handler) {
  if (!is_type_name(name)) {
    return absl::InvalidArgumentError(str_cat(
        "question type name '", name, "' is not lower-case letters and digits joined by '-'"));
  }
  for (const auto& builtin : kQuestionTypeNames) {
    if (builtin.name == name) {
      return absl::InvalidArgumentError(
          str_cat("question type name '", name, "' is a built-in type"));
    }
  }
  if (handlers_.contains(name)) {
    return absl::AlreadyExistsError(str_cat("question type '", name, "' is already registered"));
  }
  handlers_.emplace(std::move(name),
                    std::make_shared<const QuestionTypeHandler>(std::move(handler)));
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const QuestionTypeHandler>> QuestionTypeRegistry::find(
    std::string_view name) const {
  if (auto it = handlers_.find(name); it != handlers_.end()) return it->second;
  const std::vector<std::string> known = names();
  return absl::NotFoundError(
      str_cat("question type '", name, "' is not registered",
              known.empty() ? std::string(" (none is)")
                            : str_cat(" (registered: ", absl::StrJoin(known, ", "), ")")));
}

std::vector<std::string> QuestionTypeRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, handler] : handlers_) out.push_back(name);
  return out;
}

}  // namespace participa::questionnaire
