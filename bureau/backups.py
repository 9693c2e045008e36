"""One archive holds the whole portal: the database dump (pg_dump -Fc) and every file under
MEDIA_ROOT, with a manifest of row counts and file checksums that a restore checks itself
against. A database restored without its files would keep only file names."""

import datetime
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

ARCHIVE_PREFIX = "portal-backup-"
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"


class BackupError(Exception):
    pass


def pg_tool(name):
    """The newest installed PostgreSQL client program `name` (pg_dump must not be older than the
    server); PATH first, as in the image."""
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    if candidates:
        return str(candidates[-1])
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found: install the PostgreSQL client programs")
    return found


def libpq_env(settings_dict):
    env = {**os.environ}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    env["PGDATABASE"] = settings_dict["NAME"]
    env["PGCONNECT_TIMEOUT"] = "5"
    return env


def row_counts(cursor):
    """Exact row counts of every table in the public schema."""
    cursor.execute("select tablename from pg_tables where schemaname = 'public' order by tablename")
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'select count(*) from public."{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root):
    """{relative path: {"sha256", "size"}} of every file under `root` (temporary files aside)."""
    root = Path(root)
    files = {}
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.name.startswith(".tmp-"):
                relative = path.relative_to(root).as_posix()
                files[relative] = {"sha256": sha256(path), "size": path.stat().st_size}
    return files


def create_backup(folder):
    """Write one archive into `folder`; returns its path. The row counts and the dump come from the
    same snapshot, so they agree even while the portal is in use."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{ARCHIVE_PREFIX}{stamp}.tar"
    with tempfile.TemporaryDirectory(dir=folder, prefix=".tmp-backup-") as work:
        dump = Path(work) / DUMP
        connection.ensure_connection()
        with connection.connection.transaction():
            with connection.connection.cursor() as cursor:
                cursor.execute("set transaction isolation level repeatable read, read only")
                cursor.execute("select pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                counts = row_counts(cursor)
                result = subprocess.run(
                    [pg_tool("pg_dump"), "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                     "-f", str(dump)],
                    env=libpq_env(connection.settings_dict), capture_output=True, text=True,
                )
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        files = media_files(settings.MEDIA_ROOT)
        manifest = {
            "format": 1,
            "created_at": stamp,
            "database": connection.settings_dict["NAME"],
            "dump_sha256": sha256(dump),
            "tables": counts,
            "files": files,
        }
        partial = Path(work) / "archive.tar"
        with tarfile.open(partial, "w") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, arcname=DUMP)
            for relative in files:
                tar.add(Path(settings.MEDIA_ROOT) / relative, arcname=f"{MEDIA}/{relative}")
        os.replace(partial, target)  # a half-written archive never carries the final name
    return target


def prune(folder, keep):
    """Delete all but the newest `keep` archives in `folder`; returns the deleted paths."""
    archives = sorted(Path(folder).glob(f"{ARCHIVE_PREFIX}*.tar"))
    doomed = archives[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


def read_manifest(archive):
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile(MANIFEST))


def _database_is_empty(cursor):
    cursor.execute("select count(*) from pg_tables where schemaname = 'public'")
    return cursor.fetchone()[0] == 0


def restore_backup(archive, media_root):
    """Restore `archive` into the configured (empty) database and the (empty or missing) folder
    `media_root`, then check both against the manifest. Returns the manifest."""
    media_root = Path(media_root)
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"media folder {media_root} is not empty")
    with connection.cursor() as cursor:
        if not _database_is_empty(cursor):
            raise BackupError(f"database {connection.settings_dict['NAME']} is not empty")
    connection.close()
    with tarfile.open(archive) as tar, tempfile.TemporaryDirectory(prefix="portal-restore-") as work:
        manifest = json.load(tar.extractfile(MANIFEST))
        members = {m.name: m for m in tar.getmembers()}
        tar.extract(members[DUMP], work, filter="data")
        dump = Path(work) / DUMP
        if sha256(dump) != manifest["dump_sha256"]:
            raise BackupError("the database dump does not match its checksum")
        result = subprocess.run(
            [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--no-comments", "--exit-on-error",
             "-d", connection.settings_dict["NAME"], str(dump)],
            env=libpq_env(connection.settings_dict), capture_output=True, text=True,
        )
        if result.returncode:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        media_root.mkdir(parents=True, exist_ok=True)
        for relative in manifest["files"]:
            member = members[f"{MEDIA}/{relative}"]
            member.name = relative  # extracted below media_root; the data filter refuses ../ and links
            tar.extract(member, media_root, filter="data")
    problems = verify(manifest, media_root)
    if problems:
        raise BackupError("restored copy differs from the manifest: " + "; ".join(problems[:20]))
    return manifest


def verify(manifest, media_root):
    """Differences between the manifest and the connected database plus `media_root`."""
    problems = []
    with connection.cursor() as cursor:
        counts = row_counts(cursor)
    for table, expected in manifest["tables"].items():
        if counts.get(table) != expected:
            problems.append(f"{table}: {counts.get(table)} rows, expected {expected}")
    files = media_files(media_root)
    for relative, expected in manifest["files"].items():
        if files.get(relative) != expected:
            problems.append(f"{relative}: missing or changed")
    return problems
