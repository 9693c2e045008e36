#!/usr/bin/env bash
# Starts a Celery worker (and beat) in the background, then the development server.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/log
if [[ -f var/celery.pid ]] && kill -0 "$(cat var/celery.pid)" 2>/dev/null; then
  kill "$(cat var/celery.pid)" && sleep 1
fi
.venv/bin/celery -A bureau worker --beat -l info --concurrency 2 \
  --schedule var/celerybeat-schedule --pidfile var/celery.pid \
  >var/log/celery.log 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM
echo "Celery worker log: var/log/celery.log"
echo "Serving on http://127.0.0.1:8000/  (Ctrl-C stops the server and the worker)"
.venv/bin/python manage.py runserver 127.0.0.1:8000
