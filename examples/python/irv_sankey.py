"""An instant-runoff count as a flow chart: each round's votes per candidate, and where the votes
of each eliminated candidate went.

    PYTHONPATH=build/dev/python /usr/bin/python3 examples/python/irv_sankey.py \
        tests/data/conformance/preflib/preflib_data/00005-00000002.toi burlington.png

The default data is Burlington's 2009 mayoral election (PrefLib 00005-00000002, CC BY-SA 4.0;
see tests/data/conformance/preflib/SOURCES.md), the classic case where the instant-runoff
winner is not the Condorcet winner: the pairwise margins printed at the end show it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; no display needed
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from participa import io, tally  # noqa: E402

GAP = 0.02  # space between candidates in a column, as a share of the round's votes


def column_positions(votes: pd.Series, total: float) -> dict[str, tuple[float, float]]:
    """Where each candidate's bar starts and ends in one round's column (largest at the top)."""
    positions, top = {}, total * (1 + GAP * len(votes))
    for name, count in votes.sort_values(ascending=False).items():
        positions[name] = (top - count, top)
        top -= count + total * GAP
    return positions


def band(ax, x0: float, x1: float, low0: float, high0: float, low1: float, high1: float,
         color) -> None:
    """A smooth band from [low0, high0] at x0 to [low1, high1] at x1."""
    xs = np.linspace(x0, x1, 40)
    ease = (1 - np.cos(np.linspace(0, np.pi, 40))) / 2
    ax.fill_between(xs, low0 + (low1 - low0) * ease, high0 + (high1 - high0) * ease,
                    color=color, alpha=0.35, linewidth=0)


def draw(result: tally.Result, path: Path) -> None:
    rounds = result.rounds_frame(exact=False)
    transfers = result.transfers_frame(exact=False)
    votes = rounds.pivot(index="name", columns="round", values="votes")
    total = float(rounds[rounds["round"] == 1].votes.sum())
    colors = dict(zip(votes.index, plt.cm.tab10.colors))
    fig, ax = plt.subplots(figsize=(11, 6))
    columns = {r: column_positions(votes[r].dropna(), total) for r in votes.columns}
    width = 0.12
    for r, positions in columns.items():
        for name, (low, high) in positions.items():
            ax.add_patch(plt.Rectangle((r - width / 2, low), width, high - low,
                                       color=colors[name]))
            if high - low > total * 0.03:
                ax.text(r, (low + high) / 2, f"{name}\n{high - low:,.0f}", ha="center",
                        va="center", fontsize=7)
    for r in list(columns)[:-1]:
        here, there = columns[r], columns[r + 1]
        # Votes that stay with a continuing candidate.
        filled: dict[str, float] = {}
        for name, (low, high) in here.items():
            if name in there:
                low1, _ = there[name]
                band(ax, r + width / 2, r + 1 - width / 2, low, high, low1, low1 + high - low,
                     colors[name])
                filled[name] = low1 + high - low
        # Votes transferred from the candidates eliminated in this round.
        cursor: dict[str, float] = {}
        for row in transfers[transfers["round"] == r].itertuples():
            if row.target is None or row.target not in there:
                continue
            source_low = cursor.get(row.source, here[row.source][0])
            target_low = filled[row.target]
            band(ax, r + width / 2, r + 1 - width / 2, source_low, source_low + row.votes,
                 target_low, target_low + row.votes, colors[row.source])
            cursor[row.source] = source_low + row.votes
            filled[row.target] = target_low + row.votes
    ax.set_xticks(list(columns), [f"round {r}" for r in columns])
    ax.set_yticks([])
    ax.set_xlim(0.5, len(columns) + 0.5)
    ax.set_ylim(0, total * (1 + GAP * len(votes)) * 1.02)
    ax.set_title(f"Instant runoff: {', '.join(result.winner_names())} wins")
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main(source: str, chart: str) -> None:
    profile = io.read_preflib(source).profile
    result = tally.count("irv", profile)
    draw(result, Path(chart))
    print(f"instant-runoff winner: {', '.join(result.winner_names())}")
    print(f"Condorcet winner: {', '.join(tally.count('condorcet', profile).winner_names())}")
    print("pairwise margins (row over column):")
    print(profile.margins_frame().to_string())
    print(f"chart written to {chart}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
