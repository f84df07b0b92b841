"""The specified ChaCha20 generator (``Rng``) and ``sha256``."""

from __future__ import annotations

from . import _core
from ._reexport import reexport

__all__ = reexport(_core.core, globals(), __name__)
