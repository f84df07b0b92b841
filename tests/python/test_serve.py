"""`participa serve` in real browsers: two participants in headless Chromium join a board by
name, write stickies privately — neither is sent the other's until the facilitator's reveal,
checked in what the server sends them (the board's JSON and its event stream), not only in what
the page shows — cluster them, place dots within the board's limits, and see each other's
changes within a second. The server is started by the test on 127.0.0.1 and stopped after it.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar

import pytest

from conftest import start_chromium

pytestmark = pytest.mark.skipif("PARTICIPA_CLI" not in os.environ,
                                reason="PARTICIPA_CLI is set by ctest; run through ctest for the "
                                       "server test")

LIVE = 1.0  # seconds within which a change shows in the other participant's browser


@pytest.fixture
def server(tmp_path):
    process = subprocess.Popen(
        [os.environ["PARTICIPA_CLI"], "serve", "--db", str(tmp_path / "atelier.db"), "--port", "0",
         "--board", "Our square", "--code", "sesame"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    match = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
    assert match, (line, process.stderr.read() if process.poll() is not None else "")
    yield match.group(1)
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=10)
    assert process.returncode == 0


class Client:
    """A session of the server's JSON API, as a page's requests carry it (its cookie)."""

    def __init__(self, url, cookie=None):
        self.url = url
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.cookie = cookie

    def call(self, path, body=None):
        """The answer's status and body; a refusal is an answer too."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data)
        if self.cookie:
            request.add_header("Cookie", f"participa_session={self.cookie}")
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as refused:
            with refused:
                return refused.code, refused.read().decode()

    def request(self, path, body=None):
        status, text = self.call(path, body)
        assert status == 200, text
        return text

    def json(self, path, body=None):
        return json.loads(self.request(path, body))

    def stream(self, path, seconds, after=0):
        """What the event stream sends in `seconds`, resuming after sequence `after`."""
        request = urllib.request.Request(self.url + path, headers={"Last-Event-ID": str(after)})
        if self.cookie:
            request.add_header("Cookie", f"participa_session={self.cookie}")
        chunks = []

        def read():
            try:
                with urllib.request.urlopen(request, timeout=seconds) as response:
                    while True:
                        chunk = response.read1(65536)
                        if not chunk:
                            break
                        chunks.append(chunk)
            except (TimeoutError, OSError):
                pass

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(seconds + 1)
        return b"".join(chunks).decode()


def join(browser, url, name):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.ID, "join").is_displayed())
    browser.find_element(By.ID, "join-name").send_keys(name)
    browser.find_element(By.ID, "join-button").click()
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script("return document.body.dataset.live === 'true'"))
    return browser.get_cookie("participa_session")["value"]


def texts(browser, css):
    # Read in one script: the page may redraw between two reads of single elements.
    return browser.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim())", css)


def within(browser, seconds, condition):
    """Waits until `condition(browser)` holds; the time it took."""
    from selenium.webdriver.support.ui import WebDriverWait

    started = time.monotonic()
    WebDriverWait(browser, seconds, poll_frequency=0.02).until(condition)
    return time.monotonic() - started


def click(browser, css, index=0):
    """Clicks the index-th element matching `css`, found again if the page redrew it meanwhile
    (a change from the other browser arriving)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    for _ in range(10):
        try:
            browser.find_elements(By.CSS_SELECTOR, css)[index].click()
            return
        except StaleElementReferenceException:
            continue
    raise AssertionError(f"{css} kept being redrawn")


def loaded(browser):
    return int(browser.execute_script("return document.body.dataset.loaded || '0'"))


def test_an_atelier_in_two_browsers(server):
    from selenium.webdriver.common.by import By

    index = Client(server).request("/")
    board_path = re.search(r'href="(/board/[0-9a-f-]+/[0-9a-f-]+)"', index).group(1)
    api = board_path.replace("/board/", "/api/board/")
    facilitator = Client(server)
    facilitator.request("/api/join", {"code": "sesame"})
    assert Client(server).call("/api/join", {"code": "wrong"})[0] == 403

    ana_browser, bo_browser = start_chromium(), start_chromium()
    try:
        ana_cookie = join(ana_browser, server + board_path, "Ana")
        bo_cookie = join(bo_browser, server + board_path, "Bo")
        ana, bo = Client(server, ana_cookie), Client(server, bo_cookie)
        start = bo.json(api)

        # Private writing: each sees their own sticky; the other's arrives withheld, within a
        # second, and its text is in nothing the server sends.
        ana_browser.find_element(By.ID, "sticky-text").send_keys("More shade on the square")
        click(ana_browser, "#write-button")
        within(ana_browser, LIVE, lambda b: "More shade on the square" in texts(b, ".sticky .text"))
        within(bo_browser, LIVE, lambda b: len(b.find_elements(By.CSS_SELECTOR, ".sticky.withheld")) == 1)
        bo_browser.find_element(By.ID, "sticky-text").send_keys("Close the street on Sundays")
        click(bo_browser, "#write-button")
        within(ana_browser, LIVE, lambda b: len(b.find_elements(By.CSS_SELECTOR, ".sticky.withheld")) == 1)
        assert "More shade" not in bo.request(api)
        assert "More shade" not in bo.stream(api + "/events", 1.0)
        assert "More shade" not in bo_browser.page_source
        assert "Close the street" not in ana.request(api)
        assert "Close the street" not in ana.stream(api + "/events", 1.0)
        assert "Close the street" not in ana_browser.page_source
        assert "More shade" in ana.request(api)

        # The reveal: both texts in both browsers within a second.
        facilitator.request(api, {"action": "reveal", "stickies": True})
        within(bo_browser, LIVE, lambda b: "More shade on the square" in texts(b, ".sticky .text"))
        within(ana_browser, LIVE, lambda b: "Close the street on Sundays" in texts(b, ".sticky .text"))
        assert "More shade on the square" in bo.stream(api + "/events", 1.0, after=0)

        # Grouping: Bo clusters both stickies; Ana sees the cluster within a second.
        facilitator.request(api, {"action": "stage", "stage": "group"})
        within(bo_browser, LIVE, lambda b: texts(b, "#stage") == ["group"])
        for index in range(2):
            click(bo_browser, ".pick", index)
        bo_browser.find_element(By.ID, "cluster-title").send_keys("Streets for people")
        click(bo_browser, "#cluster-button")
        within(ana_browser, LIVE, lambda b: texts(b, ".cluster .title") == ["Streets for people"])

        # Voting with limits: five dots each, at most five on one item. Ana's sixth is refused,
        # and the page says why.
        facilitator.request(api, {"action": "stage", "stage": "vote"})
        within(ana_browser, LIVE, lambda b: texts(b, "#stage") == ["vote"])
        for left in (4, 3, 2, 1, 0):
            before = loaded(ana_browser)
            click(ana_browser, ".cluster .dot-plus")
            within(ana_browser, 5, lambda b: loaded(b) > before and texts(b, "#dots-left") == [str(left)])
        click(ana_browser, ".cluster .dot-plus")
        within(ana_browser, 5, lambda b: "allows 0..5" in " ".join(texts(b, "#error")))
        assert ana.json(api)["clusters"][0]["my_dots"] == 5
        click(bo_browser, ".cluster .dot-plus")
        within(bo_browser, 5, lambda b: texts(b, "#dots-left") == ["4"])
        # Hidden until revealed: Bo's page and answers show his own dot only.
        cluster = bo.json(api)["clusters"][0]
        assert (cluster["my_dots"], cluster["dots"]) == (1, None)
        sent = [json.loads(line[len("data: "):])
                for line in bo.stream(api + "/events", 1.0, after=0).splitlines()
                if line.startswith("data: ")]
        placed = [item for item in sent if item["name"] == "dots-placed"]
        assert len(placed) == 6
        for item in placed:
            if item["actor_name"] == "bo":
                assert item["payload"]["dots"] == 1
            else:  # Ana's: neither who, nor where, nor how many
                assert item["actor"] is None
                assert (item["payload"]["cluster"], item["payload"]["dots"]) == (None, 0)
        facilitator.request(api, {"action": "reveal", "dots": True})
        within(ana_browser, LIVE, lambda b: texts(b, ".cluster .count") == ["dots: 6 (mine 5)"])
        within(bo_browser, LIVE, lambda b: texts(b, ".cluster .count") == ["dots: 6 (mine 1)"])

        # The export holds what the reader sees.
        csv = ana.request(api + "/csv").splitlines()
        assert csv[0] == "sticky,column,cluster,text,colour,author,channel,withheld,dots"
        assert len(csv) == 3 and all(",Streets for people," in row for row in csv[1:])
        # No script error; the only failed request is the refused sixth dot.
        for browser, refusals in ((ana_browser, 1), (bo_browser, 0)):
            severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
            assert [e for e in severe if e["source"] != "network"] == []
            assert len(severe) == refusals and all("400 (Bad Request)" in e["message"] for e in severe)
        assert start["stickies"] == []
    finally:
        ana_browser.quit()
        bo_browser.quit()


def test_bad_requests_get_clear_errors_and_change_nothing(server):
    index = Client(server).request("/")
    api = re.search(r'href="(/board/[0-9a-f-]+/[0-9a-f-]+)"', index).group(1).replace(
        "/board/", "/api/board/")
    ana = Client(server)
    ana.request("/api/join", {"name": "Ana"})
    ana.cookie = next(c.value for c in ana.cookies if c.name == "participa_session")
    before = ana.request(api)
    for body, status in [
        ({"action": "fly"}, 400),
        ({"action": "write", "text": "no column"}, 400),
        ({"action": "write", "column": "not-an-id", "text": "x"}, 400),
        ({"action": "reveal", "stickies": True}, 403),
        ({"action": "stage", "stage": "dance"}, 400),
        ({"action": "dots", "dots": 1}, 409),
    ]:
        code, text = ana.call(api, body)
        assert code == status, body
        assert json.loads(text)["error"]
    assert Client(server).call(api, {"action": "write", "text": "x"})[0] == 401
    assert Client(server).call("/api/join", {"name": ""})[0] == 400
    assert ana.request(api) == before
