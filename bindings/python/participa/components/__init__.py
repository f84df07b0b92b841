"""Components of a participatory space: ``participa.components.proposals``,
``participa.components.budgets``, ``participa.components.elections``,
``participa.components.workshops``, ``participa.components.sortitions`` and
``participa.components.meetings``."""

from __future__ import annotations

from . import budgets, elections, meetings, proposals, sortitions, workshops

__all__ = ["budgets", "elections", "meetings", "proposals", "sortitions", "workshops"]
