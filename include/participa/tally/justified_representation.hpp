// participa/tally/justified_representation.hpp — does a committee represent every cohesive
// group of voters as its size warrants? Checks of the justified-representation axioms on any
// committee, with the group that is let down when one fails.
//
// With n voters (blank ballots included) and `seats` seats, a group of voters is ℓ-cohesive
// when it holds at least ℓ·n/seats voters and they all approve ℓ common candidates. A committee
// W satisfies
//   jr   (justified representation) unless some 1-cohesive group approves no member of W;
//   pjr  (proportional JR) unless some ℓ-cohesive group approves, all its voters together,
//        fewer than ℓ members of W;
//   ejr  (extended JR) unless some ℓ-cohesive group has each of its voters approving fewer
//        than ℓ members of W.
// EJR implies PJR implies JR. PAV and equal shares always satisfy EJR, sequential Phragmén PJR,
// Chamberlin–Courant JR (Aziz et al. 2017; Sánchez-Fernández et al. 2017; Peters and Skowron
// 2020); checking PJR and EJR is coNP-complete, so the check searches exhaustively, pruning
// groups too small to matter, and gives up with ResourceExhausted after kMaxAxiomSteps steps.
//
// The witness of a failure is the largest group for its ℓ and common candidates: the distinct
// ballots of the profile (indices for Profile::ballot) it is made of and their total weight.
//
// Errors: InvalidArgument for ballots other than approval or single-choice, a profile in which
// no ballot approves a candidate, seats < 1, a committee naming an unknown or repeated
// candidate, or a committee larger than seats.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/core/names.hpp"
#include "participa/tally/profile.hpp"

namespace participa::tally {

enum class Axiom { kJr, kPjr, kEjr };
inline constexpr std::array<Named<Axiom>, 3> kAxiomNames = {{
    {Axiom::kJr, "jr"},
    {Axiom::kPjr, "pjr"},
    {Axiom::kEjr, "ejr"},
}};
inline std::string_view to_string(Axiom axiom) { return name_of(kAxiomNames, axiom); }
inline absl::StatusOr<Axiom> parse_axiom(std::string_view text) {
  return parse_name(kAxiomNames, "axiom", text);
}

inline constexpr std::uint64_t kMaxAxiomSteps = 200'000'000;

// Violation — an ℓ-cohesive group the committee lets down.
struct Violation {
  Axiom axiom = Axiom::kJr;
  int ell = 1;
  std::vector<Candidate> common;     // ℓ candidates every voter of the group approves
  std::vector<std::size_t> ballots;  // the group: distinct ballots of the profile
  std::uint64_t weight = 0;          // how many voters they are
  friend bool operator==(const Violation&, const Violation&) = default;
};

// find_violation(profile, committee, seats, axiom) — a group the committee fails under the
// axiom, or nullopt when it satisfies it.
absl::StatusOr<std::optional<Violation>> find_violation(const Profile& profile,
                                                        std::span<const Candidate> committee,
                                                        int seats, Axiom axiom);

}  // namespace participa::tally
