"""Dual-random inspections (双随机一公开), one module a concern: settings, registers (inspectors,
conflicts, checklists), plans and draws, inspections (assignments, findings, evidence),
rectification (notices, responses, verification) and visits."""

from .inspections import Assignment, Evidence, Finding, Inspection
from .plans import Draw, Plan
from .rectification import DocumentCounter, RectificationNotice, Response, Verification
from .registers import ChecklistItem, ChecklistTemplate, Conflict, Inspector
from .settings import InspectionSettings

# The migrations name the upload paths as inspections.models.<function>.
from .uploads import evidence_upload_to, response_upload_to
from .visits import Visit

__all__ = [
    "Assignment",
    "ChecklistItem",
    "ChecklistTemplate",
    "Conflict",
    "DocumentCounter",
    "Draw",
    "Evidence",
    "Finding",
    "Inspection",
    "InspectionSettings",
    "Inspector",
    "Plan",
    "RectificationNotice",
    "Response",
    "Verification",
    "Visit",
    "evidence_upload_to",
    "response_upload_to",
]
