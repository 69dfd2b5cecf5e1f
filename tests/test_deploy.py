"""deploy/: the Dockerfile, compose and Kubernetes files read as their tools would, and nginx.conf run for real.

No Docker daemon or cluster here: the files are parsed and checked against each other (ports, user,
health path, pins). nginx.conf is checked by Debian's nginx (`nginx -t`) and put in front of two real
`streamlit run` processes.
"""

from __future__ import annotations

import re
import shutil
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench/ (tests may import it; bench never imports tests)

DOCKERFILE = (ROOT / "Dockerfile").read_text()
NGINX = (ROOT / "deploy" / "nginx.conf").read_text()
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())


def _instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", "\n".join(ln for ln in dockerfile.splitlines() if not ln.lstrip().startswith("#")))
    return [(ln.split(None, 1)[0].upper(), ln.split(None, 1)[1] if " " in ln.strip() else "")
            for ln in text.splitlines() if ln.strip()]


def _pin(name: str) -> str:
    return re.search(rf"^{name}==([\w.+]+)", (ROOT / "requirements.txt").read_text(), re.M).group(1)


# ------------------------------------------------------------------------------------------ Dockerfile
def test_dockerfile_base_cpu_torch_and_fonts():
    ins = _instructions(DOCKERFILE)
    assert ins[0] == ("FROM", "python:3.11-slim")
    runs = " ".join(a for i, a in ins if i == "RUN")
    assert "fonts-noto-cjk" in runs
    assert f"torch=={_pin('torch')}+cpu" in runs and "download.pytorch.org/whl/cpu" in runs
    assert "pip install -r requirements.txt" in runs
    # dependencies are installed before the code is copied (a code change keeps the pip layer)
    kinds = [i for i, _ in ins]
    assert kinds.index("RUN", kinds.index("COPY")) < [k for k, (i, a) in enumerate(ins) if (i, a) == ("COPY", ". .")][0]


def test_dockerfile_runs_as_a_non_root_user_with_a_health_check_on_the_served_port():
    ins = _instructions(DOCKERFILE)
    users = [a for i, a in ins if i == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert [k for k, (i, _) in enumerate(ins) if i == "USER"][-1] > [k for k, (i, _) in enumerate(ins) if i == "COPY"][-1]
    port = re.search(r"--server\.port=(\d+)", dict(ins)["CMD"]).group(1)
    assert ("EXPOSE", port) in ins
    health = dict(ins)["HEALTHCHECK"]
    assert f"127.0.0.1:{port}/_stcore/health" in health and "b'ok'" in health
    assert "--server.address=0.0.0.0" in dict(ins)["CMD"]


def test_dockerignore_keeps_the_app_and_drops_the_rest():
    ignored = {ln.strip() for ln in (ROOT / ".dockerignore").read_text().splitlines()
               if ln.strip() and not ln.startswith("#")}
    assert {".git", ".venv", "tests", "bench"} <= ignored
    for needed in ("app.py", "pages", "ui", "playground", ".streamlit", "requirements.txt"):
        assert (ROOT / needed).exists() and needed not in ignored


# ------------------------------------------------------------------------------------------ compose, k8s
def test_compose_runs_n_app_processes_behind_nginx():
    yaml = pytest.importorskip("yaml")
    c = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())
    app, proxy = c["services"]["app"], c["services"]["proxy"]
    assert (ROOT / "deploy" / app["build"]["context"] / app["build"]["dockerfile"]).resolve() == ROOT / "Dockerfile"
    assert app["expose"] == ["8501"] and "server app:8501;" in NGINX  # nginx's upstream is this service
    assert "${APP_PROCESSES" in str(app["deploy"]["replicas"])
    assert float(app["deploy"]["resources"]["limits"]["cpus"]) == 1.0  # torch threads follow the quota
    conf = proxy["volumes"][0].split(":")
    assert (ROOT / "deploy" / conf[0]).resolve() == ROOT / "deploy" / "nginx.conf"
    assert conf[1] == "/etc/nginx/conf.d/default.conf"
    assert proxy["depends_on"]["app"]["condition"] == "service_healthy"
    assert proxy["ports"][0].endswith(":80") and "listen 80;" in NGINX


def test_k8s_deployment_service_and_ingress_agree():
    yaml = pytest.importorskip("yaml")
    docs = {d["kind"]: d for d in yaml.safe_load_all((ROOT / "deploy" / "k8s.yaml").read_text())}
    dep, svc, ing = docs["Deployment"], docs["Service"], docs["Ingress"]
    pod = dep["spec"]["template"]
    assert dep["spec"]["selector"]["matchLabels"] == pod["metadata"]["labels"] == svc["spec"]["selector"]
    (ctr,) = pod["spec"]["containers"]
    assert ctr["ports"][0]["containerPort"] == 8501
    for probe in ("readinessProbe", "livenessProbe"):
        assert ctr[probe]["httpGet"]["path"] == "/_stcore/health"
    uid = re.search(r"--uid (\d+)", DOCKERFILE).group(1)
    assert pod["spec"]["securityContext"]["runAsNonRoot"] and str(pod["spec"]["securityContext"]["runAsUser"]) == uid
    assert ctr["resources"]["limits"]["cpu"] == "1"
    assert svc["spec"]["sessionAffinity"] == "ClientIP"
    assert svc["spec"]["ports"][0]["targetPort"] == ctr["ports"][0]["name"]
    notes = ing["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    assert int(notes["nginx.ingress.kubernetes.io/proxy-body-size"].rstrip("m")) > CONFIG["server"]["maxUploadSize"]
    backend = ing["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == svc["metadata"]["name"] and backend["port"]["name"] == svc["spec"]["ports"][0]["name"]


# ------------------------------------------------------------------------------------------ nginx
def test_nginx_conf_has_sticky_sessions_websockets_and_the_upload_limit():
    assert re.search(r"hash \$cp_pin consistent;", NGINX)
    assert "proxy_set_header Upgrade $http_upgrade;" in NGINX
    assert "proxy_set_header Connection $connection_upgrade;" in NGINX
    assert int(re.search(r"proxy_read_timeout (\d+)s", NGINX).group(1)) >= 3600
    assert int(re.search(r"client_max_body_size (\d+)m", NGINX).group(1)) > CONFIG["server"]["maxUploadSize"]


needs_nginx = pytest.mark.skipif(shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(),
                                 reason="Debian's nginx is not installed (tests/setup.sh installs it)")


def _pins(log: Path) -> dict[str, set[str]]:
    """cookie pin -> upstreams its requests reached, from bench.servers' access log."""
    by_pin: dict[str, set[str]] = {}
    for line in log.read_text().splitlines():
        pin, upstream, _ = line.split(" ", 2)
        if pin != "-" and upstream != "-":
            by_pin.setdefault(pin, set()).update(u.strip() for u in upstream.split(","))
    return by_pin


@needs_nginx
def test_nginx_accepts_the_conf(tmp_path):
    import subprocess

    from bench.servers import NGINX as nginx, nginx_conf

    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_conf(["http://127.0.0.1:8501", "http://127.0.0.1:8502"], 8080, tmp_path))
    out = subprocess.run([nginx, "-t", "-c", str(conf), "-p", str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


@needs_nginx
@pytest.mark.browser
def test_two_processes_behind_nginx_keep_each_browser_on_one_process():
    """16 browsers (each its own cookie jar) through nginx to 2 `streamlit run`: every request of one
    browser reaches one process, both processes get browsers, and a session works through the proxy."""
    from bench.client import HeadlessSession
    from bench.servers import nginx_in_front, streamlit_processes

    with streamlit_processes(2) as procs, nginx_in_front([u for u, _ in procs]) as (url, log):
        s = HeadlessSession(url, "convolution", cookies=True)
        try:
            s.wait_idle()
            runs = s.runs
            s.set("stride", 2)
            s.wait_idle()
            assert s.runs - runs == 1 and "stride=2" in s.query and not s.exceptions
        finally:
            s.close()
        for _ in range(15):  # more browsers: the page and its websocket, each with the cookie it was given
            HeadlessSession(url, "", cookies=True).close()
        long_link = urllib.request.Request(f"{url}/convolution?kernel_text=" + "1," * 1_000_000)
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(long_link, timeout=30)
        assert e.value.code == 414 and "링크가 너무 깁니다" in e.value.read().decode()
        for _ in range(3000):  # nginx logs a websocket when it has closed: wait for all 16 (a 300 s hang guard)
            by_pin = _pins(log)
            if len(by_pin) == 16:
                break
            time.sleep(0.1)
    assert len(by_pin) == 16  # every browser came back with its cookie (websocket, later requests)
    assert all(len(u) == 1 for u in by_pin.values()), by_pin
    assert set.union(*by_pin.values()) == {u.removeprefix("http://") for u, _ in procs}
