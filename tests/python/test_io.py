"""participa.io from Python: readers, writers, JSON and bytes, error types."""

from __future__ import annotations

import os

import numpy as np
import pytest

import participa
from participa import io, tally

from conftest import CONFORMANCE


def test_pabulib_round_trip(swiecie):
    again = io.parse_pabulib(io.write_pabulib(swiecie), "written")
    assert again == swiecie


@pytest.mark.parametrize("vote_type", ["approval", "cumulative", "ordinal"])
def test_an_election_built_in_code_reads_back(vote_type):
    from fractions import Fraction

    pb = participa.pb
    projects = [pb.Project("p1", Fraction(5, 2), name="Park; benches", categories=["green"]),
                pb.Project("p2", 4), pb.Project("p3", Fraction(1, 8))]
    ballots = {"approval": ([0, 2], None), "cumulative": ([0, 1], [3, 2]),
               "ordinal": ([2, 0, 1], None)}[vote_type]
    kind = {"approval": "approval", "cumulative": "cumulative", "ordinal": "ranked"}[vote_type]
    builder = tally.ProfileBuilder(["p1", "p2", "p3"], kind)
    builder.add(ballots[0], ballots[1] or [], count=3)
    profile = builder.build()
    election = pb.Election(pb.Instance(projects, Fraction(13, 2), vote_type=vote_type), profile)
    again = io.parse_pabulib(io.write_pabulib(election), "written")
    assert again.instance.budget == Fraction(13, 2)
    assert again.instance.vote_type == election.instance.vote_type
    assert [(p.id, p.cost, p.name, p.categories) for p in again.instance.projects] == [
        (p.id, p.cost, p.name, p.categories) for p in projects]
    assert again.profile == profile


def test_write_pabulib_refuses_what_the_format_cannot_say():
    from fractions import Fraction

    pb = participa.pb
    builder = tally.ProfileBuilder(["p1"], "approval")
    builder.add([0])
    profile = builder.build()
    third = pb.Election(pb.Instance([pb.Project("p1", Fraction(1, 3))], 1), profile)
    with pytest.raises(ValueError, match="no decimal form"):
        io.write_pabulib(third)


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


def test_a_file_that_cannot_be_opened_raises_os_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no-such-file.soi: cannot open the file"):
        io.read_preflib("/no-such-file.soi")
    with pytest.raises(FileNotFoundError):
        io.read_pabulib(str(tmp_path / "missing.pb"))
    with pytest.raises(FileNotFoundError):
        io.read_ballot_file(str(tmp_path / "missing.blt"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root opens any file: no PermissionError to provoke")
def test_a_file_without_permission_raises_permission_error(tmp_path):
    locked = tmp_path / "locked.soi"
    locked.write_text("x")
    locked.chmod(0)
    with pytest.raises(PermissionError):
        io.read_preflib(str(locked))


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


def test_rctab_reports_by_precinct_and_batch_match_rctab(tmp_path):
    """RCTab's own precinct and batch reports of its generic CSV case, read with Python's csv
    module: the votes of every candidate in every round, and the ballots of each slice."""
    import csv
    import json

    case = CONFORMANCE / "rctab" / "generic_csv_test"
    config = case / "generic_csv_test_config.json"
    slices = io.rctab_slice_reports(str(config))
    assert [(kind, name) for _, kind, name, _ in slices] == [
        ("precinct", "p1"), ("precinct", "p2"), ("precinct", "no precinct id"),
        ("batch", "b1"), ("batch", "b2"), ("batch", "no batch id")]
    for _, kind, name, text in slices:
        report = json.loads(text)
        assert report["config"][kind] == name and "threshold" not in report["results"][0]
        folder = "Tabulate by Precinct" if kind == "precinct" else "Tabulate by Batch"
        expected_csv = case / folder / (
            f"generic_csv_test_expected_{name.replace(' ', '_')}_{kind}_detailed_report.csv")
        with expected_csv.open(newline="") as lines:
            rows = {row[0]: row[1:] for row in csv.reader(lines) if row}
        assert int(rows["Total Number of Ballots"][0]) == int(report["summary"]["totalNumBallots"])
        for number, result in enumerate(report["results"]):
            for candidate in ("Lettuce", "Broccoli", "Cucumber", "Cauliflower",
                              "Undeclared Write-ins"):
                expected = int(rows[candidate][3 * number])
                assert int(result["tally"].get(candidate, "0")) == expected, (name, candidate)
    written = io.run_rctab(str(config), output_dir=str(tmp_path))
    assert sorted(p.split("/")[-1] for p in written) == sorted([
        "generic_csv_test_detailed_report.json",
        "generic_csv_test_p1_precinct_detailed_report.json",
        "generic_csv_test_p2_precinct_detailed_report.json",
        "generic_csv_test_no_precinct_id_precinct_detailed_report.json",
        "generic_csv_test_b1_batch_detailed_report.json",
        "generic_csv_test_b2_batch_detailed_report.json",
        "generic_csv_test_no_batch_id_batch_detailed_report.json"])
    assert io.rctab_slice_reports(
        str(CONFORMANCE / "rctab" / "2015_portland_mayor" / "2015_portland_mayor_config.json")) == []


def test_rctab_precincts_and_batches_of_cdf_records(tmp_path):
    """CDF records name their precinct through BallotStyleUnitId (a GpUnit, reported by its
    Name) and their batch through BatchId. By hand: North Ana, Ana, Ben; South Ben, Ana; batch 7
    Ana, Ana; batch 8 Ben, Ben, Ana. Ana has 3 of 5 and wins in round 1."""
    import json

    def cvr(unit, batch, candidate):
        return {"BallotStyleUnitId": unit, "BatchId": batch, "CurrentSnapshotId": "s",
                "CVRSnapshot": [{"@id": "s", "CVRContest": [{"ContestId": "c", "CVRContestSelection": [
                    {"ContestSelectionId": candidate, "SelectionPosition": [
                        {"Rank": 1, "HasIndication": "yes"}]}]}]}]}

    records = [cvr("u1", "7", "sa"), cvr("u1", "7", "sa"), cvr("u1", "8", "sb"),
               cvr("u2", "8", "sb"), cvr("u2", "8", "sa")]
    (tmp_path / "cvr.json").write_text(json.dumps({
        "Election": [{"Candidate": [{"@id": "a", "Name": "Ana"}, {"@id": "b", "Name": "Ben"}],
                      "Contest": [{"@id": "c", "ContestSelection": [
                          {"@id": "sa", "CandidateIds": ["a"]}, {"@id": "sb", "CandidateIds": ["b"]}]}]}],
        "GpUnit": [{"@id": "u1", "Name": "North"}, {"@id": "u2", "Name": "South"}],
        "CVR": records}))
    (tmp_path / "t_config.json").write_text(json.dumps({
        "outputSettings": {"contestName": "t", "tabulateByPrecinct": True, "tabulateByBatch": True},
        "cvrFileSources": [{"filePath": "cvr.json", "provider": "cdf", "contestId": "c"}],
        "candidates": [{"name": "Ana"}, {"name": "Ben"}],
        "rules": {"tiebreakMode": "useCandidateOrder", "overvoteRule": "exhaustImmediately",
                  "winnerElectionMode": "singleWinnerMajority", "numberOfWinners": "1",
                  "maxRankingsAllowed": "max", "maxSkippedRanksAllowed": "1"}}))
    slices = {(kind, name): json.loads(text)["results"][0]["tally"]
              for _, kind, name, text in io.rctab_slice_reports(str(tmp_path / "t_config.json"))}
    assert slices == {("precinct", "North"): {"Ana": "2", "Ben": "1"},
                      ("precinct", "South"): {"Ana": "1", "Ben": "1"},
                      ("batch", "7"): {"Ana": "2", "Ben": "0"},
                      ("batch", "8"): {"Ana": "1", "Ben": "2"}}


def test_rctab_precinct_of_cdf_xml_records(tmp_path):
    import json

    record = ("<CVR><BallotStyleUnitId>{}</BallotStyleUnitId><CurrentSnapshotId>x</CurrentSnapshotId>"
              "<CVRSnapshot ObjectId=\"x\"><CVRContest><ContestId>k1</ContestId><CVRContestSelection>"
              "<ContestSelectionId>s-ana</ContestSelectionId><Rank>1</Rank></CVRContestSelection>"
              "</CVRContest></CVRSnapshot></CVR>")
    (tmp_path / "cvr.xml").write_text(
        "<?xml version=\"1.0\"?><CastVoteRecordReport><Election>"
        "<Candidate ObjectId=\"c-ana\"><Name>Ana</Name></Candidate><Contest ObjectId=\"k1\">"
        "<Name>Mayor</Name><ContestSelection ObjectId=\"s-ana\"><CandidateIds>c-ana</CandidateIds>"
        "</ContestSelection></Contest></Election>"
        "<GpUnit ObjectId=\"u1\"><Name>North</Name></GpUnit><GpUnit ObjectId=\"u2\"><Name>South</Name></GpUnit>"
        + record.format("u1") + record.format("u2") + record.format("u2") + "</CastVoteRecordReport>")
    (tmp_path / "t_config.json").write_text(json.dumps({
        "outputSettings": {"contestName": "t", "tabulateByPrecinct": True},
        "cvrFileSources": [{"filePath": "cvr.xml", "provider": "cdf", "contestId": "Mayor"}],
        "candidates": [{"name": "Ana"}],
        "rules": {"tiebreakMode": "useCandidateOrder", "overvoteRule": "exhaustImmediately",
                  "winnerElectionMode": "singleWinnerMajority", "numberOfWinners": "1",
                  "maxRankingsAllowed": "max", "maxSkippedRanksAllowed": "1"}}))
    slices = {name: json.loads(text)["summary"]["totalNumBallots"]
              for _, _, name, text in io.rctab_slice_reports(str(tmp_path / "t_config.json"))}
    assert slices == {"North": "1", "South": "2"}


RULES = {"tiebreakMode": "useCandidateOrder", "overvoteRule": "exhaustImmediately",
         "winnerElectionMode": "singleWinnerMajority", "numberOfWinners": "1",
         "maxRankingsAllowed": "max", "maxSkippedRanksAllowed": "1"}


def slice_ballots(config, cvr_root=""):
    import json

    return {(kind, name): json.loads(text)["summary"]["totalNumBallots"]
            for _, kind, name, text in io.rctab_slice_reports(str(config), cvr_root)}


def test_rctab_precincts_and_batches_of_hart_sheets(tmp_path):
    """Hart: a sheet's precinct is its PrecinctSplit's Name, its batch its BatchNumber. "P 1" and
    "P_1" are different precincts whose file-safe names agree: the second file gets a number."""
    import json

    sheet = ("<Cvr><BatchNumber>{batch}</BatchNumber><PrecinctSplit><Name>{precinct}</Name>"
             "<Id>x</Id></PrecinctSplit><Contests><Contest><Id>c1</Id><Options><Option>"
             "<Id>id-ana</Id><Value>1</Value></Option></Options></Contest></Contests></Cvr>")
    (tmp_path / "hart").mkdir()
    for n, (precinct, batch) in enumerate([("P 1", "3"), ("P_1", "4"), ("P 2", "4")]):
        (tmp_path / "hart" / f"{n}.xml").write_text(sheet.format(batch=batch, precinct=precinct))
    (tmp_path / "t_config.json").write_text(json.dumps({
        "outputSettings": {"contestName": "t", "tabulateByPrecinct": True, "tabulateByBatch": True},
        "cvrFileSources": [{"filePath": "hart", "provider": "hart", "contestId": "c1"}],
        "candidates": [{"name": "Ana", "aliases": ["id-ana"]}], "rules": RULES}))
    assert slice_ballots(tmp_path / "t_config.json") == {
        ("precinct", "P 1"): "1", ("precinct", "P_1"): "1", ("precinct", "P 2"): "1",
        ("batch", "3"): "1", ("batch", "4"): "2"}
    written = io.run_rctab(str(tmp_path / "t_config.json"), output_dir=str(tmp_path / "out"))
    assert sorted(p.split("/")[-1] for p in written) == [
        "t_3_batch_detailed_report.json", "t_4_batch_detailed_report.json",
        "t_P_1_2_precinct_detailed_report.json", "t_P_1_precinct_detailed_report.json",
        "t_P_2_precinct_detailed_report.json", "t_detailed_report.json"]
    first = json.loads((tmp_path / "out" / "t_P_1_precinct_detailed_report.json").read_text())
    assert first["config"]["precinct"] == "P 1"


def test_rctab_precincts_and_batches_of_dominion_sessions(tmp_path):
    """Dominion: a ballot's precinct is the PrecinctManifest description of its PrecinctId, its
    batch the session's BatchId; exports without PrecinctId name no precinct."""
    import json

    def session(batch, precinct):
        return {"BatchId": batch, "Original": {"IsCurrent": True, "PrecinctId": precinct,
                "Cards": [{"Contests": [{"Id": 13, "Marks": [
                    {"CandidateId": 27, "Rank": 1, "IsAmbiguous": False}]}]}]}}

    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "ContestManifest.json").write_text(json.dumps({"List": [{"Description": "Mayor", "Id": 13}]}))
    (folder / "CandidateManifest.json").write_text(json.dumps(
        {"List": [{"Description": "Ana", "Id": 27, "ContestId": 13}]}))
    (folder / "PrecinctManifest.json").write_text(json.dumps(
        {"List": [{"Description": "PCT 1101", "Id": 1}, {"Description": "PCT 1102", "Id": 2}]}))
    (folder / "CvrExport_1.json").write_text(json.dumps(
        {"Sessions": [session(892, 1), session(892, 2), session(893, 2)]}))
    (tmp_path / "t_config.json").write_text(json.dumps({
        "outputSettings": {"contestName": "t", "tabulateByPrecinct": True, "tabulateByBatch": True},
        "cvrFileSources": [{"filePath": "d", "provider": "dominion", "contestId": "13"}],
        "candidates": [{"name": "Ana", "aliases": ["27"]}], "rules": RULES}))
    assert slice_ballots(tmp_path / "t_config.json") == {
        ("precinct", "PCT 1101"): "1", ("precinct", "PCT 1102"): "2",
        ("batch", "892"): "2", ("batch", "893"): "1"}
    # RCTab's multi-file Dominion case predates PrecinctId: it has batches, but no precincts.
    case = CONFORMANCE / "rctab" / "dominion_multi_file"
    config = json.loads((case / "dominion_multi_file_config.json").read_text())
    config["outputSettings"]["tabulateByPrecinct"] = True
    config["cvrFileSources"][0]["filePath"] = str(case / config["cvrFileSources"][0]["filePath"])
    (tmp_path / "d_config.json").write_text(json.dumps(config))
    with pytest.raises(ValueError, match="no cast-vote record names a precinct to report by"):
        io.rctab_slice_reports(str(tmp_path / "d_config.json"), cvr_root=str(case))


def test_rctab_precincts_of_clear_ballot_records(tmp_path):
    """Clear Ballot: a record's precinct is its PrecinctID column. RCTab's Kansas primary case,
    reported by precinct: the precincts are the file's and their ballots add up to the contest's."""
    import csv
    import json

    case = CONFORMANCE / "rctab" / "clear_ballot_kansas_primary"
    config = json.loads((case / "clear_ballot_kansas_primary_config.json").read_text())
    config["outputSettings"]["tabulateByPrecinct"] = True
    source = config["cvrFileSources"][0]
    source["filePath"] = str(case / source["filePath"])
    (tmp_path / "k_config.json").write_text(json.dumps(config))
    with open(source["filePath"], newline="") as lines:
        rows = list(csv.DictReader(lines))
    per_precinct = {}
    for row in rows:
        per_precinct[row["PrecinctID"]] = per_precinct.get(row["PrecinctID"], 0) + 1
    ballots = slice_ballots(tmp_path / "k_config.json", str(case))
    assert {name: int(n) for (_, name), n in ballots.items()} == per_precinct
    whole = json.loads(io.rctab_reports(str(tmp_path / "k_config.json"), cvr_root=str(case))[0])
    assert sum(per_precinct.values()) == int(whole["summary"]["totalNumBallots"])


def test_rctab_cdf_export_reads_back_as_a_contest(tmp_path):
    """A configuration asking for generateCdfJson gets the records as NIST CDF JSON beside its
    report; that file, named as a CDF source of the same contest, gives the same report."""
    import json

    case = CONFORMANCE / "rctab" / "test_set_multi_winner_fractional_threshold"
    config = json.loads((case / f"{case.name}_config.json").read_text())
    written = io.run_rctab(str(case / f"{case.name}_config.json"), output_dir=str(tmp_path))
    exported = tmp_path / f"{case.name}_cdf_cvr.json"
    assert str(exported) in written
    document = json.loads(exported.read_text())
    assert len(document["CVR"]) == 30
    first = document["CVR"][0]
    assert first["CurrentSnapshotId"] == first["BallotPrePrintedId"].join(["ballot-", "-round-6"])
    # Where C's surplus left the first ballot: C kept .9063 of it and E received .0937.
    round_3 = first["CVRSnapshot"][3]["CVRContest"][0]["CVRContestSelection"]
    shares = {s["ContestSelectionId"]: s["SelectionPosition"][0].get("FractionalVotes")
              for s in round_3 if s["SelectionPosition"][0]["IsAllocable"] == "yes"}
    assert shares == {"cs-candidate_c_name": ".9063", "cs-candidate_e_name": ".0937"}
    assert io.rctab_cdf_json(str(case / f"{case.name}_config.json"))[0].startswith("{")
    config["cvrFileSources"] = [{"filePath": exported.name, "provider": "cdf",
                                 "contestId": "contest-001"}]
    again = tmp_path / "again_config.json"
    again.write_text(json.dumps(config))
    before = json.loads(io.rctab_reports(str(case / f"{case.name}_config.json"))[0])
    after = json.loads(io.rctab_reports(str(again))[0])
    assert before["results"] == after["results"] and before["summary"] == after["summary"]


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


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be-with-mark", "cr-line-ends"])
def test_unambiguous_encodings_read_as_utf8(tmp_path, encoding):
    text = ("# DATA TYPE: soc\n# ALTERNATIVE NAME 1: Łucja\n# ALTERNATIVE NAME 2: Zoë\n"
            "# NUMBER VOTERS: 3\n2: 1,2\n1: 2,1\n")
    if encoding == "cr-line-ends":
        data = text.replace("\n", "\r").encode()
    elif encoding == "utf-16-be-with-mark":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    path = tmp_path / "t.soc"
    path.write_bytes(data)
    expected = io.parse_preflib(text, "t.soc").profile
    read = io.read_preflib(str(path)).profile
    assert read.candidates == ["Łucja", "Zoë"]
    assert read == expected
