"""Twenty people register at once in one firm and year: twenty distinct numbers, no gaps."""

import datetime
import threading

import pytest
from django.db import connection

from casework import services
from casework.models import Case

from .conftest import make_check


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_registrations_get_gapless_numbers(firm, director, lawyer):
    checks = [make_check(firm, director, matter=f"事项{i}") for i in range(20)]
    barrier = threading.Barrier(20)
    errors = []

    def register(check):
        try:
            barrier.wait(timeout=30)
            services.case_register(
                check=check,
                user=director,
                lawyers=[lawyer],
                case_type="civil",
                cause="并发登记",
                intake_date=datetime.date(2026, 4, 1),
            )
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=register, args=(check,)) for check in checks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert errors == []
    serials = sorted(Case.objects.filter(firm=firm, year=2026).values_list("serial", flat=True))
    assert serials == list(range(1, 21))
    assert Case.objects.values("intake_no").distinct().count() == 20
