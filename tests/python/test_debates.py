"""participa.components.debates from Python: an official debate with a window, a participant's
own debate when the phase allows it, comments only within the window, conclusions by the author
and refusals that change nothing.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

import participa
from participa import space, store
from participa.components import debates as db

from test_participation import START, founded


def forum(creation_enabled):
    clock = store.ManualClock(START)
    ledger, admin, run = founded(clock)
    space_id = run(space.SpaceCreated(kind="process", slug="talk", title="Talk")).space
    phase = run(space.PhaseAdded(space=space_id, title="Open")).phase
    component = run(space.ComponentAdded(space=space_id, kind="debates", name="Debates")).component
    run(space.ComponentConfigured(component=component, phase=phase,
                                  settings={"creation_enabled": creation_enabled}))
    run(space.ComponentPublished(component=component))
    run(space.SpacePublished(space=space_id))
    run(space.PhaseActivated(space=space_id, phase=phase))
    ana = ledger.execute(space.ParticipantRegistered(nickname="ana", display_name="Ana")
                         ).event.body.participant
    act = lambda who, payload: ledger.execute(  # noqa: E731
        payload, actor=who, component=component).event.body.payload
    return ledger, clock, admin, ana, component, act


def test_debates_from_python():
    ledger, clock, admin, ana, component, act = forum(True)
    windowed = act(admin, db.DebateOpened(title="Market hours", description="Sundays?",
                                          starts_at=START + timedelta(days=1),
                                          ends_at=START + timedelta(days=2)))
    assert windowed.official
    with pytest.raises(participa.StateError, match="takes comments from"):
        act(ana, db.DebateCommented(debate=windowed.debate, body="Yes."))
    clock.advance(timedelta(days=1))
    act(ana, db.DebateCommented(debate=windowed.debate, body="Yes, mornings."))
    own = act(ana, db.DebateOpened(title="Dogs in the park", description="Where?"))
    assert not own.official
    act(ana, db.DebateClosed(debate=own.debate, conclusions="A fenced corner."))
    state = db.state_of(ledger.state(), component)
    assert state.debates[windowed.debate].comments[0].author == ana
    assert state.debates[own.debate].conclusions == "A fenced corner."
    assert state.added == [windowed.debate, own.debate]


def test_refusals_change_nothing():
    ledger, clock, admin, ana, component, act = forum(False)
    sequence = ledger.sequence
    with pytest.raises(participa.StateError, match="may not open"):
        act(ana, db.DebateOpened(title="Mine", description="Why?"))
    with pytest.raises(ValueError, match="decided"):
        act(admin, db.DebateOpened(title="T", description="x", official=True))
    with pytest.raises(ValueError, match="a start and an end"):
        act(admin, db.DebateOpened(title="T", description="x", starts_at=START))
    assert ledger.sequence == sequence
