#include "participa/components/surveys/surveys.hpp"

#include <algorithm>
#include <mutex>

#include "participa/core/names.hpp"
#include "participa/core/overloaded.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"
#include "participa/questionnaire/respondent.hpp"
#include "participa/questionnaire/response.hpp"
#include "participa/space/component_kind.hpp"

namespace participa::components::surveys {
namespace {

namespace q = participa::questionnaire;
using space::ActionContext;
using space::EventContext;
using space::setting_bool;
using space::setting_text;
using space::Settings;
using space::SettingScope;
using space::SettingSpec;

// Sessions and addresses are an application's identifiers, not text people type; the bounds
// keep one command small.
constexpr std::size_t kMaxSession = 256;
constexpr std::size_t kMaxAddress = 64;

const std::vector<SettingSpec>& specs() {
  static const auto* all = new std::vector<SettingSpec>{
      {"respondent_identity", std::string("account"), SettingScope::kGlobal, 0},
      {"census_handler", std::string("census"), SettingScope::kGlobal, 0},
      {"allow_unregistered", false, SettingScope::kGlobal, 0},
      {"allow_answers", false, SettingScope::kPhase, 0},
      {"allow_editing_answers", false, SettingScope::kPhase, 0},
      {"starts_at", std::string(), SettingScope::kPhase, 0},
      {"ends_at", std::string(), SettingScope::kPhase, 0},
  };
  return *all;
}

constexpr std::array<std::string_view, 1> kActions = {"respond"};

// parse_bound — a window bound: none when empty.
absl::StatusOr<std::optional<absl::Time>> parse_bound(const Settings& values,
                                                      std::string_view name) {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  const auto* text = std::get_if<std::string>(&it->second);
  if (text == nullptr || text->empty()) return std::nullopt;
  absl::Time when;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, *text, &when, &error)) {
    return absl::InvalidArgumentError(str_cat("setting ", name, " '", *text,
                                              "' is not an RFC 3339 time such as "
                                              "2027-03-01T09:00:00Z (",
                                              error, ")"));
  }
  return when;
}

// closed_reason — why answers are not taken now, or empty when they are.
absl::StatusOr<std::string> closed_reason(const Settings& settings, absl::Time now) {
  if (!setting_bool(settings, "allow_answers")) return std::string("answers are not allowed now");
  PARTICIPA_ASSIGN_OR_RETURN(std::optional<absl::Time> starts, parse_bound(settings, "starts_at"));
  PARTICIPA_ASSIGN_OR_RETURN(std::optional<absl::Time> ends, parse_bound(settings, "ends_at"));
  if (starts && now < *starts) {
    return str_cat("the survey opens at ",
                   absl::FormatTime(absl::RFC3339_sec, *starts, absl::UTCTimeZone()));
  }
  if (ends && now >= *ends) {
    return str_cat("the survey closed at ",
                   absl::FormatTime(absl::RFC3339_sec, *ends, absl::UTCTimeZone()));
  }
  return std::string();
}

// with_published — the form with `published` as each question's results_published.
absl::StatusOr<q::Questionnaire> with_published(const q::Questionnaire& questionnaire,
                                                const std::vector<bool>& published,
                                                const q::QuestionTypeRegistry& types) {
  q::Form form = questionnaire.form();
  for (std::size_t i = 0; i < form.questions.size(); ++i) {
    form.questions[i].results_published = published[i];
  }
  return q::Questionnaire::create(std::move(form), types);
}

class Decider {
 public:
  Decider(const ActionContext& context, const State& state, const q::QuestionTypeRegistry& types)
      : context_(context), state_(state), types_(types) {}

  absl::StatusOr<Payload> operator()(FormSet p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("set the form"));
    for (std::size_t i = 0; i < p.form.questions.size(); ++i) {
      if (p.form.questions[i].results_published) {
        return absl::InvalidArgumentError(
            str_cat("question ", i + 1,
                    " says its results are published: a new form publishes none; publish them "
                    "with results-published once the survey closes"));
      }
    }
    if (!state_.responses.empty()) {
      if (!p.clear_responses) {
        return absl::FailedPreconditionError(
            str_cat("the survey has ", state_.responses.size(),
                    " responses: its form may change only when they are cleared "
                    "(clear_responses, while the survey is unpublished)"));
      }
      if (context_.component.published) {
        return absl::FailedPreconditionError(
            "the survey's responses are cleared only while it is unpublished");
      }
    }
    if (p.form.salt.empty()) p.form.salt = q::random_salt(context_.rng);
    PARTICIPA_RETURN_IF_ERROR(q::Questionnaire::create(p.form, types_).status());
    return p;
  }

  absl::StatusOr<Payload> operator()(ResponseSubmitted p) {
    if (!state_.questionnaire) {
      return absl::FailedPreconditionError("the survey has no form yet");
    }
    const q::Questionnaire& questionnaire = *state_.questionnaire;
    PARTICIPA_ASSIGN_OR_RETURN(std::string closed, closed_reason(context_.settings, context_.now));
    if (!closed.empty()) return absl::FailedPreconditionError(closed);
    PARTICIPA_ASSIGN_OR_RETURN(p.respondent, respondent_of(p, questionnaire.form().salt));
    PARTICIPA_RETURN_IF_ERROR(context_.authorize("respond"));
    // An address hash given without its address is a recorded event's, decided again.
    if (!p.ip_address.empty()) {
      if (p.ip_address.size() > kMaxAddress || !is_utf8(p.ip_address)) {
        return absl::InvalidArgumentError(
            str_cat("the address is not a network address of at most ", kMaxAddress, " bytes"));
      }
      Digest hashed = q::ip_hash(questionnaire.form().salt, p.ip_address);
      if (p.ip_hash != Digest{} && p.ip_hash != hashed) {
        return absl::InvalidArgumentError("the address hash is not this address's");
      }
      p.ip_hash = hashed;
    }
    std::vector<q::Problem> problems = q::validate(questionnaire, p.response);
    if (!problems.empty()) {
      return absl::InvalidArgumentError(
          str_cat("the response is not valid: ", q::describe(problems)));
    }
    p.replaces = state_.responses.contains(p.respondent);
    if (p.replaces && !setting_bool(context_.settings, "allow_editing_answers")) {
      return absl::AlreadyExistsError(
          "this respondent has answered already, and the survey does not allow editing answers");
    }
    p.session.clear();
    p.ip_address.clear();
    return p;
  }

  absl::StatusOr<Payload> operator()(ResultsPublished p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("publish results"));
    if (!state_.questionnaire) {
      return absl::FailedPreconditionError("the survey has no form yet");
    }
    PARTICIPA_ASSIGN_OR_RETURN(std::string closed, closed_reason(context_.settings, context_.now));
    if (closed.empty()) {
      return absl::FailedPreconditionError(
          "results are published once answers are closed: the survey takes answers now");
    }
    if (p.questions.empty()) {
      return absl::InvalidArgumentError("name the questions whose results are published");
    }
    std::vector<bool> seen(state_.questionnaire->size(), false);
    for (std::size_t position : p.questions) {
      if (position >= state_.questionnaire->size()) {
        return absl::InvalidArgumentError(str_cat("the form has no question ", position + 1,
                                                  " (it has ", state_.questionnaire->size(), ")"));
      }
      if (q::display_only(state_.questionnaire->question(position).type)) {
        return absl::InvalidArgumentError(
            str_cat("question ", position + 1, " is shown only, and has no results"));
      }
      if (seen[position]) {
        return absl::InvalidArgumentError(str_cat("question ", position + 1, " is named twice"));
      }
      seen[position] = true;
    }
    return p;
  }

 private:
  absl::Status require_admin(std::string_view what) const {
    if (context_.is_admin()) return absl::OkStatus();
    return absl::FailedPreconditionError(
        str_cat("only an admin of the space may ", what, " of a survey"));
  }

  // respondent_of — the token the survey's policy gives this respondent.
  absl::StatusOr<Digest> respondent_of(const ResponseSubmitted& p, std::string_view salt) const {
    const Settings& settings = context_.settings;
    if (context_.is_visitor()) {
      if (!setting_bool(settings, "allow_unregistered")) {
        return absl::FailedPreconditionError("the survey takes answers from participants only");
      }
      if (setting_text(settings, "respondent_identity") != "account") {
        return absl::FailedPreconditionError(
            "the survey counts respondents by census token, which a visitor does not have");
      }
      // A recorded event, decided again when the record is verified, brings the token itself;
      // for a visitor that is no more than a session already hashed. A new response brings its
      // session, or anyone who saw a token could replace that respondent's answers.
      if (p.session.empty() && p.respondent != Digest{}) {
        if (context_.recorded) return p.respondent;
        return absl::InvalidArgumentError("a visitor's response names its session, not a token");
      }
      if (p.session.empty() || p.session.size() > kMaxSession) {
        return absl::InvalidArgumentError(
            str_cat("a visitor's response needs its session, of at most ", kMaxSession, " bytes"));
      }
      return q::respondent_token(salt, q::Identity::kSession, p.session);
    }
    if (!p.session.empty()) {
      return absl::InvalidArgumentError(
          "a participant is counted by their account: a session is only for visitors");
    }
    PARTICIPA_ASSIGN_OR_RETURN(Digest token, participant_token(salt));
    if (p.respondent != Digest{} && p.respondent != token) {
      return absl::InvalidArgumentError("the respondent token is not this participant's");
    }
    return token;
  }

  absl::StatusOr<Digest> participant_token(std::string_view salt) const {
    const Settings& settings = context_.settings;
    if (setting_text(settings, "respondent_identity") == "account") {
      return q::respondent_token(salt, q::Identity::kAccount,
                                 context_.actor.participant.to_string());
    }
    const std::string& handler = setting_text(settings, "census_handler");
    absl::StatusOr<const space::Authorization*> authorization =
        context_.valid_authorization(handler);
    if (!authorization.ok()) {
      return absl::FailedPreconditionError(
          str_cat("the survey counts respondents by their '", handler,
                  "' authorization: ", authorization.status().message()));
    }
    return q::respondent_token(salt, q::Identity::kCensusToken, (*authorization)->unique_id);
  }

  const ActionContext& context_;
  const State& state_;
  const q::QuestionTypeRegistry& types_;
};

class Evolver {
 public:
  Evolver(State& state, const EventContext& context, const q::QuestionTypeRegistry& types)
      : state_(state), context_(context), types_(types) {}

  absl::Status operator()(const FormSet& p) {
    if (!state_.responses.empty() && !p.clear_responses) {
      return absl::DataLossError("the form changes while responses exist");
    }
    absl::StatusOr<q::Questionnaire> questionnaire = q::Questionnaire::create(p.form, types_);
    if (!questionnaire.ok()) {
      return absl::DataLossError(
          str_cat("the form is not valid: ", questionnaire.status().message()));
    }
    state_.questionnaire = *std::move(questionnaire);
    state_.responses.clear();
    return absl::OkStatus();
  }

  absl::Status operator()(const ResponseSubmitted& p) {
    if (!state_.questionnaire) return absl::DataLossError("a response comes before the form");
    if (!p.session.empty() || !p.ip_address.empty()) {
      return absl::DataLossError("a recorded response keeps its session or address");
    }
    auto it = state_.responses.find(p.respondent);
    if ((it != state_.responses.end()) != p.replaces) {
      return absl::DataLossError(p.replaces ? "a response replaces none"
                                            : "a respondent answers twice");
    }
    StoredResponse& stored = state_.responses[p.respondent];
    stored.edits = p.replaces ? stored.edits + 1 : 0;
    stored.response = p.response;
    stored.ip_hash = p.ip_hash;
    stored.channel = context_.event.actor.channel;
    stored.submitted_at = context_.event.time;
    return absl::OkStatus();
  }

  absl::Status operator()(const ResultsPublished& p) {
    if (!state_.questionnaire) return absl::DataLossError("results come before the form");
    std::vector<bool> published(state_.questionnaire->size());
    for (std::size_t i = 0; i < published.size(); ++i) {
      published[i] = state_.questionnaire->question(i).results_published;
    }
    for (std::size_t position : p.questions) {
      if (position >= published.size()) return absl::DataLossError("no such question");
      published[position] = p.published;
    }
    absl::StatusOr<q::Questionnaire> updated =
        with_published(*state_.questionnaire, published, types_);
    if (!updated.ok()) return absl::DataLossError(std::string(updated.status().message()));
    state_.questionnaire = *std::move(updated);
    return absl::OkStatus();
  }

 private:
  State& state_;
  const EventContext& context_;
  const q::QuestionTypeRegistry& types_;
};

class Kind final : public space::TypedKind<Payload, State> {
 public:
  explicit Kind(q::QuestionTypeRegistry types) : types_(std::move(types)) {}

  std::string_view name() const override { return kKind; }
  std::span<const SettingSpec> settings() const override { return specs(); }
  std::span<const std::string_view> actions() const override { return kActions; }
  bool open_to_visitors(const std::any& payload, const Settings& settings) const override {
    const auto* p = typed(payload);
    return p != nullptr && std::holds_alternative<ResponseSubmitted>(*p) &&
           setting_bool(settings, "allow_unregistered");
  }
  absl::Status check_settings(const Settings& values) const override {
    if (auto identity = values.find("respondent_identity"); identity != values.end()) {
      const auto& text = std::get<std::string>(identity->second);
      if (text != "account" && text != "census-token") {
        return absl::InvalidArgumentError(
            str_cat("setting respondent_identity '", text, "' is not 'account' or 'census-token'"));
      }
    }
    if (auto handler = values.find("census_handler"); handler != values.end()) {
      PARTICIPA_RETURN_IF_ERROR(
          space::find_authorization_handler(std::get<std::string>(handler->second)).status());
    }
    PARTICIPA_ASSIGN_OR_RETURN(std::optional<absl::Time> starts, parse_bound(values, "starts_at"));
    PARTICIPA_ASSIGN_OR_RETURN(std::optional<absl::Time> ends, parse_bound(values, "ends_at"));
    if (starts && ends && *ends <= *starts) {
      return absl::InvalidArgumentError("setting ends_at is not after starts_at");
    }
    return absl::OkStatus();
  }
  std::string_view name_of_payload(const Payload& payload) const override {
    return surveys::payload_name(payload);
  }
  absl::StatusOr<Payload> decide_payload(const ActionContext& context, const State& state,
                                         const Payload& payload) const override {
    return std::visit(Decider(context, state, types_), payload);
  }
  absl::Status evolve_payload(State& state, const EventContext& context,
                              const Payload& payload) const override {
    return std::visit(Evolver(state, context, types_), payload);
  }

 private:
  q::QuestionTypeRegistry types_;
};

}  // namespace

std::string_view payload_name(const Payload& payload) {
  return std::visit(
      Overloaded{
          [](const FormSet&) { return std::string_view("form-set"); },
          [](const ResponseSubmitted&) { return std::string_view("response-submitted"); },
          [](const ResultsPublished&) { return std::string_view("results-published"); },
      },
      payload);
}

namespace {
q::QuestionTypeRegistry& registered_types() {
  static auto* types = new q::QuestionTypeRegistry();
  return *types;
}
}  // namespace

const questionnaire::QuestionTypeRegistry& question_types() { return registered_types(); }

void register_kind(const questionnaire::QuestionTypeRegistry& types) {
  static std::once_flag once;
  std::call_once(once, [&types] {
    registered_types() = types;
    absl::Status registered = space::register_component_kind(std::make_shared<Kind>(types));
    PARTICIPA_DCHECK(registered.ok());
    (void)registered;
  });
}

absl::StatusOr<const State*> state_of(const space::Organization& organization,
                                      ComponentId component) {
  return space::state_as<State>(organization, component, kKind);
}

absl::StatusOr<questionnaire::Tabulation> tabulate(const State& state) {
  if (!state.questionnaire) return absl::FailedPreconditionError("the survey has no form yet");
  std::vector<q::Response> responses;
  responses.reserve(state.responses.size());
  for (const auto& [token, stored] : state.responses) responses.push_back(stored.response);
  return q::tabulate(*state.questionnaire, responses);
}

absl::StatusOr<questionnaire::Summary> results(const State& state, bool all, std::string language) {
  PARTICIPA_ASSIGN_OR_RETURN(q::Tabulation tabulation, tabulate(state));
  if (!tabulation.rejected.empty()) {
    return absl::DataLossError(
        str_cat(tabulation.rejected.size(), " stored responses do not fit the form"));
  }
  return q::summarize(*state.questionnaire, tabulation.aggregate,
                      q::SummaryOptions{.published_only = !all, .language = std::move(language)});
}

}  // namespace participa::components::surveys
