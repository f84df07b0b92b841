#include <algorithm>

#include "absl/strings/str_join.h"
#include "participa/core/strings.hpp"
#include "participa/tally/apportionment.hpp"
#include "participa/tally/cardinal.hpp"
#include "participa/tally/committee.hpp"
#include "participa/tally/condorcet.hpp"
#include "participa/tally/elimination.hpp"
#include "participa/tally/method.hpp"
#include "participa/tally/positional.hpp"
#include "tally/stv_method.hpp"

namespace participa::tally {
namespace {

using K = BallotKind;
const std::vector<BallotKind> kRankedKinds = {K::kRanked, K::kSingleChoice};
const ParameterInfo kUnrankedParam = {
    "unranked", "how a ranked candidate compares with an unranked one: below | incomparable",
    "below"};

}  // namespace

MethodRegistry MethodRegistry::with_builtins() {
  MethodRegistry r;
  auto add = [&r](std::string name, std::string summary, std::vector<BallotKind> kinds,
                  std::vector<ParameterInfo> params, bool multi,
                  absl::StatusOr<Result> (*fn)(const Profile&, const Options&),
                  std::vector<std::string> measures) {
    absl::Status s = r.add(MethodInfo{std::move(name), std::move(summary), std::move(kinds),
                                      std::move(params), multi, fn, std::move(measures), true});
    static_cast<void>(s);
  };
  add("plurality", "most first choices", kRankedKinds, {}, false, plurality, {"votes"});
  add("anti-plurality", "fewest last places", kRankedKinds, {}, false, anti_plurality,
      {"last_places"});
  add("approval", "most approvals; with seats=k the k most approved",
      {K::kApproval, K::kSingleChoice}, {}, true, approval, {"approvals"});
  add("score", "highest total (or mean) score", {K::kScore, K::kCumulative},
      {{"variant", "sum | mean", "sum"}}, true, score, {"score"});
  add("borda", "Borda count: position k of m scores m-1-k", kRankedKinds,
      {{"variant", "full | truncated (first of max_rank choices scores max_rank)", "full"},
       {"max_rank", "points of a first choice under variant=truncated (0: candidates)", "0"}},
      false, borda, {"points"});
  add("dowdall", "Dowdall (Nauru): position k scores 1/(k+1)", kRankedKinds, {}, false, dowdall,
      {"points"});
  add("two-round", "top two by first choices meet in a runoff", kRankedKinds, {}, false, two_round,
      {"votes"});
  add("irv", "instant runoff: eliminate the fewest first choices until a majority", kRankedKinds,
      {}, false, irv, {"votes"});
  add("coombs", "eliminate the most last places until a majority", kRankedKinds, {}, false, coombs,
      {"votes"});
  add("bucklin", "add lower ranks until a majority", kRankedKinds, {}, false, bucklin, {"votes"});
  add("baldwin", "eliminate the lowest Borda score, recount", kRankedKinds, {}, false, baldwin,
      {"borda_points"});
  add("nanson", "eliminate Borda scores below the average, recount", kRankedKinds, {}, false,
      nanson, {"borda_points"});
  add("copeland", "most pairwise victories", kRankedKinds, {kUnrankedParam}, false, copeland,
      {"copeland_score"});
  add("minimax", "smallest worst pairwise defeat", kRankedKinds, {kUnrankedParam}, false, minimax,
      {"worst_margin_against"});
  add("schulze", "beat-path (Schulze) method", kRankedKinds, {kUnrankedParam}, false, schulze,
      {"candidates_beaten_by_strongest_path"});
  add("ranked-pairs", "lock the largest majorities unless they close a cycle", kRankedKinds,
      {kUnrankedParam}, false, ranked_pairs, {});
  add("split-cycle", "discard the weakest margin of every cycle", kRankedKinds, {kUnrankedParam},
      false, split_cycle, {"defeats_suffered"});
  add("smith-set", "smallest set beating everyone outside it", kRankedKinds, {kUnrankedParam},
      false, smith_set, {});
  add("condorcet", "the Condorcet winner, or every candidate", kRankedKinds, {kUnrankedParam},
      false, condorcet, {});
  add("majority-judgment", "highest median grade", {K::kScore}, {}, true, majority_judgment,
      {"median_grade"});
  add("star", "score then automatic runoff", {K::kScore}, {}, false, star, {"score", "votes"});
  add("dhondt", "D'Hondt highest averages apportionment", kRankedKinds, {}, true, dhondt,
      {"quotient"});
  add("sainte-lague", "Sainte-Lague highest averages apportionment", kRankedKinds, {}, true,
      sainte_lague, {"quotient"});
  add("largest-remainder-hare", "largest remainders with the Hare quota votes/seats", kRankedKinds,
      {}, true, largest_remainder_hare, {"quotas", "remainder"});
  add("largest-remainder-droop", "largest remainders with the Droop quota", kRankedKinds, {}, true,
      largest_remainder_droop, {"quotas", "remainder"});
  const std::vector<BallotKind> approvals = {K::kApproval, K::kSingleChoice};
  add("pav", "proportional approval voting: the committee with the highest PAV score", approvals,
      {}, true, pav, {"best_committee_score"});
  add("chamberlin-courant", "the committee representing the most voters", approvals, {}, true,
      chamberlin_courant, {"best_committee_score"});
  add("sequential-pav", "each seat to the largest gain in PAV score", approvals, {}, true,
      sequential_pav, {"pav_score_added"});
  add("sequential-chamberlin-courant", "each seat to the most voters not yet represented",
      approvals, {}, true, sequential_chamberlin_courant, {"voters_newly_represented"});
  add("sequential-phragmen", "each seat to the lowest new load of its approvers", approvals, {},
      true, sequential_phragmen, {"load"});
  add("equal-shares", "method of equal shares for committees (budget seats/n per voter)", approvals,
      {{"completion", "phragmen (fill the seats left by sequential Phragmen) | none", "phragmen"}},
      true, equal_shares, {"price"});
  for (stv::Rule rule : {stv::Rule::kScottish, stv::Rule::kMinneapolis, stv::Rule::kCfer,
                         stv::Rule::kWigm, stv::Rule::kWigmPrf, stv::Rule::kMeek,
                         stv::Rule::kMeekPrf, stv::Rule::kWarren, stv::Rule::kQpq}) {
    absl::Status s = r.add(stv::method_info(rule));
    static_cast<void>(s);
  }
  return r;
}

absl::Status MethodRegistry::add(MethodInfo info) {
  if (info.name.empty()) return absl::InvalidArgumentError("a method needs a name");
  if (!info.count) {
    return absl::InvalidArgumentError(str_cat("method '", info.name, "' has no count function"));
  }
  if (methods_.contains(info.name)) {
    return absl::AlreadyExistsError(str_cat("method '", info.name, "' is already registered"));
  }
  std::string name = info.name;
  methods_.emplace(std::move(name), std::move(info));
  return absl::OkStatus();
}

absl::StatusOr<const MethodInfo*> MethodRegistry::find(std::string_view name) const {
  auto it = methods_.find(name);
  if (it == methods_.end()) {
    return absl::NotFoundError(
        str_cat("no counting method '", name, "'; known: ", absl::StrJoin(names(), ", ")));
  }
  return &it->second;
}

std::vector<std::string> MethodRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, info] : methods_) out.push_back(name);
  return out;
}

absl::StatusOr<Result> MethodRegistry::count(std::string_view name, const Profile& profile,
                                             const Options& options) const {
  auto found = find(name);
  if (!found.ok()) return found.status();
  const MethodInfo& info = **found;
  if (std::find(info.accepts.begin(), info.accepts.end(), profile.kind()) == info.accepts.end()) {
    std::vector<std::string> kinds;
    for (BallotKind k : info.accepts) kinds.emplace_back(to_string(k));
    return absl::InvalidArgumentError(str_cat(name, " counts ", absl::StrJoin(kinds, " or "),
                                              " ballots, not ", to_string(profile.kind())));
  }
  if (profile.has_equal_ranks() && !info.accepts_equal_ranks) {
    return absl::InvalidArgumentError(
        str_cat(name, " counts strict rankings; a ballot ranks two candidates equal"));
  }
  if (options.seats < 1) {
    return absl::InvalidArgumentError(str_cat("seats must be at least 1, got ", options.seats));
  }
  if (options.seats > 1 && !info.multi_winner) {
    return absl::InvalidArgumentError(
        str_cat(name, " elects one winner; seats=", options.seats, " needs a multi-winner method"));
  }
  if (static_cast<std::size_t>(options.seats) > profile.num_candidates() && !info.multi_winner) {
    return absl::OutOfRangeError(
        str_cat("seats=", options.seats, " exceeds the ", profile.num_candidates(), " candidates"));
  }
  for (const auto& entry : options.parameters) {
    const std::string& key = entry.first;
    bool known = std::any_of(info.parameters.begin(), info.parameters.end(),
                             [&](const ParameterInfo& p) { return p.name == key; });
    if (!known) {
      return absl::InvalidArgumentError(str_cat(name, " has no parameter '", key, "'"));
    }
  }
  return info.count(profile, options);
}

}  // namespace participa::tally
