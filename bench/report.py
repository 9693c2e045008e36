"""The yearly report at two scales: a county (30 firms, 3,000 cases) and a province (2,000 firms,
1,000,000 cases). Prints the time to aggregate, the time to render the PDF and the spreadsheet,
the page count and the peak memory. Budgets: county 3 s in all; province 60 s in all, 1.5 GB peak.

Each scale runs in a process of its own with its own database (so peak memory is that scale's).
Run: .venv/bin/python bench/report.py [county|province]
"""

import os
import resource
import subprocess
import sys
import time

SCALES = {"county": (30, 3_000), "province": (2_000, 1_000_000)}
YEAR = 2025


def load(firms, cases):
    from django.db import connection, transaction

    from firms.models import Firm

    if Firm.objects.count() >= firms:
        return 0.0
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL session_replication_role = replica")  # bench rows skip the audit triggers
        cur.execute(
            "INSERT INTO bureau_user (password, is_superuser, username, first_name, last_name, email, is_staff,"
            " is_active, date_joined, full_name, phone) VALUES ('!', false, 'bench-loader', '', '', '', false, false,"
            " now(), '', '') ON CONFLICT (username) DO UPDATE SET is_active = false RETURNING id"
        )
        user_id = cur.fetchone()[0]
        cur.execute(
            """INSERT INTO firms_firm (version, name, short_name, credit_code, organisation_form, address, phone,
                 email, status, has_reception, office_rooms, has_meeting_room, has_archive_room, computers,
                 printers, copiers, projectors, scanners, av_recorders, created_at, founded_on)
               SELECT 1, '统计基准第' || g || '律师事务所', '', '31' || lpad(g::text, 16, '0'),
                 (ARRAY['partnership','special_partnership','sole','state'])[1 + g %% 4], '', '', '',
                 CASE WHEN g %% 25 = 0 THEN 'suspended' ELSE 'practising' END, true, 4, true, true, 5, 1, 1, 1, 1, 0,
                 now(), DATE '2000-01-01' + (g * 37 %% 9000)::int
               FROM generate_series(1, %s) g""",
            [firms],
        )
        cur.execute(
            """INSERT INTO firms_lawyer (version, firm_id, name, gender, id_number, licence_no, licence_date,
                 category, is_partner, status, phone, education, political_status)
               SELECT 1, f.id, '律师' || f.id || '-' || n, CASE WHEN n %% 2 = 0 THEN 'M' ELSE 'F' END,
                 lpad((f.id * 100 + n)::text, 18, '0'), '1' || lpad((f.id * 100 + n)::text, 16, '0'),
                 DATE '2005-01-01' + ((f.id + n) * 91 %% 7000)::int,
                 (ARRAY['full_time','part_time','public','corporate','legal_aid'])[1 + n %% 5], n %% 4 = 0,
                 'practising', '', '', CASE WHEN n %% 3 = 0 THEN 'party_member' ELSE 'masses' END
               FROM firms_firm f CROSS JOIN generate_series(1, 20) n""",
            [],
        )
        cur.execute(
            """INSERT INTO casework_conflictcheck (firm_id, matter, hits, decision, remarks, checked_by_id, checked_at)
               SELECT f.id, 'bench', '[]', 'no_conflict', '', %s, now()
               FROM generate_series(1, %s) g JOIN firms_firm f ON f.credit_code = '31' || lpad((1 + g %% %s)::text, 16, '0')""",
            [user_id, cases, firms],
        )
        cur.execute(
            """INSERT INTO casework_case (version, firm_id, year, serial, intake_no, case_type, cause, intake_date,
                 authority, conflict_check_id, is_legal_aid, aid_body, aid_notice_no, contract_no, agreed_fee,
                 status, result, archive_no, is_sensitive, registered_by_id, registered_at)
               SELECT 1, k.firm_id, %s, row_number() OVER (PARTITION BY k.firm_id ORDER BY k.id), 'B-' || k.id,
                 (ARRAY['criminal','civil','civil','civil','administrative','non_litigation','arbitration','other'])[1 + k.id %% 8],
                 '合同纠纷', make_date(%s, 1, 1) + (k.id %% 360)::int, '', k.id, k.id %% 10 = 0,
                 CASE WHEN k.id %% 10 = 0 THEN '法律援助中心' ELSE '' END,
                 CASE WHEN k.id %% 10 = 0 THEN 'A' || k.id ELSE '' END,
                 CASE WHEN k.id %% 7 = 0 THEN '' ELSE 'C' || k.id END, 1000, 'received', '', '', k.id %% 200 = 0,
                 %s, now()
               FROM casework_conflictcheck k WHERE k.matter = 'bench'""",
            [YEAR, YEAR, user_id],
        )
        cur.execute(
            """INSERT INTO casework_servicelog (firm_id, kind, date, counterpart, org_kind, contract_no, duty_place,
                 dispute_category, person_times, disputes_taken, disputes_settled, publicity_sessions, consultations,
                 opinion_letters, risk_points, matters_handled, contracts_reviewed, problems_found, remarks,
                 created_by_id, created_at)
               SELECT f.id, (ARRAY['legal_help','petition','adviser','mediation','health_check'])[1 + n %% 5],
                 make_date(%s, 1 + n %% 12, 1 + n %% 28), '单位' || n,
                 CASE WHEN n %% 5 = 2 THEN (ARRAY['party_government','institution','enterprise','town','village'])[1 + f.id %% 5] ELSE '' END,
                 '', '', CASE WHEN n %% 5 = 3 THEN '道路交通' ELSE '' END, 1 + n %% 4, 2 + n %% 3, n %% 2, 1, 2, 1, 2, 1, 5, 1, '', %s, now()
               FROM firms_firm f CROSS JOIN generate_series(1, 10) n""",
            [YEAR, user_id],
        )
        cur.execute("ANALYZE")
    return time.perf_counter() - started


def run(scale):
    os.environ["DATABASE_URL"] = f"postgres://portal@127.0.0.1:54329/portal_report_{scale}"
    sys.path.insert(0, os.path.dirname(__file__))
    import _django  # noqa: F401
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from django.utils.translation import override
    from pypdf import PdfReader

    from bureau.models import BureauSettings
    from bureau.pdf import render_pdf
    from bureau.report.build import collect, key_figures, xlsx_bytes
    from bureau.report.summary import draft_summary

    firms, cases = SCALES[scale]
    loaded = load(firms, cases)
    settings_row = BureauSettings.load()
    with override("zh-hans"):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            sections, facts = collect(YEAR)
        aggregate = time.perf_counter() - started
        summary = draft_summary(YEAR, settings_row.county_name, facts)
        started = time.perf_counter()
        pdf = render_pdf(
            "bureau/pdf/yearly_report.html",
            {
                "year": YEAR,
                "bureau_name": settings_row.bureau_name,
                "county_name": settings_row.county_name,
                "generated_at": timezone.localtime(),
                "sections": sections,
                "key_figures": key_figures(facts),
                "summary": summary.split("\n\n"),
            },
        )
        xlsx = xlsx_bytes(YEAR, sections, summary)
        render = time.perf_counter() - started
    import io

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{scale:<8} firms={firms} cases={facts['cases_total']} (load {loaded:.0f}s) "
        f"aggregate={aggregate:.2f}s ({len(queries)} queries) render={render:.2f}s total={aggregate + render:.2f}s "
        f"pages={pages} pdf={len(pdf) // 1024}KB xlsx={len(xlsx) // 1024}KB peak={peak_mb:.0f}MB"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1:
        run(sys.argv[1])
    else:
        for name in SCALES:
            subprocess.run([sys.executable, __file__, name], check=True)
