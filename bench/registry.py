"""Registry at provincial scale: 3,000 firms and 60,000 lawyers. Prints the median server time of
the firm list, the lawyer list (search and filter included) and a firm page. Budget: 150 ms each.

Run: .venv/bin/python bench/registry.py [runs]
"""

import statistics
import sys
import time

import _django  # noqa: F401
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment

from bureau.models import User
from bureau.permissions import Role, assign_role
from firms.models import Firm, Lawyer

FIRMS, LAWYERS = 3000, 60000


def load():
    if Firm.objects.count() >= FIRMS and Lawyer.objects.count() >= LAWYERS:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "truncate firms_firm, firms_lawyer, firms_practicerecord, firms_standardisationrating cascade"
        )
        # Names cycle through common surnames so pinyin sorting and searches see realistic data.
        cursor.execute(
            """
            insert into firms_firm (version, name, short_name, credit_code, organisation_form, address, phone,
                email, status, has_reception, office_rooms, has_meeting_room, has_archive_room, computers,
                printers, copiers, projectors, scanners, av_recorders, created_at)
            select 1, (array['明德','正源','信达','公平','大成','金诚','天平','鼎和'])[1 + i %% 8] || i || '律师事务所',
                '', '31' || lpad(i::text, 16, '0'), (array['partnership','special_partnership','sole','state'])[1 + i %% 4],
                '示范省某县某路' || i || '号', '', '', case when i %% 20 = 0 then 'suspended' else 'practising' end,
                true, 5, true, true, 10, 2, 1, 1, 1, 1, now()
            from generate_series(1, %s) i
            """,
            [FIRMS],
        )
        cursor.execute(
            """
            insert into firms_lawyer (version, firm_id, name, gender, id_number, licence_no, licence_date,
                category, is_partner, status, phone, education, political_status)
            select 1, f.id, (array['王','李','张','刘','陈','杨','黄','赵','周','吴'])[1 + i %% 10]
                    || (array['伟','芳','娜','敏','静','强','磊','洋','艳','军'])[1 + (i / 10) %% 10] || (i %% 97),
                case when i %% 2 = 0 then 'M' else 'F' end, lpad(i::text, 18, '0'), '1' || lpad(i::text, 16, '0'),
                date '2000-01-01' + (i %% 8000), (array['full_time','part_time','public','corporate'])[1 + i %% 4],
                i %% 5 = 0, case when i %% 30 = 0 then 'suspended' else 'practising' end, '', '', ''
            from generate_series(1, %s) i
            join firms_firm f on f.credit_code = '31' || lpad((1 + i %% %s)::text, 16, '0')
            """,
            [LAWYERS, FIRMS],
        )
    fill_pinyin()
    with connection.cursor() as cursor:
        cursor.execute("analyze")


def fill_pinyin():
    """The rows above bypass Firm.save(), so their stored pinyin (firms.search) is filled here."""
    from firms.search import pinyin_key

    for model in (Firm, Lawyer):
        rows = list(model.objects.filter(name_pinyin="").only("id", "name"))
        for row in rows:
            row.name_pinyin = pinyin_key(row.name)
        model.objects.bulk_update(rows, ["name_pinyin"], batch_size=5000)


def median_ms(client, url, runs):
    client.get(url)  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main(runs=15):
    setup_test_environment()
    started = time.perf_counter()
    load()
    print(
        f"registry: {Firm.objects.count()} firms, {Lawyer.objects.count()} lawyers "
        f"(load {time.perf_counter() - started:.1f}s)"
    )
    user, _ = User.objects.get_or_create(username="bench-staff")
    assign_role(user, Role.BUREAU_STAFF)
    client = Client()
    client.force_login(user)
    # Staff sign in with a second factor: the session holds a verified device, as in the tests.
    from tests.otp_helpers import mark_client_verified

    mark_client_verified(client, user)
    firm = Firm.objects.order_by("id")[FIRMS // 2]
    for label, url in (
        ("firm list", "/firms/"),
        (
            "firm list, search + filter + sort",
            "/firms/?q=明德&status=practising&organisation_form=partnership&sort=-lawyer_count",
        ),
        ("firm list, pinyin initials", "/firms/?q=mdls"),
        ("firm list, part of a credit code", "/firms/?q=0000150"),
        ("firm list, director's name", "/firms/?q=王伟"),
        ("firm list, page 60", "/firms/?page=60"),
        ("lawyer list", "/lawyers/"),
        ("lawyer list, search + filter", "/lawyers/?q=王伟&category=full_time&status=practising"),
        ("lawyer list, by licence number", "/lawyers/?q=" + Lawyer.objects.order_by("id")[123].licence_no),
        ("lawyer list, part of a licence number", "/lawyers/?q=0004567"),
        ("lawyer list, pinyin initials", "/lawyers/?q=ww"),
        ("lawyer list, pinyin", "/lawyers/?q=wangwei"),
        ("public directory, pinyin initials", "/public/firms/?q=mdls"),
        ("firm page", f"/firms/{firm.pk}/"),
    ):
        ms = median_ms(client, url, runs)
        print(f"  {label:<38} median {ms:7.1f} ms  (budget 150 ms){'  OVER' if ms > 150 else ''}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
