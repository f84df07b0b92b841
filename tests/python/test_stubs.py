"""The shipped type stubs parse and match the compiled module's signatures."""

from __future__ import annotations

import ast
import os
import subprocess
import sys

from conftest import SOURCE

STUBS = SOURCE / "bindings" / "python" / "participa"


def test_stubs_are_valid_python():
    names = sorted(str(path.relative_to(STUBS)) for path in STUBS.glob("**/*.pyi"))
    assert names == ["_core.pyi", "components/accountability.pyi", "components/budgets.pyi", "components/debates.pyi",
                     "components/elections.pyi",
                     "components/meetings.pyi", "components/proposals.pyi", "components/sortitions.pyi",
                     "components/surveys.pyi", "components/workshops.pyi",
                     "core.pyi", "io.pyi", "methods.pyi", "pb.pyi", "questionnaire.pyi", "space.pyi",
                     "store.pyi", "tally.pyi"]
    for path in STUBS.glob("**/*.pyi"):
        ast.parse(path.read_text(), filename=str(path))


def test_stubs_match_the_extension():
    checked = subprocess.run([sys.executable, str(SOURCE / "scripts" / "stubgen.py"), "--check"],
                             capture_output=True, text=True, env=dict(os.environ))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_py_typed_is_shipped():
    assert (STUBS / "py.typed").exists()


def test_mypy_passes_on_the_examples(tmp_path):
    """The examples type-check against the shipped stubs (pandas and matplotlib have none in
    Debian, so they are Any)."""
    import importlib.util

    import pytest

    import participa

    if importlib.util.find_spec("mypy") is None:
        message = "mypy is not installed (Debian: python3-mypy)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    package_root = os.path.dirname(os.path.dirname(participa.__file__))
    examples = sorted((SOURCE / "examples" / "python").glob("*.py"))
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--ignore-missing-imports", "--cache-dir",
         str(tmp_path / "cache"), *map(str, examples)],
        capture_output=True, text=True, cwd=tmp_path,
        env=dict(os.environ, MYPYPATH=package_root))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"no issues found in {len(examples)} source files" in checked.stdout


# Every public class, function, method and attribute of every module says what it is.
COMPONENTS = ["accountability", "budgets", "debates", "elections", "meetings", "proposals",
              "sortitions", "surveys", "workshops"]
DOCUMENTED = ["core", "tally", "methods", "pb", "io", "questionnaire", "store", "pandas", "dask",
              "space", *(f"components.{name}" for name in COMPONENTS)]


def test_every_public_name_has_a_docstring():
    import importlib
    import inspect

    bare = []
    for module_name in DOCUMENTED:
        module = importlib.import_module(f"participa.{module_name}")
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isclass(value):
                if not (value.__doc__ or "").strip():
                    bare.append(f"{module_name}.{name}")
                enum = hasattr(value, "__members__")
                for attribute, member in vars(value).items():
                    if attribute.startswith("_") or (enum and attribute in value.__members__):
                        continue
                    if enum and attribute in ("name", "value"):
                        continue
                    if not described(member):
                        bare.append(f"{module_name}.{name}.{attribute}")
            elif callable(value) and not described(value):
                bare.append(f"{module_name}.{name}()")
    assert bare == []


def described(member) -> bool:
    """Whether a docstring says something: pybind11 puts a callable's signature on its first
    line, so a compiled function or method needs a second one."""
    import inspect

    text = (getattr(member, "__doc__", None) or "").strip()
    if isinstance(member, (staticmethod, classmethod)):
        member = member.__func__
    if inspect.isfunction(member) or isinstance(member, property):
        return bool(text)
    if callable(member):
        return len(text.splitlines()) >= 2 or "Overloaded" in text
    return bool(text)
