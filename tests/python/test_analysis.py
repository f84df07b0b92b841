"""What a data scientist reaches for: synthetic profiles, profiles from pandas and lists, frames
of transfers, scores and margins, float frames, every pabulib column, and readable values."""

from __future__ import annotations

import csv
import math
import os
import signal
import threading
import time
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import participa
from conftest import CONFORMANCE
from participa import io, pb, tally

GDYNIA = CONFORMANCE / "pabulib-real" / "Poland_Gdynia_2020_Babie_Doly__small.pb"


def section(path, name):
    """The rows of one pabulib section read with the csv module alone, header first."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(name) + 1
    end = next((i for i in range(start, len(lines)) if lines[i] in ("META", "PROJECTS", "VOTES")),
               len(lines))
    return list(csv.reader(lines[start:end], delimiter=";"))


# --- synthetic profiles -------------------------------------------------------------------


def test_a_seed_gives_the_same_profile_and_another_seed_another():
    a = tally.sample_profile(5, 3000, "plackett-luce", seed=4, strengths=[5, 4, 3, 2, 1])
    b = tally.sample_profile(5, 3000, "plackett-luce", seed=4, strengths=[5, 4, 3, 2, 1])
    c = tally.sample_profile(5, 3000, "plackett-luce", seed=5, strengths=[5, 4, 3, 2, 1])
    assert a.digest() == b.digest() != c.digest()
    assert a.candidates == ["0", "1", "2", "3", "4"]
    assert a.total_weight == 3000


def test_mallows_without_dispersion_gives_every_voter_the_reference():
    p = tally.sample_profile(["Ana", "Ben", "Chloe"], 50, "mallows", phi=0.0,
                             reference=["Chloe", "Ana", "Ben"])
    assert p.num_distinct == 1
    assert p.ballot(0) == ([2, 0, 1], [0, 1, 2], 50)


def test_plackett_luce_first_choices_follow_the_strengths():
    strengths = [1.0, 2.0, 5.0]
    voters = 40_000
    p = tally.sample_profile(["a", "b", "c"], voters, "plackett-luce", seed=9,
                             strengths=strengths)
    first = tally.count("plurality", p).rounds[0]
    for entry in first.tally:
        q = strengths[entry.candidate] / sum(strengths)
        assert abs(entry.votes - voters * q) < 5 * math.sqrt(voters * q * (1 - q))


def test_sampling_refuses_what_it_would_otherwise_ignore():
    with pytest.raises(ValueError, match="phi is a parameter of the mallows model"):
        tally.sample_profile(3, 10, phi=0.5)
    with pytest.raises(ValueError, match="impartial-culture, mallows, plackett-luce or urn"):
        tally.sample_profile(3, 10, "IC")
    with pytest.raises(TypeError, match="model must be given as its enum or its name"):
        tally.sample_profile(3, 10, 3)
    by_enum = tally.sample_profile(3, 10, tally.SamplingModel.urn, seed=2, alpha=0.5)
    assert by_enum == tally.sample_profile(3, 10, "urn", seed=2, alpha=0.5)
    with pytest.raises(ValueError, match="'Zoe', who is not a candidate"):
        tally.sample_profile(["Ana", "Ben"], 10, "mallows", phi=0.5, reference=["Zoe", "Ana"])
    with pytest.raises(ValueError, match="at least one candidate"):
        tally.sample_profile(0, 10)
    with pytest.raises(ValueError, match="the urn model needs alpha"):
        tally.sample_profile(3, 10, "urn")


def interrupt_after(seconds):
    timer = threading.Timer(seconds, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    return timer


def test_ctrl_c_stops_a_long_draw():
    started = time.monotonic()
    timer = interrupt_after(0.3)
    with pytest.raises(KeyboardInterrupt):
        tally.sample_profile(3, 300_000_000, seed=1)
    timer.join()
    # Drawing 300 million ballots takes minutes; stopping takes one 50 ms check.
    assert time.monotonic() - started < 10


def test_a_run_over_a_second_shows_a_progress_bar(capfd, long_add_one):
    import importlib.util

    if importlib.util.find_spec("tqdm") is None:
        message = "the progress bar is tqdm's, which is not installed (Debian: python3-tqdm)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    election = io.read_pabulib(str(long_add_one))
    timer = interrupt_after(1.6)
    with pytest.raises(KeyboardInterrupt):
        pb.equal_shares(election, "cost", "add1", progress=True)
    timer.join()
    assert "equal shares" in capfd.readouterr().err


def test_method_parameters_are_python_values():
    p = tally.Profile.from_lists([["A", "B", "C"]] * 3 + [["C", "B", "A"]] * 2)
    as_text = tally.count("borda", p, parameters={"variant": "truncated", "max_rank": "2"})
    as_int = tally.count("borda", p, parameters={"variant": "truncated", "max_rank": 2})
    assert as_int == as_text
    with pytest.raises(TypeError, match="parameter 'max_rank' must be a str, int, float or bool"):
        tally.count("borda", p, parameters={"max_rank": [2]})
    options = tally.Options()
    options.parameters = {"variant": "truncated", "max_rank": 2}
    assert options.parameters == {"variant": "truncated", "max_rank": "2"}
    assert tally.MethodRegistry.with_builtins().count("borda", p, options) == as_int


# --- profiles from pandas and lists -------------------------------------------------------


def test_a_wide_frame_of_names_numbers_candidates_by_name_not_by_row():
    frame = pd.DataFrame({"first": ["Chloe", "Ana", "Ana", None],
                          "second": ["Ana", "Ben", None, "Ben"]})
    p = tally.Profile.from_frame(frame)
    assert p.candidates == ["Ana", "Ben", "Chloe"]
    expected = tally.Profile.from_rankings(np.array([[2, 0], [0, 1], [0, -1], [1, -1]]),
                                           ["Ana", "Ben", "Chloe"])
    assert p == expected
    # The same ballots in another row order are the same profile.
    assert tally.Profile.from_frame(frame.iloc[::-1]) == p


def test_categorical_columns_give_the_candidate_order():
    categories = ["Ben", "Ana", "Zoe"]
    frame = pd.DataFrame({"first": pd.Categorical(["Ana", "Ben"], categories=categories)})
    p = tally.Profile.from_frame(frame)
    assert p.candidates == categories
    single = tally.Profile.from_frame(pd.Series(pd.Categorical(["Zoe"], categories=categories)))
    assert single.ballot(0)[0] == [2]


def test_a_frame_naming_a_stranger_or_weighing_rows_by_a_column():
    with pytest.raises(ValueError, match="column 'second', row 1: 'Zoe' is not one of the 2"):
        tally.Profile.from_frame(pd.DataFrame({"first": ["Ana", "Ben"], "second": ["Ben", "Zoe"]}),
                                 ["Ana", "Ben"])
    weighted = tally.Profile.from_frame(
        pd.DataFrame({"first": ["Ana", "Ben"], "n": [3, 4]}), weights="n")
    assert weighted.total_weight == 7
    assert tally.count("plurality", weighted).winner_names() == ["Ben"]


def test_a_long_frame_keeps_equal_ranks_and_refuses_a_candidate_named_twice():
    long = pd.DataFrame({"voter": [1, 1, 2, 2, 3],
                         "candidate": ["Ana", "Ben", "Ben", "Ana", "Chloe"],
                         "rank": [1, 2, 1, 1, 1]})
    p = tally.Profile.from_long_frame(long)
    ballots = sorted((tuple(p.ballot(i)[0]), tuple(p.ballot(i)[1])) for i in range(p.num_distinct))
    # Voter 2 ranks Ana and Ben equal: one level for both.
    assert ballots == [((0, 1), (0, 0)), ((0, 1), (0, 1)), ((2,), (0,))]
    assert p.has_equal_ranks
    twice = pd.DataFrame({"voter": [1, 1], "candidate": ["Ana", "Ana"], "rank": [1, 2]})
    with pytest.raises(ValueError, match="voter 1 ranks 'Ana' twice"):
        tally.Profile.from_long_frame(twice)
    with pytest.raises(ValueError, match="no column 'rank'"):
        tally.Profile.from_long_frame(long.drop(columns=["rank"]))
    with pytest.raises(ValueError, match="whole numbers from 1"):
        tally.Profile.from_long_frame(long.assign(rank=[1, 2, 0, 1, 1]))


def test_candidates_that_are_not_text_are_read_as_their_text():
    # Survey exports often hold candidate numbers: the frame's 7 and the list's 7 are "7".
    frame = pd.DataFrame({"first": [7, 12, 7], "second": [12, None, None]})
    p = tally.Profile.from_frame(frame)
    assert p.candidates == ["12", "7"]
    assert p == tally.Profile.from_lists([[7, 12], [12], [7]])
    assert tally.count("plurality", p).winner_names() == ["7"]


def test_lists_of_names():
    p = tally.Profile.from_lists([["Ben", "Ana"], ["Ana"]], ["Ana", "Ben"], weights=[2, 1])
    assert p.ballot(0) == ([1, 0], [0, 1], 2)
    with pytest.raises(ValueError, match="ballot 1: 'Zoe'"):
        tally.Profile.from_lists([["Ana"], ["Zoe"]], ["Ana", "Ben"])


# --- frames of results --------------------------------------------------------------------


@pytest.fixture
def three_way():
    # 5 A>B, 4 B>A, 2 C>B, 1 C: IRV drops C in round 1 (A 5, B 4, C 3); two of its votes go
    # to B, one exhausts; B wins round 2 by 6 to 5.
    return tally.Profile.from_lists([["A", "B"]] * 5 + [["B", "A"]] * 4 + [["C", "B"]] * 2
                                    + [["C"]])


def test_transfers_frame_is_the_sankey_of_the_count(three_way):
    frame = tally.count("irv", three_way).transfers_frame()
    rows = sorted(frame.itertuples(index=False), key=lambda r: str(r.target))
    assert [(r.round, r.source, r.target, r.votes) for r in rows] == [
        (1, "C", "B", Fraction(2)), (1, "C", None, Fraction(1))]
    assert tally.count("irv", three_way).transfers_frame(exact=False).votes.dtype == np.float64


def test_scores_and_margins_as_data(three_way):
    # Borda over 3 candidates: a first place scores 2, a second 1, an unranked candidate 0.
    borda = tally.count("borda", three_way).scores()
    assert borda.to_dict() == {"A": 5 * 2 + 4 * 1, "B": 5 * 1 + 4 * 2 + 2 * 1, "C": 3 * 2}
    assert borda.name == "points"
    margins = three_way.margins_frame()
    # A ranked, B not (or below) beats B; the C>B ballots rank B above the unranked A.
    # A over B: 5 to 4 + 2; A over C: 5 + 4 to 2 + 1; B over C: 5 + 4 to 2 + 1.
    assert margins.loc["A", "B"] == 5 - 6
    assert margins.loc["A", "C"] == 9 - 3
    assert margins.loc["B", "C"] == 9 - 3
    assert (margins.to_numpy() == -margins.to_numpy().T).all()
    support = tally.support_matrix(three_way)
    assert support[0, 1] == 5 and support[1, 0] == 6 and support.dtype == np.uint64


def test_a_pairwise_result_carries_the_counts_it_decided_from(three_way):
    schulze = tally.count("schulze", three_way)
    # The same head-to-head counts as worked out above for the profile.
    assert schulze.pairwise.dtype == np.uint64
    assert schulze.pairwise[0, 1] == 5 and schulze.pairwise[1, 0] == 6
    assert schulze.pairwise[0, 2] == 9 and schulze.pairwise[2, 0] == 3
    margins = schulze.margins_frame()
    assert margins.loc["A", "B"] == -1 and margins.loc["B", "C"] == 6
    assert margins.equals(three_way.margins_frame())
    irv = tally.count("irv", three_way)
    assert irv.pairwise is None
    with pytest.raises(ValueError, match="irv result has no head-to-head counts"):
        irv.margins_frame()
    with pytest.raises(ValueError, match="its own unranked parameter"):
        participa.pandas.margins_frame(schulze, "incomparable")


def test_frames_in_floats_for_plotting():
    election = io.read_pabulib(str(GDYNIA))
    result = pb.equal_shares(election)
    rounds = result.rounds_frame(exact=False)
    assert rounds.budget_left.dtype == np.float64
    assert rounds.price.dtype == np.float64
    assert str(rounds.approvals.dtype) == "Int64" and rounds.approvals.isna().all()
    phragmen = pb.phragmen(election).rounds_frame()
    shown = [None if pd.isna(a) else int(a) for a in phragmen.approvals]
    assert shown == [r.approvals for r in pb.phragmen(election).rounds]
    assert any(a is not None for a in shown)
    assert rounds.budget_left.iloc[-1] == pytest.approx(float(result.rounds[-1].budget_left))
    assert election.projects_frame(exact=False).cost.dtype == np.float64
    counted = tally.count("irv", tally.Profile.from_lists([["A"], ["B", "A"], ["A"]]))
    assert counted.rounds_frame(exact=False).votes.dtype == np.float64


def test_projects_frame_keeps_every_column_of_the_file():
    election = io.read_pabulib(str(GDYNIA))
    header, *rows = section(GDYNIA, "PROJECTS")
    frame = election.projects_frame(pb.greedy(election))
    for row in rows:
        fields = dict(zip(header, row))
        project = frame.loc[fields["project_id"]]
        assert project.votes == int(fields["votes"])
        assert project.selected_in_file == int(fields["selected"])
    assert frame.votes.dtype == np.int64
    assert frame.selected.dtype == bool


def test_voters_frame_reads_each_voter_row_with_numbers_as_numbers():
    election = io.read_pabulib(str(GDYNIA))
    header, *rows = section(GDYNIA, "VOTES")
    frame = election.voters_frame()
    assert list(frame.columns) == header == ["voter_id", "vote", "age", "sex"]
    assert len(frame) == len(rows)
    assert frame.age.dtype == np.int64
    first = frame.iloc[0]
    assert (first.voter_id, first.vote, first.age, first.sex) == (
        rows[0][0], tuple(rows[0][1].split(",")), int(rows[0][2]), rows[0][3])


def test_meta_is_a_dict_in_file_order():
    election = io.read_pabulib(str(GDYNIA))
    header = [row[0] for row in section(GDYNIA, "META")[1:]]
    assert list(election.instance.meta) == header
    assert election.instance.meta["budget"] == election.instance.meta_value("budget")
    instance = pb.Instance([pb.Project("p", 10)], 10, meta={"country": "Spain"})
    assert instance.meta == {"country": "Spain"}
    with pytest.raises(ValueError, match="meta gives 'unit' twice"):
        pb.Instance([pb.Project("p", 10)], 10, meta=[("unit", "a"), ("unit", "b")])


# --- readable values ----------------------------------------------------------------------


def test_values_show_their_content(three_way):
    result = tally.count("irv", three_way, tie_break="report")
    shown = [repr(result.rounds[0]), repr(result.rounds[0].transfers[0]),
             repr(result.rounds[0].tally[0]),
             repr(tally.MethodRegistry.with_builtins().find("borda").parameters[0]),
             repr(io.read_pabulib(str(GDYNIA)).instance)]
    assert not any("object at 0x" in text for text in shown), shown
    assert shown[0] == ("Round(tally={0: 5, 1: 4, 2: 3}, elected=[], eliminated=[2], "
                        "transfers=2, exhausted=0)")
    tied = tally.count("plurality", tally.Profile.from_lists([["A"], ["B"]]))
    assert repr(tied.ties[0]).startswith("Tie(round=1, purpose=winner, tied=[0, 1]")
    assert "winners B" in result._repr_html_()
    election = io.read_pabulib(str(GDYNIA))
    assert "Gdynia" in election._repr_html_()
    assert "selected" in pb.greedy(election)._repr_html_()


def test_paths_may_be_pathlib_paths(tmp_path):
    election = io.read_pabulib(GDYNIA)
    assert election == io.read_pabulib(str(GDYNIA))
    page = tmp_path / "page.html"
    io.write_page("<p>x</p>", page)
    assert page.read_text() == "<p>x</p>"
    burlington = CONFORMANCE / "preflib" / "preflib_data" / "00005-00000002.toi"
    assert io.read_preflib(burlington).profile == io.read_ballot_file(burlington).profile
    assert repr(io.read_preflib(burlington)) == (
        "PreflibFile(2009 Burlington Mayoral Election, 6 candidates, 8980 ballots)")
    assert repr(io.read_ballot_file(burlington)) == "BallotFile(preflib, 6 candidates, 8980 ballots)"
    with pytest.raises(TypeError):
        io.read_pabulib(42)


def test_a_blt_file_shows_its_title_seats_and_ballots():
    path = CONFORMANCE / "stv" / "droop" / "blt" / "scotland" / "Calton-2007.blt"
    lines = path.read_text().splitlines()
    candidates, seats = map(int, lines[0].split())
    ballots = 0
    for line in lines[1:]:
        if line.strip() == "0":
            break
        ballots += int(line.split()[0])
    title = lines[-1].strip('"')
    assert repr(io.read_blt(path)) == (
        f"BltFile({title}, {seats} seats, {candidates} candidates, 0 withdrawn, {ballots} ballots)")


def test_a_rounds_column_is_named_for_what_it_holds(three_way):
    schulze = tally.count("schulze", three_way).rounds_frame()
    assert "candidates_beaten_by_strongest_path" in schulze.columns
    assert "votes" not in schulze.columns
    # B beats A (6 to 5) and C (9 to 3), A beats C (9 to 3): each one's count of candidates it
    # beats by a strongest path is B 2, A 1, C 0.
    beaten = dict(zip(schulze.name, schulze.candidates_beaten_by_strongest_path))
    assert beaten == {"A": 1, "B": 2, "C": 0}
    scores = np.array([[5, 3, 0], [0, 4, 5], [4, 5, 1]])
    star = tally.count("star", tally.Profile.from_scores(scores, ["A", "B", "C"])).rounds_frame()
    # Scoring round: A 9, B 12, C 6; the runoff between B and A: 2 ballots prefer B, 1 A.
    first, runoff = star[star["round"] == 1], star[star["round"] == 2]
    assert dict(zip(first.name, first.score)) == {"A": 9, "B": 12, "C": 6}
    assert runoff.score.isna().all()
    assert dict(zip(runoff.name, runoff.votes)) == {"A": 1, "B": 2}


def test_each_method_is_a_function_returning_the_winners():
    # Tennessee's capital, the textbook case: Memphis has the most first choices, Knoxville
    # survives the runoff, Nashville beats every other city head to head and wins Borda.
    tennessee = tally.Profile.from_lists(
        [["Memphis", "Nashville", "Chattanooga", "Knoxville"]] * 42
        + [["Nashville", "Chattanooga", "Knoxville", "Memphis"]] * 26
        + [["Chattanooga", "Knoxville", "Nashville", "Memphis"]] * 15
        + [["Knoxville", "Chattanooga", "Nashville", "Memphis"]] * 17)
    assert participa.methods.plurality(tennessee) == ["Memphis"]
    assert participa.methods.irv(tennessee) == ["Knoxville"]
    assert participa.methods.condorcet(tennessee) == ["Nashville"]
    assert participa.methods.borda(tennessee) == ["Nashville"]
    assert participa.methods.ranked_pairs(tennessee) == ["Nashville"]
    assert sorted(participa.methods.__all__) == sorted(
        name.replace("-", "_") for name in tally.methods())
    assert participa.methods.borda(tennessee, variant="truncated", max_rank=2) == \
        tally.count("borda", tennessee,
                    parameters={"variant": "truncated", "max_rank": 2}).winner_names()
    with pytest.raises(ValueError, match="irv has no parameter 'max_rank'"):
        participa.methods.irv(tennessee, max_rank=2)
