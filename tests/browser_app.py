"""A real `streamlit run` on a free localhost port, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SHOTS = ROOT / "tests" / "artifacts"
SERVER_PIDS: dict[int, int] = {}  # port -> pid of the `streamlit run` started there


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """Resident memory of a process (VmHWM: its peak), in MB, from /proc (Linux)."""
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(script: str = "app.py"):
    """Start the app (or another script); yield its base URL; stop it."""
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.headless=true",
           "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false",
           "--server.fileWatcherType=none"]
    log = open(SHOTS.parent / f".streamlit-{port}.log", "w") if SHOTS.parent.exists() else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ})
    SERVER_PIDS[port] = proc.pid
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300  # a hang guard (five suites beside two busy loops), not a speed limit
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(f"streamlit exited with {proc.returncode} before it was healthy") from None
                time.sleep(0.3)  # (a poll interval: the loop waits on the health answer)
        else:
            raise RuntimeError("streamlit did not become healthy in 300 s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def wait_idle(page, timeout: float = 180_000) -> None:
    """Wait until the script is not running (Streamlit marks the app 'notRunning').

    A rerun that has not started yet is not waited for: tests then wait for what they assert.
    The timeout is a hang guard, not a speed requirement: a first run of a page on a machine running
    three suites at once took longer than 30 s.
    """
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)


def open_cell_charts(page, timeout: float = 60_000) -> None:
    """Open the expander that folds Convolution's or Pooling's server-side charts of the selected cell (beside the
    browser explorer they start closed, and closed they are not built: opening it is one rerun that draws them).
    Found by its key (its content does not exist yet); reads the <details> element's open flag."""
    charts = ".st-key-conv_charts details, .st-key-pool_charts details"
    page.locator(charts).first.wait_for(state="attached", timeout=timeout)
    if not page.locator(charts).first.evaluate("d => d.open"):
        page.locator(charts).first.locator("summary").click()
    page.wait_for_function(f"() => document.querySelector(\"{charts}\")?.open === true", timeout=timeout)
    page.locator(".st-key-conv_in, .st-key-pool_in").first.wait_for(state="visible", timeout=timeout)
    wait_idle(page, timeout)


# What moves on a page while it works: the progress bar's text and every metric (a training's step, loss, state).
PROGRESS = ("() => [...document.querySelectorAll(\"[data-testid='stProgress'], [data-testid='stMetricValue']\")]"
            ".map(e => e.innerText).join(' | ')")


def wait_while_progressing(page, done: str, *, window: float = 120_000) -> None:
    """Wait until the JS condition `done` holds, for as long as the page keeps moving.

    A training on a loaded machine is slow, not stuck: with three suites and two CPU-bound loops on 2 cores the
    shapes training took 104-127 s against 19 s alone, so any total deadline is a race with the clock. This
    fails only when nothing in PROGRESS changes during a whole `window` (a hang), never on total time.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    seen = page.evaluate(PROGRESS)
    while True:
        try:
            page.wait_for_function(done, polling=500, timeout=window)
            return
        except PlaywrightTimeout:
            now = page.evaluate(PROGRESS)
            assert now != seen, f"nothing moved for {window / 1000:.0f} s and not done: {now}"
            seen = now


@contextlib.contextmanager
def chromium():
    """Debian's Chromium driven by Playwright (never `playwright install`); fails with the fix when it is missing."""
    import pytest
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run tests/setup.sh (installs Debian's chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
