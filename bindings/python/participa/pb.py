"""Participatory budgeting: projects, elections, ballot rules and winner rules.

Rules take an ``Election`` (read one with ``participa.io.read_pabulib``) and return a
``Result`` whose costs, prices and budgets are exact ``fractions.Fraction`` values. Every rule
is also found by name: ``run("equal-shares", election, completion="add1")``, ``rules()``.
"""

from __future__ import annotations

from typing import Any

from . import _core
from ._reexport import reexport

__all__ = reexport(_core.pb, globals(), __name__)


def _projects_frame(self: Any, result: Any = None) -> Any:
    """The projects as a pandas DataFrame (see participa.pandas.projects_frame)."""
    from . import pandas

    return pandas.projects_frame(self, result)


def _rounds_frame(self: Any) -> Any:
    """The rule's rounds as a pandas DataFrame (see participa.pandas.pb_rounds_frame)."""
    from . import pandas

    return pandas.pb_rounds_frame(self)


_core.pb.Instance.projects_frame = _projects_frame
_core.pb.Election.projects_frame = _projects_frame
_core.pb.Result.rounds_frame = _rounds_frame
