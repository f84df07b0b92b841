"""Participatory budgeting: projects, elections, ballot rules and winner rules.

Rules take an ``Election`` (read one with ``participa.io.read_pabulib``) and return an
``Outcome`` whose costs, prices and budgets are exact ``fractions.Fraction`` values.
"""

from __future__ import annotations

from typing import Any

from . import _core
from ._reexport import reexport

__all__ = reexport(_core.pb, globals(), __name__)


def _projects_frame(self: Any, outcome: Any = None) -> Any:
    """The projects as a pandas DataFrame (see participa.pandas.projects_frame)."""
    from . import pandas

    return pandas.projects_frame(self, outcome)


def _steps_frame(self: Any) -> Any:
    """The rule's steps as a pandas DataFrame (see participa.pandas.steps_frame)."""
    from . import pandas

    return pandas.steps_frame(self)


_core.pb.Instance.projects_frame = _projects_frame
_core.pb.Election.projects_frame = _projects_frame
_core.pb.Outcome.steps_frame = _steps_frame
