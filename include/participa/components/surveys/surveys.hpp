// participa/components/surveys/surveys.hpp — the surveys component: a questionnaire in a space,
// answered while it is open, each respondent counted once, results published per question.
//
// Register once with `register_kind()` (vendor question types go in its registry); a space then
// adds components of kind "surveys". An admin sets the form (`FormSet`); respondents answer with
// `ResponseSubmitted`; after the survey closes an admin publishes results (`ResultsPublished`).
//
// Respondents are counted by a salted token (questionnaire/respondent.hpp), never by who they
// are, and one token holds one response: answering again replaces the response when
// `allow_editing_answers` holds, and is refused otherwise. The token is
//   * a registered participant's account (`respondent_identity` "account", the default), or
//     their authorization's unique id from `census_handler` ("census-token": one response per
//     person, whichever account they use);
//   * for a visitor (no participant, allowed by `allow_unregistered`), the session the
//     application gives, with the hash of the address it came from kept beside it to spot
//     floods. A paper response typed in by an officer is a visitor's in person, its session the
//     form's serial number.
// The record keeps the actor of every event, so the organization can audit who answered;
// results and exports name only tokens.
//
// The form may not change once responses exist, unless the survey is unpublished and the
// change clears them (`FormSet::clear_responses`). Results are published per question, and only
// once answers are closed.
//
// Settings (global): respondent_identity ("account" or "census-token"), census_handler
// (default "census"), allow_unregistered.
// Settings (per phase): allow_answers, allow_editing_answers, starts_at, ends_at (RFC 3339
// times; empty: no bound; answers are taken from starts_at until before ends_at).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "participa/core/digest.hpp"
#include "participa/questionnaire/aggregate.hpp"
#include "participa/questionnaire/form.hpp"
#include "participa/questionnaire/question_types.hpp"
#include "participa/questionnaire/summary.hpp"
#include "participa/space/ids.hpp"
#include "participa/space/organization.hpp"

namespace participa::components::surveys {

inline constexpr std::string_view kKind = "surveys";

// The form, by an admin. An empty salt is given one at random; a form whose questions say
// their results are published is refused (results are published with ResultsPublished).
struct FormSet {
  questionnaire::Form form{};
  // Deletes every response; only while the component is unpublished.
  bool clear_responses = false;
};

// A response. `session` and `ip_address` are what the command brings; decide turns them into
// `respondent` and `ip_hash` and clears them, so the record keeps no session or address.
struct ResponseSubmitted {
  questionnaire::Response response{};
  std::string session{};
  std::string ip_address{};
  Digest respondent{};
  Digest ip_hash{};  // all zero when no address was given
  bool replaces = false;
};

// Publishes (or withdraws, with published = false) the results of the questions at these
// positions (from 0); display-only questions have none.
struct ResultsPublished {
  std::vector<std::size_t> questions{};
  bool published = true;
};

using Payload = std::variant<FormSet, ResponseSubmitted, ResultsPublished>;

std::string_view payload_name(const Payload& payload);

struct StoredResponse {
  questionnaire::Response response{};
  Digest ip_hash{};
  space::Channel channel = space::Channel::kOnline;
  absl::Time submitted_at = absl::InfinitePast();
  std::uint32_t edits = 0;  // how many times it was replaced
  friend bool operator==(const StoredResponse&, const StoredResponse&) = default;
};

struct State {
  // The form, its questions' results_published set as published; none until FormSet.
  std::optional<questionnaire::Questionnaire> questionnaire{};
  std::map<Digest, StoredResponse> responses{};  // by respondent token
  friend bool operator==(const State&, const State&) = default;
};

// register_kind — registers "surveys" with the vendor question types forms may use; later
// calls do nothing (the first registry stays).
void register_kind(const questionnaire::QuestionTypeRegistry& types = {});
// question_types — the registry the kind was registered with (empty before): snapshots and
// readers of the record rebuild forms with it.
const questionnaire::QuestionTypeRegistry& question_types();

// state_of — the surveys state of a component; NotFound / InvalidArgument when the component
// does not exist or is of another kind.
absl::StatusOr<const State*> state_of(const space::Organization& organization,
                                      ComponentId component);

// tabulate — the aggregate of every response; FailedPrecondition before the form is set.
absl::StatusOr<questionnaire::Tabulation> tabulate(const State& state);

// results — the summary of the questions whose results are published (every question with
// `all`, for the survey's admins).
absl::StatusOr<questionnaire::Summary> results(const State& state, bool all = false,
                                               std::string language = {});

}  // namespace participa::components::surveys
