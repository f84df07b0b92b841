// participa/components/accountability/accountability.hpp — the accountability component: how
// the chosen projects are being carried out, with statuses, progress, weights, children and
// milestones.
//
// What Decidim calls the component's "results" are commitments here: "result" already names
// what a count returns. Register once with `register_kind()` (the `Ledger` does it). Space
// admins keep:
//   - execution statuses, each with a key unique in the component, a name and the progress it
//     stands for ("in execution", 50 %);
//   - commitments, at the top or as children of one of the top (two levels: a commitment and
//     its projects), each with a status, a progress of its own (the status's when none is
//     given), an optional weight, links to the space's proposals, and milestones (date, title,
//     description) in the order they were added;
//   - `CommitmentsImported` turns a budget's recorded selection into commitments, one per
//     selected project with its title, description and proposals, linked to the project; a
//     project is imported once.
// Progress is in hundredths of a percent (10000 = 100 %) and weights in ten-thousandths
// (10000 = 1), so the record holds them exactly. `progress_of` gives a commitment's progress as
// an exact rational percent: its own without children; with children, as Decidim computes it —
// weighted (Σ child progress × child weight, a missing weight counting as 1) when some child has
// a weight and either there is one child or no child's weight is 1; otherwise the plain mean.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "participa/components/budgets/budgets.hpp"
#include "participa/components/proposals/ids.hpp"
#include "participa/core/rational.hpp"
#include "participa/space/ids.hpp"
#include "participa/space/organization.hpp"

namespace participa {
using CommitmentId = Id<struct CommitmentTag>;
using MilestoneId = Id<struct MilestoneTag>;
}  // namespace participa

namespace participa::components::accountability {

inline constexpr std::string_view kKind = "accountability";
inline constexpr std::uint32_t kFullProgress = 10000;  // 100 %, in hundredths of a percent
inline constexpr std::uint32_t kUnitWeight = 10000;    // 1, in ten-thousandths

struct ExecutionStatusAdded {
  std::string key{};
  std::string name{};
  std::uint32_t progress = 0;
  friend bool operator==(const ExecutionStatusAdded&, const ExecutionStatusAdded&) = default;
};

// BudgetLink — the budget project a commitment was imported from.
struct BudgetLink {
  ComponentId budgets{};
  BudgetId budget{};
  BudgetProjectId project{};
  friend bool operator==(const BudgetLink&, const BudgetLink&) = default;
};

// CommitmentAdded — `progress` absent takes the status's (0 without a status).
struct CommitmentAdded {
  CommitmentId commitment{};
  CommitmentId parent{};
  std::string title{};
  std::string description{};
  std::string status{};
  std::optional<std::uint32_t> progress{};
  std::optional<std::uint32_t> weight{};
  std::vector<ProposalId> proposals{};
  std::optional<BudgetLink> project{};
  friend bool operator==(const CommitmentAdded&, const CommitmentAdded&) = default;
};

// CommitmentProgressed — a new status and/or progress; progress absent with a status takes the
// status's.
struct CommitmentProgressed {
  CommitmentId commitment{};
  std::string status{};
  std::optional<std::uint32_t> progress{};
  friend bool operator==(const CommitmentProgressed&, const CommitmentProgressed&) = default;
};

struct MilestoneAdded {
  CommitmentId commitment{};
  MilestoneId milestone{};
  absl::Time date = absl::InfinitePast();
  std::string title{};
  std::string description{};
  friend bool operator==(const MilestoneAdded&, const MilestoneAdded&) = default;
};

// CommitmentsImported — an admin names a budget; the commitments are computed when the command is
// decided (a new command brings none).
struct CommitmentsImported {
  ComponentId budgets{};
  BudgetId budget{};
  std::vector<CommitmentAdded> commitments{};
  friend bool operator==(const CommitmentsImported&, const CommitmentsImported&) = default;
};

using Payload = std::variant<ExecutionStatusAdded, CommitmentAdded, CommitmentProgressed,
                             MilestoneAdded, CommitmentsImported>;

struct Milestone {
  MilestoneId id{};
  absl::Time date = absl::InfinitePast();
  std::string title{};
  std::string description{};
  friend bool operator==(const Milestone&, const Milestone&) = default;
};

struct Commitment {
  CommitmentAdded added{};
  std::string status{};
  std::uint32_t progress = 0;
  std::vector<CommitmentId> children{};
  std::vector<Milestone> milestones{};
  friend bool operator==(const Commitment&, const Commitment&) = default;
};

struct State {
  std::map<std::string, ExecutionStatusAdded> statuses{};
  std::vector<std::string> status_order{};
  std::map<CommitmentId, Commitment> commitments{};
  std::vector<CommitmentId> added{};
  friend bool operator==(const State&, const State&) = default;
};

void register_kind();

absl::StatusOr<const State*> state_of(const space::Organization& organization,
                                      ComponentId component);

// progress_of — the commitment's progress, an exact percent (see the top). NotFound for a
// commitment the state does not hold.
absl::StatusOr<Rational> progress_of(const State& state, CommitmentId commitment);

}  // namespace participa::components::accountability
