"""Components of a participatory space: ``participa.components.proposals`` and
``participa.components.budgets``."""

from __future__ import annotations

from . import budgets, proposals

__all__ = ["budgets", "proposals"]
