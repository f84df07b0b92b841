"""Components of a participatory space: ``participa.components.proposals``,
``participa.components.budgets``, ``participa.components.elections``,
``participa.components.workshops``, ``participa.components.sortitions``,
``participa.components.meetings``, ``participa.components.debates``,
``participa.components.surveys`` and ``participa.components.accountability``."""

from __future__ import annotations

from . import (accountability, budgets, debates, elections, meetings, proposals, sortitions,
               surveys, workshops)

__all__ = ["accountability", "budgets", "debates", "elections", "meetings", "proposals",
           "sortitions", "surveys", "workshops"]
