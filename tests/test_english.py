"""The English interface: every main page of each role, and the public pages, rendered in English
carry no Chinese punctuation (nor any Chinese word) in their own text, no year run into 年
("2025Year"), and the English catalogues are complete.

The pages are rendered over the demo county, so that lists, tables and detail pages have real rows
and every template line that prints data between translated words is exercised. What the users
entered (firm names, addresses, remarks, all in Chinese) is data and stays Chinese in English: every
text value stored in the database is taken out of the page text before the check, so what remains is
the portal's own wording. The language is chosen as a browser does after the language button:
Django's language cookie, read by LocaleMiddleware."""

import ast
import html.parser
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client

CJK_PUNCTUATION = re.compile("[（）：，。、；！？「」《》\u3000]")
YEAR_RUN_IN = re.compile(r"\d(年|Year\b)")
# Stored text in Chinese: names, titles and remarks the users wrote.
CHINESE = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
CHINESE_RUN = re.compile(CHINESE.pattern + "+")
CATALOGUES = [Path(settings.BASE_DIR) / "locale"] + [
    Path(settings.BASE_DIR) / app / "locale" for app in ("firms", "casework", "partybuild", "inspections")
]
# Text of these elements is not shown; attributes that are shown or read aloud are checked too.
HIDDEN = {"script", "style", "template"}
SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}


class _VisibleText(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        # Text marked as Chinese (the language button's "中文") is meant to be Chinese.
        if tag in HIDDEN or (dict(attrs).get("lang") or "").startswith("zh"):
            self._hidden += 1
            self._closing = getattr(self, "_closing", []) + [tag]
        elif not self._hidden:
            self.parts.extend(value for name, value in attrs if name in SHOWN_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if self._hidden and self._closing[-1] == tag:
            self._hidden -= 1
            self._closing.pop()

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(content):
    parser = _VisibleText()
    parser.feed(content)
    return "\n".join(parser.parts)


def stored_texts():
    """Every distinct text value in the database written in Chinese (user data), longest first so
    that a value containing another is taken out whole."""
    found = set()
    for model in apps.get_models():
        text_fields = (models.CharField, models.TextField)
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, text_fields)]
        if not fields or model._meta.app_label in ("sessions", "admin", "contenttypes"):
            continue
        for row in model._default_manager.values_list(*fields):
            found.update(v for v in row if v and CHINESE.search(v))
    return sorted(found, key=len, reverse=True)


def without_data(text, data):
    for value in data:
        if value in text:
            text = text.replace(value, " ")
        # Multi-line values are printed with linebreaks; their lines are data one by one.
        for line in value.splitlines():
            if len(line) > 1 and line in text:
                text = text.replace(line, " ")
    return text


def faults(text):
    """Chinese punctuation, a year run into 年, or any Chinese word left in the portal's own text
    (a string outside gettext, or one translated once at import instead of per request)."""
    lines = []
    found = [*YEAR_RUN_IN.finditer(text), *CHINESE_RUN.finditer(text)]
    end = 0
    for match in sorted(found, key=lambda m: m.start()):
        if match.start() < end:  # part of the fault just reported
            continue
        end = match.end()
        start = max(0, match.start() - 40)
        lines.append(repr(text[start : match.end() + 40]))
    return lines


def english_client(user=None):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def demo(db, settings, tmp_path):
    from bureau.demo import seed_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    _password, users = seed_demo()
    return users


def _pages(users):
    """(name, path) of the main pages per role (None: anonymous), with real ids of the demo."""
    from casework.models import Case, QuarterlyReport, SensitiveFiling
    from firms.models import Firm, Lawyer, TrainingSession
    from firms.permissions import managed_firm_ids
    from inspections.models import Draw, Inspection, Plan
    from partybuild.models import Branch, Meeting, Member

    own_firm = Firm.objects.get(pk__in=managed_firm_ids(users["director"]))
    other_firm = Firm.objects.exclude(pk=own_firm.pk).order_by("id").first()
    lawyer = Lawyer.objects.filter(firm=own_firm).order_by("id").first()
    case = Case.objects.filter(firm=own_firm).order_by("id").first()
    own_report = QuarterlyReport.objects.filter(firm=own_firm).order_by("-id").first()
    other_report = QuarterlyReport.objects.exclude(firm=own_firm).order_by("-id").first()
    filing = SensitiveFiling.objects.order_by("id").first()
    plan = Plan.objects.order_by("id").first()
    draw = Draw.objects.order_by("id").first()
    assigned = Inspection.objects.filter(assignments__inspector__user=users["inspector"])
    inspection = assigned.order_by("id").first()
    firm_inspection = Inspection.objects.filter(firm=own_firm).order_by("id").first()
    branch = Branch.objects.order_by("id").first()
    member = Member.objects.order_by("id").first()
    meeting = Meeting.objects.order_by("id").first()
    training = TrainingSession.objects.order_by("id").first()
    needed = [other_firm, lawyer, case, own_report, other_report, filing, plan, draw, inspection]
    assert all(needed + [branch, member, meeting, training]), "the demo lacks rows the walk needs"
    year = own_report.year

    common = [
        ("dashboard", "/"),
        ("notifications", "/notifications/"),
        ("due", "/notifications/due/"),
        ("security", "/accounts/security/"),
        ("password", "/accounts/password/"),
    ]
    staff = common + [
        ("firm-list", "/firms/"),
        ("firm-detail", f"/firms/{other_firm.pk}/"),
        ("firm-assessments", f"/firms/assessments/{year}/"),
        ("restructuring", f"/firms/{other_firm.pk}/restructuring/"),
        ("lawyer-list", "/lawyers/"),
        ("lawyer-detail", f"/lawyers/{lawyer.pk}/"),
        ("training-list", "/training/"),
        ("training-detail", f"/training/{training.pk}/"),
        ("training-shortfall", "/training/shortfall/"),
        ("case-list", "/cases/"),
        ("case-detail", f"/cases/{case.pk}/"),
        ("sensitive-list", "/sensitive/"),
        ("sensitive-detail", f"/sensitive/{filing.pk}/"),
        ("service-list", "/services/"),
        ("quarterly-overview", "/quarterly/"),
        ("quarterly-detail", f"/quarterly/{other_report.pk}/"),
        ("party-index", "/party/"),
        ("branch-detail", f"/party/branches/{branch.pk}/"),
        ("member-detail", f"/party/members/{member.pk}/"),
        ("meeting-list", "/party/meetings/"),
        ("meeting-detail", f"/party/meetings/{meeting.pk}/"),
        ("party-checks", "/party/checks/"),
        ("liaisons", "/party/liaisons/"),
        ("inspection-list", "/inspections/"),
        ("inspection-detail", f"/inspections/{inspection.pk}/"),
        ("plan-list", "/inspections/plans/"),
        ("plan-detail", f"/inspections/plans/{plan.pk}/"),
        ("draw-detail", f"/inspections/draws/{draw.pk}/"),
        ("publication", "/inspections/publication/"),
        ("registers", "/inspections/registers/"),
        ("checklists", "/inspections/checklists/"),
        ("visits", "/inspections/visits/"),
        ("history", f"/history/firms/firm/{other_firm.pk}/"),
        ("reports", "/reports/"),
    ]
    director = common + [
        ("own-firm", f"/firms/{own_firm.pk}/"),
        ("lawyer-list", "/lawyers/"),
        ("lawyer-detail", f"/lawyers/{lawyer.pk}/"),
        ("training-shortfall", "/training/shortfall/"),
        ("case-list", "/cases/"),
        ("case-detail", f"/cases/{case.pk}/"),
        ("conflict-check", "/cases/new/"),
        ("numbering", "/cases/numbering/"),
        ("sensitive-list", "/sensitive/"),
        ("quarterly-list", "/quarterly/"),
        ("quarterly-detail", f"/quarterly/{own_report.pk}/"),
        ("service-list", "/services/"),
        ("service-new", "/services/new/"),
        ("inspection-list", "/inspections/"),
    ]
    if firm_inspection:
        director.append(("inspection-detail", f"/inspections/{firm_inspection.pk}/"))
    inspector = common + [
        ("inspection-list", "/inspections/"),
        ("inspection-detail", f"/inspections/{inspection.pk}/"),
        ("visits", "/inspections/visits/"),
        ("firm-list", "/firms/"),
        ("lawyer-list", "/lawyers/"),
    ]
    public = [
        ("public-index", "/public/"),
        ("public-firms", "/public/firms/"),
        ("public-inspections", "/public/inspections/"),
        ("public-draw-verify", f"/public/draws/{draw.pk}/verify/"),
        ("login", "/accounts/login/"),
    ]
    return {"staff": staff, "director": director, "inspector": inspector, None: public}


def test_language_button_switches_to_english(db):
    """The button posts to Django's set_language, which sets the cookie the walk below relies on."""
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/public/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/public/")
    assert '<html lang="en"' in page.content.decode()


def test_main_pages_have_no_chinese_punctuation_in_english(demo):
    pages = _pages(demo)
    data = stored_texts()
    problems = []
    for role, walk in pages.items():
        client = english_client(demo[role] if role else None)
        for name, path in walk:
            response = client.get(path)
            assert response.status_code == 200, f"{role} {name} {path}: {response.status_code}"
            content = response.content.decode()
            assert '<html lang="en"' in content, f"{role} {name} is not in English"
            text = without_data(visible_text(content), data)
            problems += [f"{role or 'anonymous'} {name} {path}: {line}" for line in faults(text)]
    assert not problems, "\n".join(problems)


def test_checker_sees_chinese_punctuation_outside_data():
    """The check itself: template punctuation is found, the same characters inside a stored value
    are not."""
    page = '<p title="说明：">Roster（7）<span>明德律师事务所（普通合伙）</span> 2025年</p>'
    page += '<script>"，"</script>'
    text = without_data(visible_text(page), ["明德律师事务所（普通合伙）"])
    assert "普通合伙" not in text and "，" not in text
    assert sorted(CJK_PUNCTUATION.findall(text)) == sorted("：（）")
    # The title's 说明：, the two brackets, and the year run into 年.
    assert len(faults(text)) == 4
    assert faults(without_data(visible_text('<button lang="zh-hans">中文</button> English'), [])) == []


def _entries(path):
    """(flags, msgid, msgstrs) of each live entry of a .po file; obsolete (#~) entries are skipped."""
    entries, flags, fields, key = [], set(), {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if "msgid" in fields:
                entries.append((flags, fields))
            flags, fields, key = set(), {}, None
        elif line.startswith("#,"):
            flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            fields[key] += ast.literal_eval(line)  # a C string literal, written as Python's
        else:
            key, _, literal = line.partition(" ")
            fields[key] = ast.literal_eval(literal)
    return [
        (flags, f["msgid"], [v for k, v in f.items() if k.startswith("msgstr")])
        for flags, f in entries
        if f["msgid"]  # the header
    ]


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


@pytest.mark.parametrize("folder", CATALOGUES, ids=lambda p: p.parent.name)
def test_english_catalogue_is_complete(folder):
    entries = _entries(folder / "en" / "LC_MESSAGES" / "django.po")
    assert entries
    problems = []
    for flags, msgid, msgstrs in entries:
        if "fuzzy" in flags:
            problems.append(f"fuzzy: {msgid!r}")
        if not all(msgstrs):
            problems.append(f"untranslated: {msgid!r}")
        for msgstr in msgstrs:
            if CJK_PUNCTUATION.search(msgstr):
                problems.append(f"Chinese punctuation: {msgid!r} -> {msgstr!r}")
            if msgstr and sorted(set(PLACEHOLDER.findall(msgstr))) != sorted(set(PLACEHOLDER.findall(msgid))):
                problems.append(f"placeholders differ: {msgid!r} -> {msgstr!r}")
    assert not problems, "\n".join(problems)
