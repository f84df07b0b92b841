"""The debates component: conversations opened by the city (official) or by participants,
commented within their window and closed with conclusions.

An admin executes ``DebateOpened(title=..., description=...)`` (official); a participant may
open their own while the phase's ``creation_enabled`` setting allows it. ``DebateCommented``
is taken between ``starts_at`` and ``ends_at`` when the debate has a window, and
``DebateClosed(debate=d, conclusions=...)`` by the author or an admin ends it.
"""

from __future__ import annotations

from .. import _core
from .._reexport import reexport

__all__ = reexport(_core.debates, globals(), __name__)
