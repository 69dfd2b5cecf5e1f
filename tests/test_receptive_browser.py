"""The receptive field layer by layer (issue 13) on the real Channels page, in Chromium.

Hover cells of the last layer and compare what the browser lights in every grid (the component's
root[data-fields]) and its sentence with playground.receptive.field_per_layer and the server's sentence;
count the websocket frames the page sends (no frame: no rerun can start); a click selects the cell in
one message and the server-side sentence follows it. Screenshots: tests/artifacts/receptive-*.png.
"""

from __future__ import annotations

import json

import pytest

from browser_app import SHOTS, wait_idle
from playground import samples
from playground.receptive import field_per_layer, stack_layers
from ui.receptive.payload import sentence

pw = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser


class Channels:
    """The Channels page opened by a link, with the websocket frames it sends."""

    def __init__(self, browser, url: str, *, lang: str, width: int, sample: str, n_layers: int, pool: bool,
                 present: bool = False):
        self.ctx = browser.new_context(viewport={"width": width, "height": 1200}, locale="en-US")
        self.page = self.ctx.new_page()
        self.sent: list = []
        self.page.on("websocket", lambda ws: ws.on("framesent", lambda payload: self.sent.append(payload)))
        q = f"lang={lang}&sample={sample}&n_layers={n_layers}&layers_pool={int(pool)}" + ("&present=1" if present else "")
        self.page.goto(f"{url}/channels?{q}")
        self.root = self.page.locator(".crf[data-ready]")
        self.root.wait_for(timeout=180_000)  # (a hang guard: a first run on a loaded machine is slow)
        wait_idle(self.page)
        self.lang = lang
        img = samples.sample(sample)
        self.hw = img.shape[:2]
        self.layers = stack_layers([dict(kernel_size=5, pool=2 if pool else 1)] * n_layers)  # the page's 5×5 default
        self.root.scroll_into_view_if_needed()

    def last_box(self) -> dict:
        return self.page.locator(".crf figure.last canvas").bounding_box()

    def out_shape(self) -> tuple[int, int]:
        assert self.page.locator(".crf figure").count() == len(self.layers) + 1  # the input and every layer
        return field_per_layer(self.hw, self.layers, (0, 0))[-1].size

    def hover(self, i: int, j: int) -> None:
        b, (H, W) = self.last_box(), self.out_shape()
        self.page.mouse.move(b["x"] + (j + 0.5) * b["width"] / W, b["y"] + (i + 0.5) * b["height"] / H)
        pw.expect(self.root).to_have_attribute("data-cell", f"{i},{j}")

    def check(self, i: int, j: int) -> None:
        """What is lit in every grid, and the sentence under the grids, equal Python's for cell (i, j)."""
        fields = field_per_layer(self.hw, self.layers, (i, j))
        flat = lambda r: [] if r is None else [r.top, r.left, r.bottom, r.right]  # noqa: E731
        assert json.loads(self.root.get_attribute("data-fields")) == [flat(f.rect) + flat(f.reach) for f in fields]
        assert self.root.locator("[data-role=sentence]").text_content() == sentence(fields, self.lang, bold=False)

    def server_sentence(self, i: int, j: int):
        text = sentence(field_per_layer(self.hw, self.layers, (i, j)), self.lang, bold=False)
        return self.page.locator("[data-testid='stMarkdown']").filter(has_text=text)

    def nothing_cut_off(self) -> None:
        """Every grid and text lies inside the component, and the component inside the window."""
        box = self.root.evaluate("""(root) => {  // (the component lives in a shadow root: a locator reaches it)
            const r = root.getBoundingClientRect();
            const parts = [...root.querySelectorAll('canvas, figcaption, p, .crf-rc')].map(e => e.getBoundingClientRect());
            return {left: r.left, right: r.right, width: window.innerWidth, scroll: root.scrollWidth - root.clientWidth,
                    outside: parts.filter(p => p.right > r.right + 1 || p.left < r.left - 1).length};
        }""")
        assert box["outside"] == 0 and box["scroll"] <= 0 and box["right"] <= box["width"], box

    def close(self) -> None:
        self.ctx.close()


CASES = [("en", 1280, "digit", 2, True), ("ko", 1280, "astronaut", 3, True), ("en", 1920, "astronaut", 2, False),
         ("ko", 1920, "digit", 2, False)]


@pytest.mark.parametrize("lang, width, sample, n_layers, pool", CASES,
                         ids=[f"{c[0]}-{c[1]}-{c[2]}-{c[3]}{'pool' if c[4] else ''}" for c in CASES])
def test_hovering_the_last_layer_lights_the_python_fields_without_a_rerun(app_url, browser, lang, width, sample,
                                                                         n_layers, pool):
    pg = Channels(browser, app_url, lang=lang, width=width, sample=sample, n_layers=n_layers, pool=pool)
    try:
        H, W = pg.out_shape()
        (si, sj) = (H // 2, W // 2)  # no cell chosen yet: the centre, in the browser and on the server
        pw.expect(pg.root).to_have_attribute("data-cell", f"{si},{sj}")
        pg.check(si, sj)
        pw.expect(pg.server_sentence(si, sj)).to_have_count(1)
        pg.nothing_cut_off()
        before = len(pg.sent)
        cells = [(0, 0), (H - 1, W - 1), (H // 3, W - 1), (H - 1, 0), (1 % H, 2 % W), (H // 2, W // 3)]
        for i, j in cells:
            pg.hover(i, j)
            pg.check(i, j)
        pg.root.focus()  # arrow keys move the cell too
        pg.page.keyboard.press("ArrowUp")
        i, j = max(cells[-1][0] - 1, 0), cells[-1][1]
        pw.expect(pg.root).to_have_attribute("data-cell", f"{i},{j}")
        pg.check(i, j)
        assert len(pg.sent) == before  # not one websocket frame: no rerun
        pw.expect(pg.server_sentence(si, sj)).to_have_count(1)  # the server still states the selected cell
        pg.hover(*cells[0])
        SHOTS.mkdir(parents=True, exist_ok=True)
        name = f"receptive-{lang}.png" if width == 1280 else f"receptive-{lang}-{width}.png"
        pg.page.locator(".crf").screenshot(path=str(SHOTS / name))
    finally:
        pg.close()


def test_a_click_selects_the_cell_and_the_server_sentence_follows(app_url, browser):
    pg = Channels(browser, app_url, lang="en", width=1280, sample="digit", n_layers=2, pool=True)
    try:
        H, W = pg.out_shape()
        before = len(pg.sent)
        pg.hover(1, 2)
        pg.page.mouse.down()
        pg.page.mouse.up()
        pw.expect(pg.server_sentence(1, 2)).to_have_count(1)  # the click's one rerun wrote the new sentence
        wait_idle(pg.page)
        assert len(pg.sent) == before + 1  # one message: the click
        pg.hover(H - 1, W - 1)
        pg.page.mouse.move(1, 1)  # the pointer leaves: the field rests on the selected cell
        pw.expect(pg.root).to_have_attribute("data-cell", "1,2")
        pg.check(1, 2)
        assert pg.page.locator(".crf").count() == 1  # one component after the rerun, still answering hovers
        pg.hover(0, 0)
        pg.check(0, 0)
    finally:
        pg.close()


def test_presentation_mode_draws_larger(app_url, browser):
    sides = {}
    for present in (False, True):
        pg = Channels(browser, app_url, lang="ko", width=1920, sample="digit", n_layers=2, pool=False,
                      present=present)
        try:
            sides[present] = pg.last_box()["width"]
            pg.nothing_cut_off()
            px = pg.page.locator(".crf-sentence").evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)")
            assert px >= (20 if present else 14)
            if present:
                pg.page.locator(".crf").screenshot(path=str(SHOTS / "receptive-ko-present.png"))
        finally:
            pg.close()
    assert sides[True] > 1.3 * sides[False]
