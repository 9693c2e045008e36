from pathlib import Path

import pghistory
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bureau.demo import DEMO_ACCOUNTS, seed_demo


class Command(BaseCommand):
    help = "Load the fictional demo county with one demo account per role (development only)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run with DJANGO_ENV=production")
        with pghistory.context(command="seed_demo"):
            password, users = seed_demo()
        lines = ["", f"Demo accounts (password: {password})"]
        for username, full_name, role in DEMO_ACCOUNTS:
            lines.append(f"  {username:<11} {role.label} · {full_name}")
        lines.append("")
        text = "\n".join(lines)
        path = Path(settings.VAR_DIR) / "demo-accounts.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n")
        path.chmod(0o600)
        self.stdout.write(text)
