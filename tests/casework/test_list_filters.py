"""The lists' filters (django-filter) keep their query parameter names, narrow the list to what
was asked, and leave out a filter whose value is bad (a word for a year, a NUL byte) instead of
failing: PostgreSQL refuses NUL in text, which used to make `/cases/?q=%00` a 500."""

import datetime

import pytest
from django.urls import reverse

from casework import services
from casework.models import Case, ServiceLog

from .conftest import make_case, party

LISTS = {
    "/cases/": ["q", "year", "type", "status", "aid", "incomplete", "page"],
    "/services/": ["kind", "page"],
    "/sensitive/": ["status"],
    "/quarterly/": ["year", "quarter"],
}


@pytest.fixture
def cases(firm, director, lawyer):
    civil = make_case(firm, director, [lawyer], parties=[party("甲公司")], cause="买卖合同纠纷")
    criminal = make_case(
        firm,
        director,
        [lawyer],
        parties=[party("乙公司")],
        case_type="criminal",
        cause="盗窃",
        intake_date=datetime.date(2025, 11, 3),
        is_legal_aid=True,
        aid_body="示范县法律援助中心",
        aid_notice_no="示援指1号",
    )
    return {"civil": civil, "criminal": criminal}


def _listed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    page = response.context["page"]
    return {case.pk for case in page}


@pytest.fixture
def without_edge_cleaning(settings):
    """The lists must stand on their own, not only behind the middleware that strips control
    characters from every request."""
    edge = "bureau.middleware.ControlCharacterMiddleware"
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != edge]


@pytest.mark.parametrize("role", ["director", "staff"])
@pytest.mark.parametrize("edge", [True, False], ids=["behind-middleware", "view-alone"])
def test_a_nul_in_the_case_search_shows_the_list(request, login, cases, role, edge):
    if not edge:
        request.getfixturevalue("without_edge_cleaning")
    client = login(request.getfixturevalue(role))
    everything = {cases["civil"].pk, cases["criminal"].pk}
    assert _listed(client, "/cases/?q=%00") == everything
    # "盗" followed by NUL: the middleware strips the NUL and the search runs; without it the
    # search is left out, the whole list shows and the page says why.
    response = client.get("/cases/?q=%E7%9B%97%00")
    assert response.status_code == 200
    if edge:
        assert {case.pk for case in response.context["page"]} == {cases["criminal"].pk}
    else:
        assert {case.pk for case in response.context["page"]} == everything
        assert "部分筛选条件无效，已忽略" in response.content.decode()


@pytest.mark.parametrize(("url", "name"), [(url, name) for url, names in LISTS.items() for name in names])
@pytest.mark.parametrize("role", ["director", "staff"])
def test_a_nul_in_any_filter_never_fails(request, login, cases, url, name, role, without_edge_cleaning):
    response = login(request.getfixturevalue(role)).get(f"{url}?{name}=%00")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"civil", "criminal"}),
        ("type=criminal", {"criminal"}),
        ("type=civil", {"civil"}),
        ("year=2025", {"criminal"}),
        ("year=2026", {"civil"}),
        ("aid=1", {"criminal"}),
        ("q=盗窃", {"criminal"}),
        ("q=〔2026〕", {"civil"}),
        ("q=(2026)", {"civil"}),  # typed in ASCII brackets, as people do
        ("status=received", {"civil", "criminal"}),
        ("status=closed", set()),
        # Values that do not validate leave their filter out.
        ("year=abc", {"civil", "criminal"}),
        ("type=murder", {"civil", "criminal"}),
        ("year=abc&type=criminal", {"criminal"}),
    ],
)
def test_case_filters_narrow_the_list(login, director, cases, query, expected):
    assert _listed(login(director), f"/cases/?{query}") == {cases[key].pk for key in expected}


def test_case_filter_incomplete_finds_the_cases_without_contract_or_receipt(login, director, cases):
    # Both cases are older than the 30-day completeness limit and have no contract or receipt.
    assert _listed(login(director), "/cases/?incomplete=1") == {c.pk for c in cases.values()}
    Case.objects.filter(pk=cases["civil"].pk).update(contract_no="HT1")
    services.receipt_add(
        case=cases["civil"], receipt_no="R1", amount=0, received_on=cases["civil"].intake_date
    )
    assert _listed(login(director), "/cases/?incomplete=1") == {cases["criminal"].pk}


def test_service_log_filter_by_kind(login, director, firm, lawyer):
    def log(kind, **counts):
        return services.service_log_create(
            firm=firm, user=director, kind=kind, date=datetime.date(2026, 5, 1), lawyers=[lawyer], **counts
        )

    help_log = log(ServiceLog.Kind.LEGAL_HELP, person_times=2)
    petition = log(ServiceLog.Kind.PETITION, person_times=1)
    client = login(director)
    assert _listed(client, "/services/?kind=legal_help") == {help_log.pk}
    assert _listed(client, "/services/?kind=petition") == {petition.pk}
    assert _listed(client, "/services/?kind=nonsense") == {help_log.pk, petition.pk}


def test_sensitive_filter_by_status(login, staff, director, firm, lawyer):
    filings = []
    for name in ("甲", "乙"):
        case = make_case(firm, director, [lawyer], parties=[party(name)], is_sensitive=True)
        filings.append(
            services.sensitive_file(
                case=case,
                user=director,
                client=name,
                authority="法院",
                facts="事实",
                legal_issues="问题",
                lawyer_opinion="意见",
            )
        )
    services.sensitive_review(filing=filings[0], user=staff, comment="")
    client = login(staff)

    def shown(query):
        response = client.get(reverse("casework:sensitive_list") + query)
        assert response.status_code == 200
        return {f.pk for f in response.context["filings"]}

    assert shown("?status=acknowledged") == {filings[0].pk}
    assert shown("?status=filed") == {filings[1].pk}
    assert shown("") == shown("?status=bad") == {f.pk for f in filings}
