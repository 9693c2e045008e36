#!/usr/bin/env bash
# Starts or stops the private PostgreSQL cluster and Redis under var/.
# Skipped for a service whose URL (DATABASE_URL / REDIS_URL) is given from outside.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VAR=$ROOT/var
PG_PORT=${PORTAL_PG_PORT:-54329}
REDIS_PORT=${PORTAL_REDIS_PORT:-63799}
PGDATA=$VAR/pgdata
PGRUN=$VAR/pgrun
mkdir -p "$VAR"
# The postgres system user must reach the data folder. When the checkout lies below a folder it
# cannot enter (a home directory with mode 700, say), the cluster lives under /var/tmp instead.
if [[ $EUID -eq 0 ]] && ! runuser -u postgres -- test -x "$VAR"; then
  alt=/var/tmp/portal-pg-$(printf %s "$ROOT" | sha256sum | cut -c1-12)
  mkdir -p "$alt"
  PGDATA=$alt/pgdata
  PGRUN=$alt/pgrun
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)

as_pg() {
  # initdb and postgres refuse to run as root: run them as the postgres system user.
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_pg() {
  mkdir -p "$VAR"
  if [[ ! -f $PGDATA/PG_VERSION ]]; then
    echo "==> initdb $PGDATA"
    mkdir -p "$PGDATA" "$PGRUN"
    [[ $EUID -eq 0 ]] && chown postgres:postgres "$PGDATA" "$PGRUN"
    chmod 700 "$PGDATA"
    # A UTF-8 locale: under plain C, pg_trgm extracts no trigrams from Chinese text.
    as_pg "$PGBIN/initdb" -D "$PGDATA" --locale=C.UTF-8 -E UTF8 --auth=trust -U postgres >/dev/null
  fi
  mkdir -p "$PGRUN"; [[ $EUID -eq 0 ]] && chown postgres:postgres "$PGRUN"
  if ! as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    echo "==> starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
      -o "-p $PG_PORT -k $PGRUN -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off \
        -c shared_buffers=1GB -c work_mem=16MB -c maintenance_work_mem=512MB -c max_wal_size=4GB" start >/dev/null
  fi
  psql_pg() { as_pg psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAq "$@"; }
  if [[ -z $(psql_pg -c "select 1 from pg_roles where rolname='portal'") ]]; then
    psql_pg -c "create role portal login superuser"
  fi
  if [[ -z $(psql_pg -c "select 1 from pg_database where datname='portal'") ]]; then
    psql_pg -c "create database portal owner portal"
  fi
  # The application role the web server and the worker connect as: no superuser, owns no table,
  # audit tables insert-only (bureau/dbroles.py). `portal` stays the owner that migrates and
  # creates the test databases. Safe to run again on an existing cluster.
  if [[ -x $ROOT/.venv/bin/python ]]; then
    DATABASE_URL=postgres://portal@127.0.0.1:$PG_PORT/portal DJANGO_ENV=development \
      "$ROOT/.venv/bin/python" "$ROOT/manage.py" app_role -v 0 >/dev/null
  fi
}

stop_pg() {
  if [[ -f $PGDATA/PG_VERSION ]] && as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    echo "==> stopping PostgreSQL"
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
  fi
}

start_redis() {
  mkdir -p "$VAR/redis"
  if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    echo "==> starting Redis on 127.0.0.1:$REDIS_PORT"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --dir "$VAR/redis" \
      --pidfile "$VAR/redis/redis.pid" --logfile "$VAR/redis/redis.log" --save "" --appendonly no
    for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
}

stop_redis() {
  if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    echo "==> stopping Redis"
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  fi
}

case ${1:-} in
  start)
    [[ -n ${PORTAL_EXTERNAL_DB:-} ]] || start_pg
    [[ -n ${PORTAL_EXTERNAL_REDIS:-} ]] || start_redis
    ;;
  stop)
    stop_pg
    stop_redis
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
