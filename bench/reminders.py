"""The daily reminders at province scale, on the dataset (bench/dataset.py: 2,000 firms, 40,000
lawyers, 200 inspectors, 800 Party branches with secretaries' seats and probationary members,
ratings, a year's inspections under rectification...), with what a reminder day needs and the
dataset lacks added on top of the benchmark's own copy with set-based SQL: the logins (a director
per firm, bureau staff, a secretary per branch, the inspectors' role), the third quarter 2026's
statistics 60 % filed, sensitive cases awaiting their filing, a second round of inspections
scheduled around the day (a fifth under rectification, two inspectors each) and a probationary
member near conversion in every branch. Runs the daily task for 19 October 2026 (the quarter is due
the next day) twice and prints the time of each run with the row counts.

Budget: 60 s for the first run, nothing created by the second. Exits non-zero when either misses.
Run: .venv/bin/python bench/reminders.py
"""

import datetime
import os
import sys
import time

import _django

# Mail goes nowhere: the bench measures building the reminders, not an SMTP server.
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")

STAFF = 20
TODAY = datetime.date(2026, 10, 19)
BUDGET_S = 60

_USER_COLUMNS = """password, is_superuser, username, first_name, last_name, email, is_staff, is_active,
    date_joined, full_name, phone, must_change_password, otp_failures, email_reminders, calendar_key"""

ADDITIONS = [
    # Logins: a director per firm, bureau staff, a secretary per branch; the inspectors' role.
    f"""INSERT INTO bureau_user ({_USER_COLUMNS})
        SELECT '!', false, 'bench-director-' || id, '', '', '', false, true, now(), '主任' || id, '', false, 0,
          'digest', '' FROM firms_firm
        UNION ALL
        SELECT '!', false, 'bench-staff-' || g, '', '', '', false, true, now(), '科员' || g, '', false, 0,
          'digest', '' FROM generate_series(1, {STAFF}) g
        UNION ALL
        SELECT '!', false, 'bench-secretary-' || id, '', '', '', false, true, now(), '书记' || id, '', false, 0,
          'digest', '' FROM partybuild_branch""",
    """INSERT INTO bureau_user_groups (user_id, group_id)
       SELECT u.id, gr.id FROM bureau_user u JOIN auth_group gr ON gr.name = CASE
         WHEN u.username LIKE 'bench-director-%' THEN 'firm_director'
         WHEN u.username LIKE 'bench-staff-%' THEN 'bureau_staff'
         WHEN EXISTS (SELECT 1 FROM inspections_inspector i WHERE i.user_id = u.id) THEN 'inspector' END""",
    """INSERT INTO firms_firmuserobjectpermission (permission_id, user_id, content_object_id)
       SELECT p.id, u.id, f.id FROM firms_firm f
       JOIN bureau_user u ON u.username = 'bench-director-' || f.id
       JOIN auth_permission p ON p.codename = 'manage_firm'
       JOIN django_content_type ct ON ct.id = p.content_type_id AND ct.app_label = 'firms'""",
    """INSERT INTO partybuild_branchuserobjectpermission (permission_id, user_id, content_object_id)
       SELECT p.id, u.id, b.id FROM partybuild_branch b
       JOIN bureau_user u ON u.username = 'bench-secretary-' || b.id
       JOIN auth_permission p ON p.codename = 'manage_branch'
       JOIN django_content_type ct ON ct.id = p.content_type_id AND ct.app_label = 'partybuild'""",
    # The third quarter 2026's statistics, due on 20 October: three firms in five have filed.
    """INSERT INTO casework_quarterlyreport (version, firm_id, year, quarter, status, figures, due_on,
         first_submitted_on, created_at, created_by_id, due_provisional)
       SELECT 1, f.id, 2026, 3, 'submitted', '{}', DATE '2026-10-20', DATE '2026-10-12', now(), u.id, false
       FROM firms_firm f JOIN bureau_user u ON u.username = 'bench-director-' || f.id
       WHERE f.id % 5 < 3""",
    # In every twentieth firm, its latest case taken before 17 October turns out sensitive and awaits
    # its filing (the dataset's sensitive cases are all filed and acknowledged).
    """UPDATE casework_case c SET is_sensitive = true, sensitive_due_on = DATE '2026-10-19' + (c.firm_id % 3)::int
       FROM (SELECT DISTINCT ON (firm_id) id FROM casework_case
             WHERE year = 2026 AND NOT is_sensitive AND firm_id % 20 = 0 AND intake_date <= DATE '2026-10-16'
             ORDER BY firm_id, intake_date DESC, id DESC) x
       WHERE c.id = x.id""",
    # A second round of 2026 scheduled around the day: every fifth firm, a fifth of them already
    # inspected and under rectification due on 21 October, two inspectors each.
    """INSERT INTO inspections_plan (year, batch, kind, title, sampling, ratio_percent, target_count,
         inspectors_per_target, starts_on, ends_on, created_at, checklist_id, created_by_id, restructuring_eligible)
       SELECT 2026, 2, 'random', '2026年度第二批双随机抽查', 'ratio', 20, null, 2, DATE '2026-10-01',
         DATE '2026-12-31', DATE '2026-09-01', checklist_id, created_by_id, false
       FROM inspections_plan WHERE year = 2026 AND batch = 1""",
    """INSERT INTO inspections_draw (algorithm, seed, targets_listing, targets_hash, inspectors_listing,
         inspectors_hash, avoidance_listing, avoidance_hash, target_count, inspectors_per_target, result, reason,
         frozen_at, drawn_at, drawn_by_id, supersedes_id, plan_id)
       SELECT 'sha256-rank-v1', md5('bench'), '', md5('t'), '', md5('i'), '', md5('a'),
         (SELECT count(*) / 5 FROM firms_firm), 2, '{"targets": []}', '', DATE '2026-09-01', DATE '2026-09-01',
         created_by_id, null, id
       FROM inspections_plan WHERE year = 2026 AND batch = 2""",
    """INSERT INTO inspections_inspection (scheduled_on, notice_number, status, result, summary, concluded_on,
         rectification, rectification_deadline, publish_due, published_at, draw_id, firm_id, published_by_id,
         plan_id, notice_issued_on, published_on)
       SELECT CASE WHEN rectifying THEN DATE '2026-10-08' ELSE DATE '2026-10-20' + (n % 10)::int END, '',
         CASE WHEN rectifying THEN 'rectifying' ELSE 'scheduled' END,
         CASE WHEN rectifying THEN 'rectify' ELSE '' END, '',
         CASE WHEN rectifying THEN DATE '2026-10-08' END,
         CASE WHEN rectifying THEN 'pending' ELSE 'none' END,
         CASE WHEN rectifying THEN DATE '2026-10-21' END, null, null, d.id, f.id, null, d.plan_id,
         DATE '2026-09-20', null
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n, row_number() OVER (ORDER BY id) % 5 = 1 AS rectifying
             FROM firms_firm WHERE id % 5 = 0) f
       CROSS JOIN (SELECT d.id, d.plan_id FROM inspections_draw d JOIN inspections_plan p ON p.id = d.plan_id
                   WHERE p.year = 2026 AND p.batch = 2) d""",
    """INSERT INTO inspections_assignment (signed_at, inspection_id, inspector_id)
       SELECT null, i.id, ins.id
       FROM inspections_inspection i
       JOIN inspections_plan p ON p.id = i.plan_id AND p.year = 2026 AND p.batch = 2
       JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS slot, count(*) OVER () AS n
             FROM inspections_inspector) ins
         ON ins.slot IN ((2 * i.id) % ins.n, (2 * i.id + 1) % ins.n)""",
    # A probationary member in every branch whose year ends within the notice days.
    """INSERT INTO partybuild_member (version, name, status, stage, applied_on, activist_on, target_on,
         probationary_on, full_on, archive_docs, imported, created_at, branch_id, firm_id, lawyer_id)
       SELECT 1, '预备党员' || b.id, 'active', 4, DATE '2015-01-01', DATE '2015-06-01', DATE '2016-07-01',
         DATE '2025-10-20' + (b.id % 10)::int, null, array[]::varchar[], false, now(), b.id,
         (SELECT min(firm_id) FROM partybuild_branchfirm bf WHERE bf.branch_id = b.id), null
       FROM partybuild_branch b""",
]

ADDED = [
    "bureau_user",
    "firms_firmuserobjectpermission",
    "partybuild_branchuserobjectpermission",
    "casework_quarterlyreport",
    "inspections_inspection",
    "inspections_assignment",
    "partybuild_member",
    "firms_standardisationrating",
]


def add_rows():
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # bench rows skip the audit triggers
        cursor.execute("SET LOCAL statement_timeout = 0")  # the portal's limit is for requests
        for statement in ADDITIONS:
            cursor.execute(statement)
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def row_counts(tables):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(" union all ".join(f"select '{t}', count(*) from {t}" for t in tables))
        return dict(cursor.fetchall())


def main():
    counts = _django.open_db("reminders", "province")
    from bureau.notifications import services

    added = add_rows()
    print(f"\nDaily reminders for {TODAY} (rows added on the dataset in {added:.1f} s)")
    _django.print_counts(
        counts, ["firms_firm", "firms_lawyer", "casework_case", "partybuild_branch", "inspections_inspection"]
    )
    _django.print_counts(row_counts(ADDED), ADDED)
    started = time.perf_counter()
    first = services.run_daily(today=TODAY)
    first_s = time.perf_counter() - started
    started = time.perf_counter()
    second = services.run_daily(today=TODAY)
    second_s = time.perf_counter() - started
    ok = first_s <= BUDGET_S and second.created == 0
    print(
        f"  daily reminders: {first.users:,} users, {first.deadlines:,} deadlines, {first.created:,} "
        f"notifications created in {first_s:.1f} s (budget {BUDGET_S} s); rerun created {second.created} "
        f"(budget 0) in {second_s:.1f} s {'OK' if ok else 'OVER'}"
    )
    if not ok:
        print("reminders over budget: daily run")
        sys.exit(1)


if __name__ == "__main__":
    main()
