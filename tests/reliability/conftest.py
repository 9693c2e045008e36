# The fixtures of an inspection, for the backup test's rectification report.
from tests.inspections.conftest import (  # noqa: F401
    checklist,
    inspection,
    inspector3_entry,
    inspector_entry,
    plan,
)
