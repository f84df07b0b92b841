"""Shared fixtures: where the data is, and every way a value can be copied."""

from __future__ import annotations

import copy
import os
import pickle
import shutil
from pathlib import Path

import pytest

SOURCE = Path(os.environ.get("PARTICIPA_SOURCE_DIR", Path(__file__).resolve().parents[2]))
DATA = SOURCE / "tests" / "data"
CONFORMANCE = DATA / "conformance"


@pytest.fixture(params=["pickle-0", "pickle-2", "pickle-highest", "copy", "deepcopy"])
def copy_fn(request):
    """A function returning a copy of its argument, by pickling or by the copy module."""
    kind = request.param
    if kind.startswith("pickle"):
        protocol = pickle.HIGHEST_PROTOCOL if kind.endswith("highest") else int(kind[-1])
        return lambda value: pickle.loads(pickle.dumps(value, protocol=protocol))
    if kind == "copy":
        return copy.copy
    return copy.deepcopy


@pytest.fixture(scope="session")
def swiecie():
    import participa

    return participa.io.read_pabulib(str(CONFORMANCE / "pabulib" / "Poland_Swiecie_2023.pb"))


@pytest.fixture(scope="session")
def long_add_one(tmp_path_factory):
    """A pabulib file whose add-one completion runs for seconds: Budapest 2024 six times over,
    each copy of a ballot without one of its projects, so that no two copies fall into one group
    of voters (Budapest itself settles in about a second, too close to what the tests wait for)."""
    source = (CONFORMANCE / "pabulib-real" / "Hungary_Budapest_2024.pb").read_text(encoding="utf-8")
    head, votes = source.split("\nVOTES\n")
    header, *rows = votes.strip("\n").split("\n")
    lines = []
    for copy_index in range(6):
        for row in rows:
            projects = row.split(";", 1)[1].split(",")
            if copy_index and len(projects) > 1:
                del projects[copy_index % len(projects)]
            lines.append(f"{len(lines) + 1};{','.join(projects)}")
    head = head.replace(f"num_votes;{len(rows)}", f"num_votes;{len(lines)}")
    path = tmp_path_factory.mktemp("long_add_one") / "Hungary_Budapest_2024_six_times.pb"
    path.write_text(f"{head}\nVOTES\n{header}\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def start_chromium():
    """A headless Chromium driven by Selenium, started here; the caller quits it. Fails under CI
    and skips elsewhere, saying what is missing, when there is no browser to start."""
    missing = [name for name in ("chromium", "chromedriver") if shutil.which(name) is None]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("python3-selenium")
    if missing:
        message = f"no browser: {', '.join(missing)} missing (scripts/dev setup installs them)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    options = Options()
    options.binary_location = shutil.which("chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
