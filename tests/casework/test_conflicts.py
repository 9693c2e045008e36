import pytest
from django.core.exceptions import ValidationError

from casework import services
from casework.conflict_search import search_conflicts
from casework.models import Case, ConflictCheck, PartyKind, PartyRole

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


# --- conflicts and notes ---------------------------------------------------------------------


def test_a_party_changing_sides_is_a_conflict_and_the_same_side_a_note(firm, registered):
    hits = search_conflicts(
        firm=firm,
        parties=[
            party("敦煌市鸣沙建筑有限公司"),  # the firm's client then, its client again
            party("张三", kind=PartyKind.PERSON),  # the opponent then, the client now
        ],
    )
    assert [(h["name"], h["conflict"]) for h in hits] == [("张三", True), ("敦煌市鸣沙建筑有限公司", False)]
    assert hits[0]["role"] == PartyRole.OPPOSING and hits[0]["intake_no"] == registered.intake_no


def test_a_former_client_now_opposing_is_a_conflict(firm, registered):
    [hit] = search_conflicts(firm=firm, parties=[party("敦煌市鸣沙建筑有限公司", role=PartyRole.OPPOSING)])
    assert hit["conflict"] is True and hit["role"] == PartyRole.CLIENT


def test_no_conflict_against_a_conflict_needs_a_reason(firm, director, registered):
    parties = [party("新客户公司"), party("敦煌市鸣沙建筑有限公司", role=PartyRole.OPPOSING)]
    with pytest.raises(ValidationError) as exc:
        services.conflict_check_record(
            firm=firm,
            user=director,
            matter="工程款纠纷",
            parties=parties,
            decision=ConflictCheck.Decision.NO_CONFLICT,
            remarks="  ",
        )
    assert "须在审查意见中写明理由" in str(exc.value.message_dict["remarks"])
    assert not ConflictCheck.objects.exclude(pk=registered.conflict_check_id).exists()
    check = services.conflict_check_record(
        firm=firm,
        user=director,
        matter="工程款纠纷",
        parties=parties,
        decision=ConflictCheck.Decision.NO_CONFLICT,
        remarks="前案为同名另一公司，信用代码不同",
    )
    assert [h["conflict"] for h in check.hits] == [True]


def test_no_conflict_after_only_notes_needs_no_reason(firm, director, registered):
    check = services.conflict_check_record(
        firm=firm,
        user=director,
        matter="新合同纠纷",
        parties=[party("敦煌市鸣沙建筑有限公司")],
        decision=ConflictCheck.Decision.NO_CONFLICT,
        remarks="",
    )
    assert [h["conflict"] for h in check.hits] == [False]
