"""The workshops component: post-it boards for ateliers held online, in the room, or both.

Payloads (``BoardAdded``, ``StickyWritten``, ``ClusterFormed``, ``DotsPlaced``,
``BoardRevealed``, ``StageSet``, ``StickyPromoted``, ...) are executed with the component's id:

    ledger.execute(workshops.StickyWritten(board=b, column=c, text="More shade"),
                   actor=ana, component=w)

What a reader sees is decided by the queries, never by a client: ``board_view`` withholds
others' stickies while writing is private and hides dots until a facilitator reveals them;
``dot_results`` counts the dots through a tally method once they are shown; ``feed`` gives a
board's events as a reader may see them, to resume from the last sequence received.
``stickies_frame`` gives a view's stickies as a pandas DataFrame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

from .. import _core
from .._reexport import reexport

__all__ = reexport(_core.workshops, globals(), __name__)

_COLUMNS = ["sticky", "column", "cluster", "text", "colour", "author", "channel", "withheld",
            "dots"]


def stickies_frame(view: Any) -> pandas.DataFrame:
    """One row per sticky of a ``BoardView``: its id, column and cluster titles, text, colour,
    author (None when anonymous, withheld or from a visitor), channel ("online", "in-person",
    "mediated"), whether it is withheld,
    and its dots (every participant's once revealed, else missing). Built from the view, it
    holds no more than the reader was shown."""
    import pandas as pd

    columns = {c.id: c.title for c in view.columns}
    clusters = {c.id: c.title for c in view.clusters}
    rows = []
    for s in view.stickies:
        rows.append({"sticky": s.id, "column": columns.get(s.column),
                     "cluster": clusters.get(s.cluster), "text": s.text, "colour": s.colour,
                     "author": s.author, "channel": s.channel.name.replace("_", "-"), "withheld": s.withheld,
                     "dots": s.dots})
    frame = pd.DataFrame(rows, columns=_COLUMNS)
    frame["dots"] = frame["dots"].astype("Int64")
    return frame


__all__ += ["stickies_frame"]
