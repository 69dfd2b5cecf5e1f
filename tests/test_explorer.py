"""The browser explorer (issue 13): its payload (plain unit tests) and its behaviour in Chromium.

Browser tests mount tests/explorer_app.py: hover over output and input cells and compare the formula the
page shows with playground.trace_conv / trace_pool for that cell; count script reruns (0 per hover, 1 per
click); check the quiz answer is never in the page, and that no request leaves the app's origin.
"""

from __future__ import annotations

import re
import sys
import urllib.parse
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs
from hypothesis.extra import numpy as hnp

from playground import trace_conv
from playground.shapes import fmt
from playground.lessons import ChannelLesson
from ui.explorer import _cell, labels, spec_of
from ui.explorer.payload import OVERVIEW_SIDE, Spec, _box_down, build_payload, map_levels, read_payload

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explorer_app import lesson_for  # noqa: E402


def payload(q: dict, selected=(0, 0), quiz=False, lang="en") -> tuple[bytes, object, object]:
    lesson, kind = lesson_for(q)
    spec = spec_of(lesson, kind)
    return build_payload(spec, labels=labels(lang, spec), lang=lang, selected=selected, quiz=quiz), lesson, spec


def expected(lesson, i: int, j: int):
    """The trace the page must reproduce for output cell (i, j)."""
    if isinstance(lesson, ChannelLesson):
        return trace_conv(lesson.image, lesson.filters[:1], [lesson.bias], at=(0, i, j))
    return lesson.trace_at((i, j))


# ---- the payload ---------------------------------------------------------------------------------

@pytest.mark.parametrize("q", [dict(img="digit"), dict(img="grid6", pad="2", pad_mode="reflect"),
                               dict(img="digit", pad="same", k="edge2"), dict(img="digit", kind="pool", pad="1"),
                               dict(img="grid6", kind="pool", mode="avg", pk="3", stride="1", pad="1")])
def test_payload_carries_the_padded_input_exactly_and_the_shapes(q):
    data, lesson, spec = payload(q)
    header, arrays = read_payload(data)
    C, Hp, Wp = spec.padded.shape
    assert (header["C"], header["Hp"], header["Wp"]) == (C, Hp, Wp)
    assert header["out"] == list(lesson.output.shape)
    assert np.array_equal(arrays["input"], spec.padded)
    if header["kind"] == "conv":
        assert np.array_equal(arrays["input"][0], lesson.padded)  # what trace_conv reads, padding mode included
        assert np.array_equal(np.array(header["kernel"])[0], lesson.kernel)
        assert sum(header["pads"][:2]) == Hp - lesson.image.shape[0]
    else:
        p = header["pads"][0]
        assert np.array_equal(arrays["input"][0, p: Hp - p, p: Wp - p], lesson.image)
    assert arrays["map"].shape == lesson.output.shape  # small maps travel cell for cell


def test_a_512_rgb_photo_travels_in_fewer_bytes_than_its_raw_pixels():
    data, lesson, spec = payload(dict(img="rgb"))
    header, arrays = read_payload(data)
    raw_u8 = spec.padded.size  # one byte per value, uncompressed
    print(f"payload for a 512² RGB photo: {len(data):,} bytes (raw uint8 {raw_u8:,}, float32 {4 * raw_u8:,})")
    assert len(data) < raw_u8
    assert np.array_equal(arrays["input"], spec.padded)
    assert max(arrays["map"].shape) <= OVERVIEW_SIDE < max(spec.output.shape)
    f = header["map"]["factor"]
    assert arrays["map"].shape == tuple(-(-n // f) for n in spec.output.shape)


@settings(max_examples=40, deadline=None)
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=40),
                  elements=hs.floats(-1e3, 1e3)), hs.integers(1, 9))
def test_box_down_averages_blocks(a, side):
    small, f = _box_down(a, side)
    assert max(small.shape) <= side
    assert small.shape == tuple(-(-n // f) for n in a.shape)
    edge = np.pad(a, ((0, f), (0, f)), mode="edge")  # the last blocks average with copies of the edge
    assert np.isclose(small[0, 0], edge[:f, :f].mean()) and np.isclose(small[-1, -1], edge[
        (small.shape[0] - 1) * f: small.shape[0] * f, (small.shape[1] - 1) * f: small.shape[1] * f].mean())


@settings(max_examples=40, deadline=None)
@given(hnp.arrays(np.uint8, hnp.array_shapes(min_dims=3, max_dims=3, min_side=1, max_side=12)))
def test_input_bytes_round_trip_exactly(x):
    from ui.explorer.payload import Spec
    spec = Spec("pool", x, (0, 0, 0, 0), (1, 1), (1, 1), (1, 1), np.zeros((x.shape[1], x.shape[2])), mode="max")
    _, arrays = read_payload(build_payload(spec, labels={}, lang="en", selected=(0, 0)))
    assert np.array_equal(arrays["input"], x)


def test_float_inputs_travel_as_float64():
    from ui.explorer.payload import Spec
    x = np.array([[[0.5, -3.25], [1e-9, 300.0]]])
    spec = Spec("conv", x, (0, 0, 0, 0), (1, 1), (1, 1), (1, 1), x[0], np.ones((1, 1, 1)))
    header, arrays = read_payload(build_payload(spec, labels={}, lang="en", selected=(0, 0)))
    assert header["blobs"][0]["enc"] == "f64+zlib" and np.array_equal(arrays["input"], x)


def test_quiz_hides_the_answer_colour():
    out = np.arange(16, dtype=float).reshape(4, 4)
    other = out.copy()
    other[2, 1] = 1e6  # a different answer must not change a single byte
    assert np.array_equal(map_levels(out, (2, 1))[0], map_levels(other, (2, 1))[0])
    assert not np.array_equal(map_levels(out, None)[0], map_levels(other, None)[0])
    data, lesson, _ = payload(dict(img="grid6"), selected=(2, 1), quiz=True)
    header, _ = read_payload(data)
    assert header["hidden"] == [2, 1]
    assert lesson.trace_at((2, 1)).formula.encode() not in data


def test_presentation_mode_travels_in_the_header():
    _, _, spec = payload(dict(img="grid6"))
    for present in (False, True):
        header, _ = read_payload(build_payload(spec, labels={}, lang="en", selected=(0, 0), present=present))
        assert header["present"] is present


def test_labels_are_translated_and_clicks_are_checked():
    data, _, spec = payload(dict(img="digit"), lang="ko")
    header, _ = read_payload(data)
    assert header["labels"]["ex_play"] == "재생" and header["lang"] == "ko"
    assert labels("en", spec)["ex_window"] == "Window"
    assert labels("en", spec)["ex_zoom"] == "Zoom around the window"  # one channel: one number per cell
    _, _, rgb = payload(dict(img="rgb"))  # a colour photo: the magnifier says in which order its three numbers are
    assert labels("ko", rgb)["ex_zoom"] == "윈도우 주변 확대 (칸마다 위에서부터 R, G, B)"
    gray = Spec(**{**rgb.__dict__, "padded": np.repeat(rgb.padded[:1], 3, axis=0)})  # R = G = B: one number a cell
    assert labels("en", gray)["ex_zoom"] == "Zoom around the window"
    assert _cell([2, 3], (4, 4)) == (2, 3)
    for bad in ([4, 0], [-1, 2], ["1", "2"], [1.5, 2], None, [1, 2, 3], {"i": 1}):
        assert _cell(bad, (4, 4)) is None


# ---- in Chromium ---------------------------------------------------------------------------------

pw = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def app():
    from browser_app import CHROMIUM, CHROMIUM_ARGS, streamlit_server

    with pw.sync_playwright() as p, streamlit_server("tests/explorer_app.py") as url:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser, url
        browser.close()


class Page:
    """One browser page on the harness, with the requests and websocket frames it makes."""

    def __init__(self, app, q: dict):
        browser, self.url = app
        self.page = browser.new_page(viewport={"width": 1200, "height": 1300})
        self.requests: list[str] = []
        self.sent: list = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("websocket", self._ws)
        self.page.goto(f"{self.url}/?{urllib.parse.urlencode(q)}")
        pw.expect(self.page.locator("[data-role=root][data-ready]")).to_have_count(1, timeout=60_000)
        self.lesson, kind = lesson_for(q)
        self.OH, self.OW = spec_of(self.lesson, kind).output.shape
        self.lang = q.get("lang", "en")

    def _ws(self, ws):
        self.requests.append(ws.url)
        ws.on("framesent", lambda payload: self.sent.append(payload))

    def box(self, role: str) -> dict:
        return self.page.locator(f"canvas[data-role={role}]").bounding_box()

    def hover_output(self, i: int, j: int) -> None:
        b = self.box("out")
        self.page.mouse.move(b["x"] + (j + 0.5) * b["width"] / self.OW, b["y"] + (i + 0.5) * b["height"] / self.OH)

    def shown_cell(self) -> tuple[int, int]:
        cell = self.page.locator("[data-role=formula]").get_attribute("data-cell")
        return tuple(int(v) for v in cell.split(","))

    def formula(self) -> str:
        return self.page.locator("[data-role=total]").text_content()

    def text(self, prefix: str):
        return self.page.get_by_text(prefix, exact=False)

    def close(self):
        self.page.close()


def check_cell(pg: Page, i: int, j: int) -> None:
    pw.expect(pg.page.locator("[data-role=formula]")).to_have_attribute("data-cell", f"{i},{j}")
    tr = expected(pg.lesson, i, j)
    assert pg.formula() == tr.formula_in(pg.lang)  # (a padded max/min cell says "pad" / "패딩")
    if getattr(tr, "channel_formulas", ()) and len(tr.channel_formulas) > 1:
        for c, f in enumerate(tr.channel_formulas):
            assert pg.page.locator(f"[data-role=channel{c}]").text_content().endswith(f)


SMALL_CASES = [
    dict(img="digit", k="sobel"),
    dict(img="grid6", k="sobel", pad="1"),
    dict(img="digit", k="float", stride="2"),
    dict(img="digit", k="float", dilation="2", pad="2"),
    dict(img="grid6", k="float", pad="2", pad_mode="reflect", bias="1.5"),
    dict(img="digit", k="big", pad="2", pad_mode="circular", bias="-2"),
    dict(img="grid6", k="edge2", pad="same", pad_mode="replicate"),
    dict(img="digit", k="blur", pad="1"),
    dict(img="digit", kind="pool", mode="max", pk="3", stride="2", pad="1"),
    dict(img="digit", kind="pool", mode="max", pk="3", stride="2", pad="1", lang="ko"),
    dict(img="digit", kind="pool", mode="avg", pk="3", stride="2", pad="1"),
    dict(img="grid6", kind="pool", mode="min", pk="2"),
    dict(img="grid6", kind="pool", mode="avg", pk="4", stride="1", pad="2"),
    dict(img="digit", kind="pool", mode="global_avg"),
]


@pytest.mark.parametrize("q", SMALL_CASES, ids=lambda q: "-".join(f"{k}={v}" for k, v in q.items()))
def test_hover_shows_the_trace_formula(app, q):
    pg = Page(app, q)
    try:
        cells = {(0, 0), (pg.OH - 1, pg.OW - 1), (pg.OH // 2, pg.OW // 3), (pg.OH - 1, 0), (1 % pg.OH, pg.OW - 1)}
        for i, j in sorted(cells):
            pg.hover_output(i, j)
            check_cell(pg, i, j)
        b = pg.box("in")  # the input too: the cell shown is the one whose window the pointer is in
        pg.page.mouse.move(b["x"] + b["width"] * 0.6, b["y"] + b["height"] * 0.4)
        if pg.OH * pg.OW > 1:
            pw.expect(pg.page.locator("[data-role=formula]")).not_to_have_attribute("data-cell", f"{i},{j}")
        check_cell(pg, *pg.shown_cell())
    finally:
        pg.close()


@pytest.mark.parametrize("q", [dict(img="digit", k="sobel"), dict(img="digit", kind="pool", mode="max"),
                               dict(img="photo", k="blur", pad="1")], ids=["signed", "pool", "photo"])
def test_the_output_map_has_a_colour_key_with_its_values(app, q):
    """Issue 12's colour policy in the explorer: the map's lowest and highest values at the key's ends (as Python
    writes them), and 0 marked where the map is signed (blue below, red above)."""
    pg = Page(app, q)
    try:
        out = spec_of(pg.lesson, "pool" if q.get("kind") == "pool" else "conv").output
        lo, hi = float(out.min()), float(out.max())
        key = pg.page.locator("[data-role=key]")
        assert key.locator("[data-role=keylo]").text_content() == fmt(lo)
        assert key.locator("[data-role=keyhi]").text_content() == fmt(hi)
        zero = key.locator("[data-role=keyzero]")
        assert zero.is_visible() == (lo < 0 < hi)
        bar = key.locator("[data-role=keybar]").bounding_box()
        assert bar["width"] >= 60 and "gradient" in key.locator("[data-role=keybar]").evaluate(
            "e => getComputedStyle(e).backgroundImage")
        if lo < 0 < hi:  # 0 sits where white is: -lo / (hi - lo) of the way along
            z = zero.bounding_box()
            assert abs((z["x"] + z["width"] / 2 - bar["x"]) / bar["width"] - (-lo / (hi - lo))) < 0.03
    finally:
        pg.close()


@pytest.mark.parametrize("q", [dict(img="photo", k="blur", pad="1"), dict(img="photo", kind="pool", mode="max"),
                               dict(img="rgb", bias="2")], ids=["photo-blur", "photo-maxpool", "rgb-channels"])
def test_hover_on_a_512_photo_shows_the_trace_formula_and_the_zoom(app, q):
    pg = Page(app, q)
    try:
        pw.expect(pg.page.locator("canvas[data-role=zoomin]")).to_be_visible()
        for i, j in [(10, 20), (pg.OH // 2, pg.OW // 2), (pg.OH - 3, pg.OW - 40)]:
            pg.hover_output(i, j)  # cells are < 1 px on the overview: the cell shown is within one of the aim
            pw.expect(pg.page.locator("[data-role=formula]")).not_to_have_attribute("data-cell", "0,0")
            shown = pg.shown_cell()
            assert abs(shown[0] - i) <= 1 and abs(shown[1] - j) <= 1
            check_cell(pg, *shown)
    finally:
        pg.close()


def test_hovers_send_nothing_and_a_click_reruns_once(app):
    pg = Page(app, dict(img="grid6", k="sobel", pad="1"))
    try:
        pw.expect(pg.text("runs: 1")).to_be_visible()
        before = len(pg.sent)
        for k in range(100):
            i, j = divmod(k % (pg.OH * pg.OW), pg.OW)
            pg.hover_output(i, j)
            pw.expect(pg.page.locator("[data-role=formula]")).to_have_attribute("data-cell", f"{i},{j}")
        assert len(pg.sent) == before  # not one websocket frame: no rerun, no state
        pg.hover_output(2, 3)
        pg.page.mouse.down()
        pg.page.mouse.up()
        pw.expect(pg.text("clicked: 2,3")).to_be_visible()
        pw.expect(pg.text("selected: 2,3")).to_be_visible()
        pw.expect(pg.text("runs: 2")).to_be_visible()  # the 100 hovers ran nothing; the click ran once
        assert len(pg.sent) == before + 1
        # the component survived the rerun: one root, still answering hovers, resting on the new cell
        assert pg.page.locator("[data-role=root]").count() == 1
        pg.hover_output(4, 5)
        check_cell(pg, 4, 5)
        pg.page.mouse.move(1, 1)
        check_cell(pg, 2, 3)
        origin = urllib.parse.urlsplit(pg.url).netloc
        assert all(urllib.parse.urlsplit(u).scheme in ("blob", "data") or urllib.parse.urlsplit(u).netloc == origin
                   for u in pg.requests), [u for u in pg.requests if origin not in u]
    finally:
        pg.close()


def test_a_lesson_link_selects_the_cell_and_keys_step_and_play(app):
    pg = Page(app, dict(img="digit", k="sobel", sel="5,7", lang="ko"))
    try:
        check_cell(pg, 5, 7)
        pw.expect(pg.text("runs: 1")).to_be_visible()
        before = len(pg.sent)
        assert pg.page.locator("[data-role=playtext]").text_content() == "재생"
        pg.page.locator("[data-role=root]").focus()
        pg.page.keyboard.press("ArrowRight")
        check_cell(pg, 5, 8)
        pg.page.keyboard.press("ArrowDown")
        check_cell(pg, 6, 8)
        pg.page.keyboard.press(" ")  # play: the window moves on its own
        pw.expect(pg.page.locator("[data-role=formula]")).not_to_have_attribute("data-cell", "6,8")
        pg.page.keyboard.press(" ")
        check_cell(pg, *pg.shown_cell())
        assert len(pg.sent) == before  # keys and play stay in the browser
    finally:
        pg.close()


def test_quiz_never_shows_the_answer(app):
    pg = Page(app, dict(img="grid6", k="float", pad="1", sel="2,1", quiz="1"))
    try:
        pg.hover_output(2, 1)
        pw.expect(pg.page.locator("[data-role=formula]")).to_have_attribute("data-cell", "2,1")
        tr = expected(pg.lesson, 2, 1)
        shown = pg.page.locator("[data-role=root]").evaluate("r => r.textContent")
        assert tr.formula not in shown and fmt(tr.total) not in shown
        assert pg.formula() == labels("en", spec_of(pg.lesson, "conv"))["ex_hidden"]
        products = pg.page.locator("[data-role=step] .cpx-grid").nth(2).locator("div").all_text_contents()
        assert set(products) == {"?"}
        pg.hover_output(0, 0)
        check_cell(pg, 0, 0)  # the other cells still explain themselves
    finally:
        pg.close()


# ---- presentation mode: a projector at 1920×1080 ------------------------------------------------------

PROJECTOR = {"width": 1920, "height": 1080}

# Every size the explorer shows, in CSS px, read from the page: computed fonts of its texts; per canvas its
# CSS width and the font px its numbers were drawn with (data-number-px, set where the font is chosen).
SIZES_JS = """r => {
  const px = (sel) => parseFloat(getComputedStyle(r.querySelector(sel)).fontSize);
  const canvases = {};
  for (const c of r.querySelectorAll("canvas[data-role]")) if (!c.hidden) {
    const b = c.getBoundingClientRect();
    canvases[c.dataset.role] = { width: parseFloat(c.style.width), number_px: parseFloat(c.dataset.numberPx) || 0,
                                 right: b.right };
  }
  const labels = [...r.querySelectorAll("figcaption, .cpx-bar label, .cpx-gridbox > span, .cpx-settings, .cpx-hint")]
    .filter((e) => e.offsetParent !== null && e.textContent.trim()).map((e) => parseFloat(getComputedStyle(e).fontSize));
  return { formula: px("[data-role=total]"), step_numbers: px(".cpx-grid > div"), caption: px("figcaption"),
           labels: Math.min(...labels), canvases, root_right: r.getBoundingClientRect().right,
           overflow: [r, r.querySelector("[data-role=formula]"), r.querySelector("[data-role=step]")]
             .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.className) };
}"""

# Normal mode as it was before presentation sizes existed (measured at 1920×1080, wide layout, commit 7db5488):
# it must not change, except on purpose: the pooled map's numbers went from 9 px to 11.8 px (a reviewer could
# not read 9 px at 1280 px; a pooled picture's numbers have at most 3 digits, which fit a 27 px cell at 12 px).
NORMAL = {
    "grid6": dict(formula=14, step_numbers=13, caption=13, labels=12,
                  canvases={"in": (288, 13), "out": (192, 13)}),
    "digit": dict(formula=14, step_numbers=13, caption=13, labels=12,
                  canvases={"in": (380, 0), "out": (380, 0), "zoomin": (306, 13), "zoomout": (308, 13)}),
    "pool": dict(formula=14, step_numbers=13, caption=13, labels=12,
                 canvases={"in": (380, 0), "out": (380, 11.8), "zoomin": (306, 13)}),  # (14×14 map: 27 px cells)
}
PRESENT_CASES = {"grid6": dict(img="grid6"), "digit": dict(img="digit"),
                 "pool": dict(img="digit", kind="pool", mode="max", pk="2")}


def sizes(app, q: dict) -> dict:
    browser, url = app
    page = browser.new_page(viewport=PROJECTOR)
    try:
        page.goto(f"{url}/?{urllib.parse.urlencode({**q, 'wide': '1'})}")
        root = page.locator("[data-role=root][data-ready]")
        pw.expect(root).to_have_count(1, timeout=60_000)
        pw.expect(page.locator("[data-role=formula]")).to_have_attribute("data-cell", "0,0")
        if q.get("present") == "1":  # the class and the larger layout arrive with the same update
            pw.expect(page.locator("[data-role=root].cpx-present")).to_have_count(1)
        return root.evaluate(SIZES_JS)
    finally:
        page.close()


@pytest.mark.parametrize("name", list(PRESENT_CASES))
def test_presentation_mode_enlarges_numbers_labels_and_maps(app, name):
    normal = sizes(app, PRESENT_CASES[name])
    big = sizes(app, {**PRESENT_CASES[name], "present": "1"})
    print(name, "normal", normal, "present", big)
    want = NORMAL[name]
    assert {k: normal[k] for k in ("formula", "step_numbers", "caption", "labels")} == {
        k: want[k] for k in ("formula", "step_numbers", "caption", "labels")}
    assert {role: (round(c["width"]), round(c["number_px"], 1)) for role, c in normal["canvases"].items()} == want["canvases"]

    assert big["formula"] >= 20 and big["step_numbers"] >= 20
    assert big["labels"] >= 16 and big["caption"] >= 16
    assert set(big["canvases"]) >= set(normal["canvases"])  # a map whose cells cannot hold 20 px numbers gets a magnifier
    drawn = [c["number_px"] for c in big["canvases"].values() if c["number_px"]]
    assert drawn and min(drawn) >= 20  # every canvas that writes numbers writes them >= 20 px
    if name == "pool":  # the pooled 14×14 map writes its numbers on a projector too (46 px cells), as on a laptop
        assert big["canvases"]["out"]["number_px"] >= 20
    for role, c in big["canvases"].items():
        if role in normal["canvases"]:
            assert c["width"] >= 1.6 * normal["canvases"][role]["width"], role
        assert c["right"] <= big["root_right"] + 0.5, role  # within the page: nothing clipped
    assert big["overflow"] == []


def test_presentation_screenshot_of_the_convolution_page(app):
    """The real page (pages/convolution.py passes present()) on a projector; the picture is for a human to look at."""
    from browser_app import SHOTS, streamlit_server

    browser = app[0]  # (the harness's browser: one Playwright per process)
    with streamlit_server("app.py") as url:
        page = browser.new_page(viewport=PROJECTOR)
        try:
            page.goto(f"{url}/convolution?present=1&sample=grid6")
            root = page.locator("[data-role=root].cpx-present[data-ready]")
            pw.expect(root).to_have_count(1, timeout=90_000)
            pw.expect(page.locator("[data-role=formula]")).to_have_attribute("data-cell", re.compile(r"\d+,\d+"))
            big = root.evaluate(SIZES_JS)
            assert big["formula"] >= 20 and big["step_numbers"] >= 20 and big["labels"] >= 16
            assert min(c["number_px"] for c in big["canvases"].values()) >= 20
            assert big["canvases"]["in"]["width"] >= 1.6 * NORMAL["grid6"]["canvases"]["in"][0]
            assert big["overflow"] == []
            root.scroll_into_view_if_needed()
            (SHOTS / "screenshots").mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SHOTS / "screenshots" / "explorer-present.png")
        finally:
            page.close()


# ---- the page's number formatting and sums, in node when it is installed (optional) ------------------

def _node_eval(fn: str, args: list) -> list:
    """Call explorer.js's named export `fn` on each argument list, in node."""
    import json
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (the browser tests cover the same code)")
    js = Path(__file__).resolve().parent.parent / "ui" / "explorer" / "explorer.js"
    script = (f"import * as ex from {json.dumps(js.as_uri())};"
              "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{"
              f"const out=JSON.parse(s).map(a=>ex.{fn}(...a.map(v=>Array.isArray(v)?Float64Array.from(v):v)));"
              "process.stdout.write(JSON.stringify(out));});")
    done = subprocess.run([node, "--input-type=module", "-e", script], input=json.dumps(args), capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


@settings(max_examples=5, deadline=None)
@given(hs.lists(hs.one_of(hs.floats(-1e7, 1e7), hs.floats(-1e-2, 1e-2), hs.integers(-10**6, 10**6).map(lambda k: k / 32),
                          hs.integers(-10**4, 10**4).map(lambda k: k / 10**4 + 5e-5)), min_size=50, max_size=200))
def test_js_fmt_writes_numbers_as_python_does(values):
    values = [v for v in values if np.isfinite(v)] + [0.03125, -0.03125, 1.00005, 2.5e-5, 1234567.5, -0.0, 1e-300]
    assert _node_eval("fmt", [[v] for v in values]) == [fmt(v) for v in values]


@settings(max_examples=5, deadline=None)
@given(hs.lists(hs.lists(hs.floats(-1e3, 1e3), min_size=1, max_size=300), min_size=5, max_size=20))
def test_js_sums_add_in_numpys_order(arrays):
    got = _node_eval("pairwiseSum", [[a, 0, len(a)] for a in arrays])
    assert got == [float(np.add.reduce(np.array(a))) for a in arrays]  # bit for bit


def test_one_channel_says_sum_and_rgb_says_partial_sums():
    _, _, gray = payload(dict(img="digit"))
    assert labels("en", gray)["ex_partial"] == "Sum of the products" and labels("ko", gray)["ex_partial"] == "곱의 합"
    rgb = Spec("conv", np.zeros((3, 4, 4)), (0, 0, 0, 0), (3, 3), (1, 1), (1, 1), np.zeros((2, 2)), np.ones((3, 3, 3)))
    assert labels("en", rgb)["ex_partial"] == "Partial sum"


def test_the_explorer_marks_in_the_figures_colours():
    from playground import figures

    js = (Path(__file__).resolve().parent.parent / "ui" / "explorer" / "explorer.js").read_text()
    assert f'const WINDOW = "{figures.WINDOW}", RESULT = "{figures.RESULT}"' in js
