"""participa.core and the package itself."""

from __future__ import annotations

import copy
import hashlib
import re

import pytest

import participa
from participa import core

from conftest import SOURCE


def test_rng_is_chacha20_as_specified():
    # RFC 8439 keystreams are checked in C++; here the binding must give the same stream for
    # the same seed and copy its state.
    a, b = core.Rng(42), core.Rng(42)
    assert [a.next_u32() for _ in range(5)] == [b.next_u32() for _ in range(5)]
    c = copy.copy(a)
    assert c.next_u64() == a.next_u64()
    assert core.Rng(1).next_u64() != core.Rng(2).next_u64()
    with pytest.raises(ValueError):
        a.uniform(0)
    assert all(0 <= a.uniform(6) < 6 for _ in range(100))


def test_sha256_matches_hashlib():
    assert core.sha256(b"participa") == hashlib.sha256(b"participa").hexdigest()


def test_package_surface():
    # The version is written once, in CMakeLists.txt.
    project = re.search(r"project\(participa VERSION ([0-9.]+)",
                        (SOURCE / "CMakeLists.txt").read_text())
    assert participa.__version__ == project.group(1)
    assert set(dir(participa)) >= {"tally", "pb", "io", "core", "StateError"}
    assert participa.tally.Profile.__module__ == "participa.tally"
    assert issubclass(participa.StateError, RuntimeError)
    assert participa.FORMAT_VERSION == 2


def test_pickles_from_the_future_are_refused():
    profile_type = participa.tally.Profile
    version, data = participa.tally.ProfileBuilder(["a"]).build().__getstate__()
    assert version == participa.FORMAT_VERSION
    with pytest.raises(ValueError, match="format_version 9"):
        profile_type.__new__(profile_type).__setstate__((9, data))
    with pytest.raises(ValueError, match="not a serialized"):
        profile_type.__new__(profile_type).__setstate__((version, b"\xff\xff"))


def test_parts_that_do_not_pickle_say_so_under_every_protocol(swiecie):
    import pickle

    import numpy as np

    from participa import pb, tally

    profile = tally.Profile.from_rankings(np.array([[0, 1], [1, 0], [0, 1]]), ["a", "b"])
    result = tally.count("irv", profile, tie_break="candidate-order")
    pb_result = pb.greedy(swiecie, "cost")
    registry = tally.MethodRegistry.with_builtins()
    parts = [result.rounds[0], result.rounds[0].tally[0], registry, registry.find("irv"),
             registry.find("score").parameters[0], pb_result.rounds[0], core.Rng(1),
             pb.VotingSnapshot.freeze(swiecie.instance, pb.DecidimRules(threshold_percent=1))]
    for part in parts:
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            with pytest.raises(TypeError, match=f"{type(part).__name__} does not pickle"):
                pickle.dumps(part, protocol=protocol)


def test_modules_show_only_their_public_names():
    for module in (participa.pandas, participa.dask, participa.tally, participa.pb,
                   participa.io, participa.core):
        assert all(not name.startswith("_") for name in dir(module)), module.__name__
        assert set(dir(module)) == set(module.__all__), module.__name__
