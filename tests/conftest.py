"""Shared test settings: hypothesis runs >= 500 examples for the property tests."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=500, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
# `HYPOTHESIS_PROFILE=thorough` searches ten times longer (run before a release; not in CI's time budget).
settings.register_profile("thorough", max_examples=5000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


import pytest  # noqa: E402
from streamlit.runtime.pages_manager import PagesManager  # noqa: E402


@pytest.fixture(autouse=True)
def _navigation_only(monkeypatch):
    """Run AppTest as a served app runs after its first page view: through app.py's st.navigation.

    Streamlit treats an app with a pages/ folder as a legacy multipage app until st.navigation has
    run once in the process, and AppTest resets that flag on every run; ui.text.lang() flips it and
    reruns (tested in a real browser by test_lesson_link_opens_the_page_first_in_korean), but under
    AppTest the rerun would swallow every button click.
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


# ---------------------------------------------------------------- browser tests: one server and one Chromium per module
@pytest.fixture(scope="module")
def app_url():
    """A real `streamlit run` of the app on a free port (tests/browser_app.py), shared by one test file."""
    from browser_app import streamlit_server
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (never `playwright install`), shared by one test file."""
    pytest.importorskip("playwright.sync_api")
    from browser_app import chromium
    with chromium() as b:
        yield b


# ---------------------------------------------------------------- browser waits are hang guards, not clocks
# Playwright's own defaults (30 s for an action, 5 s for `expect`) are deadlines a loaded machine loses: with five
# suites and two CPU-bound loops on 2 cores, the Channels page once took over 30 s to draw and a receptive-field
# sentence over 5 s to follow a click. Every wait that names no timeout gets HANG_MS instead, in one place: each
# context and page the tests open (Browser.new_context / new_page, wrapped here) and every `expect`.
HANG_MS = 180_000
try:
    from playwright.sync_api import Browser, expect
except ImportError:  # (no playwright: the browser tests skip themselves)
    pass
else:
    expect.set_options(timeout=HANG_MS)
    _new_context, _new_page = Browser.new_context, Browser.new_page

    def _context_with_hang_guard(self, *args, **kwargs):
        ctx = _new_context(self, *args, **kwargs)
        ctx.set_default_timeout(HANG_MS)
        return ctx

    def _page_with_hang_guard(self, *args, **kwargs):  # (browser.new_page makes its context inside playwright)
        page = _new_page(self, *args, **kwargs)
        page.set_default_timeout(HANG_MS)
        return page

    Browser.new_context, Browser.new_page = _context_with_hang_guard, _page_with_hang_guard
