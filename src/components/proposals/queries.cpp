#include "participa/components/proposals/queries.hpp"

#include <algorithm>

#include "participa/core/rng.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/space/component_kind.hpp"

namespace participa::components::proposals {
namespace {

bool votes_hidden(const space::Space& space, const space::Component& component) {
  auto kind = space::find_component_kind(component.kind);
  return !kind.ok() ||
         space::setting_bool(space::current_settings(**kind, space, component), "votes_hidden");
}

}  // namespace

absl::StatusOr<std::vector<ProposalView>> list_proposals(const space::Organization& organization,
                                                         ComponentId component_id,
                                                         ParticipantId reader_id,
                                                         const ProposalQuery& query) {
  PARTICIPA_ASSIGN_OR_RETURN(const State* state, state_of(organization, component_id));
  const space::Component& component = *organization.component(component_id);
  const space::Space& space = *organization.space(component.space);
  PARTICIPA_ASSIGN_OR_RETURN(space::Reader reader,
                             space::reader_of(organization, space, component, reader_id));
  bool hide_votes = !reader.privileged && votes_hidden(space, component);

  std::vector<const Proposal*> chosen;
  for (const auto& [id, proposal] : state->proposals) {
    bool own = std::find(proposal.authors.begin(), proposal.authors.end(), reader_id) !=
               proposal.authors.end();
    if (!proposal.published_at && !own) continue;
    if (proposal.hidden && !reader.moderates) continue;
    if (proposal.withdrawn && !query.include_withdrawn) continue;
    if (proposal.amends.is_nil() == query.emendations) continue;
    if (!proposal.replaced_by.empty()) continue;
    if (query.mine && !own) continue;
    if (query.state && proposal.public_state() != *query.state) continue;
    if (query.scope && !organization.within_scope(proposal.scope, *query.scope)) continue;
    chosen.push_back(&proposal);
  }
  switch (query.order) {
    case SortOrder::kMostVoted:
      std::stable_sort(chosen.begin(), chosen.end(), [&](const Proposal* a, const Proposal* b) {
        return hide_votes ? a->created_at > b->created_at : a->votes > b->votes;
      });
      break;
    case SortOrder::kRecent:
      std::stable_sort(chosen.begin(), chosen.end(), [](const Proposal* a, const Proposal* b) {
        return a->published_at.value_or(a->created_at) > b->published_at.value_or(b->created_at);
      });
      break;
    case SortOrder::kRandom: {
      Rng rng(query.seed);
      rng.shuffle(chosen);
      break;
    }
  }
  std::vector<ProposalView> out;
  out.reserve(chosen.size());
  for (const Proposal* p : chosen) {
    ProposalView view;
    view.id = p->id;
    view.title = p->title;
    view.authors = p->authors;
    view.groups = p->groups;
    view.official = p->official;
    view.published = p->published_at.has_value();
    view.withdrawn = p->withdrawn;
    view.amends = p->amends;
    view.amendment_state = p->amendment_state;
    view.state = std::string(p->public_state());
    if (!hide_votes) {
      view.votes = p->votes;
      view.votes_by_channel = p->votes_by_channel;
    }
    view.likes = p->likes;
    view.comments = p->comments;
    out.push_back(std::move(view));
  }
  return out;
}

std::vector<ProposalLink> copies_of(const space::Organization& organization, ProposalId original) {
  std::vector<ProposalLink> found;
  std::vector<ComponentId> components;
  for (const auto& [id, component] : organization.components) components.push_back(id);
  std::sort(components.begin(), components.end());
  for (ComponentId id : components) {
    absl::StatusOr<const State*> state = state_of(organization, id);
    if (!state.ok()) continue;  // another kind
    for (const auto& [proposal_id, proposal] : (*state)->proposals) {
      if (proposal.copied_from == original) found.push_back({id, proposal_id});
    }
  }
  return found;
}

}  // namespace participa::components::proposals
