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

from typing import Any

from . import _core
from ._reexport import reexport

__all__ = reexport(_core.store, globals(), __name__)


def events_frame(ledger: Any, after: int = 0) -> Any:
    """The recorded events after `after` as a DataFrame indexed by sequence: time, name
    ('vote-cast' style, '<kind>/<payload>' for a component's event), actor, channel,
    recorded_by, key and hash."""
    import pandas as pd

    state = ledger.state()
    rows = [{"sequence": r.event.sequence, "time": r.event.time,
             "name": _core.space.event_name(state, r.event),
             "actor": r.event.actor.participant, "channel": r.event.actor.channel.name,
             "recorded_by": r.event.actor.recorded_by, "key": r.event.idempotency_key,
             "hash": r.hash}
            for r in ledger.events(after)]
    columns = ["sequence", "time", "name", "actor", "channel", "recorded_by", "key", "hash"]
    return pd.DataFrame(rows, columns=columns).set_index("sequence")


__all__.append("events_frame")
