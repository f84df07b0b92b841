"""participa.components.budgets from Python: a budget vote on a ledger, the selection by a pb
rule, frames, and a pabulib file set up as a budget.

The expected selection is worked out by hand in the test; the frames are checked against
counts made here from the orders.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import participa
from participa import io, space, store
from participa.components import budgets as bu

from test_participation import START

SOURCE = Path(__file__).resolve().parents[2]
SWIECIE = SOURCE / "tests/data/conformance/pabulib/Poland_Swiecie_2023.pb"


class BudgetCity:
    """An organization with one process whose support phase opens a budgets component."""

    def __init__(self, **settings):
        self.clock = store.ManualClock(START)
        self.ledger = store.Ledger(None, clock=self.clock)
        self.admin = self.ledger.execute(space.OrganizationFounded(
            name="Test city", seed=7, founder_nickname="admin", founder_name="City Hall"),
            key="found").event.body.founder
        self.space = self.run(space.SpaceCreated(kind="process", slug="city-2027",
                                                 title="City 2027")).space
        self.support = self.run(space.PhaseAdded(space=self.space, title="Support")).phase
        self.component = self.run(space.ComponentAdded(
            space=self.space, kind="budgets", name="Budgets", settings=settings)).component
        self.run(space.ComponentConfigured(component=self.component, phase=self.support,
                                           settings={"votes_enabled": True}))
        self.run(space.ComponentPublished(component=self.component))
        self.run(space.SpacePublished(space=self.space))

    def run(self, body, actor=None):
        return self.ledger.execute(body, actor=actor or self.admin).event.body

    def act(self, who, payload):
        return self.ledger.execute(payload, actor=who, component=self.component).event.body.payload

    def resident(self, nickname):
        return self.ledger.execute(space.ParticipantRegistered(
            nickname=nickname, display_name=nickname.title())).event.body.participant

    def state(self):
        return bu.state_of(self.ledger.state(), self.component)


def test_a_budget_vote_and_its_selection_from_python():
    city = BudgetCity()
    budget = city.act(city.admin, bu.BudgetAdded(
        title="Parks", total=100, rule=bu.BallotRule(kind="knapsack"))).budget
    a, b, c, d = (city.act(city.admin, bu.ProjectAdded(budget=budget, title=t, cost=cost)).project
                  for t, cost in [("A", 40), ("B", 30), ("C", 50), ("D", 20)])
    city.run(space.PhaseActivated(space=city.space, phase=city.support))
    # Approvals A 4, C 3, B 2, D 1; greedy by approvals (cost satisfaction) takes A (40) and
    # C (90), then neither B (120) nor D (110) fits.
    orders = [[a, c], [a, c], [a, b], [a, b, d], [c]]
    for i, projects in enumerate(orders):
        who = city.resident(f"voter-{i}")
        for project in projects:
            city.act(who, bu.OrderChanged(budget=budget, project=project))
        city.act(who, bu.OrderCheckedOut(budget=budget))
    late = city.resident("late")
    with pytest.raises(ValueError, match="would spend 120 of a total of 100"):
        for project in [a, b, c]:
            city.act(late, bu.OrderChanged(budget=budget, project=project))

    election = bu.election_of(city.state().budgets[budget])
    result = participa.pb.greedy(election)
    assert set(result.selected_ids) == {a, c}

    city.run(space.ComponentConfigured(component=city.component, phase=city.support,
                                       settings={"votes_enabled": False}))
    with pytest.raises(ValueError, match="needs its reason"):
        city.act(city.admin, bu.SelectionRecorded(budget=budget, rule="greedy", selected=[a, b]))
    city.act(city.admin, bu.SelectionRecorded(budget=budget, rule="greedy", selected=[a, b],
                                              reason="C's site is flooded"))
    selection = city.state().budgets[budget].selection
    assert set(selection.computed) == {a, c}
    assert selection.selected == [a, b]

    frame = bu.projects_frame(city.ledger.state(), city.component)
    assert frame.loc[[a, b, c, d], "votes"].tolist() == [4, 2, 3, 1]
    assert frame.loc[[a, b, c, d], "selected"].tolist() == [True, True, False, False]
    assert frame.loc[[a, b, c, d], "computed"].tolist() == [True, False, True, False]
    orders_frame = bu.orders_frame(city.ledger.state(), city.component)
    # Five checked-out orders with 2 + 2 + 2 + 3 + 1 projects, and late's order in progress
    # with A and B.
    assert orders_frame.checked_out.sum() == 10
    assert len(orders_frame) == 12
    assert set(orders_frame.channel) == {"online"}


def test_rule_kinds_by_name_and_bad_rules():
    assert bu.BallotRule(kind="projects-range", minimum_projects=1,
                         maximum_projects=2).kind == bu.RuleKind.projects_range
    with pytest.raises(ValueError, match="RuleKind 'lottery' is not threshold, minimum-projects"):
        bu.RuleKind("lottery")
    with pytest.raises(TypeError, match="incompatible constructor arguments"):
        bu.BallotRule(kind="lottery")
    city = BudgetCity()
    with pytest.raises(ValueError, match="within 0..100"):
        city.act(city.admin, bu.BudgetAdded(title="X", total=10,
                                            rule=bu.BallotRule(threshold_percent=120)))
    with pytest.raises(ValueError, match="workflow"):
        city.run(space.ComponentAdded(space=city.space, kind="budgets", name="Other",
                                      settings={"workflow": "some"}))


def test_a_pabulib_file_becomes_a_budget_and_exports_as_one():
    source = io.read_pabulib(str(SWIECIE))
    city = BudgetCity()
    budget = "5b1f8a52-7c1e-4d1a-9a44-0f3c2d1e8b77"
    for payload in bu.import_payloads(source.instance, budget,
                                      bu.BallotRule(kind="knapsack")):
        city.act(city.admin, payload)
    imported = city.state().budgets[budget]
    assert [p.cost for p in imported.projects] == [p.cost for p in source.instance.projects]
    text = io.write_pabulib(bu.election_of(imported))
    again = io.parse_pabulib(text)
    assert again.instance.budget == source.instance.budget
    assert [p.id for p in again.instance.projects] == [p.id for p in imported.projects]


def test_headings_and_an_incompatible_project_select_per_heading():
    """Consul's districts: North 60 and South 40 in a group where a participant uses one
    heading. Orders: N1, N1, N2, S1, S2, S2; then S2 is marked incompatible. Per heading, the
    most approved first if it fits: North takes N1 (2 approvals, 40) and not N2 (30 > 20
    left); South skips S2 and takes S1 (30)."""
    city = BudgetCity()
    budget = city.act(city.admin, bu.BudgetAdded(
        title="Districts", total=100, rule=bu.BallotRule(kind="knapsack"))).budget
    group = city.act(city.admin, bu.HeadingGroupAdded(budget=budget, title="Districts")).group
    north, south = (city.act(city.admin, bu.HeadingAdded(budget=budget, group=group, title=t,
                                                          money=money)).heading
                    for t, money in [("North", 60), ("South", 40)])
    n1, n2, s1, s2 = (city.act(city.admin, bu.ProjectAdded(budget=budget, title=t, cost=cost,
                                                           heading=h)).project
                      for t, cost, h in [("N1", 40, north), ("N2", 30, north),
                                         ("S1", 30, south), ("S2", 10, south)])
    with pytest.raises(ValueError, match="names its heading"):
        city.act(city.admin, bu.ProjectAdded(budget=budget, title="Nowhere", cost=5))
    city.run(space.PhaseActivated(space=city.space, phase=city.support))
    for i, projects in enumerate([[n1], [n1], [n2], [s1], [s2], [s2]]):
        who = city.resident(f"voter-{i}")
        for project in projects:
            city.act(who, bu.OrderChanged(budget=budget, project=project))
        city.act(who, bu.OrderCheckedOut(budget=budget))
    late = city.resident("late")
    city.act(late, bu.OrderChanged(budget=budget, project=n1))
    with pytest.raises(participa.StateError, match="uses 2 headings of group 'Districts'"):
        city.act(late, bu.OrderChanged(budget=budget, project=s1))
    city.act(city.admin, bu.IncompatibilityMarked(budget=budget, project=s2,
                                                  reason="the land is not the city's"))
    with pytest.raises(participa.StateError, match="can no longer be supported"):
        city.act(city.resident("later"), bu.OrderChanged(budget=budget, project=s2))

    city.run(space.ComponentConfigured(component=city.component, phase=city.support,
                                       settings={"votes_enabled": False}))
    with pytest.raises(ValueError, match="with the consul rule"):
        city.act(city.admin, bu.SelectionRecorded(budget=budget, rule="greedy"))
    city.act(city.admin, bu.SelectionRecorded(budget=budget, rule="consul"))
    state = city.state().budgets[budget]
    assert set(state.selection.selected) == {n1, s1}
    # The same count from the budget's own data, as an analyst reruns it.
    rerun = participa.pb.run("consul", bu.election_of(state), consul=bu.consul_rules(state))
    assert set(rerun.selected_ids) == {n1, s1}
    frame = bu.projects_frame(city.ledger.state(), city.component)
    assert frame.loc[[n1, n2, s1, s2], "heading"].tolist() == ["North", "North", "South", "South"]
    assert frame.loc[[n1, n2, s1, s2], "incompatible"].tolist() == [False, False, False, True]
    assert frame.loc[[n1, n2, s1, s2], "votes"].tolist() == [2, 1, 1, 2]
