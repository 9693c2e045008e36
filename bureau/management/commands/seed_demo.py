from pathlib import Path

import pghistory
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bureau.demo import DEMO_ACCOUNTS, demo_totp_secret, seed_demo
from bureau.security.twofactor import otp_required_for


class Command(BaseCommand):
    help = "Load the fictional demo county with one demo account per role (development only)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run with DJANGO_ENV=production")
        with pghistory.context(command="seed_demo"):
            password, users = seed_demo()
        lines = ["", f"Demo accounts (password: {password})"]
        for username, full_name, role in DEMO_ACCOUNTS:
            second = " + TOTP" if otp_required_for(users[username]) else ""
            lines.append(f"  {username:<11} {role.label} · {full_name}{second}")
        lines += [
            "",
            f"Two-factor sign-in (TOTP secret, base32): {demo_totp_secret()}",
            "  add it to an authenticator app, or print the current code with",
            "  .venv/bin/python manage.py shell -c "
            '"from bureau.demo import demo_totp_code; print(demo_totp_code())"',
            "",
        ]
        text = "\n".join(lines)
        path = Path(settings.VAR_DIR) / "demo-accounts.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n")
        path.chmod(0o600)
        self.stdout.write(text)
