"""Error pages that need no database: a PostgreSQL that is down or hung answers 503, not 500."""

import sys

from django import db
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as default_server_error


@requires_csrf_token
def server_error(request):
    exc = sys.exc_info()[1]
    if isinstance(exc, db.OperationalError | db.InterfaceError):
        # Rendered without the request: context processors would ask the database again.
        body = loader.get_template("503.html").render()
        return HttpResponse(body, status=503, headers={"Retry-After": "30"})
    try:
        return default_server_error(request)
    except Exception:  # the 500 page itself failed (its template reads the database)
        return HttpResponseServerError("500 Internal Server Error")
