"""Questionnaires: forms, responses, validation and aggregation (docs/questionnaire.md).

A ``Questionnaire`` is a checked form (``from_dict``, ``from_json``, ``read``). ``Responses``
holds one response per respondent, read from JSONL or CSV files or built from a pandas
DataFrame (``Responses.from_frame``); the responses stay in C++, so ``tabulate`` validates and
counts a million of them in one call. Counting is per option, never per combination.

    form = questionnaire.Questionnaire.from_dict({...})
    responses = questionnaire.Responses.read("responses.csv", form)
    summary = questionnaire.summarize(form, responses)
    summary.frame()             # one row per option (per row x option for matrices)
    summary.plot(2)             # a bar chart of question 2 (matplotlib)

Shares are exact ``fractions.Fraction`` values; ``frame(exact=False)`` gives float64 columns.
Questions are numbered from 1, as in labels and files. Vendor question types (a scale, a date)
are added with ``QuestionTypes`` and Python callables, and given to the form as ``types=``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

from . import _core

__all__ = [
    "Aggregate",
    "QuestionTypes",
    "Questionnaire",
    "Responses",
    "Summary",
    "Tabulation",
    "cross_tabulate",
    "summarize",
    "tabulate",
    "validate",
]

Questionnaire = _core.questionnaire.Questionnaire
Responses = _core.questionnaire.Responses
Aggregate = _core.questionnaire.Aggregate
QuestionTypes = _core.questionnaire.QuestionTypes
for _cls in (Questionnaire, Responses, Aggregate, QuestionTypes):
    _cls.__module__ = __name__


def __dir__() -> list[str]:
    return list(__all__)


def _from_dict(form: dict[str, Any], *, types: Any = None) -> Any:
    """The form from a dict shaped like participa.v1.Questionnaire's JSON
    (``format_version`` defaults to 1); vendor questions are looked up in ``types``
    (``QuestionTypes``)."""
    return Questionnaire.from_json(json.dumps({"format_version": 1, **form}), types=types)


def _to_dict(self: Any) -> dict[str, Any]:
    """The form as a dict (the JSON of participa.v1.Questionnaire)."""
    return json.loads(self.to_json())


Questionnaire.from_dict = staticmethod(_from_dict)
Questionnaire.to_dict = _to_dict


@dataclass
class Tabulation:
    """The aggregate of the valid responses, and each response not counted:
    ``rejected`` is a list of ``(respondent, [(question, reason), ...])``."""

    aggregate: Any
    rejected: list[tuple[str, list[tuple[int, str]]]]


def tabulate(questionnaire: Any, responses: Any) -> Tabulation:
    """Validates and counts every response (the GIL is released meanwhile)."""
    aggregate, rejected = _core.questionnaire._tabulate(questionnaire, responses)
    return Tabulation(aggregate, rejected)


def validate(questionnaire: Any, responses: Any) -> list[tuple[str, list[tuple[int, str]]]]:
    """Every invalid response with every problem: ``[(respondent, [(question, reason)])]``."""
    return tabulate(questionnaire, responses).rejected


def _exact(value: Any) -> Any:
    return Fraction(value) if isinstance(value, str) else value


class Summary:
    """Per-question results. ``questions`` is a list of dicts as in the JSON of
    ``participa survey summarize`` (shares as ``Fraction``); ``rejected`` lists responses not
    counted."""

    def __init__(self, text: str) -> None:
        data = json.loads(text)
        for question in data["questions"]:
            groups = [question.get("options", [])] + [r["options"] for r in question.get("rows", [])]
            for options in groups:
                for option in options:
                    option["share_of_answered"] = Fraction(option["share_of_answered"])
                    option["share_of_shown"] = Fraction(option["share_of_shown"])
            for option in question.get("sorting", []):
                option["borda_points"] = Fraction(option["borda_points"])
        self._json = text
        self.form: str = data["form"]
        self.title: str = data["title"]
        self.respondents: int = data["respondents"]
        self.questions: list[dict[str, Any]] = data["questions"]
        self.rejected: list[dict[str, Any]] = data.get("rejected", [])

    def __repr__(self) -> str:
        return (f"<Summary {self.title!r}: {self.respondents} respondents, "
                f"{len(self.questions)} questions>")

    def to_json(self) -> str:
        """The summary as JSON, shares as exact "p/q" text, with the responses not counted
        (``rejected``) when there are any — as ``participa survey summarize`` prints it."""
        if not self.rejected:
            return self._json
        data = json.loads(self._json)
        data["rejected"] = self.rejected
        return json.dumps(data, ensure_ascii=False)

    def question(self, number: int) -> dict[str, Any]:
        """The results of question ``number`` (from 1); KeyError when it has none (display-only,
        or left out as unpublished)."""
        for question in self.questions:
            if question["question"] == number:
                return question
        raise KeyError(f"question {number} has no results in this summary")

    def frame(self, exact: bool = True) -> Any:
        """One row per option of every option question (per row x option for matrices, per
        option for sorting with its Borda points): ``question``, ``label``, ``type``, ``row``
        (None outside matrices), ``option``, ``count``, ``share_of_answered``,
        ``share_of_shown``, ``borda_points`` (sorting only), ``shown``, ``answered``.
        With ``exact=False`` the shares are float64."""
        import pandas as pd

        records = []
        for q in self.questions:
            base = {"question": q["question"], "label": q["label"], "type": q["type"],
                    "shown": q["shown"], "answered": q["answered"]}
            groups = [(None, q.get("options", []))] + [(r["row"], r["options"]) for r in q.get("rows", [])]
            for row, options in groups:
                for o in options:
                    records.append({**base, "row": row, "option": o["option"], "count": o["count"],
                                    "share_of_answered": o["share_of_answered"],
                                    "share_of_shown": o["share_of_shown"], "borda_points": None})
            for o in q.get("sorting", []):
                records.append({**base, "row": None, "option": o["option"],
                                "count": o["positions"][0], "share_of_answered": None,
                                "share_of_shown": None, "borda_points": o["borda_points"]})
        columns = ["question", "label", "type", "row", "option", "count", "share_of_answered",
                   "share_of_shown", "borda_points", "shown", "answered"]
        frame = pd.DataFrame.from_records(records, columns=columns)
        if not exact:
            for column in ("share_of_answered", "share_of_shown", "borda_points"):
                frame[column] = frame[column].map(
                    lambda v: float("nan") if v is None else float(v)).astype("float64")
        return frame

    def texts_frame(self) -> pandas.DataFrame:
        """Text answers, vendor values and free texts: ``question``, ``label``, ``option``
        (the option a free text was written under; None for text answers), ``value``,
        ``count``."""
        import pandas as pd

        records = []
        for q in self.questions:
            for t in q.get("texts", []):
                records.append({"question": q["question"], "label": q["label"], "option": None,
                                "value": t["value"], "count": t["count"]})
            for o in q.get("options", []):
                for t in o.get("free_texts", []):
                    records.append({"question": q["question"], "label": q["label"],
                                    "option": o["option"], "value": t["value"], "count": t["count"]})
        return pd.DataFrame.from_records(
            records, columns=["question", "label", "option", "value", "count"])

    def plot(self, number: int, ax: Any = None) -> Any:
        """A chart of question ``number``: bars of counts per option (single and multiple
        option), a heat map of row x option (matrices), bars of Borda points (sorting), bars of
        the most frequent answers (text). Returns the matplotlib Axes."""
        import matplotlib.pyplot as plt

        q = self.question(number)
        if ax is None:
            _, ax = plt.subplots()
        ax.set_title(q["label"])
        if q.get("rows"):
            options = [o["option"] for o in q["rows"][0]["options"]]
            grid = [[o["count"] for o in r["options"]] for r in q["rows"]]
            image = ax.imshow(grid, cmap="Blues", aspect="auto")
            ax.set_xticks(range(len(options)), options)
            ax.set_yticks(range(len(grid)), [r["row"] for r in q["rows"]])
            ax.figure.colorbar(image, ax=ax, label="respondents")
        elif q.get("sorting"):
            ax.bar([o["option"] for o in q["sorting"]], [float(o["borda_points"]) for o in q["sorting"]])
            ax.set_ylabel("Borda points")
        elif q.get("options"):
            ax.bar([o["option"] for o in q["options"]], [o["count"] for o in q["options"]])
            ax.set_ylabel(f"respondents (of {q['answered']} who answered)")
        else:
            texts = q.get("texts", [])[:20]
            ax.barh([t["value"] for t in texts][::-1], [t["count"] for t in texts][::-1])
            ax.set_xlabel("respondents")
        return ax


def summarize(questionnaire: Any, counted: Any, *, published_only: bool = False,
              language: str = "") -> Summary:
    """The per-question results of ``counted``: a ``Responses`` (tabulated first; responses not
    counted are listed in ``Summary.rejected``) or an ``Aggregate``."""
    rejected: list[tuple[str, list[tuple[int, str]]]] = []
    if isinstance(counted, Responses):
        tabulation = tabulate(questionnaire, counted)
        counted, rejected = tabulation.aggregate, tabulation.rejected
    summary = Summary(_core.questionnaire._summary_json(questionnaire, counted, published_only, language))
    summary.rejected = [{"respondent": respondent,
                         "problems": [{"question": n, "reason": r} for n, r in problems]}
                        for respondent, problems in rejected]
    return summary


def cross_tabulate(questionnaire: Any, responses: Any, by: int) -> dict[Any, Summary]:
    """The responses split by the option chosen in single-option question ``by``: a Summary per
    option text, and under None the respondents who did not answer it. Invalid responses are
    counted nowhere (``validate`` lists them)."""
    per_option, not_answered = _core.questionnaire._cross_tabulate(questionnaire, responses, by)
    form = questionnaire.to_dict()
    language = form.get("default_language") or "en"
    options = [o["body"][language] for o in form["questions"][by - 1]["options"]]
    out: dict[Any, Summary] = {}
    for option, aggregate in zip(options, per_option):
        out[option] = summarize(questionnaire, aggregate)
    out[None] = summarize(questionnaire, not_answered)
    return out


def _frame(self: Any) -> pandas.DataFrame:
    """The responses as a DataFrame: ``respondent``, then one column per question in the CSV
    layout (matrices one per row, free-text options one each). Single choices are categorical
    (categories: the options in form order), several choices and files are lists, texts str;
    None where nothing was answered."""
    import pandas as pd

    data: dict[str, Any] = {"respondent": self.respondents}
    for label, _number, kind, options, values in self._columns():
        if kind == "choice":
            data[label] = pd.Categorical(values, categories=options)
        else:
            data[label] = pd.Series(values, dtype="object")
    return pd.DataFrame(data)


def _from_frame(frame: Any, questionnaire: Any) -> Responses:
    """Responses from a DataFrame laid out as ``Responses.frame()`` gives it (columns in any
    order; lists or tuples for several choices and files; None or NaN where nothing was
    answered). Read through the CSV reader, so the same checks apply."""
    import pandas as pd

    def cell(value: Any) -> str:
        if isinstance(value, (list, tuple)):
            return "\n".join(str(v) for v in value)
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return ""
        return str(value)

    text = frame.astype("object").applymap(cell).to_csv(index=False)
    return Responses.from_csv(text, questionnaire, "DataFrame")


Responses.frame = _frame
Responses.from_frame = staticmethod(_from_frame)
