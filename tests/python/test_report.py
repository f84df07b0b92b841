"""Result pages read back in a real browser: headless Chromium, driven by Selenium, loads each
page from disk, logs no error, fetches nothing, and shows in its tables exactly the numbers of
the result's JSON. The browser is started by the test and stopped after it.

Pages of a count (IRV with transfers), a pairwise count (its head-to-head matrix), rules
compared on one budget, a survey's summary, a participatory budget (Świecie 2023, greedy), an
election voted on every channel and a hybrid meeting (counts worked out by hand in the test).
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

import participa
from participa import io, pb, tally
from participa.components import elections as el
from participa.components import meetings as mt

from conftest import start_chromium
from test_elections import ElectionCity
from test_meetings import POLL, Assembly
from test_participation import START

SOURCE = Path(__file__).resolve().parents[2]
SWIECIE = SOURCE / "tests/data/conformance/pabulib/Poland_Swiecie_2023.pb"


@pytest.fixture(scope="module")
def browser():
    driver = start_chromium()
    yield driver
    driver.quit()


def open_page(browser, path: Path):
    from selenium.webdriver.common.by import By

    browser.get(path.resolve().as_uri())
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    return lambda css: browser.find_elements(By.CSS_SELECTOR, css)


def text_of(element) -> str:
    return element.get_attribute("textContent").strip()


def test_a_count_page_shows_every_round_and_transfer(browser, tmp_path):
    # Ana>Ben twice, Ben>Chloe twice, Chloe>Ben once: first preferences 2, 2, 1; IRV drops
    # Chloe, whose ballot goes to Ben, who wins with 3 of 5.
    rankings = np.array([[0, 1, -1], [0, 1, -1], [1, 2, -1], [1, 2, -1], [2, 1, -1]])
    result = tally.count("irv", tally.Profile.from_rankings(rankings, ["Ana", "Ben", "Chloe"]))
    page = tmp_path / "count.html"
    io.report(result, page)
    expected = json.loads(io.result_to_json(result))
    find = open_page(browser, page)
    assert [text_of(e) for e in find(".winner")] == expected["winners"] == ["Ben"]
    for round_ in expected["rounds"]:
        rows = find(f'section.round[data-round="{round_["number"]}"] table.tally tr[data-candidate]')
        shown = {row.get_attribute("data-candidate"): text_of(row.find_element("css selector",
                                                                               "td.votes"))
                 for row in rows}
        assert shown == {entry["candidate"]: entry["votes"] for entry in round_["tally"]}
        transfers = find(f'section.round[data-round="{round_["number"]}"] table.transfers '
                         'td.votes')
        assert [text_of(t) for t in transfers] == [t["votes"] for t in round_.get("transfers", [])]
    assert len(find("svg rect.bar")) == sum(len(r["tally"]) for r in expected["rounds"])
    # The flow diagram: a band for what each continuing candidate kept, one per transfer to a
    # candidate (exhausted ballots leave the flow).
    rounds = expected["rounds"]
    bands = []
    for now, after in zip(rounds, rounds[1:]):
        continuing = {entry["candidate"] for entry in after["tally"]}
        bands += [f'{e["candidate"]} to {e["candidate"]}: {e["votes"]}' for e in now["tally"]
                  if e["candidate"] in continuing]
        bands += [f'{t["from"]} to {t["to"]}: {t["votes"]}' for t in now.get("transfers", [])
                  if t["to"]]
    assert sorted(text_of(b) for b in find("section.flow path.band")) == sorted(bands)


def test_a_pairwise_count_page_shows_its_head_to_head_matrix(browser, tmp_path):
    # A 3-voter cycle: A>B>C, B>C>A, C>A>B — each candidate beats the next on 2 ballots of 3.
    rankings = np.array([[0, 1, 2], [1, 2, 0], [2, 0, 1]])
    result = tally.count("schulze", tally.Profile.from_rankings(rankings, ["A", "B", "C"]))
    page = tmp_path / "schulze.html"
    io.report(result, page)
    expected = json.loads(io.result_to_json(result))
    find = open_page(browser, page)
    names = expected["candidates"]
    for over, row in zip(names, expected["pairwise"]):
        cells = find(f'table.pairwise tr[data-candidate="{over}"] td')
        shown = {cell.get_attribute("data-against"): text_of(cell) for cell in cells}
        assert shown == {against: ("—" if against == over else count)
                         for against, count in zip(names, row["support"])}
    wins = {(c.find_element("xpath", "..").get_attribute("data-candidate"),
             c.get_attribute("data-against")) for c in find("table.pairwise td.wins")}
    assert wins == {("A", "B"), ("B", "C"), ("C", "A")}
    assert len(find("section.pairwise svg rect.cell")) == len(names) ** 2


def test_a_budget_page_shows_the_selection_and_the_money(browser, tmp_path):
    election = io.read_pabulib(str(SWIECIE))
    result = pb.greedy(election)
    page = tmp_path / "budget.html"
    io.report(result, page)
    expected = json.loads(io.pb_result_report_json(result))
    find = open_page(browser, page)
    assert text_of(find("td.total-cost")[0]) == expected["total_cost"]
    assert text_of(find("td.budget")[0]) == expected["budget"]
    assert [text_of(e) for e in find("li.project")] == expected["selected"]
    rows = find("table.pb-rounds tr[data-project]")
    assert [r.get_attribute("data-project") for r in rows] == [r["project"] for r in
                                                                expected["rounds"]]


def test_rules_compared_side_by_side(browser, tmp_path):
    election = io.read_pabulib(str(SWIECIE))
    text = io.pb_comparison_json(election)
    expected = json.loads(text)
    page = tmp_path / "compare.html"
    participa.report(text, page)
    find = open_page(browser, page)
    # The rules' selections are the rules' own, run here one by one.
    greedy = expected["rules"][0]
    assert greedy["label"] == "greedy"
    result = pb.greedy(election)
    assert greedy["selected"] == [result.projects[i] for i in sorted(result.selected)]
    assert greedy["total_cost"] == str(result.total_cost)
    for rule in expected["rules"]:
        row = find(f'table.rules tr[data-rule="{rule["label"]}"]')[0]
        cell = lambda css: text_of(row.find_element("css selector", css))  # noqa: E731
        if "error" in rule:
            assert cell("td.error") == rule["error"]
            continue
        assert cell("td.count") == str(len(rule["selected"]))
        assert cell("td.total-cost") == rule["total_cost"]
        assert cell("td.share") == rule["share_with_a_funded_project"]
    # Supporters counted here from the ballots: the voters who approve each project.
    frame = election.profile.ballots_frame()
    ids = [project.id for project in election.instance.projects]
    supporters = {id_: 0 for id_ in ids}
    for marks, weight in zip(frame["marks"], frame["weight"]):
        for mark in marks:
            supporters[ids[mark]] += int(weight)
    ran = [rule for rule in expected["rules"] if "error" not in rule]
    rows = find("table.projects tr[data-project]")
    assert len(rows) == len(ids)
    shown = [int(text_of(row.find_element("css selector", "td.supporters"))) for row in rows]
    assert shown == sorted(shown, reverse=True)
    for row in rows:
        project = row.get_attribute("data-project")
        assert int(text_of(row.find_element("css selector", "td.supporters"))) == \
            supporters[project]
        funded = {c.get_attribute("data-rule") for c in
                  row.find_elements("css selector", "td.funded")}
        assert funded == {rule["label"] for rule in ran if project in rule["selected"]}
    assert len(find("figure.scatter")) == len(ran)
    assert len(find("figure.scatter circle.funded")) == sum(len(r["selected"]) for r in ran)


def test_a_survey_page_shows_every_question_as_the_summary_counts_it(browser, tmp_path):
    from participa import questionnaire as Q
    from test_questionnaire import FORM, RESPONSES

    form = Q.Questionnaire.from_dict(FORM)
    summary = Q.summarize(form, Q.Responses.from_jsonl(RESPONSES, form, "responses.jsonl"))
    page = tmp_path / "survey.html"
    participa.report(summary, page)
    expected = json.loads(summary.to_json())
    find = open_page(browser, page)
    assert text_of(find("p.rejected")[0]).startswith("1 responses were not counted")
    sections = find("section.question")
    assert [s.get_attribute("data-question") for s in sections] == \
        [str(q["question"]) for q in expected["questions"]]
    for question in expected["questions"]:
        at = f'section.question[data-question="{question["question"]}"]'
        assert text_of(find(f"{at} span.answered")[0]) == str(question["answered"])
        rows = find(f"{at} table.options tr[data-option]")
        assert [(r.get_attribute("data-option"), text_of(r.find_element("css selector", "td.count")),
                 text_of(r.find_element("css selector", "td.share-of-answered")))
                for r in rows] == [(o["option"], str(o["count"]), o["share_of_answered"])
                                   for o in question.get("options", [])]
        for row in question.get("rows", []):
            cells = find(f'{at} table.matrix tr[data-row="{row["row"]}"] td.count')
            assert [text_of(c) for c in cells] == [str(o["count"]) for o in row["options"]]
        for option in question.get("sorting", []):
            cells = find(f'{at} table.sorting tr[data-option="{option["option"]}"] td')
            assert [text_of(c) for c in cells] == [str(n) for n in option["positions"]] + \
                [option["borda_points"]]
        texts = find(f"{at} table.texts td.text")
        assert [text_of(t) for t in texts] == [t["value"] for t in question.get("texts", [])]
    # Hand-counted in test_questionnaire: Oak chosen twice, "Tram" written beside Other, the
    # sorting ranked A, then B = C.
    assert text_of(find('section.question[data-question="2"] tr[data-option="Oak"] td.count')[0]) \
        == "2"
    assert text_of(find("table.free-texts td.text")[0]) == "Tram"
    assert text_of(find("p.ranking")[0]) == "Ranked by Borda points: A, then B = C."


def test_an_election_page_splits_every_option_by_channel(browser, tmp_path):
    city = ElectionCity()
    election = city.act(city.admin, el.ElectionAdded(title="Mayor")).election
    city.act(city.admin, el.QuestionAdded(election=election, question=el.Question(
        title="Mayor", options=["Ana", "Ben"])))
    station = city.act(city.admin, el.StationAdded(
        election=election, name="Centre", officers=[city.officer, city.clerk])).station
    ana, ben = el.Answer(choices=[0]), el.Answer(choices=[1])
    voters = [city.resident(f"voter-{i}") for i in range(5)]
    city.act(voters[0], el.BallotCast(election=election, answers=[ana]))
    city.act(voters[1], el.BallotCast(election=election, answers=[ben]))
    city.act(voters[2], el.BallotCast(election=election, answers=[el.Answer()]))
    city.act(voters[3], el.BallotCast(election=election, answers=[ana]),
             channel="mediated", recorded_by=city.officer)
    city.act(voters[4], el.VoterMarked(election=election, station=station),
             channel="in-person", recorded_by=city.officer)
    city.configure(False)
    city.act(city.officer, el.StationTotalsReported(
        election=election, station=station, ballots_issued=1,
        totals=[el.QuestionTotals(votes=[0, 1], blank=0, null=0)]))
    city.act(city.clerk, el.StationConfirmed(election=election, station=station))
    city.act(city.admin, el.OutcomeStated(election=election, question=0, option=1,
                                          statement="The council settles the tie for Ben."))
    results = city.results(election)
    page = tmp_path / "election.html"
    io.report(results, page)
    find = open_page(browser, page)

    def row(option):
        cells = find(f'table.counts[data-question="0"] tr[data-option="{option}"] td')
        return [int(text_of(c)) for c in cells]

    # online, in person, mediated, station, total — Ana: online 1, mediated 1; Ben: online 1,
    # station 1; one blank online; five ballots.
    assert row("Ana") == [1, 0, 1, 0, 2]
    assert row("Ben") == [1, 0, 0, 1, 2]
    assert row("(blank)") == [1, 0, 0, 0, 1]
    assert row("(ballots)") == [3, 0, 1, 1, 5]
    expected = json.loads(el.results_to_json(results))
    for option in expected["questions"][0]["options"]:
        assert row(option["option"])[:4] == option["votes"]
    assert text_of(find('tr[data-station="Centre"] td.issued')[0]) == "1"
    assert text_of(find('tr[data-station="Centre"] td.confirmed')[0]) == "yes"
    assert text_of(find("p.method")[0]) == "Counted by plurality: Ana, Ben (a tie)."
    assert text_of(find(".outcome p.statement")[0]) == "The council settles the tie for Ben."
    assert text_of(find(".outcome strong.settled")[0]) == "Ben"
    assert expected["questions"][0]["outcome"]["option"] == "Ben"
    assert find(".outcome time.review") == []
    with pytest.raises(ValueError, match="replaced only when asked|exists"):
        io.report(results, page)
    participa.report(results, page, replace=True)


@pytest.mark.skipif("PARTICIPA_CLI" not in os.environ,
                    reason="PARTICIPA_CLI is set by ctest; run through ctest for the command")
def test_the_report_command_writes_a_page_once_and_refuses_what_is_no_result(tmp_path):
    import subprocess

    cli = os.environ["PARTICIPA_CLI"]
    ballots = SOURCE / "tests/data/conformance/preflib/preflib_data/00005-00000002.toi"
    counted = subprocess.run([cli, "tally", str(ballots), "--method", "irv", "--format", "json"],
                             capture_output=True, text=True, check=True).stdout
    (tmp_path / "irv.json").write_text(counted)
    page = tmp_path / "irv.html"

    def run(*extra):
        return subprocess.run([cli, "report", str(tmp_path / "irv.json"), "--output", str(page),
                               *extra], capture_output=True, text=True)

    assert run().returncode == 0
    first = page.read_bytes()
    assert b"Bob Kiss" in first
    again = run()
    assert again.returncode == 1 and "--force" in again.stderr and page.read_bytes() == first
    assert run("--force").returncode == 0

    # Rules compared, as the command prints them, make a page; a rule's option with --compare
    # would be ignored, so it is refused.
    compared = subprocess.run([cli, "pb", str(SWIECIE), "--compare", "--format", "json"],
                              capture_output=True, text=True, check=True).stdout
    assert json.loads(compared) == json.loads(io.pb_comparison_json(io.read_pabulib(SWIECIE)))
    (tmp_path / "compare.json").write_text(compared)
    assert subprocess.run([cli, "report", str(tmp_path / "compare.json"), "-o",
                           str(tmp_path / "compare.html")]).returncode == 0
    assert "rules compared" in (tmp_path / "compare.html").read_text()
    mixed = subprocess.run([cli, "pb", str(SWIECIE), "--compare", "--rule", "greedy"],
                           capture_output=True, text=True)
    assert mixed.returncode != 0 and "--rule excludes --compare" in mixed.stderr

    (tmp_path / "other.json").write_text('{"votes": [1, 2]}')
    refused = subprocess.run([cli, "report", str(tmp_path / "other.json"), "-o",
                              str(tmp_path / "other.html")], capture_output=True, text=True)
    assert refused.returncode == 1
    assert "not a result participa writes" in refused.stderr
    assert not (tmp_path / "other.html").exists()


def test_a_meeting_page_shows_attendance_polls_and_the_report(browser, tmp_path):
    a = Assembly()
    starts = START + timedelta(days=1)
    meeting = a.act(a.admin, mt.MeetingAdded(
        title="Riverside park", format="hybrid", address="Town hall", url="https://meet.example/p",
        starts_at=starts, ends_at=starts + timedelta(hours=2), slots=2)).meeting
    a.act(a.admin, mt.AgendaItemAdded(meeting=meeting, title="Welcome",
                                      duration=timedelta(minutes=15)))
    a.act(a.admin, mt.RegistrationsOpened(meeting=meeting))
    ana, bo, cy = (a.resident(n) for n in ("ana", "bo", "cy"))
    code = a.act(ana, mt.Registered(meeting=meeting)).code
    a.act(bo, mt.Registered(meeting=meeting))
    a.act(cy, mt.Registered(meeting=meeting))  # two places: cy waits
    a.clock.advance(timedelta(days=1, minutes=5))
    a.act(a.officer, mt.AttendanceRecorded(meeting=meeting, presence="in-person", code=code))
    a.act(bo, mt.AttendanceRecorded(meeting=meeting, presence="online"))
    poll = a.act(a.admin, mt.PollAdded(meeting=meeting, question=POLL)).poll
    a.act(ana, mt.PollAnswered(meeting=meeting, poll=poll,
                               answer={"choices": [{"option": 1}, {"option": 2}]}))
    a.act(bo, mt.PollAnswered(meeting=meeting, poll=poll, answer={"choices": [{"option": 2}]}))
    a.act(a.admin, mt.PollClosed(meeting=meeting, poll=poll))
    a.clock.advance(timedelta(hours=3))
    a.act(a.admin, mt.MeetingClosed(meeting=meeting, report="Benches and trees.",
                                    attendees_count=14, contributions_count=5,
                                    organizations=["River friends"]))
    held = a.meeting(meeting)
    page = tmp_path / "meeting.html"
    participa.report(held, page)
    find = open_page(browser, page)

    def number(selector):
        return int(text_of(find(selector)[0]))

    # Registered ana and bo in the two places, cy waiting; ana at the door, bo online; the room
    # counted 14 at the close. The poll: Benches 1 (ana), Trees 2 (ana, bo), Lights 0.
    assert [number(f"td.{c}") for c in ("slots", "confirmed", "waiting")] == [2, 2, 1]
    assert [number(f"td.{c}") for c in ("in-person", "online", "attendees-count")] == [1, 1, 14]
    counts = {option: number(f'tr[data-option="{option}"] td.count')
              for option in ("Benches", "Trees", "Lights")}
    assert counts == {"Benches": 1, "Trees": 2, "Lights": 0}
    expected = json.loads(mt.to_json(held))
    assert {o["option"]: o["answers"] for o in expected["polls"][0]["options"]} == counts
    assert text_of(find("p.report")[0]) == "Benches and trees."
    assert text_of(find("span.organizations")[0]) == "River friends"
    assert text_of(find("table.agenda td.minutes")[0]) == "15"
