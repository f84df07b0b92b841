#!/usr/bin/env python3
"""Checks every include against the layer graph of the design notes: a file may include its own
layer and the layers its layer depends on, nothing else. Covers public headers (detail/
included), compiled bodies and their private headers in src/, the command and the Python
bindings. The pure algorithm layers also include no protobuf, JSON, SQLite, pybind11 or
iostreams."""
import pathlib
import re
import sys

MODEL = {"core", "tally", "pb", "questionnaire", "space", "components"}
# layer -> the layers it may include (besides itself)
GRAPH = {
    "core": set(),
    "tally": {"core"},
    "pb": {"tally", "core"},
    "questionnaire": {"tally", "core"},
    "space": {"core"},
    "components": {"space", "questionnaire", "pb", "tally", "core"},
    "io": MODEL,
    "store": {"space", "components", "io", "core"},
    "cli": MODEL | {"io", "store"},
    "bindings": MODEL | {"io", "store"},
    "umbrella": MODEL | {"io", "store"},
}
PURE = {"core", "tally", "pb", "questionnaire"}
FORBIDDEN_IN_PURE = [".pb.h", "boost/json", "sqlite3", "pybind11", "<iostream>"]
INCLUDE = re.compile(r'\s*#\s*include\s+[<"]([^>"]+)[>"]')
# "participa/<layer>/..." is a public header; "<layer>/..." a private one of src/.
TARGET = re.compile(r"(?:participa/)?(\w+)/")


def layer_of(rel: pathlib.PurePath) -> str | None:
    parts = rel.parts
    if parts[0] == "include" and len(parts) == 3:
        return "umbrella"  # participa.hpp, fwd.hpp: they include the lot
    if parts[0] == "include" and len(parts) > 3:
        return parts[2]
    if parts[0] == "src" and len(parts) > 2:
        return parts[1]
    if parts[:2] == ("bindings", "python"):
        return "bindings"
    return None


def files(root: pathlib.Path):
    for pattern in ("include/participa/**/*.hpp", "src/**/*.hpp", "src/**/*.cpp",
                    "bindings/python/*.hpp", "bindings/python/*.cpp"):
        yield from sorted(root.glob(pattern))


def check(root: pathlib.Path) -> tuple[list[str], int]:
    problems, checked = [], 0
    for path in files(root):
        rel = path.relative_to(root)
        layer = layer_of(rel)
        if layer is None:
            problems.append(f"{rel}: not in any layer of the graph")
            continue
        if layer not in GRAPH:
            problems.append(f"{rel}: layer '{layer}' is not in the graph")
            continue
        checked += 1
        for number, line in enumerate(path.read_text().splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            target = m.group(1)
            t = TARGET.match(target)
            used = t.group(1) if t else None
            if used in GRAPH and used != layer and used not in GRAPH[layer]:
                problems.append(f"{rel}:{number}: {layer} may not include {target} ({used})")
            if layer in PURE and any(f in line for f in FORBIDDEN_IN_PURE):
                problems.append(f"{rel}:{number}: the pure {layer} layer includes {target}")
    return problems, checked


def self_test() -> None:
    """The checker must catch what it exists to catch."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        bad = {
            "include/participa/tally/a.hpp": '#include "participa/pb/b.hpp"',
            "src/pb/c.cpp": '#include "io/text.hpp"',
            "src/core/d.cpp": "#include <iostream>",
            "include/participa/space/e.hpp": '#include "participa/tally/f.hpp"',
        }
        for name, text in bad.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text + "\n")
        good = root / "src/components/g.cpp"
        good.parent.mkdir(parents=True)
        good.write_text('#include "participa/space/h.hpp"\n#include "participa/pb/i.hpp"\n')
        problems, checked = check(root)
        assert checked == 5 and len(problems) == 4, problems


def main() -> int:
    self_test()
    problems, checked = check(pathlib.Path(sys.argv[1]))
    for p in problems:
        print(p)
    print(f"{checked} files checked, {len(problems)} includes outside the layer graph")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
