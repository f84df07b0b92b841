"""participa.components.accountability from Python: statuses, a commitment with two weighted
projects whose progress is worked out by hand, milestones, and refusals that change nothing.
"""

from __future__ import annotations

from datetime import datetime, timezone
from fractions import Fraction

import pytest

from participa import space
from participa.components import accountability as ac

from test_participation import founded


def tracker():
    ledger, admin, run = founded()
    space_id = run(space.SpaceCreated(kind="process", slug="works", title="Works")).space
    component = run(space.ComponentAdded(space=space_id, kind="accountability",
                                         name="Commitments")).component
    run(space.ComponentPublished(component=component))
    run(space.SpacePublished(space=space_id))
    act = lambda payload: ledger.execute(  # noqa: E731
        payload, actor=admin, component=component).event.body.payload
    return ledger, component, act


def test_commitments_and_their_progress_from_python():
    ledger, component, act = tracker()
    act(ac.ExecutionStatusAdded(key="in-execution", name="In execution", progress=5000))
    parks = act(ac.CommitmentAdded(title="Parks")).commitment
    act(ac.CommitmentAdded(parent=parks, title="Benches", status="in-execution", weight=2500))
    act(ac.CommitmentAdded(parent=parks, title="Trees", progress=ac.FULL_PROGRESS, weight=7500))
    act(ac.MilestoneAdded(commitment=parks, date=datetime(2027, 5, 1, tzinfo=timezone.utc),
                          title="Works begin"))
    state = ac.state_of(ledger.state(), component)
    # 50 % x 0.25 + 100 % x 0.75 = 87.5 %.
    assert ac.progress_of(state, parks) == Fraction(175, 2)
    assert len(state.commitments[parks].children) == 2
    assert state.commitments[parks].milestones[0].title == "Works begin"


def test_refusals_change_nothing():
    ledger, component, act = tracker()
    sequence = ledger.sequence
    with pytest.raises(ValueError, match="0 to 10000"):
        act(ac.ExecutionStatusAdded(key="over", name="Over", progress=10001))
    with pytest.raises(KeyError, match="later"):
        act(ac.CommitmentAdded(title="T", status="later"))
    assert ledger.sequence == sequence
