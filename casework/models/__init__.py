"""Case register (收案登记) under the 四统一 rules, conflict checks, sensitive case filings, public
legal service logs and quarterly statistics, one module a concern. Every model is importable from
here, as `casework.models.Case`."""

from .cases import Case, CaseLawyer, CaseType, FeeReceipt, IntakeCounter, Party
from .conflicts import CheckedParty, ConflictCheck
from .parties import (
    LEGAL_FORM_ENDINGS,
    PartyKind,
    PartyRole,
    party_name_key,
    validate_party_identity,
)
from .quarterly import QuarterlyReport, QuarterlyReportVersion
from .sensitive import SensitiveFiling
from .service_logs import ServiceLog, ServiceLogLawyer
from .settings import CaseworkSettings, FirmCaseSettings

__all__ = [
    "LEGAL_FORM_ENDINGS",
    "Case",
    "CaseLawyer",
    "CaseType",
    "CaseworkSettings",
    "CheckedParty",
    "ConflictCheck",
    "FeeReceipt",
    "FirmCaseSettings",
    "IntakeCounter",
    "Party",
    "PartyKind",
    "PartyRole",
    "QuarterlyReport",
    "QuarterlyReportVersion",
    "SensitiveFiling",
    "ServiceLog",
    "ServiceLogLawyer",
    "party_name_key",
    "validate_party_identity",
]
