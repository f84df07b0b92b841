"""participa — citizen participation with exact, auditable counting.

Layers, as in the C++ library:

- ``participa.tally``: ballots, profiles (from numpy arrays), counting methods, results
- ``participa.methods``: each counting method as a function returning the winners' names
- ``participa.pb``: participatory budgeting — elections, ballot rules, winner rules
- ``participa.io``: readers and writers (PrefLib, BLT, CSV, pabulib, RCTab), JSON and bytes
- ``participa.core``: the specified ChaCha20 generator and SHA-256
- ``participa.questionnaire``: forms, responses, validation and per-option aggregation
- ``participa.space``, ``participa.components.proposals``, ``participa.components.budgets``,
  ``participa.components.elections``, ``participa.store``: the participation model —
  organizations, spaces, proposals, budgets, elections — on a record that shows tampering
- ``participa.pandas`` and ``participa.dask``: DataFrames and distributed counting (they
  import pandas and dask only when used)

Errors: ``ValueError`` for bad input, ``KeyError`` for an unknown name or id, and
``participa.StateError`` for an operation the current state does not allow.
"""

from __future__ import annotations

try:
    from . import _core
except ImportError as error:  # pragma: no cover - only without a built extension
    raise ImportError(
        "participa's compiled module participa._core is missing or was built for another "
        "Python. Build it with `scripts/dev test` (then use PYTHONPATH=build/dev/python) or "
        "install with `/usr/bin/python3 -m pip install --no-build-isolation .`"
    ) from error

from ._core import StateError
from . import components, core, io, methods, pb, questionnaire, space, store, tally
from .io import report

__version__: str = _core.__version__
FORMAT_VERSION: int = _core.io.FORMAT_VERSION

__all__ = ["FORMAT_VERSION", "StateError", "components", "core", "dask", "io", "methods",
           "pandas", "pb", "questionnaire", "report", "space", "store", "tally", "__version__"]
_LAZY = ("dask", "pandas")

StateError.__module__ = "participa"


def __getattr__(name: str) -> object:
    # participa.pandas and participa.dask load their libraries only when first used.
    if name in _LAZY:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'participa' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
