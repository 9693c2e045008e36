"""The daily reminders at provincial scale: 2,000 firms and their directors, 40,000 lawyers, the
third quarter's statistics (60 % filed), sensitive cases, inspections under rectification with
their inspectors, Party branches with secretaries and probationary members, ratings about to
expire. Runs the daily task for 19 October 2026 (the quarter is due the next day) twice and prints
the time of each run with the row counts. Budget: 60 s for the first run.

The data lives in a database of its own (portal_bench_reminders), loaded once with set-based SQL.
Run: .venv/bin/python bench/reminders.py
"""

import datetime
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bureau.settings")
os.environ.setdefault("DJANGO_ENV", "test")
# Mail goes nowhere: the bench measures building the reminders, not an SMTP server.
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")

DB_NAME = "portal_bench_reminders"
base = urlsplit(os.environ.get("DATABASE_URL", "postgres://portal@127.0.0.1:54329/portal"))
os.environ["DATABASE_URL"] = urlunsplit(base._replace(path="/" + DB_NAME))

import django  # noqa: E402
import psycopg  # noqa: E402

with psycopg.connect(urlunsplit(base._replace(path="/postgres")), autocommit=True) as conn:
    if not conn.execute("select 1 from pg_database where datname = %s", [DB_NAME]).fetchone():
        conn.execute(f'create database "{DB_NAME}"')

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)

from django.db import connection, transaction  # noqa: E402

FIRMS, LAWYERS_PER_FIRM, INSPECTORS, STAFF = 2_000, 20, 200, 20
TODAY = datetime.date(2026, 10, 19)
BUDGET_S = 60


def load():
    from bureau.models import User

    if User.objects.filter(username="bench-director-1").exists():
        return 0.0
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL session_replication_role = replica")  # bench rows skip the audit triggers
        sql = [
            # Firms and lawyers.
            f"""INSERT INTO firms_firm (version, name, short_name, credit_code, organisation_form, address, phone,
                 email, status, has_reception, office_rooms, has_meeting_room, has_archive_room, computers,
                 printers, copiers, projectors, scanners, av_recorders, created_at, founded_on)
               SELECT 1, '提醒基准第' || g || '律师事务所', '', '31' || lpad(g::text, 16, '0'),
                 (ARRAY['partnership','special_partnership','sole','state'])[1 + g % 4], '', '', '',
                 'practising', true, 4, true, true, 5, 1, 1, 1, 1, 0, now(), DATE '2000-01-01' + (g * 37 % 9000)::int
               FROM generate_series(1, {FIRMS}) g""",
            f"""INSERT INTO firms_lawyer (version, firm_id, name, gender, id_number, licence_no, licence_date,
                 category, is_partner, status, phone, education, political_status)
               SELECT 1, f.id, '律师' || f.id || '-' || n, CASE WHEN n % 2 = 0 THEN 'M' ELSE 'F' END,
                 lpad((f.id * 100 + n)::text, 18, '0'), '1' || lpad((f.id * 100 + n)::text, 16, '0'),
                 DATE '2005-01-01' + ((f.id + n) * 91 % 7000)::int, 'full_time', n % 4 = 0, 'practising', '', '',
                 CASE WHEN n % 3 = 0 THEN 'party_member' ELSE 'masses' END
               FROM firms_firm f CROSS JOIN generate_series(1, {LAWYERS_PER_FIRM}) n""",
            # Accounts: a director per firm, inspectors, bureau staff, a secretary per branch.
            f"""INSERT INTO bureau_user (password, is_superuser, username, first_name, last_name, email, is_staff,
                 is_active, date_joined, full_name, phone, must_change_password, otp_failures, email_reminders,
                 calendar_key)
               SELECT '!', false, 'bench-' || kind || '-' || g, '', '', '', false, true, now(), kind || g, '',
                 false, 0, 'digest', ''
               FROM (VALUES ('director', {FIRMS}), ('inspector', {INSPECTORS}), ('staff', {STAFF}),
                            ('secretary', {FIRMS // 2})) AS k(kind, n)
               CROSS JOIN LATERAL generate_series(1, k.n) g""",
            """INSERT INTO bureau_user_groups (user_id, group_id)
               SELECT u.id, gr.id FROM bureau_user u JOIN auth_group gr ON gr.name = CASE
                 WHEN u.username LIKE 'bench-director-%' THEN 'firm_director'
                 WHEN u.username LIKE 'bench-inspector-%' THEN 'inspector'
                 WHEN u.username LIKE 'bench-staff-%' THEN 'bureau_staff' END""",
            """INSERT INTO firms_firmuserobjectpermission (permission_id, user_id, content_object_id)
               SELECT p.id, u.id, f.id FROM firms_firm f
               JOIN bureau_user u ON u.username = 'bench-director-' || substr(f.credit_code, 3)::int
               JOIN auth_permission p ON p.codename = 'manage_firm'""",
            # Quarterly statistics of the third quarter: 60 % of the firms have filed.
            """INSERT INTO casework_quarterlyreport (version, firm_id, year, quarter, status, figures, due_on,
                 first_submitted_on, created_at, created_by_id, due_provisional)
               SELECT 1, f.id, 2026, 3, 'submitted', '{}', DATE '2026-10-20', DATE '2026-10-12', now(), u.id, false
               FROM firms_firmuserobjectpermission p JOIN firms_firm f ON f.id = p.content_object_id
               JOIN bureau_user u ON u.id = p.user_id WHERE f.id % 5 < 3""",
            # Ratings expiring within 90 days for every tenth firm.
            """INSERT INTO firms_standardisationrating (firm_id, level, conferred_by, conferred_on, valid_until)
               SELECT f.id, 'county', '示范县司法局', DATE '2023-12-01', DATE '2026-11-01' + (f.id % 60)::int
               FROM firms_firm f WHERE f.id % 10 = 0""",
        ]
        for statement in sql:
            cur.execute(statement)
        _load_orm()
    return time.perf_counter() - started


def _load_orm():
    """Casework, inspections and Party records with foreign keys between them, in bulk."""
    from bureau.models import User
    from casework.models import Case, ConflictCheck
    from firms.models import Firm
    from inspections.models import Assignment, ChecklistTemplate, Draw, Inspection, Inspector, Plan
    from partybuild.models import Branch, BranchFirm, Member

    firms = list(Firm.objects.order_by("id"))
    staff = User.objects.get(username="bench-staff-1")
    # A sensitive case awaiting its filing in every twentieth firm.
    sample = firms[::20]
    checks = ConflictCheck.objects.bulk_create(
        ConflictCheck(firm=f, matter="bench", hits=[], decision="no_conflict", remarks="", checked_by=staff)
        for f in sample
    )
    Case.objects.bulk_create(
        Case(
            firm=f,
            year=2026,
            serial=1,
            intake_no=f"B-{f.pk}",
            case_type="civil",
            cause="合同纠纷",
            intake_date=datetime.date(2026, 10, 14),
            authority="",
            conflict_check=c,
            contract_no="C",
            agreed_fee=1000,
            status="received",
            is_sensitive=True,
            sensitive_due_on=datetime.date(2026, 10, 19 + f.pk % 3),
            registered_by=staff,
        )
        for f, c in zip(sample, checks, strict=True)
    )
    # 400 inspections, two inspectors each, a fifth under rectification.
    inspectors = Inspector.objects.bulk_create(
        Inspector(user=u, certificate_no=f"BENCH{u.pk}")
        for u in User.objects.filter(username__startswith="bench-inspector-")
    )
    template = ChecklistTemplate.objects.create(name="基准检查表")
    plan = Plan.objects.create(
        year=2026,
        title="基准双随机",
        checklist=template,
        sampling="count",
        target_count=400,
        inspectors_per_target=2,
        starts_on=datetime.date(2026, 10, 1),
        ends_on=datetime.date(2026, 12, 31),
        created_by=staff,
    )
    drawn = datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC)
    draw = Draw.objects.create(
        plan=plan,
        algorithm="bench",
        seed="0" * 64,
        targets_listing="",
        targets_hash="0" * 64,
        inspectors_listing="",
        inspectors_hash="0" * 64,
        avoidance_listing="",
        avoidance_hash="0" * 64,
        target_count=400,
        inspectors_per_target=2,
        result={},
        drawn_by=staff,
        frozen_at=drawn,
        drawn_at=drawn,
    )
    targets = firms[::5]
    inspections = Inspection.objects.bulk_create(
        Inspection(
            plan=plan,
            draw=draw,
            firm=f,
            **(
                {
                    "scheduled_on": datetime.date(2026, 10, 8),
                    "status": "rectifying",
                    "result": "rectify",
                    "concluded_on": datetime.date(2026, 10, 8),
                    "rectification": "pending",
                    "rectification_deadline": datetime.date(2026, 10, 21),
                }
                if i % 5 == 0
                else {"scheduled_on": datetime.date(2026, 10, 20 + i % 10)}
            ),
        )
        for i, f in enumerate(targets)
    )
    Assignment.objects.bulk_create(
        Assignment(inspection=insp, inspector=inspectors[(i * 2 + k) % len(inspectors)])
        for i, insp in enumerate(inspections)
        for k in (0, 1)
    )
    # A branch for every two firms, its secretary, and three members, one of them probationary.
    branches = Branch.objects.bulk_create(
        Branch(name=f"基准第{i}党支部", kind="joint", founded_on=datetime.date(2020, 1, 1))
        for i in range(len(firms) // 2)
    )
    BranchFirm.objects.bulk_create(
        BranchFirm(branch=branches[i // 2], firm=f) for i, f in enumerate(firms[: 2 * len(branches)])
    )
    Member.objects.bulk_create(
        Member(
            branch=b,
            name=f"党员{b.pk}-{k}",
            stage=Member.Stage.PROBATIONARY if k == 0 else Member.Stage.FULL,
            firm=firms[2 * i],
            applied_on=datetime.date(2015, 1, 1),
            activist_on=datetime.date(2015, 6, 1),
            target_on=datetime.date(2016, 7, 1),
            probationary_on=datetime.date(2025, 10, 20 + i % 10) if k == 0 else datetime.date(2016, 12, 1),
            full_on=None if k == 0 else datetime.date(2017, 12, 1),
            archive_docs=list(Member.Doc.values),
        )
        for i, b in enumerate(branches)
        for k in range(3)
    )
    with connection.cursor() as cur:
        cur.execute(
            """INSERT INTO partybuild_branchuserobjectpermission (permission_id, user_id, content_object_id)
               SELECT p.id, u.id, b.id FROM partybuild_branch b
               JOIN bureau_user u ON u.username = 'bench-secretary-' || (b.id - %s + 1)
               JOIN auth_permission p ON p.codename = 'manage_branch'""",
            [branches[0].pk],
        )


def counts():
    tables = [
        "firms_firm",
        "firms_lawyer",
        "bureau_user",
        "casework_quarterlyreport",
        "casework_case",
        "inspections_inspection",
        "inspections_assignment",
        "partybuild_branch",
        "partybuild_member",
        "firms_standardisationrating",
        "bureau_notification",
    ]
    with connection.cursor() as cur:
        result = {}
        for table in tables:
            cur.execute(f"SELECT count(*) FROM {table}")
            result[table] = cur.fetchone()[0]
        return result


def main():
    from bureau.notifications import services
    from bureau.notifications.models import Notification

    loaded = load()
    if loaded:
        print(f"loaded in {loaded:.1f} s")
    Notification.objects.filter(for_date=TODAY).delete()  # each bench run measures a first run
    for name, n in counts().items():
        print(f"{name:32} {n:>9,}")
    started = time.perf_counter()
    first = services.run_daily(today=TODAY)
    first_s = time.perf_counter() - started
    started = time.perf_counter()
    second = services.run_daily(today=TODAY)
    second_s = time.perf_counter() - started
    print(
        f"daily reminders {TODAY}: {first.users:,} users, {first.deadlines:,} deadlines, "
        f"{first.created:,} notifications created in {first_s:.1f} s (budget {BUDGET_S} s); "
        f"rerun created {second.created} in {second_s:.1f} s"
    )
    return 0 if first_s <= BUDGET_S and second.created == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
