#include "participa/components/elections/elections.hpp"

#include <algorithm>
#include <mutex>

#include "participa/core/overloaded.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utc.hpp"
#include "participa/core/utf8.hpp"
#include "participa/questionnaire/respondent.hpp"
#include "participa/space/component_kind.hpp"
#include "participa/tally/method.hpp"
#include "participa/tally/profile_builder.hpp"

namespace participa::components::elections {
namespace {

namespace q = participa::questionnaire;
using space::ActionContext;
using space::Channel;
using space::EventContext;
using space::setting_bool;
using space::Settings;
using space::SettingScope;
using space::SettingSpec;
using tally::BallotKind;

constexpr std::size_t kMaxTitle = 150;
constexpr std::size_t kMaxQuestions = 100;
constexpr std::size_t kMaxOptions = 1000;
constexpr std::size_t kMaxCode = 200;
constexpr std::size_t kMaxCodesPerLoad = 1'000'000;
constexpr std::size_t kMaxStatement = 10'000;
constexpr std::int32_t kMaxScore = 1000;
// A station's totals stay far below this, so every sum of them fits in 64 bits.
constexpr std::uint64_t kMaxStationBallots = std::uint64_t{1} << 32;

const std::vector<SettingSpec>& specs() {
  static const auto* all = new std::vector<SettingSpec>{
      {"votes_enabled", false, SettingScope::kPhase, 0},
  };
  return *all;
}

constexpr std::array<std::string_view, 1> kActions = {"vote"};

const tally::MethodRegistry& methods() {
  static const auto* registry = new tally::MethodRegistry(tally::MethodRegistry::with_builtins());
  return *registry;
}

std::string_view default_method(BallotKind kind) {
  switch (kind) {
    case BallotKind::kApproval:
      return "approval";
    case BallotKind::kRanked:
      return "irv";
    case BallotKind::kScore:
    case BallotKind::kCumulative:
      return "score";
    default:
      return "plurality";
  }
}

// scored — answers give each chosen option a number (a score, or points).
bool scored(BallotKind kind) {
  return kind == BallotKind::kScore || kind == BallotKind::kCumulative;
}

// options_of(question) — how its method counts it. Ties are reported, never broken: the
// election's admin decides what a tie means.
tally::Options options_of(const Question& question) {
  tally::Options options;
  options.seats = question.seats;
  options.parameters = question.parameters;
  return options;
}

// How many options a ballot may mark (and score), by the question's kind; a max_choices of 0
// becomes every option.
absl::Status check_choices(Question& question) {
  const auto options = static_cast<std::int32_t>(question.options.size());
  std::int32_t& low = question.min_choices;
  std::int32_t& high = question.max_choices;
  switch (question.kind) {
    case BallotKind::kSingleChoice:
      if (low < 0 || low > 1 || high != 1) {
        return absl::InvalidArgumentError(
            "a single-choice question takes min_choices 0 or 1 and max_choices 1");
      }
      break;
    case BallotKind::kApproval:
    case BallotKind::kRanked:
      if (high == 0) high = options;
      if (low < 0 || high < 1 || high > options || low > high) {
        return absl::InvalidArgumentError(str_cat("choices ", low, "..", high,
                                                  " are not 0 <= min <= max, 1 <= max <= ", options,
                                                  " (the options)"));
      }
      break;
    case BallotKind::kScore:
    case BallotKind::kCumulative:
      if (question.max_score < 1 || question.max_score > kMaxScore) {
        return absl::InvalidArgumentError(
            str_cat("max_score ", question.max_score, " is not within 1..", kMaxScore));
      }
      if (high == 0) high = options;
      if (low < 0 || high < 1 || high > options || low > high) {
        return absl::InvalidArgumentError(
            str_cat("choices ", low, "..", high, " are not 0 <= min <= max <= ", options));
      }
      break;
  }
  return absl::OkStatus();
}

absl::Status check_question(Question& question) {
  PARTICIPA_RETURN_IF_ERROR(check_text("the question's title", question.title, kMaxTitle));
  const std::size_t n = question.options.size();
  if (n < 2 || n > kMaxOptions) {
    return absl::InvalidArgumentError(
        str_cat("a question has 2 to ", kMaxOptions, " options, not ", n));
  }
  std::set<std::string_view> seen;
  for (const std::string& option : question.options) {
    PARTICIPA_RETURN_IF_ERROR(check_text("an option", option, kMaxTitle));
    if (!seen.insert(option).second) {
      return absl::InvalidArgumentError(str_cat("option '", option, "' is listed twice"));
    }
  }
  PARTICIPA_RETURN_IF_ERROR(check_choices(question));
  if (!scored(question.kind) && question.max_score != 0) {
    return absl::InvalidArgumentError("max_score is only for score and cumulative questions");
  }
  if (question.method.empty()) question.method = std::string(default_method(question.kind));
  PARTICIPA_ASSIGN_OR_RETURN(const tally::MethodInfo* method, methods().find(question.method));
  if (std::find(method->accepts.begin(), method->accepts.end(), question.kind) ==
      method->accepts.end()) {
    return absl::InvalidArgumentError(str_cat("method ", question.method, " does not count ",
                                              name_of(tally::kBallotKindNames, question.kind),
                                              " ballots"));
  }
  if (question.seats < 1 || static_cast<std::size_t>(question.seats) > n) {
    return absl::InvalidArgumentError(
        str_cat("seats ", question.seats, " is not within 1..", n, " (the options)"));
  }
  if (question.seats > 1 && !method->multi_winner) {
    return absl::InvalidArgumentError(str_cat("method ", question.method, " elects one option; ",
                                              question.seats, " seats need a multi-winner method"));
  }
  if (question.seats > 1 || !question.parameters.empty()) {
    // A count of one ballot checks what only the method knows: its parameters' values, and
    // whether it can count this many options for this many seats at all.
    PARTICIPA_ASSIGN_OR_RETURN(tally::ProfileBuilder trial,
                               tally::ProfileBuilder::create(question.options, question.kind));
    const std::vector<tally::Candidate> first = {0};
    std::vector<std::int32_t> values;
    if (scored(question.kind)) values.push_back(1);
    PARTICIPA_RETURN_IF_ERROR(trial.add({.marks = first, .values = values}));
    const absl::Status counted =
        methods().count(question.method, trial.build(), options_of(question)).status();
    if (!counted.ok()) {
      return absl::Status(
          counted.code(),
          str_cat("method ", question.method, " cannot count this question: ", counted.message()));
    }
  }
  return absl::OkStatus();
}

tally::Contest contest_of(const Question& question) {
  tally::Contest contest;
  contest.candidates = question.options;
  contest.kind = question.kind;
  contest.max_choices = question.max_choices;
  contest.allow_equal_ranks = false;
  contest.min_score = 0;
  contest.max_score = question.max_score;
  if (question.kind == BallotKind::kCumulative) contest.points_budget = question.max_score;
  return contest;
}

// BallotMarks — an answer as the tally layer takes it: approval, score and cumulative marks in
// option order (their values beside them), ranked marks in preference order.
struct BallotMarks {
  std::vector<std::uint32_t> marks;
  std::vector<std::int32_t> values;
};
BallotMarks marks_of(const Question& question, const Answer& answer) {
  BallotMarks out{answer.choices, answer.scores};
  if (question.kind != BallotKind::kApproval && !scored(question.kind)) return out;
  std::vector<std::pair<std::uint32_t, std::int32_t>> pairs;
  for (std::size_t k = 0; k < out.marks.size(); ++k) {
    pairs.emplace_back(out.marks[k], k < out.values.size() ? out.values[k] : 0);
  }
  std::sort(pairs.begin(), pairs.end());
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    out.marks[k] = pairs[k].first;
    if (k < out.values.size()) out.values[k] = pairs[k].second;
  }
  return out;
}

// check_answers — one answer per question that its rules accept; `paper` allows null answers.
absl::Status check_answers(const Election& election, const std::vector<Answer>& answers,
                           bool paper) {
  if (answers.size() != election.questions.size()) {
    return absl::InvalidArgumentError(str_cat("the ballot answers ", answers.size(),
                                              " questions; election '", election.title, "' asks ",
                                              election.questions.size()));
  }
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const Answer& answer = answers[i];
    const Question& question = election.questions[i];
    auto fault = [&](std::string_view why) {
      return absl::InvalidArgumentError(
          str_cat("question ", i + 1, " ('", question.title, "'): ", why));
    };
    if (answer.null) {
      if (!paper) return fault("only a paper ballot counted at a station may be null");
      if (!answer.choices.empty() || !answer.scores.empty()) {
        return fault("a null answer holds no choice");
      }
      continue;
    }
    const bool numbered = scored(question.kind);
    if (numbered ? answer.scores.size() != answer.choices.size() : !answer.scores.empty()) {
      return fault(numbered ? "a score or cumulative question gives one number per option chosen"
                            : "only a score or cumulative question takes numbers");
    }
    if (answer.choices.empty()) continue;  // blank
    if (static_cast<std::int32_t>(answer.choices.size()) < question.min_choices) {
      return fault(str_cat(answer.choices.size(), " choices; at least ", question.min_choices,
                           " or none (blank)"));
    }
    const BallotMarks ballot = marks_of(question, answer);
    absl::Status valid =
        contest_of(question).validate({.marks = ballot.marks, .values = ballot.values}, 1);
    if (!valid.ok()) {
      return absl::Status(valid.code(), fault(std::string(valid.message())).message());
    }
  }
  return absl::OkStatus();
}

const Station* station_in(const Election& election, StationId id) {
  auto it = election.stations.find(id);
  return it == election.stations.end() ? nullptr : &it->second;
}

bool is_officer(const Station& station, ParticipantId who) {
  return std::find(station.officers.begin(), station.officers.end(), who) != station.officers.end();
}

bool has_paper(const Station& station) { return !station.paper.empty() || station.totals; }

// ballots_cast — the paper ballots a station counts.
std::uint64_t ballots_cast(const Station& station) {
  if (!station.totals) return station.paper.size();
  const QuestionTotals& first = station.totals->totals.front();
  std::uint64_t sum = first.blank + first.null;
  for (std::uint64_t v : first.votes) sum += v;
  return sum;
}

// voting_over — whether the election's voting is over at `now` under settings where
// votes_enabled is `enabled`: votes are not enabled, or its closing time has passed. Before its
// opening time voting is not over, though it takes no ballot yet.
bool closed_by_date(const Election& election, absl::Time now) {
  return election.closes_at && now >= *election.closes_at;
}

bool voting_over(const Election& election, bool enabled, absl::Time now) {
  return !enabled || closed_by_date(election, now);
}

std::uint64_t ballots_issued(const Station& station) {
  return station.totals ? station.totals->ballots_issued : station.marked;
}

class Decider {
 public:
  Decider(const ActionContext& context, const State& state)
      : context_(context), state_(state), settings_(context.settings) {}

  absl::StatusOr<Payload> operator()(ElectionAdded p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("add elections"));
    PARTICIPA_RETURN_IF_ERROR(check_text("the election's title", p.title, kMaxTitle));
    if (p.census == Census::kAuthorization) {
      if (p.census_handler.empty()) p.census_handler = "census";
      PARTICIPA_RETURN_IF_ERROR(check_text("the census handler", p.census_handler, kMaxTitle));
    } else if (!p.census_handler.empty()) {
      return absl::InvalidArgumentError("a census handler is only for a census by authorization");
    }
    if (p.closes_at && *p.closes_at <= context_.now) {
      return absl::InvalidArgumentError(
          str_cat("the closing time ", utc_text(*p.closes_at), " is not in the future"));
    }
    if (p.opens_at && p.closes_at && *p.opens_at >= *p.closes_at) {
      return absl::InvalidArgumentError(str_cat("the opening time ", utc_text(*p.opens_at),
                                                " is not before the closing time ",
                                                utc_text(*p.closes_at)));
    }
    if (p.salt.empty()) p.salt = q::random_salt(context_.rng);
    PARTICIPA_RETURN_IF_ERROR(check_text("the salt", p.salt, kMaxTitle));
    p.election = p.election.is_nil() ? ElectionId::random(context_.rng) : p.election;
    if (state_.elections.contains(p.election)) {
      return absl::AlreadyExistsError(str_cat("election '", p.election.to_string(), "' exists"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(QuestionAdded p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("add questions"));
    PARTICIPA_ASSIGN_OR_RETURN(const Election* election, find(p.election));
    if (!election->ballots.empty() || !election->marked.empty()) {
      return absl::FailedPreconditionError(
          str_cat("election '", election->title,
                  "' has ballots: its questions are frozen since the first"));
    }
    for (const auto& [id, station] : election->stations) {
      if (has_paper(station)) {
        return absl::FailedPreconditionError(str_cat("station '", station.name,
                                                     "' has paper ballots: the questions are "
                                                     "frozen"));
      }
    }
    if (election->questions.size() >= kMaxQuestions) {
      return absl::OutOfRangeError(
          str_cat("an election asks at most ", kMaxQuestions, " questions"));
    }
    PARTICIPA_RETURN_IF_ERROR(check_question(p.question));
    return p;
  }

  absl::StatusOr<Payload> operator()(CensusCodesLoaded p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("load census codes"));
    PARTICIPA_ASSIGN_OR_RETURN(const Election* election, find(p.election));
    if (election->census != Census::kCodes) {
      return absl::FailedPreconditionError(
          str_cat("election '", election->title, "' has a census of ",
                  name_of(kCensusNames, election->census), ", not of codes"));
    }
    // A recorded event, decided again when the record is verified, brings the tokens alone.
    if (p.codes.empty() && !p.entries.empty()) {
      if (!context_.recorded) {
        return absl::InvalidArgumentError("census entries are made from codes: load the codes");
      }
      return check_entries(*election, std::move(p));
    }
    if (p.codes.empty() || p.codes.size() > kMaxCodesPerLoad) {
      return absl::InvalidArgumentError(
          str_cat("a load holds 1 to ", kMaxCodesPerLoad, " codes, not ", p.codes.size()));
    }
    p.entries.clear();
    for (const std::string& code : p.codes) {
      PARTICIPA_RETURN_IF_ERROR(check_code(code));
      p.entries.push_back(q::respondent_token(election->salt, q::Identity::kCensusToken, code));
    }
    p.codes.clear();
    return check_entries(*election, std::move(p));
  }

  absl::StatusOr<Payload> operator()(StationAdded p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("add polling stations"));
    PARTICIPA_RETURN_IF_ERROR(find(p.election).status());
    PARTICIPA_RETURN_IF_ERROR(check_text("the station's name", p.name, kMaxTitle));
    PARTICIPA_RETURN_IF_ERROR(context_.check_officers(p.officers));
    p.station = p.station.is_nil() ? StationId::random(context_.rng) : p.station;
    for (const auto& [id, other] : state_.elections) {
      if (other.stations.contains(p.station)) {
        return absl::AlreadyExistsError(str_cat("station '", p.station.to_string(), "' exists"));
      }
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(BallotCast p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Election* election, open_election(p.election));
    PARTICIPA_RETURN_IF_ERROR(check_answers(*election, p.answers, /*paper=*/false));
    const Channel channel = context_.actor.channel;
    if (channel == Channel::kInPerson) {
      PARTICIPA_RETURN_IF_ERROR(check_recorder(*election, p.station, "a booth ballot"));
    } else if (!p.station.is_nil()) {
      return absl::InvalidArgumentError("only a ballot cast in person at a booth names a station");
    }
    PARTICIPA_ASSIGN_OR_RETURN(Digest voter, voter_of(*election, p.code, p.voter));
    p.code.clear();
    p.voter = voter;
    p.replaces = false;
    if (auto marked = election->marked.find(voter); marked != election->marked.end()) {
      return absl::FailedPreconditionError(
          str_cat("the voter was handed a paper ballot at station '",
                  election->stations.at(marked->second).name, "' and votes no other way"));
    }
    if (auto cast = election->ballots.find(voter); cast != election->ballots.end()) {
      if (cast->second.channel != Channel::kOnline || channel != Channel::kOnline) {
        return absl::FailedPreconditionError(
            str_cat("the voter cast a ballot ", name_of(space::kChannelNames, cast->second.channel),
                    " already; only an online ballot may be cast again online"));
      }
      p.replaces = true;
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(VoterMarked p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Election* election, open_election(p.election));
    if (context_.actor.channel != Channel::kInPerson) {
      return absl::InvalidArgumentError("a voter is marked at a station in person");
    }
    PARTICIPA_RETURN_IF_ERROR(check_recorder(*election, p.station, "a voter's mark"));
    if (station_in(*election, p.station)->confirmed_by) {
      return absl::FailedPreconditionError("the station is confirmed: it marks no more voters");
    }
    PARTICIPA_ASSIGN_OR_RETURN(Digest voter, voter_of(*election, p.code, p.voter));
    p.code.clear();
    p.voter = voter;
    if (auto marked = election->marked.find(voter); marked != election->marked.end()) {
      return absl::AlreadyExistsError(str_cat("the voter was handed a paper ballot at station '",
                                              election->stations.at(marked->second).name,
                                              "' already"));
    }
    if (auto cast = election->ballots.find(voter); cast != election->ballots.end()) {
      return absl::FailedPreconditionError(
          str_cat("the voter cast a ballot ", name_of(space::kChannelNames, cast->second.channel),
                  " already and is handed no paper ballot"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(PaperBallotEntered p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Station* station, counting_station(p.election, p.station));
    if (station->totals) {
      return absl::FailedPreconditionError(
          str_cat("station '", station->name, "' reported its totals: its paper is counted there"));
    }
    PARTICIPA_RETURN_IF_ERROR(
        check_answers(state_.elections.at(p.election), p.answers, /*paper=*/true));
    return p;
  }

  absl::StatusOr<Payload> operator()(StationTotalsReported p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Station* station, counting_station(p.election, p.station));
    const Election& election = state_.elections.at(p.election);
    if (!station->paper.empty()) {
      return absl::FailedPreconditionError(str_cat("station '", station->name, "' has ",
                                                   station->paper.size(),
                                                   " ballots entered one by one: they are its "
                                                   "count"));
    }
    if (p.totals.size() != election.questions.size()) {
      return absl::InvalidArgumentError(str_cat("the totals cover ", p.totals.size(),
                                                " questions; the election asks ",
                                                election.questions.size()));
    }
    if (station->marked > 0 && p.ballots_issued != station->marked) {
      return absl::InvalidArgumentError(str_cat("the poll book counts ", p.ballots_issued,
                                                " ballots issued; ", station->marked,
                                                " voters were marked at the station"));
    }
    if (p.ballots_issued > kMaxStationBallots) {
      return absl::OutOfRangeError(
          str_cat("a station issues at most ", kMaxStationBallots, " ballots"));
    }
    std::optional<std::uint64_t> cast;
    for (std::size_t i = 0; i < p.totals.size(); ++i) {
      const Question& question = election.questions[i];
      const QuestionTotals& totals = p.totals[i];
      if (question.kind != BallotKind::kSingleChoice) {
        return absl::InvalidArgumentError(str_cat("question ", i + 1, " is ",
                                                  name_of(tally::kBallotKindNames, question.kind),
                                                  ": its paper ballots are entered one by one"));
      }
      if (totals.votes.size() != question.options.size()) {
        return absl::InvalidArgumentError(
            str_cat("question ", i + 1, " has ", question.options.size(),
                    " options; the totals give ", totals.votes.size()));
      }
      std::uint64_t sum = 0;
      for (std::uint64_t v : totals.votes) {
        if (v > kMaxStationBallots) {
          return absl::OutOfRangeError(
              str_cat("question ", i + 1, ": ", v, " votes is more than a station counts"));
        }
        sum += v;
      }
      if (totals.blank > kMaxStationBallots || totals.null > kMaxStationBallots) {
        return absl::OutOfRangeError(
            str_cat("question ", i + 1, ": more blank or null ballots than a station counts"));
      }
      sum += totals.blank + totals.null;
      if (cast && *cast != sum) {
        return absl::InvalidArgumentError(
            str_cat("question ", i + 1, " counts ", sum, " ballots; question 1 counts ", *cast));
      }
      cast = sum;
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(StationConfirmed p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Station* station, counting_station(p.election, p.station));
    if (!has_paper(*station)) {
      return absl::FailedPreconditionError(
          str_cat("station '", station->name, "' has no paper ballots or totals to confirm"));
    }
    if (station->entered_by.contains(context_.actor.participant)) {
      return absl::FailedPreconditionError(
          str_cat("the officer entered paper of station '", station->name,
                  "': another of its officers confirms it (four eyes)"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(ResultsPublished p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("publish results"));
    PARTICIPA_ASSIGN_OR_RETURN(const Election* election, find(p.election));
    if (election->visibility != ResultsVisibility::kPublished) {
      return absl::FailedPreconditionError(
          str_cat("election '", election->title, "' shows its results ",
                  name_of(kResultsVisibilityNames, election->visibility),
                  ": they are not published per question"));
    }
    if (!voting_over(*election, setting_bool(settings_, "votes_enabled"), context_.now)) {
      return absl::FailedPreconditionError("results are published once voting is over");
    }
    if (p.questions.empty()) return absl::InvalidArgumentError("no question is named");
    std::set<std::size_t> seen;
    for (std::size_t position : p.questions) {
      if (position >= election->questions.size()) {
        return absl::OutOfRangeError(str_cat("question ", position,
                                             " does not exist (the "
                                             "election asks ",
                                             election->questions.size(), ")"));
      }
      if (!seen.insert(position).second) {
        return absl::InvalidArgumentError(str_cat("question ", position, " is named twice"));
      }
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(OutcomeStated p) {
    PARTICIPA_RETURN_IF_ERROR(require_admin("state outcomes"));
    PARTICIPA_ASSIGN_OR_RETURN(const Election* election, find(p.election));
    if (!voting_over(*election, setting_bool(settings_, "votes_enabled"), context_.now)) {
      return absl::FailedPreconditionError(str_cat(
          "election '", election->title, "' is open: an outcome is stated once voting is over"));
    }
    if (p.question >= election->questions.size()) {
      return absl::OutOfRangeError(str_cat("question ", p.question,
                                           " does not exist (the election asks ",
                                           election->questions.size(), ")"));
    }
    PARTICIPA_RETURN_IF_ERROR(check_text("the outcome's statement", p.statement, kMaxStatement));
    const Question& question = election->questions[p.question];
    if (p.option && *p.option >= question.options.size()) {
      return absl::OutOfRangeError(str_cat("option ", *p.option, " does not exist (question '",
                                           question.title, "' has ", question.options.size(), ")"));
    }
    if (p.review_at && *p.review_at <= context_.now) {
      return absl::InvalidArgumentError(
          str_cat("the review date ", utc_text(*p.review_at), " is not in the future"));
    }
    return p;
  }

 private:
  absl::Status require_admin(std::string_view what) const {
    if (!context_.is_visitor() && context_.is_admin()) return absl::OkStatus();
    return absl::FailedPreconditionError(str_cat("only an admin of the space may ", what));
  }
  absl::StatusOr<const Election*> find(ElectionId id) const {
    auto it = state_.elections.find(id);
    if (it == state_.elections.end()) {
      return absl::NotFoundError(str_cat("election '", id.to_string(), "' does not exist"));
    }
    return &it->second;
  }
  // open_election — the election, when ballots are taken now.
  absl::StatusOr<const Election*> open_election(ElectionId id) const {
    if (!setting_bool(settings_, "votes_enabled")) {
      return absl::FailedPreconditionError("votes are not enabled now (votes_enabled)");
    }
    PARTICIPA_ASSIGN_OR_RETURN(const Election* election, find(id));
    if (closed_by_date(*election, context_.now)) {
      return absl::FailedPreconditionError(
          str_cat("election '", election->title, "' closed at ", utc_text(*election->closes_at)));
    }
    if (election->opens_at && context_.now < *election->opens_at) {
      return absl::FailedPreconditionError(
          str_cat("election '", election->title, "' opens at ", utc_text(*election->opens_at)));
    }
    if (election->questions.empty()) {
      return absl::FailedPreconditionError(
          str_cat("election '", election->title, "' has no question yet"));
    }
    return election;
  }
  // counting_station — the station, when the actor may enter or confirm its paper now.
  absl::StatusOr<const Station*> counting_station(ElectionId election_id, StationId id) const {
    PARTICIPA_ASSIGN_OR_RETURN(const Election* election, find(election_id));
    if (!voting_over(*election, setting_bool(settings_, "votes_enabled"), context_.now)) {
      return absl::FailedPreconditionError("paper is counted once voting is over");
    }
    const Station* station = station_in(*election, id);
    if (station == nullptr) {
      return absl::NotFoundError(str_cat("station '", id.to_string(), "' does not exist"));
    }
    if (context_.is_visitor() || !is_officer(*station, context_.actor.participant)) {
      return absl::FailedPreconditionError(
          str_cat("only an officer of station '", station->name, "' counts its paper"));
    }
    if (station->confirmed_by) {
      return absl::FailedPreconditionError(
          str_cat("station '", station->name, "' is confirmed: its count is closed"));
    }
    if (election->questions.empty()) {
      return absl::FailedPreconditionError(
          str_cat("election '", election->title, "' has no question to count"));
    }
    return station;
  }
  absl::Status check_recorder(const Election& election, StationId id, std::string_view what) const {
    const Station* station = station_in(election, id);
    if (station == nullptr) {
      return absl::NotFoundError(
          str_cat(what, " names station '", id.to_string(), "', which does not exist"));
    }
    if (!is_officer(*station, context_.actor.recorded_by)) {
      return absl::FailedPreconditionError(
          str_cat(what, " is recorded by an officer of station '", station->name, "'"));
    }
    return absl::OkStatus();
  }
  static absl::Status check_code(std::string_view code) {
    if (code.empty() || code.size() > kMaxCode) {
      return absl::InvalidArgumentError(str_cat("a census code has 1 to ", kMaxCode, " bytes"));
    }
    return check_text("a census code", code, kMaxCode);
  }
  static absl::StatusOr<Payload> check_entries(const Election& election, CensusCodesLoaded p) {
    std::set<Digest> seen;
    for (const Digest& entry : p.entries) {
      if (!seen.insert(entry).second || election.census_codes.contains(entry)) {
        return absl::AlreadyExistsError("a census code is loaded twice");
      }
    }
    return p;
  }

  // voter_of — the census entry the actor votes as; a recorded `voter` is checked against it.
  absl::StatusOr<Digest> voter_of(const Election& election, std::string_view code,
                                  const Digest& recorded) const {
    if (election.census == Census::kCodes) {
      // A recorded event, decided again when the record is verified, brings the token alone;
      // a new ballot brings its code, or anyone who saw a token could vote with it.
      if (code.empty() && recorded != Digest{}) {
        if (!context_.recorded) {
          return absl::InvalidArgumentError("a ballot names its census entry by its code");
        }
        if (election.census_codes.contains(recorded)) return recorded;
      }
      PARTICIPA_RETURN_IF_ERROR(check_code(code));
      Digest token = q::respondent_token(election.salt, q::Identity::kCensusToken, code);
      if (!election.census_codes.contains(token)) {
        return absl::PermissionDeniedError("the code is not in the election's census");
      }
      return token;
    }
    if (context_.is_visitor()) {
      return absl::FailedPreconditionError(
          str_cat("election '", election.title, "' takes ballots from participants only"));
    }
    if (!code.empty()) {
      return absl::InvalidArgumentError(
          "a census code is only for an election with a census "
          "of codes");
    }
    PARTICIPA_RETURN_IF_ERROR(context_.authorize("vote"));
    Digest token;
    if (election.census == Census::kParticipants) {
      token = q::respondent_token(election.salt, q::Identity::kAccount,
                                  context_.actor.participant.to_string());
    } else {
      PARTICIPA_ASSIGN_OR_RETURN(token, authorization_token(election));
    }
    if (recorded != Digest{} && recorded != token) {
      return absl::InvalidArgumentError("the voter token is not this participant's");
    }
    return token;
  }

  absl::StatusOr<Digest> authorization_token(const Election& election) const {
    absl::StatusOr<const space::Authorization*> authorization =
        context_.valid_authorization(election.census_handler);
    if (!authorization.ok()) {
      return absl::FailedPreconditionError(
          str_cat("the census is of '", election.census_handler,
                  "' authorizations: ", authorization.status().message()));
    }
    return q::respondent_token(election.salt, q::Identity::kCensusToken,
                               (*authorization)->unique_id);
  }

  const ActionContext& context_;
  const State& state_;
  const Settings& settings_;
};

class Evolver {
 public:
  Evolver(State& state, const EventContext& context) : state_(state), context_(context) {}

  absl::Status operator()(const ElectionAdded& p) {
    if (p.election.is_nil() || state_.elections.contains(p.election)) {
      return absl::DataLossError("the election exists");
    }
    state_.elections.emplace(p.election, Election::from_added(p));
    state_.added.push_back(p.election);
    return absl::OkStatus();
  }
  absl::Status operator()(const QuestionAdded& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Election * election, find(p.election));
    if (!election->ballots.empty() || !election->marked.empty()) {
      return absl::DataLossError("a question is added after the first ballot");
    }
    election->questions.push_back(p.question);
    return absl::OkStatus();
  }
  absl::Status operator()(const CensusCodesLoaded& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Election * election, find(p.election));
    if (!p.codes.empty()) return absl::DataLossError("the record keeps census codes");
    for (const Digest& entry : p.entries) {
      if (!election->census_codes.insert(entry).second) {
        return absl::DataLossError("a census code is loaded twice");
      }
    }
    return absl::OkStatus();
  }
  absl::Status operator()(const StationAdded& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Election * election, find(p.election));
    if (p.station.is_nil() || election->stations.contains(p.station)) {
      return absl::DataLossError("the station exists");
    }
    Station& station = election->stations[p.station];
    station.id = p.station;
    station.name = p.name;
    station.officers = p.officers;
    election->station_order.push_back(p.station);
    return absl::OkStatus();
  }
  absl::Status operator()(const BallotCast& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Election * election, find(p.election));
    if (!p.code.empty()) return absl::DataLossError("the record keeps a census code");
    if (p.answers.size() != election->questions.size()) {
      return absl::DataLossError("the ballot does not answer the election's questions");
    }
    auto existing = election->ballots.find(p.voter);
    if (p.replaces != (existing != election->ballots.end()) || election->marked.contains(p.voter)) {
      return absl::DataLossError("the ballot does not fit the voter's earlier ones");
    }
    CastBallot ballot;
    ballot.answers = p.answers;
    ballot.channel = context_.event.actor.channel;
    ballot.station = p.station;
    ballot.cast_at = context_.event.time;
    ballot.replaced = p.replaces ? existing->second.replaced + 1 : 0;
    election->ballots[p.voter] = std::move(ballot);
    return absl::OkStatus();
  }
  absl::Status operator()(const VoterMarked& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Station * station, find_station(p.election, p.station));
    Election& election = state_.elections.at(p.election);
    if (!p.code.empty()) return absl::DataLossError("the record keeps a census code");
    if (election.ballots.contains(p.voter) || !election.marked.emplace(p.voter, p.station).second) {
      return absl::DataLossError("the voter voted already");
    }
    ++station->marked;
    return absl::OkStatus();
  }
  absl::Status operator()(const PaperBallotEntered& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Station * station, find_station(p.election, p.station));
    if (station->confirmed_by || station->totals) {
      return absl::DataLossError("paper is entered at a station whose count is closed");
    }
    station->paper.push_back(p.answers);
    station->entered_by.insert(context_.event.actor.participant);
    return absl::OkStatus();
  }
  absl::Status operator()(const StationTotalsReported& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Station * station, find_station(p.election, p.station));
    if (station->confirmed_by || !station->paper.empty() || p.totals.empty()) {
      return absl::DataLossError("totals are reported at a station that cannot take them");
    }
    station->totals = p;
    station->entered_by.insert(context_.event.actor.participant);
    return absl::OkStatus();
  }
  absl::Status operator()(const StationConfirmed& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Station * station, find_station(p.election, p.station));
    ParticipantId officer = context_.event.actor.participant;
    if (station->confirmed_by || station->entered_by.contains(officer)) {
      return absl::DataLossError("the station cannot be confirmed so");
    }
    station->confirmed_by = officer;
    return absl::OkStatus();
  }
  absl::Status operator()(const OutcomeStated& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Election * election, find(p.election));
    if (p.question >= election->questions.size() ||
        (p.option && *p.option >= election->questions[p.question].options.size())) {
      return absl::DataLossError(
          "an outcome is stated for a question or an option that does not exist");
    }
    election->outcomes[p.question] = Outcome{p.statement, p.option, p.review_at,
                                             context_.event.time, context_.event.actor.participant};
    return absl::OkStatus();
  }
  absl::Status operator()(const ResultsPublished& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Election * election, find(p.election));
    for (std::size_t position : p.questions) {
      if (position >= election->questions.size()) {
        return absl::DataLossError("results are published for a question that does not exist");
      }
      if (p.published) {
        election->published.insert(position);
      } else {
        election->published.erase(position);
      }
    }
    return absl::OkStatus();
  }

 private:
  absl::StatusOr<Election*> find(ElectionId id) {
    auto it = state_.elections.find(id);
    if (it == state_.elections.end()) return absl::DataLossError("unknown election");
    return &it->second;
  }
  absl::StatusOr<Station*> find_station(ElectionId election, StationId id) {
    PARTICIPA_ASSIGN_OR_RETURN(Election * found, find(election));
    auto it = found->stations.find(id);
    if (it == found->stations.end()) return absl::DataLossError("unknown station");
    return &it->second;
  }

  State& state_;
  const EventContext& context_;
};

class Kind final : public space::TypedKind<Payload, State> {
 public:
  std::string_view name() const override { return kKind; }
  std::span<const SettingSpec> settings() const override { return specs(); }
  std::span<const std::string_view> actions() const override { return kActions; }
  // A census of codes takes ballots from visitors: the code is who they are.
  bool open_to_visitors(const std::any& payload, const Settings& /*settings*/) const override {
    const Payload* p = typed(payload);
    if (p == nullptr) return false;
    if (const auto* cast = std::get_if<BallotCast>(p)) {
      return !cast->code.empty() || cast->voter != Digest{};
    }
    if (const auto* marked = std::get_if<VoterMarked>(p)) {
      return !marked->code.empty() || marked->voter != Digest{};
    }
    return false;
  }
  std::string_view name_of_payload(const Payload& payload) const override {
    return elections::payload_name(payload);
  }
  absl::StatusOr<Payload> decide_payload(const ActionContext& context, const State& state,
                                         const Payload& payload) const override {
    return std::visit(Decider(context, state), payload);
  }
  absl::Status evolve_payload(State& state, const EventContext& context,
                              const Payload& payload) const override {
    return std::visit(Evolver(state, context), payload);
  }
};

ResultChannel channel_of(Channel channel) {
  switch (channel) {
    case Channel::kInPerson:
      return ResultChannel::kInPerson;
    case Channel::kMediated:
      return ResultChannel::kMediated;
    default:
      return ResultChannel::kOnline;
  }
}

// QuestionCount — one question's ballots gathered into counts by channel and a profile.
class QuestionCount {
 public:
  static absl::StatusOr<QuestionCount> start(const Question& question, std::size_t position) {
    PARTICIPA_ASSIGN_OR_RETURN(tally::ProfileBuilder ballots,
                               tally::ProfileBuilder::create(question.options, question.kind));
    QuestionResult result;
    result.position = position;
    result.title = question.title;
    result.kind = question.kind;
    result.method = question.method;
    result.seats = question.seats;
    result.options = question.options;
    result.votes.assign(question.options.size(), ByChannel{});
    return QuestionCount(question, std::move(ballots), std::move(result));
  }

  absl::Status add(const Answer& answer, ResultChannel channel, std::uint64_t count = 1) {
    const auto c = static_cast<std::size_t>(channel);
    result_.ballots[c] += count;
    if (answer.null) {
      result_.null[c] += count;
      return absl::OkStatus();
    }
    if (answer.choices.empty()) {
      result_.blank[c] += count;
      return absl::OkStatus();
    }
    const bool numbered = scored(question_.kind);
    if (question_.kind == BallotKind::kRanked) {
      result_.votes[answer.choices.front()][c] += count;
    } else {
      for (std::size_t k = 0; k < answer.choices.size(); ++k) {
        result_.votes[answer.choices[k]][c] +=
            count * (numbered ? static_cast<std::uint64_t>(answer.scores[k]) : 1);
      }
    }
    const BallotMarks ballot = marks_of(question_, answer);
    ++valid_;
    return ballots_.add({.marks = ballot.marks, .values = ballot.values}, count);
  }

  absl::StatusOr<QuestionResult> finish() && {
    if (valid_ > 0) {
      PARTICIPA_ASSIGN_OR_RETURN(result_.count, methods().count(question_.method, ballots_.build(),
                                                                options_of(question_)));
    }
    return std::move(result_);
  }

 private:
  QuestionCount(const Question& question, tally::ProfileBuilder ballots, QuestionResult result)
      : question_(question), ballots_(std::move(ballots)), result_(std::move(result)) {}

  const Question& question_;
  tally::ProfileBuilder ballots_;
  QuestionResult result_;
  std::uint64_t valid_ = 0;
};

absl::StatusOr<QuestionResult> count_question(const Election& election, std::size_t position) {
  const Question& question = election.questions[position];
  PARTICIPA_ASSIGN_OR_RETURN(QuestionCount count, QuestionCount::start(question, position));
  for (const auto& [voter, ballot] : election.ballots) {
    PARTICIPA_RETURN_IF_ERROR(count.add(ballot.answers[position], channel_of(ballot.channel)));
  }
  for (StationId id : election.station_order) {
    const Station& station = election.stations.at(id);
    if (!station.confirmed_by) continue;
    for (const std::vector<Answer>& paper : station.paper) {
      PARTICIPA_RETURN_IF_ERROR(count.add(paper[position], ResultChannel::kStation));
    }
    if (!station.totals) continue;
    const QuestionTotals& totals = station.totals->totals[position];
    for (std::size_t option = 0; option < totals.votes.size(); ++option) {
      if (totals.votes[option] == 0) continue;
      Answer answer{.choices = {static_cast<std::uint32_t>(option)}};
      PARTICIPA_RETURN_IF_ERROR(count.add(answer, ResultChannel::kStation, totals.votes[option]));
    }
    if (totals.blank > 0) {
      PARTICIPA_RETURN_IF_ERROR(count.add(Answer{}, ResultChannel::kStation, totals.blank));
    }
    if (totals.null > 0) {
      PARTICIPA_RETURN_IF_ERROR(
          count.add(Answer{.null = true}, ResultChannel::kStation, totals.null));
    }
  }
  return std::move(count).finish();
}

}  // namespace

absl::StatusOr<Question> poll_question(PollKind kind, std::string title,
                                       std::vector<std::string> options, std::int32_t dots) {
  const bool takes_dots = kind == PollKind::kDotVote || kind == PollKind::kScore;
  if (takes_dots ? dots < 1 : dots != 0) {
    return absl::InvalidArgumentError(str_cat("a ", name_of(kPollKindNames, kind), " poll takes ",
                                              takes_dots ? "at least 1 dot" : "no dots", ", not ",
                                              dots));
  }
  Question question{.title = std::move(title), .options = std::move(options)};
  switch (kind) {
    case PollKind::kProposal:
      if (!question.options.empty()) {
        return absl::InvalidArgumentError(
            "a proposal poll's options are its stances: agree, abstain, disagree, block");
      }
      question.options = {"agree", "abstain", "disagree", "block"};
      question.min_choices = 1;
      break;
    case PollKind::kDotVote:
      question.kind = BallotKind::kCumulative;
      question.min_choices = 1;
      question.max_choices = 0;
      question.max_score = dots;
      break;
    case PollKind::kScore:
      question.kind = BallotKind::kScore;
      question.min_choices = 1;
      question.max_choices = 0;
      question.max_score = dots;
      break;
    case PollKind::kRankedChoice:
      question.kind = BallotKind::kRanked;
      question.min_choices = 1;
      question.max_choices = 0;
      question.method = "borda";
      break;
    case PollKind::kMeetingTime:
      question.kind = BallotKind::kApproval;
      question.max_choices = 0;
      break;
  }
  return question;
}

Election Election::from_added(const ElectionAdded& added) {
  Election election;
  election.id = added.election;
  election.title = added.title;
  election.census = added.census;
  election.census_handler = added.census_handler;
  election.visibility = added.visibility;
  election.salt = added.salt;
  election.opens_at = added.opens_at;
  election.closes_at = added.closes_at;
  return election;
}

std::string_view payload_name(const Payload& payload) {
  return std::visit(
      Overloaded{
          [](const ElectionAdded&) { return std::string_view("election-added"); },
          [](const QuestionAdded&) { return std::string_view("question-added"); },
          [](const CensusCodesLoaded&) { return std::string_view("census-codes-loaded"); },
          [](const StationAdded&) { return std::string_view("station-added"); },
          [](const BallotCast&) { return std::string_view("ballot-cast"); },
          [](const VoterMarked&) { return std::string_view("voter-marked"); },
          [](const PaperBallotEntered&) { return std::string_view("paper-ballot-entered"); },
          [](const StationTotalsReported&) { return std::string_view("station-totals-reported"); },
          [](const StationConfirmed&) { return std::string_view("station-confirmed"); },
          [](const ResultsPublished&) { return std::string_view("results-published"); },
          [](const OutcomeStated&) { return std::string_view("outcome-stated"); },
      },
      payload);
}

void register_kind() {
  static std::once_flag once;
  std::call_once(once, [] {
    absl::Status registered = space::register_component_kind(std::make_shared<Kind>());
    PARTICIPA_DCHECK(registered.ok());
    (void)registered;
  });
}

absl::StatusOr<const State*> state_of(const space::Organization& organization,
                                      ComponentId component) {
  return space::state_as<State>(organization, component, kKind);
}

absl::StatusOr<Results> results(const space::Organization& organization, ComponentId component,
                                ElectionId election_id, ParticipantId reader, absl::Time now) {
  PARTICIPA_ASSIGN_OR_RETURN(const State* state, state_of(organization, component));
  auto found = state->elections.find(election_id);
  if (found == state->elections.end()) {
    return absl::NotFoundError(str_cat("election '", election_id.to_string(), "' does not exist"));
  }
  const Election& election = found->second;
  const space::Component& where = *organization.component(component);
  const space::Space& space = *organization.space(where.space);
  PARTICIPA_RETURN_IF_ERROR(space::reader_of(organization, space, where, reader).status());
  PARTICIPA_ASSIGN_OR_RETURN(const space::ComponentKind* kind, space::find_component_kind(kKind));
  const bool open = !voting_over(
      election, setting_bool(space::current_settings(*kind, space, where), "votes_enabled"), now);
  if (open && election.visibility != ResultsVisibility::kLive) {
    return absl::FailedPreconditionError(
        str_cat("the results of election '", election.title, "' are hidden while voting is open"));
  }
  const bool sees_all = election.visibility != ResultsVisibility::kPublished ||
                        (!reader.is_nil() && organization.administers(reader, where.space));

  Results out;
  out.election = election.id;
  out.title = election.title;
  for (std::size_t position = 0; position < election.questions.size(); ++position) {
    if (!sees_all && !election.published.contains(position)) continue;
    PARTICIPA_ASSIGN_OR_RETURN(QuestionResult question, count_question(election, position));
    if (auto outcome = election.outcomes.find(position); outcome != election.outcomes.end()) {
      question.outcome = outcome->second;
    }
    out.questions.push_back(std::move(question));
  }
  for (const auto& [voter, ballot] : election.ballots) out.superseded += ballot.replaced;
  for (StationId id : election.station_order) {
    const Station& station = election.stations.at(id);
    StationResult result{.id = id,
                         .name = station.name,
                         .issued = ballots_issued(station),
                         .cast = ballots_cast(station),
                         .confirmed = station.confirmed_by.has_value()};
    if (!result.confirmed && (has_paper(station) || station.marked > 0)) {
      out.warnings.push_back(
          str_cat("station '", station.name, "' is not confirmed: its paper is not counted"));
    } else if (result.confirmed && result.issued != result.cast) {
      out.warnings.push_back(str_cat("station '", station.name, "' issued ", result.issued,
                                     " ballots and counted ", result.cast));
    }
    out.stations.push_back(std::move(result));
  }
  return out;
}

}  // namespace participa::components::elections
