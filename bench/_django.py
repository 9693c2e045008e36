"""Sets up Django for a benchmark run as `python bench/<name>.py` from the project root.

Benchmarks load large datasets, so they use a database of their own (the DATABASE_URL's name with
`_bench` appended, created and migrated here), never the development data."""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bureau.settings")
os.environ.setdefault("DJANGO_ENV", "test")

base = os.environ.get("DATABASE_URL", "postgres://portal@127.0.0.1:54329/portal")
parts = urlsplit(base)
name = parts.path.lstrip("/") + "_bench"
if not parts.path.endswith("_bench"):
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path="/" + name))

import django  # noqa: E402
import psycopg  # noqa: E402

with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
    if not conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone():
        conn.execute(f'create database "{name}"')

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)
