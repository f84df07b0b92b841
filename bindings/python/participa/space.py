"""The participation model: organizations, participants, scopes, spaces and components.

Commands and events share one set of body classes (``ParticipantRegistered``,
``SpaceCreated``, ...), built with keywords; ids are ``str`` (canonical UUIDs) and ``None`` asks
the organization to assign one; times are timezone-aware ``datetime`` values. A ledger
(``participa.store.Ledger``) decides and records commands; ``decide`` and ``evolve`` are the
two pure functions it is built on. ``participants_frame`` gives the participants as a pandas
DataFrame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

from . import _core
from ._reexport import reexport

__all__ = reexport(_core.space, globals(), __name__)


def participants_frame(organization: Any) -> pandas.DataFrame:
    """The participants as a DataFrame indexed by id: nickname, display_name, managed,
    registered_at, role and the handlers of their authorizations (sorted, comma-separated)."""
    import pandas as pd

    rows = [{"id": p.id, "nickname": p.nickname, "display_name": p.display_name,
             "managed": p.managed, "registered_at": p.registered_at, "role": p.role.name,
             "authorizations": ",".join(sorted(p.authorizations))}
            for p in organization.participants.values()]
    columns = ["id", "nickname", "display_name", "managed", "registered_at", "role",
               "authorizations"]
    frame = pd.DataFrame(rows, columns=columns).sort_values("nickname", kind="stable")
    return frame.set_index("id")


__all__.append("participants_frame")
