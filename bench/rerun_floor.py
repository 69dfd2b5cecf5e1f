"""Where Streamlit's per-rerun floor goes: cProfile inside a real `streamlit run`, every thread.

    python -m bench.rerun_floor [--page convolution] [--changes 40] [--options --runner.postScriptGC=false ...]

Starts the app (or the one-slider peer, `--page peer`) under cProfile, with every thread profiled
(script runs happen on ScriptRunner threads, websocket sends on the event loop's), drives one
headless session through `--changes` slider changes, stops the server and prints the top functions
by cumulative and by own time, per change. Each change is one rerun (the client counts them).
"""

from __future__ import annotations

import argparse
import io
import os
import pstats
import signal
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PEER = '''import streamlit as st
st.slider("x", 0, 10, key="x")
'''

# Runs `streamlit run` with a profiler on the main thread and on every thread it starts; dumps the
# merged stats to $PROFILE_OUT when the server stops (SIGTERM: Streamlit stops its loop and returns).
LAUNCHER = '''import cProfile, os, signal, sys, threading
profiles, on = [], []
_run = threading.Thread.run
def run(self):
    if not on:  # started before the measurement (start-up, the first page view)
        return _run(self)
    p = cProfile.Profile(); profiles.append(p); p.enable()
    try:
        _run(self)
    finally:
        p.disable()
threading.Thread.run = run
main = cProfile.Profile(); profiles.append(main)
def start(*_):  # SIGUSR1: measure from now on (the event loop's thread and every new thread)
    on.append(1); main.enable()
signal.signal(signal.SIGUSR1, start)
sys.argv = ["streamlit", "run"] + sys.argv[1:]
from streamlit.web.cli import main as cli
try:
    cli()
except SystemExit:
    pass
finally:
    main.disable()
    import pstats
    s = None
    for p in profiles:
        try:
            s = pstats.Stats(p) if s is None else (s.add(p) or s)
        except TypeError:  # a thread that never ran
            pass
    s.dump_stats(os.environ["PROFILE_OUT"])
'''


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--page", default="convolution", help="app page to drive, or 'peer' (one slider)")
    ap.add_argument("--changes", type=int, default=40)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--options", nargs="*", default=[], help="extra streamlit options, e.g. --runner.postScriptGC=false")
    a = ap.parse_args()

    import subprocess

    from bench.client import HeadlessSession
    from bench.servers import free_port, streamlit_cmd, wait_healthy

    tmp = Path(tempfile.mkdtemp(prefix="floor-"))
    (tmp / "launch.py").write_text(LAUNCHER)
    script, cwd, page, key = "app.py", ROOT, a.page, "stride"
    if a.page == "peer":
        (tmp / "peer.py").write_text(PEER)
        script, cwd, page, key = str(tmp / "peer.py"), ROOT, "", "x"
    port = free_port()
    out = tmp / "rerun.prof"
    cmd = [sys.executable, str(tmp / "launch.py")] + streamlit_cmd(script, port, *a.options)[4:]
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, "PROFILE_OUT": str(out)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url)
        s = HeadlessSession(url, page)
        s.wait_idle()
        for k in range(4):  # warm-up: first-use imports and caches out of the profile
            s.set(key, 2 if k % 2 == 0 else 1)
            s.wait_idle()
        proc.send_signal(signal.SIGUSR1)
        runs0 = s.runs
        for k in range(a.changes):
            s.set(key, 2 if k % 2 == 0 else 1)
            s.wait_idle()
        runs = s.runs - runs0
        s.close()
    finally:
        proc.terminate()
        proc.wait(60)
    st = pstats.Stats(str(out))
    buf = io.StringIO()
    st.stream = buf
    print(f"{a.page}: {a.changes} changes, {runs} reruns; options {a.options or 'the repo config'}")
    st.sort_stats("cumulative").print_stats(a.top)
    st.sort_stats("tottime").print_stats(a.top)
    print(buf.getvalue())


if __name__ == "__main__":
    main()
