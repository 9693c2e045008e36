"""The printed documents (GB/T 9704 layout): text in the order of the standard, the closing and the
signature never alone on a page, the issue date as the document date, a 送达回证 page for what is
served on a firm, and a draw record that leads to the public check from paper.

With DOCUMENT_PNG_DIR set, each rendered PDF is also written there as PNG pages (pdftoppm -r 60)
for looking at."""

import io
import os
import pathlib
import re
import subprocess

import pytest
from django.conf import settings
from django.utils import timezone
from pypdf import PdfReader

from bureau.models import BureauSettings
from inspections import rectification
from inspections.models import ChecklistItem

from .conftest import rectifying

pytestmark = pytest.mark.django_db


def _pages(pdf, name):
    """Text of each page, line breaks removed (pypdf breaks lines where the layout does)."""
    png_dir = os.environ.get("DOCUMENT_PNG_DIR")
    if png_dir:
        path = pathlib.Path(png_dir) / f"{name}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(path.with_suffix(""))], check=True)
    return [re.sub(r"[\n \u3000]", "", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _in_order(text, parts):
    """Each part found after the one before it."""
    position = -1
    for part in parts:
        found = text.find(part, position + 1)
        assert found > position, (part, text)
        position = found


def _date(day):
    return f"{day.year}年{day.month}月{day.day}日"


def _body_pages(pages, *, closing, signature_date):
    """Checks that the page holding the closing line also holds the paragraph before it, the
    signature and the date, and returns the number of pages before the 送达回证."""
    receipt = pages[-1]
    assert receipt.startswith("送达回证") or "送达回证" in receipt[:20], receipt
    assert "受送达人签收" in receipt and "送达人签名" in receipt
    body = pages[:-1]
    assert all("送达回证" not in page for page in body)
    [last] = [page for page in body if "特此通知。" in page]
    assert last is body[-1]
    bureau = BureauSettings.load().bureau_name
    tail = last[last.index("特此通知。") :]
    _in_order(tail, [bureau, signature_date])
    assert closing in last[: last.index("特此通知。")], last
    return len(body)


def _add_items(checklist, count, *, length):
    for n in range(count):
        ChecklistItem.objects.create(
            template=checklist,
            section="practice",
            position=100 + n,
            text=f"第{n + 1}项补充检查内容：" + "律师事务所执业管理制度落实情况" * length,
            rule="",
            requirement="",
        )


@pytest.mark.parametrize("extra_items", [0, 6, 9, 12, 15, 24])
def test_inspection_notice_layout(login, inspection, inspector, checklist, extra_items):
    _add_items(checklist, extra_items, length=2)
    number = rectification.inspection_notice_issue(inspection=inspection, user=inspector)
    response = login(inspector).get(f"/inspections/{inspection.pk}/notice.pdf")
    assert response.status_code == 200
    pages = _pages(response.content, f"inspection-notice-{extra_items}")
    bureau = BureauSettings.load().bureau_name
    issued = timezone.localdate()
    assert issued != inspection.scheduled_on
    _in_order(
        "".join(pages),
        [
            *(bureau, number, "检查通知书", f"{inspection.firm.name}：", "根据《律师事务所管理办法》"),
            *("特此通知。", bureau, _date(issued), "送达回证"),
        ],
    )
    n_body = _body_pages(pages, closing="如实提供有关材料。", signature_date=_date(issued))
    # The document date is the issue date; the inspection day is only in the body.
    assert _date(inspection.scheduled_on) in pages[0]
    assert "印章" not in "".join(pages)
    if extra_items == 0:
        assert n_body == 1
    if extra_items == 24:
        assert n_body >= 2
    assert f"检查通知书（{number}）" in pages[-1] and inspection.firm.name in pages[-1]


@pytest.mark.parametrize("repeat", [1, 12, 18, 24, 30, 60])
def test_rectification_notice_layout(login, inspection, inspector, inspector3_entry, repeat):
    rectifying(inspection, inspector, inspector3_entry.user)
    notice = rectification.notice_issue(
        inspection=inspection,
        user=inspector,
        requirement="请你所逐项对照检查发现的问题，建立整改台账，明确责任人和完成时限。" * repeat,
        workdays=10,
    )
    response = login(inspector).get(f"/inspections/notices/{notice.pk}.pdf")
    assert response.status_code == 200
    pages = _pages(response.content, f"rectification-notice-{repeat}")
    bureau = BureauSettings.load().bureau_name
    _in_order(
        "".join(pages),
        [
            *(bureau, notice.doc_number, "责令限期整改通知书", f"{notice.firm_name}：", "执业许可证书未悬挂"),
            *("特此通知。", bureau, _date(notice.issued_on), "送达回证"),
        ],
    )
    n_body = _body_pages(pages, closing="依法依规处理。", signature_date=_date(notice.issued_on))
    if repeat == 60:
        assert n_body >= 2
    assert "印章" not in "".join(pages)


def test_draw_record_prints_absolute_address_qr_wrapped_hashes_and_dated_signatures(login, staff, inspection):
    draw = inspection.draw
    response = login(staff).get(f"/inspections/draws/{draw.pk}/record.pdf")
    assert response.status_code == 200
    pdf = response.content
    pages = _pages(pdf, "draw-record")
    text = "".join(pages)
    address = f"{settings.PORTAL_BASE_URL}/public/draws/{draw.pk}/verify/"
    assert address.startswith("http")
    assert address.replace(" ", "") in text
    # The 64-character hash is printed whole (wrapped inside its cell, nothing cut off).
    assert draw.targets_hash in text
    # A date line beside each signature.
    _in_order(text, ["抽取人（签名）：", "日期：年月日", "监督人（签名）：", "日期：年月日"])
    # The QR code is drawn on the page (an embedded image or vector form).
    # A usual draw fits one page, signatures included.
    assert len(pages) == 1
    page = PdfReader(io.BytesIO(pdf)).pages[-1]
    assert page["/Resources"].get("/XObject"), "no QR image on the page"


def test_one_named_print_action_per_document(login, inspection, inspector, inspector3_entry):
    number = rectification.inspection_notice_issue(inspection=inspection, user=inspector)
    rectifying(inspection, inspector, inspector3_entry.user)
    notice = rectification.notice_issue(
        inspection=inspection, user=inspector, requirement="请整改。", workdays=5
    )
    html = login(inspector).get(f"/inspections/{inspection.pk}/").content.decode()
    links = re.findall(r'href="([^"]+\.pdf)"', html)
    expected = [f"/inspections/{inspection.pk}/notice.pdf", f"/inspections/notices/{notice.pk}.pdf"]
    assert sorted(links) == sorted(expected)
    assert f"打印检查通知书（{number}）" in html
    assert f"打印整改通知书（{notice.doc_number}）" in html
