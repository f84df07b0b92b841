"""The accountability component: how the chosen projects are being carried out.

An admin adds statuses (``ExecutionStatusAdded(key="in-execution", name=..., progress=5000)``), commitments
and their projects (``CommitmentAdded(title=..., parent=r, progress=..., weight=...)``), milestones,
and imports a budget's selection (``CommitmentsImported(budgets=c, budget=b)``). Progress is in
hundredths of a percent and weights in ten-thousandths; ``progress_of(state, commitment)`` gives a
commitment's progress as an exact ``fractions.Fraction`` percent.
"""

from __future__ import annotations

from .. import _core
from .._reexport import reexport

__all__ = reexport(_core.accountability, globals(), __name__)
