"""The elections component: elections with questions, a census, ballots online, at a booth,
through a mediator or on paper at polling stations, and results split by channel.

Payloads (``ElectionAdded``, ``QuestionAdded``, ``BallotCast``, ``VoterMarked``,
``PaperBallotEntered``, ``StationConfirmed``, ...) are executed with the component's id:

    ledger.execute(elections.BallotCast(election=e, answers=[elections.Answer(choices=[0])]),
                   actor=ana, component=c)

``state_of(organization, component)`` is the component's state as the record folds it;
``results(organization, component, election, reader)`` what a reader may see of the results
now (it raises while they are hidden). ``results_frame`` gives the results as a pandas
DataFrame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

from .. import _core
from .._reexport import reexport

__all__ = reexport(_core.elections, globals(), __name__)

_CHANNELS = ["online", "in-person", "mediated", "station"]


def results_frame(results: Any) -> pandas.DataFrame:
    """One row per question, option and channel of a ``Results``: question (its position),
    title, option, channel and votes (choices made; first preferences for a ranked question,
    sums of scores for a score question), with "(blank)" and "(null)" rows for the answers
    counted apart. Summing ``votes`` over channels gives each option's total."""
    import pandas as pd

    rows = []
    for question in results.questions:
        counts = list(zip(question.options, question.votes))
        counts += [("(blank)", question.blank), ("(null)", question.null)]
        for option, by_channel in counts:
            for channel, votes in zip(_CHANNELS, by_channel):
                rows.append({"question": question.position, "title": question.title,
                             "option": option, "channel": channel, "votes": votes})
    frame = pd.DataFrame(rows, columns=["question", "title", "option", "channel", "votes"])
    frame["votes"] = frame["votes"].astype("int64")
    frame["channel"] = pd.Categorical(frame["channel"], categories=_CHANNELS)
    return frame


__all__ += ["results_frame"]
