"""Ballots, profiles, counting methods and results.

>>> import numpy as np, participa
>>> rankings = np.array([[0, 1, 2], [1, 0, -1], [0, 2, 1]])
>>> profile = participa.tally.Profile.from_rankings(rankings, ["Ana", "Ben", "Chloe"])
>>> participa.tally.count("irv", profile).winner_names()
['Ana']
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

import numpy as np

from . import _core
from ._reexport import reexport

__all__ = reexport(_core.tally, globals(), __name__)

# The built-in methods' registry, read by participa.methods and participa.pandas.
_BUILTINS = _core.tally.MethodRegistry.with_builtins()


def _rounds_frame(self: Any, exact: bool = True) -> pandas.DataFrame:
    """The count round by round as a pandas DataFrame (see participa.pandas.rounds_frame)."""
    from . import pandas

    return pandas.rounds_frame(self, exact)


def _transfers_frame(self: Any, exact: bool = True) -> pandas.DataFrame:
    """Every transfer of the count as a DataFrame: round, source, target, votes (see
    participa.pandas.transfers_frame)."""
    from . import pandas

    return pandas.transfers_frame(self, exact)


def _scores(self: Any, round: int = -1, exact: bool = True) -> pandas.Series:  # noqa: A002
    """A round's number per candidate as a pandas Series indexed by name (the last round by
    default)."""
    from . import pandas

    return pandas.scores(self, round, exact)


def _result_html(self: Any) -> str:
    winners = ", ".join(html.escape(n) for n in self.winner_names()) or "none"
    rows = ""
    if self.rounds:
        last = self.rounds[-1]
        for entry in last.tally:
            rows += (f"<tr><td>{html.escape(self.candidates[entry.candidate])}</td>"
                     f"<td>{html.escape(str(entry.votes))}</td></tr>")
    table = (f"<table><tr><th>candidate</th><th>round {len(self.rounds)}</th></tr>{rows}</table>"
             if rows else "")
    return (f"<div><b>{html.escape(self.method)}</b>: winners {winners} "
            f"({len(self.rounds)} rounds, {len(self.ties)} ties){table}</div>")


def _ballots_frame(self: Any) -> pandas.DataFrame:
    """The distinct ballots as a pandas DataFrame (see participa.pandas.ballots_frame)."""
    from . import pandas

    return pandas.ballots_frame(self)


def _margins_frame(self: Any, unranked: str = "below") -> pandas.DataFrame:
    """The pairwise margins (row over column) as a DataFrame indexed by name on both axes."""
    from . import pandas

    return pandas.margins_frame(self, unranked)


def _result_margins_frame(self: Any) -> pandas.DataFrame:
    """The margins (row over column) a pairwise method decided from, as a DataFrame indexed by
    name on both axes; ValueError for a result of another method."""
    from . import pandas

    return pandas.margins_frame(self)


def _cell_text(value: Any) -> str | None:
    """A cell naming a candidate, as text; None for a blank (None, NaN, ""). A whole float is
    written as the integer it is: pandas stores a column of numbers with a blank as floats."""
    import pandas

    if pandas.isna(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) or None


def _names_of(columns: Sequence[Any], candidates: Sequence[str] | None) -> list[str]:
    """The candidate list: as given, else the categories the columns share when they are all
    Categorical, else every name they hold, sorted (so row order never renumbers them)."""
    import pandas

    if candidates is not None:
        return list(candidates)
    series = [pandas.Series(c) for c in columns]
    if series and all(isinstance(s.dtype, pandas.CategoricalDtype) for s in series):
        categories = [list(s.cat.categories) for s in series]
        if all(c == categories[0] for c in categories):
            return [str(_cell_text(c)) for c in categories[0]]
        raise ValueError("the Categorical columns have different categories; give candidates=")
    names: set[str] = set()
    for s in series:
        names.update(s.astype(object).map(_cell_text).dropna())
    return sorted(names)


def _codes(column: Any, names: list[str], where: str) -> np.ndarray:
    """Candidate indices of a column of names, each cell read as _cell_text reads it; -1 for a
    blank."""
    import pandas

    series = pandas.Series(column, dtype=object)
    text = series.map(_cell_text)
    blank = text.isna()
    codes = pandas.Categorical(text, categories=names).codes.astype(np.int64)
    unknown = (codes == -1) & ~blank.to_numpy()
    if unknown.any():
        row = int(np.flatnonzero(unknown)[0])
        raise ValueError(f"{where}, row {row}: '{series.iloc[row]}' is not one of the "
                         f"{len(names)} candidates")
    return codes


def _from_frame(frame: Any, candidates: Sequence[str] | None = None, *,
                weights: Any = None) -> Profile:
    """Ranked ballots from a DataFrame with one column per rank, first choice first, whose cells
    are candidate names (None, NaN or "" for a blank position); a Series is one column (first
    choices only). Candidates: as given, else the categories of Categorical columns, else every
    name in the frame, sorted. `weights`: a count per row, or the name of a column holding it."""
    import pandas

    if isinstance(frame, pandas.Series):
        frame = frame.to_frame()
    if isinstance(weights, str):
        weights, frame = frame[weights].to_numpy(), frame.drop(columns=[weights])
    names = _names_of([frame[c] for c in frame.columns], candidates)
    matrix = np.column_stack([_codes(frame[c], names, f"column '{c}'") for c in frame.columns]) \
        if len(frame.columns) else np.empty((len(frame), 0), dtype=np.int64)
    return _core.tally.Profile.from_rankings(
        matrix, names, weights=None if weights is None else np.asarray(weights))


def _from_long_frame(frame: Any, candidates: Sequence[str] | None = None, *,
                     voter: str = "voter", candidate: str = "candidate",
                     rank: str = "rank") -> Profile:
    """Ranked ballots from a long DataFrame: one row per (voter, candidate, rank), rank 1 the
    first choice. Equal ranks of one voter are equal preferences; a voter naming a candidate
    twice is refused."""
    import pandas

    for column in (voter, candidate, rank):
        if column not in frame.columns:
            raise ValueError(f"the frame has no column '{column}' "
                             f"(columns: {', '.join(map(str, frame.columns))})")
    names = _names_of([frame[candidate]], candidates)
    codes = _codes(frame[candidate], names, f"column '{candidate}'")
    ranks = pandas.to_numeric(frame[rank], errors="raise").to_numpy()
    if not np.all(np.isfinite(ranks)) or np.any(ranks != np.round(ranks)) or np.any(ranks < 1):
        raise ValueError(f"column '{rank}' must hold whole numbers from 1")
    marked = codes >= 0
    table = pandas.DataFrame({"voter": frame[voter].to_numpy()[marked], "code": codes[marked],
                              "rank": ranks[marked].astype(np.int64)})
    twice = table.duplicated(["voter", "code"])
    if twice.any():
        row = table[twice].iloc[0]
        raise ValueError(f"voter {row.voter} ranks '{names[row.code]}' twice")
    table = table.sort_values(["voter", "rank", "code"], kind="stable")
    builder = _core.tally.ProfileBuilder(names, "ranked")
    ballots = table.groupby("voter", sort=False).agg({"code": tuple, "rank": tuple})
    for (marks, levels), count in ballots.value_counts().items():
        builder.add(list(marks), list(levels), count=int(count))
    return builder.build()


def _from_lists(ballots: Sequence[Sequence[str]], candidates: Sequence[str] | None = None, *,
                weights: Any = None) -> Profile:
    """Ranked ballots from lists of candidate names, first choice first."""
    ballots = [list(b) for b in ballots]
    width = max((len(b) for b in ballots), default=0)
    names = list(candidates) if candidates is not None else sorted(
        {str(c) for b in ballots for c in b})
    index = {name: i for i, name in enumerate(names)}
    matrix = np.full((len(ballots), width), -1, dtype=np.int64)
    for row, ballot in enumerate(ballots):
        for position, name in enumerate(ballot):
            if str(name) not in index:
                raise ValueError(f"ballot {row}: '{name}' is not one of the {len(names)} "
                                 "candidates")
            matrix[row, position] = index[str(name)]
    return _core.tally.Profile.from_rankings(
        matrix, names, weights=None if weights is None else np.asarray(weights))


_core.tally.Result.rounds_frame = _rounds_frame
_core.tally.Result.transfers_frame = _transfers_frame
_core.tally.Result.scores = _scores
_core.tally.Result.margins_frame = _result_margins_frame
_core.tally.Result._repr_html_ = _result_html
_core.tally.Profile.ballots_frame = _ballots_frame
_core.tally.Profile.margins_frame = _margins_frame
_core.tally.Profile.from_frame = staticmethod(_from_frame)
_core.tally.Profile.from_long_frame = staticmethod(_from_long_frame)
_core.tally.Profile.from_lists = staticmethod(_from_lists)
