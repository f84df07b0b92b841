"""Every Python example runs, as users would run it."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import CONFORMANCE, SOURCE


def test_pb_walkthrough_writes_its_chart(tmp_path):
    chart = tmp_path / "rules.png"
    env = dict(os.environ, MPLCONFIGDIR=str(tmp_path / "mpl"))
    printed = subprocess.run(
        [sys.executable, "-W", "error", str(SOURCE / "examples" / "python" / "pb_walkthrough.py"),
         str(CONFORMANCE / "pabulib" / "Poland_Swiecie_2023.pb"), str(chart)],
        check=True, capture_output=True, text=True, env=env).stdout
    assert "equal shares + add1" in printed
    # Świecie's official outcome (equal shares, add-one) spends 1 040 337 of 1 070 000.
    assert "1,040,337.000" in printed
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert chart.stat().st_size > 10_000
