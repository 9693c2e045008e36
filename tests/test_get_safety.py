"""GET never writes: every URL pattern of the project, filled with real ids of the demo county,
requested with GET as every role, leaves every table as it was.

Two measures, against the state right after signing in:
- after each request, PostgreSQL's counters of rows inserted, updated and deleted in the current
  transaction (pg_stat_xact_user_tables), naming the URL that wrote, UPDATEs included;
- after the walk, the row count of every table of the database (every model, the many-to-many
  tables, and the pghistory event tables: the audit event count).
The test client runs the views in the test's own transaction, so both see every write.

Left out of both: django_session, which Django itself rewrites when a request changes the session
(a language choice, a message queued for the next page); signing in happens before the first
measure, so the sign-in's own writes (session, last_login, the sign-in log) are not counted.
"""

import itertools
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import URLResolver, get_resolver

pytestmark = pytest.mark.django_db

ROLES = ["admin", "staff", "director", "director2", "inspector", None]  # None: anonymous

# Tables a GET may legitimately change (see the module docstring).
IGNORED_TABLES = {"django_session"}

# Patterns whose kwargs the walk cannot fill with a real value, with the reason. Keep this tiny.
SKIPPED = {}

# Values of kwargs that are not ids of a model.
FIXED_VALUES = {
    "year": [2025, 2026],
    "kind": ["firms", "lawyers"],
    # The Party rule checks' own lists (partybuild.checks.SECTIONS).
    "section": ["firms", "branches", "early", "conversion", "meetings", "archives"],
    # The history page of one inspection (app label and model name of an audited model).
    "app_label": ["inspections"],
    "model_name": ["inspection"],
    # A wrong secret: the feed answers 404 (the right one is a per-user secret the walk does not hold).
    "token": ["not-the-secret"],
}

# Kwargs named after a model of another app than the view's, or after a short name.
KWARG_MODELS = {
    "user_id": "bureau.User",
    "object_id": None,  # history: filled below with the inspection of app_label/model_name
}


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry


def _app_of(callback):
    model_admin = getattr(callback, "model_admin", None)
    if model_admin is not None:
        return model_admin.model._meta.app_label
    module = getattr(callback, "__module__", "") or ""
    config = apps.get_containing_app_config(module)
    return config.label if config else ""


def _model_for(kwarg, app_label):
    """The model an `<name>_id` kwarg names: `<name>` itself, else the one model whose name ends
    with it (`notice` -> RectificationNotice), in the view's app first."""
    if kwarg in KWARG_MODELS:
        return apps.get_model(KWARG_MODELS[kwarg]) if KWARG_MODELS[kwarg] else None
    name = kwarg.removesuffix("_id").replace("_", "")
    models = [m for m in apps.get_models() if not m._meta.model_name.endswith("event")]
    for scope in ([m for m in models if m._meta.app_label == app_label], models):
        exact = [m for m in scope if m._meta.model_name == name]
        if len(exact) == 1:
            return exact[0]
        ending = [m for m in scope if m._meta.model_name.endswith(name)]
        if len(ending) == 1:
            return ending[0]
    return None


def _event_slugs():
    """The aggregate events model's key, "<event model label>:<pgh_id>", of one real event."""
    from inspections.models import Inspection

    event_model = Inspection.pgh_event_models["insert"]
    pk = event_model.objects.order_by("pgh_id").values_list("pgh_id", flat=True).first()
    return [f"{event_model._meta.label}:{pk}"] if pk else []


def _admin_model(route):
    """The model of an admin page `admin/<app_label>/<model_name>/...`, else None."""
    match = re.match(r"admin/(\w+)/(\w+)/", route)
    if match is None:
        return None
    try:
        return apps.get_model(*match.groups())
    except LookupError:
        return None


def _values(kwarg, pattern, route):
    """Up to two real values for a kwarg (the first and the last row), [] when there is none."""
    if kwarg in FIXED_VALUES:
        return FIXED_VALUES[kwarg]
    if kwarg == "content_type_id":
        # The admin's "view on site" shortcut: content types of concrete tables (the first and
        # the last by id may be pghistory's aggregate Events, which is no table to look up).
        from django.contrib.contenttypes.models import ContentType

        return [ContentType.objects.get_for_model(apps.get_model("firms", "Firm")).pk]
    callback = pattern.callback
    admin_model = _admin_model(route)
    if kwarg in ("object_id", "id", "pk", "object_pk") and admin_model is not None:
        if admin_model._meta.label == "pghistory.Events":
            return _event_slugs()
        model = admin_model
    elif kwarg == "object_id":
        model = apps.get_model(FIXED_VALUES["app_label"][0], FIXED_VALUES["model_name"][0])
    else:
        model = _model_for(kwarg, _app_of(callback))
    if model is None:
        return []
    pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    return sorted({pks[0], pks[-1]}) if pks else []


KWARG_RE = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")


def _urls():
    """(route, url) for every pattern, each kwarg filled with each of its values."""
    urls, unfilled = [], []
    for route, pattern in _walk(get_resolver()):
        if route in SKIPPED:
            continue
        if "(?P<" in route or route.startswith("^"):
            # A regex pattern (the admin's app index): one concrete URL.
            fixed = _regex_url(route)
            if fixed is None:
                unfilled.append(route)
            else:
                urls.append((route, fixed))
            continue
        names = [m.group("name") for m in KWARG_RE.finditer(route)]
        choices = [_values(name, pattern, route) for name in names]
        missing = [n for n, c in zip(names, choices, strict=True) if not c]
        if missing:
            unfilled.append(f"{route} {missing}")
        for combo in itertools.product(*choices):
            values = dict(zip(names, combo, strict=True))
            urls.append((route, "/" + KWARG_RE.sub(lambda m, v=values: str(v[m.group("name")]), route)))
    assert not unfilled, f"no real value for: {unfilled}; extend the dataset, or SKIPPED with a reason"
    return urls


def _regex_url(route):
    """The admin's per-app index `^(?P<app_label>a|b|...)/$` (the first app) and its catch-all."""
    match = re.search(r"\(\?P<app_label>([\w|]+)\)", route)
    if match:
        first = match.group(1).split("|")[0]
        return "/" + re.sub(r"\^|\$", "", route.replace(match.group(0), first))
    if route.endswith("(?P<url>.*)$"):  # the admin's catch-all: an address it does not know
        return "/" + route.removesuffix("(?P<url>.*)$") + "no-such-page/"
    return None


def _table_counts():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
        tables = [t for (t,) in cursor.fetchall() if t not in IGNORED_TABLES]
        quote = connection.ops.quote_name
        cursor.execute(
            " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {quote(t)}" for t in tables)  # noqa: S608
        )
        return dict(cursor.fetchall())


def _writes():
    """Rows inserted, updated and deleted in this transaction so far, by table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables "
            "WHERE schemaname = current_schema()"
        )
        return {t: n for t, n in cursor.fetchall() if t not in IGNORED_TABLES and n}


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _complete(users):
    """Rows of the models the demo county leaves empty, so that every pattern gets a real id."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from bureau.models import CalendarYear
    from bureau.notifications.models import Notification
    from bureau.report.views import report_request
    from firms import services as firm_services
    from firms.models import Firm, RestructuringStep
    from inspections.models import Evidence, Finding
    from partybuild.models import Meeting
    from partybuild.services import attachment_add

    staff = users["staff"]
    for model in apps.get_models():
        # The settings singletons: the row an administrator edits.
        if model._meta.model_name.endswith("settings") and not model._default_manager.exists():
            model(pk=1).save()
    report_request(year=2025, user=staff)
    CalendarYear.objects.get_or_create(year=2030, defaults={"entered_by": staff})
    for user in users.values():
        Notification.objects.create(
            user=user,
            kind="test",
            deadline_key=f"test:{user.pk}",
            step="due",
            title="检查",
            due_date="2026-12-31",
            state=Notification.State.OPEN,
            url="/",
            for_date="2026-12-01",
        )
    step = RestructuringStep.objects.first()
    if step is None:
        firm = Firm.objects.filter(organisation_form=Firm.Form.STATE).first()
        step = firm_services.restructuring_start(firm=firm, target_form=Firm.Form.PARTNERSHIP).steps.first()
    firm_services.restructuring_document_add(
        step=step, title="改制方案", file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan"), user=staff
    )
    attachment_add(meeting=Meeting.objects.first(), upload=SimpleUploadedFile("a.png", PNG), user=staff)
    finding = Finding.objects.order_by("pk").first()
    Evidence.objects.create(
        finding=finding, file=ContentFile(b"%PDF-1.4 e", name="e.pdf"), uploaded_by=users["inspector"]
    )
    attempt = {"ip_address": "127.0.0.1", "user_agent": "test", "path_info": "/accounts/login/"}
    AccessAttempt.objects.create(username="nobody", failures_since_start=1, **attempt)
    AccessFailureLog.objects.create(username="nobody", **attempt)
    AccessLog.objects.create(username="nobody", **attempt)
    TOTPDevice.objects.create(user=users["admin"], name="test", confirmed=False)
    StaticDevice.objects.create(user=users["admin"], name="test")


@pytest.fixture(scope="module")
def demo_county(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo county, seeded once for every role: inside a transaction that is rolled back after
    the module; each test runs in a savepoint of it."""
    from django.db import transaction
    from django.test import override_settings

    from bureau.demo import seed_demo

    # The demo's uploaded files go to a temporary folder.
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        with transaction.atomic():
            _password, users = seed_demo()
            _complete(users)
            yield users
            transaction.set_rollback(True)


@pytest.mark.parametrize("role", ROLES, ids=[r or "anonymous" for r in ROLES])
def test_no_get_changes_any_table(demo_county, db, role):
    client = Client()
    if role:
        client.force_login(demo_county[role])
    urls = _urls()
    assert len(urls) > 200  # the walk reached the whole project, admin included
    counts, writes = _table_counts(), _writes()
    changed = []
    for route, url in urls:
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        now = _writes()
        wrote = {t: n - writes.get(t, 0) for t, n in now.items() if n != writes.get(t, 0)}
        if wrote:
            changed.append(f"GET {url} ({route}) wrote {wrote}")
            writes = now  # report each URL's own writes only
    after = _table_counts()
    changed += [f"rows of {t}: {counts.get(t)} -> {n}" for t, n in after.items() if counts.get(t) != n]
    if role:
        assert client.session.get("_auth_user_id") == str(demo_county[role].pk), "a GET signed the user out"
    assert not changed, "\n".join(changed)
