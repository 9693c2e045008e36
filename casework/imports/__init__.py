"""Bulk entry of a firm's case register and service logs from spreadsheets (批量导入), by the firm's
director or by bureau staff on the firm's behalf. Each import is checked whole and written whole,
in one transaction, under an audit context naming the import, the firm and whether it was made on
the firm's behalf; the user is in the context too (the request's, or given here for a command)."""

import pghistory
from django.utils.translation import gettext_lazy as _

from . import cases, service_logs
from .reading import ImportResult, template_bytes

KINDS = {
    "cases": {
        "title": _("导入案件登记"),
        "sheet": _("案件登记"),
        "columns": cases.case_columns,
        "notes": cases.case_notes,
        "run": cases.import_cases,
    },
    "services": {
        "title": _("导入公共法律服务记录"),
        "sheet": _("公共法律服务记录"),
        "columns": service_logs.log_columns,
        "notes": service_logs.log_notes,
        "run": service_logs.import_service_logs,
    },
}


def template(kind):
    spec = KINDS[kind]
    return template_bytes(str(spec["sheet"]), spec["columns"](), spec["notes"]())


def run_import(kind, upload, *, firm, user, on_behalf):
    """Import `upload` into `firm`'s records. `on_behalf` is True when bureau staff import for the
    firm; the audit events of every record written say so."""
    with pghistory.context(
        user=user.pk,
        bulk_import=kind,
        firm=firm.pk,
        on_behalf_of_firm=bool(on_behalf),
        file_name=str(getattr(upload, "name", ""))[:200],
    ):
        return KINDS[kind]["run"](upload, firm=firm, user=user)


__all__ = ["KINDS", "ImportResult", "run_import", "template"]
