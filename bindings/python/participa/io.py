"""Readers and writers: PrefLib, BLT, ranked CSV, pabulib, RCTab, .xlsx; JSON and bytes.

Every ``read_*`` takes a path, every ``parse_*`` takes text and an optional name used in
error messages. ``*_to_json``/``*_from_json`` and ``*_to_bytes``/``*_from_bytes`` speak
protobuf's JSON and binary forms of the participa.v1 schema, which any protobuf runtime reads.
"""

from __future__ import annotations

import os
from typing import Any

from . import _core
from ._reexport import reexport

__all__ = reexport(_core.io, globals(), __name__)


def report(result: Any, path: str | os.PathLike[str], *, replace: bool = False) -> str:
    """Write the self-contained HTML page of a result — a ``tally.Result``, a ``pb.Result``, an
    election's ``Results`` (``components.elections.results``), a survey's
    ``questionnaire.Summary``, a ``components.meetings.Meeting``, or such a result's JSON text
    (rules compared: ``pb_comparison_json``) — to ``path``; an existing page is replaced only with
    ``replace=True``. Returns the page."""
    from . import pb, questionnaire, tally
    from .components import elections, meetings

    if isinstance(result, str):
        text = result
    elif isinstance(result, tally.Result):
        text = result_to_json(result)
    elif isinstance(result, pb.Result):
        text = pb_result_report_json(result)
    elif isinstance(result, elections.Results):
        text = elections.results_to_json(result)
    elif isinstance(result, questionnaire.Summary):
        text = result.to_json()
    elif isinstance(result, meetings.Meeting):
        text = meetings.to_json(result)
    else:
        raise TypeError(f"report() takes a tally.Result, a pb.Result, an elections.Results, a "
                        f"questionnaire.Summary, a meetings.Meeting or JSON text, not "
                        f"{type(result).__name__}")
    page = report_page(text)
    write_page(page, os.fspath(path), replace=replace)
    return page


__all__ += ["report"]
