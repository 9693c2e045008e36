"""A sensitive case of a past year comes in with its filing with the bureau, dated as it was filed,
so that the year's report counts it and the case is not shown as overdue; a filing the form would
refuse is refused row by row."""

import datetime

import pytest

from casework.imports import run_import
from casework.models import Case, SensitiveFiling
from casework.statistics import year_figures
from tests.factories import LawyerFactory

from .import_sheets import case_row, case_sheet

pytestmark = pytest.mark.django_db

FILED = {
    "重大敏感案件": "是",
    "备案日期": "2024-03-08",
    "备案基本案情": "群体性劳动争议，涉及职工四十余人。",
    "备案主要法律问题": "欠薪责任主体的认定。",
    "备案律师意见": "建议先行调解。",
}


@pytest.fixture
def licence(firm):
    return LawyerFactory(firm=firm, licence_no="16299201010900011").licence_no


def test_a_filed_sensitive_case_is_imported_with_its_filing_date(firm, director, licence):
    rows = [case_row(1, licence, **FILED), case_row(2, licence, 重大敏感案件="是"), case_row(3, licence)]
    result = run_import("cases", case_sheet(rows), firm=firm, user=director, on_behalf=False)
    assert result.ok and result.created == 3
    filing = SensitiveFiling.objects.get()
    assert filing.case.intake_no == "〔2024〕律民字第1号"
    assert filing.filed_on == datetime.date(2024, 3, 8) and filing.filed_by == director
    assert filing.authority == "示范县人民法院" and filing.legal_issues == "欠薪责任主体的认定。"
    assert filing.client == case_row(1, licence)["当事人"].split("|")[0]
    # Counted in 2024 by the date it was filed; the sensitive case without a filing is not.
    assert year_figures(2024)["sensitive_filings"] == 1
    assert Case.objects.filter(is_sensitive=True).count() == 2


@pytest.mark.parametrize(
    "overrides, column, message",
    [
        ({**FILED, "重大敏感案件": "否"}, "备案日期", "只有重大敏感案件才能备案。"),
        ({**FILED, "备案日期": "2024-03-01"}, "备案日期", "备案日期不能早于收案日期。"),
        ({**FILED, "备案日期": "2099-01-01"}, "备案日期", "日期不能晚于今天。"),
        ({**FILED, "备案律师意见": ""}, "备案律师意见", "填写备案日期的须填写此项。"),
        ({**FILED, "受理法院或机关": ""}, "受理法院或机关", "已备案的案件须填写受理法院或机关。"),
        (
            {"重大敏感案件": "是", "备案基本案情": "有案情无日期"},
            "备案基本案情",
            "未填写备案日期的，不填写备案内容。",
        ),
    ],
)
def test_a_filing_the_form_would_refuse_is_listed_and_nothing_written(
    firm, director, licence, overrides, column, message
):
    rows = [case_row(1, licence), case_row(2, licence, **overrides)]
    result = run_import("cases", case_sheet(rows), firm=firm, user=director, on_behalf=False)
    assert result.errors == [(3, column, message)]
    assert Case.objects.count() == 0 and SensitiveFiling.objects.count() == 0
