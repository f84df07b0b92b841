#include "participa/components/sortitions/sortitions.hpp"

#include <mutex>

#include "participa/components/proposals/proposals.hpp"
#include "participa/core/chacha20.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utc.hpp"
#include "participa/core/utf8.hpp"
#include "participa/space/component_kind.hpp"

namespace participa::components::sortitions {
namespace {

using space::ActionContext;
using space::EventContext;
using space::SettingSpec;

constexpr std::size_t kMaxTitle = 150;
constexpr std::size_t kMaxBeacon = 200;
constexpr std::uint32_t kMaxTargetItems = 1000;

class Kind final : public space::TypedKind<Payload, State> {
 public:
  std::string_view name() const override { return kKind; }
  std::span<const SettingSpec> settings() const override { return {}; }
  std::span<const std::string_view> actions() const override { return {}; }
  std::string_view name_of_payload(const Payload&) const override { return "sortition-drawn"; }

  absl::StatusOr<Payload> decide_payload(const ActionContext& context, const State& state,
                                         const Payload& payload) const override {
    SortitionDrawn p = std::get<SortitionDrawn>(payload);
    if (context.is_visitor() || !context.is_admin()) {
      return absl::FailedPreconditionError("only an admin of the space may draw lots");
    }
    PARTICIPA_RETURN_IF_ERROR(check_text("the sortition's title", p.title, kMaxTitle));
    if (p.target_items < 1 || p.target_items > kMaxTargetItems) {
      return absl::InvalidArgumentError(
          str_cat("a sortition draws 1 to ", kMaxTargetItems, " proposals, not ", p.target_items));
    }
    if (p.dice < 1 || p.dice > 6) {
      return absl::InvalidArgumentError(str_cat("a die shows 1 to 6, not ", p.dice));
    }
    if (!p.beacon.empty())
      PARTICIPA_RETURN_IF_ERROR(check_text("the beacon", p.beacon, kMaxBeacon));
    if (p.beacon.find_first_of("\r\n") != std::string::npos) {
      return absl::InvalidArgumentError("the beacon is one line of text");
    }
    const bool brought = p.requested_at != absl::InfinitePast() || !p.candidates.empty() ||
                         p.seed != Digest{} || !p.selected.empty();
    if (brought && !context.recorded) {
      return absl::InvalidArgumentError(
          "a draw's time, candidates, seed and selection are computed, not given");
    }
    p.sortition = p.sortition.is_nil() ? SortitionId::random(context.rng) : p.sortition;
    if (state.sortitions.contains(p.sortition)) {
      return absl::AlreadyExistsError(str_cat("sortition '", p.sortition.to_string(), "' exists"));
    }

    SortitionDrawn drawn = p;
    drawn.requested_at =
        absl::Floor(context.now - absl::UnixEpoch(), absl::Seconds(1)) + absl::UnixEpoch();
    PARTICIPA_ASSIGN_OR_RETURN(
        drawn.candidates, candidates_of(context.organization, p.proposals, drawn.requested_at));
    if (drawn.candidates.size() < p.target_items) {
      return absl::FailedPreconditionError(str_cat(
          "only ", drawn.candidates.size(), " proposals may be drawn, not ", p.target_items));
    }
    drawn.seed =
        Sha256::of(seed_text(drawn.requested_at, drawn.dice, drawn.beacon, drawn.candidates));
    drawn.selected = draw(drawn.seed, drawn.candidates, drawn.target_items);
    if (brought && drawn != p) {
      return absl::InvalidArgumentError(
          "the recorded draw is not the draw of its inputs: its time, candidates, seed or "
          "selection differ");
    }
    return drawn;
  }

  absl::Status evolve_payload(State& state, const EventContext& context,
                              const Payload& payload) const override {
    const SortitionDrawn& p = std::get<SortitionDrawn>(payload);
    if (p.sortition.is_nil() || state.sortitions.contains(p.sortition) ||
        p.selected.size() != p.target_items) {
      return absl::DataLossError("the sortition does not fit the record");
    }
    state.sortitions.emplace(p.sortition, Sortition{p, context.event.actor.participant});
    state.added.push_back(p.sortition);
    return absl::OkStatus();
  }
};

}  // namespace

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

absl::StatusOr<std::vector<ProposalId>> candidates_of(const space::Organization& organization,
                                                      ComponentId proposals,
                                                      absl::Time requested_at) {
  PARTICIPA_ASSIGN_OR_RETURN(const proposals::State* state,
                             proposals::state_of(organization, proposals));
  std::vector<ProposalId> out;
  // The map is ordered by id, and ids order as their canonical text does.
  for (const auto& [id, proposal] : state->proposals) {
    if (!proposal.published_at || *proposal.published_at >= requested_at) continue;
    if (proposal.withdrawn || proposal.hidden || !proposal.replaced_by.empty()) continue;
    if (!proposal.amends.is_nil() || proposal.public_state() == "rejected") continue;
    out.push_back(id);
  }
  return out;
}

std::string seed_text(absl::Time requested_at, std::uint32_t dice, std::string_view beacon,
                      std::span<const ProposalId> candidates) {
  std::string text = str_cat("participa sortition 1\ntime ", utc_text(requested_at), "\ndice ",
                             dice, "\nbeacon ", beacon, "\ncandidates ", candidates.size(), "\n");
  for (ProposalId id : candidates) str_append(&text, id.to_string(), "\n");
  return text;
}

std::vector<ProposalId> draw(const Digest& seed, std::span<const ProposalId> candidates,
                             std::uint32_t target_items) {
  std::vector<ProposalId> order(candidates.begin(), candidates.end());
  ChaCha20Stream stream(seed);
  for (std::size_t i = order.size(); i-- > 1;) {
    std::swap(order[i], order[stream.uniform(static_cast<std::uint32_t>(i + 1))]);
  }
  order.resize(std::min<std::size_t>(target_items, order.size()));
  return order;
}

}  // namespace participa::components::sortitions
