#!/usr/bin/env bash
# Installs everything the tests need: .venv with the package and its test extras (deploy/install.sh --test) and,
# for the browser and proxy tests, Debian's chromium, a Korean font and nginx (apt: root or sudo). Playwright's
# own browser download is not used; headless Chromium draws Hangul as boxes without a CJK font.
# Without apt (macOS) or without root/sudo, the browser and proxy tests are skipped with a reason; the rest run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/install.sh --test
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
# (grep reads all of fc-list: with `grep -q` and pipefail, fc-list's SIGPIPE made the check fail now and then,
# and an install of what was already there ran apt-get, whose lock a second set-up at the same time then lacked)
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need="$need fonts-noto-cjk"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need="$need nginx"
if [ -n "$need" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "No apt-get here: the browser/proxy tests will be skipped (they need:$need)." >&2
  elif [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
    echo "Installing$need needs root or sudo; without them the browser/proxy tests are skipped." >&2
    sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive sudo apt-get install -y -qq $need >/dev/null || true
  else
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    wait_lock="-o DPkg::Lock::Timeout=600"  # another apt (unattended upgrades, a second set-up) waits, not fails
    $SUDO apt-get $wait_lock update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get $wait_lock install -y -qq $need >/dev/null
  fi
fi
