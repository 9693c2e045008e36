"""Throughput: requests/s and latency of a mixed staff and director session against gunicorn.

On a copy of the county dataset (bench/dataset.py, 50 firms, 10,000 cases) it makes bureau staff
accounts (each with its TOTP device) and the directors' accounts of the busiest firms through the
portal's own services, starts gunicorn with the portal's WSGI application (2 sync workers on
127.0.0.1, production settings: DEBUG off, the real middleware and database sessions, behind a TLS
proxy as deployed, static files not in the mix), signs every client in through the real pages
(CSRF, password, second factor for staff), then runs CLIENTS clients for SECONDS seconds over the
pages a clerk and a director open all day (bench/_load.py) and prints requests/s, p50/p95/p99, the
errors (any answer but 200), and the CPU spent per request by gunicorn's workers, by their
PostgreSQL backends and by the client itself. gunicorn is stopped however the run ends.

Budget: at least 100 requests/s with 2 workers and no error. The machine has 2 cores shared with
others: compare a figure with a baseline taken in the same minute, not with a number from another
day. The client is one light process (threads, the standard library's http.client); its own CPU is
printed so that the figure can be judged.

Run: .venv/bin/python bench/load.py [--clients 20] [--seconds 30]   (at most 50 clients, 60 s)
"""

import argparse
import ctypes
import http.client
import math
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _load  # noqa: E402

PRODUCTION = _load.production_env()
os.environ.update(PRODUCTION)
import _django  # noqa: E402

BUDGET_RPS = 100
WORKERS = 2
MAX_CLIENTS, MAX_SECONDS = 50, 60
CLK_TCK = os.sysconf("SC_CLK_TCK")


class Browser:
    """One signed-in client: its cookies, and a fresh connection per request (gunicorn's sync
    workers close every connection after the response)."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {
            "Host": f"127.0.0.1:{self.port}",
            # As behind the deployment's TLS proxy: secure cookies, no HTTPS redirect.
            "X-Forwarded-Proto": "https",
            "User-Agent": "bench-load",
            **(headers or {}),
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or morsel.value == "":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return response.status, response.headers, content
        finally:
            connection.close()

    def post_form(self, path, fields):
        from urllib.parse import urlencode

        fields = {**fields, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        return self.request(
            "POST",
            path,
            body=urlencode(fields),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                # Over HTTPS Django's CSRF check wants a same-origin Referer, as a browser sends it.
                "Referer": f"https://127.0.0.1:{self.port}{path}",
            },
        )


def sign_in(port, username, needs_otp):
    browser = Browser(port)
    status, _headers, _body = browser.request("GET", "/accounts/login/")
    assert status == 200 and "csrftoken" in browser.cookies, ("login page", status)
    status, headers, _body = browser.post_form(
        "/accounts/login/", {"username": username, "password": _load.PASSWORD}
    )
    assert status == 302, (username, "password", status)
    if needs_otp:
        status, headers, _body = browser.post_form("/accounts/otp/", {"code": _load.totp_code(username)})
        assert status == 302, (username, "second factor", status)
    status, _headers, _body = browser.request("GET", "/")
    assert status == 200, (username, "dashboard", status)
    return browser


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent():
    # gunicorn gets SIGTERM if this process dies, however it dies (Linux prctl PR_SET_PDEATHSIG).
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


def start_gunicorn(port, log):
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "bureau.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--timeout",
        "60",
        "--access-logfile",
        log,  # as deployed (Dockerfile), to a file instead of the console
        "--error-logfile",
        log,
    ]
    server = subprocess.Popen(command, cwd=_load.ROOT, env=os.environ.copy(), preexec_fn=_die_with_parent)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}: see {log}")
        try:
            status, _h, _b = Browser(port).request("GET", "/accounts/login/")
            if status == 200 and len(worker_pids(server.pid)) == WORKERS:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop_gunicorn(server):
    if server is None or server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def worker_pids(master):
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == master:
            pids.append(int(stat.parent.name))
    return pids


def cpu_seconds(pids):
    """utime + stime of these processes (a process that has gone counts nothing)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += int(fields[11]) + int(fields[12])
    return total / CLK_TCK


def backend_pids():
    """The PostgreSQL backends serving the bench database (gunicorn's workers keep theirs open)."""
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        rows = conn.execute(
            "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
        ).fetchall()
    return [pid for (pid,) in rows]


def percentile(sorted_values, share):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, math.ceil(share * len(sorted_values)) - 1))
    return sorted_values[index]


def run_clients(browsers, ids, seconds, on_start):
    """Each client opens its role's pages in a shuffled order, again and again, until the time is
    up; the first round of each is a warm-up and not counted."""
    results = []  # (page name, seconds, status, finished within the window)
    lock = threading.Lock()
    window = {}

    def start():
        on_start()
        window["end"] = time.monotonic() + seconds

    # Every client warmed up: the window opens for all at once.
    ready = threading.Barrier(len(browsers), action=start)

    def client(index, browser, role, firm_id):
        rng = random.Random(index)
        for _name, path in _load.pages_for(role, firm_id, ids, rng):
            browser.request("GET", path)
        ready.wait()
        mine = []

        def get(name, path, headers=None):
            start = time.monotonic()
            try:
                status, _h, _b = browser.request("GET", path, headers=headers)
            except OSError as error:
                status = f"{type(error).__name__}"
            finished = time.monotonic()
            # A request still running when the time is up counts for latency, not throughput.
            mine.append((name, finished - start, status, finished <= window["end"]))

        while time.monotonic() < window["end"]:
            pages = _load.pages_for(role, firm_id, ids, rng)
            rng.shuffle(pages)
            for name, path in pages:
                if time.monotonic() >= window["end"]:
                    break
                get(name, path)
                # The page's menu then asks for its notification count (htmx), as in a browser.
                get(*_load.BELL, headers={"HX-Request": "true", "HX-Current-URL": f"https://127.0.0.1{path}"})
        with lock:
            results.extend(mine)

    threads = [
        threading.Thread(target=client, args=(i, browser, role, firm_id), daemon=True)
        for i, (browser, role, firm_id) in enumerate(browsers)
    ]
    for thread in threads:
        thread.start()
    return threads, results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    clients = max(1, min(args.clients, MAX_CLIENTS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))

    _load.collect_static()
    counts = _load.open_data("load")
    staff_accounts, director_accounts = _load.make_accounts(
        staff=math.ceil(clients / 2), directors=clients - math.ceil(clients / 2)
    )
    # Fewer firms with a director than clients asked: the directors' accounts sign in more than once.
    accounts = staff_accounts + [
        director_accounts[i % len(director_accounts)] for i in range(clients - len(staff_accounts))
    ]
    ids = _load.page_ids()
    from django.db import connections

    connections.close_all()  # the bench's own connection plays no part in the run

    # The workers keep their database connections for the whole run (production keeps them 60 s), so
    # that the CPU of their PostgreSQL backends can be read from the same processes before and after.
    os.environ["DATABASE_CONN_MAX_AGE"] = "600"
    log = tempfile.NamedTemporaryFile(prefix="bench-load-gunicorn-", suffix=".log", delete=False).name
    server = None
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        port = free_port()
        server = start_gunicorn(port, log)
        browsers = []
        for username, role, firm_id in accounts:
            needs_otp = role in ("bureau_admin", "bureau_staff")
            browsers.append((sign_in(port, username, needs_otp), role, firm_id))
        workers = worker_pids(server.pid)
        backends = backend_pids()
        before = {}

        def snapshot():
            before.update(
                wall=time.monotonic(),
                client=time.process_time(),
                server=cpu_seconds(workers),
                db=cpu_seconds(backends),
            )

        threads, results = run_clients(browsers, ids, seconds, snapshot)
        for thread in threads:
            thread.join(timeout=seconds + 120)
        wall = time.monotonic() - before["wall"]
        cpu_client = time.process_time() - before["client"]
        cpu_server = cpu_seconds(workers) - before["server"]
        cpu_db = cpu_seconds(backends) - before["db"]
        restarted = sorted(set(worker_pids(server.pid)) - set(workers))
    finally:
        stop_gunicorn(server)
        signal.signal(signal.SIGTERM, previous)

    report(results, wall, seconds, clients, cpu_client, cpu_server, cpu_db, counts, log, restarted)


def report(results, wall, seconds, clients, cpu_client, cpu_server, cpu_db, counts, log, restarted):
    done = len(results)
    errors = [r for r in results if r[2] != 200]
    rate = sum(1 for r in results if r[3]) / seconds
    latencies = sorted(r[1] * 1000 for r in results)
    ok = rate >= BUDGET_RPS and not errors
    print(
        f"load, {WORKERS} gunicorn workers, {clients} clients, {seconds:.0f} s, mixed staff and director pages"
    )
    _django.print_counts(counts, ["firms_firm", "firms_lawyer", "casework_case", "casework_party"])
    pages = sum(1 for r in results if r[3] and r[0] != _load.BELL[0]) / seconds
    print(
        f"  {rate:.1f} requests/s (budget >= {BUDGET_RPS}) {'OK' if ok else 'MISSED'}: {pages:.1f} pages/s, "
        f"each with its bell request; {done} requests, {len(errors)} errors"
    )
    print(
        f"  latency p50 {percentile(latencies, 0.5):.0f} ms, p95 {percentile(latencies, 0.95):.0f} ms, "
        f"p99 {percentile(latencies, 0.99):.0f} ms"
    )
    if done:
        print(
            f"  CPU per request: gunicorn workers {cpu_server / done * 1000:.1f} ms, their PostgreSQL "
            f"backends {cpu_db / done * 1000:.1f} ms; client {cpu_client / done * 1000:.1f} ms "
            f"({cpu_client / wall:.0%} of a core over the run)"
        )
    by_page = {}
    for name, elapsed, _status, _in_window in results:
        by_page.setdefault(name, []).append(elapsed * 1000)
    for name, values in sorted(by_page.items(), key=lambda item: -statistics.median(item[1])):
        values.sort()
        print(
            f"    {name:<13} {len(values):5d} requests  p50 {percentile(values, 0.5):5.0f} ms  "
            f"p95 {percentile(values, 0.95):5.0f} ms"
        )
    if errors:
        statuses = {}
        for name, _elapsed, status, _in_window in errors:
            statuses[(name, status)] = statuses.get((name, status), 0) + 1
        print("  errors: " + ", ".join(f"{name} {status} x{n}" for (name, status), n in statuses.items()))
        print(f"  gunicorn's log: {log}")
    if restarted:
        print(f"  gunicorn restarted workers during the run: {restarted}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
