"""participa.components.meetings from Python: a hybrid meeting with a registration form, slots
and a waiting list, the door checking codes, a live poll counted per option, the closing report,
and refusals that change nothing.

Expected values are worked out by hand in the test.
"""

from __future__ import annotations

import json
import pickle
from datetime import timedelta

import pytest

import participa
from participa import questionnaire, space, store
from participa.components import meetings as mt

from test_participation import START

FORM = questionnaire.Questionnaire.from_json(json.dumps({
    "format_version": 1, "title": {"en": "Registration"},
    "questions": [{"type": "single-option", "body": {"en": "Do you need an interpreter?"},
                   "mandatory": True,
                   "options": [{"body": {"en": "Yes"}}, {"body": {"en": "No"}}]}]}))
POLL = questionnaire.Questionnaire.from_json(json.dumps({
    "format_version": 1, "title": {"en": "First"},
    "questions": [{"type": "multiple-option", "body": {"en": "What first?"},
                   "options": [{"body": {"en": "Benches"}}, {"body": {"en": "Trees"}},
                               {"body": {"en": "Lights"}}]}]}))


class Assembly:
    def __init__(self):
        self.clock = store.ManualClock(START)
        self.ledger = store.Ledger(None, clock=self.clock)
        self.admin = self.ledger.execute(space.OrganizationFounded(
            name="Test city", seed=7, founder_nickname="admin", founder_name="City Hall"),
            key="found").event.body.founder
        self.officer = self.resident("officer")
        self.run(space.OrganizationRoleGranted(participant=self.officer, role="user-manager"))
        self.space = self.run(space.SpaceCreated(kind="process", slug="park", title="Park")).space
        self.component = self.run(space.ComponentAdded(
            space=self.space, kind="meetings", name="Meetings")).component
        self.run(space.ComponentPublished(component=self.component))
        self.run(space.SpacePublished(space=self.space))

    def run(self, body, actor=None):
        return self.ledger.execute(body, actor=actor or self.admin).event.body

    def act(self, who, payload, **options):
        return self.ledger.execute(payload, actor=who, component=self.component,
                                   **options).event.body.payload

    def resident(self, nickname):
        return self.ledger.execute(space.ParticipantRegistered(
            nickname=nickname, display_name=nickname.title())).event.body.participant

    def meeting(self, meeting):
        return mt.state_of(self.ledger.state(), self.component).meetings[meeting]


def test_a_hybrid_meeting_from_python():
    a = Assembly()
    starts = START + timedelta(days=9, hours=9)
    added = a.act(a.admin, mt.MeetingAdded(
        title="Riverside park", format="hybrid", address="Town hall", url="https://meet.example/p",
        starts_at=starts, ends_at=starts + timedelta(hours=2), slots=2, reserved_slots=1,
        registration_form=FORM))
    meeting = added.meeting
    assert added.registration_form == FORM
    a.act(a.admin, mt.AgendaItemAdded(meeting=meeting, title="Welcome",
                                      duration=timedelta(minutes=15)))
    with pytest.raises(ValueError, match="1h45m of 2h are left"):
        a.act(a.admin, mt.AgendaItemAdded(meeting=meeting, title="Long",
                                          duration=timedelta(hours=2)))
    a.act(a.admin, mt.RegistrationsOpened(meeting=meeting))

    ana, bo, cy = (a.resident(n) for n in ("ana", "bo", "cy"))
    needs = [{"choices": [{"option": 1}]}]
    with pytest.raises(ValueError, match="question 1"):
        a.act(ana, mt.Registered(meeting=meeting))
    code = a.act(ana, mt.Registered(meeting=meeting, answers=needs)).code
    # One open slot (two, one reserved): bo waits; cy takes the reserved slot an officer gives.
    a.act(bo, mt.Registered(meeting=meeting, answers=needs))
    a.act(cy, mt.Registered(meeting=meeting, answers=needs, reserved=True),
          channel="mediated", recorded_by=a.officer)
    held = a.meeting(meeting)
    assert held.waiting_list == [bo]
    assert held.registrations[ana].answers == needs
    assert held.registrations[cy].reserved
    assert len(code) == 8 and held.registrations[ana].code == code
    assert held.agenda[0].duration == timedelta(minutes=15)

    a.clock.advance(timedelta(days=9, hours=8, minutes=30))  # 17:30, the door is open
    attended = a.act(a.officer, mt.AttendanceRecorded(meeting=meeting, presence="in-person",
                                                      code=code))
    assert attended.participant == ana
    with pytest.raises(participa.StateError, match="waiting list"):
        a.act(bo, mt.AttendanceRecorded(meeting=meeting, presence="online"))
    a.act(cy, mt.AttendanceRecorded(meeting=meeting, presence="online"))

    poll = a.act(a.admin, mt.PollAdded(meeting=meeting, question=POLL)).poll
    a.act(ana, mt.PollAnswered(meeting=meeting, poll=poll,
                               answer={"choices": [{"option": 1}, {"option": 2}]}))
    a.act(cy, mt.PollAnswered(meeting=meeting, poll=poll, answer={"choices": [{"option": 2}]}))
    with pytest.raises(participa.StateError, match="attendees"):
        a.act(bo, mt.PollAnswered(meeting=meeting, poll=poll,
                                  answer={"choices": [{"option": 3}]}))
    # Per option, never per combination: Benches 1, Trees 2, Lights 0.
    assert mt.poll_results(a.meeting(meeting), poll) == [1, 2, 0]

    a.clock.advance(timedelta(hours=3))
    closing = mt.MeetingClosed(meeting=meeting, report="Benches first.", attendees_count=31,
                               contributions_count=12, organizations=["River friends"])
    a.act(a.admin, closing)
    assert a.meeting(meeting).closing == closing
    assert pickle.loads(pickle.dumps(closing)) == closing


def test_bad_meeting_input_changes_nothing():
    a = Assembly()
    starts = START + timedelta(days=1)
    meeting = a.act(a.admin, mt.MeetingAdded(
        title="Room", format="in-person", address="Library", starts_at=starts,
        ends_at=starts + timedelta(hours=1))).meeting
    ana = a.resident("ana")
    sequence = a.ledger.sequence
    for who, payload, error in [
        (ana, mt.MeetingAdded(title="Mine", address="Home", starts_at=starts,
                              ends_at=starts + timedelta(hours=1)), participa.StateError),
        (a.admin, mt.MeetingAdded(title="Backwards", address="Hall", starts_at=starts,
                                  ends_at=starts - timedelta(hours=1)), ValueError),
        (a.admin, mt.PollAdded(meeting=meeting), ValueError),
        (a.admin, mt.RegistrationsOpened(meeting=meeting), participa.StateError),
        (ana, mt.Registered(meeting=meeting), participa.StateError),
    ]:
        with pytest.raises(error):
            a.act(who, payload)
    with pytest.raises(ValueError, match="option"):
        mt.PollAnswered(meeting=meeting, answer={"choices": [{"option": 0}]})
    with pytest.raises(ValueError, match="one question"):
        mt.PollAdded(meeting=meeting, question=FORM.__class__.from_json(json.dumps({
            "format_version": 1, "title": {"en": "Two"},
            "questions": [{"type": "short-text", "body": {"en": "A"}},
                          {"type": "short-text", "body": {"en": "B"}}]})))
    assert a.ledger.sequence == sequence
