"""A class opens the app at once: 30 sessions on a fresh `streamlit run`, no exception in any of them.

The first run of every page happens on 30 script threads at the same moment, as when a teacher shares
the link (or Community Cloud wakes the app while the class waits): modules imported lazily from those
threads raced ("partially initialized module 'pandas'"). Driven by bench/client.py (Streamlit's
websocket protocol, every widget's state sent as the frontend does); waits on conditions only.
"""

from __future__ import annotations

import sys
import threading
import traceback
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


# The learner action tried on each page: every page's script runs exactly once for it (no st.rerun, no second
# run from the address sync, the language switch or the lesson-link box).
ACTION = {"": "home_digit", "image": "zoom_size", "convolution": "stride", "pooling": "pool_s",
          "channels": "n_filters", "model": "fc_h", "gallery": "lang", "train": "t_epochs", "digit": "rob_angle"}


def another_value(kind: str, el):
    """A value of widget `el` other than the one it shows, as a learner would pick it (bench.client's form)."""
    shown = getattr(el, "set_value", False)  # the server set its value (the learner's), else its default
    if kind == "slider":
        now = (el.value if shown else el.default)[0]
        return el.max if now != el.max else el.min
    if kind in ("radio", "selectbox"):
        now = el.raw_value if shown else el.options[el.default]
        return next(o for o in el.options if o != now)
    if kind == "checkbox":
        return not (el.value if shown else el.default)
    if kind == "number_input":
        now = el.value if shown else el.default
        return el.max if now != el.max else el.min
    raise AssertionError(f"no learner value for a {kind}")


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
        # through app.py, even when the class arrives before any app.py run reached st.navigation (a legacy
        # multipage run shows the page alone: no language switch, no lesson link)
        if "lang" not in s.widgets:
            out[k] = [f"the page ran without app.py: {sorted(s.widgets)}"]
            return
        # one action each (a control of the page's own), then the next page of the menu
        key = ACTION[page]
        runs = s.runs
        s.set(key, another_value(*s.widgets[key][1:]))
        s.wait_idle(HANG)
        out.setdefault("reruns", []).append((page or "home", key, s.runs - runs))
        s.goto(PAGES[(PAGES.index(page) + 1) % len(PAGES)])
        s.wait_idle(HANG)
        out[k] = list(s.exceptions)
    except Exception as e:  # noqa: BLE001 -- reported by the test
        out[k] = [f"client: {type(e).__name__}: {e} ({traceback.format_exc(limit=-2).splitlines()[-3].strip()})"]
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
    # each learner action was exactly one script run, on every page
    assert {p for p, _, _ in out["reruns"]} == {p or "home" for p in PAGES}
    assert all(r == 1 for _, _, r in out["reruns"]), out["reruns"]
