"""The daily digest reaches a real SMTP server (aiosmtpd, started here): the right items, in
Chinese, HTML and plain text, with absolute links that open the records; once per day."""

import email
import email.policy
import re
import socket
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller

from bureau.models import User
from bureau.notifications.models import Delivery
from tests.casework.conftest import make_case
from tests.factories import LawyerFactory

from .conftest import D, run

pytestmark = pytest.mark.django_db


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.PORTAL_BASE_URL = "http://portal.example.test"
    try:
        yield sink
    finally:
        controller.stop()


def _parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_digest_arrives_with_the_right_items_in_chinese_with_working_links(
    smtp, firm, other_firm, director, director2, staff, login
):
    User.objects.filter(pk=director.pk).update(email="director@example.test")
    User.objects.filter(pk=director2.pk).update(email="director2@example.test", email_reminders="none")
    lawyer = LawyerFactory(firm=firm)
    case = make_case(firm, director, [lawyer], intake_date=D(2026, 10, 16))
    type(case).objects.filter(pk=case.pk).update(is_sensitive=True, sensitive_due_on=D(2026, 10, 21))

    result = run(D(2026, 10, 19))  # quarterly due tomorrow, the sensitive filing in two days
    assert result.delivered["email"] == 2

    assert [to for to, _m in smtp.messages] == [["director@example.test"]]
    message = smtp.messages[0][1]
    assert message["Subject"].strip() == "【律师行业监管平台】2026年10月19日 待办提醒（2项）"
    text, html = _parts(message)
    for body in (text, html):
        assert "甲律师事务所：2026年第3季度统计报表" in body
        assert f"重大敏感案件备案：甲律师事务所 {case.intake_no}" in body
        assert "1个工作日内到期" in body and "5个工作日内到期" in body
        assert "乙律师事务所" not in body  # the other firm's deadline is not this director's
    assert "李主任，您好" in text
    links = set(re.findall(r"https?://[^\s\"<]+", text)) | set(re.findall(r'href="([^"]+)"', html))
    record_links = {
        "http://portal.example.test/quarterly/",
        f"http://portal.example.test/cases/{case.pk}/sensitive/",
    }
    assert record_links <= links
    client = login(director)
    for link in links:
        parts = urlsplit(link)
        assert parts.netloc == "portal.example.test"
        assert client.get(parts.path).status_code == 200, link

    # A second run the same day sends nothing more; the next step mails again.
    run(D(2026, 10, 19))
    assert len(smtp.messages) == 1
    run(D(2026, 10, 20))
    assert len(smtp.messages) == 2
    assert Delivery.objects.filter(notification__user=director, channel="email").count() == 4


def test_at_once_sends_one_message_per_reminder(smtp, firm, director):
    User.objects.filter(pk=director.pk).update(email="director@example.test", email_reminders="instant")
    lawyer = LawyerFactory(firm=firm)
    case = make_case(firm, director, [lawyer], intake_date=D(2026, 10, 16))
    type(case).objects.filter(pk=case.pk).update(is_sensitive=True, sensitive_due_on=D(2026, 10, 21))
    run(D(2026, 10, 19))
    subjects = sorted(m["Subject"].strip() for _to, m in smtp.messages)
    assert subjects == [
        "【律师行业监管平台】提醒：甲律师事务所：2026年第3季度统计报表",
        f"【律师行业监管平台】提醒：重大敏感案件备案：甲律师事务所 {case.intake_no}",
    ]


def test_an_extra_channel_is_plugged_in_by_setting(settings, firm, director):
    settings.NOTIFICATION_CHANNELS = [
        "bureau.notifications.channels.EmailChannel",
        "tests.notifications.test_email.RecordingChannel",
    ]
    RecordingChannel.received = []
    run(D(2026, 10, 19))
    assert RecordingChannel.received == [(director.username, "casework.quarterly", "before:1")]
    assert Delivery.objects.filter(channel="recording").count() == 1


from bureau.notifications.channels import Channel  # noqa: E402


class RecordingChannel(Channel):
    """A stand-in for an SMS or WeCom gateway: records what it was handed."""

    name = "recording"
    received = []

    def deliver(self, user, notifications, *, today):
        self.received.extend((user.username, n.kind, n.step) for n in notifications)
        return notifications
