"""Helpers for browser tests."""

from tests.factories import TEST_PASSWORD


def sign_in(page, live_server, username):
    """Sign in through the login page as a test user and wait for the dashboard."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
