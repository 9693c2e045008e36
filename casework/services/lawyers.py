"""Which lawyers a firm's record may name."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def check_lawyers(firm, lawyers, *, field="lawyers", required=True):
    lawyers = list(lawyers)
    if required and not lawyers:
        raise ValidationError({field: _("至少指派一名承办律师。")})
    if any(lawyer.firm_id != firm.pk for lawyer in lawyers):
        raise ValidationError({field: _("只能指派本所律师。")})
    return lawyers
