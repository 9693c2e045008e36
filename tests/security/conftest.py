import pytest

from tests.factories import TEST_PASSWORD

BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0"


def post_password(client, username, password=TEST_PASSWORD, ip="10.1.2.3", agent=BROWSER_AGENT):
    """The first sign-in step through the real login page (no force_login: nothing pre-verified)."""
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        HTTP_USER_AGENT=agent,
    )


def post_code(client, code, ip="10.1.2.3", agent=BROWSER_AGENT):
    return client.post("/accounts/otp/", {"code": code}, REMOTE_ADDR=ip, HTTP_USER_AGENT=agent)


@pytest.fixture
def plain_client(client):
    """A client signed in by nobody yet; the tests sign in through the pages."""
    return client
