"""Registry search: part of a name, a code or a licence number, a director's name, or pinyin.

Each firm and lawyer keeps its name's pinyin in `name_pinyin` ("mdlsswsw mingdelvshishiwusuo":
the initials, a space, the full spelling), so `mdls` or `mingde` finds 明德律师事务所 with the same
trigram index as any other substring. The space keeps a search from matching across the two parts."""

import re

from django.db.models import Q
from pypinyin import Style, lazy_pinyin

# A code or licence number is searched by part only from this length: "31" would match every firm.
MIN_CODE_PART = 4

_LATIN = re.compile(r"^[a-z]+$")
_CODE = re.compile(r"^[0-9A-Za-z]+$")


def pinyin_key(name):
    """The stored pinyin of a name: initials and full spelling, lower case, letters only."""
    if not name:
        return ""
    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER))
    full = "".join(lazy_pinyin(name))
    return f"{_letters(initials)} {_letters(full)}".strip()


def _letters(text):
    return re.sub(r"[^a-z]", "", text.lower())


def _pinyin_part(value):
    """The query as pinyin letters ("Ming De" -> "mingde"), or None when it is not pinyin."""
    letters = value.replace(" ", "").lower()
    return letters if _LATIN.match(letters) else None


def _code_part(value):
    return value if len(value) >= MIN_CODE_PART and _CODE.match(value) else None


def firm_search_q(value):
    """Firms whose name, short name, director's name, credit code, licence number or pinyin
    contains `value` (codes only from MIN_CODE_PART characters)."""
    q = Q(name__icontains=value) | Q(short_name__icontains=value) | Q(director__name__icontains=value)
    code = _code_part(value)
    if code:
        q |= Q(credit_code__contains=code.upper()) | Q(licence_no__icontains=code)
    letters = _pinyin_part(value)
    if letters:
        q |= Q(name_pinyin__contains=letters)
    return q


def lawyer_search_q(value):
    """Lawyers whose name, licence number (from MIN_CODE_PART digits) or pinyin contains `value`."""
    q = Q(name__icontains=value)
    if value.isdigit() and len(value) >= MIN_CODE_PART:
        q |= Q(licence_no__contains=value)
    letters = _pinyin_part(value)
    if letters:
        q |= Q(name_pinyin__contains=letters)
    return q
