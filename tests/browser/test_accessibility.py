"""axe-core in Chromium on the main pages of every role, against the demo county so that every list
has real rows: no critical and no serious violation (WCAG 2 A/AA rules and axe's best practices).

axe-core comes from the npm registry (package.json devDependencies, installed by `npm ci`) and is
never served by the portal. The portal's Content-Security-Policy refuses inline scripts without the
response's nonce, so Playwright's add_script_tag (an inline <script>) is blocked; the source is run
with page.evaluate instead, which the DevTools protocol runs outside the page's CSP. The pages
themselves are checked under their real policy (no bypass_csp)."""

from pathlib import Path

from django.conf import settings

from tests.browser_helpers import sign_in

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("critical", "serious")
# Pages kept as screenshots (var/screenshots/a11y-*.png) to look at the contrast by eye.
SHOTS = {
    ("staff", "firm-list"),
    ("staff", "firm-detail"),
    ("staff", "party-index"),
    ("inspector", "inspection-detail"),
}


def axe_violations(page):
    """axe's violations on the page as loaded, of the impacts that block."""
    if not page.evaluate("typeof axe === 'object'"):
        page.evaluate(AXE_JS.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(role, name, url, violations):
    lines = []
    for v in violations:
        lines.append(f"{role or 'anonymous'} {name} {url}: {v['id']} ({v['impact']}) {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']} {node['html'][:160]}")
    return lines


def _pages(users):
    """(name, path) of the main pages per role (None: anonymous), with real ids of the demo."""
    from casework.models import Case, QuarterlyReport
    from firms.models import Firm, Lawyer
    from firms.permissions import managed_firm_ids
    from inspections.models import Draw, Inspection

    own_firm = Firm.objects.filter(pk__in=managed_firm_ids(users["director"])).get()
    other_firm = Firm.objects.exclude(pk=own_firm.pk).order_by("id").first()
    lawyer = Lawyer.objects.filter(firm=own_firm).order_by("id").first()
    # The director's form: the bureau returns the firm's waiting report, which opens it again.
    from casework.services import quarterly_review

    waiting = QuarterlyReport.objects.filter(status=QuarterlyReport.Status.SUBMITTED).order_by("id")
    returned = quarterly_review(
        report=waiting.get(firm=own_firm), user=users["staff"], accept=False, comment="请核对法律援助案件数。"
    )
    submitted = waiting.exclude(firm=own_firm).first()
    inspections = Inspection.objects.filter(assignments__inspector__user=users["inspector"]).order_by("id")
    # An open one shows the findings form, a concluded one the findings as recorded.
    inspection = inspections.filter(status=Inspection.Status.SCHEDULED).first() or inspections.first()
    concluded = inspections.exclude(status=Inspection.Status.SCHEDULED).first() or inspection
    draw = Draw.objects.order_by("id").first()
    case = Case.objects.filter(firm=own_firm).order_by("id").first()
    assert all([case, draw, submitted, lawyer, other_firm, inspection]), "the demo lacks rows the walk needs"

    staff = [
        ("dashboard", "/"),
        ("firm-list", "/firms/"),
        ("firm-detail", f"/firms/{other_firm.pk}/"),
        ("lawyer-list", "/lawyers/"),
        ("lawyer-detail", f"/lawyers/{lawyer.pk}/"),
        ("case-list", "/cases/"),
        ("quarterly-overview", "/quarterly/"),
        ("quarterly-review", f"/quarterly/{submitted.pk}/"),
        ("party-index", "/party/"),
        ("inspection-list", "/inspections/"),
        ("plan-list", "/inspections/plans/"),
        ("plan-detail", f"/inspections/plans/{draw.plan_id}/"),
        ("draw-detail", f"/inspections/draws/{draw.pk}/"),
        ("sensitive-list", "/sensitive/"),
        ("case-detail", f"/cases/{case.pk}/"),
        ("training-list", "/training/"),
        ("history", f"/history/firms/firm/{other_firm.pk}/"),
        ("reports", "/reports/"),
    ]
    return {
        "staff": staff,
        "admin": [("dashboard", "/"), ("firm-list", "/firms/")],
        "director": [
            ("dashboard", "/"),
            ("own-firm", f"/firms/{own_firm.pk}/"),
            ("case-list", "/cases/"),
            ("case-detail", f"/cases/{case.pk}/"),
            ("conflict-check", "/cases/new/"),
            ("quarterly-list", "/quarterly/"),
            ("quarterly-form", f"/quarterly/{returned.pk}/"),
            ("service-list", "/services/"),
            ("service-new", "/services/new/"),
        ],
        "inspector": [
            ("dashboard", "/"),
            ("inspection-list", "/inspections/"),
            ("inspection-detail", f"/inspections/{inspection.pk}/"),
            ("inspection-concluded", f"/inspections/{concluded.pk}/"),
        ],
        None: [
            ("public-index", "/public/"),
            ("public-firms", "/public/firms/"),
            ("public-inspections", "/public/inspections/"),
            ("public-draw-verify", f"/public/draws/{draw.pk}/verify/"),
            ("login", "/accounts/login/"),
        ],
    }


def _conflict_search(page, director):
    """The conflict check after a search for a party of one of the firm's own cases: the party
    table filled in and the hit listed."""
    from casework.models import Party
    from firms.permissions import managed_firm_ids

    party = Party.objects.filter(firm__in=managed_firm_ids(director)).order_by("id").first()
    page.fill("[name=matter]", "买卖合同纠纷")
    page.fill("input[name$='-name'] >> nth=0", party.name)
    page.click("button[name=action][value=search]")
    page.wait_for_selector("#conflict-hits")


def test_main_pages_of_every_role_have_no_serious_axe_violations(browser, live_server, demo_county, shot):
    problems, checked = [], 0
    for role, pages in _pages(demo_county).items():
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(20000)
        if role:
            sign_in(page, live_server, role)
        for name, path in pages:
            response = page.goto(live_server.url + path)
            assert response.status == 200, (role, path, response.status)
            problems += describe(role, name, path, axe_violations(page))
            checked += 1
            if (role, name) in SHOTS:
                shot(page, f"a11y-{role or 'anonymous'}-{name}")
            if role == "director" and name == "conflict-check":
                _conflict_search(page, demo_county["director"])
                problems += describe(role, "conflict-check-hits", path, axe_violations(page))
                checked += 1
                shot(page, "a11y-conflict-hits")
        context.close()
    assert checked >= 30
    assert not problems, "\n".join(problems)


def test_axe_reports_an_unlabelled_input(page, live_server, db):
    """The check is not vacuous: an input without a label added to the login page is reported."""
    page.goto(f"{live_server.url}/accounts/login/")
    assert axe_violations(page) == []
    page.evaluate("document.querySelector('main form').insertAdjacentHTML('beforeend', '<input type=text>')")
    assert [v["id"] for v in axe_violations(page)] == ["label"]


def test_phone_pages_in_english_have_no_serious_axe_violations(browser, live_server, demo_county):
    """The same check where the layout differs most: a 390 px phone (menu folded, tables stacked)
    with the interface in English."""
    pages = _pages(demo_county)
    wanted = {
        "director": ["dashboard", "case-list", "conflict-check", "quarterly-form", "service-new"],
        "inspector": ["inspection-detail", "inspection-concluded"],
        None: ["public-firms", "login"],
    }
    problems = []
    for role, names in wanted.items():
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="en-US")
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(20000)
        if role:
            sign_in(page, live_server, role)
        for name, path in pages[role]:
            if name not in names:
                continue
            page.goto(live_server.url + path)
            assert page.evaluate("document.documentElement.lang") == "en", path
            problems += describe(role, f"{name} (phone, en)", path, axe_violations(page))
        context.close()
    assert not problems, "\n".join(problems)
