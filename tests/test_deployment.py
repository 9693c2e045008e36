import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_docker_compose_config_is_accepted(tmp_path):
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    result = subprocess.run(
        ["docker-compose", "config"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "POSTGRES_PASSWORD": "example"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for service in ("web:", "worker:", "beat:", "postgres:", "redis:"):
        assert service in result.stdout
    assert "image: postgres:16" in result.stdout and "image: redis:7" in result.stdout
    # web, worker and beat share one image
    assert result.stdout.count("image: county-bar-portal:latest") >= 3


def test_development_server_serves_the_static_assets(tmp_path):
    """`make run` uses runserver: pages must get their CSS and scripts, not 404s."""
    import os
    import socket
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DJANGO_ENV": "development", "DEBUG": "1"}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for path in (
            "/static/css/portal.css",
            "/static/vendor/bootstrap/css/bootstrap.min.css",
            "/static/vendor/htmx/htmx.min.js",
        ):
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                        assert response.status == 200 and len(response.read()) > 100, path
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=10)
