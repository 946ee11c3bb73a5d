#!/usr/bin/env bash
# `make serve`: Parallax in production. Applies migrations, collects the static files
# (whitenoise serves them, hashed and compressed), then runs gunicorn (config/gunicorn.py)
# and TASK_WORKERS background workers (default 1). When any of them stops, or on Ctrl-C
# or SIGTERM, all of them stop, so a process manager sees the service as down and
# restarts it whole. Settings come from the environment: see README, "Production".
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}

# Shows what a production deployment still lacks; it does not stop the start.
"$BIN/python" manage.py check --deploy
"$BIN/python" manage.py migrate --noinput
"$BIN/python" manage.py collectstatic --noinput --verbosity 0

pids=()
stop() {
  trap - EXIT INT TERM
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait || true
}
trap stop EXIT INT TERM

for _ in $(seq "${TASK_WORKERS:-1}"); do
  "$BIN/python" manage.py db_worker --no-reload &
  pids+=($!)
done
"$BIN/gunicorn" --config config/gunicorn.py &
pids+=($!)

wait -n "${pids[@]}"
