// participa/tally/method.hpp — counting methods, found by name in a registry.
//
// A counting method is a pure function from a Profile and its Options to a Result. Built-in
// methods are registered under the names below; a vendor adds its own to a registry the same
// way (see examples/custom_method.cpp) and every front end (the CLI, Python) finds it by name.
//
//   auto registry = participa::tally::MethodRegistry::with_builtins();
//   participa::tally::Options options{.seats = 1,
//                                     .tie_break = {.policy = TieBreakPolicy::kReport}};
//   absl::StatusOr<Result> result = registry.count("schulze", profile, options);
//
// Method-specific parameters travel in Options::parameters as text ("variant" = "mean" for
// score, "unranked" = "incomparable" for pairwise methods, ...); each MethodInfo lists the
// ones it reads, and an unknown parameter is an InvalidArgument error rather than ignored.
//
// Built-in names: plurality, anti-plurality, approval, score, borda, dowdall, two-round, irv,
// coombs, bucklin, baldwin, nanson, copeland, minimax, schulze, ranked-pairs, split-cycle,
// smith-set, condorcet, majority-judgment, star, dhondt, sainte-lague, largest-remainder-hare,
// largest-remainder-droop, the approval committees of tally/committee.hpp: pav,
// chamberlin-courant, sequential-pav, sequential-chamberlin-courant, sequential-phragmen,
// equal-shares; and the STV rule books of tally/stv.hpp: stv-scottish, stv-minneapolis, stv-cfer,
// stv-wigm, stv-wigm-prf, meek, meek-prf, warren, qpq. Multi-winner STV with RCTab's rules lives in
// tally/rctab.hpp, over cast-vote records rather than profiles.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/tally/profile.hpp"
#include "participa/tally/result.hpp"
#include "participa/tally/tie_break.hpp"

namespace participa::tally {

struct Options {
  int seats = 1;
  TieBreak tie_break;
  std::map<std::string, std::string, std::less<>> parameters;
};

struct ParameterInfo {
  std::string name;
  std::string description;
  std::string default_value;
};

struct MethodInfo {
  std::string name;
  std::string summary;
  std::vector<BallotKind> accepts;
  std::vector<ParameterInfo> parameters;
  bool multi_winner = false;
  std::function<absl::StatusOr<Result>(const Profile&, const Options&)> count;
  // What each round's tally holds, named as a table column would be ("votes", "points",
  // "candidates_beaten_by_strongest_path"): entry i names round i, the last one every later round.
  std::vector<std::string> measures = {};
  // False for methods that count strict rankings only: the registry refuses a profile with
  // equal ranks for them.
  bool accepts_equal_ranks = true;

  // measure(round) — the name for round `round` (from 0); "votes" when measures is empty.
  std::string_view measure(std::size_t round) const {
    if (measures.empty()) return "votes";
    return measures[std::min(round, measures.size() - 1)];
  }
};

class MethodRegistry {
 public:
  // with_builtins() — a registry holding every method participa ships.
  static MethodRegistry with_builtins();

  // add(info) — AlreadyExists if the name is taken; InvalidArgument for an empty name or a
  // missing count function.
  absl::Status add(MethodInfo info);
  // find(name) — NotFound naming the known methods.
  absl::StatusOr<const MethodInfo*> find(std::string_view name) const;
  std::vector<std::string> names() const;

  // count(name, profile, options) — checks the ballot kind, seats and parameters against the
  // method's MethodInfo, then counts.
  absl::StatusOr<Result> count(std::string_view name, const Profile& profile,
                               const Options& options) const;

 private:
  std::map<std::string, MethodInfo, std::less<>> methods_;
};

}  // namespace participa::tally
