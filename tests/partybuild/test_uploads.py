"""Meeting attachments: photos (JPEG, PNG) and PDF only, judged by content; size capped by a setting."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from partybuild.models import Attachment, Meeting, PartySettings
from partybuild.services import check_attachment

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"\x00" * 64


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("photo.png", PNG, "image/png"),
        ("photo.JPG", JPEG, "image/jpeg"),
        ("minutes.pdf", PDF, "application/pdf"),
    ],
)
def test_accepted_types(name, content, expected):
    assert check_attachment(SimpleUploadedFile(name, content), max_bytes=1024) == expected


@pytest.mark.parametrize(
    "name,content",
    [
        ("fake.pdf", b"MZ\x90\x00 an executable"),  # right extension, wrong content
        ("photo.png", PDF),  # content does not match the extension
        ("minutes.docx", b"PK\x03\x04"),  # not an accepted type
        ("script.pdf.exe", PDF),
    ],
)
def test_refused_types(name, content):
    with pytest.raises(ValidationError, match="不是可接受的"):
        check_attachment(SimpleUploadedFile(name, content), max_bytes=1024)


def test_size_limit_is_a_setting(db):
    settings = PartySettings.load()
    settings.attachment_max_mb = 1
    settings.save()
    big = SimpleUploadedFile("big.pdf", PDF + b"\x00" * (1024 * 1024))
    with pytest.raises(ValidationError, match="超过 1 MB"):
        check_attachment(big)
    assert check_attachment(SimpleUploadedFile("ok.pdf", PDF)) == "application/pdf"


def test_default_size_limit_is_10_mb(db):
    assert PartySettings.load().attachment_max_bytes == 10 * 1024 * 1024


def test_oversized_attachment_on_meeting_form_saves_nothing(login, staff, branch):
    settings = PartySettings.load()
    settings.attachment_max_mb = 1
    settings.save()
    before = Meeting.objects.count()
    response = login(staff).post(
        "/party/meetings/new/",
        {
            "branch": branch.pk,
            "kind": "members",
            "held_on": "2026-06-01",
            "topic": "学习",
            "host": "甲",
            f"att_{branch.staff_member.pk}": "present",
            "attachments": [SimpleUploadedFile("big.pdf", PDF + b"\x00" * (1024 * 1024))],
        },
    )
    assert response.status_code == 400
    assert "超过 1 MB" in response.content.decode()
    assert Meeting.objects.count() == before and Attachment.objects.count() == 0


def test_non_pdf_upload_on_meeting_page_is_refused(login, staff, branch):
    response = login(staff).post(
        f"/party/meetings/{branch.meeting.pk}/attachments/",
        {"file": SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>")},
        follow=True,
    )
    assert "不是可接受的照片" in response.content.decode()
    assert Attachment.objects.count() == 0
