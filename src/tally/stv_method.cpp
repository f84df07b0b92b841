#include "tally/stv_method.hpp"

#include <charconv>
#include <numeric>
#include <span>

#include "participa/core/rng.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"

namespace participa::tally::stv {
namespace {

absl::StatusOr<std::optional<int>> number(const tally::Options& options, std::string_view key) {
  auto found = options.parameters.find(key);
  if (found == options.parameters.end()) return std::optional<int>();
  int value = 0;
  const std::string& text = found->second;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return absl::InvalidArgumentError(str_cat(key, " '", text, "' is not a whole number"));
  }
  return std::optional<int>(value);
}

absl::StatusOr<Options> stv_options(Rule rule, const Profile& profile,
                                    const tally::Options& given) {
  Options options;
  options.rule = rule;
  options.seats = given.seats;
  if (auto a = given.parameters.find("arithmetic"); a != given.parameters.end()) {
    PARTICIPA_ASSIGN_OR_RETURN(options.arithmetic, parse_arithmetic(a->second));
  }
  if (auto d = given.parameters.find("defeat"); d != given.parameters.end()) {
    PARTICIPA_ASSIGN_OR_RETURN(options.defeat, parse_defeat(d->second));
  }
  PARTICIPA_ASSIGN_OR_RETURN(options.precision, number(given, "precision"));
  PARTICIPA_ASSIGN_OR_RETURN(options.guard, number(given, "guard"));
  PARTICIPA_ASSIGN_OR_RETURN(options.display, number(given, "display"));
  PARTICIPA_ASSIGN_OR_RETURN(options.omega, number(given, "omega"));
  switch (given.tie_break.policy) {
    case TieBreakPolicy::kPermutation:
      options.tie_order = given.tie_break.permutation;
      break;
    case TieBreakPolicy::kReport:
    case TieBreakPolicy::kCandidateOrder:
      break;
    case TieBreakPolicy::kRandom: {
      // The lot drawn from the seed, once, before the count.
      options.tie_order.resize(profile.num_candidates());
      std::iota(options.tie_order.begin(), options.tie_order.end(), Candidate{0});
      Rng rng(given.tie_break.seed);
      rng.shuffle(std::span<Candidate>(options.tie_order));
      break;
    }
    case TieBreakPolicy::kPreviousRounds:
      return absl::InvalidArgumentError(
          str_cat(rule_name(rule),
                  " breaks ties as its rule book says (earlier stages, where it looks "
                  "at them, then lot); give a permutation, a seed (random) or "
                  "candidate-order for the lot"));
  }
  if (given.tie_break.policy != TieBreakPolicy::kPermutation &&
      !given.tie_break.permutation.empty()) {
    return absl::InvalidArgumentError("a permutation is read only by the permutation policy");
  }
  return options;
}

absl::StatusOr<Result> to_result(const std::string& method, const Count& count,
                                 TieBreakPolicy given_policy, std::uint64_t seed) {
  Result result;
  result.method = method;
  result.parameters = {{"defeat", std::string(defeat_name(count.defeat))},
                       {"arithmetic", std::string(arithmetic_name(count.arithmetic))},
                       {"precision", str_cat(count.precision)},
                       {"guard", str_cat(count.guard)},
                       {"display", str_cat(count.display)}};
  if (given_policy == TieBreakPolicy::kRandom) {
    result.parameters.emplace_back("seed", str_cat(seed));
  }
  if (iterates(count.rule)) {
    result.parameters.emplace_back("omega", str_cat(count.omega));
  }
  result.candidates = count.candidates;
  for (const ElectedCandidate& e : count.elected) result.winners.push_back(e.candidate);
  result.input_digest = count.input_digest;
  result.total_weight = count.ballots + count.blank_ballots;
  for (std::size_t i = 0; i < count.steps.size(); ++i) {
    const Step& step = count.steps[i];
    if (result.rounds.size() <= static_cast<std::size_t>(step.round)) {
      result.rounds.resize(static_cast<std::size_t>(step.round) + 1);
    }
    Round& round = result.rounds[static_cast<std::size_t>(step.round)];
    switch (step.action) {
      case Action::kElect:
      case Action::kElectAll:
      case Action::kElectAtThreshold:
      case Action::kElectRemaining:
      case Action::kElectHighestQuotient:
        round.elected.push_back(step.candidates.front());
        break;
      case Action::kDefeatLowest:
      case Action::kDefeatSureLoser:
      case Action::kDefeatUndeclared:
      case Action::kDefeatRemaining:
        round.eliminated.push_back(step.candidates.front());
        break;
      case Action::kBreakTieByEarlierStage:
      case Action::kBreakTieByLot: {
        result.ties.push_back(*step.tie);
        break;
      }
      default:
        break;
    }
    const bool last_of_round =
        i + 1 == count.steps.size() || count.steps[i + 1].round != step.round;
    if (!last_of_round) continue;
    round.tally.clear();
    for (std::size_t c = 0; c < step.standings.size(); ++c) {
      PARTICIPA_ASSIGN_OR_RETURN(Rational votes, parse_decimal_text(step.standings[c].votes));
      round.tally.push_back({static_cast<Candidate>(c), std::move(votes)});
    }
    // Ballots that count for nobody: the WIGM rules' non-transferable votes, Meek's residual;
    // QPQ keeps no such figure.
    const std::string& unused = step.nontransferable.empty() ? step.residual : step.nontransferable;
    if (!unused.empty()) {
      PARTICIPA_ASSIGN_OR_RETURN(round.exhausted, parse_decimal_text(unused));
    }
    if (!step.quota.empty()) {
      PARTICIPA_ASSIGN_OR_RETURN(round.threshold, parse_decimal_text(step.quota));
    }
  }
  return result;
}

}  // namespace

MethodInfo method_info(Rule rule) {
  const std::string name = iterates(rule) || rule == Rule::kQpq ? std::string(rule_name(rule))
                                                                : str_cat("stv-", rule_name(rule));
  std::vector<ParameterInfo> parameters = {
      {"arithmetic", "fixed | guarded | rational (wigm, meek, warren)", "the rule's"},
      {"precision", "digits of working precision", "the rule's"},
      {"guard", "guard digits (guarded arithmetic)", "the rule's"},
      {"display", "digits shown", "the precision (12 for rational)"},
      {"defeat", "single | batch (wigm-prf, cfer, meek, warren)", "the rule's"},
  };
  if (rule == Rule::kMeek || rule == Rule::kWarren) {
    parameters.push_back({"omega", "iterate until the surplus is 10^-omega", "the arithmetic's"});
  }
  MethodInfo info;
  info.name = name;
  info.summary = str_cat("single transferable vote, ", rule_name(rule),
                         " rules (tally/stv.hpp; ties by lot in candidate or permutation order)");
  info.accepts = {BallotKind::kRanked, BallotKind::kSingleChoice};
  info.parameters = std::move(parameters);
  info.multi_winner = true;
  info.count = [rule, name](const Profile& profile,
                            const tally::Options& given) -> absl::StatusOr<Result> {
    PARTICIPA_ASSIGN_OR_RETURN(Options options, stv_options(rule, profile, given));
    PARTICIPA_ASSIGN_OR_RETURN(Count counted, count(profile, options));
    return to_result(name, counted, given.tie_break.policy, given.tie_break.seed);
  };
  info.measures = {rule == Rule::kQpq ? "ballots" : "votes"};
  info.accepts_equal_ranks = rule == Rule::kMeek || rule == Rule::kWarren;
  return info;
}

}  // namespace participa::tally::stv
