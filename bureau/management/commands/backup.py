"""manage.py backup: one archive with the database dump and every file under MEDIA_ROOT."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bureau.backups import BackupError, create_backup, prune, read_manifest


class Command(BaseCommand):
    help = "备份数据库与全部上传和生成的文件（含清单：各表行数、文件校验和）。"

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=settings.BACKUP_DIR, help="folder for the archives")
        parser.add_argument("--keep", type=int, default=0, help="keep only the newest N archives (0: all)")

    def handle(self, *args, dir, keep, **options):
        try:
            path = create_backup(Path(dir))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = read_manifest(path)
        rows = sum(manifest["tables"].values())
        tables, files = len(manifest["tables"]), len(manifest["files"])
        self.stdout.write(f"{path}: {tables} tables, {rows} rows, {files} files")
        if keep:
            for old in prune(dir, keep):
                self.stdout.write(f"deleted {old}")
