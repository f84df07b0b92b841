"""Every Python block of README.md and docs/*.md runs as a script, in a fresh folder that sees
the checkout's tests/ (so a block may read tests/data/...), as a reader would run it from the
checkout's root.

What a block shows is checked:
- the comment lines right after a ``print(...)`` line are the output that print gives;
- ``expression   # value`` on one line, where value is a Python literal or a Fraction, asserts
  that the expression equals it. Other comments are prose and are not read.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = Path(os.environ.get("PARTICIPA_SOURCE_DIR", Path(__file__).resolve().parents[2]))
DOCS = [SOURCE / "README.md", *sorted((SOURCE / "docs").glob("*.md"))]
FENCE = re.compile(r"^```python\n(.*?)^```$", re.S | re.M)


def blocks():
    found = []
    for doc in DOCS:
        text = doc.read_text()
        for match in FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 2
            found.append(pytest.param(match.group(1), id=f"{doc.name}:{line}"))
    return found


def shown_value(comment: str):
    """The value a comment shows, as source, when it is a literal or a Fraction; else None."""
    try:
        tree = ast.parse(comment, mode="eval")
    except SyntaxError:
        return None
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    if names - {"Fraction"}:
        return None
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    if any(not (isinstance(c.func, ast.Name) and c.func.id == "Fraction") for c in calls):
        return None
    return comment


def instrument(source: str):
    """The block with its shown values asserted, and the output its prints show."""
    lines = source.splitlines()
    out, expected = [], []
    for i, line in enumerate(lines):
        code, sep, comment = line.partition("  # ")
        if code.lstrip().startswith("print("):
            following = []
            for later in lines[i + 1:]:
                if not later.startswith("# "):
                    break
                following.append(later[2:])
            expected.extend(following)
        value = shown_value(comment.strip()) if sep and code.strip() else None
        if value is not None:
            try:
                is_expression = isinstance(ast.parse(code.strip()).body[0], ast.Expr)
            except SyntaxError:
                is_expression = False
            if is_expression:
                indent = code[:len(code) - len(code.lstrip())]
                out.append(f"{indent}__shown = ({code.strip()})")
                message = f"line {i + 1}: %r is not {value}"
                out.append(f"{indent}assert __shown == ({value}), {message!r} % (__shown,)")
                continue
        out.append(line)
    return "from fractions import Fraction\n" + "\n".join(out) + "\n", expected


@pytest.mark.parametrize("source", blocks())
def test_the_block_runs_and_shows_what_it_prints(source, tmp_path):
    script, expected = instrument(source)
    (tmp_path / "tests").symlink_to(SOURCE / "tests")
    (tmp_path / "block.py").write_text(script)
    env = os.environ.copy()
    # The folder the block runs in is not where the test was started: make the path absolute.
    env["PYTHONPATH"] = os.pathsep.join(
        os.path.abspath(entry) for entry in env.get("PYTHONPATH", "").split(os.pathsep) if entry)
    done = subprocess.run([sys.executable, "block.py"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    if expected:
        assert done.stdout.splitlines() == expected


def test_every_doc_with_python_has_its_blocks_found():
    assert len(blocks()) >= 5
