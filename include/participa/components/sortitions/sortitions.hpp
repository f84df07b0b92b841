// participa/components/sortitions/sortitions.hpp — the sortitions component: proposals drawn by
// lot, reproducibly, so that anyone can recompute a draw outside participa.
//
// Register once with `register_kind()` (the `Ledger` does it). A space admin asks for a draw of
// `target_items` proposals from a proposals component, giving the witnessed die roll (1 to 6,
// thrown before witnesses) and, optionally, a public beacon's value. The draw is computed when
// it is requested, from public inputs only (docs/sortition.md specifies each step):
//   1. the candidates: the component's proposals published before the request time (to the
//      second), neither withdrawn, rejected, hidden, retired by a merge or split, nor
//      emendations — in the order of their ids' canonical text;
//   2. the seed: SHA-256 of a canonical text naming the request time, the die, the beacon and
//      the candidates (`seed_text`);
//   3. a ChaCha20 keystream keyed by the seed (core/chacha20.hpp) shuffles the candidates by
//      Fisher–Yates from the back; the first `target_items` are selected.
// The event keeps the inputs and the outputs (candidates, seed, selected), and `verify` draws
// again from the record and refuses an event whose outputs differ. A draw is final.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "participa/components/proposals/ids.hpp"
#include "participa/core/digest.hpp"
#include "participa/space/ids.hpp"
#include "participa/space/organization.hpp"

namespace participa {
using SortitionId = Id<struct SortitionTag>;
}  // namespace participa

namespace participa::components::sortitions {

inline constexpr std::string_view kKind = "sortitions";

// SortitionDrawn — what an admin asks (sortition, title, proposals, target_items, dice, beacon)
// and what decide computes and records (requested_at, candidates, seed, selected); a new
// command brings none of the computed fields.
struct SortitionDrawn {
  SortitionId sortition{};
  std::string title{};
  ComponentId proposals{};
  std::uint32_t target_items = 0;
  std::uint32_t dice = 0;
  std::string beacon{};
  absl::Time requested_at = absl::InfinitePast();
  std::vector<ProposalId> candidates{};
  Digest seed{};
  std::vector<ProposalId> selected{};
  friend bool operator==(const SortitionDrawn&, const SortitionDrawn&) = default;
};

using Payload = std::variant<SortitionDrawn>;

// A sortition as the record holds it: the event that drew it, and who asked.
struct Sortition {
  SortitionDrawn draw{};
  ParticipantId drawn_by{};
  friend bool operator==(const Sortition&, const Sortition&) = default;
};

struct State {
  std::map<SortitionId, Sortition> sortitions{};
  std::vector<SortitionId> added{};
  friend bool operator==(const State&, const State&) = default;
};

void register_kind();

absl::StatusOr<const State*> state_of(const space::Organization& organization,
                                      ComponentId component);

// candidates_of — step 1: the proposals of `proposals` that may be drawn at `requested_at`.
// NotFound / InvalidArgument when the component does not exist or holds no proposals.
absl::StatusOr<std::vector<ProposalId>> candidates_of(const space::Organization& organization,
                                                      ComponentId proposals,
                                                      absl::Time requested_at);

// seed_text — step 2's canonical text, UTF-8 with "\n" after every line:
//   participa sortition 1
//   time <requested_at, RFC 3339 in UTC to the second, e.g. 2027-05-01T10:00:00Z>
//   dice <1..6>
//   beacon <the beacon's text, possibly empty>
//   candidates <n>
//   <each candidate's id, in order>
std::string seed_text(absl::Time requested_at, std::uint32_t dice, std::string_view beacon,
                      std::span<const ProposalId> candidates);

// draw — step 3: the first `target_items` of the candidates shuffled by the seed's ChaCha20
// stream (for i from n-1 down to 1, swap positions i and uniform(i + 1)). Requires target_items
// <= candidates.size().
std::vector<ProposalId> draw(const Digest& seed, std::span<const ProposalId> candidates,
                             std::uint32_t target_items);

}  // namespace participa::components::sortitions
