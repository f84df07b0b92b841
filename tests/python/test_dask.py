"""participa.dask: counting partitions on a two-process LocalCluster equals counting at once."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import participa
from participa import tally

dask = pytest.importorskip("dask", reason="python3-dask is not installed")
distributed = pytest.importorskip("distributed", reason="python3-distributed is not installed")
import dask.bag  # noqa: E402
import dask.dataframe as dd  # noqa: E402

CANDIDATES = ["Ana", "Ben", "Chloe", "Dan", "Eve"]


def random_rankings(ballots: int, seed: int) -> np.ndarray:
    """Each ballot ranks 1 to 5 candidates in a random order; -1 pads the rest."""
    rng = np.random.default_rng(seed)
    order = np.argsort(rng.random((ballots, len(CANDIDATES))), axis=1)
    lengths = rng.integers(1, len(CANDIDATES) + 1, size=ballots)
    order[np.arange(len(CANDIDATES)) >= lengths[:, None]] = -1
    return order


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            yield client


@pytest.mark.parametrize("method", ["irv", "schulze", "borda"])
def test_a_dask_dataframe_counts_as_one_process_does(client, method):
    rankings = random_rankings(20_000, seed=7)
    frame = pd.DataFrame(rankings, columns=[f"rank{i + 1}" for i in range(len(CANDIDATES))])
    ballots = dd.from_pandas(frame, npartitions=9)
    distributed_result = participa.dask.count(ballots, method, CANDIDATES, "ranked",
                                              split_every=3)
    local = tally.count(method, tally.Profile.from_rankings(rankings, CANDIDATES))
    assert distributed_result == local
    assert distributed_result.input_digest == local.input_digest


def test_names_with_blanks_and_the_merged_profile(client):
    rankings = random_rankings(3_000, seed=11)
    names = np.array(CANDIDATES + [None], dtype=object)[rankings]  # -1 picks None
    frame = pd.DataFrame(names, columns=[f"rank{i + 1}" for i in range(len(CANDIDATES))])
    merged = participa.dask.profile(dd.from_pandas(frame, npartitions=4), CANDIDATES).compute()
    assert merged == tally.Profile.from_rankings(rankings, CANDIDATES)


def test_a_bag_of_ballots(client):
    ballots = [["Ana", "Ben"], ["Ben"], [2, 0], ["Ana", "Ben"]]
    bag = dask.bag.from_sequence(ballots, npartitions=3)
    merged = participa.dask.profile(bag, CANDIDATES, "approval").compute()
    builder = tally.ProfileBuilder(CANDIDATES, "approval")
    for marks in ([0, 1], [1], [2, 0], [0, 1]):
        builder.add(marks)
    expected = builder.build()
    assert merged == expected


def test_bad_ballots_fail_with_the_reason(client):
    frame = pd.DataFrame({"rank1": ["Ana", "Zed"], "rank2": ["Ben", None]})
    with pytest.raises(ValueError, match="'Zed', which is not a candidate"):
        participa.dask.count(dd.from_pandas(frame, npartitions=1), "irv", CANDIDATES)
    with pytest.raises(TypeError, match="Dask DataFrame or a Dask Bag"):
        participa.dask.profile([["Ana"]], CANDIDATES)
    with pytest.raises(ValueError, match="split_every"):
        participa.dask.profile(dask.bag.from_sequence([["Ana"]]), CANDIDATES, split_every=1)
