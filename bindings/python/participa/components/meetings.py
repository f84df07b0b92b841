"""The meetings component: meetings in a room, online or both, with an agenda, registrations,
the door, live polls and a closing report.

An admin executes ``MeetingAdded(title=..., format="hybrid", address=..., url=..., starts_at=...,
ends_at=..., slots=30, reserved_slots=5)`` then ``RegistrationsOpened(meeting=m)``; a participant
executes ``Registered(meeting=m)`` and receives a code, which staff at the door give in
``AttendanceRecorded(meeting=m, code=...)``. Registration forms and poll questions are
``participa.questionnaire.Questionnaire`` objects; answers are dicts
(``{"choices": [{"option": 2}]}``, options numbered from 1).
"""

from __future__ import annotations

from .. import _core
from .._reexport import reexport

__all__ = reexport(_core.meetings, globals(), __name__)
