#!/usr/bin/env python3
"""Refuses includes that point up the layer stack (see DESIGN.md) or pull heavy
dependencies into the pure algorithm layers."""
import pathlib
import re
import sys

ORDER = ["core", "tally", "pb", "questionnaire", "components", "space", "io", "store"]
RANK = {layer: i for i, layer in enumerate(ORDER)}
PURE = {"core", "tally", "pb", "questionnaire"}
FORBIDDEN_IN_PURE = [".pb.h", "boost/json", "sqlite3", "pybind11", "<iostream>"]

root = pathlib.Path(sys.argv[1])
problems = []
for path in sorted((root / "include" / "participa").rglob("*.hpp")) + sorted((root / "src").rglob("*.cpp")):
    rel = path.relative_to(root)
    parts = rel.parts
    layer = parts[2] if parts[0] == "include" else parts[1]
    if layer not in RANK:
        continue
    for number, line in enumerate(path.read_text().splitlines(), 1):
        m = re.match(r'\s*#include\s+[<"]([^>"]+)[>"]', line)
        if not m:
            continue
        target = m.group(1)
        t = re.match(r"participa/(\w+)/", target)
        if t and t.group(1) in RANK and RANK[t.group(1)] > RANK[layer] and not (
                layer in ("io", "store") and t.group(1) in ("io", "store")):
            problems.append(f"{rel}:{number}: {layer} includes {target}, a higher layer")
        if layer in PURE and any(f in line for f in FORBIDDEN_IN_PURE):
            problems.append(f"{rel}:{number}: the pure {layer} layer includes {target}")
for p in problems:
    print(p)
print(f"{len(problems)} upward or forbidden includes")
sys.exit(1 if problems else 0)
