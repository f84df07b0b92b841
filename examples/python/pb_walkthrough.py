"""Participatory budgeting, the data-science way: load a real pabulib election, compare the
winner rules, look at the numbers in pandas, and chart them with matplotlib.

    PYTHONPATH=build/dev/python /usr/bin/python3 examples/python/pb_walkthrough.py \
        tests/data/conformance/pabulib/Poland_Swiecie_2023.pb swiecie_rules.png

The election is Świecie's 2023 participatory budget (pabulib, CC BY 4.0; see
tests/data/conformance/pabulib/SOURCES.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; no display needed
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import participa  # noqa: E402
from participa import pb  # noqa: E402


def compare_rules(election: pb.Election) -> pd.DataFrame:
    """One row per rule: projects funded, money spent, share of voters with a funded project."""
    rules = {
        "greedy, most votes first": pb.greedy(election, "cost"),
        "greedy, votes per cost": pb.greedy(election, "cardinality"),
        "equal shares + add1": pb.equal_shares(election, "cost", "add1"),
        "Phragmén": pb.phragmen(election),
        "max welfare (cost)": pb.max_welfare(election, "cost"),
        "official": pb.official(election),
    }
    rows = []
    for name, outcome in rules.items():
        share = pb.share_with_a_funded_project(election, outcome)
        rows.append({
            "rule": name,
            "projects": len(outcome.selected),
            # Exact Fractions, converted on purpose for display.
            "spent": float(outcome.total_cost),
            "budget used": float(outcome.total_cost / outcome.budget),
            "voters served": float(share),
        })
    return pd.DataFrame(rows).set_index("rule")


def main(pb_file: str, chart: str) -> None:
    election = participa.io.read_pabulib(pb_file)
    print(election)

    projects = election.projects_frame(pb.equal_shares(election, "cost", "add1"))
    projects["cost"] = projects["cost"].astype(float)
    print("\nMost supported projects:")
    print(projects.sort_values("supporters", ascending=False)
          [["cost", "supporters", "selected"]].head(8).to_string())

    comparison = compare_rules(election)
    print("\nRules side by side:")
    print(comparison.to_string(float_format=lambda x: f"{x:,.3f}"))

    figure, axes = plt.subplots(1, 2, figsize=(11, 4), constrained_layout=True)
    comparison["budget used"].plot.barh(ax=axes[0], color="#4c72b0")
    axes[0].set_xlabel("share of the budget spent")
    axes[0].set_xlim(0, 1)
    comparison["voters served"].plot.barh(ax=axes[1], color="#55a868")
    axes[1].set_xlabel("share of voters with at least one funded project")
    axes[1].set_xlim(0, 1)
    axes[1].set_ylabel("")
    figure.suptitle(f"{Path(pb_file).stem}: participatory-budgeting rules compared")
    figure.savefig(chart, dpi=100)
    print(f"\nchart written to {chart}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: pb_walkthrough.py FILE.pb CHART.png")
    main(sys.argv[1], sys.argv[2])
