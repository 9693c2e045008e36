"""Control characters are stopped at the edge of the portal.

PostgreSQL refuses a NUL in any text value, so a ``?q=%00`` that reached a filter used to end in a
500; the other C0 control characters are never meaningful in what a person types and would end up
in names, exports and PDFs. This middleware removes them from the query string, form fields,
uploaded file names and cookies before any view, form or session lookup sees them. Tab, line feed
and carriage return stay, because text areas hold them. A path with control characters names no
page: it gets a 400 with a plain message.

Views that parse a JSON body themselves (none today) must pass strings through
:func:`strip_controls`; Django forms already refuse NUL with their own message.
"""

import re

from django.http import HttpResponseBadRequest, QueryDict
from django.utils.translation import gettext as _

# C0 controls except TAB (\x09), LF (\x0a) and CR (\x0d); DEL is harmless to PostgreSQL and kept.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def strip_controls(text):
    return CONTROL_CHARACTERS.sub("", text)


def _is_dirty(querydict):
    return any(
        CONTROL_CHARACTERS.search(key) or any(CONTROL_CHARACTERS.search(value) for value in values)
        for key, values in querydict.lists()
    )


def _cleaned(querydict):
    # Rebuilt only when something is dirty, so an ordinary request keeps Django's own QueryDict.
    if not _is_dirty(querydict):
        return querydict
    cleaned = QueryDict(mutable=True, encoding=querydict.encoding)
    for key, values in querydict.lists():
        cleaned.setlist(strip_controls(key), [strip_controls(value) for value in values])
    cleaned._mutable = False
    return cleaned


class ControlCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if CONTROL_CHARACTERS.search(request.path_info):
            return HttpResponseBadRequest(
                _("请求地址含有无效字符。"), content_type="text/plain; charset=utf-8"
            )
        if any(CONTROL_CHARACTERS.search(key + value) for key, value in request.COOKIES.items()):
            request.COOKIES = {
                strip_controls(key): strip_controls(value) for key, value in request.COOKIES.items()
            }
        request.GET = _cleaned(request.GET)
        if request.method != "GET" and request.content_type in _FORM_CONTENT_TYPES:
            # Parsing the body here instead of in the view changes nothing for the view: Django
            # parses it once and keeps it; an unparsable or oversized body raises the same 400.
            request.POST = _cleaned(request.POST)
            for files in request.FILES.lists():
                for upload in files[1]:
                    if upload.name and CONTROL_CHARACTERS.search(upload.name):
                        upload.name = strip_controls(upload.name)
        return self.get_response(request)
