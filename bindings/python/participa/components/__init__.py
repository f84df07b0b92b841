"""Components of a participatory space: ``participa.components.proposals``,
``participa.components.budgets``, ``participa.components.elections``,
``participa.components.workshops`` and ``participa.components.sortitions``."""

from __future__ import annotations

from . import budgets, elections, proposals, sortitions, workshops

__all__ = ["budgets", "elections", "proposals", "sortitions", "workshops"]
