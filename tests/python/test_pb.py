"""participa.pb from Python: elections, rules against pabutools, ballot rules, frames."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest

import participa
from participa import io, pb, tally

from conftest import CONFORMANCE


def small_election():
    """Three projects, budget 100; by hand: greedy by cost-satisfaction per cost takes p1
    (3 supporters) then p3 (2 supporters; p2 no longer fits)."""
    instance = pb.Instance([pb.Project("p1", 60), pb.Project("p2", 50), pb.Project("p3", 30)],
                           100)
    approvals = np.array([[1, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=bool)
    return pb.Election(instance, tally.Profile.from_approval_matrix(approvals,
                                                                    ["p1", "p2", "p3"]))


def test_greedy_by_hand():
    outcome = pb.greedy(small_election(), "cost")
    assert outcome.selected_ids == ["p1", "p3"]
    assert outcome.total_cost == 90 and isinstance(outcome.total_cost, Fraction)
    assert any(step.reason == "does not fit" for step in outcome.rounds)


def test_election_checks_its_parts():
    election = small_election()
    with pytest.raises(ValueError, match="is not project"):
        pb.Election(election.instance, tally.ProfileBuilder(["p3", "p2", "p1"], "approval").build())
    with pytest.raises(ValueError, match="negative cost"):
        pb.Election(pb.Instance([pb.Project("p1", -1)], 10), tally.ProfileBuilder(["p1"], "approval").build())
    with pytest.raises(ValueError, match="vote_type"):
        pb.Instance([], 10, vote_type="plurality")


def test_exact_costs_come_as_fractions():
    project = pb.Project("p", Fraction(1, 3))
    assert project.cost == Fraction(1, 3)
    with pytest.raises(TypeError):
        pb.Project("p", 0.5)


def test_values_pickle_and_copy(copy_fn, swiecie):
    assert copy_fn(swiecie) == swiecie
    outcome = pb.equal_shares(swiecie, "cost", "add1")
    assert copy_fn(outcome) == outcome
    assert copy_fn(swiecie.instance) == swiecie.instance
    assert copy_fn(swiecie.instance.projects[0]) == swiecie.instance.projects[0]
    order = copy_fn(pb.TieBreak("permutation", permutation=[1, 0]))
    assert (order.policy, order.permutation) == (pb.TieBreakPolicy.permutation, [1, 0])
    rules = copy_fn(pb.DecidimRules(threshold_percent=70))
    assert rules.threshold_percent == 70
    consul = copy_fn(pb.ConsulRules(style=pb.ConsulRules.Style.approval, max_votes=3,
                                    heading_money={"": Fraction(10)}))
    assert (consul.max_votes, consul.heading_money) == (3, {"": 10})


def test_swiecie_official_outcome(swiecie):
    # The city's own `selected` column, decided by equal shares with add-one.
    official = pb.official(swiecie)
    chosen = {p.id for p in swiecie.instance.projects if p.fields.get("selected") == "1"}
    assert set(official.selected_ids) == chosen
    assert official.total_cost == 1040337


def test_supporters_are_the_voters_who_gave_positive_points():
    # v1 gives p1 3 points and p2 none; v2 gives p2 2 and p1 1; v3 gives p1 2.
    election = io.parse_pabulib(
        "META\nkey;value\nbudget;10\nvote_type;cumulative\nmax_sum_points;3\n"
        "PROJECTS\nproject_id;cost\np1;4\np2;5\n"
        "VOTES\nvoter_id;vote;points\nv1;p1,p2;3,0\nv2;p2,p1;2,1\nv3;p1;2\n")
    projects = election.projects_frame()
    assert projects.supporters.to_dict() == {"p1": 3, "p2": 1}
    assert projects.points.to_dict() == {"p1": 6, "p2": 2}
    compared = json.loads(io.pb_comparison_json(election, {}))
    assert {p["id"]: p["supporters"] for p in compared["projects"]} == {"p1": 3, "p2": 1}


def test_frames(swiecie):
    outcome = pb.equal_shares(swiecie, "cost", "add1")
    projects = swiecie.projects_frame(outcome)
    assert projects.index.name == "id" and len(projects) == 22
    assert projects.selected.sum() == len(outcome.selected)
    assert projects.loc["c1", "cost"] == 68000
    # supporters counted from the profile's CSR arrays equal the file's own `votes` column
    votes = {p.id: int(p.fields["votes"]) for p in swiecie.instance.projects}
    assert projects.supporters.to_dict() == votes
    rounds = outcome.rounds_frame()
    assert rounds.project.tolist()[: len(outcome.selected)] == outcome.selected_ids
    assert isinstance(rounds.price.iloc[0], Fraction)
    assert rounds.density.isna().all() and rounds.load.isna().all()
    with pytest.raises(ValueError, match="not one of this election"):
        small_election().projects_frame(outcome)


def test_share_with_a_funded_project(swiecie):
    share = pb.share_with_a_funded_project(swiecie, pb.greedy(swiecie, "cost"))
    assert isinstance(share, Fraction) and 0 < share <= 1


def test_rule_arguments_are_checked(swiecie):
    with pytest.raises(ValueError, match="satisfaction"):
        pb.greedy(swiecie, "happiness")
    with pytest.raises(ValueError):
        pb.equal_shares(swiecie, "cost", "add2")
    with pytest.raises(TypeError):
        pb.greedy(swiecie, 3)


def test_ballot_rules(swiecie):
    instance = small_election().instance
    decidim = pb.VotingSnapshot.freeze(instance, pb.DecidimRules(threshold_percent=80))
    decidim.validate([0, 2])  # 90 of 100
    with pytest.raises(ValueError, match="80"):
        decidim.validate([2])
    consul = pb.VotingSnapshot.freeze(instance, pb.ConsulRules(incompatible={"p2"}))
    with pytest.raises(participa.StateError, match="p2"):
        consul.validate([1])
    with pytest.raises(ValueError):
        pb.VotingSnapshot.freeze(instance, pb.DecidimRules(threshold_percent=120))
    with pytest.raises(TypeError):
        pb.VotingSnapshot.freeze(instance, "decidim")


RULES = {
    "greedy_cost": lambda e: pb.greedy(e, "cost"),
    "greedy_card": lambda e: pb.greedy(e, "cardinality"),
    "mes_cost": lambda e: pb.equal_shares(e, "cost"),
    "mes_card": lambda e: pb.equal_shares(e, "cardinality"),
    "seq_phragmen": lambda e: pb.phragmen(e),
}


def _pabutools_lines():
    with open(CONFORMANCE / "pabulib" / "expected.jsonl") as lines:
        for line in lines:
            doc = json.loads(line)
            if doc["rule"] in RULES and doc["n_voters"] <= 20000:
                yield doc["file"], doc["rule"], sorted(doc["selected"])


PABUTOOLS = list(_pabutools_lines())


def test_pabutools_lines_are_read():
    assert len(PABUTOOLS) >= 20


@pytest.mark.parametrize("file, rule, selected", PABUTOOLS)
def test_rules_match_pabutools(file, rule, selected):
    election = participa.io.read_pabulib(str(CONFORMANCE / "pabulib" / file))
    assert sorted(RULES[rule](election).selected_ids) == selected


def test_consul_skips_incompatible_projects():
    """Approvals p1 3, p2 2, p3 2 in one heading of 100: p1 is incompatible, so p2 (50) and
    then p3 (30) win."""
    rules = pb.ConsulRules(incompatible={"p1"})
    outcome = pb.consul(small_election(), rules)
    assert outcome.selected_ids == ["p2", "p3"]
    assert outcome.rounds[0].reason == "incompatible: never wins"
    with pytest.raises(ValueError, match="nope"):
        pb.consul(small_election(), pb.ConsulRules(incompatible={"nope"}))


def test_rules_by_name(swiecie):
    assert pb.rules() == ["consul", "equal-shares", "greedy", "max-welfare", "official",
                          "phragmen"]
    assert pb.run("equal-shares", swiecie, completion="add1") == pb.equal_shares(
        swiecie, "cost", "add1")
    assert pb.run("phragmen", swiecie) == pb.phragmen(swiecie)
    with pytest.raises(ValueError, match="rule 'greedy' takes no completion option"):
        pb.run("greedy", swiecie, completion="add1")
    with pytest.raises(ValueError, match="rule 'phragmen' takes no satisfaction option"):
        pb.run("phragmen", swiecie, satisfaction="cost")
    with pytest.raises(KeyError, match="unknown rule 'lottery'"):
        pb.run("lottery", swiecie)


def test_the_satisfaction_fits_the_votes_by_default():
    # Mechanical Turk "Utilities" is cumulative: points, not cost, is the satisfaction that fits.
    utilities = participa.io.read_pabulib(
        str(CONFORMANCE / "pabulib" / "Worldwide_Mechanical_Turk_Utilities_3.pb"))
    assert pb.natural_satisfaction(utilities.instance.vote_type) == pb.Satisfaction.points
    assert pb.greedy(utilities) == pb.greedy(utilities, "points")
    assert dict(pb.equal_shares(utilities).parameters)["satisfaction"] == "points"
    with pytest.raises(ValueError, match="cost satisfaction needs approval votes"):
        pb.greedy(utilities, "cost")


def test_each_rule_names_its_number(swiecie):
    assert pb.greedy(swiecie).rounds[0].density is not None
    assert pb.phragmen(swiecie).rounds[0].load is not None
    assert pb.phragmen(swiecie).rounds[0].approvals > 0
    first = pb.equal_shares(swiecie).rounds[0]
    assert first.price is not None and first.payers > 0 and first.density is None


@pytest.mark.parametrize("call", ["equal_shares", "run"])
def test_ctrl_c_stops_a_long_equal_shares_run(call, long_add_one):
    """An add-one completion of seconds; Ctrl-C must stop it, not wait."""
    import os
    import signal
    import threading
    import time

    election = participa.io.read_pabulib(str(long_add_one))
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    started = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        if call == "run":
            participa.pb.run("equal-shares", election, satisfaction="cost", completion="add1")
        else:
            participa.pb.equal_shares(election, "cost", "add1")
    timer.join()
    # The run itself needs seconds; stopping it takes one 50 ms check.
    assert time.monotonic() - started < 10


def test_an_increment_raises_budgets_in_larger_steps(swiecie):
    by_units = pb.equal_shares(swiecie, "cost", "add1")
    by_fifty = pb.equal_shares(swiecie, "cost", "add1", increment=50)
    assert by_fifty == pb.run("equal-shares", swiecie, completion="add1", increment=50)
    assert by_fifty.budget_increments % 50 == 0
    assert ("increment", "50") in by_fifty.parameters
    assert ("increment", "1") not in by_units.parameters
    with pytest.raises(ValueError, match="completion 'none' raises no budget"):
        pb.equal_shares(swiecie, "cost", "none", increment=50)
    with pytest.raises(ValueError, match="takes no increment option"):
        pb.run("greedy", swiecie, increment=50)
