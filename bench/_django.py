"""Sets up Django for a benchmark run as `python bench/<name>.py` from the project root.

Every benchmark measures a database of its own, `portal_bench_<name>`, made afresh on each run as a
copy of one dataset (bench/dataset.py) at the scale it asks for. The dataset itself is built once
per scale and generator version into a template database (`portal_data_<scale>_<fingerprint>`) and
copied with CREATE DATABASE ... TEMPLATE, so benchmarks never share or truncate each other's rows and
run in any order. Never the development data.

    import _django
    counts = _django.open_db("pages", "province")           # Django is set up after this
    counts = _django.open_db("draw", "province", firms=40_000)  # a scale with sizes changed
"""

import hashlib
import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bureau.settings")
os.environ.setdefault("DJANGO_ENV", "test")
# Loading and migrating a million-row copy runs past the web requests' statement timeout.
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT_MS", "0")

BASE_URL = os.environ.get("DATABASE_URL", "postgres://portal@127.0.0.1:54329/portal")
_parts = urlsplit(BASE_URL)
_prefix = _parts.path.lstrip("/")


def _url(name):
    return urlunsplit(_parts._replace(path="/" + name))


def _admin():
    import psycopg

    return psycopg.connect(_url("postgres"), autocommit=True)


def _exists(conn, name):
    return bool(conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone())


def _fingerprint(scale, sizes):
    """(sizes, generator): the first names the sizes, so that a scale with other sizes (the draw's
    40,000 firms) is a template of its own; the second changes when the generator changes, so a
    stale template is rebuilt. Migrations added since a template was built are applied to each copy
    instead (open_db)."""
    sized = hashlib.sha1(json.dumps([scale, sorted(sizes.items())]).encode()).hexdigest()[:6]
    code = hashlib.sha1((ROOT / "bench" / "dataset.py").read_bytes()).hexdigest()[:6]
    return sized, code


def _migrate():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _schema(conn):
    """A migrated empty database: migrating from nothing takes minutes, bringing it up to date and
    copying it takes seconds."""
    name = f"{_prefix}_schema"
    if not _exists(conn, name):
        conn.execute(f'create database "{name}"')
    _point_django_at(name)
    _migrate()
    _point_django_at("postgres")
    return name


def _point_django_at(name):
    from django.db import connections

    connections["default"].close()
    connections["default"].settings_dict["NAME"] = name


def open_db(bench, scale="province", **sizes):
    """Makes database portal_bench_<bench> a fresh copy of the dataset, points Django at it and
    returns the dataset's row counts {table: rows} (to print beside every figure)."""
    import dataset

    full = dataset.sizes(scale, **sizes)
    sized, code = _fingerprint(scale, full)
    template = f"{_prefix}_data_{scale}_{sized}_{code}"
    target = f"{_prefix}_bench_{bench}"
    os.environ["DATABASE_URL"] = _url(template)

    import django

    django.setup()
    import psycopg

    with _admin() as conn:
        built = (
            _exists(conn, template)
            and conn.execute(
                "select 1 from pg_database where datname = %s and datallowconn", [template]
            ).fetchone()
        )
        if built:
            # A template interrupted while loading lacks its marker table: rebuild it.
            with __import__("psycopg").connect(_url(template)) as probe:
                built = probe.execute("select to_regclass('bench_dataset')").fetchone()[0] is not None
        if not built:
            # Drop older builds of these sizes (disk) and build this one; a build another run is
            # still loading or copying (a checkout with another generator) is left alone.
            for (old,) in conn.execute(
                "select datname from pg_database where datname like %s", [f"{_prefix}_data_{scale}_{sized}_%"]
            ).fetchall():
                try:
                    conn.execute(f'drop database "{old}"')
                except psycopg.errors.ObjectInUse:
                    print(f"-- {old} is in use: kept", flush=True)
            start = time.perf_counter()
            print(f"-- building dataset {scale} {full} into {template}", flush=True)
            schema = _schema(conn)
            conn.execute(f'create database "{template}" template "{schema}" strategy = file_copy')
            _point_django_at(template)
            dataset.build(full)
            print(f"-- dataset built in {time.perf_counter() - start:.0f} s", flush=True)
        _point_django_at("postgres")
        conn.execute(f'drop database if exists "{target}" with (force)')
        # FILE_COPY copies the files as they are: far faster than WAL_LOG for a large template.
        conn.execute(f'create database "{target}" template "{template}" strategy = file_copy')
    os.environ["DATABASE_URL"] = _url(target)
    _point_django_at(target)
    _migrate()
    return dataset.counts()


def print_counts(counts, keys=None):
    """One line of the dataset's row counts, to stand beside the figures."""
    import dataset

    keys = keys or dataset.COUNTED
    print("   rows: " + ", ".join(f"{key} {counts[key]:,}" for key in keys if key in counts), flush=True)
