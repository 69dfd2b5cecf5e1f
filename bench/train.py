"""Training speed: the default CNN to ≥ 96 %, the Train page's live loop vs a bare torch loop, memory.

    python -m bench.train            # add --browser to also drive the page from Chromium on this machine
    python -m bench.train --concurrent [--epochs 4]   # K = 0, 1 and 5 trainings at once in one server process

Targets (issue 4): ≥ 96 % held-out accuracy in ≤ 15 s of training; the page's loop (live redraws
included) ≥ 85 % of the examples/second of a bare torch loop over the same model and batches,
measured in the same run; one session's memory with torch loaded ≤ 500 MB.

How the page is measured: a real `streamlit run` of the app, driven by bench/client.py, a client
that speaks Streamlit's websocket protocol (clicks Train, reruns the live fragment on its timer, as
the frontend does) and draws nothing. On Community Cloud the learner's browser runs on the
learner's machine, not on the server's cores; here a browser would share the same 2 cores, so its
figure (--browser) is printed separately. The figure is the one the page itself shows: examples
per wall-clock second from Train to the last batch, redraws, evaluations and fragment reruns
included. AppTest is not used: its harness polls the script thread every millisecond, which
alone cost the training thread ~10 % (measured here). The peers are bare loops in fresh processes,
before, between and after the page's trainings; each training is compared with the faster loop
measured around it.

--concurrent (issue 14, fair training): one `streamlit run` serving the real Train page and a one-slider
page. K learners (headless clients) press Train at once (the page's defaults, --epochs) while one more
learner flips the slider (closed loop); K = 0 (the slider alone: the peer), 1 and 5 in the same process,
one after the other. Printed per K: each training's examples/s as its page shows it, the time from the
clicks to each training's results, the total throughput (all examples / time to the last result, the
MLPs not counted), the slider's rerun latency p50/p95/max (send -> script finished) next to K = 0's.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import torch

from bench.servers import cpu_seconds, rss_mb, streamlit_processes

ROOT = Path(__file__).resolve().parent.parent

ROUNDS = 5


def bare_loop_examples_per_second(epochs: int = 8, optim: str = "torch") -> float:
    """The peer: the default model, data order and batches in a plain loop (torch.optim.Adam or ours)."""
    from playground.optim import Adam
    from playground.training import ModelConfig, build_cnn, shipped_digits

    data = shipped_digits()
    model = build_cnn(ModelConfig())
    opt = (torch.optim.Adam if optim == "torch" else Adam)(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(0)
    n, t = 0, time.perf_counter()
    for _ in range(epochs):
        order = torch.randperm(len(data.y_train), generator=gen)
        for k in range(0, len(order), 64):
            idx = order[k: k + 64]
            loss = loss_fn(model(data.x_train[idx]), data.y_train[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            n += len(idx)
    return n / (time.perf_counter() - t)


def default_run() -> tuple[float, float]:
    """(test accuracy, seconds of training) for the page's default settings."""
    from playground.training import ModelConfig, Trainer, build_cnn, shipped_digits

    t = Trainer(build_cnn(ModelConfig()), shipped_digits(), epochs=8, batch_size=64, lr=1e-3)
    start = time.perf_counter()
    while not t.done:
        t.steps(50)
    seconds = time.perf_counter() - start
    return t.evaluate(), seconds


def _shown_rate(metrics: dict[str, str]) -> float:
    return float(metrics["Examples / second"].replace(",", ""))


def bare_rates() -> dict[str, float]:
    """Both bare loops (torch.optim.Adam and ours), warmed up, on playground's torch thread with the intra-op
    threads a training's turn uses (admission.torch_threads): the peer differs from the page only by the page."""
    from playground.admission import torch_threads
    from playground.training import BUDGET
    from playground.torch_thread import on_torch_thread

    on_torch_thread(torch.set_num_threads, torch_threads(1, BUDGET))
    for o in ("torch", "playground"):
        on_torch_thread(bare_loop_examples_per_second, 1, optim=o)  # first-use costs (imports, kernels) out
    return {o: on_torch_thread(bare_loop_examples_per_second, optim=o) for o in ("torch", "playground")}


def bare_rates_in_a_fresh_process() -> dict[str, float]:
    """bare_rates() in a new Python process: the peer shares nothing with this one (its client, its history).

    Measured here: the same loop ran 10–20 % slower inside the benchmark's own process than in a
    fresh one, so the fresh one is the stricter peer.
    """
    out = subprocess.run([sys.executable, "-m", "bench.train", "--peer"], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def page_and_bare_rates(url: str, rounds: int = ROUNDS) -> tuple[list[float], list[dict[str, float]]]:
    """The Train page's shown examples/s for `rounds` default trainings (headless client), with the bare
    loops measured before, between and after them: each training has a peer from the same minute."""
    from bench.client import HeadlessSession

    s = HeadlessSession(url, "train")
    s.wait_until(lambda s: not s.running and "btn_train" in s.buttons)
    page, bare = [], [bare_rates_in_a_fresh_process()]
    for _ in range(rounds):
        s.metrics.clear()
        s.click("btn_train")  # the page's defaults: 2 blocks, 8 epochs, batch 64, Adam 1e-3
        s.wait_until(lambda s: s.metrics.get("State") == "done" and not s.running)
        page.append(_shown_rate(s.metrics))
        bare.append(bare_rates_in_a_fresh_process())  # the server is idle meanwhile: nothing competes
    s.goto("digit")  # then the rest of the session: a test digit through both models, feature maps,
    s.wait_until(lambda s: not s.running and "data_size_run" in s.buttons)
    s.click("data_size_run")  # and the data-size experiment (8 more trainings)
    s.wait_until(lambda s: not s.running, timeout=300)
    s.close()
    return page, bare


def page_rates_browser(url: str, rounds: int = ROUNDS) -> list[float]:
    """The same, pressed in Debian's Chromium running on the same 2 cores as the server."""
    sys.path.insert(0, str(ROOT / "tests"))  # (Chromium's path and flags: the browser tests' own)
    from browser_app import CHROMIUM, CHROMIUM_ARGS, wait_idle
    from playwright.sync_api import sync_playwright

    rates = []
    with sync_playwright() as pw:
        page = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS).new_page()
        for _ in range(rounds):
            page.goto(f"{url}/train")
            wait_idle(page)
            page.locator(".st-key-btn_train button").click()
            page.wait_for_function("() => [...document.querySelectorAll(\"[data-testid='stMetricValue']\")]"
                                   ".some(e => e.innerText === 'done')",
                                   polling=500, timeout=120_000)  # polling, not on every frame: no extra drawing
            box = page.locator("[data-testid='stMetric']", has_text="Examples / second").first
            rates.append(_shown_rate({"Examples / second": box.locator("[data-testid='stMetricValue']").inner_text()}))
    return rates


def main() -> None:
    from playground.torch_thread import on_torch_thread

    with streamlit_processes(1) as [(url, pid)]:
        page, bare = page_and_bare_rates(url)
        peak = rss_mb(pid, "VmHWM")
        browser = page_rates_browser(url) if "--browser" in sys.argv else []
    acc, seconds = on_torch_thread(default_run)
    # each training against the faster bare loop, averaged over the measurements just before and after it
    peers = [max((bare[k][o] + bare[k + 1][o]) / 2 for o in bare[k]) for k in range(len(page))]
    ratios = [p / q for p, q in zip(page, peers)]
    print(f"default CNN (2 blocks, 8/16 filters 5×5, Adam 1e-3, 8 epochs): test accuracy {acc:.1%} "
          f"after {seconds:.1f} s of training (target ≥ 96 % in ≤ 15 s)")
    for o, name in (("torch", "torch.optim"), ("playground", "playground.optim")):
        print(f"bare torch loop with {name}.Adam (fresh processes), before, between and after the trainings: "
              f"{' / '.join(f'{b[o]:,.0f}' for b in bare)} examples/s")
    print(f"Train page in `streamlit run`, headless client, {len(page)} trainings: "
          f"{', '.join(f'{r:,.0f}' for r in page)} examples/s shown -> ratio to the faster bare loop around each: "
          f"{', '.join(f'{r:.2f}' for r in ratios)} (median {statistics.median(ratios):.2f}; target ≥ 0.85)")
    print(f"server peak memory (VmHWM) after one session's {len(page)} trainings, the Digit page and its data-size "
          f"experiment: {peak:.0f} MB (target ≤ 500)")
    if browser:
        peer = statistics.mean(peers)
        print(f"the same page pressed in Chromium on the same 2 cores: {', '.join(f'{r:,.0f}' for r in browser)} "
              f"examples/s -> ratio {statistics.median(browser) / peer:.2f} "
              "(the browser's drawing competes for the cores)")


# ---------------------------------------------------------------------- K trainings at once (--concurrent)
SLIDER_APP = '''import sys
sys.path.insert(0, {root!r})
import streamlit as st


def slider():
    st.slider("x", 1, 2, key="stride")


st.navigation([st.Page(slider, title="Slider", url_path="slider", default=True),
               st.Page({train!r}, title="Train", url_path="train")]).run()
'''


def slider_and_train_app() -> Path:
    """A temporary app: the real Train page and a one-slider page, served by one process (the repo's config)."""
    d = Path(tempfile.mkdtemp(prefix="train-k-"))
    (d / "app.py").write_text(SLIDER_APP.format(root=str(ROOT), train=str(ROOT / "pages" / "train.py")))
    (d / ".streamlit").mkdir()
    shutil.copy(ROOT / ".streamlit" / "config.toml", d / ".streamlit" / "config.toml")
    return d


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] if xs else float("nan")


def run_k(url: str, k: int, epochs: int, slider_seconds: float = 20.0) -> dict:
    """K trainers press Train together while a slider learner reruns its page until the last result
    (or for `slider_seconds` when K = 0)."""
    from bench.client import HeadlessSession

    trainers = []
    for _ in range(k):
        s = HeadlessSession(url, "train")
        s.wait_until(lambda s: not s.running and "btn_train" in s.buttons, 300)
        s.set("t_epochs", epochs)
        s.wait_idle(300)
        trainers.append(s)
    slider = HeadlessSession(url, "slider")
    slider.wait_idle(300)
    out: dict = {"k": k, "finish": [None] * k, "rate": [None] * k, "lat": [], "errors": [], "lost_clicks": 0}

    def train(i: int, s: HeadlessSession, t0: float, runs: int) -> None:
        try:
            for _ in range(3):  # seen here, rarely: a click sent right after set("t_epochs") ran the page without
                # starting a training (bench/client.py or the server's rerun coalescing; not found yet): counted
                s.wait_until(lambda s: "State" in s.metrics or (not s.running and s.runs > runs), 300)
                if "State" in s.metrics:
                    break
                out["lost_clicks"] += 1
                runs = s.runs
                s.click("btn_train")
            s.wait_until(lambda s: "MLP test accuracy" in s.metrics and not s.running, 1800)
            out["finish"][i] = time.monotonic() - t0
            out["rate"][i] = float(s.metrics["Examples / second"].replace(",", ""))
            out["errors"] += s.exceptions
        except Exception as e:  # noqa: BLE001 -- printed
            out["errors"].append(f"{type(e).__name__}: {e}"[:200])

    t0 = time.monotonic()
    runs = [s.runs for s in trainers]
    for s in trainers:
        s.click("btn_train")
    threads = [threading.Thread(target=train, args=(i, s, t0, runs[i]), daemon=True) for i, s in enumerate(trainers)]
    for t in threads:
        t.start()
    value, end = 2, t0 + slider_seconds
    while (threads and any(t.is_alive() for t in threads)) or (not threads and time.monotonic() < end):
        sent = time.monotonic()
        slider.set("stride", value)
        slider.wait_idle(300)
        out["lat"].append((time.monotonic() - sent) * 1000)
        value = 3 - value
        slider.pump(0.2)  # a learner's short pause between two changes
    out["wall"] = time.monotonic() - t0
    out["errors"] += slider.exceptions
    for s in [*trainers, slider]:
        s.close()
    return out


def concurrent(epochs: int) -> None:
    examples = epochs * 4000  # the page's default data: 4,000 training digits per epoch
    d = slider_and_train_app()
    try:
        with streamlit_processes(1, "app.py", cwd=d) as [(url, pid)]:
            warm = run_k(url, 1, 1, 0)  # first use: imports, the data, torch's kernels
            if warm["errors"]:
                print("warm-up errors:", warm["errors"][:3])
            results = []
            for k in (0, 1, 5):
                c0 = cpu_seconds(pid)
                r = run_k(url, k, epochs)
                r["cpu"] = cpu_seconds(pid) - c0
                results.append(r)
            peak = rss_mb(pid, "VmHWM")
    finally:
        shutil.rmtree(d, ignore_errors=True)
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    print(f"K trainings at once in one `streamlit run` (the Train page's defaults, {epochs} epochs = {examples:,} "
          f"examples each), a one-slider page rerun in the same process meanwhile; load average now {load}")
    base = results[0]
    one = results[1]
    for r in results:
        lat = r["lat"]
        line = (f"  K={r['k']}: slider rerun p50 {pct(lat, .5):.0f} ms, p95 {pct(lat, .95):.0f} ms, "
                f"max {max(lat, default=float('nan')):.0f} ms ({len(lat)} reruns)")
        if r is not base:
            line += f"; p50 {pct(lat, .5) / pct(base['lat'], .5):.2f}x and p95 {pct(lat, .95) / pct(base['lat'], .95):.2f}x K=0's"
        print(line)
        if r["k"]:
            done = [f for f in r["finish"] if f is not None]
            total = len(done) * examples / max(done) if done else float("nan")
            r["total"] = total
            print(f"    trainings: {', '.join(f'{x:,.0f}' for x in r['rate'] if x is not None)} examples/s shown; "
                  f"results after {', '.join(f'{x:.1f}' for x in sorted(done))} s; total throughput {total:,.0f} "
                  f"examples/s; server CPU {r['cpu'] / r['wall']:.2f} cores over {r['wall']:.0f} s")
        if r["lost_clicks"]:
            print(f"    Train clicks the page did not see (pressed again): {r['lost_clicks']}")
        for e in sorted(set(r["errors"]))[:5]:
            print(f"    ERROR: {e}")
    five = results[2]
    if one.get("total") and five.get("total"):
        f = [x for x in five["finish"] if x is not None]
        print(f"  K=5 vs K=1: total throughput {five['total'] / one['total']:.2f}x; each training "
              f"{statistics.mean([x for x in five['rate'] if x]) / one['rate'][0]:.2f}x K=1's examples/s; "
              f"last / first result {max(f) / min(f):.2f} (1.00 = perfectly even)")
    print(f"  server peak memory (VmHWM): {peak:.0f} MB")


if __name__ == "__main__":
    if "--peer" in sys.argv:
        print(json.dumps(bare_rates()))
    elif "--concurrent" in sys.argv:
        e = sys.argv.index("--epochs") + 1 if "--epochs" in sys.argv else 0
        concurrent(int(sys.argv[e]) if e else 4)
    else:
        main()
