"""The conflict-check page: conflicts first and in red, no decision chosen for the reviewer,
无冲突 against a conflict refused without a reason, and a confirmation step before recording."""

import re

import pytest
from django.urls import reverse

from casework.models import ConflictCheck, PartyKind, PartyRole

from .conftest import make_case, party
from .test_views_forms import _party_data


@pytest.fixture
def earlier_cases(firm, director, lawyer):
    same_side = make_case(
        firm, director, [lawyer], parties=[party("敦煌市鸣沙建筑有限公司"), party("路人甲", role="opposing")]
    )
    # 兰州鸿达 was the firm's client; it is now the party the new client sues.
    former_client = make_case(
        firm,
        director,
        [lawyer],
        cause="民间借贷纠纷",
        parties=[party("兰州鸿达商贸有限责任公司"), party("李四", role="opposing", kind=PartyKind.PERSON)],
    )
    return same_side, former_client


def _data(**extra):
    return {
        "matter": "建设工程施工合同纠纷",
        **_party_data(
            (PartyRole.CLIENT, "organisation", "敦煌市鸣沙建筑有限公司", ""),
            (PartyRole.OPPOSING, "organisation", "兰州鸿达商贸有限责任公司", ""),
        ),
        **extra,
    }


def _rows(page):
    body = page.split('id="conflict-hits"', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<tr class="([^"]*)">(.*?)</tr>', body, re.S)


def test_the_former_client_on_the_other_side_is_shown_first_as_a_conflict(login, director, earlier_cases):
    same_side, former_client = earlier_cases
    page = login(director).post(reverse("casework:case_new"), _data(action="search")).content.decode()
    rows = _rows(page)
    assert len(rows) == 2
    (first_class, first), (second_class, second) = rows
    assert "conflict-hit" in first_class and "利益冲突" in first
    assert former_client.intake_no in first and "民间借贷纠纷" in first and "委托人" in first
    assert "conflict-note" in second_class and same_side.intake_no in second
    assert 'id="conflict-summary"' in page and "发现 1 项利益冲突" in page


def test_no_decision_is_chosen_for_the_reviewer(login, director, earlier_cases):
    page = login(director).post(reverse("casework:case_new"), _data(action="search")).content.decode()
    select = page.split('name="decision"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'<option value="([^"]*)"[^>]*selected', select) == [""]


def test_no_conflict_without_a_reason_is_refused(login, director, earlier_cases):
    client = login(director)
    response = client.post(
        reverse("casework:case_new"), _data(action="review", decision="no_conflict", remarks="")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "检索发现1项利益冲突" in page and "须在审查意见中写明理由" in page
    assert 'id="decision-confirm"' not in page
    # Posting the final step directly is refused in the same words: the rule sits in the model.
    page = client.post(
        reverse("casework:case_new"), _data(action="record", decision="no_conflict", remarks="")
    ).content.decode()
    assert "须在审查意见中写明理由" in page
    assert ConflictCheck.objects.count() == 2  # the two earlier cases' checks only


def test_the_decision_is_confirmed_before_it_is_recorded(login, director, earlier_cases):
    client = login(director)
    decision = {"decision": "consented", "remarks": "已取得双方书面同意"}
    page = client.post(reverse("casework:case_new"), _data(action="review", **decision)).content.decode()
    assert 'id="decision-confirm"' in page and "存在冲突但已取得各方书面同意" in page
    assert 'name="party-1-name" value="兰州鸿达商贸有限责任公司"' in page  # frozen, carried as hidden
    assert 'type="hidden" name="decision" value="consented"' in page
    assert ConflictCheck.objects.count() == 2  # nothing recorded yet
    response = client.post(reverse("casework:case_new"), _data(action="record", **decision))
    check = ConflictCheck.objects.latest("id")
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:case_register", args=[check.pk])
    assert check.decision == "consented" and [h["conflict"] for h in check.hits] == [True, False]


def test_going_back_keeps_the_chosen_decision(login, director, earlier_cases):
    page = (
        login(director)
        .post(reverse("casework:case_new"), _data(action="search", decision="refused", remarks="冲突"))
        .content.decode()
    )
    assert re.search(r'<option value="refused"[^>]*selected', page)
    assert 'id="decision-confirm"' not in page


def test_party_inputs_have_their_own_names_for_screen_readers(login, director):
    page = login(director).get(reverse("casework:case_new")).content.decode()
    assert 'aria-label="当事人3：名称/姓名"' in page
