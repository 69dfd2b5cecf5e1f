#!/usr/bin/env bash
# N Conv Playground processes on one machine without Docker, for Debian's nginx in front (deploy/nginx.conf).
#   bash deploy/run-processes.sh 2            # ports 8501, 8502 on 127.0.0.1
#   bash deploy/run-processes.sh 4 9001       # ports 9001..9004
# Prints the `server` lines for nginx.conf's upstream block; stops every process on Ctrl-C or TERM.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2}; FIRST=${2:-8501}
PY=${PYTHON:-python3}; [ -x .venv/bin/python ] && PY=.venv/bin/python   # deploy/install.sh's environment
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait; }
trap stop INT TERM EXIT
echo "# upstream conv_playground { hash \$cp_pin consistent; ... }:"
for ((i = 0; i < N; i++)); do
  port=$((FIRST + i))
  "$PY" -m streamlit run app.py --server.address=127.0.0.1 --server.port="$port" --server.headless=true &
  pids+=($!)
  echo "    server 127.0.0.1:$port;"
done
wait
