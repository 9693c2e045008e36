"""The registry's models, one module a concern. Everything is importable from `firms.models`."""

from .assessments import FirmAssessment, LawyerAssessment
from .facilities import STATION_UNTIL_BEFORE_SINCE, FirmImprovement, ServiceStation
from .history import FirmStatusChange
from .registry import (
    DEREGISTERED_BEFORE_FOUNDED,
    ENDED_BEFORE_STARTED,
    PINYIN,
    VALID_UNTIL_NOT_AFTER_CONFERRED,
    Firm,
    FirmGroupObjectPermission,
    FirmUserObjectPermission,
    Lawyer,
    PracticeRecord,
    StandardisationRating,
    VersionedModel,
    licence_no_validator,
)
from .restructuring import (
    COMPLETED_BEFORE_STARTED,
    Restructuring,
    RestructuringDocument,
    RestructuringStep,
    restructuring_upload_to,
)
from .training import TrainingAttendance, TrainingSession, TrainingYearHours

__all__ = [
    "COMPLETED_BEFORE_STARTED",
    "DEREGISTERED_BEFORE_FOUNDED",
    "ENDED_BEFORE_STARTED",
    "STATION_UNTIL_BEFORE_SINCE",
    "PINYIN",
    "VALID_UNTIL_NOT_AFTER_CONFERRED",
    "Firm",
    "FirmAssessment",
    "FirmGroupObjectPermission",
    "FirmImprovement",
    "FirmStatusChange",
    "FirmUserObjectPermission",
    "Lawyer",
    "LawyerAssessment",
    "PracticeRecord",
    "Restructuring",
    "RestructuringDocument",
    "RestructuringStep",
    "ServiceStation",
    "StandardisationRating",
    "TrainingAttendance",
    "TrainingSession",
    "TrainingYearHours",
    "VersionedModel",
    "licence_no_validator",
    "restructuring_upload_to",
]
