// participa/components/proposals/ids.hpp — the ids of the proposals component, apart from its
// payloads, so other kinds can name a proposal (a budget's project links to the proposals it
// came from) without including the whole component.
#pragma once

#include "participa/core/id.hpp"

namespace participa {

using ProposalId = Id<struct ProposalTag>;
using CommentId = Id<struct CommentTag>;
using NoteId = Id<struct NoteTag>;

}  // namespace participa
