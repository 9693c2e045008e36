from django.urls import reverse
from pghistory.models import Events

from casework.models import Case, party_name_key

from .conftest import make_case


def test_name_key_drops_legal_form_ending_and_spacing():
    assert party_name_key("敦煌市鸣沙建筑有限公司") == "敦煌市鸣沙建筑"
    assert party_name_key(" 兰州 宏达 股份有限公司 ") == "兰州宏达"
    assert party_name_key("ＡＢＣ（甘肃）有限责任公司") == "ABC(甘肃)"
    assert party_name_key("公司") == "公司"  # nothing left to compare otherwise
    assert party_name_key("张三") == "张三"


def test_case_edit_is_audited_with_the_user(login, director, staff, firm, lawyer):
    case = make_case(firm, director, [lawyer])
    data = {
        "cause": "改后的案由",
        "lawyers": [lawyer.pk],
        "agreed_fee": "0",
        "status": "in_progress",
        "version": case.version,
    }
    response = login(director).post(reverse("casework:case_edit", args=[case.pk]), data)
    assert response.status_code == 302
    event = Events.objects.tracks(Case.objects.get(pk=case.pk)).filter(pgh_label="update").get()
    assert event.pgh_context["user"] == director.pk
    assert event.pgh_diff["cause"] == ["买卖合同纠纷", "改后的案由"]
    page = login(staff).get(f"/history/casework/case/{case.pk}/")
    assert page.status_code == 200 and "改后的案由" in page.content.decode()
    assert login(director).get(f"/history/casework/case/{case.pk}/").status_code == 403
