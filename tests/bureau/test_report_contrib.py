"""The contribution registry: an app shows itself in the yearly report and on the dashboards through
its own contrib module, found at start-up, with no change to bureau."""

import datetime
import sys

import pytest
from django.apps import AppConfig, apps

from bureau.contrib import Deadline, Registry, registry
from bureau.report.build import collect
from tests.contrib_app import CARD_LABEL, SECTION_TITLE


@pytest.fixture
def contrib_app():
    """Installs tests.contrib_app for one test and runs the registry's autodiscovery, as
    BureauConfig.ready() does at start-up.

    The app config goes straight into the app registry: changing INSTALLED_APPS with
    override_settings would re-populate the registry and run every app's ready() a second time,
    which third-party apps do not survive (pghistory registers its admin twice)."""
    snapshot = registry.snapshot()
    config = AppConfig.create("tests.contrib_app")
    config.apps = apps
    config.import_models()
    apps.app_configs[config.label] = config
    apps.clear_cache()
    sys.modules.pop("tests.contrib_app.contrib", None)  # imported fresh, so it registers again
    try:
        registry.autodiscover()
        yield config
    finally:
        del apps.app_configs[config.label]
        apps.clear_cache()
        registry.restore(snapshot)
        sys.modules.pop("tests.contrib_app.contrib", None)


def test_every_app_registers_its_contributions():
    assert [entry.key for entry in registry.report_sections()] == [
        "firms",
        "firms_facilities",
        "casework",
        "partybuild",
        "inspections",
    ]
    assert {entry.template for entry in registry._ordered(registry._firm_sections)} == {
        "casework/_firm_section.html",
        "partybuild/_firm_section.html",
        "inspections/_firm_section.html",
    }
    assert {entry.kind for entry in registry.deadline_kinds()} >= {
        "casework.quarterly",
        "casework.sensitive_filing",
        "firms.training",
        "inspections.publication",
        "inspections.rectification",
        "inspections.scheduled",
        "partybuild.conversion",
    }


def test_a_new_app_appears_in_the_report_without_touching_bureau(db, contrib_app):
    sections, facts = collect(2026)
    assert [s["key"] for s in sections][-1] == "contrib_app"
    ours = sections[-1]
    assert ours["title"] == SECTION_TITLE and ours["tables"][0]["rows"] == [["年度", 2026]]
    assert facts["contrib_app_answer"] == 42


def test_a_new_app_appears_on_the_dashboard_without_touching_bureau(login, staff, director, contrib_app):
    html = login(staff).get("/").content.decode()
    assert CARD_LABEL in html
    # It registered for the bureau's dashboard only.
    assert CARD_LABEL not in login(director).get("/").content.decode()


def test_without_the_app_the_report_has_the_four_apps_sections(db):
    sections, _facts = collect(2026)
    keys = ["firms", "firms_facilities", "casework", "partybuild", "inspections"]
    assert [s["key"] for s in sections] == keys


def test_registering_a_key_again_replaces_it():
    local = Registry()
    local.register_report_section("x", lambda year: {"title": "一"}, order=2)
    local.register_report_section("x", lambda year: {"title": "二"}, order=2)
    local.register_report_section("a", lambda year: {"title": "零"}, order=1)
    assert [e.builder(0)["title"] for e in local.report_sections()] == ["零", "二"]


def test_an_unknown_dashboard_is_refused():
    with pytest.raises(ValueError):
        Registry().register_dashboard_cards(lambda user, today: [], dashboards=("public",))


# --- deadlines ---------------------------------------------------------------------------------
# Each app's deadline kinds are tested with the reminders; here, how the registry merges them.


def test_deadlines_of_every_kind_come_soonest_first_and_filter_by_kind():
    local = Registry()
    day = datetime.date(2026, 10, 1)

    def provider(kind, *days):
        def deadlines(user, today):
            return [
                Deadline(kind, f"{kind}:{d}", kind, today + datetime.timedelta(d), url="/")
                for d in days
                if user == "alice"
            ]

        return deadlines

    local.register_deadlines("a.one", provider("a.one", 5, 1), label="一")
    local.register_deadlines("b.two", provider("b.two", 3), label="二")
    assert [d.key for d in local.deadlines("alice", day)] == ["a.one:1", "b.two:3", "a.one:5"]
    assert [d.key for d in local.deadlines("alice", day, kinds={"b.two"})] == ["b.two:3"]
    assert local.deadlines("bob", day) == []
    assert [k.kind for k in local.deadline_kinds()] == ["a.one", "b.two"]


def test_deadline_state_is_overdue_only_after_the_due_day():
    day = datetime.date(2026, 10, 1)
    assert Deadline.state_on(day, day) == Deadline.OPEN
    assert Deadline.state_on(day, day + datetime.timedelta(1)) == Deadline.OVERDUE
