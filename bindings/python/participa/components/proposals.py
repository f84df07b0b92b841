"""The proposals component: drafts, publication, votes under limits, likes, comments, answers.

Payloads (``ProposalDrafted``, ``VoteCast``, ...) are executed with the component's id:

    ledger.execute(proposals.VoteCast(proposal=p), actor=ana, component=c)

``state_of(organization, component)`` is the component's state as the record folds it;
``list_proposals`` is what one reader may see. ``proposals_frame`` and ``votes_frame`` give
them as pandas DataFrames.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

from .. import _core
from .._reexport import reexport

__all__ = reexport(_core.proposals, globals(), __name__)

_CHANNELS = ["online", "in_person", "mediated"]


def proposals_frame(organization: Any, component: str) -> pandas.DataFrame:
    """Every proposal of the component as the record holds it, indexed by id: title, first
    author, official, published_at, withdrawn, hidden, answer_state, answer_published, cost,
    votes (counted weight) and votes per channel, likes, comments."""
    import pandas as pd

    state = state_of(organization, component)
    rows = []
    for p in state.proposals.values():
        row = {"id": p.id, "title": p.title, "author": p.authors[0] if p.authors else None,
               "official": p.official, "published_at": p.published_at,
               "withdrawn": p.withdrawn, "hidden": p.hidden, "answer_state": p.answer_state,
               "answer_published": p.answer_published, "cost": p.cost, "votes": p.votes}
        row.update({f"votes_{name}": count for name, count in zip(_CHANNELS, p.votes_by_channel)})
        row.update({"likes": p.likes, "comments": p.comments})
        rows.append(row)
    columns = (["id", "title", "author", "official", "published_at", "withdrawn", "hidden",
                "answer_state", "answer_published", "cost", "votes"]
               + [f"votes_{name}" for name in _CHANNELS] + ["likes", "comments"])
    return pd.DataFrame(rows, columns=columns).set_index("id")


def votes_frame(organization: Any, component: str) -> pandas.DataFrame:
    """Every vote recorded in the component, temporary ones included: participant, proposal,
    weight and channel."""
    import pandas as pd

    state = state_of(organization, component)
    rows = [{"participant": who, "proposal": which, "weight": vote.weight,
             "channel": vote.channel.name}
            for (who, which), vote in state.votes.items()]
    return pd.DataFrame(rows, columns=["participant", "proposal", "weight", "channel"])


__all__ += ["proposals_frame", "votes_frame"]
