"""participa.space, participa.components.proposals and participa.store from Python.

Expected counts come from the rules as docs/components.md states them, worked by hand for the
small cases, and for the larger ones from a fold of the recorded events written here in
Python, independent of the C++ fold.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import threading
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest

import participa
from participa import space, store
from participa.components import proposals as pr

START = datetime(2027, 3, 1, 9, tzinfo=timezone.utc)
NOBODY = "00000000-0000-4000-8000-000000000001"


def founded(clock=None):
    """A ledger in memory (on `clock`, a ManualClock at START by default) whose organization is
    founded: the ledger, its admin, and `run(body)`, which executes a body as the admin and
    returns the body recorded."""
    ledger = store.Ledger(None, clock=clock or store.ManualClock(START))
    admin = ledger.execute(space.OrganizationFounded(
        name="Test city", seed=7, founder_nickname="admin", founder_name="City Hall"),
        key="found").event.body.founder

    def run(body):
        return ledger.execute(body, actor=admin).event.body

    return ledger, admin, run


class City:
    """An organization with one process (collection, support), a proposals component and a
    census handler, on a ledger whose clock the test moves."""

    def __init__(self, path=None, **settings):
        self.clock = store.ManualClock(START)
        self.ledger = store.Ledger(path, clock=self.clock)
        founded = self.ledger.execute(space.OrganizationFounded(
            name="Test city", seed=7, founder_nickname="admin", founder_name="City Hall"),
            key="found")
        self.admin = founded.event.body.founder
        self.officer = self.register("officer")
        self.run(space.OrganizationRoleGranted(participant=self.officer, role="user-manager"))
        self.space = self.run(space.SpaceCreated(kind="process", slug="city-2027",
                                                 title="City 2027")).space
        self.collection = self.run(space.PhaseAdded(space=self.space, title="Collection")).phase
        self.support = self.run(space.PhaseAdded(space=self.space, title="Support")).phase
        self.component = self.run(space.ComponentAdded(
            space=self.space, kind="proposals", name="Proposals", settings=settings)).component
        self.run(space.ComponentConfigured(component=self.component, phase=self.collection,
                                           settings={"creation_enabled": True}))
        self.run(space.ComponentConfigured(component=self.component, phase=self.support,
                                           settings={"votes_enabled": True}))
        self.run(space.ComponentPublished(component=self.component))
        self.run(space.SpacePublished(space=self.space))
        self.run(space.PhaseActivated(space=self.space, phase=self.collection))

    def run(self, body, actor=None):
        return self.ledger.execute(body, actor=actor or self.admin).event.body

    def act(self, who, payload, **options):
        receipt = self.ledger.execute(payload, actor=who, component=self.component, **options)
        return receipt.event.body.payload

    def register(self, nickname, managed=False):
        body = space.ParticipantRegistered(nickname=nickname, display_name=nickname.title(),
                                           managed=managed)
        actor = self.officer if managed else None
        return self.ledger.execute(body, actor=actor).event.body.participant

    def proposal(self, author, title):
        drafted = self.act(author, pr.ProposalDrafted(title=title, body="As the title says."))
        self.act(author, pr.ProposalPublished(proposal=drafted.proposal))
        return drafted.proposal

    def open_support(self):
        self.run(space.PhaseActivated(space=self.space, phase=self.support))

    def state(self):
        return pr.state_of(self.ledger.state(), self.component)


def unchanged(ledger):
    return ledger.sequence, ledger.head


def test_a_process_from_python():
    city = City(vote_limit=2)
    ana, ben = city.register("ana"), city.register("ben")
    trees = city.proposal(ana, "Shade trees")
    bikes = city.proposal(ben, "Bike lanes")
    water = city.proposal(ben, "Water fountains")
    city.open_support()
    city.act(ana, pr.VoteCast(proposal=trees))
    city.act(ana, pr.VoteCast(proposal=bikes))
    city.act(ben, pr.VoteCast(proposal=trees))
    before = unchanged(city.ledger)
    with pytest.raises(ValueError, match="used all 2 votes"):
        city.act(ana, pr.VoteCast(proposal=water))
    assert unchanged(city.ledger) == before
    votes = {p.title: p.votes for p in city.state().proposals.values()}
    assert votes == {"Shade trees": 2, "Bike lanes": 1, "Water fountains": 0}
    listed = pr.list_proposals(city.ledger.state(), city.component, ana)
    assert [(p.title, p.votes) for p in listed][:2] == [("Shade trees", 2), ("Bike lanes", 1)]


def test_refusals_raise_the_fitting_exception_and_change_nothing():
    city = City()
    ana = city.register("ana")
    trees = city.proposal(ana, "Shade trees")
    before = unchanged(city.ledger)
    refusals = [
        # out of phase: votes are not enabled while proposals are collected
        (participa.StateError, lambda: city.act(ana, pr.VoteCast(proposal=trees))),
        # an id nobody has
        (KeyError, lambda: city.act(ana, pr.VoteCast(proposal=NOBODY))),
        # a nickname taken
        (ValueError, lambda: city.register("ana")),
        # a participant acting for the administration
        (participa.StateError, lambda: city.run(space.SpacePublished(space=city.space), ana)),
        # an empty title
        (ValueError, lambda: city.act(ana, pr.ProposalDrafted(title="", body="x"))),
    ]
    for expected, attempt in refusals:
        with pytest.raises(expected):
            attempt()
        assert unchanged(city.ledger) == before


def test_keywords_and_types_are_checked():
    city = City()
    with pytest.raises(TypeError, match="needs component="):
        city.ledger.execute(pr.VoteCast(), actor=city.admin)
    with pytest.raises(TypeError, match="unexpected keyword argument 'actr'"):
        city.ledger.execute(space.SpacePublished(space=city.space), actr=city.admin)
    with pytest.raises(TypeError, match="not a command body"):
        city.ledger.execute("publish it", actor=city.admin)
    with pytest.raises(ValueError, match="is not a UUID"):
        space.SpacePublished(space="budget-2027")
    with pytest.raises(ValueError, match="without a time zone"):
        space.PhaseAdded(title="x", starts_at=datetime(2027, 1, 1))
    with pytest.raises(ValueError, match="Channel 'by-post' is not online, in-person or mediated"):
        space.Channel("by-post")
    with pytest.raises(TypeError, match="incompatible constructor arguments"):
        space.Actor(channel="by-post")
    assert space.Actor(channel="in-person").channel == space.Channel.in_person
    assert space.Actor(channel="in_person") == space.Actor(channel=space.Channel.in_person)
    with pytest.raises(TypeError):
        space.SpacePublished(spaces=city.space)


def test_idempotency_keys_from_python():
    city = City()
    ana = city.register("ana")
    first = city.ledger.execute(pr.ProposalDrafted(title="Trees", body="Plant them"), actor=ana,
                                component=city.component, key="draft-1")
    again = city.ledger.execute(pr.ProposalDrafted(title="Trees", body="Plant them"), actor=ana,
                                component=city.component, key="draft-1")
    assert again.repeated and not first.repeated
    assert again.event == first.event and again.hash == first.hash
    before = unchanged(city.ledger)
    with pytest.raises(ValueError, match="was used for another command"):
        city.ledger.execute(pr.ProposalDrafted(title="Bikes", body="Lanes"), actor=ana,
                            component=city.component, key="draft-1")
    assert unchanged(city.ledger) == before
    assert len(city.state().proposals) == 1


def test_execute_all_returns_one_outcome_per_command():
    city = City()
    ana = city.register("ana")
    trees = city.proposal(ana, "Trees")
    city.open_support()

    def vote(body):
        return space.Command(actor=space.Actor(participant=ana),
                             body=space.ComponentAction(component=city.component, payload=body))

    outcomes = city.ledger.execute_all([vote(pr.VoteCast(proposal=trees)),
                                        vote(pr.VoteCast(proposal=trees)),
                                        vote(pr.VoteWithdrawn(proposal=trees))])
    assert isinstance(outcomes[0], store.Receipt)
    assert isinstance(outcomes[1], ValueError) and "already voted" in str(outcomes[1])
    assert isinstance(outcomes[2], store.Receipt)
    assert outcomes[2].event.sequence == outcomes[0].event.sequence + 1
    assert city.state().proposals[trees].votes == 0


def test_channels_and_managed_participants():
    city = City()
    ana = city.register("ana")
    rosa = city.register("rosa", managed=True)
    trees = city.proposal(ana, "Trees")
    city.open_support()
    city.act(ana, pr.VoteCast(proposal=trees))
    with pytest.raises(participa.StateError):
        city.act(rosa, pr.VoteCast(proposal=trees))  # a managed account does not act online
    city.act(rosa, pr.VoteCast(proposal=trees), channel="mediated", recorded_by=city.officer)
    frame = pr.proposals_frame(city.ledger.state(), city.component)
    row = frame.loc[trees]
    assert (row.votes, row.votes_online, row.votes_in_person, row.votes_mediated) == (2, 1, 0, 1)
    votes = pr.votes_frame(city.ledger.state(), city.component)
    assert sorted(votes.channel) == ["mediated", "online"]


def test_minimum_votes_count_only_once_reached():
    city = City(minimum_votes_per_participant=2)
    ana = city.register("ana")
    a, b = city.proposal(ana, "A"), city.proposal(ana, "B")
    city.open_support()
    city.act(ana, pr.VoteCast(proposal=a))
    assert city.state().proposals[a].votes == 0  # temporary: one vote of the two required
    city.act(ana, pr.VoteCast(proposal=b))
    assert [p.votes for p in city.state().proposals.values()] == [1, 1]
    city.act(ana, pr.VoteWithdrawn(proposal=b))
    assert city.state().proposals[a].votes == 0  # below the minimum again


def python_fold(receipts, component):
    """Counted votes per proposal from the events alone (no minimum, weight 1)."""
    counts = Counter()
    for receipt in receipts:
        body = receipt.event.body
        if not isinstance(body, space.ComponentAction) or body.component != component:
            continue
        if isinstance(body.payload, pr.VoteCast):
            counts[body.payload.proposal] += body.payload.weight
        elif isinstance(body.payload, pr.VoteWithdrawn):
            counts[body.payload.proposal] -= 1
    return counts


def test_threads_race_and_counts_equal_the_fold_of_the_record(tmp_path):
    city = City(tmp_path / "race.db", vote_limit=3)
    people = [city.register(f"p{i}") for i in range(16)]
    ideas = [city.proposal(people[0], f"Idea {i}") for i in range(5)]
    city.open_support()
    refused = Counter()

    def campaign(who, offset):
        for step in range(12):
            proposal = ideas[(offset + step) % len(ideas)]
            body = pr.VoteCast(proposal=proposal) if step % 4 != 3 else pr.VoteWithdrawn(
                proposal=proposal)
            try:
                city.act(who, body)
            except (participa.StateError, ValueError, KeyError) as error:
                refused[type(error).__name__] += 1

    threads = [threading.Thread(target=campaign, args=(who, i)) for i, who in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    state = city.state()
    assert all(n <= 3 for n in state.votes_cast.values())
    assert sum(refused.values()) > 0  # the limit was met
    fold = python_fold(city.ledger.events(), city.component)
    assert {p: state.proposals[p].votes for p in ideas} == {p: fold[p] for p in ideas}
    report = store.verify(tmp_path / "race.db")
    assert report.ok and report.events == city.ledger.sequence and report.head == city.ledger.head


def test_a_file_reopens_to_the_same_state_and_verify_names_tampering(tmp_path):
    path = tmp_path / "city.db"
    city = City(str(path))
    ana = city.register("ana")
    trees = city.proposal(ana, "Trees")
    expected = pr.proposals_frame(city.ledger.state(), city.component)
    head, sequence = city.ledger.head, city.ledger.sequence
    city.ledger.close()
    with pytest.raises(participa.StateError, match="closed"):
        city.ledger.execute(pr.ProposalWithdrawn(proposal=trees), actor=ana,
                            component=city.component)
    with store.Ledger(path) as reopened:
        assert (reopened.head, reopened.sequence) == (head, sequence)
        assert reopened.state().participants[ana].nickname == "ana"
        assert pr.proposals_frame(reopened.state(), city.component).equals(expected)
    assert store.verify(path).ok

    with sqlite3.connect(path) as connection:
        (payload,) = connection.execute("SELECT event FROM events WHERE sequence = 9").fetchone()
        flipped = bytes([payload[0]]) + bytes([payload[1] ^ 1]) + payload[2:]
        connection.execute("UPDATE events SET event = ? WHERE sequence = 9", (flipped,))
    report = store.verify(path)
    assert not report.ok
    assert report.first_bad.sequence == 9 and report.events == 8
    with pytest.raises(ValueError, match="event 9"):
        store.Ledger(path)
    with pytest.raises(FileNotFoundError):
        store.verify(tmp_path / "missing.db")


def test_decide_and_evolve_fold_the_record_again():
    city = City()
    ana = city.register("ana")
    city.proposal(ana, "Trees")
    folded = space.Organization()
    for receipt in city.ledger.events():
        space.evolve(folded, receipt.event)
    live = city.ledger.state()
    assert folded.sequence == live.sequence
    assert space.participants_frame(folded).equals(space.participants_frame(live))
    assert pr.proposals_frame(folded, city.component).equals(
        pr.proposals_frame(live, city.component))
    # decide is pure: the same command at the same time gives the same event, and nothing moves
    command = space.Command(actor=space.Actor(participant=ana),
                            body=space.ComponentAction(component=city.component,
                                                       payload=pr.ProposalDrafted(title="Again",
                                                                                  body="x")))
    first = space.decide(live, command, START)
    assert space.decide(live, command, START) == first
    assert first.sequence == live.sequence + 1
    with pytest.raises(ValueError):
        space.evolve(folded, city.ledger.events()[3].event)  # applied already


def test_values_copy_and_pickle(copy_fn):
    city = City()
    ana = city.register("ana")
    city.proposal(ana, "Trees")
    for receipt in city.ledger.events():
        assert copy_fn(receipt) == receipt
        assert copy_fn(receipt.event.body) == receipt.event.body
    assert copy_fn(space.Authorization(handler="census", attributes={"postal_code": "46100"},
                                       expires_at=START)).expires_at == START


def test_state_and_ledger_refuse_to_pickle():
    import pickle

    city = City()
    with pytest.raises(TypeError, match="Ledger does not pickle"):
        pickle.dumps(city.ledger)
    with pytest.raises(TypeError, match="Organization does not pickle"):
        pickle.dumps(city.ledger.state())


def test_events_frame_names_every_event():
    city = City()
    ana = city.register("ana")
    city.proposal(ana, "Trees")
    frame = store.events_frame(city.ledger)
    assert len(frame) == city.ledger.sequence
    assert list(frame.index) == list(range(1, city.ledger.sequence + 1))
    assert frame.name.iloc[0] == "organization-founded"
    assert list(frame.name.iloc[-2:]) == ["proposals/proposal-drafted",
                                          "proposals/proposal-published"]
    assert frame.hash.iloc[-1] == city.ledger.head


def test_the_clock_dates_events_and_moves_phases():
    city = City()
    city.clock.advance(timedelta(days=3))
    ana = city.register("ana")
    assert city.ledger.state().participants[ana].registered_at == START + timedelta(days=3)
    with pytest.raises(ValueError, match="does not go back"):
        city.clock.advance(timedelta(seconds=-1))


@pytest.mark.skipif(not os.environ.get("PARTICIPA_CLI"),
                    reason="PARTICIPA_CLI is set by ctest; run through ctest for the demo test")
def test_the_demo_record_reads_from_python(tmp_path):
    path = tmp_path / "demo.db"
    subprocess.run([os.environ["PARTICIPA_CLI"], "demo", "--db", str(path), "--participants",
                    "300", "--proposals", "30"], check=True, capture_output=True)
    report = store.verify(path)
    assert report.ok
    with store.Ledger(path) as ledger:
        assert ledger.head == report.head
        state = ledger.state()
        components = [c for c in state.components.values() if c.kind == "proposals"]
        assert len(components) == 1
        frame = pr.proposals_frame(state, components[0].id)
        drafted = (store.events_frame(ledger).name == "proposals/proposal-drafted").sum()
        assert len(frame) == drafted > 0
        assert frame[["votes_online", "votes_in_person", "votes_mediated"]].sum(
            axis=1).equals(frame.votes)
        # The budget vote: its projects are the accepted proposals, and its recorded selection
        # is what equal shares selects over the checked-out orders.
        from participa.components import budgets as bu
        [voting] = [c for c in state.components.values() if c.kind == "budgets"]
        [budget] = bu.state_of(state, voting.id).budgets.values()
        accepted = set(frame.index[frame.answer_state == "accepted"])
        assert {p.proposals[0] for p in budget.projects} == accepted
        checked_out = [o for o in budget.orders.values() if o.checked_out]
        assert checked_out and {o.channel.name for o in checked_out} <= {
            "online", "in_person", "mediated"}
        election = bu.election_of(budget)
        assert election.profile.total_weight == len(checked_out)
        assert budget.selection.rule == "equal-shares"
        assert set(budget.selection.selected) == set(
            participa.pb.equal_shares(election).selected_ids)
        # Paper ballots were typed in at the Centre and River polling stations, and only there.
        orders = bu.orders_frame(state, voting.id)
        checked = orders[orders.checked_out]
        assert set(checked[checked.channel == "in_person"].station) == {"Centre", "River"}
        assert checked[checked.channel != "in_person"].station.isna().all()
        # The neighbourhood meeting: the command lists it, writes it as the JSON the demo left
        # beside the record, and that JSON is the meeting as Python reads it from the record.
        from participa.components import meetings as mt
        [gathering] = [c for c in state.components.values() if c.kind == "meetings"]
        [(meeting_id, held)] = mt.state_of(state, gathering.id).meetings.items()
        expected = mt.to_json(held)
        from participa.components import elections as el
        [voting] = [c for c in state.components.values() if c.kind == "elections"]
        [council] = el.state_of(state, voting.id).added
        council_json = el.results_to_json(el.results(state, voting.id, council))
    cli = os.environ["PARTICIPA_CLI"]
    listed = subprocess.run([cli, "elections", str(path)], check=True, capture_output=True,
                            text=True).stdout.splitlines()
    assert [line.split("\t")[0] for line in listed] == [council]
    written = subprocess.run([cli, "elections", str(path), "--election", council], check=True,
                             capture_output=True, text=True).stdout
    assert json.loads(written) == json.loads(council_json)
    refused = subprocess.run([cli, "elections", str(path), "--election", council, "--reader",
                              "nobody-here"], capture_output=True, text=True)
    assert refused.returncode == 1 and "no participant's nickname" in refused.stderr
    listed = subprocess.run([cli, "meetings", str(path)], check=True, capture_output=True,
                            text=True).stdout.splitlines()
    assert [line.split("\t")[0] for line in listed] == [meeting_id]
    assert listed[0].endswith("\tclosed")
    written = subprocess.run([cli, "meetings", str(path), "--meeting", meeting_id], check=True,
                             capture_output=True, text=True).stdout
    assert json.loads(written) == json.loads(expected)
    assert json.loads((tmp_path / "demo-meeting.json").read_text()) == json.loads(expected)
    refused = subprocess.run([cli, "meetings", str(path), "--meeting", "not-an-id"],
                             capture_output=True, text=True)
    assert refused.returncode == 1 and "is not a meeting id" in refused.stderr


def test_a_snapshot_shortens_opening_and_changes_no_answer(tmp_path):
    path = tmp_path / "snap.db"
    city = City(path, vote_limit=2)
    ana = city.register("ana")
    trees = city.proposal(ana, "Trees")
    city.open_support()
    city.act(ana, pr.VoteCast(proposal=trees), key="ana-votes")
    assert city.ledger.snapshot() == city.ledger.sequence
    city.act(ana, pr.VoteWithdrawn(proposal=trees))
    expected = pr.proposals_frame(city.ledger.state(), city.component)
    city.ledger.close()
    with store.Ledger(path) as reopened:
        assert pr.proposals_frame(reopened.state(), city.component).equals(expected)
        # a retry of a command from before the snapshot is answered from its key
        again = reopened.execute(pr.VoteCast(proposal=trees), actor=ana,
                                 component=city.component, key="ana-votes")
        assert again.repeated
    report = store.verify(path)
    assert report.ok and report.snapshots == 1
    with pytest.raises(participa.StateError, match="no snapshot"):
        store.Ledger().snapshot()


def test_evaluators_notes_comment_votes_and_reports_from_python():
    city = City()
    ana, bo, eve = city.register("ana"), city.register("bo"), city.register("eve")
    city.run(space.SpaceRoleGranted(space=city.space, participant=eve, role="evaluator"))
    trees = city.proposal(ana, "Trees")
    with pytest.raises(participa.StateError, match="not assigned"):
        city.act(eve, pr.ProposalAnswered(proposal=trees, state="evaluating"))
    city.act(city.admin, pr.EvaluatorAssigned(proposal=trees, evaluator=eve))
    city.act(eve, pr.NoteAdded(proposal=trees, body="Ask the parks service"))
    city.act(eve, pr.ProposalAnswered(proposal=trees, state="evaluating"))
    comment = city.act(bo, pr.CommentAdded(proposal=trees, body="Buy now!")).comment
    city.act(ana, pr.CommentVoted(comment=comment, vote=-1))
    for name in ("r1", "r2", "r3"):
        city.act(city.register(name), pr.ContentReported(proposal=trees, comment=comment,
                                                         reason="spam"))
    state = city.state()
    assert state.proposals[trees].evaluators == {eve}
    assert [n.author for n in state.notes.values()] == [eve]
    assert state.comments[comment].down_votes == 1
    assert state.comments[comment].reports == 3 and state.comments[comment].hidden
    assert state.proposals[trees].comments == 0
    assert len(state.reports) == 3


def test_amendments_from_python():
    city = City(amendments_enabled=True)
    ana, bo = city.register("ana"), city.register("bo")
    trees = city.proposal(ana, "Shade trees")
    emendation = city.act(bo, pr.AmendmentCreated(amendable=trees, title="Shade trees and benches",
                                                  body="Both.")).emendation
    state = city.ledger.state()
    assert [v.id for v in pr.list_proposals(state, city.component, emendations=True)] == [
        emendation]
    assert pr.list_proposals(state, city.component, emendations=True)[0].amends == trees
    city.act(ana, pr.AmendmentAccepted(emendation=emendation))
    accepted = city.state().proposals[trees]
    assert accepted.title == "Shade trees and benches" and accepted.authors == [ana, bo]
    assert city.state().proposals[emendation].amendment_state == "accepted"


def test_merge_and_split_from_python():
    city = City()
    ana, bo = city.register("ana"), city.register("bo")
    a, b = city.proposal(ana, "Trees"), city.proposal(bo, "More trees")
    merged = city.act(city.admin, pr.ProposalsMerged(sources=[a, b], title="Trees for all",
                                                     body="Together.")).proposal
    parts = city.act(city.admin, pr.ProposalSplit(source=merged, parts=[
        pr.ProposalPart(title="Trees north", body="North."),
        pr.ProposalPart(title="Trees south", body="South.")])).parts
    state = city.state()
    assert state.proposals[a].replaced_by == [merged]
    assert state.proposals[merged].sources == [a, b]
    assert state.proposals[merged].replaced_by == [p.proposal for p in parts]
    listed = sorted(v.title for v in pr.list_proposals(city.ledger.state(), city.component))
    assert listed == ["Trees north", "Trees south"]


def test_groups_from_python():
    city = City()
    ana, bo = city.register("ana"), city.register("bo")
    bikes = city.run(space.GroupCreated(nickname="bike-friends", name="Friends of the bicycle"),
                     actor=ana).group
    city.run(space.GroupJoinRequested(group=bikes), actor=bo)
    city.run(space.GroupMemberAdmitted(group=bikes, participant=bo, role="admin"), actor=ana)
    lanes = city.act(bo, pr.ProposalDrafted(title="Bike lanes", body="Lanes."), group=bikes)
    assert city.state().proposals[lanes.proposal].groups == [bikes]
    group = city.ledger.state().groups[bikes]
    assert group.members == {ana: space.GroupRole.admin, bo: space.GroupRole.admin}
    assert city.ledger.state().group_nicknames == {"bike-friends": bikes}
    city.act(bo, pr.ProposalPublished(proposal=lanes.proposal))
    city.open_support()
    outsider = city.register("cy")
    before = unchanged(city.ledger)
    with pytest.raises(ValueError, match="vote-cast is personal"):
        city.act(ana, pr.VoteCast(proposal=lanes.proposal), group=bikes)
    with pytest.raises(participa.StateError, match="not a member of group 'bike-friends'"):
        city.act(outsider, pr.CommentAdded(proposal=lanes.proposal, body="Hi"), group=bikes)
    assert unchanged(city.ledger) == before
    events = city.ledger.events()
    assert [e.event.actor.group for e in events if e.event.actor.group] == [bikes]


def test_copies_from_python():
    city = City()
    ana = city.register("ana")
    trees = city.proposal(ana, "Shade trees")
    city.act(city.admin, pr.ProposalAnswered(proposal=trees, state="accepted", published=True))
    results = city.run(space.ComponentAdded(space=city.space, kind="proposals",
                                            name="Accepted")).component
    copied = city.ledger.execute(pr.ProposalsCopied(source=city.component, state="accepted"),
                                 actor=city.admin, component=results).event.body.payload
    [pair] = copied.copies
    assert pair.original == trees
    state = city.ledger.state()
    copy = pr.state_of(state, results).proposals[pair.copy]
    assert (copy.title, copy.copied_from, copy.copied_from_component) == (
        "Shade trees", trees, city.component)
    assert [(link.component, link.proposal) for link in pr.copies_of(state, trees)] == [
        (results, pair.copy)]
    before = unchanged(city.ledger)
    with pytest.raises(participa.StateError, match="copied here already"):
        city.ledger.execute(pr.ProposalsCopied(source=city.component, state="accepted"),
                            actor=city.admin, component=results)
    assert unchanged(city.ledger) == before
