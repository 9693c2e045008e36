"""NUL and other control characters at the edge: whatever a query string, a form field, a file name
or a cookie holds, the portal answers with a page, a form error or the default list, never a 500,
and saves nothing half-done. (PostgreSQL refuses NUL in text, so a NUL that reached a query used to
end in a 500.)"""

import io
import re

import django_filters
import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bureau.demo import demo_credit_code
from bureau.middleware import CONTROL_CHARACTERS, strip_controls
from firms.models import Firm

NUL = "\x00"
DIRTY = "a\x00\x01\x1fb"  # NUL, SOH and US inside ordinary text

# Pages that only answer POST, or that leave the site: a GET there has nothing to filter.
SKIPPED = {"logout", "set_language"}
PORTAL_APPS = {"bureau", "firms", "casework", "partybuild", "inspections"}


def _list_urls(patterns=None, namespace=None):
    """The URL name of every pattern that takes no arguments (the lists, indexes and exports)."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    names = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # the admin is walked on its own below
            inner = ":".join(n for n in (namespace, entry.namespace) if n) or None
            names += _list_urls(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            if getattr(entry.pattern, "converters", None) or entry.pattern.regex.groups:
                continue  # takes an id: not a list
            names.append(f"{namespace}:{entry.name}" if namespace else entry.name)
    return sorted(set(names) - SKIPPED)


def _all_filterset_fields():
    """The name of every filter of every FilterSet in the portal (with range/date suffixes)."""

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    names = set()
    for filterset in subclasses(django_filters.FilterSet):
        if filterset.__module__.split(".")[0] not in PORTAL_APPS:
            continue
        for name in filterset.base_filters:
            # Range and date-range widgets send name_min/name_max or name_after/name_before.
            names.update(name + suffix for suffix in ("", "_min", "_max", "_after", "_before", "_0", "_1"))
    return names


_GET_FORM = re.compile(r"<form\b(?P<attrs>[^>]*)>(?P<body>.*?)</form>", re.S | re.I)
_FIELD_NAME = re.compile(r"<(?:input|select|textarea)\b[^>]*\bname=\"([^\"]+)\"", re.I)


def _filter_params(html):
    """The field names of the page's GET forms (its filter forms)."""
    names = set()
    for form in _GET_FORM.finditer(html):
        if re.search(r"method=\"post\"", form["attrs"], re.I):
            continue
        names.update(_FIELD_NAME.findall(form["body"]))
    return names - {"csrfmiddlewaretoken"}


def _filter_params_of(response):
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        return _filter_params(response.content.decode())
    return set()


def _get(client, url, params, role=""):
    response = client.get(url, params)
    assert response.status_code < 500, (role, url, params, response.status_code)
    return response


@pytest.fixture
def clients(login, staff, director):
    return {"staff": login(staff), "director": login(director), "anonymous": Client()}


@pytest.fixture
def some_data(firm, director):
    from tests.factories import LawyerFactory

    LawyerFactory(firm=firm)


def test_every_list_url_survives_nul_in_q_and_in_every_filter(clients, some_data):
    every_filter = _all_filterset_fields()
    names = _list_urls()
    assert "firms:firm_list" in names and "casework:case_list" in names and "firms:public_directory" in names
    answered = dict.fromkeys(clients, 0)
    for role, client in clients.items():
        for name in names:
            url = reverse(name)
            first = _get(client, url, {"q": NUL}, role)
            answered[role] += first.status_code == 200
            params = {"q", "page", "year", "quarter"} | every_filter | _filter_params_of(first)
            # Every parameter at once, dirty, then each one alone with a NUL (a view may stop at the
            # first bad parameter and never read the next).
            _get(client, url, dict.fromkeys(params, DIRTY), role)
            for param in sorted(params - every_filter | _filter_params_of(first)):
                _get(client, url, {param: NUL}, role)
    # The walk must reach real pages, not only login redirects (39, 27 and 5 of 54 when written).
    assert answered["staff"] >= 25 and answered["director"] >= 15 and answered["anonymous"] >= 3, answered


def test_the_searches_that_answered_500_now_answer_200(clients, firm):
    response = _get(clients["anonymous"], reverse("firms:public_directory"), {"q": NUL})
    assert response.status_code == 200
    response = _get(clients["staff"], reverse("casework:case_list"), {"q": NUL})
    assert response.status_code == 200
    response = _get(clients["staff"], reverse("firms:firm_list"), {"q": "甲" + NUL})
    assert response.status_code == 200 and firm.name in response.content.decode()


def test_admin_searches_survive_nul(login, bureau_admin):
    from django.contrib import admin

    client = login(bureau_admin)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        _get(client, url, {"q": NUL})


# --- forms ------------------------------------------------------------------------------------

FIRM_FORM = {
    "name": "示范县新设律师事务所",
    "short_name": "新设所",
    "organisation_form": "partnership",
    "status": "practising",
    "office_rooms": 0,
    "computers": 0,
    "printers": 0,
    "copiers": 0,
    "projectors": 0,
    "scanners": 0,
    "av_recorders": 0,
}


def test_control_characters_in_a_form_field_are_stripped_before_saving(login, staff):
    response = login(staff).post(
        reverse("firms:firm_create"),
        {**FIRM_FORM, "name": "示范县\x00新设\x07律师事务所", "credit_code": demo_credit_code(71)},
    )
    assert response.status_code == 302
    firm = Firm.objects.get()
    assert firm.name == "示范县新设律师事务所"


def test_nul_in_an_invalid_form_gives_form_errors_and_saves_nothing(login, staff):
    response = login(staff).post(
        reverse("firms:firm_create"), {**FIRM_FORM, "name": NUL, "credit_code": NUL + "bad"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Firm.objects.exists()


def test_text_areas_keep_tabs_and_line_breaks():
    assert strip_controls("一\t二\r\n三\x00\x0b\x0c") == "一\t二\r\n三"
    assert not CONTROL_CHARACTERS.search("\t\n\r普通文字")


def test_nul_in_the_sign_in_form_is_a_failed_sign_in(db):
    response = Client().post(reverse("login"), {"username": NUL + "staff", "password": NUL})
    assert response.status_code == 200


def test_nul_in_an_upload_file_name_is_a_form_error(login, staff):
    upload = io.BytesIO(b"not a workbook")
    upload.name = "bad\x00name.xlsx"
    response = login(staff).post(reverse("firms:import", args=["firms"]), {"file": upload})
    assert response.status_code in (200, 400)
    assert not Firm.objects.exists()


def test_nul_in_a_cookie_is_ignored(db):
    client = Client()
    client.cookies["sessionid"] = "abc" + NUL + "def"
    response = client.get(reverse("firms:public_directory"))
    assert response.status_code == 200


def test_a_path_with_control_characters_is_a_bad_request(db):
    response = Client().get("/firms/%00/")
    assert response.status_code in (400, 404)
    response = Client().get("/registry/import/%00/")
    assert response.status_code in (302, 400, 404)
