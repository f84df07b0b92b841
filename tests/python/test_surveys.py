"""participa.components.surveys from Python: a form set by an admin, each participant counted
once, results only for the questions published after answers close, a page of them, and
refusals that change nothing. Expected counts are the responses given here, counted by hand.
"""

from __future__ import annotations

import pytest

import participa
from participa import questionnaire as Q
from participa import space
from participa.components import surveys as su

from test_participation import founded

FORM = {
    "title": {"en": "The new square"},
    "salt": "s3cret",
    "questions": [
        {"type": "single-option", "body": {"en": "Trees or a fountain?"}, "mandatory": True,
         "options": [{"body": {"en": "Trees"}}, {"body": {"en": "Fountain"}}]},
        {"type": "long-text", "body": {"en": "Anything else?"}},
    ],
}


def square():
    ledger, admin, run = founded()
    space_id = run(space.SpaceCreated(kind="process", slug="square", title="Square")).space
    phase = run(space.PhaseAdded(space=space_id, title="Ask")).phase
    component = run(space.ComponentAdded(space=space_id, kind="surveys", name="Survey")).component
    run(space.ComponentConfigured(component=component, phase=phase,
                                  settings={"allow_answers": True}))
    act = lambda who, payload: ledger.execute(  # noqa: E731
        payload, actor=who, component=component).event.body.payload
    act(admin, su.FormSet(form=Q.Questionnaire.from_dict(FORM)))
    run(space.ComponentPublished(component=component))
    run(space.SpacePublished(space=space_id))
    run(space.PhaseActivated(space=space_id, phase=phase))
    people = [ledger.execute(space.ParticipantRegistered(nickname=n, display_name=n.title())
                             ).event.body.participant for n in ("ana", "ben", "cleo")]
    close = lambda: run(space.ComponentConfigured(  # noqa: E731
        component=component, phase=phase, settings={"allow_answers": False}))
    return ledger, admin, people, component, act, close


def test_each_participant_answers_once_and_results_follow_publication(tmp_path):
    ledger, admin, (ana, ben, cleo), component, act, close = square()
    first = act(ana, su.ResponseSubmitted(response=[{"choices": [{"option": 1}]},
                                                    {"text": "Benches, please"}]))
    assert not first.replaces and first.respondent != "0" * 64
    assert first.session == "" and first.ip_address == ""
    act(ben, su.ResponseSubmitted(response=[{"choices": [{"option": 1}]}]))
    act(cleo, su.ResponseSubmitted(response=[{"choices": [{"option": 2}]}]))
    state = su.state_of(ledger.state(), component)
    assert len(state.responses) == 3
    assert state.responses[first.respondent].response[1] == {"text": "Benches, please"}
    assert state.questionnaire.title == "The new square"

    with pytest.raises(participa.StateError, match="once answers are closed"):
        act(admin, su.ResultsPublished(questions=[0]))
    close()
    assert su.results(ledger.state(), component).questions == []
    act(admin, su.ResultsPublished(questions=[0]))
    published = su.results(ledger.state(), component)
    assert published.respondents == 3
    assert [q["question"] for q in published.questions] == [1]
    # Trees: Ana and Ben; Fountain: Cleo.
    assert [(o["option"], o["count"]) for o in published.questions[0]["options"]] == \
        [("Trees", 2), ("Fountain", 1)]
    everything = su.results(ledger.state(), component, unpublished=True)
    assert everything.question(2)["texts"] == [{"value": "Benches, please", "count": 1}]
    page = participa.report(published, tmp_path / "survey.html")
    assert "The new square" in page and "Benches" not in page


def test_refusals_change_nothing():
    ledger, admin, (ana, ben, cleo), component, act, close = square()
    act(ana, su.ResponseSubmitted(response=[{"choices": [{"option": 1}]}]))
    sequence = ledger.sequence
    with pytest.raises(ValueError, match="has answered already"):
        act(ana, su.ResponseSubmitted(response=[{"choices": [{"option": 2}]}]))
    with pytest.raises(ValueError, match="not valid"):
        act(ben, su.ResponseSubmitted(response=[{"choices": [{"option": 9}]}]))
    with pytest.raises(ValueError, match="option"):
        su.ResponseSubmitted(response=[{"choices": [{"option": 0}]}])
    with pytest.raises(participa.StateError, match="only an admin"):
        act(ben, su.ResultsPublished(questions=[0]))
    close()
    with pytest.raises(participa.StateError, match="answers are not allowed"):
        act(cleo, su.ResponseSubmitted(response=[{"choices": [{"option": 1}]}]))
    with pytest.raises(ValueError, match="no question 3"):
        act(admin, su.ResultsPublished(questions=[2]))
    assert ledger.sequence == sequence + 1  # only the close
    assert len(su.state_of(ledger.state(), component).responses) == 1


def test_payloads_pickle_and_the_form_reads_back(copy_fn):
    form = Q.Questionnaire.from_dict(FORM)
    payload = su.FormSet(form=form, clear_responses=True)
    again = copy_fn(payload)
    assert again.form == form and again.clear_responses
    response = su.ResponseSubmitted(response=[{"choices": [{"option": 2}]}], session="tab-1")
    assert copy_fn(response) == response
