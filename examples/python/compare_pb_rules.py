"""Comparing participatory-budgeting rules across many real elections, notebook style: every
pabulib file in the given folders, each counted by greedy and by equal shares with the
satisfaction that fits its votes, then one frame, a summary per rule and country, and a chart.

    PYTHONPATH=build/dev/python /usr/bin/python3 examples/python/compare_pb_rules.py \
        compare.png tests/data/conformance/pabulib tests/data/conformance/pabulib-real

The files are pabulib's (CC BY 4.0; see each folder's SOURCES.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; no display needed
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from participa import io, pb  # noqa: E402

# Each rule with the satisfaction that fits the file's votes (pb.natural_satisfaction). Equal
# shares spends what it leaves greedily, which takes a blink where add-one completion can take
# minutes on a budget in small currency units.
RULES = {
    "greedy": lambda e: pb.greedy(e),
    "equal shares": lambda e: pb.equal_shares(e, completion="greedy"),
}


def count_file(path: Path) -> list[dict]:
    election = io.read_pabulib(str(path))
    meta = election.instance.meta
    rows = []
    for rule, run in RULES.items():
        result = run(election)
        rows.append({
            "file": path.stem,
            "country": meta.get("country", "?"),
            "vote_type": election.instance.vote_type.name,
            "voters": election.profile.total_weight,
            "rule": rule,
            "funded": len(result.selected),
            "spent": float(result.total_cost / election.instance.budget),
            "voters_with_a_funded_project": float(pb.share_with_a_funded_project(election,
                                                                                 result)),
        })
    return rows


def main(chart: str, *folders: str) -> pd.DataFrame:
    files = sorted(p for folder in folders for p in Path(folder).glob("*.pb"))
    frame = pd.DataFrame([row for path in files for row in count_file(path)])
    by_rule = frame.pivot_table(index="rule", values=["funded", "spent",
                                                      "voters_with_a_funded_project"])
    print(f"{frame.file.nunique()} elections from {frame.country.nunique()} countries")
    print(by_rule.round(3).to_string())
    wide = frame.pivot_table(index="country", columns="rule",
                             values="voters_with_a_funded_project")
    ax = wide.plot.bar(figsize=(9, 5), rot=30)
    ax.set_ylabel("voters with a funded project (mean share)")
    ax.set_title("Greedy against equal shares, per country")
    plt.tight_layout()
    plt.savefig(chart, dpi=120)
    print(f"chart written to {chart}")
    return frame


if __name__ == "__main__":
    main(sys.argv[1], *sys.argv[2:])
