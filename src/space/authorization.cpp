#include "participa/space/authorization.hpp"

#include <algorithm>
#include <mutex>
#include <shared_mutex>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "participa/core/strings.hpp"

namespace participa::space {
namespace {

Verdict ok() { return {}; }

Verdict attribute_missing(std::string_view attribute, const Authorization& authorization) {
  return {AuthorizationStatus::kIncomplete,
          str_cat("the '", authorization.handler, "' authorization has no ", attribute,
                  "; verify again with it")};
}

Verdict match_minimum_age(std::string_view, std::string_view value,
                          const Authorization& authorization, const OptionContext& context) {
  auto birth = authorization.attributes.find("birth_date");
  if (birth == authorization.attributes.end())
    return attribute_missing("birth_date", authorization);
  absl::StatusOr<int> age = age_on(birth->second, context.now);
  if (!age.ok()) return {AuthorizationStatus::kIncomplete, std::string(age.status().message())};
  int minimum = 0;
  if (!absl::SimpleAtoi(absl::string_view(value.data(), value.size()), &minimum)) {
    return {AuthorizationStatus::kUnauthorized,
            str_cat("the option minimum_age '", value, "' is not a number of years")};
  }
  if (*age < minimum) {
    return {AuthorizationStatus::kUnauthorized,
            str_cat("only people aged ", minimum, " or more may take part")};
  }
  return ok();
}

Verdict match_scope(std::string_view, std::string_view value, const Authorization& authorization,
                    const OptionContext& context) {
  auto scope = authorization.attributes.find("scope");
  if (scope == authorization.attributes.end()) return attribute_missing("scope", authorization);
  if (!context.within_scope || !context.within_scope(scope->second, value)) {
    return {AuthorizationStatus::kUnauthorized,
            str_cat("scope '", scope->second, "' is not within scope '", value, "'")};
  }
  return ok();
}

struct Registry {
  std::shared_mutex mutex;
  std::map<std::string, AuthorizationHandler, std::less<>> handlers;
  std::map<std::string, OptionMatcher, std::less<>> matchers;

  Registry() {
    handlers.emplace("census", AuthorizationHandler{"census", {"postal_code", "birth_date"}});
    matchers.emplace("minimum_age", match_minimum_age);
    matchers.emplace("scope", match_scope);
  }
};

Registry& registry() {
  static Registry* instance = new Registry();
  return *instance;
}

Verdict match_option(std::string_view option, std::string_view value,
                     const Authorization& authorization, const OptionContext& context) {
  {
    Registry& r = registry();
    std::shared_lock lock(r.mutex);
    if (auto it = r.matchers.find(option); it != r.matchers.end()) {
      OptionMatcher matcher = it->second;
      lock.unlock();
      return matcher(option, value, authorization, context);
    }
  }
  bool is_list = option.size() > 3 && option.substr(option.size() - 3) == "_in";
  std::string_view attribute = is_list ? option.substr(0, option.size() - 3) : option;
  auto held = authorization.attributes.find(attribute);
  if (held == authorization.attributes.end()) return attribute_missing(attribute, authorization);
  bool allowed = false;
  if (is_list) {
    for (absl::string_view item :
         absl::StrSplit(absl::string_view(value.data(), value.size()), ',')) {
      if (absl::StripAsciiWhitespace(item) == held->second) allowed = true;
    }
  } else {
    allowed = held->second == value;
  }
  if (!allowed) {
    return {AuthorizationStatus::kUnauthorized, str_cat(attribute, " '", held->second, "' is not ",
                                                        is_list ? "one of " : "", "'", value, "'")};
  }
  return ok();
}

}  // namespace

absl::Status register_authorization_handler(AuthorizationHandler handler) {
  if (handler.name.empty()) {
    return absl::InvalidArgumentError("an authorization handler needs a name");
  }
  Registry& r = registry();
  std::unique_lock lock(r.mutex);
  if (r.handlers.contains(handler.name)) {
    return absl::AlreadyExistsError(
        str_cat("authorization handler '", handler.name, "' is already registered"));
  }
  std::string name = handler.name;
  r.handlers.emplace(std::move(name), std::move(handler));
  return absl::OkStatus();
}

absl::StatusOr<AuthorizationHandler> find_authorization_handler(std::string_view name) {
  Registry& r = registry();
  std::shared_lock lock(r.mutex);
  if (auto it = r.handlers.find(name); it != r.handlers.end()) return it->second;
  std::vector<std::string> names;
  for (const auto& [known, handler] : r.handlers) names.push_back(known);
  return absl::NotFoundError(str_cat("authorization handler '", name, "' is not registered (",
                                     absl::StrJoin(names, ", "), ")"));
}

absl::Status register_option_matcher(std::string name, OptionMatcher matcher) {
  if (name.empty() || !matcher) {
    return absl::InvalidArgumentError("an option matcher needs a name and a function");
  }
  Registry& r = registry();
  std::unique_lock lock(r.mutex);
  if (r.matchers.contains(name)) {
    return absl::AlreadyExistsError(str_cat("option matcher '", name, "' is already registered"));
  }
  r.matchers.emplace(std::move(name), std::move(matcher));
  return absl::OkStatus();
}

Verdict check_requirement(const Requirement& requirement, const Authorization* authorization,
                          const OptionContext& context) {
  if (authorization == nullptr) {
    return {AuthorizationStatus::kMissing,
            str_cat("an authorization by '", requirement.handler, "' is needed; verify first")};
  }
  if (authorization->pending) {
    return {AuthorizationStatus::kPending,
            str_cat("the '", requirement.handler, "' verification is not finished")};
  }
  if (authorization->expires_at && *authorization->expires_at <= context.now) {
    return {AuthorizationStatus::kExpired,
            str_cat("the '", requirement.handler, "' authorization expired on ",
                    absl::FormatTime("%Y-%m-%d", *authorization->expires_at, absl::UTCTimeZone()),
                    "; renew it")};
  }
  for (const auto& [option, value] : requirement.options) {
    Verdict verdict = match_option(option, value, *authorization, context);
    if (verdict.status != AuthorizationStatus::kOk) return verdict;
  }
  return ok();
}

absl::StatusOr<int> age_on(std::string_view birth_date, absl::Time when) {
  absl::CivilDay day;
  if (birth_date.size() != 10 ||
      !absl::ParseCivilTime(absl::string_view(birth_date.data(), birth_date.size()), &day)) {
    return absl::InvalidArgumentError(
        str_cat("birth date '", birth_date, "' is not a date (YYYY-MM-DD)"));
  }
  absl::CivilDay today = absl::ToCivilDay(when, absl::UTCTimeZone());
  int age = static_cast<int>(today.year() - day.year());
  if (today.month() < day.month() || (today.month() == day.month() && today.day() < day.day())) {
    --age;
  }
  return age;
}

}  // namespace participa::space
