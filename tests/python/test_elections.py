"""participa.components.elections from Python: an election voted online, through a mediator,
at a booth and on paper, its results split by channel, hidden until the close, and as a frame.

Expected counts are worked out by hand in the test.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

import participa
from participa import space, store
from participa.components import elections as el

from test_participation import START


class ElectionCity:
    """An organization with one process whose support phase opens an elections component, and
    two user managers to serve as a station's officers."""

    def __init__(self):
        self.clock = store.ManualClock(START)
        self.ledger = store.Ledger(None, clock=self.clock)
        self.admin = self.ledger.execute(space.OrganizationFounded(
            name="Test city", seed=7, founder_nickname="admin", founder_name="City Hall"),
            key="found").event.body.founder
        self.officer, self.clerk = (self.resident(n) for n in ("officer", "clerk"))
        for who in (self.officer, self.clerk):
            self.run(space.OrganizationRoleGranted(participant=who, role="user-manager"))
        self.space = self.run(space.SpaceCreated(kind="process", slug="city-2027",
                                                 title="City 2027")).space
        self.support = self.run(space.PhaseAdded(space=self.space, title="Support")).phase
        self.component = self.run(space.ComponentAdded(
            space=self.space, kind="elections", name="Elections")).component
        self.configure(True)
        self.run(space.ComponentPublished(component=self.component))
        self.run(space.SpacePublished(space=self.space))
        self.run(space.PhaseActivated(space=self.space, phase=self.support))

    def run(self, body, actor=None):
        return self.ledger.execute(body, actor=actor or self.admin).event.body

    def configure(self, votes_enabled):
        self.run(space.ComponentConfigured(component=self.component, phase=self.support,
                                           settings={"votes_enabled": votes_enabled}))

    def act(self, who, payload, **options):
        return self.ledger.execute(payload, actor=who, component=self.component,
                                   **options).event.body.payload

    def resident(self, nickname):
        return self.ledger.execute(space.ParticipantRegistered(
            nickname=nickname, display_name=nickname.title())).event.body.participant

    def results(self, election, reader=None):
        return el.results(self.ledger.state(), self.component, election, reader,
                          now=self.clock.now)


def test_an_election_on_every_channel_from_python():
    city = ElectionCity()
    election = city.act(city.admin, el.ElectionAdded(title="Mayor")).election
    city.act(city.admin, el.QuestionAdded(election=election, question=el.Question(
        title="Mayor", options=["Ana", "Ben"])))
    station = city.act(city.admin, el.StationAdded(
        election=election, name="Centre", officers=[city.officer, city.clerk])).station
    pick = [el.Answer(choices=[0]), el.Answer(choices=[1])]
    # Online: Ana, Ana, Ben, then the Ben voter changes to Ana (replacing the ballot).
    voters = [city.resident(f"voter-{i}") for i in range(6)]
    for who, answer in zip(voters, [pick[0], pick[0], pick[1]]):
        city.act(who, el.BallotCast(election=election, answers=[answer]))
    again = city.act(voters[2], el.BallotCast(election=election, answers=[pick[0]]))
    assert again.replaces
    # Through a mediator: Ben. At the booth: Ben. Marked for paper: one voter.
    city.act(voters[3], el.BallotCast(election=election, answers=[pick[1]]),
             channel="mediated", recorded_by=city.officer)
    city.act(voters[4], el.BallotCast(election=election, answers=[pick[1]], station=station),
             channel="in-person", recorded_by=city.officer)
    city.act(voters[5], el.VoterMarked(election=election, station=station),
             channel="in-person", recorded_by=city.officer)
    with pytest.raises(participa.StateError, match="paper ballot at station 'Centre'"):
        city.act(voters[5], el.BallotCast(election=election, answers=[pick[0]]))
    with pytest.raises(participa.StateError, match="hidden while voting is open"):
        city.results(election, city.admin)

    city.configure(False)
    city.act(city.officer, el.PaperBallotEntered(election=election, station=station,
                                                 answers=[el.Answer(null=True)]))
    with pytest.raises(participa.StateError, match="four eyes"):
        city.act(city.officer, el.StationConfirmed(election=election, station=station))
    city.act(city.clerk, el.StationConfirmed(election=election, station=station))

    results = city.results(election)
    [mayor] = results.questions
    # Ana: 3 online. Ben: 1 mediated, 1 at the booth. One null paper ballot.
    assert mayor.votes == [[3, 0, 0, 0], [0, 1, 1, 0]]
    assert mayor.null == [0, 0, 0, 1]
    assert mayor.ballots == [3, 1, 1, 1]
    assert mayor.count.winner_names() == ["Ana"]
    assert results.superseded == 1
    assert results.warnings == []

    frame = el.results_frame(results)
    totals = frame.groupby("option")["votes"].sum()
    assert totals["Ana"] == 3 and totals["Ben"] == 2 and totals["(null)"] == 1
    assert frame.groupby("channel", observed=False)["votes"].sum().tolist() == [3, 1, 1, 1]

    state = el.state_of(city.ledger.state(), city.component)
    assert len(state.elections[election].ballots) == 5
    assert state.elections[election].stations[station].confirmed_by == city.clerk


def test_a_dot_vote_from_python():
    city = ElectionCity()
    poll = city.act(city.admin, el.ElectionAdded(title="Poll", visibility="live")).election
    city.act(city.admin, el.QuestionAdded(election=poll, question=el.poll_question(
        "dot-vote", "Where first?", ["Park", "Library"], dots=5)))
    # Park 5 + 2 = 7, Library 0 + 3 = 3.
    for i, points in enumerate([[5, 0], [2, 3]]):
        choices = [k for k, p in enumerate(points) if p]
        city.act(city.resident(f"voter-{i}"), el.BallotCast(election=poll, answers=[el.Answer(
            choices=choices, scores=[points[k] for k in choices])]))
    with pytest.raises(ValueError, match="more than the 5 allowed"):
        city.act(city.resident("greedy"), el.BallotCast(election=poll, answers=[
            el.Answer(choices=[0, 1], scores=[3, 3])]))
    [question] = city.results(poll).questions
    assert [sum(v) for v in question.votes] == [7, 3]
    assert question.count.winner_names() == ["Park"]


def test_a_poll_closes_by_date_and_takes_its_outcome():
    """A meeting-time poll closing two days after START, votes still enabled: Tue suits 2 of
    2 voters, Mon 1, Wed 0."""
    city = ElectionCity()
    closing = START + timedelta(days=2)
    poll = city.act(city.admin, el.ElectionAdded(title="Lunch", closes_at=closing)).election
    city.act(city.admin, el.QuestionAdded(election=poll, question=el.poll_question(
        "meeting-time", "When?", ["Mon", "Tue", "Wed"])))
    for i, slots in enumerate([[0, 1], [1]]):
        city.act(city.resident(f"voter-{i}"), el.BallotCast(election=poll, answers=[
            el.Answer(choices=slots)]))
    with pytest.raises(participa.StateError, match="hidden"):
        city.results(poll)
    later = city.act(city.admin, el.ElectionAdded(title="Later", opens_at=closing,
                                                  closes_at=closing + timedelta(days=1))).election
    city.act(city.admin, el.QuestionAdded(election=later, question=el.poll_question(
        "proposal", "Adopt?")))
    with pytest.raises(participa.StateError, match="'Later' opens at 2027-03-03T09:00:00Z"):
        city.act(city.resident("early"), el.BallotCast(election=later, answers=[
            el.Answer(choices=[0])]))
    outcome = el.OutcomeStated(election=poll, question=0, statement="Tuesday it is.", option=1,
                               review_at=closing + timedelta(days=7))
    with pytest.raises(participa.StateError, match="is open"):
        city.act(city.admin, outcome)

    city.clock.now = closing
    with pytest.raises(participa.StateError, match="'Lunch' closed at 2027"):
        city.act(city.resident("late"), el.BallotCast(election=poll, answers=[
            el.Answer(choices=[0])]))
    with pytest.raises(ValueError, match="option 3 does not exist"):
        city.act(city.admin, el.OutcomeStated(election=poll, question=0, statement="?",
                                              option=3))
    city.act(city.admin, outcome)
    [question] = city.results(poll).questions
    assert [sum(v) for v in question.votes] == [1, 2, 0]
    assert question.outcome.statement == "Tuesday it is."
    assert question.options[question.outcome.option] == "Tue"
    assert question.outcome.review_at == closing + timedelta(days=7)
    assert question.outcome.stated_at == closing
    assert question.outcome.stated_by == city.admin
    # Read before the closing time by the caller's clock, the results are hidden again.
    with pytest.raises(participa.StateError, match="hidden"):
        el.results(city.ledger.state(), city.component, poll, now=closing - timedelta(seconds=1))


def test_an_assembly_elected_by_meek_stv():
    """Three seats of five candidates by Meek STV (a multi-winner question): 4 × A > B, 3 × C,
    2 × D > C, 1 × E. The quota is a quarter of the votes that still count, 2.5 at first: A (4)
    and C (3) pass it. A keeps 2.5/4 of each ballot and passes 1.5 to B; C's surplus has nowhere
    to go. E (1) and then B (1.5) are defeated as the fewest, and D, with 2, takes the third
    seat. Seats 2 with plurality is refused."""
    city = ElectionCity()
    election = city.act(city.admin, el.ElectionAdded(title="Assembly")).election
    with pytest.raises(ValueError, match="2 seats need a multi-winner method"):
        city.act(city.admin, el.QuestionAdded(election=election, question=el.Question(
            title="Assembly", options=["A", "B"], seats=2)))
    city.act(city.admin, el.QuestionAdded(election=election, question=el.Question(
        title="Assembly", options=list("ABCDE"), kind=participa.tally.BallotKind.ranked,
        min_choices=1, max_choices=5, method="meek", seats=3, parameters={"omega": "6"})))
    ballots = [[0, 1]] * 4 + [[2]] * 3 + [[3, 2]] * 2 + [[4]]
    for i, ranking in enumerate(ballots):
        city.act(city.resident(f"voter-{i}"),
                 el.BallotCast(election=election, answers=[el.Answer(choices=ranking)]))
    city.configure(False)
    [assembly] = city.results(election).questions
    assert assembly.seats == 3
    assert sorted(assembly.count.winner_names()) == ["A", "C", "D"]
    assert [r.eliminated for r in assembly.count.rounds if r.eliminated][:2] == [[4], [1]]
