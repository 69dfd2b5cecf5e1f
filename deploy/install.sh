#!/usr/bin/env bash
# Makes .venv beside this repository and installs Conv Playground into it, with the CPU build of torch.
#   bash deploy/install.sh          the app
#   bash deploy/install.sh --test   the app and its test tools (pytest, hypothesis, playwright, ruff, websockets)
# Needs Python >= 3.11 as `python3` (or PYTHON=/path/to/python). On Debian/Ubuntu, where `python3 -m venv` needs
# the python3-venv package, it installs that package with apt (root or sudo) or says what to run.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
extras=""; [ "${1:-}" = "--test" ] && extras="[test]"

if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Conv Playground needs Python 3.11 or newer as '$PY' (set PYTHON=... to choose another)." >&2; exit 1
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    if command -v apt-get >/dev/null 2>&1; then  # Debian/Ubuntu keep venv in a package of its own
      SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
      ver=$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
      $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "python$ver-venv" \
        || { echo "Could not install python$ver-venv: run 'sudo apt-get install python3-venv' and try again." >&2; exit 1; }
      "$PY" -m venv .venv
    else
      echo "'$PY -m venv' failed: install Python's venv module and try again." >&2; exit 1
    fi
  fi
fi
VPY=.venv/bin/python
"$VPY" -m pip install --quiet --upgrade pip
# torch: PyPI's Linux wheel is the CUDA build (several GB with its nvidia packages); PyTorch's CPU index has the
# same release as 2.13.0+cpu, which also satisfies pyproject's torch==2.13.0. macOS wheels on PyPI are CPU-only.
# A CPU wheel pip already sees (a local wheel directory, a mirror) is used as is; only otherwise is PyTorch's
# index asked (a machine that cannot reach it then waits for pip's retries before failing).
if [ "$(uname -s)" = "Linux" ]; then
  "$VPY" -m pip install --quiet "torch==2.13.0+cpu" 2>/dev/null \
    || "$VPY" -m pip install --quiet "torch==2.13.0+cpu" --extra-index-url https://download.pytorch.org/whl/cpu
fi
"$VPY" -m pip install --quiet -e ".$extras"
echo "Installed into .venv: run the app with  .venv/bin/python -m streamlit run app.py"
