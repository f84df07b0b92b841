// participa/space/authorization.hpp — verified facts about a participant, and the
// requirements an action can place on them.
//
// An `Authorization` is granted to a participant by a named handler (a census check, an
// identity document reviewed by an officer, ...) with attributes such as a postal code, a
// birth date or a scope. A component may require, per action, one or more handlers with
// options; `check_requirement` answers what Decidim's action authorizer answers: ok, missing,
// expired, pending, unauthorized or incomplete, with the reason.
//
// Handlers and option matchers are registries, so a platform adds its own without editing
// participa:
//   * `register_authorization_handler({"census", {"postal_code", "birth_date"}})` declares a
//     handler and the attributes every grant must carry.
//   * `register_option_matcher("minimum_age", matcher)` makes the option `minimum_age`
//     mean what `matcher` says. An option with no matcher of its name compares for equality
//     with the attribute of the same name.
// Built in: handler "census" (postal_code, birth_date); options `<attribute>` (equality),
// `<attribute>_in` (a comma-separated list that must contain the attribute), `minimum_age`
// (years, from the attribute birth_date, YYYY-MM-DD, at the time of the action) and `scope`
// (the attribute scope must be that scope or one of its descendants).
//
// Registries are safe to read from many threads; register at start-up.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "participa/core/names.hpp"
#include "participa/space/ids.hpp"

namespace participa::space {

using Attributes = std::map<std::string, std::string, std::less<>>;

// Authorization — one handler's grant to one participant.
struct Authorization {
  std::string handler{};
  // unique_id — the handler's key for the person (a hashed document number): one person
  // cannot hold the same handler's authorization on two accounts.
  std::string unique_id{};
  Attributes attributes{};
  absl::Time granted_at = absl::InfinitePast();
  std::optional<absl::Time> expires_at{};
  // pending — the handler's workflow is not finished (a letter code not yet typed in).
  bool pending = false;
  friend bool operator==(const Authorization&, const Authorization&) = default;
};

enum class AuthorizationStatus { kOk, kMissing, kExpired, kPending, kUnauthorized, kIncomplete };
inline constexpr std::array<Named<AuthorizationStatus>, 6> kAuthorizationStatusNames = {{
    {AuthorizationStatus::kOk, "ok"},
    {AuthorizationStatus::kMissing, "missing"},
    {AuthorizationStatus::kExpired, "expired"},
    {AuthorizationStatus::kPending, "pending"},
    {AuthorizationStatus::kUnauthorized, "unauthorized"},
    {AuthorizationStatus::kIncomplete, "incomplete"},
}};

// Requirement — an action needs `handler`'s authorization, satisfying every option.
struct Requirement {
  std::string handler{};
  Attributes options{};
  friend bool operator==(const Requirement&, const Requirement&) = default;
};

// Verdict — the answer for one requirement; `reason` says what to do when not ok.
struct Verdict {
  AuthorizationStatus status = AuthorizationStatus::kOk;
  std::string reason{};
};

// ScopeAncestry — answers whether `scope` is `ancestor` or lies below it.
using ScopeAncestry = std::function<bool(std::string_view scope, std::string_view ancestor)>;

struct OptionContext {
  absl::Time now{};
  ScopeAncestry within_scope{};
};

// OptionMatcher — checks one option value against an authorization: kOk, kUnauthorized, or
// kIncomplete when the attribute it needs is absent.
using OptionMatcher = std::function<Verdict(std::string_view option, std::string_view value,
                                            const Authorization&, const OptionContext&)>;

struct AuthorizationHandler {
  std::string name{};
  // required_attributes — attributes every grant must carry.
  std::vector<std::string> required_attributes{};
};

// register_authorization_handler — AlreadyExists if the name is taken, InvalidArgument if empty.
absl::Status register_authorization_handler(AuthorizationHandler handler);
// find_authorization_handler — NotFound listing the registered names.
absl::StatusOr<AuthorizationHandler> find_authorization_handler(std::string_view name);
absl::Status register_option_matcher(std::string name, OptionMatcher matcher);

// check_requirement — the verdict for `requirement` given the participant's authorization by
// that handler (nullptr when they have none).
Verdict check_requirement(const Requirement& requirement, const Authorization* authorization,
                          const OptionContext& context);

// age_on(birth_date, when) — whole years; InvalidArgument unless birth_date is YYYY-MM-DD.
absl::StatusOr<int> age_on(std::string_view birth_date, absl::Time when);

}  // namespace participa::space
