#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine: the package with its test extras and,
# for the browser tests, Debian's Chromium and a Korean font (Playwright's own browser download
# is not reachable here, and headless Chromium draws Hangul as boxes without a CJK font).
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet -e ".[test]"
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
