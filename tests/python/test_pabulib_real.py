"""Real pabulib files with the collection's quirks load, and what was repaired is said.

The expected values come from Python's csv module reading the same bytes the way pabutools
does (';' delimiter, a ballot's projects as a set), not from participa.
"""

from __future__ import annotations

import csv
import io as textio
from pathlib import Path

import pytest

from participa import io, pb

from conftest import CONFORMANCE

REAL = sorted((CONFORMANCE / "pabulib-real").glob("*.pb"))


def sections(path: Path) -> dict[str, list[list[str]]]:
    """Each section's rows (header first), as Python's csv module reads them."""
    out: dict[str, list[list[str]]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() in ("META", "PROJECTS", "VOTES"):
            current = line.strip()
            out[current] = []
        elif line.strip():
            out[current].append(next(csv.reader(textio.StringIO(line), delimiter=";")))
    return out


def test_there_are_real_files():
    assert len(REAL) == 11


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_a_real_file_loads_and_says_what_was_repaired(path: Path):
    rows = sections(path)
    header, votes = rows["VOTES"][0], rows["VOTES"][1:]
    vote = header.index("vote")
    ballots = [[p.strip() for p in row[vote].split(",") if p.strip()] for row in votes]
    repeated = sum(1 for b in ballots if len(set(b)) != len(b))
    election = io.read_pabulib(str(path))
    assert election.profile.total_weight == len(votes)
    if repeated:
        assert len(election.warnings) == 1
        assert election.warnings[0].startswith(f"{repeated} ballot")
        with pytest.raises(ValueError, match="twice"):
            io.read_pabulib(str(path), strict=True)
    else:
        assert election.warnings == []
    # Each ballot counts each of its projects once: per-project support from the sets.
    ids = [p.id for p in election.instance.projects]
    support = {i: 0 for i in ids}
    for b in ballots:
        for project in set(b):
            support[project] += 1
    marks, offsets, weights = election.profile.marks, election.profile.offsets, election.profile.weights
    counted = {i: 0 for i in ids}
    for k in range(len(weights)):
        for m in marks[offsets[k]:offsets[k + 1]]:
            counted[ids[m]] += int(weights[k])
    assert counted == support
    # Project names read as Python's csv module reads them, a '"' inside a field included.
    projects = rows["PROJECTS"]
    if "name" in projects[0]:
        names = [row[projects[0].index("name")] for row in projects[1:]]
        assert [p.name for p in election.instance.projects] == names
    # Every rule runs, and carries the election's warnings.
    result = pb.greedy(election)
    assert result.warnings == election.warnings
    again = io.parse_pabulib(io.write_pabulib(election), "written")
    assert again == election
