"""Script time per interaction (AppTest) and slider -> updated picture (Chromium), with a 512 px RGB photo.

    python -m bench.pages

Targets (issue 3): AppTest median ≤ 60 ms per interaction; Chromium median ≤ 250 ms. The peer in
the same run is an empty Streamlit script, so the printout separates our work from Streamlit's own.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser_app import CHROMIUM, CHROMIUM_ARGS, streamlit_server, wait_idle  # noqa: E402


def _median_run_ms(at: AppTest, interactions, n: int = 20) -> float:
    times = []
    for k in range(n):
        interactions[k % len(interactions)](at)
        t = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - t) * 1000)
        assert not at.exception, at.exception
    return statistics.median(times)


def apptest_figures() -> dict[str, float]:
    """Median AppTest run time of the Convolution and Channels pages on the astronaut photo."""
    from streamlit.runtime.pages_manager import PagesManager  # the navigation flag tests/conftest.py sets too
    from playground import samples

    original = PagesManager.__init__

    def init(self, *a, **k):
        original(self, *a, **k)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    photo = samples.sample("astronaut")
    out = {}
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["image"], at.session_state["image_label"] = photo, "astronaut"
    at.switch_page("pages/convolution.py").run()
    out["convolution: stride 1↔2, step ▶"] = _median_run_ms(at, [
        lambda a: a.slider(key="stride").set_value(2), lambda a: a.slider(key="stride").set_value(1),
        lambda a: a.button(key="conv_step_next").click()])
    at.switch_page("pages/channels.py").run()
    at.slider(key="n_filters").set_value(4)
    at.radio(key="ch_pool").set_value(2).run()
    out["channels: 4 filters + 2×2 pool, bias ±1"] = _median_run_ms(at, [
        lambda a: a.number_input(key="ch_bias").set_value(1.0), lambda a: a.number_input(key="ch_bias").set_value(0.0)])
    with tempfile.TemporaryDirectory() as d:  # the peer: Streamlit running a script that does nothing
        empty = Path(d) / "empty.py"
        empty.write_text("import streamlit as st\nst.slider('x', 0, 9, key='x')\n")
        peer = AppTest.from_file(str(empty)).run()
        out["peer: empty script with one slider"] = _median_run_ms(peer, [
            lambda a: a.slider(key="x").set_value(1), lambda a: a.slider(key="x").set_value(2)])
    return out


PEER_SCRIPT = """
import numpy as np, streamlit as st
s = st.slider("Stride", 1, 4, 1, key="stride")
st.image(np.full((8, 8), 40 * s, np.uint8), width=64)
st.image(np.full((8, 8), 60 * s, np.uint8), width=64)
"""


def _slider_to_picture_ms(page, n: int) -> float:
    """Median ms from a key press on the stride slider to the second picture on the page repainted."""
    slider = page.locator(".st-key-stride input[type='range']")
    images = page.locator("[data-testid='stImage'] img")
    times = []
    for k in range(n):
        before = images.nth(1).get_attribute("src")
        slider.focus()
        t = time.perf_counter()
        slider.press("ArrowRight" if k % 2 == 0 else "ArrowLeft")
        page.wait_for_function(
            "([b]) => { const im = document.querySelectorAll(\"[data-testid='stImage'] img\")[1];"
            " return im && im.getAttribute('src') !== b && im.complete; }", arg=[before], timeout=20_000)
        times.append((time.perf_counter() - t) * 1000)
        wait_idle(page)
    return statistics.median(times)


def browser_figures(n: int = 12) -> tuple[float, float]:
    """(ours, peer): slider -> repainted picture in Debian's Chromium, for the Convolution page on the
    astronaut photo and for a one-slider script (the peer: Streamlit's own round trip and slider debounce)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, tempfile.TemporaryDirectory() as d:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        with streamlit_server() as url:
            page.goto(f"{url}/image?sample=astronaut")
            wait_idle(page)
            page.locator("[data-testid='stSidebarNav'] a", has_text="Convolution").click()
            wait_idle(page)
            ours = _slider_to_picture_ms(page, n)
        peer_script = Path(d) / "peer.py"
        peer_script.write_text(PEER_SCRIPT)
        with streamlit_server(str(peer_script)) as url:
            page.goto(url)
            wait_idle(page)
            peer = _slider_to_picture_ms(page, n)
        browser.close()
    return ours, peer


def main() -> None:
    for name, ms in apptest_figures().items():
        print(f"AppTest  {name:42} median {ms:7.1f} ms")
    ours, peer = browser_figures()
    print(f"Chromium {'slider -> new feature map painted':42} median {ours:7.1f} ms (target ≤ 250)")
    print(f"Chromium {'peer: one-slider script, picture repainted':42} median {peer:7.1f} ms "
          f"(ours − peer = {ours - peer:.0f} ms)")


if __name__ == "__main__":
    main()
