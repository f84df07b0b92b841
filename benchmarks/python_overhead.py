"""Python against C++: what counting from Python costs over the same C++ call, and how fast
profiles build from numpy arrays.

    cmake --preset release && cmake --build --preset release
    PYTHONPATH=build/release/python /usr/bin/python3 benchmarks/python_overhead.py

For each shape a 1M-ballot profile is built from a numpy array (timed: ballot-marks per
second, a mark being one ranked or approved candidate) and counted by several methods, both
from Python (participa.tally.count, timed around the call) and inside C++ (the same registry
call in the same extension, timed with steady_clock by participa._core.tally._count_seconds). Times
are the fastest of REPEATS runs of each, interleaved, after one warm-up count that computes
the profile's digest.
Prints a markdown table.
"""

from __future__ import annotations

import os
import time

import numpy as np

import participa
from participa import tally

REPEATS = int(os.environ.get("REPEATS", "15"))
BALLOTS = int(os.environ.get("BALLOTS", "1000000"))


def fastest(call, repeats=REPEATS):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def shapes(rng):
    full10 = np.argsort(rng.random((BALLOTS, 10)), axis=1).astype(np.int32)
    top5of20 = np.argsort(rng.random((BALLOTS, 20)), axis=1)[:, :5].astype(np.int32)
    approvals = rng.random((BALLOTS, 20)) < 0.25
    names10 = [f"c{i}" for i in range(10)]
    names20 = [f"c{i}" for i in range(20)]
    yield ("rankings 10 of 10", full10, full10.size,
           lambda: tally.Profile.from_rankings(full10, names10),
           ["plurality", "borda", "irv", "schulze"])
    yield ("rankings 5 of 20", top5of20, top5of20.size,
           lambda: tally.Profile.from_rankings(top5of20, names20),
           ["irv", "ranked-pairs"])
    yield ("approval 0/1, 20 candidates", approvals, int(approvals.sum()),
           lambda: tally.Profile.from_approval_matrix(approvals, names20),
           ["approval"])


def main():
    rng = np.random.default_rng(2026)
    print(f"participa {participa.__version__}, {BALLOTS:,} ballots per profile, fastest of "
          f"{REPEATS}\n")
    print("| profile | distinct | build from numpy | marks/s | method | Python | C++ | Python/C++ |")
    print("|---|---|---|---|---|---|---|---|")
    for name, _, marks, build, methods in shapes(rng):
        build_seconds = fastest(build, repeats=3)
        profile = build()
        for method in methods:
            tally.count(method, profile)  # computes and caches the digest
            python, cpp = float("inf"), float("inf")
            for _ in range(REPEATS):  # interleaved, so both sides see the same machine
                python = min(python, fastest(lambda: tally.count(method, profile), repeats=1))
                cpp = min(cpp, participa._core.tally._count_seconds(method, profile, 1))
            print(f"| {name} | {profile.num_distinct:,} | {build_seconds * 1e3:.0f} ms | "
                  f"{marks / build_seconds / 1e6:.0f} M | {method} | {python * 1e3:.2f} ms | "
                  f"{cpp * 1e3:.2f} ms | {python / cpp:.3f} |")


if __name__ == "__main__":
    main()
