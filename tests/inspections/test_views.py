"""The pages do what they say: forms save through the services, bad input gets a Chinese message
and saves nothing, lists run a fixed number of queries."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inspections.models import Draw, Finding, Inspection, Plan, Response

from .conftest import make_inspection, rectifying

pytestmark = pytest.mark.django_db
PDF_BYTES = b"%PDF-1.4\n% report\n"


def test_staff_creates_plan_and_draws(login, staff, checklist, firm, inspector_entry, inspector2_entry):
    client = login(staff)
    response = client.post(
        "/inspections/plans/new/",
        {
            "year": 2026,
            "batch": 1,
            "kind": "random",
            "title": "2026年第一批",
            "checklist": checklist.pk,
            "sampling": "ratio",
            "ratio_percent": 10,
            "inspectors_per_target": 2,
            "starts_on": "2026-09-21",
            "ends_on": "2026-10-30",
        },
    )
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/inspections/plans/{plan.pk}/"
    # The draw asks once more, then draws on the confirmed post.
    response = client.post(f"/inspections/plans/{plan.pk}/draw/", {"reason": ""})
    assert response.status_code == 200 and "确认抽取" in response.content.decode()
    assert not Draw.objects.exists()
    response = client.post(f"/inspections/plans/{plan.pk}/draw/", {"reason": "", "confirmed": "1"})
    draw = Draw.objects.get()
    assert response["Location"] == f"/inspections/draws/{draw.pk}/"
    page = client.get(f"/inspections/draws/{draw.pk}/").content.decode()
    assert firm.name in page and draw.seed in page and "复核一致" in page
    # A second draw without a reason is refused on the form.
    response = client.post(f"/inspections/plans/{plan.pk}/draw/", {"reason": ""})
    assert response.status_code == 400 and "重新抽取须写明理由" in response.content.decode()
    assert Draw.objects.count() == 1
    pdf = client.get(f"/inspections/draws/{draw.pk}/record.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_plan_form_rejects_one_inspector(login, staff, checklist):
    response = login(staff).post(
        "/inspections/plans/new/",
        {
            "year": 2026,
            "batch": 1,
            "kind": "random",
            "title": "x",
            "checklist": checklist.pk,
            "sampling": "count",
            "target_count": "",
            "inspectors_per_target": 1,
            "starts_on": "2026-09-21",
            "ends_on": "2026-10-30",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "按数量抽取须填写抽取数量" in html
    assert not Plan.objects.exists()


def test_failed_draw_shows_reason(login, staff, plan, firm, inspector_entry):
    response = login(staff).post(f"/inspections/plans/{plan.pk}/draw/", {"confirmed": "1"})
    assert response.status_code == 400 and "检查人员只有1名" in response.content.decode()
    assert not Draw.objects.exists()


def test_inspector_records_concludes_and_issues_notice(
    login, inspection, inspector, inspector3_entry, checklist
):
    client = login(inspector)
    items = list(checklist.items.order_by("position"))
    data = {f"outcome_{i.pk}": "conforming" for i in items}
    data[f"outcome_{items[0].pk}"] = "nonconforming"
    response = client.post(f"/inspections/{inspection.pk}/findings/", data)
    assert response.status_code == 400 and "须写明存在的问题" in response.content.decode()
    assert not Finding.objects.exists()
    data[f"note_{items[0].pk}"] = "证书未悬挂"
    assert client.post(f"/inspections/{inspection.pk}/findings/", data).status_code == 302
    assert Finding.objects.count() == 3
    bad = client.post(
        f"/inspections/{inspection.pk}/evidence/",
        {"finding": Finding.objects.first().pk, "file": SimpleUploadedFile("x.pdf", b"MZ not a pdf")},
    )
    assert bad.status_code == 400 and "文件内容与扩展名不符" in bad.content.decode()
    exe = client.post(
        f"/inspections/{inspection.pk}/evidence/",
        {"finding": Finding.objects.first().pk, "file": SimpleUploadedFile("x.exe", b"MZ")},
    )
    assert "只能上传PDF或图片" in exe.content.decode()
    ok = client.post(
        f"/inspections/{inspection.pk}/evidence/",
        {
            "finding": Finding.objects.first().pk,
            "file": SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\nxx"),
        },
    )
    assert ok.status_code == 302
    assert client.post(f"/inspections/{inspection.pk}/conclude/", {"result": "rectify"}).status_code == 302
    other = login(inspector3_entry.user)
    assert other.post(f"/inspections/{inspection.pk}/sign/").status_code == 302
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.RECTIFYING
    response = client.post(
        f"/inspections/{inspection.pk}/rectification/", {"requirement": "整改", "workdays": 20}
    )
    # 签发 asks for confirmation first and numbers nothing yet.
    assert response.status_code == 200 and "确认签发" in response.content.decode()
    assert not inspection.notices.exists()
    response = client.post(
        f"/inspections/{inspection.pk}/rectification/",
        {"requirement": "整改", "workdays": 20, "confirmed": "1"},
    )
    assert response.status_code == 302
    notice = inspection.notices.get()
    page = client.get(f"/inspections/{inspection.pk}/").content.decode()
    assert notice.doc_number in page


def test_upload_size_is_checked(login, inspection, inspector, inspector3_entry, director):
    rectifying(inspection, inspector, inspector3_entry.user)
    from inspections.rectification import notice_issue

    notice_issue(inspection=inspection, user=inspector, requirement="整改")
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1))
    response = login(director).post(f"/inspections/{inspection.pk}/response/", {"file": big})
    assert response.status_code == 400 and "文件不能超过10MB" in response.content.decode()
    assert not Response.objects.exists()
    ok = login(director).post(
        f"/inspections/{inspection.pk}/response/",
        {"file": SimpleUploadedFile("r.pdf", PDF_BYTES), "note": "已改"},
    )
    assert ok.status_code == 302 and Response.objects.count() == 1


def test_inspection_list_runs_fixed_queries(
    login, staff, plan, inspector_entry, inspector3_entry, django_assert_num_queries
):
    from tests.factories import FirmFactory

    client = login(staff)
    make_inspection(plan, FirmFactory(), [inspector_entry, inspector3_entry], user=staff)
    client.get("/inspections/")  # warm the session
    # session, user, groups (role), count, page of inspections with firm and plan, assignments with
    # inspectors (prefetch); the header's settings row is kept by the process and the session is
    # renewed once a minute, not on every page
    with django_assert_num_queries(6):
        client.get("/inspections/")
    for _ in range(5):
        make_inspection(plan, FirmFactory(), [inspector_entry, inspector3_entry], user=staff)
    with django_assert_num_queries(6):
        client.get("/inspections/")


def test_inspection_detail_runs_fixed_queries(
    login, staff, plan, inspector_entry, inspector3_entry, firm, django_assert_max_num_queries
):
    inspection = make_inspection(plan, firm, [inspector_entry, inspector3_entry], user=staff)
    client = login(staff)
    client.get(f"/inspections/{inspection.pk}/")
    with django_assert_max_num_queries(14) as first:
        client.get(f"/inspections/{inspection.pk}/")
    n = len(first.captured_queries)
    rectifying(inspection, inspector_entry.user, inspector3_entry.user)
    with django_assert_max_num_queries(n + 4):  # notices, responses, verification prefetches appear
        client.get(f"/inspections/{inspection.pk}/")


def test_publication_queue_and_public_page(login, staff, inspection, inspector, inspector3_entry, client):
    from inspections.rectification import inspection_conclude, inspection_sign

    from .conftest import record_all

    record_all(inspection, inspector, problem=False)
    inspection_conclude(inspection=inspection, user=inspector, result="pass")
    inspection_sign(inspection=inspection, user=inspector3_entry.user)
    staff_client = login(staff)
    assert inspection.firm.name in staff_client.get("/inspections/publication/").content.decode()
    assert inspection.firm.name not in client.get("/public/inspections/").content.decode()
    response = staff_client.post(f"/inspections/{inspection.pk}/publish/")
    assert response.status_code == 200 and "确认公开检查结果" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.published_at is None
    response = staff_client.post(f"/inspections/{inspection.pk}/publish/", {"confirmed": "1"})
    assert response.status_code == 302
    public = client.get("/public/inspections/").content.decode()
    assert inspection.firm.name in public and "合格" in public
    # No personal data: no inspector's or director's name, no account, no certificate number.
    for secret in ["陈检查员", "周检查员", "李主任", "inspector", "甘执A001"]:
        assert secret not in public


def test_public_verify_page_recomputes_and_names_nobody(
    client, staff, plan, firm, inspector_entry, inspector2_entry
):
    from inspections import services

    draw = services.draw_plan(plan=plan, user=staff)
    response = client.get(f"/public/draws/{draw.pk}/verify/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "复核结论：一致" in html and draw.seed in html and draw.targets_hash in html
    for secret in ["陈检查员", "刘检查员", "王科员", "甘执A001", "甘执A002"]:
        assert secret not in html
    assert client.get("/public/draws/999999/verify/").status_code == 404


def test_dashboards_show_overdue_rectifications(
    login, staff, inspection, inspector, inspector3_entry, director
):
    from inspections.rectification import notice_issue

    rectifying(inspection, inspector, inspector3_entry.user, on=datetime.date(2026, 9, 25))
    notice_issue(
        inspection=inspection, user=inspector, requirement="整改", issued_on=datetime.date(2026, 9, 28)
    )
    for user in (staff, inspector, director):
        html = login(user).get("/").content.decode()
        assert "逾期未整改" in html
    from inspections.contrib import bureau_items, director_items, inspector_items

    assert next(i for i in bureau_items(staff) if i["label"] == "逾期未整改")["count"] == 1
    assert next(i for i in inspector_items(inspector) if i["label"] == "逾期未整改")["count"] == 1
    assert next(i for i in director_items(director) if i["label"] == "逾期未整改")["count"] == 1


def test_dashboard_items_keep_to_one_query(staff, inspector, director, django_assert_num_queries):
    from inspections.contrib import bureau_items, director_items, inspector_items

    for func, user in ((bureau_items, staff), (inspector_items, inspector), (director_items, director)):
        user.__dict__.pop("_portal_roles", None)
        func(user)  # roles cached
        with django_assert_num_queries(1):
            func(user)


def test_firm_section_lists_the_firms_inspections(staff, inspection, firm, director2):
    from inspections.contrib import firm_section

    assert [i.pk for i in firm_section(staff, firm)["inspections"]] == [inspection.pk]
    assert firm_section(director2, firm)["inspections"] == []


def test_registers_page_declares_conflict(login, staff, inspector_entry, firm):
    client = login(staff)
    response = client.post(
        "/inspections/registers/",
        {
            "form": "conflict",
            "conflict-inspector": inspector_entry.pk,
            "conflict-firm": firm.pk,
            "conflict-reason": "relative",
        },
    )
    assert response.status_code == 302
    html = client.get("/inspections/registers/").content.decode()
    assert "近亲属" in html and "甘执A001" in html
    again = client.post(
        "/inspections/registers/",
        {
            "form": "conflict",
            "conflict-inspector": inspector_entry.pk,
            "conflict-firm": firm.pk,
            "conflict-reason": "other",
        },
    )
    assert again.status_code == 200 and "该检查人员与该律所的回避关系已登记" in again.content.decode()


def test_visit_recorded_by_inspector(login, inspector, firm, inspection):
    from inspections.models import Visit

    response = login(inspector).post(
        "/inspections/visits/",
        {
            "firm": firm.pk,
            "visited_on": "2026-05-06",
            "visitors": "陈检查员",
            "problems": "案源少",
            "help_given": "对接法律援助",
        },
    )
    assert response.status_code == 302
    assert Visit.objects.get().recorded_by == inspector


def test_staff_adds_inspector_to_register_and_suspends_them(login, staff, inspector):
    from inspections.models import Inspector

    client = login(staff)
    response = client.post(
        "/inspections/registers/",
        {"form": "inspector", "inspector-user": inspector.pk, "inspector-certificate_no": "示执0009"},
    )
    assert response.status_code == 302
    entry = Inspector.objects.get(user=inspector)
    assert entry.certificate_no == "示执0009" and entry.is_active
    client.post(f"/inspections/registers/{entry.pk}/toggle/")
    entry.refresh_from_db()
    assert not entry.is_active
    # The same account cannot be registered twice: it is no longer offered.
    again = client.post(
        "/inspections/registers/",
        {"form": "inspector", "inspector-user": inspector.pk, "inspector-certificate_no": "示执0010"},
    )
    assert again.status_code == 200 and Inspector.objects.count() == 1


def test_staff_edits_checklist(login, staff, checklist):
    client = login(staff)
    response = client.post(
        "/inspections/checklists/",
        {
            "form": "item",
            "item-template": checklist.pk,
            "item-section": "party",
            "item-text": "党建联络员按期参加培训",
            "item-rule": "本局党建工作要求",
            "item-requirement": "安排补训",
        },
    )
    assert response.status_code == 302
    item = checklist.items.get(text="党建联络员按期参加培训")
    assert item.position == 4  # after the three existing items
    client.post("/inspections/checklists/", {"form": "template", "template-name": "专项检查表"})
    html = client.get("/inspections/checklists/").content.decode()
    assert "专项检查表" in html and "党建联络员按期参加培训" in html
    empty = client.post("/inspections/checklists/", {"form": "item", "item-template": checklist.pk})
    assert empty.status_code == 200 and checklist.items.count() == 4


def test_inspector_corrects_a_notice(login, inspection, inspector, inspector3_entry):
    from inspections.models import RectificationNotice
    from inspections.rectification import notice_issue

    rectifying(inspection, inspector, inspector3_entry.user)
    notice = notice_issue(inspection=inspection, user=inspector, requirement="整改")
    client = login(inspector)
    assert "签发更正通知" in client.get(f"/inspections/{inspection.pk}/").content.decode()
    response = client.post(
        f"/inspections/notices/{notice.pk}/correct/",
        {"requirement": "更正后的要求", "workdays": 15, "confirmed": "1"},
    )
    assert response.status_code == 302
    correction = RectificationNotice.objects.get(kind="correction")
    assert correction.refers_to == notice and correction.workdays == 15
    pdf = client.get(f"/inspections/notices/{correction.pk}.pdf")
    assert pdf.status_code == 200


def test_publish_redirect_stays_on_site(login, staff, inspection, inspector, inspector3_entry):
    from inspections.rectification import inspection_conclude, inspection_sign

    from .conftest import record_all

    record_all(inspection, inspector, problem=False)
    inspection_conclude(inspection=inspection, user=inspector, result="pass")
    inspection_sign(inspection=inspection, user=inspector3_entry.user)
    client = login(staff)
    asked = client.post(f"/inspections/{inspection.pk}/publish/", {"next": "https://evil.example/"})
    assert "evil.example" not in asked.content.decode()
    response = client.post(
        f"/inspections/{inspection.pk}/publish/", {"next": "https://evil.example/", "confirmed": "1"}
    )
    assert response["Location"] == "/inspections/publication/"


def test_inspection_notice_is_printed_only_once_issued(login, director, inspector, inspection):
    import io

    from pypdf import PdfReader

    from inspections.models import DocumentCounter

    director_client = login(director)
    before = director_client.get(f"/inspections/{inspection.pk}/notice.pdf")
    assert before.status_code == 409 and "检查通知书尚未签发" in before.content.decode()
    inspection.refresh_from_db()
    assert inspection.notice_number == "" and not DocumentCounter.objects.exists()

    client = login(inspector)
    client.post(f"/inspections/{inspection.pk}/notice/issue/", {"confirmed": "1"})
    first = director_client.get(f"/inspections/{inspection.pk}/notice.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(first.content)).pages).replace("\n", "")
    assert "检查通知书" in text and inspection.firm.name in text and "司律检〔2026〕1号" in text
    director_client.get(f"/inspections/{inspection.pk}/notice.pdf")
    inspection.refresh_from_db()
    assert inspection.notice_number.endswith("〔2026〕1号")  # printing again keeps the number


def test_public_and_plan_lists_run_fixed_queries(
    client, login, staff, plan, inspector_entry, inspector3_entry, django_assert_num_queries
):
    from django.utils import timezone

    from tests.factories import FirmFactory

    def add(n):
        for _ in range(n):
            i = make_inspection(plan, FirmFactory(), [inspector_entry, inspector3_entry], user=staff)
            Inspection.objects.filter(pk=i.pk).update(
                concluded_on=plan.starts_on, published_at=timezone.now()
            )

    staff_client = login(staff)
    staff_client.get("/inspections/plans/")
    client.get("/public/inspections/")
    for n in (1, 5):
        add(n)
        # count, page of published inspections with firm and plan (the header's settings row is
        # kept by the process)
        with django_assert_num_queries(2):
            client.get("/public/inspections/")
        # session, user, roles, count, page of plans with counts (the session is renewed once a
        # minute, not on every page)
        with django_assert_num_queries(5):
            staff_client.get("/inspections/plans/")


def test_staff_sets_inspection_date_within_the_plan(login, staff, inspection):
    client = login(staff)
    bad = client.post(f"/inspections/{inspection.pk}/schedule/", {"scheduled_on": "2027-01-05"})
    assert bad.status_code == 400 and "须在计划的检查期间" in bad.content.decode()
    ok = client.post(f"/inspections/{inspection.pk}/schedule/", {"scheduled_on": "2026-10-12"})
    assert ok.status_code == 302
    inspection.refresh_from_db()
    assert inspection.scheduled_on == datetime.date(2026, 10, 12)
