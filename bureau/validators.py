"""Check characters of Chinese identifiers: the unified social credit code (GB 32100-2015)
and the resident identity card number (GB 11643-1999)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

LAW_FIRM_CODE_PREFIX = "31"  # 3 = judicial administration, 1 = law firm


def credit_code_check_char(first17):
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def is_valid_credit_code(code):
    code = (code or "").strip().upper()
    return (
        len(code) == 18
        and all(c in CREDIT_CODE_CHARS for c in code)
        and credit_code_check_char(code[:17]) == code[17]
    )


def validate_credit_code(value):
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(
            _("统一社会信用代码应为18位，当前为%(n)s位。"), code="length", params={"n": len(code)}
        )
    bad = sorted({c for c in code if c not in CREDIT_CODE_CHARS})
    if bad:
        raise ValidationError(
            _("统一社会信用代码含有不允许的字符：%(chars)s（不使用I、O、S、V、Z）。"),
            code="chars",
            params={"chars": "".join(bad)},
        )
    if credit_code_check_char(code[:17]) != code[17]:
        raise ValidationError(_("统一社会信用代码校验位不正确，请核对。"), code="check")


def validate_law_firm_credit_code(value):
    validate_credit_code(value)
    if not value.strip().upper().startswith(LAW_FIRM_CODE_PREFIX):
        raise ValidationError(
            _("律师事务所的统一社会信用代码应以“31”开头（司法行政机关登记的律师事务所）。"), code="prefix"
        )


def id_number_check_char(first17):
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def validate_id_number(value):
    number = (value or "").strip().upper()
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError(_("身份证号码应为18位：前17位为数字，最后一位为数字或X。"), code="format")
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(_("身份证号码中的出生日期无效。"), code="birth") from None
    if birth.year < 1850 or birth > datetime.date.today():
        raise ValidationError(_("身份证号码中的出生日期无效。"), code="birth")
    if id_number_check_char(number[:17]) != number[17]:
        raise ValidationError(_("身份证号码校验位不正确，请核对。"), code="check")


def mask_id_number(number):
    """6201**********123X: the first four and last four characters stay visible."""
    if not number:
        return ""
    return number[:4] + "*" * (len(number) - 8) + number[-4:] if len(number) > 8 else "*" * len(number)
