import os
from pathlib import Path

import pytest
from django.test import Client
from django.test.client import ClientMixin

from bureau.permissions import Role

from .factories import FirmFactory, UserFactory

# Browser tests: Playwright's sync API runs an event loop in the test thread, while the test body
# still uses Django's ORM synchronously, which is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def _fresh_header_settings():
    """Each test reads the settings row afresh for the page header: a copy kept by the process
    (bureau.context_processors) would outlive the rolled-back transaction of an earlier test."""
    from bureau.context_processors import forget_header_settings

    forget_header_settings()
    yield
    forget_header_settings()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in English leaves English active in the
    thread (LocaleMiddleware activates, nothing deactivates), and a later test in the same worker
    would read its lazy labels in English."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def shot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name, full_page=True):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


@pytest.fixture
def firm(db):
    return FirmFactory(name="甲律师事务所")


@pytest.fixture
def other_firm(db):
    return FirmFactory(name="乙律师事务所")


@pytest.fixture
def bureau_admin(db):
    return UserFactory(
        username="admin", full_name="管理员", role=Role.BUREAU_ADMIN, is_staff=True, is_superuser=True
    )


@pytest.fixture
def staff(db):
    return UserFactory(username="staff", full_name="王科员", role=Role.BUREAU_STAFF)


@pytest.fixture
def director(firm):
    return UserFactory(username="director", full_name="李主任", role=Role.FIRM_DIRECTOR, firm=firm)


@pytest.fixture
def director2(other_firm):
    return UserFactory(username="director2", full_name="赵主任", role=Role.FIRM_DIRECTOR, firm=other_firm)


@pytest.fixture
def inspector(db):
    return UserFactory(username="inspector", full_name="陈检查员", role=Role.INSPECTOR)


@pytest.fixture
def inspector2(db):
    return UserFactory(username="inspector2", full_name="刘检查员", role=Role.INSPECTOR)


@pytest.fixture
def no_role_user(db):
    return UserFactory(username="nobody", full_name="无角色")


@pytest.fixture(autouse=True)
def _verified_second_factor(monkeypatch):
    """Two-factor sign-in is enforced in tests too. A test client signed in with force_login (or
    login) stands for a user who has passed both steps, so its session is verified with the user's
    TOTP device; tests/security signs in through the real pages to prove the enforcement."""
    from tests.otp_helpers import mark_client_verified

    original_force_login, original_login = ClientMixin.force_login, ClientMixin.login

    def force_login(self, user, backend=None):
        original_force_login(self, user, backend)
        mark_client_verified(self, user)

    def login(self, **credentials):
        done = original_login(self, **credentials)
        if done:
            from bureau.models import User

            mark_client_verified(self, User.objects.get(pk=self.session["_auth_user_id"]))
        return done

    monkeypatch.setattr(ClientMixin, "force_login", force_login)
    monkeypatch.setattr(ClientMixin, "login", login)


@pytest.fixture
def login():
    """login(user) -> a Client signed in as that user."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def role_users(bureau_admin, staff, director, director2, inspector, inspector2):
    return {
        "bureau_admin": bureau_admin,
        "bureau_staff": staff,
        "director": director,
        "director2": director2,
        "inspector": inspector,
        "inspector2": inspector2,
    }
