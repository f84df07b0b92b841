"""Counting ballots spread over a Dask cluster. dask is imported when first used.

Each partition of ballots becomes a partial ``Profile`` on a worker; the partials merge in a
tree reduction (profiles are Mergeable: the merge is exact, associative and commutative, and
the merged profile's digest does not depend on how the ballots were split); the method then
runs once on the merged profile.

Ballots come as

- a **Dask DataFrame**: for ``kind="ranked"`` one column per preference position (first
  choice first) holding candidate indices with -1 for a blank, or candidate names with
  missing values for blanks; for ``"approval"`` one 0/1 (or boolean) column per candidate;
  for ``"score"``/``"cumulative"`` one column per candidate with NaN for "not scored";
- a **Dask Bag** of ballots, each a sequence of candidate indices or names (in preference
  order for ranked ballots, the approved set for approval ballots).

>>> result = participa.dask.count(frame, "schulze", candidates)            # doctest: +SKIP
>>> partial = participa.dask.profile(frame, candidates).compute()         # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from . import tally

__all__ = ["count", "profile"]


def __dir__() -> list[str]:
    return list(__all__)


def _rankings(frame: Any, candidates: Sequence[str]) -> np.ndarray:
    import pandas

    if all(pandas.api.types.is_integer_dtype(t) for t in frame.dtypes):
        return frame.to_numpy(dtype=np.int64)
    columns = []
    for name in frame.columns:
        column = frame[name]
        codes = pandas.Categorical(column, categories=list(candidates)).codes.astype(np.int64)
        unknown = (codes == -1) & column.notna().to_numpy()
        if unknown.any():
            raise ValueError(f"column {name!r} names {column[unknown].iloc[0]!r}, which is "
                             "not a candidate")
        columns.append(codes)
    return np.stack(columns, axis=1) if columns else np.empty((len(frame), 0), dtype=np.int64)


def _frame_profile(frame: Any, candidates: Sequence[str], kind: str) -> tally.Profile:
    candidates = list(candidates)
    if kind == "ranked":
        return tally.Profile.from_rankings(_rankings(frame, candidates), candidates)
    if kind == "approval":
        return tally.Profile.from_approval_matrix(frame.to_numpy(), candidates)
    if kind in ("score", "cumulative"):
        return tally.Profile.from_scores(frame.to_numpy(dtype=np.float64), candidates, kind=kind)
    raise ValueError(f"kind {kind!r} is not ranked, approval, score or cumulative")


def _bag_profile(ballots: Sequence[Sequence[Any]], candidates: Sequence[str],
                 kind: str) -> tally.Profile:
    candidates = list(candidates)
    index = {name: i for i, name in enumerate(candidates)}
    builder = tally.ProfileBuilder(candidates, kind)
    for ballot in ballots:
        marks = []
        for mark in ballot:
            if isinstance(mark, str):
                if mark not in index:
                    raise ValueError(f"a ballot names {mark!r}, which is not a candidate")
                marks.append(index[mark])
            else:
                marks.append(int(mark))
        builder.add(marks)
    return builder.build()


def _merge(*profiles: tally.Profile) -> tally.Profile:
    # One builder for the whole group: adding profiles one at a time would index the growing
    # left side again at each step.
    builder = tally.ProfileBuilder(profiles[0].candidates, profiles[0].kind)
    for part in profiles:
        builder.merge(part)
    return builder.build()


def _count(method: str, merged: tally.Profile, options: dict[str, Any]) -> tally.Result:
    # A Python function, because compiled functions do not pickle to workers.
    return tally.count(method, merged, **options)


def profile(ballots: Any, candidates: Sequence[str], kind: str = "ranked", *,
            split_every: int = 8) -> Any:
    """A Dask Delayed of the merged profile of a Dask DataFrame or Bag of ballots."""
    import dask
    import dask.bag
    import dask.dataframe

    if split_every < 2:
        raise ValueError("split_every must be at least 2")
    candidates = list(candidates)
    if isinstance(ballots, dask.dataframe.DataFrame):
        build = dask.delayed(_frame_profile, pure=True)
    elif isinstance(ballots, dask.bag.Bag):
        build = dask.delayed(_bag_profile, pure=True)
    else:
        raise TypeError("ballots must be a Dask DataFrame or a Dask Bag")
    level = [build(part, candidates, kind) for part in ballots.to_delayed()]
    if not level:
        raise ValueError("there are no partitions of ballots")
    merge = dask.delayed(_merge, pure=True)
    while len(level) > 1:
        level = [merge(*level[i:i + split_every]) for i in range(0, len(level), split_every)]
    return level[0]


def count(ballots: Any, method: str, candidates: Sequence[str], kind: str = "ranked", *,
          split_every: int = 8, **options: Any) -> tally.Result:
    """Count a Dask DataFrame or Bag of ballots with a built-in method; options as in
    participa.tally.count (seats, tie_break, permutation, seed, parameters)."""
    import dask

    merged = profile(ballots, candidates, kind, split_every=split_every)
    counted = dask.delayed(_count, pure=True)(method, merged, options)
    return counted.compute()
