"""Approval committees from Python: abcvoting's committees, the axiom checks with their witness
groups, and refusals."""

import itertools
import json

import numpy as np
import pytest

import participa
from conftest import CONFORMANCE

tally = participa.tally

RULES = {"pav": "pav", "cc": "chamberlin-courant", "seqpav": "sequential-pav",
         "seqcc": "sequential-chamberlin-courant", "seqphragmen": "sequential-phragmen",
         "equal-shares": "equal-shares"}


def instances():
    with open(CONFORMANCE / "abcvoting" / "expected.jsonl", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def profile_of(instance):
    names = [f"c{i}" for i in range(instance["num_cand"])]
    matrix = np.zeros((len(instance["profile"]), len(names)), dtype=bool)
    for row, approved in enumerate(instance["profile"]):
        matrix[row, approved] = 1
    return tally.Profile.from_approval_matrix(matrix, names)


def test_every_rule_elects_one_of_abcvotings_committees():
    rows = instances()
    assert len(rows) == 15
    for instance in rows:
        profile = profile_of(instance)
        for ours, theirs in ((RULES[k], k) for k in RULES):
            expected = {tuple(c) for c in instance[theirs]}
            for seed in range(5):
                result = tally.count(ours, profile, seats=instance["committeesize"],
                                     tie_break="random", seed=seed)
                assert tuple(sorted(result.winners)) in expected, (instance["instance"], ours)


def test_report_policy_gives_the_union_of_optimal_committees():
    for instance in instances():
        profile = profile_of(instance)
        result = tally.count("pav", profile, seats=instance["committeesize"])
        union = set(itertools.chain.from_iterable(instance["pav"]))
        assert set(result.winners) == union
        assert result.tied_winners == (len(instance["pav"]) > 1)


def test_rounds_frame_shows_each_seats_price():
    # 6 voters approve a and b, 4 approve c; 2 seats, 1/5 each: a costs its six 1/6 each.
    builder = tally.ProfileBuilder(["a", "b", "c"], "approval")
    builder.add([0, 1], count=6)
    builder.add([2], count=4)
    profile = builder.build()
    result = tally.count("equal-shares", profile, seats=2, tie_break="candidate-order")
    assert result.winner_names() == ["a", "c"]
    frame = result.rounds_frame()
    first = frame[frame["round"] == 1].set_index("name")
    assert str(first.loc["a", "price"]) == "1/6"
    assert "c" not in first.index  # not affordable in round 1
    assert tally.MethodRegistry.with_builtins().find("equal-shares").measure(0) == "price"


def test_find_violation_names_the_group_left_out():
    builder = tally.ProfileBuilder(["a", "b", "c"], "approval")
    builder.add([0, 1], count=5)
    builder.add([2], count=5)
    profile = builder.build()
    violation = tally.find_violation(profile, ["a", "b"], axiom="jr")
    assert violation.axiom == "jr" and violation.ell == 1
    assert violation.common == [2]
    assert violation.weight == 5
    assert [profile.ballot(i)[0] for i in violation.ballots] == [[2]]
    assert tally.find_violation(profile, ["a", "c"], axiom="ejr") is None
    assert tally.find_violation(profile, [0, 2], seats=2, axiom="pjr") is None


def test_ejr_and_pjr_differ_as_defined():
    builder = tally.ProfileBuilder(["a", "b", "x", "y"], "approval")
    builder.add([0, 1, 2])
    builder.add([0, 1, 3])
    profile = builder.build()
    assert tally.find_violation(profile, ["x", "y"], axiom="pjr") is None
    ejr = tally.find_violation(profile, ["x", "y"], axiom="ejr")
    assert (ejr.ell, ejr.common, ejr.weight) == (2, [0, 1], 2)


def test_refusals():
    builder = tally.ProfileBuilder(["a", "b", "c"], "approval")
    builder.add([0, 1], count=3)
    profile = builder.build()
    with pytest.raises(ValueError, match="exceeds the 3 candidates"):
        tally.count("pav", profile, seats=4)
    with pytest.raises(ValueError, match="neither 'phragmen' nor 'none'"):
        tally.count("equal-shares", profile, seats=2, parameters={"completion": "more"})
    with pytest.raises(KeyError, match="'z' is not a candidate"):
        tally.find_violation(profile, ["z"])
    with pytest.raises(ValueError, match="names a twice"):
        tally.find_violation(profile, ["a", "a"], seats=2)
    with pytest.raises(ValueError, match="axiom"):
        tally.find_violation(profile, ["a"], axiom="fjr")
    builder = tally.ProfileBuilder(["a", "b"], "ranked")
    builder.add([0, 1])
    ranked = builder.build()
    with pytest.raises(ValueError, match="approval or single-choice"):
        tally.find_violation(ranked, ["a"])
