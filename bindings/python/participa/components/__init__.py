"""Components of a participatory space: ``participa.components.proposals``,
``participa.components.budgets``, ``participa.components.elections``,
``participa.components.workshops``, ``participa.components.sortitions``,
``participa.components.meetings`` and ``participa.components.debates``."""

from __future__ import annotations

from . import budgets, debates, elections, meetings, proposals, sortitions, workshops

__all__ = ["budgets", "debates", "elections", "meetings", "proposals", "sortitions", "workshops"]
