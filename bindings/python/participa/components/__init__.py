"""Components of a participatory space: ``participa.components.proposals``,
``participa.components.budgets``, ``participa.components.elections`` and
``participa.components.workshops``."""

from __future__ import annotations

from . import budgets, elections, proposals, workshops

__all__ = ["budgets", "elections", "proposals", "workshops"]
