// participa/space/ids.hpp — the identifiers of the participation model.
//
// Each entity kind has its own `Id` tag, so a ParticipantId is never taken for a SpaceId.
// Ids are assigned by the organization when a command creates the entity (from the seeded
// generator, so a replay assigns the same ids), or supplied by the caller when it already
// has a stable key (`ParticipantId::from_name("census:4711")`).
#pragma once

#include "participa/core/id.hpp"

namespace participa {

using OrganizationId = Id<struct OrganizationTag>;
using ParticipantId = Id<struct ParticipantTag>;
using GroupId = Id<struct GroupTag>;
using ScopeId = Id<struct ScopeTag>;
using SpaceId = Id<struct SpaceTag>;
using PhaseId = Id<struct PhaseTag>;
using ComponentId = Id<struct ComponentTag>;
// A polling station of a component (an election's, a budget vote's): where officers take paper.
using StationId = Id<struct StationTag>;

}  // namespace participa
