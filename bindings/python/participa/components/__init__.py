"""Components of a participatory space: ``participa.components.proposals``."""

from __future__ import annotations

from . import proposals

__all__ = ["proposals"]
