"""Nothing is cut off on a 1280-px school laptop (issue 12), measured in Chromium at 1280×800.

On every page, in English and Korean: no heading, caption, paragraph, page link or table cell whose text
is wider than its box (scrollWidth > clientWidth + 1 where the box hides what overflows, or the text
running past the box's right edge), no Plotly title running out of its chart, no data grid whose columns
run past its right edge, and nothing wider than the viewport. Also at 1920×1080 in presentation mode
(?present=1). Screenshots: tests/artifacts/layout-<width>-<page>-<lang>.png (look at them).
"""

import re

import pytest
from playwright.sync_api import expect

from browser_app import ROOT, wait_idle

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "tests" / "artifacts"
PAGES = ["home", "image", "convolution", "pooling", "channels", "model", "gallery", "train", "digit"]
KNOWN: dict[tuple[str, str], str] = {}  # (page, size) -> a problem excused there; none today
SIZES = {"1280": ({"width": 1280, "height": 800}, ""), "present": ({"width": 1920, "height": 1080}, "&present=1")}

# Every text element the learner reads, and whether its text fits its box. An element clips when its text is
# wider than it (scrollWidth > clientWidth + 1) and something hides the overflow (its own or an ancestor's
# overflow/text-overflow), or when the text visibly runs past the element's right edge onto its neighbour.
CLIPPED = r"""() => {
  const vw = document.documentElement.clientWidth;
  const sel = ["h1", "h2", "h3", "h4", "h5", "h6", "[data-testid='stCaptionContainer']",
               "[data-testid='stMarkdownContainer'] p", "[data-testid='stMarkdownContainer'] li",
               "[data-testid='stPageLink'] a", "[data-testid='stPageLink'] p", "[data-testid='stPageLink'] span",
               "[data-testid='stTable'] td", "[data-testid='stTable'] th", "[data-testid='stWidgetLabel'] p",
               "[data-testid='stMetricValue']", "[data-testid='stMetricLabel'] p"].join(",");
  const name = el => (el.closest("[class*='st-key-']") ? [...el.closest("[class*='st-key-']").classList]
                      .find(c => c.startsWith('st-key-')) + ' ' : '') + el.tagName + ': ' + el.textContent.trim().slice(0, 60);
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    if (!visible(el) || el.textContent.trim() === '' || el.closest("[data-testid='stSidebar']")) continue;
    if (el.closest('[data-testid="stExpanderDetails"]') && !el.closest('details[open]')) continue;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) { out.push('clipped ' + name(el)); continue; }
    const box = el.getBoundingClientRect();  // the text's own extent (a range over its contents)
    const range = document.createRange(); range.selectNodeContents(el);
    const text = range.getBoundingClientRect();
    if (text.right > box.right + 1 && getComputedStyle(el).overflow !== 'visible') out.push('clipped ' + name(el));
    if (text.right > vw + 1) out.push('off screen ' + name(el));
  }
  for (const chart of document.querySelectorAll("[data-testid='stPlotlyChart']")) {
    const svg = chart.querySelector('.main-svg'); if (!svg) continue;
    const s = svg.getBoundingClientRect();
    for (const t of chart.querySelectorAll('.gtitle, .g-gtitle text, .annotation-text')) {
      const r = t.getBoundingClientRect();
      if (r.width > 0 && (r.left < s.left - 1 || r.right > s.right + 1)) out.push('plotly title ' + name(t));
    }
    if (s.right > vw + 1) out.push('off screen chart ' + name(chart));
  }
  for (const grid of document.querySelectorAll("[data-testid='stDataFrame']")) {
    const sc = grid.querySelector('.dvn-scroller');
    if (sc && sc.scrollWidth > sc.clientWidth + 1) out.push('grid columns run off ' + name(grid) +
                                                           ` (${sc.scrollWidth} > ${sc.clientWidth})`);
  }
  for (const el of document.querySelectorAll("[data-testid='stMainBlockContainer'] *")) {
    const r = el.getBoundingClientRect();
    const hidden = getComputedStyle(el).clipPath !== 'none' || el.matches('input[type=range]');  // a11y-only input
    if (r.width > 0 && r.right > vw + 1 && !hidden && !el.closest('.dvn-scroller, [data-testid="stCode"] pre, svg'))
      { out.push('wider than the viewport ' + name(el)); break; }
  }
  return out;
}"""
KEEP_ALL = r"""() => [...document.querySelectorAll(
    "[data-testid='stMainBlockContainer'] :is(p, li, td, th, h1, h2, h3, [data-testid='stCaptionContainer'])")]
  .filter(el => el.textContent.trim() && getComputedStyle(el).wordBreak !== 'keep-all')
  .map(el => getComputedStyle(el).wordBreak + ': ' + el.textContent.trim().slice(0, 40)).slice(0, 5)"""
PAINTED = ("() => !document.querySelector(\"[data-testid*='keleton']\") && "
           "[...document.querySelectorAll(\"[data-testid='stPlotlyChart']\")].every(c => c.querySelector('.main-svg'))")


def open_page(browser, app_url, path: str, lang: str, size: str):
    viewport, query = SIZES[size]
    ctx = browser.new_context(viewport=viewport, locale="en-US")
    pg = ctx.new_page()
    pg.goto(f"{app_url}/{'' if path == 'home' else path}?lang={lang}{query}")
    pg.wait_for_selector("[data-testid='stMainBlockContainer'] h1", timeout=120_000)  # the page's script ran
    wait_idle(pg)
    pg.wait_for_function(PAINTED, timeout=120_000)  # every chart drawn, no element still loading
    roots = pg.locator("[data-role=root]")  # the browser explorers (Components v2): drawn, at their full height
    for k in range(roots.count()):
        expect(roots.nth(k)).to_have_attribute("data-ready", re.compile(".+"), timeout=120_000)
    pg.evaluate("document.fonts.ready")  # measured in the page's own fonts, not a fallback's widths
    return ctx, pg


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("path", PAGES)
def test_nothing_is_cut_off(browser, app_url, path, lang, size):
    ctx, pg = open_page(browser, app_url, path, lang, size)
    try:
        problems = pg.evaluate(CLIPPED)
        ARTIFACTS.mkdir(exist_ok=True)  # the whole page (the app scrolls inside itself: a window as tall as it)
        height = "document.querySelector(\"[data-testid='stMain']\").scrollHeight"
        tall = 0
        for _ in range(3):  # a taller window can lay the page out again: measure until it stops growing
            now = int(pg.evaluate(height))
            if now <= tall:
                break
            tall = now
            pg.set_viewport_size({"width": SIZES[size][0]["width"], "height": min(tall + 40, 8000)})
            pg.wait_for_function(PAINTED, timeout=120_000)
        pg.screenshot(path=str(ARTIFACTS / f"layout-{size}-{path}-{lang}.png"))
        assert pg.locator("[data-testid='stException']").count() == 0
        if lang == "ko":  # Korean breaks between words, never inside one (app.py's keep-all must win Streamlit's styles)
            loose = pg.evaluate(KEEP_ALL)
            assert not loose, loose
        known = KNOWN.get((path, size))
        if known and problems and all(p.startswith(known) for p in problems):
            pytest.xfail(f"known: {problems}")
        assert not problems, problems
    finally:
        ctx.close()
