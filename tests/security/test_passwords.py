"""The password policy: each rule refuses with a Chinese message; an expired password, and the
first sign-in of an account an administrator made, force a change before anything else."""

import datetime

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django.utils.translation import override

from bureau.models import User
from bureau.security.models import PasswordHistory, SignInEvent
from tests.factories import TEST_PASSWORD

from .conftest import post_password


def _change(client, new, old=TEST_PASSWORD):
    return client.post(
        "/accounts/password/", {"old_password": old, "new_password1": new, "new_password2": new}
    )


@pytest.mark.parametrize(
    "password, message",
    [
        ("Ab1!xyz", "密码长度太短，至少需要 10 个字符。"),
        ("abcdefghij12", "密码须包含大写字母、小写字母、数字、符号中的至少 3 类。"),
        ("ABCDEFGHIJKL!", "密码须包含大写字母、小写字母、数字、符号中的至少 3 类。"),
        ("Inspector-2026", "密码不能包含用户名。"),
        ("Password123", "该密码过于常见，请换一个。"),
        (TEST_PASSWORD, "新密码不能与最近 5 次使用过的密码相同。"),
    ],
)
def test_each_rule_refuses_with_a_chinese_message(login, inspector, password, message):
    response = _change(login(inspector), password)
    assert response.status_code == 200
    assert message in response.content.decode()
    inspector.refresh_from_db()
    assert inspector.check_password(TEST_PASSWORD)


def test_a_good_password_is_accepted_and_recorded(login, inspector):
    client = login(inspector)
    response = _change(
        client,
        "Qiu-Shui-2026!",
    )
    assert response.status_code == 302
    inspector.refresh_from_db()
    assert inspector.check_password("Qiu-Shui-2026!")
    assert timezone.now() - inspector.password_changed_at < datetime.timedelta(minutes=1)
    assert SignInEvent.objects.filter(user=inspector, kind=SignInEvent.Kind.PASSWORD_CHANGE).count() == 1
    # The session follows the rotated key: still signed in, and listed as the current session.
    assert client.get("/").status_code == 200
    assert "当前会话" in client.get("/accounts/security/").content.decode()


def test_none_of_the_last_five_passwords_again(inspector):
    passwords = [f"Zhang-{n}-Mima!" for n in range(6)]
    for password in passwords:
        password_validation.validate_password(password, inspector)
        inspector.set_password(password)
        inspector.save()
    assert PasswordHistory.objects.filter(user=inspector).count() == 5
    # The last five (1..5) are refused, the sixth-last (0) is allowed again.
    for password in passwords[1:]:
        with pytest.raises(ValidationError) as caught:
            password_validation.validate_password(password, inspector)
        assert caught.value.messages == ["新密码不能与最近 5 次使用过的密码相同。"]
    password_validation.validate_password(passwords[0], inspector)


def test_messages_stay_chinese_even_under_english_request(inspector):
    with override("zh-hans"), pytest.raises(ValidationError) as caught:
        password_validation.validate_password("short", inspector)
    assert "密码长度太短，至少需要 10 个字符。" in caught.value.messages


def test_an_expired_password_forces_a_change_at_sign_in(client, inspector, settings):
    assert settings.PASSWORD_MAX_AGE_DAYS == 90
    User.objects.filter(pk=inspector.pk).update(
        password_changed_at=timezone.now() - datetime.timedelta(days=91)
    )
    post_password(client, "inspector")
    for path in ("/", "/accounts/security/", "/inspections/"):
        assert client.get(path)["Location"] == "/accounts/password/", path
    page = client.get("/accounts/password/").content.decode()
    assert "您的密码已过期" in page
    assert _change(client, "Xin-Mima-2027!").status_code == 302
    assert client.get("/").status_code == 200


def test_a_password_89_days_old_is_not_expired(client, inspector):
    User.objects.filter(pk=inspector.pk).update(
        password_changed_at=timezone.now() - datetime.timedelta(days=89)
    )
    post_password(client, "inspector")
    assert client.get("/").status_code == 200


def test_an_account_made_by_the_administrator_changes_its_password_first(login, bureau_admin, db):
    response = login(bureau_admin).post(
        "/admin/bureau/user/add/",
        {
            "username": "newclerk",
            "password1": "Chu-Shi-Mima-1!",
            "password2": "Chu-Shi-Mima-1!",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="newclerk")
    assert user.must_change_password
    client = Client()
    post_password(client, "newclerk", "Chu-Shi-Mima-1!")
    assert client.get("/")["Location"] == "/accounts/password/"
    assert "请先修改密码" in client.get("/accounts/password/").content.decode()
    assert _change(client, "Zi-Ji-De-Mima-2!", old="Chu-Shi-Mima-1!").status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get("/").status_code == 200


def test_a_director_account_made_on_the_firm_page_changes_its_password_first(db):
    from firms.models import Firm  # noqa: F401  (the service lives in firms)
    from firms.services import director_account_create
    from tests.factories import FirmFactory, LawyerFactory

    firm = FirmFactory()
    lawyer = LawyerFactory(firm=firm)
    firm.director = lawyer
    firm.save()
    user, _password = director_account_create(firm=firm, username="newdirector")
    assert user.must_change_password


def test_factory_and_demo_accounts_are_not_forced(client, inspector):
    assert not inspector.must_change_password
    post_password(client, "inspector")
    assert client.get("/").status_code == 200

