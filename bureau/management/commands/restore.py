"""manage.py restore ARCHIVE: into an empty database (DATABASE_URL) and an empty MEDIA_ROOT, then
check row counts and file checksums against the archive's manifest."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bureau.backups import BackupError, restore_backup
from bureau.dbroles import grant_app_role, role_exists


class Command(BaseCommand):
    help = "将备份恢复到空数据库和空文件目录，并按清单核对行数和文件校验和。"

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--media-root", default=str(settings.MEDIA_ROOT))

    def handle(self, *args, archive, media_root, **options):
        try:
            manifest = restore_backup(Path(archive), Path(media_root))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        role = settings.DATABASE_APP_ROLE
        if role and role != connection.settings_dict["USER"] and role_exists(connection, role):
            grant_app_role(connection, role)
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"restored and verified: {len(manifest['tables'])} tables, {rows} rows, "
            f"{len(manifest['files'])} files (backup of {manifest['created_at']})"
        )
