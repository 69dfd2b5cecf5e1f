"""Presentation mode scales the pictures (issue 12): measured in Chromium at 1920×1080 with ?present=1.

On Convolution, Pooling and Image, in English and Korean: every number printed in a Plotly map's cells
is drawn at ≥ 20 px and every tick label at ≥ 16 px (computed styles of the SVG text), the page's main
map is drawn at least half the viewport wide (its plot area, not the element around it), and the page's
primary control is wholly above the fold. Screenshots (the first screen, and -map: the main map's screen):
tests/artifacts/screenshots/present-<page>-<lang>[-map].png (or $CONV_SCREENSHOTS).
"""

import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from browser_app import ROOT, wait_idle
from playground import figures
SCREENSHOTS = ROOT / os.environ.get("CONV_SCREENSHOTS", "tests/artifacts/screenshots")
VIEWPORT = {"width": 1920, "height": 1080}

# view -> (page, extra query, key of the main map, key of the primary control, key of the -map screenshot)
PAGES = {
    "convolution": ("convolution", "", "conv_in", "kernel_text", "conv_in"),  # numbers: the window × kernel row
    "pooling": ("pooling", "&sample=grid6", "pool_in", "pool_mode", "pool_in"),  # a 6×6 grid: numbers in the maps
    "image": ("image", "", "zoom_map", "image_source", "zoom_map"),
    # the sliding-window animation and the coverage maps, opened by the link: their numbers and ticks too
    "convolution-play": ("convolution", "&conv_play=1&show_coverage=1", "conv_in", "kernel_text", "conv_anim"),
}
VIEWS = [(view, lang) for view in PAGES for lang in ("en", "ko") if view != "convolution-play" or lang == "en"]

# Per Plotly chart: the font sizes (px) of the numbers in cells and of the tick labels, and the size of
# the plot area (plotly's drag layer covers exactly the axes' domain: the map as drawn).
MEASURE = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")].map(chart => {
  const key = [...(chart.closest("[class*='st-key-']") || chart).classList].find(c => c.startsWith('st-key-')) || '';
  const sizes = sel => [...chart.querySelectorAll(sel)].filter(t => t.textContent.trim() !== '')
                                                     .map(t => parseFloat(getComputedStyle(t).fontSize));
  const plot = chart.querySelector('rect.nsewdrag');
  const box = plot ? plot.getBoundingClientRect() : {width: 0, height: 0};
  return {key: key.replace('st-key-', ''), cells: sizes('g.textpoint text'),
          ticks: sizes('g.xtick text, g.ytick text'), plot_w: box.width, plot_h: box.height};
})"""
PAINTED = ("() => !document.querySelector(\"[data-testid*='keleton']\") && "
           "[...document.querySelectorAll(\"[data-testid='stPlotlyChart']\")].every(c => c.querySelector('.main-svg'))")


def spec(fig) -> dict:
    return fig.to_plotly_json()


def texts(fig) -> list[dict]:
    return [t for t in spec(fig)["data"] if t.get("mode") == "text"]


# ---- the figures (no browser) ---------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(hs.integers(1, 48), hs.integers(1, 48), hs.integers(0, 4))
def test_a_main_map_fills_its_side_and_its_numbers_fit_their_cells(H, W, digits):
    a = np.random.default_rng(H * 100 + W).integers(-10 ** digits, 10 ** digits + 1, size=(H, W)).astype(float)
    fig = figures.heatmap(a, present=True, side=960)
    layout = spec(fig)["layout"]
    m = layout["margin"]
    plot_w, plot_h = layout["width"] - m["l"] - m["r"], layout["height"] - m["t"] - m["b"]
    cell = plot_w / W
    assert abs(plot_h / H - cell) < 1.0  # square cells
    assert max(plot_w, plot_h) >= 960 - max(H, W)  # the longer side is the asked size (rounding: < 1 px a cell)
    for t in texts(fig):  # numbers (maps up to 12×12): ≥ 20 px, and as wide as the cell allows at most
        size = t["textfont"]["size"]
        assert size >= 20
        assert 0.62 * size * max(len(x) for x in t["text"]) <= cell
    for k in ("xaxis", "yaxis"):
        assert layout[k]["tickfont"]["size"] >= 16


def test_presentation_numbers_grow_with_their_cells_but_normal_mode_keeps_its_size():
    a = np.arange(16.0).reshape(4, 4)
    f = figures.fonts(True)
    big = texts(figures.heatmap(a, present=True, side=960))[0]["textfont"]["size"]
    small = texts(figures.heatmap(a, present=True))[0]["textfont"]["size"]
    assert big > small >= f.cell == 20
    assert texts(figures.heatmap(a, side=960))[0]["textfont"]["size"] == figures.fonts().cell
    row = texts(figures.heatmap_row([a, a * 1000], ["a", "b"], present=True))
    assert len({t["textfont"]["size"] for t in row}) == 1  # one size across a row


def test_the_animation_for_a_projector_prints_every_number_at_20_px_in_a_cell_that_holds_it():
    from playground.lessons import conv_lesson
    from playground import samples
    lesson = conv_lesson(samples.sample("digit"), np.array([[1.0, 0, -1], [2, 0, -2], [1, 0, -1]]))
    fig = figures.conv_animation(lesson.padded, lesson.kernel, lesson.output, stride=1, dilation=1, present=True)
    s = spec(fig)
    layout = s["layout"]
    labels = [x for t in texts(fig) for x in t["text"]] + [x for fr in s["frames"] for d in fr["data"]
                                                          for x in d.get("text", [])]
    cols = len(s["data"][0]["x"]) + len(s["data"][2]["x"]) + 3  # input, output and the gap, in cells
    cell = (layout["width"] - layout["margin"]["l"] - layout["margin"]["r"]) / cols
    assert all(t["textfont"]["size"] >= 20 for t in texts(fig))
    assert 0.62 * 20 * max(len(x) for x in labels) <= cell
    assert all(layout[k]["tickfont"]["size"] >= 16 for k in layout if k.startswith(("xaxis", "yaxis")))


@pytest.mark.parametrize("present", [False, True])
@pytest.mark.parametrize("cut", [None, 16])
def test_the_animation_draws_a_number_on_every_cell_of_its_crop(present, cut):
    """Every heatmap's z has as many rows and columns as its axes' cells (a crop running past the end of
    the input drew a shifted, shrunken picture under misplaced numbers)."""
    from playground import samples
    from playground.lessons import conv_lesson
    lesson = conv_lesson(samples.sample("digit"), np.array([[1.0, 0, -1], [2, 0, -2], [1, 0, -1]]))
    padded, output = (lesson.padded, lesson.output) if cut is None else (lesson.padded[:cut, :cut],
                                                                          lesson.output[:cut, :cut])
    s = spec(figures.conv_animation(padded, lesson.kernel, output, stride=1, dilation=1, present=present))
    for heat, numbers in ((s["data"][0], s["data"][1]), (s["data"][2], s["data"][3])):
        assert np.shape(heat["z"]) == (len(heat["y"]), len(heat["x"]))
        assert len(numbers["text"]) == len(heat["x"]) * len(heat["y"])
    assert np.array_equal(np.array(s["data"][0]["z"], dtype=float),
                          lesson.padded[np.ix_(s["data"][0]["y"], s["data"][0]["x"])])


@settings(max_examples=40, deadline=None)
@given(hs.integers(8, 40), hs.integers(8, 40), hs.data())
def test_the_zoom_starts_on_the_picture_not_on_a_flat_corner(H, W, data):
    """A lone 3×3 patch anywhere in a flat map: the 8×8 zoom's default place shows all of it."""
    r, c = data.draw(hs.integers(0, H - 3)), data.draw(hs.integers(0, W - 3))
    a = np.zeros((H, W))
    a[r:r + 3, c:c + 3] = 200
    top, left = figures.busiest_crop(a, 8)
    assert 0 <= top <= H - 8 and 0 <= left <= W - 8
    assert a[top:top + 8, left:left + 8].sum() == a.sum()


# ---- in Chromium ----------------------------------------------------------------------------------

@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport=VIEWPORT, locale="en-US")
    pg = ctx.new_page()
    yield pg
    ctx.close()


@pytest.mark.browser
@pytest.mark.parametrize("view, lang", VIEWS)
def test_presentation_mode_scales_the_pictures(app_url, page, view, lang):
    path, query, main, control, shot = PAGES[view]
    page.goto(f"{app_url}/{path}?present=1&lang={lang}{query}")
    page.wait_for_selector(f".st-key-{shot} .main-svg", timeout=90_000)  # the page's script ran this far
    wait_idle(page, timeout=60_000)
    page.wait_for_function(PAINTED, timeout=60_000)  # every chart drawn, no element still loading
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stSidebar']").is_hidden()  # presentation mode is on

    charts = page.evaluate(MEASURE)
    by_key = {c["key"]: c for c in charts}
    cells = [s for c in charts for s in c["cells"]]
    ticks = [s for c in charts for s in c["ticks"]]
    assert cells and ticks, charts  # the page prints numbers in cells and labels its axes: both are measured
    assert min(cells) >= 20, [(c["key"], min(c["cells"])) for c in charts if c["cells"]]
    assert min(ticks) >= 16, [(c["key"], min(c["ticks"])) for c in charts if c["ticks"]]

    plot_w = by_key[main]["plot_w"]
    assert plot_w >= VIEWPORT["width"] / 2, f"{main} is drawn {plot_w:.0f} px wide"

    box = page.locator(f".st-key-{control}").first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= VIEWPORT["height"], f"{control} at {box}"

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)  # the first screen, then the screen of the main map
    page.screenshot(path=str(SCREENSHOTS / f"present-{view}-{lang}.png"))
    page.locator(f".st-key-{shot}").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"present-{view}-{lang}-map.png"))


# The other pages (their maps are drawn by show_map and the explorers, measured above and in test_explorer):
# on a projector every tick label and every label printed in a chart is ≥ 16 px, and the page's primary control
# is wholly above the fold. Architectures has no control: its chart's labels are measured.
OTHERS = {"home": "home_digit", "channels": "n_filters", "model": "framework", "gallery": None, "train": "btn_train",
          "digit": "digit_source"}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("path", list(OTHERS))
def test_every_other_page_on_a_projector_has_large_labels_and_its_control_above_the_fold(app_url, page, path, lang):
    control = OTHERS[path]
    page.goto(f"{app_url}/{'' if path == 'home' else path}?present=1&lang={lang}")
    page.wait_for_selector(f".st-key-{control}" if control else "[data-testid='stMainBlockContainer'] h1",
                           timeout=90_000)  # the page's script ran this far
    wait_idle(page, timeout=60_000)
    page.wait_for_function(PAINTED, timeout=60_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stSidebar']").is_hidden()  # presentation mode is on
    charts = page.evaluate(MEASURE)
    small = [(c["key"], min(c["ticks"] + c["cells"])) for c in charts if c["ticks"] + c["cells"]
             and min(c["ticks"] + c["cells"]) < 16]
    assert not small, small
    tables = page.evaluate("() => [...document.querySelectorAll(\"[data-testid='stTable'] td, [data-testid='stTable'] th\")]"
                           ".map(e => parseFloat(getComputedStyle(e).fontSize))")
    # Architectures' and Model's tables read from the back row
    assert (tables or path not in ("gallery", "model")) and all(px >= 16 for px in tables), tables
    if path == "digit":  # its main picture (what the model sees) at least half the width
        widest = page.evaluate("() => Math.max(...[...document.querySelectorAll(\"[data-testid='stMain'] "
                               "[data-testid='stImage'] img\")].map(i => i.getBoundingClientRect().width))")
        assert widest >= VIEWPORT["width"] / 2, widest
    if control:
        box = page.locator(f".st-key-{control}").first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= VIEWPORT["height"], f"{control} at {box}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"present-{path}-{lang}.png"))
