"""Training, assessment and restructuring pages run a fixed number of queries whatever the row count."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from firms import services
from firms.models import Firm, TrainingAttendance, TrainingSession
from tests.factories import FirmFactory, LawyerFactory

D = datetime.date


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow(firm, n):
    """n more practising lawyers at `firm`, each at a training session of 2026."""
    session = TrainingSession.objects.create(
        title="业务培训", held_on=D(2026, 4, 1), organiser="县律协", kind="practice", hours=2
    )
    for lawyer in LawyerFactory.create_batch(n, firm=firm):
        TrainingAttendance.objects.create(session=session, lawyer=lawyer, hours=2)
    return session


def test_training_pages_fixed_queries(login, staff, firm):
    client = login(staff)
    session = _grow(firm, 1)
    urls = [
        "/training/?year=2026",
        "/training/shortfall/?year=2026",
        f"/training/{session.pk}/",
        f"/firms/{firm.pk}/lawyer-assessments/2025/",
        "/firms/assessments/2025/",
    ]
    for url in urls:
        client.get(url)  # session renewal and other first-visit queries out of the way
    small = [_queries(client, url) for url in urls]
    _grow(firm, 20)
    FirmFactory.create_batch(10)
    large = [_queries(client, url) for url in urls]
    # Every page: session, user, roles (the layout's settings row is kept per process and the
    # session renewed at most once a minute). Sessions of the year; the shortfall's count and page,
    # with the settings read for the requirement twice; the session, its attendance and the
    # practising roll; the firm, its assessments and lawyers; the year's assessments and the firms.
    expected = [4, 7, 6, 6, 5]
    assert dict(zip(urls, small, strict=True)) == dict(zip(urls, expected, strict=True))
    assert dict(zip(urls, large, strict=True)) == dict(zip(urls, expected, strict=True))


def test_restructuring_page_fixed_queries(login, staff):
    firm = FirmFactory(organisation_form=Firm.Form.STATE)
    restructuring = services.restructuring_start(firm=firm, target_form=Firm.Form.PARTNERSHIP)
    client = login(staff)
    url = f"/firms/{firm.pk}/restructuring/"
    client.get(url)
    before = _queries(client, url)
    from django.core.files.uploadedfile import SimpleUploadedFile

    for step in restructuring.steps.all():
        for n in range(3):
            services.restructuring_document_add(
                step=step, title=f"文件{n}", file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"), user=staff
            )
    assert _queries(client, url) == before


def test_training_list_filters_by_kind_and_ignores_a_bad_kind(login, staff):
    for title, kind in (("纪律课", "discipline"), ("新法课", "new_law")):
        TrainingSession.objects.create(title=title, held_on=D(2026, 3, 1), organiser="局", kind=kind, hours=2)
    client = login(staff)
    body = client.get("/training/?year=2026&kind=new_law").content.decode()
    assert "新法课" in body and "纪律课" not in body
    body = client.get("/training/?year=2026&kind=nonsense").content.decode()
    assert "新法课" in body and "纪律课" in body
