"""Where uploaded files go: one folder per inspection."""


def evidence_upload_to(instance, filename):
    return f"inspections/evidence/{instance.finding.inspection_id}/{filename}"


def response_upload_to(instance, filename):
    return f"inspections/responses/{instance.notice.inspection_id}/{filename}"
