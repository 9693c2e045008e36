"""CPU per page, in one process, with production-like settings (see bench/_load.py): a staff user and a
director each sign in through the real sign-in pages (CSRF, password, second factor for staff), then
every page of the load mix is opened REPEAT times after a warm-up. Prints, per page, the median CPU
time of the process and the number of SQL queries; --profile PATH prints the cProfile of one page.

This is where bench/load.py's requests/s comes from: 2 workers on 2 cores serve at most
2000 / (CPU ms per page, plus PostgreSQL's share) pages a second.

Run: .venv/bin/python bench/page_cpu.py [--repeat 30] [--profile /cases/] [--role staff|director]
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _load  # noqa: E402

os.environ.update(_load.production_env())
import _django  # noqa: E402,F401  (sets the paths)

# As behind the TLS proxy of a deployment (port 443, X-Forwarded-Proto).
HTTPS = {"secure": True, "HTTP_X_FORWARDED_PROTO": "https"}


def sign_in(username, needs_otp):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    page = client.get("/accounts/login/", **HTTPS)
    # Over HTTPS Django's CSRF check wants a same-origin Referer, as a browser sends it.
    post = {**HTTPS, "HTTP_REFERER": "https://testserver/accounts/login/"}
    token = page.cookies["csrftoken"].value
    response = client.post(
        "/accounts/login/",
        {"username": username, "password": _load.PASSWORD, "csrfmiddlewaretoken": token},
        **post,
    )
    assert response.status_code == 302, (username, response.status_code)
    if needs_otp:
        token = client.cookies["csrftoken"].value  # signing in rotates the token
        response = client.post(
            "/accounts/otp/", {"code": _load.totp_code(username), "csrfmiddlewaretoken": token}, **post
        )
        assert response.status_code == 302, (username, "otp", response.status_code)
    return client


def measure(client, path, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        response = client.get(path, **HTTPS)
        assert response.status_code == 200, (path, response.status_code)
    times = []
    for _ in range(repeat):
        start = time.process_time()
        client.get(path, **HTTPS)
        times.append((time.process_time() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path, **HTTPS)
    return statistics.median(times), len(queries)


# Functions whose cumulative CPU tells where a page's time goes: (label, "module:qualified name").
PARTS = [
    ("whole request", "django.test.client:Client.request"),
    ("session load", "django.contrib.sessions.backends.db:SessionStore.load"),
    ("session save", "django.contrib.sessions.backends.db:SessionStore.save"),
    ("user load", "django.contrib.auth:get_user"),
    ("roles (groups query)", "bureau.permissions:roles_of"),
    ("context processors", "django.template.context:RequestContext.bind_template"),
    ("bureau settings row", "bureau.models:BureauSettings.load"),
    ("template render", "django.template.backends.django:Template.render"),
    ("  {% include %}", "django.template.loader_tags:IncludeNode.render"),
    ("  {% url %}", "django.template.defaulttags:URLNode.render"),
    ("  {% translate %}", "django.templatetags.i18n:TranslateNode.render"),
    ("  {% for %}", "django.template.defaulttags:ForNode.render"),
    ("get_FOO_display", "django.db.models.base:Model._get_FIELD_display"),
    ("gettext", "django.utils.translation.trans_real:gettext"),
    ("SQL (compile+execute)", "django.db.models.sql.compiler:SQLCompiler.execute_sql"),
    ("  waiting on PostgreSQL", "psycopg.connection:Connection.wait"),
    ("CSP header", "csp.middleware:CSPMiddleware.process_response"),
    ("messages", "django.contrib.messages.middleware:MessageMiddleware.process_response"),
]


def _code_of(target):
    import importlib

    module, qualname = target.split(":")
    obj = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    code = getattr(obj, "__wrapped__", obj).__code__
    return code.co_filename, code.co_firstlineno, code.co_name


def breakdown(clients, staff, director, ids, rng, repeat):
    """Samples the whole mix (both roles, every page) with pyinstrument and prints the time of named
    parts per request: a part's time counts once even when it nests in itself."""
    from pyinstrument import Profiler

    rounds = [
        (clients[role], path)
        for role, account in (("staff", staff), ("director", director))
        for _name, page in _load.pages_for(account[1], account[2], ids, rng)
        for path in (page, _load.BELL[1])  # each page, then its bell, as in a browser
    ]
    for client, path in rounds:
        client.get(path, **HTTPS)
    profiler = Profiler(interval=0.001, async_mode="disabled")
    profiler.start()
    for _ in range(repeat):
        for client, path in rounds:
            client.get(path, **HTTPS)
    profiler.stop()
    targets = {_code_of(target)[:2]: label for label, target in PARTS}
    totals = dict.fromkeys((label for label, _target in PARTS), 0.0)

    def walk(frame, open_labels):
        label = targets.get((frame.file_path, frame.line_no))
        if label and label not in open_labels:
            totals[label] += frame.time
            open_labels = open_labels | {label}
        for child in frame.children:
            walk(child, open_labels)

    walk(profiler.last_session.root_frame(), frozenset())
    requests = repeat * len(rounds)
    whole = totals["whole request"] or 1
    print(f"Wall time per request, sampled, one process ({requests} requests); waits on PostgreSQL included")
    for label, _target in PARTS:
        print(f"  {label:<28} {totals[label] / requests * 1000:7.2f} ms  {totals[label] / whole:6.1%}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", help="a path to profile (cProfile, top functions by own time)")
    parser.add_argument("--breakdown", action="store_true", help="where the CPU of the whole mix goes")
    parser.add_argument("--all", action="store_true", help="--profile shows library frames too")
    parser.add_argument("--queries", help="a path whose SQL queries to print")
    parser.add_argument("--role", choices=("staff", "director"), default="staff")
    args = parser.parse_args()

    _load.collect_static()
    counts = _load.open_data("load")
    (staff,), (director, *_rest) = _load.make_accounts(staff=1, directors=1)
    ids = _load.page_ids()
    clients = {"staff": sign_in(staff[0], True), "director": sign_in(director[0], False)}

    if args.queries:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        clients[args.role].get(args.queries, **HTTPS)
        with CaptureQueriesContext(connection) as queries:
            clients[args.role].get(args.queries, **HTTPS)
        for query in queries:
            print(query["sql"][:300])
        return

    if args.profile:
        from pyinstrument import Profiler

        client = clients[args.role]
        measure(client, args.profile, 3)
        profiler = Profiler(interval=0.001, async_mode="disabled")
        profiler.start()
        for _ in range(args.repeat):
            client.get(args.profile, **HTTPS)
        profiler.stop()
        print(profiler.output_text(unicode=True, show_all=args.all))
        return

    rng = random.Random(1)
    if args.breakdown:
        breakdown(clients, staff, director, ids, rng, args.repeat)
        return
    print(f"CPU per page, median of {args.repeat} (production settings, one process)")
    _django.print_counts(counts)
    total = []
    for role, account in (("staff", staff), ("director", director)):
        seen = set()
        for name, path in [*_load.pages_for(account[1], account[2], ids, rng), _load.BELL]:
            if path in seen:
                continue
            seen.add(path)
            cpu, queries = measure(clients[role], path, args.repeat)
            total.append(cpu)
            print(f"  {role:<8} {name:<13} {path:<28} {cpu:6.1f} ms CPU  {queries:3d} queries", flush=True)
    print(f"mean over pages: {statistics.mean(total):.1f} ms CPU")


if __name__ == "__main__":
    main()
