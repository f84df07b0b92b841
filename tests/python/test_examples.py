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


def run_example(name, *arguments, tmp_path):
    env = dict(os.environ, MPLCONFIGDIR=str(tmp_path / "mpl"))
    return subprocess.run(
        [sys.executable, "-W", "error", str(SOURCE / "examples" / "python" / name),
         *map(str, arguments)], check=True, capture_output=True, text=True, env=env).stdout


def test_irv_sankey_draws_burlington(tmp_path):
    chart = tmp_path / "burlington.png"
    printed = run_example("irv_sankey.py",
                          CONFORMANCE / "preflib" / "preflib_data" / "00005-00000002.toi",
                          chart, tmp_path=tmp_path)
    # Burlington 2009: Kiss won the instant runoff while Montroll beat every rival head to head.
    assert "instant-runoff winner: Bob Kiss" in printed
    assert "Condorcet winner: Andy Montroll" in printed
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert chart.stat().st_size > 10_000


def test_compare_pb_rules_counts_every_file(tmp_path):
    chart = tmp_path / "compare.png"
    folders = [CONFORMANCE / "pabulib", CONFORMANCE / "pabulib-real"]
    printed = run_example("compare_pb_rules.py", chart, *folders, tmp_path=tmp_path)
    files = [p for folder in folders for p in folder.glob("*.pb")]
    countries = set()
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("country;"):
                countries.add(line.split(";", 1)[1])
                break
    assert f"{len(files)} elections from {len(countries)} countries" in printed
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
