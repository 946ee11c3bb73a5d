#!/usr/bin/env bash
# `make run`: Parallax on one laptop, the way a teacher runs it in a classroom.
# DEBUG is off, so a mistyped address shows Parallax's own "Not found" page and never
# Django's debug pages; whitenoise serves the static files; nothing needs the network.
# The secret key is made once and kept in .local-secret-key (readable only by you).
# Plain http on this machine: no TLS redirect, no HSTS, cookies over http.
# `make dev` is the same with DEBUG on, for development.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
SECRET_FILE=${PARALLAX_LOCAL_SECRET_FILE:-.local-secret-key}

if [ ! -s "$SECRET_FILE" ]; then
  (umask 077 && "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$SECRET_FILE")
fi
export DEBUG=false SECRET_KEY
SECRET_KEY=$(cat "$SECRET_FILE")
export SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false
export SECURE_HSTS_SECONDS=0 SECURE_HSTS_INCLUDE_SUBDOMAINS=false SECURE_HSTS_PRELOAD=false

"$BIN/python" manage.py migrate --noinput
"$BIN/python" manage.py demo --editor editor:parallax-demo
"$BIN/python" manage.py collectstatic --noinput --verbosity 0

echo "Parallax is starting on http://$HOST:$PORT/ (editor login: editor / parallax-demo)"
# The task worker runs analyses and prepares the layers; it stops with the server.
"$BIN/python" manage.py db_worker --interval 1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
"$BIN/python" manage.py runserver --noreload "$HOST:$PORT"
