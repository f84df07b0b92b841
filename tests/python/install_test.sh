#!/bin/sh
# Installs participa offline into a fresh virtual environment that sees Debian's Python
# packages (pip install --no-build-isolation --no-index), then counts with the installed copy.
set -eu
source_dir=$1
work=$2
python=${3:-/usr/bin/python3}
rm -rf "$work"
"$python" -m venv --system-site-packages "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --no-build-isolation --no-index "$source_dir"
cd "$work"
"$work/venv/bin/python" - <<'PY'
import numpy as np
import participa

assert "/venv/" in participa.__file__, participa.__file__
profile = participa.tally.Profile.from_rankings(np.array([[0, 1], [1, 0], [0, 1]]), ["a", "b"])
result = participa.tally.count("schulze", profile)
assert result.winner_names() == ["a"], result.winner_names()
from participa import space, store
from participa.components import proposals

with store.Ledger() as ledger:
    founded = ledger.execute(space.OrganizationFounded(
        name="City", seed=1, founder_nickname="a", founder_name="A"))
    assert ledger.sequence == 1 and founded.event.body.founder is not None
assert proposals.VoteCast(proposal=None).weight == 1
print("installed participa", participa.__version__, "counts:", result.winner_names())
PY
