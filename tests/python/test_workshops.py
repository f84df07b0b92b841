"""participa.components.workshops from Python: an atelier's board written online and from the
wall, private until the reveal in every query and in the change feed, clustered, dotted within
the limits and counted, one cluster promoted into a proposal, and the stickies as a frame.

Expected counts are worked out by hand in the test.
"""

from __future__ import annotations

import pytest

import participa
from participa import space, store
from participa.components import proposals as pr
from participa.components import workshops as ws

from test_participation import START


class Atelier:
    """An organization with one process holding a workshops and a proposals component; the
    facilitator runs the board, the officer types paper post-its in."""

    def __init__(self):
        self.clock = store.ManualClock(START)
        self.ledger = store.Ledger(None, clock=self.clock)
        self.admin = self.ledger.execute(space.OrganizationFounded(
            name="Test city", seed=7, founder_nickname="admin", founder_name="City Hall"),
            key="found").event.body.founder
        self.officer, self.facilitator, self.ana, self.bo = (
            self.resident(n) for n in ("officer", "facilitator", "ana", "bo"))
        self.run(space.OrganizationRoleGranted(participant=self.officer, role="user-manager"))
        self.space = self.run(space.SpaceCreated(kind="process", slug="city-2027",
                                                 title="City 2027")).space
        self.component = self.run(space.ComponentAdded(
            space=self.space, kind="workshops", name="Atelier")).component
        self.proposals = self.run(space.ComponentAdded(
            space=self.space, kind="proposals", name="Proposals")).component
        for c in (self.component, self.proposals):
            self.run(space.ComponentPublished(component=c))
        self.run(space.SpacePublished(space=self.space))
        self.board = self.act(self.admin, ws.BoardAdded(
            title="Our square", facilitators=[self.facilitator], dots=3)).board

    def run(self, body, actor=None):
        return self.ledger.execute(body, actor=actor or self.admin).event.body

    def act(self, who, payload, **options):
        return self.ledger.execute(payload, actor=who, component=self.component,
                                   **options).event.body.payload

    def resident(self, nickname):
        return self.ledger.execute(space.ParticipantRegistered(
            nickname=nickname, display_name=nickname.title())).event.body.participant

    def view(self, reader=None):
        return ws.board_view(self.ledger.state(), self.component, self.board, reader)

    def feed(self, after, reader=None):
        events = [r.event for r in self.ledger.events(after)]
        return ws.feed(self.ledger.state(), events, self.component, self.board, reader)


def test_an_atelier_from_python():
    a = Atelier()
    columns = a.view(a.ana).columns
    assert [c.title for c in columns] == ws.template_columns("works-doesnt-ideas")
    before = a.ledger.sequence
    benches = a.act(a.ana, ws.StickyWritten(board=a.board, column=columns[2].id,
                                            text="More benches")).sticky
    shade = a.act(a.bo, ws.StickyWritten(board=a.board, column=columns[2].id,
                                         text="Shade over the benches")).sticky
    wall = a.act(None, ws.StickyWritten(board=a.board, column=columns[1].id, text="Too hot"),
                 channel="in-person", recorded_by=a.officer).sticky

    # Private writing: bo sees his own sticky only, in the view and in the feed.
    seen = {s.id: s for s in a.view(a.bo).stickies}
    assert seen[shade].text == "Shade over the benches"
    assert seen[benches].withheld and seen[benches].text == "" and seen[benches].author is None
    assert seen[wall].withheld
    sent = a.feed(before, a.bo)
    assert [item.name for item in sent] == ["sticky-written"] * 3
    assert "More benches" not in repr(sent) and "Too hot" not in repr(sent)

    a.act(a.facilitator, ws.BoardRevealed(board=a.board, stickies=True))
    seen = {s.id: s for s in a.view(a.bo).stickies}
    assert seen[benches].text == "More benches" and seen[benches].author == a.ana
    assert seen[wall].author is None and seen[wall].channel == space.Channel("in-person")

    a.act(a.facilitator, ws.StageSet(board=a.board, stage="group"))
    rest = a.act(a.bo, ws.ClusterFormed(board=a.board, title="Rest",
                                        stickies=[benches, shade])).cluster
    a.act(a.facilitator, ws.StageSet(board=a.board, stage="vote"))
    # ana: 2 on Rest, 1 on the wall's sticky; bo: 1 on Rest. Rest 3 (2 voters), Too hot 1.
    a.act(a.ana, ws.DotsPlaced(board=a.board, cluster=rest, dots=2))
    a.act(a.ana, ws.DotsPlaced(board=a.board, sticky=wall, dots=1))
    a.act(a.bo, ws.DotsPlaced(board=a.board, cluster=rest, dots=1))
    with pytest.raises(ValueError, match="4 dots"):
        a.act(a.bo, ws.DotsPlaced(board=a.board, sticky=wall, dots=3))
    with pytest.raises(participa.StateError, match="hidden"):
        ws.dot_results(a.ledger.state(), a.component, a.board, a.facilitator)
    assert a.view(a.ana).dots_left == 0
    a.act(a.facilitator, ws.BoardRevealed(board=a.board, dots=True))
    results = ws.dot_results(a.ledger.state(), a.component, a.board, a.bo)
    assert [(i.label, i.dots, i.voters) for i in results.items] == [("Rest", 3, 2),
                                                                   ("Too hot", 1, 1)]
    assert results.count.winners == [0]

    proposal = a.ledger.execute(pr.ProposalDrafted(title="Rest in the square", body="Benches.",
                                                   official=True),
                                actor=a.admin, component=a.proposals).event.body.payload.proposal
    a.act(a.facilitator, ws.StickyPromoted(board=a.board, cluster=rest, proposals=a.proposals,
                                           proposal=proposal))
    origin = ws.origin_of(a.ledger.state(), a.proposals, proposal)
    assert origin.cluster == rest and origin.board == a.board

    exported = ws.board_view_to_csv(a.view(a.bo), a.ledger.state()).splitlines()
    assert len(exported) == 4 and exported[3].endswith(",in-person,false,1")
    assert '"withheld":true' not in ws.board_view_to_json(a.view(a.bo), a.ledger.state())
    frame = ws.stickies_frame(a.view(a.bo))
    assert list(frame["text"]) == ["More benches", "Shade over the benches", "Too hot"]
    assert list(frame["cluster"])[:2] == ["Rest", "Rest"]
    assert frame["dots"].isna().tolist() == [True, True, False]  # clustered ones are dotted as Rest
    assert int(frame["dots"].iloc[2]) == 1
    assert list(frame["channel"]) == ["online", "online", "in-person"]


def test_bad_board_input_changes_nothing():
    a = Atelier()
    state = a.ledger.state()
    sequence = a.ledger.sequence
    column = a.view(a.ana).columns[0].id
    for who, payload in [
        (a.ana, ws.StickyWritten(board=a.board, column=column, text="")),
        (a.ana, ws.StickyWritten(board=a.board, column=column, text="x", colour="teal")),
        (a.ana, ws.BoardRevealed(board=a.board, stickies=True)),
        (a.admin, ws.BoardAdded(title="T", dots=0)),
    ]:
        with pytest.raises((ValueError, PermissionError, RuntimeError)):
            a.act(who, payload)
    assert a.ledger.sequence == sequence
    assert ws.state_of(a.ledger.state(), a.component).boards == \
        ws.state_of(state, a.component).boards
