"""Writes of public legal service logs (公共法律服务记录)."""

from django.db import transaction

from ..models import ServiceLog, ServiceLogLawyer
from .lawyers import check_lawyers

LOG_FIELDS = [
    "counterpart",
    "org_kind",
    "term_start",
    "term_end",
    "contract_no",
    "duty_place",
    "dispute_category",
    "remarks",
    *ServiceLog.COUNT_FIELDS,
]


@transaction.atomic
def service_log_create(*, firm, user, kind, date, lawyers, **fields):
    unknown = set(fields) - set(LOG_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    log = ServiceLog(firm=firm, kind=kind, date=date, created_by=user, **fields)
    log.full_clean()
    lawyers = check_lawyers(firm, lawyers)
    log.save()
    ServiceLogLawyer.objects.bulk_create([ServiceLogLawyer(log=log, lawyer=lawyer) for lawyer in lawyers])
    return log
