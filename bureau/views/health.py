import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("select 1")


def _check_redis():
    redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()


@login_not_required
@never_cache
def healthz(request):
    failures = {}
    for name, check in (("database", _check_database), ("redis", _check_redis)):
        try:
            check()
        except Exception as exc:
            failures[name] = type(exc).__name__
    if failures:
        return JsonResponse({"status": "fail", "failed": failures}, status=503)
    return JsonResponse({"status": "ok"})
