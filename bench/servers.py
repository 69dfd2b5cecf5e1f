"""Real `streamlit run` processes on free loopback ports, optionally behind Debian's nginx.

The set-up of deploy/ without Docker: N app processes and one nginx with sticky sessions
(deploy/nginx.conf's directives, with this run's ports), all bound to 127.0.0.1, all stopped on exit.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
LOGS = ROOT / "tests" / "artifacts"  # gitignored


def free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, attempts: int = 600) -> None:
    """Poll /_stcore/health until it answers 'ok' (a bounded number of polls, 0.1 s apart)."""
    for _ in range(attempts):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not become healthy")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (/proc/<pid>/stat, Linux)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """Resident memory of a process (VmHWM: its peak), in MB, from /proc (Linux)."""
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def streamlit_cmd(script: str, port: int, *options: str) -> list[str]:
    """The command deploy/run-processes.sh runs, on loopback; the repo's .streamlit/config.toml applies."""
    return [sys.executable, "-m", "streamlit", "run", script, "--server.headless=true",
            "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false",
            *options]


@contextlib.contextmanager
def streamlit_processes(n: int = 1, script: str = "app.py", cwd: Path = ROOT, options: tuple[str, ...] = (),
                        env: dict | None = None):
    """Start n `streamlit run` processes; yield [(url, pid)]; stop them."""
    procs, out = [], []
    LOGS.mkdir(parents=True, exist_ok=True)
    try:
        for _ in range(n):
            port = free_port()
            log = open(LOGS / f".streamlit-{port}.log", "w")
            p = subprocess.Popen(streamlit_cmd(script, port, *options), cwd=cwd, stdout=log,
                                 stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
            procs.append(p)
            out.append((f"http://127.0.0.1:{port}", p.pid))
        for url, _ in out:
            wait_healthy(url)
        yield out
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()


def nginx_conf(upstreams: list[str], port: int, workdir: Path) -> str:
    """deploy/nginx.conf's server block with these upstreams and this port, in a self-contained conf
    that runs as the current user with every path in `workdir` (no root, no /var)."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    servers = "\n    ".join(f"server {u.removeprefix('http://')};" for u in upstreams)
    assert "server app:8501;" in site, "deploy/nginx.conf: the upstream line changed"
    site = site.replace("server app:8501;", servers)  # compose's service name -> this run's ports
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    return f"""worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    log_format pin '$cookie_cp_pin $upstream_addr $status';
    access_log {workdir}/access.log pin;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
{site}
}}
"""


@contextlib.contextmanager
def nginx_in_front(upstreams: list[str]):
    """Debian's nginx on a free loopback port proxying to `upstreams` with deploy/nginx.conf's rules;
    yield (url, access log path: one line '<cookie pin> <upstream> <status>' per request); stop it."""
    if not Path(NGINX).exists():
        raise RuntimeError("nginx is not installed (apt-get install -y nginx)")
    workdir = Path(tempfile.mkdtemp(prefix="nginx-"))
    port = free_port()
    conf = workdir / "nginx.conf"
    conf.write_text(nginx_conf(upstreams, port, workdir))
    t = subprocess.run([NGINX, "-t", "-q", "-c", str(conf), "-p", str(workdir)], capture_output=True, text=True)
    if t.returncode:
        raise RuntimeError(f"nginx -t: {t.stderr}")
    proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(workdir), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url)
        yield url, workdir / "access.log"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(workdir, ignore_errors=True)
