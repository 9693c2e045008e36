"""Writes of casework records, one module a concern. Every function validates fully and saves all
or nothing; the names are importable from here, as `casework.services.case_register`."""

from .cases import (
    CASE_EDIT_FIELDS,
    NUMBERING_FIELDS,
    case_register,
    case_update,
    firm_case_settings,
    numbering_update,
    receipt_add,
    sensitive_due,
)
from .conflicts import conflict_check_record
from .quarterly import (
    EDITABLE_STATUSES,
    quarterly_create,
    quarterly_review,
    quarterly_save,
    quarterly_save_figures,
    quarterly_submit,
)
from .sensitive import sensitive_file, sensitive_review
from .service_logs import LOG_FIELDS, service_log_create

__all__ = [
    "CASE_EDIT_FIELDS",
    "EDITABLE_STATUSES",
    "LOG_FIELDS",
    "NUMBERING_FIELDS",
    "case_register",
    "case_update",
    "conflict_check_record",
    "firm_case_settings",
    "numbering_update",
    "quarterly_create",
    "quarterly_review",
    "quarterly_save",
    "quarterly_save_figures",
    "quarterly_submit",
    "receipt_add",
    "sensitive_due",
    "sensitive_file",
    "sensitive_review",
    "service_log_create",
]
