// participa/pb/tie_break.hpp — which project wins a tie between projects.
//
// Policies (their names on the command line and in Python):
//   project-id   the project id compared as text, smallest first (pabutools' default);
//   file-order   the order of the election's projects;
//   permutation  an explicit order of all projects (indices), most favoured first;
//   random       an order drawn once from the ChaCha20 generator seeded with `seed`
//                (projects sorted by id, then shuffled), recorded in the result.
//
// This is tally::TieBreak for projects instead of candidates.
//
//   pb::TieBreak tie_break{.policy = pb::TieBreakPolicy::kRandom, .seed = 7};
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/core/names.hpp"

namespace participa::pb {

enum class TieBreakPolicy { kProjectId, kFileOrder, kPermutation, kRandom };

inline constexpr std::array<Named<TieBreakPolicy>, 4> kTieBreakPolicyNames = {{
    {TieBreakPolicy::kProjectId, "project-id"},
    {TieBreakPolicy::kFileOrder, "file-order"},
    {TieBreakPolicy::kPermutation, "permutation"},
    {TieBreakPolicy::kRandom, "random"},
}};

inline std::string_view to_string(TieBreakPolicy p) { return name_of(kTieBreakPolicyNames, p); }
inline absl::StatusOr<TieBreakPolicy> parse_tie_break_policy(std::string_view text) {
  return parse_name(kTieBreakPolicyNames, "tie-break policy", text);
}

// TieBreak — a policy with its permutation (kPermutation) or seed (kRandom).
struct TieBreak {
  TieBreakPolicy policy = TieBreakPolicy::kProjectId;
  std::vector<std::uint32_t> permutation;
  std::uint64_t seed = 0;
  friend bool operator==(const TieBreak&, const TieBreak&) = default;
};

}  // namespace participa::pb
