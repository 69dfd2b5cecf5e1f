"""The browser explorer (issue 13) against today's server-side stepper, in Debian's Chromium, same run.

    python -m bench.hover

- hover -> window, products and formula painted: performance marks inside the page (pointer event's
  timeStamp -> a task after the next animation frame), median and p95, on the 28×28 digit, a 512² gray
  photo and the 512² RGB photo (the Channels lesson);
- the peer: the Convolution page's ▶ button (click -> rerun -> the new cell drawn, script idle), measured
  inside the page too, on the same digit and photo;
- script reruns during 100 hovers (websocket frames the page sends; 0 means no rerun could start);
- animation frames per second while playing at 60 cells/s;
- payload bytes for a 512² RGB photo.

Targets: hover median ≤ 16 ms, p95 ≤ 33 ms, 0 reruns, ≥ 30 fps.
"""

from __future__ import annotations

import statistics
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser_app import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

HOVERS = 100
STEPS = 12
LESSONS = {"digit 28×28": dict(img="digit", k="sobel"), "photo 512² gray": dict(img="photo", k="blur"),
           "photo 512² RGB": dict(img="rgb")}
SAMPLES = {"digit 28×28": "digit", "photo 512² gray": "astronaut"}


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) >= 2 else xs[0]


def _hover(page, url: str, q: dict) -> dict:
    """100 hovers over output cells; in-page latencies, frames sent, then fps while playing."""
    sent: list = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    page.goto(f"{url}/?{urllib.parse.urlencode(q)}")
    page.locator("[data-role=root][data-ready]").wait_for(timeout=60_000)
    page.get_by_text("runs: 1").wait_for()
    out = page.locator("canvas[data-role=out]")
    box = out.bounding_box()
    formula = page.locator("[data-role=formula]")
    page.evaluate("performance.clearMeasures(); performance.clearMarks()")
    before = len(sent)
    for k in range(HOVERS):  # jumps all over the map, then a sweep along rows as a drag does
        if k < HOVERS // 2:
            fx, fy = ((k * 37) % 97 + 0.5) / 97, ((k * 53) % 89 + 0.5) / 89
        else:
            row, col = divmod(k - HOVERS // 2, 10)
            fx, fy = 0.3 + 0.04 * (col if row % 2 == 0 else 9 - col), 0.3 + 0.05 * row
        page.mouse.move(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
        page.wait_for_function("n => performance.getEntriesByName('cpx-hover').length >= n", arg=k + 1)
    frames_sent = len(sent) - before
    hover = page.evaluate("performance.getEntriesByName('cpx-hover').map(e => e.duration)")
    jumps, sweep = hover[: HOVERS // 2], hover[HOVERS // 2:]
    handled = page.evaluate("performance.getEntriesByName('cpx-hover-handled').map(e => e.duration)")
    runs_text = page.get_by_text("runs:").text_content()
    assert formula.get_attribute("data-cell")
    # animation: 60 cells/s, count animation frames over ~2 s
    page.mouse.move(1, 1)
    page.locator("[data-role=speed]").fill("60")
    page.locator("[data-role=root]").focus()
    page.evaluate("performance.clearMarks()")
    page.keyboard.press(" ")
    page.wait_for_function("performance.getEntriesByName('cpx-frame').length >= 120", timeout=30_000)
    page.keyboard.press(" ")
    t = page.evaluate("performance.getEntriesByName('cpx-frame').map(e => e.startTime)")
    fps = (len(t) - 1) / (t[-1] - t[0]) * 1000
    return dict(hover=hover, jumps=jumps, sweep=sweep, handled=handled, frames_sent=frames_sent, runs=runs_text, fps=fps)


STEP_JS = """
([sel, before]) => {
  const s = document.querySelector(sel);
  const idle = document.querySelector("[data-testid='stApp'][data-test-script-state='notRunning']");
  return s && idle && s.value !== before ? performance.now() - window.__t0 : null;
}
"""


def _stepper(page, url: str, sample: str) -> list[float]:
    """The Convolution page's ▶ button: click -> rerun -> new cell shown, script idle (in-page ms)."""
    page.goto(f"{url}/convolution?sample={sample}")
    idle = "[data-testid='stApp'][data-test-script-state='notRunning']"
    page.wait_for_selector(idle, timeout=60_000)
    # the server's ◀ ▶ sit with the cell's charts, folded (and not built) beside the explorer: open them as a
    # learner would (one rerun draws them)
    folded = page.locator(".st-key-conv_charts details")
    if folded.count() and not folded.first.evaluate("d => d.open"):
        folded.first.locator("summary").click()
    page.wait_for_selector(".st-key-conv_cell_next button, .st-key-conv_step_next button", timeout=60_000)
    page.wait_for_selector(idle, timeout=60_000)
    for key in ("conv_cell", "conv_step"):  # the button's key before and after the ui/ split
        if page.locator(f".st-key-{key}_next button").count():
            break
    slider = f".st-key-{key}_{'col' if key == 'conv_cell' else 'idx'} input[type='range']"
    page.evaluate("k => document.addEventListener('click', e => { if (e.target.closest('.st-key-' + k + '_next'))"
                  " window.__t0 = e.timeStamp; }, true)", key)
    times = []
    for _ in range(STEPS):
        button = page.locator(f".st-key-{key}_next button").first
        before = page.locator(slider).input_value()
        button.click()
        times.append(page.wait_for_function(STEP_JS, arg=[slider, before], polling="raf", timeout=30_000).json_value())
        page.wait_for_selector(idle)
    return times


def payload_bytes() -> int:
    from explorer_app import lesson_for
    from ui.explorer import build_payload, labels, spec_of

    lesson, kind = lesson_for(dict(img="rgb"))
    spec = spec_of(lesson, kind)
    return len(build_payload(spec, labels=labels("en", spec), lang="en", selected=(0, 0)))


def main() -> None:
    from playwright.sync_api import sync_playwright

    results, peers = {}, {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with streamlit_server("tests/explorer_app.py") as url:
            for name, q in LESSONS.items():
                page = browser.new_page(viewport={"width": 1200, "height": 1300})
                results[name] = _hover(page, url, q)
                page.close()
        with streamlit_server("app.py") as url:
            for name, sample in SAMPLES.items():
                page = browser.new_page(viewport={"width": 1400, "height": 1600})
                peers[name] = _stepper(page, url, sample)
                page.close()
        browser.close()
    print(f"{'lesson':18} {'hover→painted median':>21} {'p95':>7} {'handler':>8} {'frames sent':>12} {'fps':>6}"
          f"   median jumps / sweep")
    for name, r in results.items():
        print(f"{name:18} {statistics.median(r['hover']):18.1f} ms {p95(r['hover']):5.1f} ms "
              f"{statistics.median(r['handled']):5.1f} ms {r['frames_sent']:12d} {r['fps']:6.1f}   "
              f"{statistics.median(r['jumps']):.1f} / {statistics.median(r['sweep']):.1f} ms ({r['runs']})")
    for name, t in peers.items():
        ours = statistics.median(results[name]["hover"])
        print(f"peer: ▶ click → rerun → new cell, {name:16} median {statistics.median(t):6.1f} ms, "
              f"p95 {p95(t):6.1f} ms  (hover is {statistics.median(t) / ours:.0f}× faster)")
    print(f"payload for a 512² RGB photo: {payload_bytes():,} bytes (raw uint8 pixels {3 * 512 * 512:,})")
    print("targets: hover median ≤ 16 ms, p95 ≤ 33 ms, 0 frames sent (0 reruns), ≥ 30 fps")


if __name__ == "__main__":
    main()
