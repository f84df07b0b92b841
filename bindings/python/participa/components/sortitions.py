"""The sortitions component: proposals drawn by lot, reproducibly.

An admin executes ``SortitionDrawn(title=..., proposals=c, target_items=k, dice=d, beacon=b)``;
participa records the request time, the candidates, the seed and the selection. Anyone can draw
again from those inputs (docs/sortition.md): ``candidates_of``, ``seed_text`` and ``draw`` are the
procedure's three steps.
"""

from __future__ import annotations

from .. import _core
from .._reexport import reexport

__all__ = reexport(_core.sortitions, globals(), __name__)
