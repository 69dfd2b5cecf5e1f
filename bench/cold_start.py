"""Cold start: `streamlit run app.py` -> Home painted in Chromium, against a one-line app in the same run.

A redeploy, or Community Cloud waking a sleeping app, makes the class wait this long. The clock starts
before the process is spawned (Chromium is already open, as the learners' browsers are) and stops when
Home's title is on screen and the script has finished its first run.

    python -m bench.cold_start [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.servers import LOGS, ROOT, free_port, streamlit_cmd, wait_healthy

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PEER = 'import streamlit as st\nst.title("Hello")\n'  # the peer: Streamlit's own start-up and first paint


def cold_start(browser, script: str, cwd: Path) -> tuple[float, float]:
    """(s to /_stcore/health answering, s to the first page painted) for a fresh `streamlit run`."""
    port = free_port()
    LOGS.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen(streamlit_cmd(script, port), cwd=cwd, stdout=open(LOGS / f".cold-{port}.log", "w"),
                            stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, attempts=6000)
        healthy = time.perf_counter() - t0
        page = browser.new_page()
        page.goto(url)
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning'] h1", timeout=120_000)
        painted = time.perf_counter() - t0
        page.close()
        return healthy, painted
    finally:
        proc.terminate()
        proc.wait(30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d, sync_playwright() as p:
        (Path(d) / "peer.py").write_text(PEER)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        app, peer = [], []
        for _ in range(args.runs):  # alternate, so both see the same machine
            app.append(cold_start(browser, "app.py", ROOT))
            peer.append(cold_start(browser, "peer.py", Path(d)))
        browser.close()
    for name, runs in (("Conv Playground (Home)", app), ("one-line peer", peer)):
        print(f"{name:24s} healthy {statistics.median(h for h, _ in runs):5.2f} s   "
              f"painted {statistics.median(p for _, p in runs):5.2f} s   (runs: "
              + ", ".join(f"{p:.2f}" for _, p in runs) + ")")
    ratio = statistics.median(p for _, p in app) / statistics.median(p for _, p in peer)
    print(f"app / peer, painted: {ratio:.2f}x")


if __name__ == "__main__":
    main()
