"""Who a party is: role and kind, and the name key the conflict search compares."""

import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _

from bureau.validators import validate_credit_code, validate_id_number


class PartyRole(models.TextChoices):
    CLIENT = "client", _("委托人")
    OPPOSING = "opposing", _("对方当事人")
    OTHER = "other", _("其他当事人")


class PartyKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("单位")


# Legal-form endings that nearly every company name shares. Left in, their trigrams match half the
# table and drown the distinctive part of the name; the conflict search compares what is left.
LEGAL_FORM_ENDINGS = ("股份有限公司", "有限责任公司", "有限公司", "集团", "公司")


def party_name_key(name):
    """The part of a party's name the conflict search compares: NFKC-normalised (full-width to
    half-width), without spaces, and without a legal-form ending."""
    key = unicodedata.normalize("NFKC", name or "")
    key = "".join(key.split())
    for ending in LEGAL_FORM_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending):
            key = key[: -len(ending)]
            break
    return key


def validate_party_identity(kind, id_code):
    """An identity number for a person, a credit code for an organisation."""
    if not id_code:
        return
    if kind == PartyKind.PERSON:
        validate_id_number(id_code)
    else:
        validate_credit_code(id_code)
