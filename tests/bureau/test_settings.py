"""Production settings refuse insecure values, and `check --deploy` is clean under them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "Q9v#x2!mZ" * 5


def _run(env_overrides, *args):
    dropped = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {"DJANGO_ENV": "production", "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "portal.example.org"}


def test_production_check_deploy_reports_nothing():
    result = _run(PRODUCTION, "check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"DEBUG": "1"}, "DEBUG must be off"),
        ({"SECRET_KEY": ""}, "SECRET_KEY is required"),
        ({"SECRET_KEY": "short"}, "at least 50 random characters"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must name"),
        ({"DEBUG": "perhaps"}, "is not a boolean"),
        ({"AXES_FAILURE_LIMIT": "five"}, "is not a whole number"),
        ({"DJANGO_ENV": "staging"}, "must be one of"),
    ],
)
def test_production_refuses_insecure_or_bad_values(overrides, message):
    result = _run({**PRODUCTION, **overrides}, "check")
    assert result.returncode != 0
    assert message in result.stderr


def test_seed_demo_refuses_production():
    result = _run(PRODUCTION, "seed_demo")
    assert result.returncode != 0
    assert "refuses to run with DJANGO_ENV=production" in result.stderr
