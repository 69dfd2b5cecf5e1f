"""Ten sessions at once while one of them trains: do the others stay responsive, and stay apart?

    python -m bench.concurrency

Target (issue 6): the nine others' interactions within 2× their idle latency while session 0
trains; no session sees another's image, kernel or model. Ten Chromium pages (separate browser
contexts: separate Streamlit sessions) on one `streamlit run`; the browser shares the 2 cores.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser_app import CHROMIUM, CHROMIUM_ARGS, SERVER_PIDS, rss_mb, streamlit_server, wait_idle  # noqa: E402

SESSIONS = 10


def _interact(page, k: int) -> float:
    """ms from a stride key press to the new output-size formula on screen."""
    slider = page.locator(".st-key-stride input[type='range']")
    target = "/ 2 + 1" if k % 2 == 0 else "/ 1 + 1"
    slider.focus()
    t = time.perf_counter()
    slider.press("ArrowRight" if k % 2 == 0 else "ArrowLeft")
    page.get_by_text(target).first.wait_for(timeout=30_000)
    wait_idle(page)
    return (time.perf_counter() - t) * 1000


def _round(pages, rounds: int = 4) -> list[float]:
    return [_interact(p, k) for k in range(rounds) for p in pages]


def main() -> None:
    from playwright.sync_api import sync_playwright

    with streamlit_server() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        contexts = [browser.new_context(viewport={"width": 1200, "height": 900}) for _ in range(SESSIONS)]
        pages = [c.new_page() for c in contexts]
        for k, p in enumerate(pages[1:], start=1):
            p.goto(f"{url}/convolution?kernel_text={k},0;0,{-k}")  # each session its own kernel
            wait_idle(p)
        idle = _round(pages[1:])
        trainer = pages[0]
        trainer.goto(f"{url}/train")
        wait_idle(trainer)
        trainer.locator(".st-key-t_epochs input[type='range']").focus()
        for _ in range(12):
            trainer.keyboard.press("ArrowRight")  # 20 epochs: still training while we measure
        wait_idle(trainer)
        trainer.locator(".st-key-btn_train button").click()
        trainer.get_by_text("training").first.wait_for(timeout=30_000)
        busy = _round(pages[1:])
        still_training = trainer.get_by_text("training").count() > 0
        # isolation: every session still shows its own kernel; only session 0 has a model
        own = all(p.locator(".st-key-kernel_text textarea").input_value() == f"{k} 0\n0 -{k}"
                  for k, p in enumerate(pages[1:], start=1))
        pages[1].goto(f"{url}/digit")
        wait_idle(pages[1])
        no_model_elsewhere = pages[1].get_by_text("Train a model first").count() > 0
        server_mb = rss_mb(SERVER_PIDS[int(url.rsplit(":", 1)[1])])
        browser.close()
    mi, mb = statistics.median(idle), statistics.median(busy)
    print(f"{SESSIONS} sessions; 9 interacting (stride ↔), {len(idle)} interactions each phase")
    print(f"idle: median {mi:.0f} ms; while session 0 trains: median {mb:.0f} ms -> ratio {mb / mi:.2f} "
          f"(target ≤ 2.0); training still running at the end: {still_training}")
    print(f"isolation: each session kept its own kernel: {own}; no model in another session: {no_model_elsewhere}")
    print(f"server memory with {SESSIONS} sessions, one training: {server_mb:.0f} MB (Community Cloud: ~1 GB)")


if __name__ == "__main__":
    main()
