"""Real processes for the fault tests: a Celery worker, Celery beat, a private Redis, gunicorn, and
a listener that accepts connections and never answers (a hung Redis or PostgreSQL)."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from tests.celery_worker import ROOT, database_url


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(extra):
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_ENV": "test",
        "DATABASE_CONN_MAX_AGE": "0",
        **(extra or {}),
    }


class Process:
    def __init__(self, argv, log_path, env=None):
        self.log_path = Path(log_path)
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            argv, cwd=ROOT, env=_env(env), stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    @property
    def pid(self):
        return self.process.pid

    def output(self):
        return self.log_path.read_text()

    def wait_for(self, text, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.output():
                return self
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.process.args[:4]} exited:\n{self.output()[-3000:]}")
            time.sleep(0.2)
        raise RuntimeError(f"no {text!r} after {timeout}s:\n{self.output()[-3000:]}")

    def children(self):
        try:
            out = subprocess.run(["pgrep", "-P", str(self.pid)], capture_output=True, text=True).stdout
        except FileNotFoundError:
            return []
        return [int(p) for p in out.split()]

    def stop(self):
        """Stop the process and everything it started (its own session)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        try:
            os.killpg(self.pid, signal.SIGKILL)  # orphaned pool processes of a killed worker
        except (ProcessLookupError, PermissionError):
            pass
        self.log.close()


def celery_worker(log_path, env=None, concurrency=1):
    argv = [
        sys.executable, "-m", "celery", "-A", "bureau", "worker", "--loglevel", "info",
        "--concurrency", str(concurrency), "--pool", "prefork", "-I", "tests.job_kinds",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
        "--hostname", f"reliability-{os.getpid()}-{time.monotonic_ns()}@%h",
    ]  # fmt: skip
    return Process(argv, log_path, env).wait_for(" ready.")


def celery_beat(log_path, tmp_path, env=None):
    argv = [
        sys.executable, "-m", "celery", "-A", "bureau", "beat", "--loglevel", "info",
        "--schedule", str(tmp_path / "beat-schedule"), "--pidfile", str(tmp_path / "beat.pid"),
    ]  # fmt: skip
    return Process(argv, log_path, env).wait_for("beat: Starting")


class Redis:
    """A private redis-server on its own port, so that stopping it disturbs nobody else."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        argv = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        argv += ["--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class HungListener:
    """Accepts connections on a loopback port and never answers: a hung Redis or PostgreSQL."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.held = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)  # kept open, never read from nor written to

    def close(self):
        self.sock.close()
        for conn in self.held:
            conn.close()


def gunicorn(log_path, env=None):
    port = free_port()
    argv = [
        sys.executable, "-m", "gunicorn", "bureau.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", "1", "--threads", "4", "--timeout", "60",
    ]  # fmt: skip
    process = Process(argv, log_path, env).wait_for("Booting worker")
    process.base_url = f"http://127.0.0.1:{port}"
    return process


def http_get(url, headers=None, timeout=10):
    """(status, body, seconds) of a GET, errors included."""
    request = urllib.request.Request(url, headers=headers or {})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), time.monotonic() - started
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), time.monotonic() - started


def warm_up(server, timeout=90):
    """One first request loads Django's URLconf and views (slow on a busy machine)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return http_get(server.base_url + "/healthz", timeout=timeout)
        except OSError:
            if time.monotonic() > deadline:
                raise
