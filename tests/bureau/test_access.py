"""Every page needs a login, except /healthz and the public pages."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC_PREFIXES = ("healthz", "public/", "accounts/login/", "i18n/", "admin/login/")
# Calendar programs cannot sign in: the feed is addressed by a secret token, and a wrong one is 404.
TOKEN_PREFIXES = ("notifications/calendar/",)


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def _sample_path(route):
    """Fill route converters with plausible values: <int:x> -> 1, <str:x>/<slug:x> -> bureau."""
    import re

    path = re.sub(r"<int:\w+>", "1", route)
    path = re.sub(r"<(?:str|slug|path):\w+>", "bureau", path)
    path = re.sub(r"<\w+>", "1", path)
    return "/" + path.lstrip("^").rstrip("$").replace("\\Z", "").replace("^", "")


def _all_paths():
    paths = []
    for route, _pattern in _walk(get_resolver().url_patterns):
        if route.startswith("admin/"):
            continue  # Django's admin guards itself (admin login page)
        if "(?P" in route:
            continue
        paths.append(_sample_path(route))
    return sorted(set(paths))


@pytest.mark.django_db
@pytest.mark.parametrize("path", _all_paths())
def test_anonymous_is_sent_to_login_except_public_pages(client, path):
    response = client.get(path)
    if path.lstrip("/").startswith(TOKEN_PREFIXES) and path.endswith(".ics"):
        assert response.status_code == 404, path
    elif path.lstrip("/").startswith(PUBLIC_PREFIXES):
        assert not (response.status_code == 302 and "/accounts/login/" in response["Location"]), path
    else:
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/?next="), path


def test_route_list_covers_the_stable_urls():
    paths = _all_paths()
    for stable in ("/", "/healthz", "/accounts/login/", "/accounts/logout/", "/jobs/1/", "/public/"):
        assert stable in paths


@pytest.mark.django_db
def test_admin_site_refuses_anonymous(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
