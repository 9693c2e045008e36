"""Dates the user states: a sensitive filing's date (default today, never in the future, never
before the intake), receipts and closing never in the future; legal aid and pro bono owe no receipt."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casework import selectors, services
from casework.models import Case

from .conftest import make_case

pytestmark = pytest.mark.django_db

FILING = {
    "client": "甲方公司",
    "authority": "示范县人民法院",
    "facts": "案情",
    "legal_issues": "问题",
    "lawyer_opinion": "意见",
}


def test_sensitive_filing_takes_the_stated_date(firm, director, lawyer):
    case = make_case(firm, director, [lawyer], intake_date=datetime.date(2024, 3, 4), is_sensitive=True)
    filing = services.sensitive_file(case=case, user=director, filed_on=datetime.date(2024, 3, 6), **FILING)
    assert filing.filed_on == datetime.date(2024, 3, 6)


def test_sensitive_filing_refuses_future_and_before_intake(firm, director, lawyer):
    case = make_case(firm, director, [lawyer], intake_date=datetime.date(2024, 3, 4), is_sensitive=True)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as future:
        services.sensitive_file(case=case, user=director, filed_on=tomorrow, **FILING)
    assert future.value.message_dict == {"filed_on": ["备案日期不能晚于今天。"]}
    with pytest.raises(ValidationError) as early:
        services.sensitive_file(case=case, user=director, filed_on=datetime.date(2024, 3, 3), **FILING)
    assert early.value.message_dict == {"filed_on": ["备案日期不能早于收案日期。"]}


def test_sensitive_form_shows_the_date_error_in_chinese(login, firm, director, lawyer):
    case = make_case(firm, director, [lawyer], intake_date=datetime.date(2024, 3, 4), is_sensitive=True)
    response = login(director).post(
        reverse("casework:sensitive_file", args=[case.pk]), {**FILING, "filed_on": "2024-03-01"}
    )
    assert response.status_code == 200 and "备案日期不能早于收案日期。" in response.content.decode()
    response = login(director).post(
        reverse("casework:sensitive_file", args=[case.pk]), {**FILING, "filed_on": "2024-03-05"}
    )
    assert response.status_code == 302
    assert case.sensitive_filing.filed_on == datetime.date(2024, 3, 5)


def test_receipt_and_closing_never_in_the_future(firm, director, lawyer):
    case = make_case(firm, director, [lawyer], intake_date=datetime.date(2024, 3, 4))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as receipt:
        services.receipt_add(case=case, receipt_no="P1", amount=100, received_on=tomorrow)
    assert receipt.value.message_dict == {"received_on": ["收费日期不能晚于今天。"]}
    with pytest.raises(ValidationError) as closing:
        services.case_update(
            case=case, expected_version=case.version, status="closed", closed_on=tomorrow, result="判决"
        )
    assert closing.value.message_dict == {"closed_on": ["结案日期不能晚于今天。"]}


def test_legal_aid_and_pro_bono_owe_no_receipt(firm, director, lawyer):
    old = datetime.date(2024, 3, 4)
    make_case(firm, director, [lawyer], intake_date=old, contract_no="HT1")
    make_case(
        firm,
        director,
        [lawyer],
        intake_date=old,
        contract_no="HT2",
        is_legal_aid=True,
        aid_body="示范县法律援助中心",
        aid_notice_no="援1",
    )
    make_case(firm, director, [lawyer], intake_date=old, contract_no="HT3", is_pro_bono=True)
    figures = selectors.year_completeness(2024)
    assert (figures["total"], figures["missing_receipt"]) == (3, 1)
    missing = [c.contract_no for c in selectors.with_completeness(Case.objects.all()) if c.missing_receipt]
    assert missing == ["HT1"]
