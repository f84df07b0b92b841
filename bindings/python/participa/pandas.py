"""pandas DataFrames of participa's values. pandas is imported when one is first built.

Exact quantities (votes that may be fractional, costs, prices) stay ``fractions.Fraction``
objects in ``object`` columns; convert explicitly (``frame.votes.astype(float)``) when an
approximation is what you want.

- ``rounds_frame(result)``: one row per round and continuing candidate — ``round`` (from 1),
  ``candidate`` (index), ``name``, ``votes``, ``elected``, ``eliminated``, ``threshold``
  (None when the method has none), ``exhausted``.
- ``ballots_frame(profile)``: one row per distinct ballot — ``marks`` (tuple of candidate
  indices in ballot order), ``values`` (tuple of rank levels or scores; empty for approval), ``weight``.
- ``projects_frame(election_or_instance, result=None)``: indexed by project ``id`` —
  ``name``, ``cost``, ``categories``, ``targets``; for an election also ``supporters`` (voters
  who marked the project) and, for points ballots, ``points``; with a PB result, ``selected``.
- ``pb_rounds_frame(result)`` (``pb.Result.rounds_frame()``): one row per round of a PB rule —
  ``round`` (from 1), ``project`` (id), ``selected``, ``reason``, the rule's numbers each in
  its own column (``density``, ``price``, ``load``, ``satisfaction``, ``score``,
  ``approvals``, ``payers``; None where the rule gives none), ``budget_left``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["ballots_frame", "pb_rounds_frame", "projects_frame", "rounds_frame"]


def __dir__() -> list[str]:
    return list(__all__)


def _pandas() -> Any:
    import pandas

    return pandas


def rounds_frame(result: Any) -> Any:
    rows = []
    for number, round_ in enumerate(result.rounds, start=1):
        elected = set(round_.elected)
        eliminated = set(round_.eliminated)
        for entry in round_.tally:
            rows.append(
                {
                    "round": number,
                    "candidate": entry.candidate,
                    "name": result.candidates[entry.candidate],
                    "votes": entry.votes,
                    "elected": entry.candidate in elected,
                    "eliminated": entry.candidate in eliminated,
                    "threshold": round_.threshold,
                    "exhausted": round_.exhausted,
                }
            )
    columns = ["round", "candidate", "name", "votes", "elected", "eliminated", "threshold",
               "exhausted"]
    return _pandas().DataFrame(rows, columns=columns)


def ballots_frame(profile: Any) -> Any:
    offsets = np.array(profile.offsets)
    marks = np.array(profile.marks)
    values = np.array(profile.values)
    rows = []
    for i, weight in enumerate(np.array(profile.weights)):
        begin, end = offsets[i], offsets[i + 1]
        rows.append(
            {
                "marks": tuple(int(c) for c in marks[begin:end]),
                "values": tuple(int(v) for v in values[begin:end]) if values.size else (),
                "weight": int(weight),
            }
        )
    return _pandas().DataFrame(rows, columns=["marks", "values", "weight"])


def _support(profile: Any) -> tuple[np.ndarray, np.ndarray | None]:
    """Voters marking each project and, for points ballots, the points it received."""
    offsets = np.array(profile.offsets, dtype=np.int64)
    marks = np.array(profile.marks, dtype=np.int64)
    weights = np.array(profile.weights, dtype=np.int64)
    per_mark = np.repeat(weights, np.diff(offsets))
    supporters = np.bincount(marks, weights=per_mark, minlength=profile.num_candidates)
    points = None
    if profile.kind.name in ("score", "cumulative"):
        values = np.array(profile.values, dtype=np.int64)
        points = np.bincount(marks, weights=per_mark * values, minlength=profile.num_candidates)
    return supporters.astype(np.int64), None if points is None else points.astype(np.int64)


def projects_frame(election_or_instance: Any, result: Any = None) -> Any:
    is_election = hasattr(election_or_instance, "profile")
    instance = election_or_instance.instance if is_election else election_or_instance
    projects = instance.projects
    data: dict[str, Any] = {
        "name": [p.name for p in projects],
        "cost": [p.cost for p in projects],
        "categories": [list(p.categories) for p in projects],
        "targets": [list(p.targets) for p in projects],
    }
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
    pandas = _pandas()
    return pandas.DataFrame(data, index=pandas.Index([p.id for p in projects], name="id"))


_PB_NUMBERS = ("density", "price", "load", "satisfaction", "score", "approvals", "payers")


def pb_rounds_frame(result: Any) -> Any:
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
    return _pandas().DataFrame(rows, columns=columns)
