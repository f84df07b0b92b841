"""The command shows how far a long run got when its standard error is a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import time

import pytest


CLI = os.environ.get("PARTICIPA_CLI")


@pytest.mark.skipif(CLI is None, reason="PARTICIPA_CLI is not set: the command was not built")
def test_a_long_run_shows_progress_on_a_terminal(long_add_one):
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [CLI, "pb", str(long_add_one), "--rule", "equal-shares", "--completion", "add1"],
        stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 30
    try:
        while b"raises of each voter's budget settled" not in seen and time.monotonic() < deadline:
            try:
                seen += os.read(leader, 4096)
            except OSError:  # the run ended and closed the terminal
                break
    finally:
        process.kill()
        process.wait()
        os.close(leader)
    assert b"equal-shares: " in seen and b"raises of each voter's budget settled" in seen
