"""AppTest sessions shared by the page tests: one hang guard, one way to open a link and to move on.

HANG is a guard against a script that never ends, not a speed requirement: with three suites and two
CPU-bound processes on 2 cores a page's first run (imports, the first convolution) took over 30 s.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
HANG = 300  # s


def app() -> AppTest:
    """The app, not yet run (its first run opens Home, as a browser at / does)."""
    return AppTest.from_file(APP, default_timeout=HANG)


def fresh(page: str, **query) -> AppTest:
    """A new session opened by a link: `query` is the address's parameters."""
    at = app()
    for k, v in query.items():
        at.query_params[k] = v
    return go(at, page)


def go(at: AppTest, page: str) -> AppTest:
    """Move to another page of the same session (the sidebar link) and check it ran cleanly."""
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at
