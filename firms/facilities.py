"""Writes of a firm's facilities records: improvements and service stations. Each runs in a
transaction, validates with full_clean() and is audited (pghistory) like every registry write."""

from django.db import transaction
from django.utils.translation import gettext as _

from .dates import check_stated_dates
from .models import FirmImprovement, ServiceStation


def _after_founding(firm):
    return {"after": firm.founded_on, "after_label": _("律所成立日期")}


@transaction.atomic
def improvement_add(*, firm, made_on, description, area=None, amount=None):
    improvement = FirmImprovement(
        firm=firm, made_on=made_on, description=description, area=area, amount=amount
    )
    improvement.full_clean()
    check_stated_dates(("made_on", made_on, {"label": _("日期"), **_after_founding(firm)}))
    improvement.save()
    return improvement


@transaction.atomic
def station_add(*, firm, kind, name, since, until=None):
    station = ServiceStation(firm=firm, kind=kind, name=name, since=since, until=until)
    station.full_clean()
    check_stated_dates(
        ("since", since, {"label": _("设立日期"), **_after_founding(firm)}),
        ("until", until, {"label": _("撤销日期")}),
    )
    station.save()
    return station


@transaction.atomic
def station_update(*, station, kind, name, since, until=None):
    station.kind, station.name, station.since, station.until = kind, name, since, until
    station.full_clean()
    check_stated_dates(
        ("since", since, {"label": _("设立日期"), **_after_founding(station.firm)}),
        ("until", until, {"label": _("撤销日期")}),
    )
    station.save(update_fields=["kind", "name", "since", "until"])
    return station
