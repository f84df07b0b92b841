// participa/tally/result.hpp — a count's outcome, with everything needed to audit it.
//
// A `Result` carries the method and its parameters, the digest of the profile counted, the
// winners in order, the full ranking where the method defines one, and the count round by
// round: each continuing candidate's tally, who was elected or eliminated, what moved where,
// how much no longer counts (exhausted), the threshold in force, and every tie met with how it
// was broken; a method deciding from head-to-head counts also gives them (`pairwise`). Counts
// are exact `Rational`s; most are whole numbers.
//
// Results are plain values: comparable with ==, serialized by io/ (protobuf and JSON).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "participa/core/digest.hpp"
#include "participa/core/names.hpp"
#include "participa/core/rational.hpp"
#include "participa/tally/ballot.hpp"

namespace participa::tally {

struct TallyEntry {
  Candidate candidate = 0;
  Rational votes;
  friend bool operator==(const TallyEntry&, const TallyEntry&) = default;
};

// Transfer — votes moving from one candidate to another, or out of the count (to = nullopt).
struct Transfer {
  Candidate from = 0;
  std::optional<Candidate> to;
  Rational votes;
  friend bool operator==(const Transfer&, const Transfer&) = default;
};

struct Round {
  std::vector<TallyEntry> tally;
  std::vector<Candidate> elected;
  std::vector<Candidate> eliminated;
  std::vector<Transfer> transfers;
  // Weight of ballots that no longer count for any continuing candidate.
  Rational exhausted;
  std::optional<Rational> threshold;
  std::string note;
  friend bool operator==(const Round&, const Round&) = default;
};

enum class TiePurpose { kWinner, kElimination, kRanking };
inline constexpr std::array<Named<TiePurpose>, 3> kTiePurposeNames = {{
    {TiePurpose::kWinner, "winner"},
    {TiePurpose::kElimination, "elimination"},
    {TiePurpose::kRanking, "ranking"},
}};
inline std::string_view to_string(TiePurpose purpose) { return name_of(kTiePurposeNames, purpose); }

// Tie — candidates a rule could not separate. `order` is how the tie-break ranked them, most
// favoured first; it is empty when the policy is to report ties rather than break them.
struct Tie {
  int round = 0;
  TiePurpose purpose = TiePurpose::kWinner;
  std::vector<Candidate> tied;
  std::vector<Candidate> order;
  friend bool operator==(const Tie&, const Tie&) = default;
};

struct Result {
  std::string method;
  std::vector<std::pair<std::string, std::string>> parameters;
  std::vector<std::string> candidates;
  std::vector<Candidate> winners;
  // True when `winners` holds tied candidates because a tie was reported rather than broken:
  // more candidates than seats, or (the sequential committee rules, which stop at such a tie)
  // the seats filled before it and every candidate tied for the next.
  bool tied_winners = false;
  // Tiers from best to worst; empty when the method defines no full ranking.
  std::vector<std::vector<Candidate>> ranking;
  std::vector<Round> rounds;
  std::vector<Tie> ties;
  // pairwise — for the methods that decide from head-to-head counts (condorcet.hpp): row a,
  // column b is the weight of ballots ranking a above b, under the count's `unranked`
  // parameter. Empty for every other method.
  std::vector<std::vector<std::uint64_t>> pairwise;
  Digest input_digest;
  std::uint64_t total_weight = 0;

  std::vector<std::string> winner_names() const {
    std::vector<std::string> names;
    for (Candidate c : winners) names.push_back(candidates[c]);
    return names;
  }
  friend bool operator==(const Result&, const Result&) = default;
};

}  // namespace participa::tally
