"""Create the application's database role if missing and grant it what it needs, as the owner."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bureau.dbroles import ensure_app_role, grant_app_role


class Command(BaseCommand):
    help = "创建应用数据库角色（非超级用户、不拥有任何表）并授予所需权限；审计表只可追加。"

    def add_arguments(self, parser):
        parser.add_argument("--role", default=settings.DATABASE_APP_ROLE)
        parser.add_argument(
            "--password-env", default="", help="environment variable holding the role's password"
        )

    def handle(self, *args, role, password_env, **options):
        if not role:
            raise CommandError("DATABASE_APP_ROLE is empty: no application role to set up")
        if role == connection.settings_dict["USER"]:
            raise CommandError("run this as the owner role, not as the application role")
        password = os.environ.get(password_env) if password_env else None
        if password_env and not password:
            raise CommandError(f"{password_env} is empty")
        ensure_app_role(connection, role, password)
        grant_app_role(connection, role)
        self.stdout.write(f"application role {role} ready in {connection.settings_dict['NAME']}")
