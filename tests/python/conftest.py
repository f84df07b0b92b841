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
