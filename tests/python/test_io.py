"""participa.io from Python: readers, writers, JSON and bytes, error types."""

from __future__ import annotations

import numpy as np
import pytest

import participa
from participa import io, tally

from conftest import CONFORMANCE


def test_pabulib_round_trip(swiecie):
    again = io.parse_pabulib(io.write_pabulib(swiecie), "written")
    assert again == swiecie


def test_json_and_bytes_round_trips(swiecie):
    profile = tally.Profile.from_rankings(np.array([[0, 1], [1, -1]]), ["a", "b"])
    result = tally.count("irv", profile)
    pb_result = participa.pb.greedy(swiecie, "cost")
    for name, value in [("profile", profile), ("result", result), ("election", swiecie),
                        ("pb_result", pb_result)]:
        to_json, from_json = getattr(io, f"{name}_to_json"), getattr(io, f"{name}_from_json")
        to_bytes, from_bytes = getattr(io, f"{name}_to_bytes"), getattr(io, f"{name}_from_bytes")
        assert from_json(to_json(value, pretty=True)) == value, name
        assert from_bytes(to_bytes(value)) == value, name
        with pytest.raises(ValueError, match="not a valid"):
            from_json("{")
        with pytest.raises(ValueError, match="not a serialized"):
            from_bytes(b"\xff\xff")


def test_errors_name_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.pb"
    bad.write_text("META\nkey;value\nbudget;lots\n")
    with pytest.raises(ValueError, match="bad.pb:3"):
        io.read_pabulib(str(bad))
    with pytest.raises(ValueError, match="x.soi:"):
        io.parse_preflib("# FILE NAME: x\n1,2\n", "x.soi")


def test_missing_file_is_an_error():
    with pytest.raises((KeyError, ValueError, OSError, RuntimeError), match="no-such-file"):
        io.read_preflib("/no-such-file.soi")


def test_preflib_and_blt_readers():
    debian = io.read_preflib(str(CONFORMANCE / "preflib" / "preflib_data" / "00002-00000001.soi"))
    assert debian.profile.total_weight == 475
    assert debian.metadata
    blt = io.parse_blt("3 1\n1 1 2 0\n1 2 3 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\n", "t.blt")
    assert (blt.seats, blt.title, blt.profile.total_weight) == (1, "T", 2)


def test_rctab_reports_are_json():
    import json

    config = CONFORMANCE / "rctab" / "2015_portland_mayor" / "2015_portland_mayor_config.json"
    reports = io.rctab_reports(str(config))
    assert len(reports) == 1
    assert json.loads(reports[0])["results"]


def test_ballot_files_in_any_format(tmp_path):
    debian = CONFORMANCE / "preflib" / "preflib_data" / "00002-00000001.soi"
    by_extension = io.read_ballot_file(str(debian))
    assert by_extension.format == io.BallotFormat.preflib and by_extension.seats == 0
    assert by_extension.profile == io.read_preflib(str(debian)).profile
    assert io.read_ballot_file(str(debian), "preflib").profile == by_extension.profile
    blt = tmp_path / "two.blt"
    blt.write_text('2 1\n1 1 2 0\n1 2 0\n0\n"A"\n"B"\n"t"\n')
    assert io.read_ballot_file(str(blt)).seats == 1
    with pytest.raises(ValueError, match="cannot tell the format from '.txt'"):
        io.read_ballot_file(str(tmp_path / "ballots.txt"))
    with pytest.raises(ValueError, match="ballot format 'xml' is not preflib, blt, csv or json"):
        io.read_ballot_file(str(debian), "xml")
