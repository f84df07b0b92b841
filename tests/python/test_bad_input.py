"""The bad-input table: every reader, the command and the Python API, given input they must refuse.

Each row is one damaged, inconsistent, ambiguous or out-of-range input with the error it must
give. A row passes only if the call fails with that error *and* nothing else changed: the
folder it ran in holds exactly the bytes it held before, the command printed nothing on
standard output, and a Python object it was given is equal to a copy taken before the call.
docs/errors.md explains each decision.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pytest

from participa import io, pb, tally

CLI = os.environ.get("PARTICIPA_CLI")


@dataclass
class Row:
    id: str
    files: dict[str, bytes]
    # A command line (after `participa`), or a Python callable given the folder.
    run: list[str] | Callable[[Path], Any]
    # 1 for the command; an exception class for Python.
    expect: int | type[BaseException]
    message: str
    # Python rows that change an object: make(folder) builds it, run(folder, obj) acts on it.
    make: Callable[[Path], Any] | None = None
    links: dict[str, str] = field(default_factory=dict)


ROWS: list[Row] = []


def cli(id, files, args, message, links=None):
    ROWS.append(Row(id, files, args, 1, message, links=links or {}))


def py(id, files, run, expect, message, make=None):
    ROWS.append(Row(id, files, run, expect, message, make))


# --- PrefLib -------------------------------------------------------------------------------
def soc(body="3: 1,2\n", voters="3", orders="1", alternatives="2", extra=""):
    head = "# FILE NAME: t.soc\n# DATA TYPE: soc\n"
    if alternatives is not None:
        head += f"# NUMBER ALTERNATIVES: {alternatives}\n"
    head += "# ALTERNATIVE NAME 1: Ana\n# ALTERNATIVE NAME 2: Ben\n"
    if voters is not None:
        head += f"# NUMBER VOTERS: {voters}\n"
    if orders is not None:
        head += f"# NUMBER UNIQUE ORDERS: {orders}\n"
    return (head + extra + body).encode()


PREFLIB_CASES = [
    ("voters-cut-short", soc(voters="10"), r"t.soc:\d+: the header declares NUMBER VOTERS: 10 but the file has 3"),
    ("orders-cut-short", soc(orders="4"), r"NUMBER UNIQUE ORDERS: 4 but the file has 1 order"),
    ("alternatives-mismatch", soc(alternatives="3"), r"NUMBER ALTERNATIVES: 3 but the file has 2"),
    ("order-ends-with-comma", soc(body="3: 1,\n"), r"t.soc:8: the order ends with ',': it was cut short"),
    ("double-comma", soc(body="3: 1,,2\n"), r"t.soc:8: ',' where an alternative belongs"),
    ("empty-group", soc(body="3: 1,{}\n"), r"t.soc:8: an empty or unfinished"),
    ("unclosed-group", soc(body="3: {1,2\n"), r"t.soc:8: '\{' is not closed"),
    ("close-without-open", soc(body="3: 1,2}\n"), r"t.soc:8: '\}' without '\{'"),
    ("nested-group", soc(body="3: {1,{2}}\n"), r"t.soc:8: nested '\{'"),
    ("undeclared-alternative", soc(body="3: 1,9\n"), r"t.soc:8: alternative 9 is not declared"),
    ("alternative-not-a-number", soc(body="3: 1,x\n"), r"t.soc:8: 'x' is not an alternative"),
    ("count-not-a-number", soc(body="three: 1,2\n"), r"t.soc:8: 'three' is not a count"),
    ("negative-count", soc(body="-3: 1,2\n"), r"t.soc:8: '-3' is not a count"),
    ("count-over-64-bits", soc(body="18446744073709551616: 1,2\n"), r"'18446744073709551616' is not a count"),
    ("order-without-colon", soc(body="3 1,2\n"), r"t.soc:8: an order needs 'count: alternatives'"),
    ("header-after-orders", soc(body="3: 1,2\n# TITLE: late\n"), r"t.soc:9: a header line follows the orders"),
    ("no-orders", soc(body=""), r"t.soc:\d+: no orders"),
    ("alternative-ranked-twice", soc(body="3: 1,1\n"), r"t.soc:8: a ballot marks 'Ana' twice"),
    ("header-key-twice", soc(extra="# DATA TYPE: toc\n"), r"the header gives DATA TYPE twice"),
    ("voters-not-a-number", soc(voters="ten"), r"NUMBER VOTERS 'ten' is not a number"),
    ("alternative-named-twice", soc(extra="# ALTERNATIVE NAME 2: Bea\n"), r"alternative 2 is named twice"),
    ("latin-1-name", soc().replace(b"Ana", b"An\xe1"), r"t.soc:4: byte 0xE1 at column 25 is not UTF-8"),
    ("nul-bytes", soc() + b"\x00", r"NUL bytes"),
    ("utf-16-without-mark", soc().decode().encode("utf-16-le"), r"NUL bytes"),
    ("no-alternatives", b"# DATA TYPE: soc\n3: 1,2\n", r"orders come before any ALTERNATIVE NAME"),
]
for name, text, message in PREFLIB_CASES:
    cli(f"preflib-cli-{name}", {"t.soc": text}, ["tally", "t.soc"], message)
for name, text, message in PREFLIB_CASES[:8]:
    py(f"preflib-py-{name}", {"t.soc": text}, lambda d: io.read_preflib(str(d / "t.soc")),
       ValueError, message)

# --- BLT -----------------------------------------------------------------------------------
NAMES = b'"Ana" "Ben" "Cy"\n"Title"\n'
BLT_CASES = [
    ("withdrawn-twice", b"3 1\n-2 -2\n1 1 0\n0\n" + NAMES, r"t.blt:2: candidate 2 is withdrawn twice"),
    ("withdrawn-unknown", b"3 1\n-7\n1 1 0\n0\n" + NAMES, r"t.blt:2: withdrawn candidate 7 does not exist"),
    ("withdrawals-leave-too-few", b"3 2\n-1 -3\n1 2 0\n0\n" + NAMES, r"2 seats for 1 candidates left once 2 are withdrawn"),
    ("withdrawn-after-ballots", b"3 1\n1 1 0\n-2\n0\n" + NAMES, r"t.blt:3: withdrawn candidates must come first"),
    ("more-seats-than-candidates", b"3 4\n1 1 0\n0\n" + NAMES, r"4 seats for 3 candidates is out of range"),
    ("no-candidates", b"0 1\n0\n", r"0 candidates is out of range"),
    ("ballot-without-end", b"3 1\n1 1 2\n", r"a ballot does not end with 0"),
    ("candidate-out-of-range", b"3 1\n1 4 0\n0\n" + NAMES, r"t.blt:2: '4' is not a candidate number"),
    ("candidate-twice", b"3 1\n1 1 1 0\n0\n" + NAMES, r"t.blt:2: a ballot marks 'Ana' twice"),
    ("names-missing", b"3 1\n1 1 0\n0\n\"Ana\"\n", r"expected 3 candidate names, found 1"),
    ("unquoted-name", b"3 1\n1 1 0\n0\nAna Ben Cy\n", r"'Ana' is not a quoted name"),
    ("unclosed-quote", b"3 1\n1 1 0\n0\n\"Ana\n", r"a quoted name is not closed"),
    ("weight-not-a-number", b"3 1\nx 1 0\n0\n" + NAMES, r"t.blt:2: 'x' is not a ballot weight"),
    ("ballots-without-end", b"3 1\n1 1 0\n", r"the ballots do not end with 0"),
    ("latin-1-name", b"3 1\n1 1 0\n0\n\"Jos\xe9\" \"Ben\" \"Cy\"\n", r"t.blt:4: byte 0xE9 at column 5 is not UTF-8"),
    ("header-missing", b"", r"the file ends before the number of candidates"),
]
for name, text, message in BLT_CASES:
    cli(f"blt-cli-{name}", {"t.blt": text}, ["tally", "t.blt", "-m", "irv"], message)
for name, text, message in BLT_CASES[:4]:
    py(f"blt-py-{name}", {"t.blt": text}, lambda d: io.read_blt(str(d / "t.blt")), ValueError, message)

# --- ranked CSV ----------------------------------------------------------------------------
CSV_CASES = [
    ("no-header", b"", r"no header row"),
    ("header-only", b"r1,r2\n", r"no candidate is ranked"),
    ("count-not-a-number", b"count,r1\nmany,Ana\n", r"t.csv:2: 'many' is not a count"),
    ("ranked-twice", b"r1,r2\nAna,Ana\n", r"t.csv:2: ranks 'Ana' twice"),
    ("empty-equal-name", b"r1\nAna==Ben\n", r"t.csv:2: 'Ana==Ben' has an empty name"),
    ("unclosed-quote", b"r1\n\"Ana\n", r"t.csv:2: a quoted field is not closed"),
    ("latin-1-name", b"r1,r2\nAna,Z\xf6e\n", r"t.csv:2: byte 0xF6 at column 6 is not UTF-8"),
    ("windows-1252-quote", b"r1\n\x93Ana\x94\n", r"t.csv:2: byte 0x93 at column 1 is not UTF-8"),
]
for name, text, message in CSV_CASES:
    cli(f"csv-cli-{name}", {"t.csv": text}, ["tally", "t.csv"], message)
py("csv-py-latin-1-from-bytes", {}, lambda d: io.parse_ranked_csv(b"r1\nZ\xf6e\n", "t.csv"),
   ValueError, r"t.csv:2: byte 0xF6")


# --- pabulib -------------------------------------------------------------------------------
def pabulib(meta=None, projects=None, votes=None, vote_type="approval", votes_header="voter_id;vote"):
    meta = meta if meta is not None else [
        "budget;100", f"vote_type;{vote_type}", "num_projects;2", "num_votes;2"]
    projects = projects if projects is not None else ["p1;60", "p2;50"]
    votes = votes if votes is not None else ["v1;p1", "v2;p1,p2"]
    return ("META\nkey;value\n" + "".join(m + "\n" for m in meta)
            + "PROJECTS\nproject_id;cost\n" + "".join(p + "\n" for p in projects)
            + f"VOTES\n{votes_header}\n" + "".join(v + "\n" for v in votes)).encode()


CUMULATIVE = dict(vote_type="cumulative", votes_header="voter_id;vote;points",
                  votes=["v1;p1;3", "v2;p1,p2;1,2"])
PABULIB_CASES = [
    ("votes-cut-short", pabulib(votes=["v1;p1"]), r"t.pb:\d+: META declares num_votes 2 but the file has 1"),
    ("projects-mismatch", pabulib(projects=["p1;60", "p2;50", "p3;10"]), r"META declares num_projects 2 but the file has 3"),
    ("voter-twice", pabulib(votes=["v1;p1", "v1;p2"]), r"t.pb:14: voter 'v1' votes twice"),
    ("budget-twice", pabulib(meta=["budget;100", "budget;900", "vote_type;approval"]), r"t.pb:4: META gives 'budget' twice"),
    ("choose-1-with-two", pabulib(vote_type="choose-1"), r"t.pb:14: voter 'v2' chooses 2 projects in a choose-1 vote"),
    ("negative-cumulative", pabulib(**{**CUMULATIVE, "votes": ["v1;p1;3", "v2;p1,p2;-1,2"]}), r"t.pb:14: voter 'v2' gives -1 points"),
    ("points-not-aligned", pabulib(**{**CUMULATIVE, "votes": ["v1;p1;3", "v2;p1,p2;1"]}), r"voter 'v2' has 2 projects but 1 points"),
    ("points-not-whole", pabulib(**{**CUMULATIVE, "votes": ["v1;p1;3", "v2;p1,p2;1.5,2"]}), r"points '1.5' are not a whole number"),
    ("cumulative-without-points", pabulib(vote_type="cumulative"), r"cumulative votes need a points column"),
    ("unknown-project", pabulib(votes=["v1;p1", "v2;p9"]), r"t.pb:14: voter 'v2' votes for unknown project 'p9'"),
    ("project-twice", pabulib(projects=["p1;60", "p1;50"]), r"t.pb:10: project 'p1' is listed twice"),
    ("negative-cost", pabulib(projects=["p1;60", "p2;-5"]), r"project 'p2' has cost '-5', not a non-negative number"),
    ("budget-not-a-number", pabulib(meta=["budget;lots", "vote_type;approval"]), r"t.pb:3: budget 'lots' is not a non-negative number"),
    ("no-budget", pabulib(meta=["vote_type;approval"]), r"META has no budget"),
    ("no-vote-type", pabulib(meta=["budget;100"]), r"META has no vote_type"),
    ("unknown-vote-type", pabulib(meta=["budget;100", "vote_type;plurality"]), r"vote_type 'plurality'"),
    ("mark-twice-with-points", pabulib(**{**CUMULATIVE, "votes": ["v1;p1;3", "v2;p2,p2;1,2"]}), r"t.pb:14: voter 'v2': a ballot marks 'p2' twice"),
    ("section-twice", pabulib() + b"META\nkey;value\n", r"section META appears twice"),
    # Found by fuzzing: a VOTES line ending the file was read as an empty section without a
    # header, which the writer then gave one, so the file did not read back the same.
    ("votes-without-header", b"META\nkey;value\nbudget;100\nvote_type;approval\n"
     b"PROJECTS\nproject_id;cost\np1;60\nVOTES\n", r"t.pb:\d+: VOTES has no header row"),
    ("projects-without-header", b"META\nkey;value\nbudget;100\nvote_type;approval\n"
     b"PROJECTS\nVOTES\nvoter_id;vote\n", r"t.pb:6: PROJECTS has no header row"),
    ("meta-without-header", pabulib().replace(b"key;value\n", b""),
     r"t.pb:2: META's first row must be its header key;value"),
    ("project-row-short", pabulib(projects=["p1;60", "p2"]), r"a project row has 1 fields; the header has 2"),
    ("vote-row-long", pabulib(votes=["v1;p1", "v2;p1;x"]), r"a vote row has 3 fields; the header has 2"),
    ("no-vote-column", pabulib(votes_header="voter_id;choice"), r"VOTES needs the columns voter_id and vote"),
    ("line-before-sections", b"hello\n" + pabulib(), r"t.pb:1: expected META, PROJECTS or VOTES"),
    ("unclosed-quote", pabulib(projects=["p1;60", "p2;\"50"]), r"a quoted field is not closed"),
    ("latin-1", pabulib(projects=["p1;60", "p\xe9;50"]).replace("p\xe9".encode(), b"p\xe9"), r"is not UTF-8"),
    ("no-votes-section", pabulib()[:pabulib().index(b"VOTES")], r"no VOTES section: the file ends early"),
]
for name, text, message in PABULIB_CASES:
    cli(f"pabulib-cli-{name}", {"t.pb": text}, ["pb", "t.pb", "--rule", "greedy"], message)
cli("pabulib-cli-strict-mark-twice", {"t.pb": pabulib(votes=["v1;p1", "v2;p2,p2"])},
    ["pb", "t.pb", "--rule", "greedy", "--strict"], r"t.pb:14: voter 'v2': a ballot marks 'p2' twice")
py("pabulib-py-strict-mark-twice", {"t.pb": pabulib(votes=["v1;p1", "v2;p2,p2"])},
   lambda d: io.read_pabulib(str(d / "t.pb"), strict=True), ValueError, r"marks 'p2' twice")
for name, text, message in PABULIB_CASES[:6]:
    py(f"pabulib-py-{name}", {"t.pb": text}, lambda d: io.read_pabulib(str(d / "t.pb")), ValueError, message)

# --- RCTab ---------------------------------------------------------------------------------
CVR = b"id,Ana,Ben,Cy\nr1,1,2,\nr2,2,1,\nr3,,1,2\n"


def rctab_config(source=None, rules=None, candidates=None, drop=None, output=None):
    config = {
        "outputSettings": {"contestName": "t", **(output or {})},
        "cvrFileSources": [{"filePath": "cvr.csv", "provider": "genericCsv",
                            "firstVoteColumnIndex": "2", "firstVoteRowIndex": "2",
                            "contestId": "", **(source or {})}],
        "candidates": candidates if candidates is not None else [
            {"name": n, "excluded": False} for n in ("Ana", "Ben", "Cy")],
        "rules": {"tiebreakMode": "useCandidateOrder", "overvoteRule": "exhaustImmediately",
                  "winnerElectionMode": "singleWinnerMajority", "numberOfWinners": "1",
                  "maxRankingsAllowed": "max", "maxSkippedRanksAllowed": "1", **(rules or {})},
    }
    for key in drop or []:
        del config[key]
    return json.dumps(config).encode()


def contest(config=None, cvr=CVR, **extra):
    return {"t_config.json": config if config is not None else rctab_config(), "cvr.csv": cvr, **extra}


RCTAB_CASES = [
    ("cvr-outside-the-folder", contest(rctab_config({"filePath": "../elsewhere/cvr.csv"})), r"CVR file '../elsewhere/cvr.csv' lies outside"),
    ("cvr-absolute-path", contest(rctab_config({"filePath": "/etc/hostname"})), r"CVR file '/etc/hostname' lies outside"),
    ("cvr-not-a-cvr", contest(cvr=b"just some text\n"), r"cvr.csv: firstVoteColumnIndex 2 is past the last column \(1\)"),
    ("cvr-without-records", contest(cvr=b"id,Ana,Ben,Cy\n"), r"cvr.csv: no cast-vote record for this contest"),
    ("first-column-past-the-last", contest(rctab_config({"firstVoteColumnIndex": "9"})), r"firstVoteColumnIndex 9 is past the last column \(4\)"),
    ("number-as-object", contest(rctab_config(rules={"numberOfWinners": {"value": 1}})), r"numberOfWinners is an object"),
    ("number-as-array", contest(rctab_config({"firstVoteColumnIndex": [2]})), r"firstVoteColumnIndex is an array"),
    ("bool-as-text", contest(rctab_config(rules={"batchElimination": "yes"})), r"batchElimination is 'yes', not true or false"),
    ("no-ballot-names-a-candidate", contest(cvr=b"id,Ana,Ben,Cy\nr1,,,\nr2,,,\n"), r"no cast-vote record marks any candidate of the contest \(2 records read\)"),
    ("unknown-candidate-column", contest(cvr=b"id,Ana,Zed\nr1,1,2\n"), r"column 3: 'Zed' is not a candidate of the contest"),
    ("unknown-provider", contest(rctab_config({"provider": "punchcard"})), r"CVR provider 'punchcard' is not supported"),
    ("candidate-twice", contest(rctab_config(candidates=[{"name": "Ana"}, {"name": "Ana"}])), r"candidate 'Ana' is listed twice"),
    ("no-candidates", contest(rctab_config(candidates=[])), r"no candidates"),
    ("no-rules", contest(rctab_config(drop=["rules"])), r"needs rules, cvrFileSources and candidates"),
    ("not-json", contest(b"{ not json"), r"not a JSON object"),
    ("unknown-mode", contest(rctab_config(rules={"winnerElectionMode": "mostVotes"})), r"unknown winnerElectionMode 'mostVotes'"),
    ("unknown-tiebreak", contest(rctab_config(rules={"tiebreakMode": "coinToss"})), r"unknown tiebreakMode 'coinToss'"),
    ("unknown-overvote", contest(rctab_config(rules={"overvoteRule": "countBoth"})), r"unknown overvoteRule 'countBoth'"),
    ("zero-winners", contest(rctab_config(rules={"numberOfWinners": "0"})), r"numberOfWinners must be at least 1"),
    ("max-rankings-zero", contest(rctab_config(rules={"maxRankingsAllowed": "0"})), r"maxRankingsAllowed must be an integer from 1"),
    ("rank-above-max", contest(rctab_config(rules={"maxRankingsAllowed": "1"})), r"above maxRankingsAllowed \(1\)"),
    ("rank-not-a-number", contest(cvr=b"id,Ana,Ben,Cy\nr1,first,,\n"), r"cvr.csv:2: 'first' is not a rank"),
    ("cvr-missing", {"t_config.json": rctab_config()}, r"cvr.csv: cannot open the file"),
    ("cvr-latin-1", contest(cvr=b"id,Ana,Ben,Cy\nr1,1,2,\nr2,\xe9,,\n"), r"cvr.csv:3: byte 0xE9"),
    ("report-exists", contest(**{"out/t_detailed_report.json": b"earlier report\n"}), r"t_detailed_report.json: exists; it is replaced only when asked \(--force\)"),
    ("no-sources", contest(rctab_config().replace(b'"cvrFileSources": [{', b'"cvrFileSources": [], "unused": [{')), r"no cvrFileSources"),
    ("by-precinct-without-column", contest(rctab_config(output={"tabulateByPrecinct": True})), r"tabulateByPrecinct needs the precinctColumnIndex of .*cvr.csv"),
    ("by-batch-from-clear-ballot", contest(rctab_config({"provider": "clearBallot", "filePath": "cvr.csv", "contestId": "Mayor"}, output={"tabulateByBatch": True}), cvr=b"RowNumber,BoxID,BoxPosition,BallotID,PrecinctID,BallotStyleID,PrecinctStyleName,ScanComputerName,Status,Remade,Choice_1_1:Mayor:1:Vote For 1:Ana:NP\n1,B,1,x,P1,1,P,S,0,0,1\n"), r"no cast-vote record names a batch to report by"),
    ("by-precinct-nobody-names-one", contest(rctab_config({"firstVoteColumnIndex": "3", "precinctColumnIndex": "2"}, output={"tabulateByPrecinct": True}), cvr=b"id,p,Ana,Ben,Cy\nr1,,1,2,\nr2,,2,1,\n"), r"no cast-vote record names a precinct to report by"),
    ("cdf-unknown-gp-unit", contest(rctab_config({"provider": "cdf", "filePath": "cvr.json", "contestId": "c"}), cvr=b"", **{"cvr.json": json.dumps({"Election": [{"Candidate": [{"@id": "a", "Name": "Ana"}], "Contest": [{"@id": "c", "ContestSelection": [{"@id": "s", "CandidateIds": ["a"]}]}]}], "GpUnit": [{"@id": "p1", "Name": "North"}], "CVR": [{"BallotStyleUnitId": "p9", "CurrentSnapshotId": "x", "CVRSnapshot": [{"@id": "x", "CVRContest": [{"ContestId": "c", "CVRContestSelection": [{"ContestSelectionId": "s", "SelectionPosition": [{"Rank": 1, "HasIndication": "yes"}]}]}]}]}]}).encode()}), r"cvr.json: CVR 1 names GpUnit 'p9', which is not listed"),
    ("cdf-empty-snapshot-list", contest(rctab_config({"provider": "cdf", "filePath": "cvr.json", "contestId": "c"}), cvr=b"", **{"cvr.json": json.dumps({"Election": [{"Candidate": [{"@id": "a", "Name": "Ana"}], "Contest": [{"@id": "c", "ContestSelection": [{"@id": "s", "CandidateIds": ["a"]}]}]}], "GpUnit": [{"@id": "p1", "Name": "North"}], "CVR": [{"CurrentSnapshotId": "x", "CVRSnapshot": []}]}).encode()}), r"cvr.json: CVR 1 has no snapshot"),
    ("by-precinct-as-text", contest(rctab_config(output={"tabulateByPrecinct": "yes"})), r"tabulateByPrecinct is 'yes', not true or false"),
    ("precinct-column-zero", contest(rctab_config({"precinctColumnIndex": "0"})), r"precinctColumnIndex must be an integer from 1 to 1000, not '0'"),
    ("slice-report-exists", contest(rctab_config({"precinctColumnIndex": "1"}, output={"tabulateByPrecinct": True}), **{"out/t_r1_precinct_detailed_report.json": b"earlier report\n"}), r"t_r1_precinct_detailed_report.json: exists; it is replaced only when asked \(--force\)"),
]


def hart_record(value="100", option="id-ana", contest="c1"):
    return (f'<?xml version="1.0" encoding="utf-8"?><Cvr><Contests><Contest><Id>{contest}</Id>'
            f"<Options><Option><Id>{option}</Id><Value>{value}</Value></Option></Options>"
            "</Contest></Contests><CvrGuid>g1</CvrGuid></Cvr>").encode()


HART_CANDIDATES = [{"name": n, "aliases": [f"id-{n.lower()}"]} for n in ("Ana", "Ben", "Cy")]


def hart(record, **source):
    config = rctab_config({"provider": "hart", "filePath": "hart", "contestId": "c1", **source},
                          candidates=HART_CANDIDATES)
    return {"t_config.json": config, "hart/1.xml": record}


def dominion(marks, contest="13", candidate_contest="13", ballot=None, manifests=None):
    files = {
        "d/ContestManifest.json": json.dumps({"List": [{"Description": "Mayor", "Id": 13}]}),
        "d/CandidateManifest.json": json.dumps({"List": [
            {"Description": n, "Id": i, "ContestId": int(candidate_contest)}
            for n, i in (("Ana", 27), ("Ben", 28), ("Cy", 29))]}),
        "d/CvrExport_1.json": json.dumps({"Sessions": [{"Original": {"IsCurrent": True, **(ballot or {}), "Cards": [
            {"Contests": [{"Id": 13, "Marks": marks}]}]}}]}),
        **(manifests or {}),
    }
    config = rctab_config({"provider": "dominion", "filePath": "d", "contestId": contest},
                          candidates=[{"name": n, "aliases": [str(i)]}
                                      for n, i in (("Ana", 27), ("Ben", 28), ("Cy", 29))])
    return {"t_config.json": config, **{k: v.encode() for k, v in files.items()}}


CDF_XML = b"""<?xml version="1.0"?><CastVoteRecordReport>
<Election><Candidate ObjectId="c-ana"><Name>Ana</Name></Candidate>
<Contest ObjectId="k1"><Name>Mayor</Name>
<ContestSelection ObjectId="s-ana"><CandidateIds>c-ana</CandidateIds></ContestSelection>
<ContestSelection ObjectId="s-wi"><IsWriteIn>true</IsWriteIn></ContestSelection></Contest></Election>
<CVR><CurrentSnapshotId>x</CurrentSnapshotId><CVRSnapshot ObjectId="x"><CVRContest><ContestId>k1</ContestId>
<CVRContestSelection><ContestSelectionId>SELECTION</ContestSelectionId><Rank>1</Rank></CVRContestSelection>
</CVRContest></CVRSnapshot></CVR></CastVoteRecordReport>"""


def cdf_xml(selection="s-ana", contest="Mayor", unit=None):
    config = rctab_config({"provider": "cdf", "filePath": "cvr.xml", "contestId": contest})
    text = CDF_XML.replace(b"SELECTION", selection.encode())
    if unit:
        text = text.replace(b"<CVR>", f"<CVR><BallotStyleUnitId>{unit}</BallotStyleUnitId>".encode())
    return {"t_config.json": config, "cvr.xml": text}


RCTAB_CASES += [
    ("more-winners-than-candidates", contest(rctab_config(rules={"numberOfWinners": "4", "winnerElectionMode": "multiWinnerAllowOnlyOneWinnerPerRound"})), r"numberOfWinners must be an integer from 1 to 3 \(the declared candidates\), not 4"),
    ("batch-elimination-multi-seat", contest(rctab_config(rules={"numberOfWinners": "2", "winnerElectionMode": "multiWinnerAllowOnlyOneWinnerPerRound", "batchElimination": True})), r"batchElimination can't be true in a multi-seat contest"),
    ("multi-winner-mode-one-seat", contest(rctab_config(rules={"winnerElectionMode": "bottomsUp"})), r"this winnerElectionMode needs numberOfWinners above 1"),
    ("hare-quota-one-seat", contest(rctab_config(rules={"hareQuota": True})), r"hareQuota can only be true in a multi-seat contest"),
    ("random-without-seed", contest(rctab_config(rules={"tiebreakMode": "random"})), r"a tiebreakMode with a random element needs randomSeed"),
    ("continue-until-two-multi-seat", contest(rctab_config(rules={"numberOfWinners": "2", "winnerElectionMode": "multiWinnerAllowOnlyOneWinnerPerRound", "continueUntilTwoCandidatesRemain": True})), r"continueUntilTwoCandidatesRemain applies to single-seat contests only"),
    ("hart-value-not-binary", hart(hart_record(value="1x0")), r"option 'id-ana' has the value '1x0', not a string of 0s and 1s"),
    ("hart-unknown-option", hart(hart_record(option="id-zed")), r"1.xml: option: 'id-zed' is not a candidate of the contest"),
    ("hart-rank-above-max", hart(hart_record(value="0001")), r"'id-ana' is ranked 4, above maxRankingsAllowed \(3\)"),
    ("hart-not-xml", hart(b"<Cvr><Contests>"), r"1.xml: not XML"),
    ("hart-source-is-a-file", {**hart(hart_record()), "t_config.json": rctab_config({"provider": "hart", "filePath": "cvr.csv"}), "cvr.csv": CVR}, r"this provider reads a folder of Hart XML cast-vote records"),
    ("hart-other-contest-only", hart(hart_record(contest="c2")), r"no cast-vote record for this contest"),
    ("dominion-unknown-contest", dominion([], contest="99"), r"ContestManifest.json has no contest 99"),
    ("dominion-candidate-of-another-contest", dominion([{"CandidateId": 27, "Rank": 1, "IsAmbiguous": False}], candidate_contest="14"), r"marks candidate 27, which is not a candidate of contest 13"),
    ("dominion-rank-not-a-number", dominion([{"CandidateId": 27, "Rank": "first", "IsAmbiguous": False}]), r"session 1 has rank 'first'"),
    ("dominion-unknown-precinct", dominion([{"CandidateId": 27, "Rank": 1, "IsAmbiguous": False}], ballot={"PrecinctId": 9}, manifests={"d/PrecinctManifest.json": json.dumps({"List": [{"Id": 1, "Description": "PCT 1"}]})}), r"CvrExport_1.json: session 1 names precinct 9, which PrecinctManifest.json does not list"),
    ("dominion-unknown-precinct-portion", dominion([{"CandidateId": 27, "Rank": 1, "IsAmbiguous": False}], ballot={"PrecinctPortionId": 5}, manifests={"d/PrecinctPortionManifest.json": json.dumps({"List": [{"Id": 1, "Description": "PCT 1 A"}]})}), r"session 1 names precinct portion 5, which PrecinctPortionManifest.json does not list"),
    ("dominion-only-ambiguous-marks", dominion([{"CandidateId": 27, "Rank": 1, "IsAmbiguous": True}]), r"no cast-vote record marks any candidate"),
    ("cdf-xml-unknown-contest", cdf_xml(contest="Sheriff"), r"cvr.xml: no contest named 'Sheriff'"),
    ("cdf-xml-unknown-selection", cdf_xml(selection="s-zed"), r"CVR 1 names unknown selection 's-zed'"),
    ("cdf-xml-unknown-gp-unit", cdf_xml(unit="p9"), r"cvr.xml: CVR 1 names GpUnit 'p9', which is not listed"),
    ("cdf-xml-write-in-without-label", cdf_xml(selection="s-wi"), r"CVR 1 has a write-in, and the configuration counts no undeclared write-ins"),
]
for name, files, message in RCTAB_CASES:
    cli(f"rctab-cli-{name}", files, ["rctab", "t_config.json", "--output", "out"], message)
cli("rctab-cli-report-is-a-link", contest(**{"out/placeholder": b""}),
    ["rctab", "t_config.json", "--output", "out", "--force"],
    r"t_detailed_report.json: is a symbolic link", links={"out/t_detailed_report.json": "../target.json"})
cli("rctab-cli-config-is-a-folder", {"folder/t_config.json": rctab_config()},
    ["rctab", "folder", "--output", "out"], r"folder: is a folder, not a file")
py("rctab-py-report-exists", contest(**{"out/t_detailed_report.json": b"earlier\n"}),
   lambda d: io.run_rctab(str(d / "t_config.json"), str(d / "out")), ValueError, r"exists")
py("rctab-py-outside-root", contest(rctab_config({"filePath": "../cvr.csv"})),
   lambda d: io.rctab_reports(str(d / "t_config.json")), ValueError, r"lies outside")

# --- the command's own options ---------------------------------------------------------------
GOOD_SOC = soc(body="2: 1,2\n1: 2,1\n", voters="3", orders="2")
EMPTY_SOC = soc(body="0: 1,2\n", voters="0", orders="1")
GOOD_PB = pabulib()
OPTION_CASES = [
    ("seats-zero", ["tally", "t.soc", "--seats", "0"], r"--seats must be at least 1, not 0"),
    ("seats-negative", ["tally", "t.soc", "--seats", "-3"], r"--seats must be at least 1, not -3"),
    ("seed-over-64-bits", ["tally", "t.soc", "--tie-break", "random", "--seed", "18446744073709551616"], r"--seed '18446744073709551616' is not a whole number"),
    ("seed-negative", ["tally", "t.soc", "--tie-break", "random", "--seed", "-1"], r"--seed '-1' is not a whole number"),
    ("seed-not-a-number", ["tally", "t.soc", "--tie-break", "random", "--seed", "0x10"], r"--seed '0x10'"),
    ("seed-without-random", ["tally", "t.soc", "--seed", "7"], r"--seed applies to --tie-break random only"),
    ("permutation-ignored", ["tally", "t.soc", "--permutation", "Ben,Ana"], r"a permutation applies to the permutation and previous-rounds tie-breaks, not to 'report'"),
    ("permutation-unknown", ["tally", "t.soc", "--tie-break", "permutation", "--permutation", "Ben,Zed"], r"--permutation names unknown candidate 'Zed'"),
    ("permutation-incomplete", ["tally", "t.soc", "--tie-break", "permutation", "--permutation", "Ben"], r"the tie-break permutation lists 1 candidates; the contest has 2"),
    ("unknown-method", ["tally", "t.soc", "-m", "coin"], r"coin"),
    ("unknown-param", ["tally", "t.soc", "-m", "borda", "-p", "bonus=3"], r"borda has no parameter 'bonus'"),
    ("param-without-value", ["tally", "t.soc", "-m", "borda", "-p", "variant"], r"--param 'variant' is not NAME=VALUE"),
    ("seats-for-single-winner", ["tally", "t.soc", "-m", "irv", "--seats", "2"], r"irv elects one winner; seats=2 needs a multi-winner method"),
    ("wrong-ballot-kind", ["tally", "t.soc", "-m", "approval"], r"approval counts approval or single-choice ballots, not ranked"),
    ("unknown-input-format", ["tally", "t.soc", "--input-format", "xml"], r"xml"),
    ("unknown-extension", ["tally", "t.txt"], r"cannot tell the format from '.txt'"),
    ("missing-file", ["tally", "missing.soc"], r"missing.soc: cannot open the file"),
    ("empty-contest", ["tally", "empty.soc"], r"the profile has no ballots"),
    ("pb-unknown-rule", ["pb", "t.pb", "--rule", "lottery"], r"unknown rule 'lottery'"),
    ("pb-seed-without-random", ["pb", "t.pb", "--rule", "greedy", "--seed", "3"], r"--seed applies to --tie-break random only"),
    ("pb-seed-over-64-bits", ["pb", "t.pb", "--rule", "greedy", "--tie-break", "random", "--seed", "99999999999999999999"], r"--seed '99999999999999999999'"),
    ("pb-ignored-completion", ["pb", "t.pb", "--rule", "greedy", "--completion", "add1"], r"rule 'greedy' takes no completion option"),
    ("pb-unknown-satisfaction", ["pb", "t.pb", "--rule", "greedy", "--satisfaction", "joy"], r"satisfaction 'joy'"),
    ("pb-folder", ["pb", "."], r"\.: is a folder, not a file"),
    ("pb-no-ballots", ["pb", "empty.pb", "--rule", "greedy"], r"greedy: the election has no ballots"),
    ("pb-no-ballots-equal-shares", ["pb", "empty.pb"], r"equal-shares: the election has no ballots"),
]
for name, args, message in OPTION_CASES:
    cli(f"options-{name}", {"t.soc": GOOD_SOC, "empty.soc": EMPTY_SOC, "t.pb": GOOD_PB,
                            "empty.pb": pabulib(meta=["budget;100", "vote_type;approval"], votes=[]),
                            "t.txt": b"Ana\n"}, args, message)


# --- Python --------------------------------------------------------------------------------
def ranked_builder(_folder):
    builder = tally.ProfileBuilder(["Ana", "Ben", "Cy"], "ranked")
    builder.add([0, 1], count=2)
    return builder


def ranked_profile(folder):
    return ranked_builder(folder).build()


py("py-rankings-from-booleans", {}, lambda d: tally.Profile.from_rankings(np.array([[True, False]]), ["a", "b"]),
   TypeError, r"not booleans; a boolean matrix is approvals")
py("py-rankings-index-wraps", {}, lambda d: tally.Profile.from_rankings(np.array([[0, 2**64 - 1]], dtype=np.uint64), ["a", "b"]),
   ValueError, r"18446744073709551615, which is no candidate index")
py("py-approvals-nan", {}, lambda d: tally.Profile.from_approval_matrix(np.array([[1.0, np.nan]]), ["a", "b"]),
   ValueError, r"holds 0 and 1 \(or booleans\), not nan \(row 0, column 1\)")
py("py-approvals-half", {}, lambda d: tally.Profile.from_approval_matrix(np.array([[0.5, 1.0]]), ["a", "b"]),
   ValueError, r"not 0.5 \(row 0, column 0\)")
py("py-approvals-two", {}, lambda d: tally.Profile.from_approval_matrix(np.array([[1, 2]]), ["a", "b"]),
   ValueError, r"not 2 \(row 0, column 1\)")
py("py-add-unknown-candidate", {}, lambda d, p: p.add([0, 7]), ValueError, r"unknown candidate #7",
   make=ranked_builder)
py("py-add-twice", {}, lambda d, p: p.add([1, 1]), ValueError, r"marks 'Ben' twice", make=ranked_builder)
py("py-merge-other-candidates", {},
   lambda d, p: p.merge(tally.ProfileBuilder(["Ana", "Ben", "Zed"], "ranked").build()), ValueError,
   r"cannot merge a ranked profile of 3 candidates", make=ranked_builder)
py("py-add-other-candidates", {},
   lambda d, p: p + tally.ProfileBuilder(["Ana", "Ben", "Zed"], "ranked").build(), ValueError,
   r"cannot merge a ranked profile of 3 candidates", make=ranked_profile)
py("py-duplicate-candidate", {}, lambda d: tally.ProfileBuilder(["a", "a"], "ranked"), ValueError,
   r"candidate 'a' is listed twice")
py("py-seats-zero", {}, lambda d: tally.count("irv", ranked_profile(d), seats=0),
   ValueError, r"seats must be at least 1, got 0")
py("py-permutation-ignored", {},
   lambda d: tally.count("plurality", ranked_profile(d), tie_break="candidate-order", permutation=[2, 1, 0]),
   ValueError, r"a permutation applies to the permutation and previous-rounds tie-breaks")
py("py-empty-contest", {}, lambda d: tally.count("plurality", tally.ProfileBuilder(["a", "b"], "ranked").build()),
   Exception, r"the profile has no ballots")
py("py-pb-no-ballots", {}, lambda d: pb.greedy(io.parse_pabulib(
    pabulib(meta=["budget;100", "vote_type;approval"], votes=[]).decode())), Exception,
   r"greedy: the election has no ballots")
py("py-write-pabulib-third", {}, lambda d: io.write_pabulib(pb.Election(
    pb.Instance([pb.Project("p", Fraction(1, 3))], 1),
    tally.ProfileBuilder(["p"], "approval").build())), ValueError, r"costs 1/3, which has no decimal form")
py("py-parse-preflib-from-bytes", {}, lambda d: io.parse_preflib(soc(body="3: 1,\n"), "b.soc"), ValueError,
   r"b.soc:8: the order ends with ','")


def snapshot(folder: Path) -> dict[str, bytes | str]:
    out: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            out[key] = "link to " + os.readlink(path)
        elif path.is_file():
            out[key] = path.read_bytes()
        else:
            out[key] = "folder"
    return out


def test_the_table_is_large_enough():
    assert len(ROWS) >= 100
    assert len({row.id for row in ROWS}) == len(ROWS), "row ids are unique"


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_bad_input_is_refused_and_changes_nothing(row: Row, tmp_path: Path):
    folder = tmp_path / "work"
    folder.mkdir()
    for name, data in row.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    for name, target in row.links.items():
        (folder / name).symlink_to(target)
    before = snapshot(folder)
    if isinstance(row.run, list):
        if CLI is None:
            pytest.skip("PARTICIPA_CLI is not set: the command was not built with this module")
        done = subprocess.run([CLI, *row.run], cwd=folder, capture_output=True, timeout=60)
        stderr = done.stderr.decode("utf-8", "replace")
        assert done.returncode == row.expect, stderr
        assert done.stdout == b"", "a refused command prints no result"
        assert stderr.startswith("participa: ") and stderr.count("\n") == 1, stderr
        assert re.search(row.message, stderr), stderr
    elif row.make is not None:
        target = row.make(folder)
        kept = copy.deepcopy(target)
        with pytest.raises(row.expect, match=row.message):
            row.run(folder, target)
        if isinstance(target, tally.ProfileBuilder):
            target, kept = target.build(), kept.build()
        assert target == kept, "a refused change leaves the object as it was"
    else:
        with pytest.raises(row.expect, match=row.message):
            row.run(folder)
    assert snapshot(folder) == before, "a refused input leaves the folder as it was"


def test_a_report_cut_short_by_the_file_system_leaves_nothing(tmp_path: Path):
    """A report the file system stops accepting halfway (here a file-size limit of 4 KiB, set on
    the command's process, on the real file system under tmp_path) fails the command with the
    reason, and neither the report nor its temporary file is left behind."""
    import resource
    import shutil
    import signal

    from conftest import CONFORMANCE

    if CLI is None:
        pytest.skip("PARTICIPA_CLI is not set: the command was not built with this module")
    case = CONFORMANCE / "rctab" / "2015_portland_mayor"
    for name in ("2015_portland_mayor_config.json", "2015_portland_mayor_cvr.xlsx"):
        shutil.copy(case / name, tmp_path / name)
    (tmp_path / "out").mkdir()

    def limit_file_size():
        # Past the limit, write() fails with EFBIG instead of the process being stopped.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    done = subprocess.run(
        [CLI, "rctab", str(tmp_path / "2015_portland_mayor_config.json"), "--output",
         str(tmp_path / "out")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=limit_file_size, timeout=60)
    assert done.returncode == 1
    assert b"2015_portland_mayor_detailed_report.json: the write failed, nothing was written: File too large" in done.stderr
    assert list((tmp_path / "out").iterdir()) == []
    # Without the limit the same report is written whole.
    again = subprocess.run(
        [CLI, "rctab", str(tmp_path / "2015_portland_mayor_config.json"), "--output",
         str(tmp_path / "out")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "out" / "2015_portland_mayor_detailed_report.json").stat().st_size > 4096


def test_output_that_cannot_be_written_fails_the_command(tmp_path: Path):
    if CLI is None:
        pytest.skip("PARTICIPA_CLI is not set: the command was not built with this module")
    if not Path("/dev/full").exists():
        pytest.skip("this system has no /dev/full to stand for a full disk")
    (tmp_path / "t.soc").write_bytes(GOOD_SOC)
    with open("/dev/full", "w") as full:
        done = subprocess.run([CLI, "tally", "t.soc"], cwd=tmp_path, stdout=full,
                              stderr=subprocess.PIPE, timeout=60)
    assert done.returncode == 1
    assert b"the output could not be written: No space left on device" in done.stderr
