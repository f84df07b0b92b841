"""STV from Python: droop's expected results, names for tie orders, BLT files, and refusals."""

import json

import pytest

import participa
from conftest import CONFORMANCE

STV = CONFORMANCE / "stv"


def expected(tag):
    with open(STV / "expected.jsonl", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if json.loads(line)["droop_tag"] == tag]


def test_every_glasgow_ward_elects_as_droop_reports():
    wards = [e for e in expected("scotland-fixed-p5-d5") if "-2007.blt" in e["blt"]]
    assert len(wards) == 21
    for e in wards:
        blt = participa.io.read_blt(STV / "droop" / e["blt"])
        count = participa.tally.stv_file(blt, "scottish")
        assert count["quota"] == e["quota"]
        # droop prints a name with runs of spaces as one
        got = {" ".join(x["name"].split()): x["votes"] for x in count["elected"]}
        want = {" ".join(x["name"].split()): x["votes"] for x in e["elected"]}
        assert got == want, e["blt"]


def test_meek_rational_matches_droop_and_reports_keep_factors():
    for e in expected("meek-o10-rational-d12"):
        blt = participa.io.read_blt(STV / "droop" / e["blt"])
        count = participa.tally.stv_file(blt, "meek", arithmetic="rational", omega=10)
        assert {x["name"]: x["votes"] for x in count["elected"]} == {
            x["name"]: x["votes"] for x in e["elected"]}, e["blt"]
        assert any(step["keep_factors"] for step in count["rounds"])


def test_tie_order_by_name_decides_a_lot():
    blt = participa.io.read_blt(STV / "droop" / "blt" / "42.blt")
    first = participa.tally.stv(blt.profile, "scottish", seats=2)
    reversed_ = participa.tally.stv(blt.profile, "scottish", seats=2,
                                    tie_order=["Helen", "Pollux", "Castor"])
    assert first["defeated"] == ["Pollux"]
    assert reversed_["defeated"] == ["Pollux"]  # Pollux trails at every stage: no lot needed
    meek = participa.tally.stv(blt.profile, "meek", seats=2,
                               tie_order=["Helen", "Pollux", "Castor"])
    assert meek["defeated"] == ["Helen"]
    tie = next(step for step in meek["rounds"] if step["tie"])
    assert tie["tie"] == {"tied": ["Pollux", "Helen"], "order": ["Helen", "Pollux"],
                          "purpose": "elimination"}


def test_refusals_name_the_problem():
    blt = participa.io.read_blt(STV / "droop" / "blt" / "42.blt")
    with pytest.raises(ValueError, match="not an STV rule"):
        participa.tally.stv(blt.profile, "droop")
    with pytest.raises(ValueError, match="one candidate at a time"):
        participa.tally.stv(blt.profile, "scottish", defeat="batch")
    with pytest.raises(ValueError, match="5 decimal places, not 6"):
        participa.tally.stv(blt.profile, "scottish", precision=6)
    with pytest.raises(KeyError, match="'Paris' is not a candidate"):
        participa.tally.stv(blt.profile, "scottish", tie_order=["Paris"])
    with pytest.raises(ValueError, match="at least one"):
        participa.tally.stv(blt.profile, "scottish", seats=0)


def test_droop_options_in_a_file_are_not_applied_silently():
    blt = participa.io.read_blt(STV / "droop" / "blt" / "mpls" / "tie.blt")
    assert blt.counter_options
    with pytest.warns(UserWarning, match=r"\[droop .*\] line is not applied"):
        participa.tally.stv_file(blt, "minneapolis")


def test_blt_file_keeps_droops_lines():
    blt = participa.io.read_blt(STV / "droop" / "blt" / "mpls" / "undeclared.blt")
    assert blt.undeclared == [3]
    count = participa.tally.stv_file(blt, "minneapolis")
    assert count["elected"] == [{"name": "Castor", "votes": "3.0000"},
                                {"name": "Helen", "votes": "2.0000"}]
    assert count["rounds"][1]["action"] == "defeat-undeclared"


@pytest.mark.parametrize("call", ["stv", "stv_file"])
def test_ctrl_c_stops_a_long_rational_meek_count(call):
    """Rational Meek on this ward runs for over a minute; Ctrl-C must stop it, not wait."""
    import os
    import signal
    import threading
    import time

    blt = participa.io.read_blt(
        STV / "droop" / "blt" / "scotland" / "Garscadden-Scotsounhill-2007.blt")
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    started = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        if call == "stv":
            participa.tally.stv(blt.profile, "meek", seats=blt.seats, arithmetic="rational",
                                progress=False)
        else:
            participa.tally.stv_file(blt, "meek", arithmetic="rational")
    timer.join()
    # The count itself needs over a minute; stopping it takes one 50 ms check.
    assert time.monotonic() - started < 10


def test_progress_false_counts_as_without_it():
    blt = participa.io.read_blt(STV / "droop" / "blt" / "scotland" / "Partick-West-2007.blt")
    assert (participa.tally.stv_file(blt, "meek", progress=False)
            == participa.tally.stv_file(blt, "meek"))
