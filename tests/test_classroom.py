"""A class opens the app at once: 30 sessions on a fresh `streamlit run`, no exception in any of them.

The first run of every page happens on 30 script threads at the same moment, as when a teacher shares
the link (or Community Cloud wakes the app while the class waits): modules imported lazily from those
threads raced ("partially initialized module 'pandas'"). Driven by bench/client.py (Streamlit's
websocket protocol, every widget's state sent as the frontend does); waits on conditions only.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench/ (tests may import it; bench never imports tests)

from bench.client import HeadlessSession  # noqa: E402
from bench.servers import streamlit_processes  # noqa: E402

pytestmark = pytest.mark.browser  # a real server (no browser: the protocol client stands in for 30 of them)

PAGES = ["", "image", "convolution", "pooling", "channels", "model", "gallery", "train", "digit"]
N = 30
HANG = 900  # s: a guard against a hang, not a speed requirement (30 first runs share 2 cores)


@pytest.fixture
def fresh_server():
    """A server no session has used yet: every module a page imports is imported by the class itself."""
    with streamlit_processes(1) as [(url, _)]:
        yield url


def _learner(url: str, page: str, k: int, start: threading.Barrier, out: dict) -> None:
    s = None
    try:
        start.wait(timeout=HANG)
        s = HeadlessSession(url, page, open_timeout=HANG)
        s.wait_idle(HANG)
        # one action each: a slider where the page has one, then the next page of the menu
        key, value = {"convolution": ("stride", 2), "pooling": ("pool_s", 1)}.get(page, (None, None))
        if key in s.widgets:
            runs = s.runs
            s.set(key, value)
            s.wait_idle(HANG)
            out.setdefault("reruns", []).append((page, s.runs - runs))
        s.goto(PAGES[(PAGES.index(page) + 1) % len(PAGES)])
        s.wait_idle(HANG)
        out[k] = list(s.exceptions)
    except Exception as e:  # noqa: BLE001 -- reported by the test
        out[k] = [f"client: {type(e).__name__}: {e}"]
    finally:
        if s is not None:
            s.close()


def test_thirty_learners_open_the_app_at_once_and_see_no_exception(fresh_server):
    start = threading.Barrier(N)
    out: dict = {}
    threads = [threading.Thread(target=_learner, args=(fresh_server, PAGES[k % len(PAGES)], k, start, out))
               for k in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    problems = {PAGES[k % len(PAGES)] or "home": out[k] for k in range(N) if out.get(k)}
    assert len([k for k in range(N) if k in out]) == N
    assert not problems, problems
    # each slider change was exactly one script run
    assert out["reruns"] and all(r == 1 for _, r in out["reruns"]), out["reruns"]
