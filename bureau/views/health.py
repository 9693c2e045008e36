"""/healthz for the compose health check and the load balancer: answers within about a second
whatever its dependencies do, naming the one that failed."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

BUDGET_SECONDS = 0.8

# The database check runs on a small pool of its own: libpq's connect timeout is at least 2 s and
# a hung server never answers a query, so the request waits for the pool, not for PostgreSQL. The
# pool's threads keep their connections, so many concurrent health checks share a couple of them.
_database_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="healthz-db")
_free = threading.BoundedSemaphore(4)


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("select 1")
    except Exception:
        connection.close()  # a broken connection is not reused by the next check
        raise


def _database_within(seconds):
    # While the pool's threads are stuck on a hung server, new checks give up after `seconds`
    # instead of queueing behind them for ever.
    deadline = time.monotonic() + seconds
    if not _free.acquire(timeout=seconds):
        raise FutureTimeout
    future = _database_pool.submit(_check_database)
    future.add_done_callback(lambda _f: _free.release())
    future.result(timeout=max(0.01, deadline - time.monotonic()))


def _check_redis(seconds):
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=seconds, socket_timeout=seconds)
    try:
        client.ping()
    finally:
        client.close()


@login_not_required
@never_cache
def healthz(request):
    failures = {}
    started = time.monotonic()
    try:
        _database_within(BUDGET_SECONDS / 2)
    except FutureTimeout:
        failures["database"] = "timeout"
    except Exception as exc:
        failures["database"] = type(exc).__name__
    left = max(0.1, BUDGET_SECONDS - (time.monotonic() - started))
    try:
        _check_redis(left)
    except redis.TimeoutError:
        failures["redis"] = "timeout"
    except Exception as exc:
        failures["redis"] = type(exc).__name__
    if failures:
        return JsonResponse({"status": "fail", "failed": failures}, status=503)
    return JsonResponse({"status": "ok"})
