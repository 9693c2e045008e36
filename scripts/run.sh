#!/usr/bin/env bash
# Starts the Celery worker and Celery beat (each its own process with a pid file, so a restart
# stops the old ones and no orphan scheduler survives), then the development server.
# The web server and the worker connect as the application role (DATABASE_APP_ROLE, no superuser,
# owns no table); migrations ran before this as the owner (DATABASE_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/log
if [[ -z ${PORTAL_EXTERNAL_DB:-} ]]; then
  app_role=${DATABASE_APP_ROLE:-portal_app}
  export DATABASE_URL=${APP_DATABASE_URL:-postgres://$app_role@127.0.0.1:${PORTAL_PG_PORT:-54329}/portal}
elif [[ -n ${APP_DATABASE_URL:-} ]]; then
  export DATABASE_URL=$APP_DATABASE_URL
fi

stop_pidfile() {
  local file=$1 pid
  [[ -f $file ]] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}
stop_pidfile var/celery.pid
stop_pidfile var/celerybeat.pid

.venv/bin/celery -A bureau worker -l info --concurrency 2 --pidfile var/celery.pid \
  >var/log/celery.log 2>&1 &
WORKER=$!
.venv/bin/celery -A bureau beat -l info --schedule var/celerybeat-schedule --pidfile var/celerybeat.pid \
  >var/log/celerybeat.log 2>&1 &
BEAT=$!
trap 'kill $WORKER $BEAT 2>/dev/null || true' EXIT INT TERM
echo "Celery worker log: var/log/celery.log, beat log: var/log/celerybeat.log"
echo "Serving on http://127.0.0.1:8000/  (Ctrl-C stops the server, the worker and beat)"
.venv/bin/python manage.py runserver 127.0.0.1:8000
