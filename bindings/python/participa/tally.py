"""Ballots, profiles, counting methods and results.

>>> import numpy as np, participa
>>> rankings = np.array([[0, 1, 2], [1, 0, -1], [0, 2, 1]])
>>> profile = participa.tally.Profile.from_rankings(rankings, ["Ana", "Ben", "Chloe"])
>>> participa.tally.count("irv", profile).winner_names()
['Ana']
"""

from __future__ import annotations

from typing import Any

from . import _core
from ._reexport import reexport

__all__ = reexport(_core.tally, globals(), __name__)


def _rounds_frame(self: Any) -> Any:
    """The count round by round as a pandas DataFrame (see participa.pandas.rounds_frame)."""
    from . import pandas

    return pandas.rounds_frame(self)


def _ballots_frame(self: Any) -> Any:
    """The distinct ballots as a pandas DataFrame (see participa.pandas.ballots_frame)."""
    from . import pandas

    return pandas.ballots_frame(self)


_core.tally.Result.rounds_frame = _rounds_frame
_core.tally.Profile.ballots_frame = _ballots_frame
