"""A class of N learners at once: interaction latency, training, server CPU and memory.

    python -m bench.classroom                       # 30 sessions, 3 s think, 0 and 5 trainings, 1 vs 2 processes
    python -m bench.classroom -n 30 --think 3 --trainings 0 1 5 --setups 1 2 --duration 60
    python -m bench.classroom --closed              # closed loop (no think time): throughput, 1 vs 2 processes
    python -m bench.classroom --expiry -n 10        # memory of 10 closed tabs before and after the session TTL

Each session is bench/client.py (Streamlit's websocket protocol, nothing drawn: on Community Cloud
the browsers run on the learners' machines) on the Convolution page, flipping the stride slider
1 <-> 2 (every widget's state is sent, as the frontend does). Open loop: session k acts at
t0 + phase_k + j * think; if its previous result has not arrived, it acts as soon as it does, and the
latency counts from when it was due (so a backlog shows). Closed loop: the next change as soon as the
result is in. K more sessions press Train on the Train page (the defaults) and wait for the end.

Set-ups: one `streamlit run`, or 2 behind Debian's nginx with deploy/nginx.conf's sticky cookie (each
client first GETs the page for its cookie, as a browser does). All on 127.0.0.1, stopped at the end.

Printed: p50/p95 latency (send -> script finished, server side; a browser adds its paint), interactions
per second, training times, server CPU per interaction (user+sys of the server processes from /proc)
next to a one-slider peer page measured the same way in the same run, peak memory per process, the
memory per idle session, and reruns per action (it should be exactly 1).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.client import HeadlessSession
from bench.servers import cpu_seconds, nginx_in_front, rss_mb, streamlit_processes

PEER = '''import streamlit as st
st.slider("x", 1, 2, key="stride")
'''


def load_average() -> str:
    return " ".join(open("/proc/loadavg").read().split()[:3])


def pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)  # ms
    reruns: list[int] = field(default_factory=list)  # script runs each action caused
    trainings: list[float] = field(default_factory=list)  # s
    errors: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def learner(url: str, page: str, think: float, closed: bool, box: dict, phase: float,
            res: Result, cookies: bool, ready: threading.Barrier) -> None:
    """One learner flipping the stride slider until box['stop'] (monotonic), bounded by the clock."""
    s = None
    try:
        s = HeadlessSession(url, page, cookies=cookies)
        s.wait_idle()
    except Exception as e:  # noqa: BLE001 -- counted and printed
        with res.lock:
            res.errors.append(f"connect: {type(e).__name__}: {e}"[:200])
    try:
        ready.wait(timeout=600)
    except threading.BrokenBarrierError:
        pass
    if s is None or "stop" not in box:
        return
    stop = box["stop"]
    try:
        due, value = box["t"] + phase, 2
        while True:
            if not closed:
                now = time.monotonic()
                if due > now:
                    s.pump(due - now)
            else:
                due = time.monotonic()
            if due >= stop:
                break
            runs = s.runs
            s.set("stride", value)
            s.wait_idle(timeout=300)
            with res.lock:
                res.latencies.append((time.monotonic() - due) * 1000)
                res.reruns.append(s.runs - runs)
            value = 3 - value
            due += think
        with res.lock:
            res.exceptions += s.exceptions
    except Exception as e:  # noqa: BLE001
        with res.lock:
            res.errors.append(f"learner: {type(e).__name__}: {e}"[:200])
    finally:
        s.close()


EPOCHS: int | None = None  # --epochs: the trainers' setting (None: the page's default, 8)


def trainer(url: str, res: Result, cookies: bool, ready: threading.Barrier) -> None:
    """One learner pressing Train (the page's defaults, or --epochs) and waiting for the results."""
    try:
        s = HeadlessSession(url, "train", cookies=cookies)
        s.wait_until(lambda s: not s.running and "btn_train" in s.buttons, 300)
        if EPOCHS:
            s.set("t_epochs", EPOCHS)
            s.wait_idle(300)
    except Exception as e:  # noqa: BLE001
        with res.lock:
            res.errors.append(f"trainer connect: {type(e).__name__}: {e}"[:200])
        ready.wait(timeout=600)
        return
    try:
        ready.wait(timeout=600)
    except threading.BrokenBarrierError:
        pass
    try:
        t = time.monotonic()
        s.click("btn_train")
        s.wait_until(lambda s: s.metrics.get("State") == "done" and not s.running, 900)
        with res.lock:
            res.trainings.append(time.monotonic() - t)
            res.exceptions += s.exceptions
    except Exception as e:  # noqa: BLE001
        with res.lock:
            res.errors.append(f"trainer: {type(e).__name__}: {e}"[:200])
    finally:
        s.close()


def run_class(url: str, pids: list[int], n: int, think: float, closed: bool, duration: float, k: int,
              cookies: bool, direct: list[str], page: str = "convolution") -> dict:
    res = Result()
    box: dict[str, float] = {}

    def set_start():  # runs once every session has loaded its page (loading is not an interaction)
        box["t"] = time.monotonic()
        box["stop"] = box["t"] + duration
    ready = threading.Barrier(n + k + 1, action=set_start)
    phases = [random.Random(i).uniform(0, think) for i in range(n)]
    for u in direct:  # a first visitor per process: start-up imports out of the per-session memory
        w = HeadlessSession(u, page)
        w.wait_idle(300)
        w.close()
    rss0 = {p: rss_mb(p) for p in pids}
    threads = [threading.Thread(target=lambda i=i: learner(url, page, think, closed, box, phases[i], res, cookies,
                                                           ready), daemon=True) for i in range(n)]
    threads += [threading.Thread(target=trainer, args=(url, res, cookies, ready), daemon=True) for _ in range(k)]
    for t in threads:
        t.start()
    ready.wait(timeout=900)
    loaded = {p: rss_mb(p) for p in pids}
    cpu0, wall0, me0 = {p: cpu_seconds(p) for p in pids}, time.monotonic(), cpu_seconds(os.getpid())
    for t in threads:
        t.join(timeout=duration + 1200)
    wall = time.monotonic() - wall0
    cpu = {p: cpu_seconds(p) - cpu0[p] for p in pids}
    return dict(res=res, wall=wall, cpu=cpu, client_cpu=cpu_seconds(os.getpid()) - me0,
                rss0=rss0, loaded=loaded, peak={p: rss_mb(p, "VmHWM") for p in pids})


def report(name: str, r: dict, n: int) -> float:
    res: Result = r["res"]
    lat, done = res.latencies, len(res.latencies)
    cpu = sum(r["cpu"].values())
    per = cpu / done * 1000 if done else float("nan")
    extra = [(r["loaded"][p] - r["rss0"][p]) for p in r["cpu"]]
    print(f"  {name}: {done} interactions in {r['wall']:.0f} s ({done / r['wall']:.1f}/s); latency p50 "
          f"{pct(lat, .5):.0f} ms, p95 {pct(lat, .95):.0f} ms, max {max(lat, default=float('nan')):.0f} ms")
    print(f"    server CPU {cpu / r['wall']:.2f} cores, {per:.0f} ms per interaction "
          f"(per process: {', '.join(f'{c:.0f} s' for c in r['cpu'].values())}); client process "
          f"{r['client_cpu'] / r['wall']:.2f} cores; load average now {load_average()}")
    print(f"    memory per process: start {', '.join(f'{v:.0f}' for v in r['rss0'].values())} MB, with the "
          f"class loaded {', '.join(f'{v:.0f}' for v in r['loaded'].values())} MB "
          f"(+{sum(extra) / max(n, 1):.1f} MB per session), peak {', '.join(f'{v:.0f}' for v in r['peak'].values())} MB")
    if res.reruns:
        more = sum(1 for x in res.reruns if x != 1)
        print(f"    reruns per action: {statistics.mean(res.reruns):.2f} (actions with != 1: {more})")
    if res.trainings:
        print(f"    trainings: {len(res.trainings)} finished, "
              f"{', '.join(f'{t:.0f}' for t in sorted(res.trainings))} s")
    for e in sorted(set(res.errors))[:8]:
        print(f"    ERROR ({res.errors.count(e)}x): {e}")
    for e in sorted(set(res.exceptions))[:5]:
        print(f"    EXCEPTION on a page: {e}")
    return per


OPTIONS: tuple[str, ...] = ()  # extra `streamlit run` options for every process (--options)


def setup(processes: int, script: str = "app.py", cwd: Path | None = None):
    """(url, pids, cookies) for 1 process direct, or `processes` behind nginx."""
    import contextlib

    @contextlib.contextmanager
    def ctx():
        kw = {"cwd": cwd} if cwd else {}
        with streamlit_processes(processes, script, options=OPTIONS, **kw) as procs:
            urls, pids = [u for u, _ in procs], [p for _, p in procs]
            if processes == 1:
                yield urls[0], pids, False, urls
            else:
                with nginx_in_front(urls) as (url, _):
                    yield url, pids, True, urls
    return ctx()


def peer_dir() -> Path:
    d = Path(tempfile.mkdtemp(prefix="peer-"))
    (d / "peer.py").write_text(PEER)
    (d / ".streamlit").mkdir()
    root_conf = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"
    (d / ".streamlit" / "config.toml").write_text(root_conf.read_text())  # same settings as the app
    return d


def expiry(n: int = 10) -> None:
    """n learners train (1 epoch) and close their tabs; memory then, after the TTL, after one more visitor; then a
    second class of n does the same. RSS rarely falls (the allocator keeps freed pages), so the second class is the
    test: if the first class's sessions were dropped, it reuses their memory and RSS hardly grows."""
    from streamlit import config

    ttl = None
    for line in (Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text().splitlines():
        if line.strip().startswith("disconnectedSessionTTL"):
            ttl = int(line.split("=")[1].split("#")[0])
    ttl = ttl or config.get_option("server.disconnectedSessionTTL")

    def a_class(url: str) -> None:  # n learners train one epoch each, then close their tabs
        sessions = []
        for _ in range(n):
            s = HeadlessSession(url, "train")
            s.wait_until(lambda s: not s.running and "btn_train" in s.buttons, 300)
            s.set("t_epochs", 1)
            s.wait_idle()
            s.click("btn_train")
            sessions.append(s)
        for s in sessions:
            s.wait_until(lambda s: s.metrics.get("State") == "done" and not s.running, 900)
        for s in sessions:
            s.close()

    def visitor(url: str) -> None:  # one more visitor comes and goes: the session store is written, expired ones go
        v = HeadlessSession(url, "home")
        v.wait_idle()
        v.close()

    with streamlit_processes(1) as [(url, pid)]:
        s0 = HeadlessSession(url, "train")
        s0.wait_idle(300)
        s0.close()
        base = rss_mb(pid)
        a_class(url)
        closed = rss_mb(pid)
        time.sleep(ttl + 10)
        after_ttl = rss_mb(pid)
        visitor(url)
        time.sleep(5)
        after_visit = rss_mb(pid)
        a_class(url)  # a second class
        second = rss_mb(pid)
        time.sleep(ttl + 10)
        visitor(url)
        time.sleep(5)
        second_gone = rss_mb(pid)
    print(f"closed tabs ({n} trained sessions), disconnectedSessionTTL = {ttl} s, load {load_average()}:")
    print(f"  RSS: one idle session {base:.0f} MB; {n} trained and closed {closed:.0f} MB; TTL + 10 s later "
          f"{after_ttl:.0f} MB; after one more visitor {after_visit:.0f} MB")
    print(f"  a second class of {n}, trained and closed: {second:.0f} MB (+{second - after_visit:.0f} MB; the first "
          f"class added {closed - base:.0f} MB); after its TTL and a visitor {second_gone:.0f} MB")


def main() -> None:
    import signal
    import sys

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped: still stop the servers it started
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--sessions", type=int, default=30)
    ap.add_argument("--think", type=float, default=3.0, help="seconds between a learner's actions (open loop)")
    ap.add_argument("--closed", action="store_true", help="closed loop: no think time (throughput)")
    ap.add_argument("--trainings", type=int, nargs="*", default=[0, 5])
    ap.add_argument("--setups", type=int, nargs="*", default=[1, 2], help="numbers of processes (2+: behind nginx)")
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of interaction per scenario")
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--expiry", action="store_true")
    ap.add_argument("--epochs", type=int, default=None, help="the trainers' epochs (default: the page's 8)")
    ap.add_argument("--options", nargs="*", default=[],
                    help="streamlit options for every process, e.g. --options=--runner.postScriptGC=true")
    a = ap.parse_args()
    global OPTIONS, EPOCHS
    OPTIONS, EPOCHS = tuple(a.options), a.epochs
    if a.expiry:
        return expiry(min(a.sessions, 10))
    think = 0.0 if a.closed else a.think
    mode = "closed loop" if a.closed else f"open loop, {a.think:g} s think"
    print(f"{a.sessions} sessions, {mode}, {a.duration:g} s each; streamlit options {a.options or 'the repo config'};"
          f" 2-core machine shared with other work (load average at start {load_average()})")
    peer_per = None
    if not a.no_peer:  # the one-slider peer: Streamlit's floor, same client, same load, same run
        d = peer_dir()
        with setup(1, "peer.py", d) as (url, pids, cookies, direct):
            r = run_class(url, pids, a.sessions, think, a.closed, a.duration, 0, cookies, direct, page="")
        peer_per = report("one-slider peer page, 1 process", r, a.sessions)
    for procs in a.setups:
        for k in a.trainings:
            with setup(procs) as (url, pids, cookies, direct):
                r = run_class(url, pids, a.sessions, think, a.closed, a.duration, k, cookies, direct)
            name = f"Convolution page, {procs} process{'es behind nginx' if procs > 1 else ''}, {k} trainings"
            per = report(name, r, a.sessions)
            if peer_per and k == 0:
                print(f"    CPU per interaction vs the one-slider peer: {per / peer_per:.2f}x")


if __name__ == "__main__":
    main()
