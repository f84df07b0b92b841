"""The surveys component: a questionnaire in a space, answered while it is open, each
respondent counted once by a salted token, results published per question.

An admin executes ``FormSet(form=questionnaire.Questionnaire.from_dict(...))``; respondents
answer with ``ResponseSubmitted(response=[{"choices": [{"option": 1}]}, {"text": "..."}])``
(a visitor, where the component allows them, also gives a ``session``); after answers close an
admin executes ``ResultsPublished(questions=[0, 2])``. ``results`` gives the published
questions' ``questionnaire.Summary`` (every question with ``unpublished=True``, for the
survey's admins), which ``participa.report`` draws as a page.
"""

from __future__ import annotations

from typing import Any

from .. import _core
from .._reexport import reexport

__all__ = reexport(_core.surveys, globals(), __name__)


def results(organization: Any, component: Any, *, unpublished: bool = False,
            language: str = "") -> Any:
    """The survey's results as a ``questionnaire.Summary``: the questions whose results are
    published, or every question with ``unpublished=True`` (what the survey's admins see);
    labels in ``language`` (the form's default when empty). StateError before the form is
    set."""
    from ..questionnaire import Summary

    return Summary(_core.surveys._results_json(organization, component, unpublished, language))


__all__ += ["results"]
