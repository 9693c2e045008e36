"""What the load benchmark (bench/load.py) and the per-page CPU benchmark (bench/page_cpu.py) share:
production-like settings, the data, the accounts of a mixed staff and director session, and the
pages each of them opens.

Production-like: DJANGO_ENV=production (DEBUG off, the real middleware with WhiteNoise, the database
session backend, the cached template loader, manifest static file names), behind a TLS proxy as in
deployment: clients send X-Forwarded-Proto: https, so secure cookies and the HTTPS redirect behave as
they do for real users. Static files are not in the mix.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATIC_ROOT = ROOT / "var" / "bench-static"
PASSWORD = "Load-Bench-" + secrets.token_urlsafe(12)


def production_env():
    """The environment of a production process on this machine (a fresh secret each run)."""
    return {
        "DJANGO_ENV": "production",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "STATIC_ROOT": str(STATIC_ROOT),
        "LOG_LEVEL": "WARNING",
        # Reminder e-mails are not in the mix; nothing here sends mail.
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }


def collect_static():
    """Manifest storage needs collected files to name them; collected again when a source changed."""
    manifest = STATIC_ROOT / "staticfiles.json"
    sources = [p for p in (ROOT / "static").rglob("*") if p.is_file()]
    if manifest.exists() and all(p.stat().st_mtime < manifest.stat().st_mtime for p in sources):
        return
    print("-- collecting static files (manifest names) into", STATIC_ROOT, flush=True)
    env = {**os.environ, **production_env()}
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"], env=env, check=True
    )


def open_data(bench):
    """The county dataset (bench/dataset.py) when it is there; before it landed, a scratch database
    with the demo county, made once (migrating takes minutes) and reused."""
    import _django

    if (ROOT / "bench" / "dataset.py").exists():
        return _django.open_db(bench, "county")
    name = f"{_django._prefix}_demo"
    os.environ["DATABASE_URL"] = _django._url(name)
    import django

    django.setup()
    with _django._admin() as conn:
        fresh = not _django._exists(conn, name)
        if fresh:
            conn.execute(f'create database "{name}"')
    _django._point_django_at(name)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bureau.models import User

    if not User.objects.filter(username="director").exists():
        import pghistory

        from bureau.demo import seed_demo

        with pghistory.context(command="bench-load"):
            seed_demo()
    from django.db import connection

    counts = {}
    with connection.cursor() as cur:
        for table in ("firms_firm", "firms_lawyer", "casework_case", "casework_party", "bureau_user"):
            cur.execute(f"select count(*) from {table}")
            counts[table] = cur.fetchone()[0]
    return counts


def make_accounts(staff, directors):
    """Bureau staff accounts (each with its TOTP device) and the directors' accounts of the firms
    with the most cases, made through the project's own services. Returns (staff, directors) as
    lists of (username, role, firm_id); fewer directors when there are fewer firms."""
    import pghistory
    from django.db import transaction
    from django.db.models import Count

    from bureau.models import User
    from bureau.permissions import Role, assign_role
    from bureau.security.twofactor import enrol_with_secret
    from firms.models import Firm, Lawyer
    from firms.permissions import grant_firm
    from firms.services import director_account_create

    staff_accounts, director_accounts = [], []
    with pghistory.context(command="bench-load"), transaction.atomic():
        for n in range(1, staff + 1):
            username = f"load-staff-{n}"
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, full_name=f"压测科员{n}")
                user.set_password(PASSWORD)
                user.save()
                assign_role(user, Role.BUREAU_STAFF)
            user.set_password(PASSWORD)
            user.must_change_password = False
            user.save(update_fields=["password", "must_change_password"])
            enrol_with_secret(user=user, secret=totp_secret(username))
            staff_accounts.append((username, Role.BUREAU_STAFF, None))
        firms = Firm.objects.annotate(case_count=Count("cases")).order_by("-case_count", "pk")[:directors]
        for firm in firms:
            if firm.director_id is not None:
                director = Lawyer.objects.select_related("user").get(pk=firm.director_id)
                user = (
                    director.user
                    or director_account_create(firm=firm, username=f"load-director-{firm.pk}")[0]
                )
            else:
                # The dataset names no directors (and its credit codes fail the check character,
                # so the firm cannot be saved through firm_update): the account gets the role and
                # the firm's grant through the portal's own helpers, as bench/pages.py does.
                user = User.objects.filter(username=f"load-director-{firm.pk}").first()
                if user is None:
                    user = User.objects.create_user(
                        f"load-director-{firm.pk}", full_name=f"压测主任{firm.pk}"
                    )
                    assign_role(user, Role.FIRM_DIRECTOR)
                    grant_firm(user, firm)
            # The director has changed the handed-over password (as the forced change does).
            user.set_password(PASSWORD)
            user.must_change_password = False
            user.save(update_fields=["password", "must_change_password"])
            director_accounts.append((user.username, Role.FIRM_DIRECTOR, firm.pk))
    return staff_accounts, director_accounts


def totp_secret(username):
    """A base32 TOTP secret per bench account (derived, so a rerun agrees)."""
    import hashlib
    from base64 import b32encode

    return b32encode(hashlib.sha1(f"bench-load:{username}".encode()).digest()).decode()


def totp_code(username):
    from django_otp.oath import TOTP

    from bureau.security.twofactor import key_from_base32

    return f"{TOTP(bytes.fromhex(key_from_base32(totp_secret(username)))).token():06d}"


def page_ids():
    """Ids the pages need: a few firms, cases, branches, quarterly reports of each director's firm
    and of the county (so that staff pages are not all the same page)."""
    from casework.models import Case
    from firms.models import Firm
    from partybuild.models import Branch

    return {
        "firms": list(Firm.objects.order_by("pk").values_list("pk", flat=True)[:50]),
        "branches": list(Branch.objects.order_by("pk").values_list("pk", flat=True)[:20]),
        "cases": list(Case.objects.order_by("-pk").values_list("pk", "firm_id")[:500]),
    }


# Every page asks for the menu's notification count once it has loaded (htmx, hx-trigger="load").
BELL = ("bell", "/notifications/bell/")


def pages_for(role, firm_id, ids, rng):
    """One round of pages a user of this role opens, as paths; a director stays in their firm.
    A client follows each page with its BELL request, as a browser does."""
    from bureau.permissions import Role

    if role == Role.BUREAU_STAFF:
        firm = rng.choice(ids["firms"])
        cases = [pk for pk, _f in ids["cases"]]
        pages = [
            ("dashboard", "/"),
            ("firm list", "/firms/"),
            ("firm page", f"/firms/{firm}/"),
            ("case list", "/cases/"),
            ("case list", "/cases/?aid=1"),
            ("quarterly", "/quarterly/"),
            ("services", "/services/"),
            ("inspections", "/inspections/"),
            ("party", "/party/"),
        ]
        if cases:
            pages.append(("case page", f"/cases/{rng.choice(cases)}/"))
        if ids["branches"]:
            pages.append(("party branch", f"/party/branches/{rng.choice(ids['branches'])}/"))
        return pages
    own_cases = [pk for pk, f in ids["cases"] if f == firm_id]
    pages = [
        ("dashboard", "/"),
        ("firm page", f"/firms/{firm_id}/"),
        ("case list", "/cases/"),
        ("quarterly", "/quarterly/"),
        ("services", "/services/"),
        ("inspections", "/inspections/"),
        ("party", "/party/"),
    ]
    if own_cases:
        pages.append(("case page", f"/cases/{rng.choice(own_cases)}/"))
    return pages
