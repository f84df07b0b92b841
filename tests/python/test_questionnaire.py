"""participa.questionnaire: forms from dicts, responses from files and DataFrames, per-option
counts and exact shares. Expected figures are counted by hand from the responses written here."""

from __future__ import annotations

import json
import os
import subprocess
from fractions import Fraction

import pandas as pd
import pytest

import participa
from participa import questionnaire as Q

CLI = os.environ.get("PARTICIPA_CLI")


def opts(*names, free=()):
    return [{"body": {"en": n}, **({"free_text": True} if n in free else {})} for n in names]


FORM = {
    "title": {"en": "Our park", "ca": "El nostre parc"},
    "salt": "s3cret",
    "questions": [
        {"type": "single-option", "body": {"en": "How do you come?"}, "mandatory": True,
         "options": opts("Bus", "Bike", "Other", free=("Other",)), "results_published": True},
        {"type": "multiple-option", "body": {"en": "Trees"}, "max_choices": 2,
         "options": opts("Oak", "Elm", "Ash")},
        {"type": "short-text", "body": {"en": "Which line?"},
         "conditions": [{"question": 1, "kind": "equal", "option": 1}]},
        {"type": "sorting", "body": {"en": "Rank"}, "options": opts("A", "B", "C")},
        {"type": "matrix-single", "body": {"en": "Rate"}, "options": opts("Good", "Bad"),
         "rows": [{"body": {"en": "Paths"}}, {"body": {"en": "Light"}}]},
    ],
}


def line(respondent, *answers):
    return json.dumps({"respondent": respondent, "answers": list(answers)})


def choices(question, *options, rows=None):
    picked = [{"option": o} if rows is None else {"option": o, "row": r}
              for o, r in zip(options, rows or [None] * len(options))]
    return {"question": question, "choices": picked}


# r1: Bus, Oak+Elm, line "7", A>B>C, Paths Good / Light Bad
# r2: Other ("Tram"), Ash, C>A>B
# r3: Bike, Oak, A>B>C, Paths Bad
# r4: Bike, and answers the hidden question 3: not counted
RESPONSES = "\n".join([
    line("r1", choices(1, 1), choices(2, 1, 2), {"question": 3, "text": "7"},
         choices(4, 1, 2, 3), choices(5, 1, 2, rows=[1, 2])),
    line("r2", {"question": 1, "choices": [{"option": 3, "free_text": "Tram"}]}, choices(2, 3),
         choices(4, 3, 1, 2)),
    line("r3", choices(1, 2), choices(2, 1), choices(4, 1, 2, 3), choices(5, 2, rows=[1])),
    line("r4", choices(1, 2), {"question": 3, "text": "9"}),
])


@pytest.fixture
def form():
    return Q.Questionnaire.from_dict(FORM)


@pytest.fixture
def responses(form):
    return Q.Responses.from_jsonl(RESPONSES, form, "responses.jsonl")


def test_forms_build_from_dicts_and_round_trip(form, copy_fn):
    assert len(form) == 5
    assert form.title == "Our park"
    assert form.labels()[2] == "3. Which line?"
    assert form.question_type(4) == "sorting"
    again = Q.Questionnaire.from_dict(form.to_dict())
    assert again == form and again.digest == form.digest
    assert copy_fn(form) == form
    with pytest.raises(IndexError, match="question 9 does not exist"):
        form.question_type(9)


def test_a_bad_form_lists_every_problem():
    bad = json.loads(json.dumps(FORM))
    bad["questions"][1]["max_choices"] = 1
    bad["questions"][3]["conditions"] = [{"question": 4, "kind": "answered"}]
    with pytest.raises(ValueError) as error:
        Q.Questionnaire.from_dict(bad)
    message = str(error.value)
    assert "question 2: max_choices 1 must be between 2 and the number of options (3)" in message
    assert "question 4 condition 1: points to question 4, which is not an earlier question" in message


def test_counts_are_per_option_with_exact_shares(form, responses):
    summary = Q.summarize(form, responses)
    assert summary.respondents == 3
    assert [r["respondent"] for r in summary.rejected] == ["r4"]
    assert summary.rejected[0]["problems"] == [
        {"question": 3, "reason": "is hidden by its display conditions and takes no answer"}]
    trees = summary.question(2)
    assert [(o["option"], o["count"]) for o in trees["options"]] == [("Oak", 2), ("Elm", 1), ("Ash", 1)]
    assert trees["options"][0]["share_of_answered"] == Fraction(2, 3)
    how = summary.question(1)
    assert how["options"][2]["free_texts"] == [{"value": "Tram", "count": 1}]
    line_question = summary.question(3)
    assert (line_question["shown"], line_question["answered"]) == (1, 1)
    # Borda, position k of 3 gets 2-k: A = 2+1+2 = 5, B = 1+0+1 = 2, C = 0+2+0 = 2.
    rank = summary.question(4)
    assert [o["borda_points"] for o in rank["sorting"]] == [5, 2, 2]
    assert rank["ranking"] == [["A"], ["B", "C"]]
    rate = summary.question(5)
    assert rate["rows"][0]["answered"] == 2
    assert rate["rows"][0]["options"][1]["share_of_answered"] == Fraction(1, 2)


def test_frames(form, responses):
    summary = Q.summarize(form, responses)
    frame = summary.frame()
    trees = frame[frame.question == 2].set_index("option")
    assert trees.loc["Oak", "count"] == 2
    assert trees.loc["Oak", "share_of_answered"] == Fraction(2, 3)
    floats = summary.frame(exact=False)
    assert floats.share_of_answered.dtype == "float64"
    assert floats[floats.question == 2].share_of_answered.iloc[0] == pytest.approx(2 / 3)
    texts = summary.texts_frame()
    assert set(zip(texts.option, texts.value)) == {("Other", "Tram"), (None, "7")}


def test_responses_frame_and_back(form, responses):
    frame = responses.frame()
    assert list(frame.respondent) == ["r1", "r2", "r3", "r4"]
    how = frame["1. How do you come?"]
    assert isinstance(how.dtype, pd.CategoricalDtype)
    assert list(how.cat.categories) == ["Bus", "Bike", "Other"]
    assert frame["2. Trees"][0] == ["Oak", "Elm"]
    assert frame["1. How do you come? / Other"][1] == "Tram"
    assert frame["4. Rank"][1] == ["C", "A", "B"]
    assert pd.isna(frame["2. Trees"][3])
    back = Q.Responses.from_frame(frame, form)
    assert back.to_jsonl() == responses.to_jsonl()


def test_bad_frames_and_files_are_refused(form, tmp_path):
    frame = pd.DataFrame({"respondent": ["a", "a"], "1. How do you come?": ["Bus", "Bike"]})
    with pytest.raises(ValueError, match="column '1. How do you come\\? / Other' is missing"):
        Q.Responses.from_frame(frame, form)
    with pytest.raises(ValueError, match="respondent 'r1' is listed again"):
        Q.Responses.from_jsonl(RESPONSES.split("\n")[0] + "\n" + RESPONSES, form)
    with pytest.raises(FileNotFoundError):
        Q.Responses.read(tmp_path / "missing.csv", form)
    path = tmp_path / "responses.csv"
    path.write_text(Q.Responses.from_jsonl(RESPONSES, form).to_csv())
    assert len(Q.Responses.read(path, form)) == 4  # a pathlib.Path is a path


def test_aggregates_merge_and_refuse_another_form(form, responses):
    first = Q.Responses.from_jsonl("\n".join(RESPONSES.split("\n")[:2]), form)
    second = Q.Responses.from_jsonl("\n".join(RESPONSES.split("\n")[2:]), form)
    whole = Q.tabulate(form, responses).aggregate
    merged = Q.tabulate(form, second).aggregate + Q.tabulate(form, first).aggregate
    assert merged == whole and merged.respondents == 3
    other = Q.Questionnaire.from_dict({**FORM, "salt": "another"})
    merged += Q.Aggregate(other)
    with pytest.raises(participa.StateError, match="different forms"):
        Q.summarize(form, merged)
    with pytest.raises(participa.StateError, match="another form"):
        Q.tabulate(other, responses)
    with pytest.raises(TypeError, match="does not pickle on its own"):
        import pickle
        pickle.dumps(whole)


def test_cross_tabulation_by_a_single_option_question(form, responses):
    by_mode = Q.cross_tabulate(form, responses, 1)
    assert set(by_mode) == {"Bus", "Bike", "Other", None}
    assert by_mode["Bike"].respondents == 1  # r3 (r4 is invalid and counted nowhere)
    assert [o["count"] for o in by_mode["Bike"].question(2)["options"]] == [1, 0, 0]
    assert by_mode[None].respondents == 0
    with pytest.raises(ValueError, match="a multiple-option question"):
        Q.cross_tabulate(form, responses, 2)


def test_published_only_and_language(form, responses):
    summary = Q.summarize(form, responses, published_only=True, language="ca")
    assert [q["question"] for q in summary.questions] == [1]
    assert summary.title == "El nostre parc"
    open_data = responses.to_csv(published_only=True).splitlines()
    assert open_data[0] == "respondent,1. How do you come?,1. How do you come? / Other"
    assert open_data[2] == "r2,Other,Tram"


def test_charts(form, responses):
    import matplotlib
    matplotlib.use("Agg")
    summary = Q.summarize(form, responses)
    bars = summary.plot(2)
    assert [p.get_height() for p in bars.patches] == [2, 1, 1]
    grid = summary.plot(5)
    assert grid.images[0].get_array().tolist() == [[1, 1], [0, 1]]
    borda = summary.plot(4)
    assert [p.get_height() for p in borda.patches] == [5, 2, 2]
    with pytest.raises(KeyError):
        summary.plot(9)


def test_the_command_agrees_with_python(form, responses, tmp_path):
    if CLI is None:
        pytest.skip("PARTICIPA_CLI is not set: the command was not built with this module")
    (tmp_path / "form.json").write_text(form.to_json())
    (tmp_path / "r.csv").write_text(responses.to_csv())
    done = subprocess.run([CLI, "survey", "summarize", "form.json", "r.csv", "--format", "json"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "1 of 4 responses are not valid" in done.stderr
    from_cli = json.loads(done.stdout)
    assert from_cli == json.loads(Q.summarize(form, responses).to_json())
    assert from_cli["kind"] == "survey-summary" and from_cli["rejected"][0]["respondent"] == "r4"
    checked = subprocess.run([CLI, "survey", "validate", "form.json", "r.csv"], cwd=tmp_path,
                             capture_output=True, text=True, timeout=60)
    assert checked.returncode == 1
    assert checked.stdout.splitlines() == [
        "r4: question 3: is hidden by its display conditions and takes no answer",
        "3 of 4 responses are valid"]
    as_json = subprocess.run([CLI, "survey", "validate", "form.json", "r.csv", "--format", "json"],
                             cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout) == {
        "form": form.digest, "responses": 4, "valid": 3,
        "rejected": [{"respondent": "r4", "problems": [
            {"question": 3,
             "reason": "is hidden by its display conditions and takes no answer"}]}]}
    wrong = subprocess.run([CLI, "survey", "summarize", "form.json", "r.txt"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 1 and wrong.stdout == ""
    assert "responses are read from .jsonl or .csv files" in wrong.stderr


def scale_types(**overrides):
    """A vendor 'scale' answered 1 to 5, described by its mean (exact)."""
    def check_answer(question, value):
        return [] if value in {"1", "2", "3", "4", "5"} else [f"{value!r} is not 1 to 5"]

    def describe(question, values):
        answers = sum(count for _, count in values)
        return {"mean": Fraction(sum(int(v) * count for v, count in values), answers),
                "answers": answers}

    types = Q.QuestionTypes()
    types.add("scale", **{"check_answer": check_answer, "describe": describe, **overrides})
    return types


SCALE_FORM = {"title": {"en": "Rate"}, "questions": [
    {"type": "vendor", "vendor_type": "scale", "body": {"en": "How safe is the park?"}}]}
ONE_FOUR = json.dumps({"respondent": "a", "answers": [{"question": 1, "text": "4"}]})


def test_a_vendor_question_type_written_in_python():
    with pytest.raises(ValueError, match="vendor type 'scale' is not registered"):
        Q.Questionnaire.from_dict(SCALE_FORM)
    types = scale_types()
    assert types.names() == ["scale"]
    with pytest.raises(ValueError, match="'scale' is already registered"):
        types.add("scale")
    with pytest.raises(ValueError, match="built-in|lower-case"):
        types.add("sorting")
    form = Q.Questionnaire.from_dict(SCALE_FORM, types=types)
    lines = "\n".join(json.dumps({"respondent": r, "answers": [{"question": 1, "text": v}]})
                      for r, v in [("a", "4"), ("b", "5"), ("c", "5"), ("d", "9")])
    responses = Q.Responses.from_jsonl(lines, form)
    # 4, 5, 5 are counted (mean 14/3); 9 is refused with the handler's reason.
    summary = Q.summarize(form, responses)
    assert summary.rejected == [{"respondent": "d",
                                 "problems": [{"question": 1, "reason": "'9' is not 1 to 5"}]}]
    statistics = summary.question(1)["statistics"]
    assert statistics == {"mean": "14/3", "answers": "3"}
    with pytest.raises(TypeError, match="vendor question types does not pickle"):
        import pickle
        pickle.dumps(form)


def test_a_vendor_handler_that_fails_raises_where_it_ran():
    def broken(question, value):
        raise ZeroDivisionError("the scale broke")

    form = Q.Questionnaire.from_dict(SCALE_FORM, types=scale_types(check_answer=broken))
    responses = Q.Responses.from_jsonl(ONE_FOUR, form)
    with pytest.raises(ZeroDivisionError, match="the scale broke"):
        Q.tabulate(form, responses)
    inexact = scale_types(describe=lambda question, values: {"mean": 4.5})
    form = Q.Questionnaire.from_dict(SCALE_FORM, types=inexact)
    responses = Q.Responses.from_jsonl(ONE_FOUR, form)
    with pytest.raises(TypeError, match="a statistic is exact"):
        Q.summarize(form, responses)
    picky = scale_types(check_question=lambda question: [f"{question['body']} needs a scale"])
    with pytest.raises(ValueError, match="How safe is the park[?] needs a scale"):
        Q.Questionnaire.from_dict(SCALE_FORM, types=picky)
