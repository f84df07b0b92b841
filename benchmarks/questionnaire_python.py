"""Counting survey responses from Python against the same count timed inside C++.

    cmake --preset release && cmake --build --preset release
    PYTHONPATH=build/release/python /usr/bin/python3 benchmarks/questionnaire_python.py

A twenty-question form (eight single-option questions, four multiple-option, two matrices, a
sorting question, three short texts, a long text and a files question) and RESPONSES generated
responses, read once from JSONL (timed apart). participa.questionnaire.tabulate is timed
around the Python call; participa._core.questionnaire._tabulate_seconds times the same C++ call
with steady_clock. Times are the fastest of REPEATS interleaved runs.
"""

from __future__ import annotations

import json
import os
import random
import time

from participa import _core
from participa import questionnaire as Q

REPEATS = int(os.environ.get("REPEATS", "5"))
RESPONSES = int(os.environ.get("RESPONSES", "1000000"))


def options(n, prefix):
    return [{"body": {"en": f"{prefix} {i + 1}"}} for i in range(n)]


def form():
    questions = []
    for i in range(8):
        questions.append({"type": "single-option", "body": {"en": f"Single {i}"},
                          "options": options(5, "Choice"), "mandatory": i == 0})
    questions[7]["conditions"] = [{"question": 1, "kind": "equal", "option": 1}]
    for i in range(4):
        questions.append({"type": "multiple-option", "body": {"en": f"Multiple {i}"},
                          "max_choices": 3, "options": options(6, "Item")})
    for i in range(2):
        questions.append({"type": "matrix-single", "body": {"en": f"Matrix {i}"},
                          "options": options(4, "Level"),
                          "rows": [{"body": {"en": f"Row {r + 1}"}} for r in range(3)]})
    questions.append({"type": "sorting", "body": {"en": "Priorities"}, "options": options(4, "Priority")})
    for i in range(3):
        questions.append({"type": "short-text", "body": {"en": f"Short {i}"}, "max_characters": 40})
    questions.append({"type": "long-text", "body": {"en": "Remarks"}})
    questions.append({"type": "files", "body": {"en": "Documents"}})
    return Q.Questionnaire.from_dict({"title": {"en": "National consultation"}, "questions": questions})


def lines(n, rng):
    for k in range(n):
        first = rng.randrange(5)
        answers = [{"question": 1, "choices": [{"option": first + 1}]}]
        for q in range(2, 9):
            if (q == 8 and first != 0) or rng.random() < 0.1:
                continue
            answers.append({"question": q, "choices": [{"option": rng.randrange(5) + 1}]})
        for q in range(9, 13):
            picked = rng.sample(range(1, 7), rng.randrange(4))
            if picked:
                answers.append({"question": q, "choices": [{"option": o} for o in picked]})
        for q in (13, 14):
            answers.append({"question": q, "choices": [{"option": rng.randrange(4) + 1, "row": r}
                                                       for r in (1, 2, 3)]})
        order = rng.sample(range(1, 5), 4)
        answers.append({"question": 15, "choices": [{"option": o} for o in order]})
        for q in (16, 17, 18):
            if rng.random() < 0.5:
                answers.append({"question": q, "text": f"answer {rng.randrange(200)}"})
        yield json.dumps({"respondent": f"r{k}", "answers": answers})


def main() -> None:
    questionnaire = form()
    text = "\n".join(lines(RESPONSES, random.Random(2027)))
    start = time.perf_counter()
    responses = Q.Responses.from_jsonl(text, questionnaire)
    read = time.perf_counter() - start
    python, native = float("inf"), float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        tabulation = Q.tabulate(questionnaire, responses)
        python = min(python, time.perf_counter() - start)
        assert not tabulation.rejected
        # Freed outside the timed part, as the C++ timing frees its result after its clock stops.
        del tabulation
        native = min(native, _core.questionnaire._tabulate_seconds(questionnaire, responses))
    print("| responses | read JSONL | tabulate from Python | tabulate in C++ | Python / C++ |")
    print("|---|---|---|---|---|")
    print(f"| {RESPONSES:,} | {read:.2f} s | {python:.3f} s | {native:.3f} s | {python / native:.3f} |")


if __name__ == "__main__":
    main()
