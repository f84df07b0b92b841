"""pandas DataFrames of participa's values. pandas is imported when one is first built.

Exact quantities (votes that may be fractional, costs, prices) are ``fractions.Fraction``
objects in ``object`` columns by default. Every function that can hold one takes ``exact``:
``exact=False`` gives ``float64`` columns instead, which ``plot()``, ``describe()`` and
``pivot_table()`` expect.

- ``rounds_frame(result, exact=True)``: one row per round and continuing candidate —
  ``round`` (from 1), ``candidate`` (index), ``name``, the round's number in a column named for
  what it holds (``votes``, ``points``, ``candidates_beaten_by_strongest_path``, ...: the method's
  ``MethodInfo.measure(round)``; STAR has ``score`` then ``votes``, None in the other's rounds),
  ``elected``, ``eliminated``, ``threshold`` (None when the method has none), ``exhausted``.
- ``transfers_frame(result, exact=True)``: one row per transfer — ``round``, ``source`` and
  ``target`` (names; target None for votes that exhausted), ``votes``: the links of a Sankey
  chart of the count.
- ``scores(result, round=-1, exact=True)``: a round's numbers as a Series indexed by name and
  named for what they are (``points``, ``votes``, ...).
- ``margins_frame(profile_or_result, unranked=None)``: the pairwise margin matrix (row over
  column) as integers, indexed by name on both axes — of a profile (``unranked`` "below" by
  default, or "incomparable"), or the one a pairwise method's result decided from.
- ``ballots_frame(profile)``: one row per distinct ballot — ``marks`` (tuple of candidate
  indices in ballot order), ``values`` (tuple of rank levels or scores; empty for approval),
  ``weight``.
- ``projects_frame(election_or_instance, result=None, exact=True)``: indexed by project
  ``id`` — ``name``, ``cost``, ``categories``, ``targets``; then every other column of the
  file's PROJECTS section (numbers as numbers; a file column named ``selected`` becomes
  ``selected_in_file``); for an election also ``supporters`` (voters who voted for the
  project: gave it positive points, for points ballots) and, for points ballots, ``points``;
  with a PB result, ``selected``.
- ``voters_frame(election)``: one row per voter row of the file, columns as the file names
  them: ``voter_id`` (text), ``vote`` (tuple of project ids, in the file's order), ``points``
  (tuple of integers, when the file has them), then ``age``, ``sex``, ... numbers as numbers.
- ``pb_rounds_frame(result, exact=True)`` (``pb.Result.rounds_frame()``): one row per round of
  a PB rule — ``round`` (from 1), ``project`` (id), ``selected``, ``reason``, the rule's
  numbers each in its own column (``density``, ``price``, ``load``, ``satisfaction``,
  ``score``, ``approvals``, ``payers``; None where the rule gives none), ``budget_left``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

import numpy as np

__all__ = [
    "ballots_frame",
    "margins_frame",
    "pb_rounds_frame",
    "projects_frame",
    "rounds_frame",
    "scores",
    "transfers_frame",
    "voters_frame",
]


def __dir__() -> list[str]:
    return list(__all__)


def _pandas() -> Any:
    import pandas

    return pandas


def _as_floats(frame: Any, columns: Sequence[str], exact: bool) -> Any:
    """The frame with exact columns as float64 when exact is False (None becomes NaN)."""
    if not exact:
        for column in columns:
            frame[column] = frame[column].map(
                lambda v: np.nan if v is None else float(v)).astype(np.float64)
    return frame


def _measures(result: Any) -> list[str]:
    """What each round's tally holds, by the built-in method's MethodInfo ("votes" otherwise)."""
    from . import tally

    try:
        info = tally._BUILTINS.find(result.method)
    except KeyError:
        return ["votes"] * len(result.rounds)
    return [info.measure(i) for i in range(len(result.rounds))]


def rounds_frame(result: Any, exact: bool = True) -> pandas.DataFrame:
    """One row per round and continuing candidate, the round's number named for what it holds."""
    measures = _measures(result)
    named = list(dict.fromkeys(measures))
    rows = []
    for number, (round_, measure) in enumerate(zip(result.rounds, measures), start=1):
        elected = set(round_.elected)
        eliminated = set(round_.eliminated)
        for entry in round_.tally:
            rows.append(
                {
                    "round": number,
                    "candidate": entry.candidate,
                    "name": result.candidates[entry.candidate],
                    **{column: entry.votes if column == measure else None for column in named},
                    "elected": entry.candidate in elected,
                    "eliminated": entry.candidate in eliminated,
                    "threshold": round_.threshold,
                    "exhausted": round_.exhausted,
                }
            )
    columns = ["round", "candidate", "name", *named, "elected", "eliminated", "threshold",
               "exhausted"]
    frame = _pandas().DataFrame(rows, columns=columns)
    return _as_floats(frame, [*named, "threshold", "exhausted"], exact)


def transfers_frame(result: Any, exact: bool = True) -> pandas.DataFrame:
    """One row per transfer: round, source, target (None: exhausted), votes."""
    names = result.candidates
    rows = [
        {
            "round": number,
            "source": names[t.from_],
            "target": None if t.to is None else names[t.to],
            "votes": t.votes,
        }
        for number, round_ in enumerate(result.rounds, start=1)
        for t in round_.transfers
    ]
    frame = _pandas().DataFrame(rows, columns=["round", "source", "target", "votes"])
    return _as_floats(frame, ["votes"], exact)


def scores(result: Any, round: int = -1, exact: bool = True) -> pandas.Series:  # noqa: A002
    """A round's numbers (the last round by default) as a Series indexed by name."""
    if not result.rounds:
        raise ValueError(f"{result.method} gave no rounds to take scores from")
    chosen = result.rounds[round]
    pandas = _pandas()
    values = [entry.votes if exact else float(entry.votes) for entry in chosen.tally]
    index = pandas.Index([result.candidates[e.candidate] for e in chosen.tally], name="name")
    measure = _measures(result)[round]
    return pandas.Series(values, index=index, name=measure,
                         dtype=object if exact else np.float64)


def margins_frame(source: Any, unranked: str | None = None) -> pandas.DataFrame:
    """The pairwise margins, row over column, indexed by name on both axes: of a Profile
    (``unranked``: "below" by default, or "incomparable"), or the counts a pairwise method's
    Result decided from (ValueError for a result of another method; its ``unranked`` is the
    count's own, so none may be given)."""
    from . import tally

    pandas = _pandas()
    if isinstance(source, tally.Result):
        if unranked is not None:
            raise ValueError("a result's margins were counted under its own unranked parameter; "
                             "give unranked= for a profile only")
        if source.pairwise is None:
            raise ValueError(f"a {source.method} result has no head-to-head counts; only the "
                             "pairwise methods (copeland, schulze, ...) give them")
        support = source.pairwise.astype(np.int64)
        margins = support - support.T
    else:
        margins = tally.margin_matrix(source, unranked=unranked or "below")
    names = pandas.Index(source.candidates, name="over")
    return pandas.DataFrame(margins, index=names,
                            columns=pandas.Index(source.candidates, name="against"))


def ballots_frame(profile: Any) -> pandas.DataFrame:
    """One row per distinct ballot: marks, values (a strict ranking's levels are its positions,
    which the profile does not store), weight."""
    offsets = np.asarray(profile.offsets).tolist()
    marks = np.asarray(profile.marks).tolist()
    values = np.asarray(profile.values).tolist()
    spans = list(zip(offsets[:-1], offsets[1:]))
    if values:
        levels = [tuple(values[b:e]) for b, e in spans]
    elif profile.kind.name == "ranked":
        levels = [tuple(range(e - b)) for b, e in spans]
    else:
        levels = [()] * len(spans)
    data = {
        "marks": [tuple(marks[b:e]) for b, e in spans],
        "values": levels,
        "weight": np.array(profile.weights, dtype=np.uint64),
    }
    return _pandas().DataFrame(data, columns=["marks", "values", "weight"])


def _support(profile: Any) -> tuple[np.ndarray, np.ndarray | None]:
    """Voters who voted for each project (gave it positive points, for points ballots: as
    pb::supporters counts them) and, for points ballots, the points it received."""
    offsets = np.array(profile.offsets, dtype=np.int64)
    marks = np.array(profile.marks, dtype=np.int64)
    weights = np.array(profile.weights, dtype=np.int64)
    per_mark = np.repeat(weights, np.diff(offsets))
    points = None
    if profile.kind.name in ("score", "cumulative"):
        values = np.array(profile.values, dtype=np.int64)
        points = np.bincount(marks, weights=per_mark * values, minlength=profile.num_candidates)
        per_mark = per_mark * (values > 0)
    supporters = np.bincount(marks, weights=per_mark, minlength=profile.num_candidates)
    return supporters.astype(np.int64), None if points is None else points.astype(np.int64)


# Columns the frame already holds in parsed form (category and target as lists).
_BUILT_COLUMNS = ("project_id", "cost", "name", "category", "target")


def _typed(pandas: Any, texts: Sequence[str]) -> Any:
    """A column of file text as numbers when every non-empty entry is one, else as text."""
    series = pandas.Series(list(texts), dtype=object).replace("", None)
    numbers = pandas.to_numeric(series, errors="coerce")
    if numbers.notna().sum() == series.notna().sum() and series.notna().any():
        whole = numbers.dropna()
        if (whole == whole.round()).all() and series.notna().all():
            return numbers.astype(np.int64)
        return numbers.astype(np.float64)
    return series


def projects_frame(election_or_instance: Any, result: Any = None, exact: bool = True) -> pandas.DataFrame:
    """The projects indexed by id, every column of the file, support and selection."""
    pandas = _pandas()
    is_election = hasattr(election_or_instance, "profile")
    instance = election_or_instance.instance if is_election else election_or_instance
    projects = instance.projects
    data: dict[str, Any] = {
        "name": [p.name for p in projects],
        "cost": [p.cost for p in projects],
        "categories": [list(p.categories) for p in projects],
        "targets": [list(p.targets) for p in projects],
    }
    for column in instance.project_columns:
        if column in _BUILT_COLUMNS:
            continue
        typed = _typed(pandas, [p.fields.get(column, "") for p in projects])
        data["selected_in_file" if column == "selected" else column] = typed.to_numpy()
    if is_election:
        supporters, points = _support(election_or_instance.profile)
        data["supporters"] = supporters
        if points is not None:
            data["points"] = points
    if result is not None:
        if list(result.projects) != [p.id for p in projects]:
            raise ValueError("the result is not one of this election's (its projects differ)")
        chosen = set(result.selected)
        data["selected"] = [i in chosen for i in range(len(projects))]
    frame = pandas.DataFrame(data, index=pandas.Index([p.id for p in projects], name="id"))
    return _as_floats(frame, ["cost"], exact)


def voters_frame(election: Any) -> pandas.DataFrame:
    """One row per voter row of a pabulib file, numbers as numbers."""
    pandas = _pandas()
    rows = election.voters
    columns = list(election.voter_columns)
    frame = pandas.DataFrame(rows, columns=columns)
    for column in columns:
        if column == "vote":
            frame[column] = [tuple(v.split(",")) if v else () for v in frame[column]]
        elif column == "points":
            frame[column] = [tuple(int(x) for x in v.split(",")) if v else () for v in frame[column]]
        elif column != "voter_id":
            frame[column] = _typed(pandas, frame[column].tolist()).to_numpy()
    return frame


_PB_NUMBERS = ("density", "price", "load", "satisfaction", "score", "approvals", "payers")


def pb_rounds_frame(result: Any, exact: bool = True) -> pandas.DataFrame:
    """One row per project a PB rule considered, its numbers each in their own column."""
    rows = [
        {
            "round": number,
            "project": result.projects[r.project],
            "selected": r.selected,
            "reason": r.reason,
            **{name: getattr(r, name) for name in _PB_NUMBERS},
            "budget_left": r.budget_left,
        }
        for number, r in enumerate(result.rounds, start=1)
    ]
    columns = ["round", "project", "selected", "reason", *_PB_NUMBERS, "budget_left"]
    frame = _pandas().DataFrame(rows, columns=columns)
    # A count of voters, missing where the rule counts none: pandas' nullable integers.
    frame["approvals"] = frame["approvals"].astype("Int64")
    return _as_floats(frame, ["density", "price", "load", "satisfaction", "score", "budget_left"],
                      exact)
