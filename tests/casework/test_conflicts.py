import pytest
from django.core.exceptions import ValidationError

from casework import services
from casework.models import Case, ConflictCheck, PartyKind, PartyRole
from casework.selectors import search_conflicts

from .conftest import make_case, party


@pytest.fixture
def valid_credit_code():
    from bureau.validators import credit_code_check_char

    first17 = "91620982MA73B5C2K"
    return first17 + credit_code_check_char(first17)


@pytest.fixture
def registered(firm, director, lawyer, valid_credit_code):
    return make_case(
        firm,
        director,
        [lawyer],
        parties=[
            party("敦煌市鸣沙建筑有限公司", id_code=valid_credit_code),
            party("张三", role=PartyRole.OPPOSING, kind=PartyKind.PERSON),
        ],
    )


def test_near_name_is_found_with_its_case_and_role(firm, registered):
    hits = search_conflicts(firm=firm, parties=[party("敦煌鸣沙建筑有限公司", role=PartyRole.OPPOSING)])
    assert len(hits) == 1
    hit = hits[0]
    assert hit["name"] == "敦煌市鸣沙建筑有限公司"
    assert hit["match"] == "similar"
    assert hit["intake_no"] == registered.intake_no and hit["case_id"] == registered.pk
    assert hit["role"] == PartyRole.CLIENT


def test_exact_credit_code_is_found_under_another_name(firm, registered, valid_credit_code):
    hits = search_conflicts(firm=firm, parties=[party("某某公司", id_code=valid_credit_code.lower())])
    assert [h["match"] for h in hits] == ["exact"]
    assert hits[0]["case_id"] == registered.pk


def test_unrelated_names_are_not_hits(firm, registered):
    assert search_conflicts(firm=firm, parties=[party("兰州鸿达商贸有限责任公司")]) == []


def test_search_never_reaches_another_firm(other_firm, registered, valid_credit_code):
    hits = search_conflicts(
        firm=other_firm,
        parties=[party("敦煌市鸣沙建筑有限公司", id_code=valid_credit_code), party("张三")],
    )
    assert hits == []


def test_check_keeps_hits_and_decision(firm, director, registered):
    check = services.conflict_check_record(
        firm=firm,
        user=director,
        matter="工程款纠纷",
        parties=[party("新客户公司"), party("敦煌鸣沙建筑有限公司", role=PartyRole.OPPOSING)],
        decision=ConflictCheck.Decision.CONSENTED,
        remarks="已取得双方书面同意",
    )
    check.refresh_from_db()
    assert check.hits[0]["intake_no"] == registered.intake_no
    assert check.parties.count() == 2


def test_consent_needs_remarks(firm, director):
    with pytest.raises(ValidationError):
        services.conflict_check_record(
            firm=firm,
            user=director,
            matter="x",
            parties=[party("甲")],
            decision=ConflictCheck.Decision.CONSENTED,
            remarks="",
        )
    assert not ConflictCheck.objects.exists()


def test_registration_without_a_check_is_refused(firm, director, lawyer):
    import datetime

    with pytest.raises(ValidationError):
        services.case_register(
            check=None,
            user=director,
            case_type="civil",
            cause="x",
            intake_date=datetime.date(2026, 1, 5),
            lawyers=[lawyer],
        )
    assert not Case.objects.exists()


def test_registration_after_refusal_is_refused(firm, director, lawyer):
    import datetime

    check = services.conflict_check_record(
        firm=firm,
        user=director,
        matter="x",
        parties=[party("甲")],
        decision=ConflictCheck.Decision.REFUSED,
        remarks="与在办案件冲突",
    )
    with pytest.raises(ValidationError):
        services.case_register(
            check=check,
            user=director,
            case_type="civil",
            cause="x",
            intake_date=datetime.date(2026, 1, 5),
            lawyers=[lawyer],
        )
    assert not Case.objects.exists()


def test_a_check_serves_one_case_only(firm, director, lawyer):
    import datetime

    case = make_case(firm, director, [lawyer])
    with pytest.raises(ValidationError):
        services.case_register(
            check=case.conflict_check,
            user=director,
            case_type="civil",
            cause="x",
            intake_date=datetime.date(2026, 1, 5),
            lawyers=[lawyer],
        )
    assert Case.objects.count() == 1
