"""The notification centre per role: each user sees, opens and marks only their own reminders."""

import pytest
from django.test import Client

from bureau.models import User
from bureau.notifications.models import Notification

from .conftest import D, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def reminded(firm, other_firm, role_users):
    """Every role user's reminders of 19 October 2026 (quarterly due the next day)."""
    run(D(2026, 10, 19))
    return role_users


def _mine(user):
    return list(Notification.objects.filter(user=user).order_by("id"))


def test_list_shows_only_the_users_own_notifications(reminded, login, director, director2, staff, inspector):
    for user, shown, hidden in [
        (director, "甲律师事务所：2026年第3季度统计报表", "乙律师事务所"),
        (director2, "乙律师事务所：2026年第3季度统计报表", "甲律师事务所"),
        (staff, "2家律所尚未报送", "甲律师事务所："),
    ]:
        page = login(user).get("/notifications/").content.decode()
        assert shown in page and hidden not in page
    page = login(inspector).get("/notifications/").content.decode()
    assert "没有提醒" in page


def test_list_filters_and_its_query_count(reminded, login, director, django_assert_max_num_queries):
    client = login(director)
    # Queries: session, user, roles for the nav; the rows, their count, the unread count.
    with django_assert_max_num_queries(12):
        response = client.get("/notifications/?unread=on&kind=casework.quarterly&state=open")
    assert response.status_code == 200
    assert "甲律师事务所：2026年第3季度统计报表" in response.content.decode()
    assert 'id="notifications"' in client.get("/notifications/?kind=partybuild.meetings").content.decode()
    assert "第3季度统计报表" not in client.get("/notifications/?kind=partybuild.meetings").content.decode()
    # A value that does not validate leaves its filter out instead of failing.
    assert client.get("/notifications/?kind=%00&state=nonsense").status_code == 200


def test_bell_counts_unread(reminded, login, director, no_role_user):
    response = login(director).get("/notifications/bell/")
    assert 'data-unread="1"' in response.content.decode()
    assert "data-unread" not in login(no_role_user).get("/notifications/bell/").content.decode()


def test_opening_marks_read_and_goes_to_the_record(reminded, login, director):
    (note,) = _mine(director)
    client = login(director)
    assert client.get(f"/notifications/{note.pk}/open/").status_code == 405  # GET never writes
    response = client.post(f"/notifications/{note.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/quarterly/"
    note.refresh_from_db()
    assert note.read_at is not None
    assert "data-unread" not in client.get("/notifications/bell/").content.decode()


def test_nobody_opens_someone_elses_notification(reminded, login, director, director2, staff):
    (note,) = _mine(director)
    for user in (director2, staff):
        assert login(user).post(f"/notifications/{note.pk}/open/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_read_all_marks_only_the_users_own(reminded, login, director, director2):
    login(director).post("/notifications/read-all/")
    assert all(n.read_at for n in _mine(director))
    assert all(n.read_at is None for n in _mine(director2))


def test_due_page_lists_what_the_user_may_see(login, firm, other_firm, director, director2, staff, inspector):
    page = login(director).get("/notifications/due/").content.decode()
    assert "甲律师事务所：" in page and "乙律师事务所" not in page
    assert "尚未报送" in login(staff).get("/notifications/due/").content.decode()
    assert "目前没有需要办理的期限" in login(inspector).get("/notifications/due/").content.decode()


def test_preferences_save_and_refuse_bad_input_in_chinese(login, director):
    client = login(director)
    response = client.post(
        "/notifications/preferences/", {"email": "not-an-address", "email_reminders": "digest"}
    )
    assert response.status_code == 400 and "有效的 Email 地址" in response.content.decode()
    response = client.post("/notifications/preferences/", {"email": "", "email_reminders": "digest"})
    assert response.status_code == 400 and "须填写电子邮箱" in response.content.decode()
    response = client.post(
        "/notifications/preferences/", {"email": "a@example.test", "email_reminders": "sms"}
    )
    assert response.status_code == 400
    director.refresh_from_db()
    assert (director.email, director.email_reminders) == ("", "digest")  # nothing half-saved
    response = client.post(
        "/notifications/preferences/", {"email": "li@example.test", "email_reminders": "instant"}
    )
    assert response.status_code == 302
    director.refresh_from_db()
    assert (director.email, director.email_reminders) == ("li@example.test", User.EmailReminders.INSTANT)


@pytest.mark.parametrize(
    "url", ["/notifications/", "/notifications/bell/", "/notifications/due/", "/notifications/preferences/"]
)
def test_anonymous_is_sent_to_sign_in(url):
    response = Client().get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_anonymous_cannot_post(db):
    for url in ("/notifications/read-all/", "/notifications/calendar/issue/", "/notifications/1/open/"):
        response = Client().post(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
