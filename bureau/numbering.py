"""The one gapless counter: official numbers (case intake serials, document numbers) that never skip
or repeat.

A counter is a row of a model of the caller's app: the key fields (e.g. ``firm`` and ``year``, or
``series`` and ``year``) under a ``UniqueConstraint``, and one integer field holding the last number
issued. :func:`next_number` creates the row when missing, locks it (``SELECT ... FOR UPDATE``) and
increments it inside the caller's transaction, so:

- two people issuing at once queue on the row lock and get consecutive numbers;
- a transaction that rolls back (bad input, a failed save after the number was taken) gives its
  number back, because the increment rolls back with it: no gaps.

Take the number as late as possible (after validation), because the lock is held until commit.

Usage::

    from bureau.numbering import next_number

    @transaction.atomic
    def case_register(*, firm, year, ...):
        case.full_clean(exclude=["serial"])
        case.serial = next_number(IntakeCounter, field="last_serial", firm=firm, year=year)
        case.save()

    # inspections/rectification.py
    serial = next_number(DocumentCounter, series="rectify", year=year)  # field defaults to "last"
"""

from django.db import transaction
from django.db.transaction import TransactionManagementError


def next_number(counter_model, *, field="last", using=None, **key):
    """Lock the counter row identified by ``key`` and return its next number (1 for a new row).

    Must be called inside ``transaction.atomic``: outside one the lock would end with the statement
    and two issuers could read the same value.
    """
    if not key:
        raise TypeError("next_number() needs the counter's key fields, e.g. series=..., year=...")
    if not transaction.get_connection(using).in_atomic_block:
        raise TransactionManagementError("next_number() must run inside transaction.atomic().")
    manager = counter_model.objects.db_manager(using)
    # Creating the row first (a no-op when it exists: the unique key makes it conflict) lets the
    # first issuer of a year lock a real row; locking a missing row would lock nothing.
    manager.bulk_create([counter_model(**key)], ignore_conflicts=True)
    counter = manager.select_for_update().get(**key)
    value = getattr(counter, field) + 1
    setattr(counter, field, value)
    counter.save(update_fields=[field])
    return value
