"""Participatory budgeting: projects, elections, ballot rules and winner rules.

Rules take an ``Election`` (read one with ``participa.io.read_pabulib``) and return a
``Result`` whose costs, prices and budgets are exact ``fractions.Fraction`` values. Every rule
is also found by name: ``run("equal-shares", election, completion="add1")``, ``rules()``.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

from . import _core
from ._reexport import reexport

__all__ = reexport(_core.pb, globals(), __name__)


def _projects_frame(self: Any, result: Any = None, exact: bool = True) -> pandas.DataFrame:
    """The projects as a pandas DataFrame, every column of the file included (see
    participa.pandas.projects_frame)."""
    from . import pandas

    return pandas.projects_frame(self, result, exact)


def _voters_frame(self: Any) -> pandas.DataFrame:
    """The file's voter rows as a pandas DataFrame (see participa.pandas.voters_frame)."""
    from . import pandas

    return pandas.voters_frame(self)


def _rounds_frame(self: Any, exact: bool = True) -> pandas.DataFrame:
    """The rule's rounds as a pandas DataFrame (see participa.pandas.pb_rounds_frame)."""
    from . import pandas

    return pandas.pb_rounds_frame(self, exact)


def _election_html(self: Any) -> str:
    instance = self.instance
    meta = instance.meta
    where = " ".join(html.escape(meta[k]) for k in ("country", "unit", "instance") if k in meta)
    return (f"<div><b>PB election</b> {where}: {len(instance.projects)} projects, budget "
            f"{html.escape(str(instance.budget))}, {self.profile.total_weight} voters "
            f"({html.escape(instance.vote_type.name)} ballots)</div>")


def _result_html(self: Any) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(self.projects[i])}</td></tr>" for i in self.selected)
    return (f"<div><b>{html.escape(self.rule)}</b>: {len(self.selected)} projects selected, "
            f"cost {html.escape(str(self.total_cost))} of {html.escape(str(self.budget))}"
            f"<table><tr><th>selected</th></tr>{rows}</table></div>")


_core.pb.Instance.projects_frame = _projects_frame
_core.pb.Election.projects_frame = _projects_frame
_core.pb.Election.voters_frame = _voters_frame
_core.pb.Election._repr_html_ = _election_html
_core.pb.Result.rounds_frame = _rounds_frame
_core.pb.Result._repr_html_ = _result_html
