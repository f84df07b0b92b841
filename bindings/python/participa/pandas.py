"""pandas DataFrames of participa's values. pandas is imported when one is first built.

Exact quantities (votes that may be fractional, costs, prices) stay ``fractions.Fraction``
objects in ``object`` columns; convert explicitly (``frame.votes.astype(float)``) when an
approximation is what you want.

- ``rounds_frame(result)``: one row per round and continuing candidate — ``round`` (from 1),
  ``candidate`` (index), ``name``, ``votes``, ``elected``, ``eliminated``, ``threshold``
  (None when the method has none), ``exhausted``.
- ``ballots_frame(profile)``: one row per distinct ballot — ``marks`` (tuple of candidate
  indices in ballot order), ``values`` (tuple of rank levels or scores; empty for approval), ``weight``.
- ``projects_frame(election_or_instance, outcome=None)``: indexed by project ``id`` —
  ``name``, ``cost``, ``categories``, ``targets``; for an election also ``supporters`` (voters
  who marked the project) and, for points ballots, ``points``; with an outcome, ``selected``.
- ``steps_frame(outcome)``: one row per step of a PB rule — ``step`` (from 1), ``project``
  (id), ``selected``, ``reason``, ``rho``, ``payers``, ``budget_left``.
"""

from __future__ import annotations

from typing import Any

import numpy as np


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


def projects_frame(election_or_instance: Any, outcome: Any = None) -> Any:
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
    if outcome is not None:
        if list(outcome.projects) != [p.id for p in projects]:
            raise ValueError("the outcome is not one of this election's (its projects differ)")
        chosen = set(outcome.selected)
        data["selected"] = [i in chosen for i in range(len(projects))]
    pandas = _pandas()
    return pandas.DataFrame(data, index=pandas.Index([p.id for p in projects], name="id"))


def steps_frame(outcome: Any) -> Any:
    rows = [
        {
            "step": number,
            "project": outcome.projects[step.project],
            "selected": step.selected,
            "reason": step.reason,
            "rho": step.rho,
            "payers": step.payers,
            "budget_left": step.budget_left,
        }
        for number, step in enumerate(outcome.steps, start=1)
    ]
    columns = ["step", "project", "selected", "reason", "rho", "payers", "budget_left"]
    return _pandas().DataFrame(rows, columns=columns)
