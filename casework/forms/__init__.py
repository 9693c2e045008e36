"""Forms of casework, one module a concern; every form is importable from here."""

from .cases import CaseEditForm, CaseRegisterForm, NumberingForm, ReceiptForm  # noqa: F401
from .common import DateInput, LawyerChoiceMixin  # noqa: F401
from .conflicts import (  # noqa: F401
    DEFAULT_PARTY_ROWS,
    BasePartyFormSet,
    CheckDecisionForm,
    CheckMatterForm,
    PartyForm,
    PartyFormSet,
)
from .quarterly import FiguresForm, QuarterForm, ReviewForm  # noqa: F401
from .sensitive import SensitiveFilingForm, SensitiveReviewForm  # noqa: F401
from .service_logs import COMMON_LOG_FIELDS, KIND_FIELDS, KIND_REQUIRED, K, ServiceLogForm  # noqa: F401
