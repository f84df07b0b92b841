"""Components of a participatory space: ``participa.components.proposals``,
``participa.components.budgets``, ``participa.components.elections``,
``participa.components.workshops``, ``participa.components.sortitions``,
``participa.components.meetings``, ``participa.components.debates`` and
``participa.components.accountability``."""

from __future__ import annotations

from . import (accountability, budgets, debates, elections, meetings, proposals, sortitions,
               workshops)

__all__ = ["accountability", "budgets", "debates", "elections", "meetings", "proposals",
           "sortitions", "workshops"]
