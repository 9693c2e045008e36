"""Party building (党建): branches, members and their development, 三会一课 meetings, liaison
officers; one module a concern. Everything is importable from `partybuild.models`."""

from .branches import (
    COMMITTEE_BEFORE_FOUNDED,
    COMMITTEE_TERM_YEARS,
    RECOGNISED_BEFORE_FOUNDED,
    Branch,
    BranchFirm,
    BranchGroupObjectPermission,
    BranchUserObjectPermission,
)
from .liaison import LiaisonOfficer, LiaisonTraining
from .meetings import Attachment, Attendance, Meeting, attachment_upload_to
from .members import (
    ACTIVIST_TRAINING_YEARS,
    DOC_REQUIRED_FROM,
    PROBATION_YEARS,
    STEP_FIELDS,
    CommitteeSeat,
    Member,
    Transfer,
    required_docs,
)
from .settings import PartySettings

__all__ = [
    "ACTIVIST_TRAINING_YEARS",
    "COMMITTEE_BEFORE_FOUNDED",
    "COMMITTEE_TERM_YEARS",
    "DOC_REQUIRED_FROM",
    "PROBATION_YEARS",
    "RECOGNISED_BEFORE_FOUNDED",
    "STEP_FIELDS",
    "Attachment",
    "Attendance",
    "Branch",
    "BranchFirm",
    "BranchGroupObjectPermission",
    "BranchUserObjectPermission",
    "CommitteeSeat",
    "LiaisonOfficer",
    "LiaisonTraining",
    "Meeting",
    "Member",
    "PartySettings",
    "Transfer",
    "attachment_upload_to",
    "required_docs",
]
