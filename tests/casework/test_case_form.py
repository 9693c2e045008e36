"""The registration form: nothing chosen for the user that decides the number, the matter and
today carried in, causes checked against the type, and one number format (〔2026〕)."""

import re

from django.urls import reverse
from django.utils import timezone

from casework.models import Case

from .conftest import make_check


def _register(client, check, **fields):
    data = {
        "cause": "民间借贷纠纷",
        "intake_date": "2026-03-02",
        "agreed_fee": "0",
        "lawyers": [fields.pop("lawyer").pk],
    }
    data.update(fields)
    return client.post(reverse("casework:case_register", args=[check.pk]), data)


def test_the_form_starts_with_no_type_the_matter_and_today(login, director, firm):
    check = make_check(firm, director, matter="建设工程施工合同纠纷")
    page = login(director).get(reverse("casework:case_register", args=[check.pk])).content.decode()
    select = page.split('name="case_type"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'<option value="([^"]*)"[^>]*selected', select) == [""]
    assert re.search(r'name="cause" value="建设工程施工合同纠纷"', page)
    assert f'name="intake_date" value="{timezone.localdate().isoformat()}"' in page
    assert '<datalist id="cause-options-administrative"><option value="行政处罚">' in page


def test_no_type_is_refused_in_words(login, director, firm, lawyer):
    response = _register(login(director), make_check(firm, director), lawyer=lawyer, case_type="")
    assert "请选择案件类型" in response.content.decode()
    assert not Case.objects.exists()


def test_a_civil_cause_under_administrative_is_questioned_then_confirmed(login, director, firm, lawyer):
    client, check = login(director), make_check(firm, director)
    response = _register(client, check, lawyer=lawyer, case_type="administrative")
    page = response.content.decode()
    assert response.status_code == 200 and not Case.objects.exists()
    assert "案由“民间借贷纠纷”通常属于民事案件，与所选案件类型“行政”不一致" in page
    assert 'name="confirm_cause"' in page
    response = _register(client, check, lawyer=lawyer, case_type="administrative", confirm_cause="on")
    case = Case.objects.get()
    assert response.status_code == 302 and case.case_type == "administrative"
    assert case.intake_no == "〔2026〕律行字第1号"


def test_a_fitting_cause_asks_nothing(login, director, firm, lawyer):
    page = login(director).get(reverse("casework:case_register", args=[make_check(firm, director).pk]))
    assert 'name="confirm_cause"' not in page.content.decode()
    response = _register(login(director), make_check(firm, director), lawyer=lawyer, case_type="civil")
    assert response.status_code == 302
    assert Case.objects.get().intake_no.startswith("〔2026〕")


def test_the_numbering_page_shows_the_year_in_hexagonal_brackets(login, director):
    page = login(director).get(reverse("casework:numbering")).content.decode()
    assert "〔" in page and "(20" not in page
