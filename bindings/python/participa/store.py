"""The record of an organization: a ``Ledger`` over a SQLite file (or memory) and ``verify``.

    from participa import space, store
    with store.Ledger("city.db") as ledger:
        founded = ledger.execute(space.OrganizationFounded(
            name="City", seed=7, founder_nickname="admin", founder_name="City Hall"))
        admin = founded.event.body.founder

Every command is decided against the current state, appended with its chain hash and
applied; a refused command raises (``ValueError``, ``KeyError`` or ``participa.StateError``)
and changes nothing. ``events_frame`` gives the record as a pandas DataFrame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

from . import _core
from ._reexport import reexport

__all__ = reexport(_core.store, globals(), __name__)


def events_frame(ledger: Any, after: int = 0) -> pandas.DataFrame:
    """The recorded events after `after` as a DataFrame indexed by sequence: time, name
    ('vote-cast' style, '<kind>/<payload>' for a component's event), actor, channel,
    recorded_by, key and hash."""
    import pandas as pd

    state = ledger.state()
    rows = []
    for receipt in ledger.events(after):
        event, actor = receipt.event, receipt.event.actor
        rows.append({"sequence": event.sequence, "time": event.time,
                     "name": _core.space.event_name(state, event),
                     "actor": actor.participant, "channel": actor.channel.name,
                     "recorded_by": actor.recorded_by, "key": event.idempotency_key,
                     "hash": receipt.hash})
    columns = ["sequence", "time", "name", "actor", "channel", "recorded_by", "key", "hash"]
    return pd.DataFrame(rows, columns=columns).set_index("sequence")


__all__.append("events_frame")
