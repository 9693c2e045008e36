"""Quarterly figures are cross-checked (types add up to the total, no "其中" above its parent),
sub-items are indented, the due quarter is prefilled, a duplicate links to the report that exists,
and submit, accept and return each ask for a second, explicit click."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casework import quarters, services
from casework.models import QuarterlyReport

TODAY = datetime.date(2026, 7, 20)


@pytest.fixture
def report(firm, director):
    # No records: every prefilled figure is 0, so the expected sums are known by construction.
    return services.quarterly_create(firm=firm, user=director, year=2026, quarter=2, today=TODAY)


def _values(report, **changed):
    values = {key: (entry["value"], "") for key, entry in report.figures.items()}
    values.update({key: (value, "核对纸质台账") for key, value in changed.items()})
    return values


def _post_data(report, **changed):
    data = {"version": report.version, "action": "save"}
    for key, (value, reason) in _values(report, **changed).items():
        data[f"v_{key}"], data[f"r_{key}"] = value, reason
    return data


def test_a_total_that_its_types_do_not_add_up_to_is_refused(report):
    with pytest.raises(ValidationError) as exc:
        services.quarterly_save_figures(
            report=report,
            expected_version=report.version,
            values=_values(report, cases_total=11, cases_civil=10),
        )
    assert exc.value.message_dict["cases_total"] == ["收案总数（11）与各类型案件之和（10）不一致。"]
    report.refresh_from_db()
    assert report.figures["cases_total"]["value"] == 0  # nothing half-saved


def test_a_sub_item_above_its_parent_is_refused(report):
    with pytest.raises(ValidationError) as exc:
        services.quarterly_save_figures(
            report=report,
            expected_version=report.version,
            values=_values(report, legal_aid_cases=2, legal_aid_criminal=3),
        )
    [message] = exc.value.message_dict["legal_aid_criminal"]
    assert "“其中：刑事法律援助”（3）不能大于“法律援助案件”（2）" in message


def test_sub_items_that_together_exceed_their_parent_are_refused(report):
    with pytest.raises(ValidationError) as exc:
        services.quarterly_save_figures(
            report=report,
            expected_version=report.version,
            values=_values(report, legal_aid_cases=2, legal_aid_criminal=2, legal_aid_civil=1),
        )
    assert "各类法律援助案件之和（3）不能大于法律援助案件数（2）" in str(exc.value)


def test_consistent_figures_are_saved(report):
    services.quarterly_save_figures(
        report=report,
        expected_version=report.version,
        values=_values(
            report, cases_total=3, cases_civil=2, cases_criminal=1, legal_aid_cases=1, legal_aid_civil=1
        ),
    )
    report.refresh_from_db()
    assert report.figures["cases_total"]["value"] == 3


def test_cross_check_errors_show_beside_the_figure(login, director, report):
    response = login(director).post(
        reverse("casework:quarterly_detail", args=[report.pk]), _post_data(report, cases_total=11)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "收案总数（11）与各类型案件之和（0）不一致。" in page
    assert 'id="id_v_cases_total"' in page.split("收案总数（11）")[0].rsplit("<tr", 1)[1]


def test_sub_items_are_indented(login, director, report):
    page = login(director).get(reverse("casework:quarterly_detail", args=[report.pk])).content.decode()
    rows = page.split('id="figures"', 1)[1].split("</tbody>", 1)[0].split("<tr")
    sub = [row for row in rows if 'class="figure-sub"' in row]
    assert len(sub) == 5
    assert any("其中：刑事法律援助" in row for row in sub)
    assert not any("收案总数" in row for row in sub)


def test_submit_asks_for_a_second_click(login, director, report):
    page = login(director).get(reverse("casework:quarterly_detail", args=[report.pk])).content.decode()
    fold = page.split('id="confirm-submit"', 1)[1].split("</details>", 1)[0]
    assert "<summary" in fold and 'value="submit"' in fold
    assert page.count('value="submit"') == 1  # only inside the fold


def test_accept_and_return_ask_for_a_second_click(login, director, staff, report):
    services.quarterly_submit(report=report, user=director, today=TODAY)
    page = login(staff).get(reverse("casework:quarterly_detail", args=[report.pk])).content.decode()
    for action, fold_id in (("accept", "confirm-accept"), ("return", "confirm-return")):
        fold = page.split(f'id="{fold_id}"', 1)[1].split("</details>", 1)[0]
        assert f'value="{action}"' in fold
        assert page.count(f'value="{action}"') == 1


def test_the_create_form_offers_the_quarter_due(login, director):
    year, quarter = quarters.current_quarter()
    page = login(director).get(reverse("casework:quarterly_list")).content.decode()
    assert f'name="year" value="{year}"' in page
    assert f'<option value="{quarter}" selected>' in page


def test_a_duplicate_links_to_the_report_that_exists(login, director, firm):
    existing = services.quarterly_create(firm=firm, user=director, year=2025, quarter=4)
    response = login(director).post(reverse("casework:quarterly_new"), {"year": 2025, "quarter": 4})
    page = response.content.decode()
    assert response.status_code == 400 and "不能重复报送" in page
    link = page.split('id="existing-report"', 1)[1].split("</p>", 1)[0]
    assert reverse("casework:quarterly_detail", args=[existing.pk]) in link
    assert QuarterlyReport.objects.count() == 1
