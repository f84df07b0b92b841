"""Shared fixtures: where the data is, and every way a value can be copied."""

from __future__ import annotations

import copy
import os
import pickle
from pathlib import Path

import pytest

SOURCE = Path(os.environ.get("PARTICIPA_SOURCE_DIR", Path(__file__).resolve().parents[2]))
DATA = SOURCE / "tests" / "data"
CONFORMANCE = DATA / "conformance"


@pytest.fixture(params=["pickle-0", "pickle-2", "pickle-highest", "copy", "deepcopy"])
def copy_fn(request):
    """A function returning a copy of its argument, by pickling or by the copy module."""
    kind = request.param
    if kind.startswith("pickle"):
        protocol = pickle.HIGHEST_PROTOCOL if kind.endswith("highest") else int(kind[-1])
        return lambda value: pickle.loads(pickle.dumps(value, protocol=protocol))
    if kind == "copy":
        return copy.copy
    return copy.deepcopy


@pytest.fixture(scope="session")
def swiecie():
    import participa

    return participa.io.read_pabulib(str(CONFORMANCE / "pabulib" / "Poland_Swiecie_2023.pb"))
