"""Components of a participatory space: ``participa.components.proposals``,
``participa.components.budgets`` and ``participa.components.elections``."""

from __future__ import annotations

from . import budgets, elections, proposals

__all__ = ["budgets", "elections", "proposals"]
