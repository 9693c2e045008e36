"""The one gapless counter (bureau.numbering): consecutive numbers per key, a rolled-back issue gives
its number back, concurrent issuers queue on the row lock, and it refuses to run without a
transaction."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError

from bureau.numbering import next_number
from inspections.models import DocumentCounter


def test_numbers_are_consecutive_per_key(db):
    assert [next_number(DocumentCounter, series="t", year=2026) for _ in range(3)] == [1, 2, 3]
    assert next_number(DocumentCounter, series="t", year=2027) == 1
    assert next_number(DocumentCounter, series="u", year=2026) == 1
    assert DocumentCounter.objects.get(series="t", year=2026).last == 3


def test_a_rolled_back_issue_gives_its_number_back(db):
    assert next_number(DocumentCounter, series="t", year=2026) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_number(DocumentCounter, series="t", year=2026) == 2
        raise RuntimeError("the save after the number failed")
    assert next_number(DocumentCounter, series="t", year=2026) == 2


def test_another_field_name_is_supported(db, firm):
    from casework.models import IntakeCounter

    assert next_number(IntakeCounter, field="last_serial", firm=firm, year=2026) == 1
    assert next_number(IntakeCounter, field="last_serial", firm=firm, year=2026) == 2


# The tests below need real commits and a second session. They run in threads, each with its own
# database connection outside the test's transaction, on a series no other test uses, and delete
# their rows at the end (a transactional test's flush would also wipe the rows migrations create).
SERIES = "lock-test"


def _in_thread(work):
    outcome = {}

    def run():
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the test thread
            outcome["error"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def _result(thread, outcome):
    thread.join(20)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def own_series(db):
    yield SERIES
    _result(*_in_thread(lambda: DocumentCounter.objects.filter(series=SERIES).delete()))


def test_outside_a_transaction_it_refuses(own_series):
    def issue_in_autocommit():
        next_number(DocumentCounter, series=own_series, year=2026)

    with pytest.raises(TransactionManagementError):
        _result(*_in_thread(issue_in_autocommit))
    assert not _result(*_in_thread(lambda: DocumentCounter.objects.filter(series=own_series).exists()))


def test_concurrent_issuers_queue_on_the_lock_and_get_consecutive_numbers(own_series):
    taken = threading.Event()
    times = {}

    def first():
        with transaction.atomic():
            number = next_number(DocumentCounter, series=own_series, year=2026)
            taken.set()
            time.sleep(0.5)  # holds the row lock; the second issuer must wait for this commit
            times["first_commits"] = time.monotonic()
        return number

    def second():
        assert taken.wait(10)
        with transaction.atomic():
            number = next_number(DocumentCounter, series=own_series, year=2026)
            times["second_got"] = time.monotonic()
        return number

    first_run, second_run = _in_thread(first), _in_thread(second)
    assert (_result(*first_run), _result(*second_run)) == (1, 2)
    assert times["second_got"] >= times["first_commits"]
    last = _result(*_in_thread(lambda: DocumentCounter.objects.get(series=own_series, year=2026).last))
    assert last == 2
