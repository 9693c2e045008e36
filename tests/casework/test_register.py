import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from bureau.concurrency import StaleEdit
from casework import services
from casework.models import Case, CaseLawyer, FirmCaseSettings, Party

from .conftest import make_case, make_check


def test_intake_number_uses_firm_prefix_and_type_letter(firm, director, lawyer):
    FirmCaseSettings.objects.create(firm=firm, intake_prefix="X律")
    first = make_case(firm, director, [lawyer])
    second = make_case(firm, director, [lawyer], case_type="criminal")
    assert first.intake_no == "〔2026〕X律民字第1号"
    assert second.intake_no == "〔2026〕X律刑字第2号"


def test_numbers_restart_each_year_and_per_firm(firm, other_firm, director, director2, lawyer, other_lawyer):
    make_case(firm, director, [lawyer])
    # An intake of the year before (a later one would lie in the future, which is refused).
    nxt = make_case(firm, director, [lawyer], intake_date=datetime.date(2025, 1, 6))
    other = make_case(other_firm, director2, [other_lawyer])
    assert nxt.serial == 1 and nxt.year == 2025
    assert other.serial == 1


def test_parties_and_lawyers_are_kept_with_the_case(firm, director, lawyer, lawyer2):
    case = make_case(firm, director, [lawyer, lawyer2])
    assert set(case.lawyers.all()) == {lawyer, lawyer2}
    assert list(Party.objects.filter(case=case).values_list("name", "firm_id")) == [
        ("甲方公司", firm.pk),
        ("乙方公司", firm.pk),
    ]
    assert case.conflict_check.case == case


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"agreed_fee": Decimal("-1")}, "agreed_fee"),
        ({"is_legal_aid": True}, "aid_body"),
    ],
)
def test_bad_registration_saves_nothing(firm, director, lawyer, fields, field):
    check = make_check(firm, director)
    with pytest.raises(ValidationError) as exc:
        services.case_register(
            check=check,
            user=director,
            lawyers=[lawyer],
            case_type="civil",
            cause="x",
            intake_date=datetime.date(2026, 2, 2),
            **fields,
        )
    assert field in exc.value.message_dict
    assert not Case.objects.exists()
    # The refused registration did not use up a number.
    case = make_case(firm, director, [lawyer])
    assert case.serial == 1


def test_lawyer_from_another_firm_is_refused(firm, director, lawyer, other_lawyer):
    check = make_check(firm, director)
    with pytest.raises(ValidationError) as exc:
        services.case_register(
            check=check,
            user=director,
            lawyers=[lawyer, other_lawyer],
            case_type="civil",
            cause="x",
            intake_date=datetime.date(2026, 2, 2),
        )
    assert "lawyers" in exc.value.message_dict
    assert not Case.objects.exists() and not CaseLawyer.objects.exists()


def test_no_lawyer_is_refused(firm, director):
    with pytest.raises(ValidationError):
        make_case(firm, director, [])
    assert not Case.objects.exists()


def test_zero_fee_legal_aid_case(firm, director, lawyer):
    case = make_case(
        firm,
        director,
        [lawyer],
        is_legal_aid=True,
        aid_body="示范县法律援助中心",
        aid_notice_no="示援指〔2026〕8号",
    )
    assert case.agreed_fee == 0 and case.is_legal_aid


def test_status_moves_forward_with_dates_in_order(firm, director, lawyer):
    case = make_case(firm, director, [lawyer])
    services.case_update(
        case=case,
        expected_version=case.version,
        status=Case.Status.CLOSED,
        closed_on=datetime.date(2026, 5, 6),
        result="调解结案",
    )
    with pytest.raises(ValidationError) as exc:
        services.case_update(case=case, expected_version=case.version, status=Case.Status.IN_PROGRESS)
    assert "status" in exc.value.message_dict
    case = Case.objects.get(pk=case.pk)
    with pytest.raises(ValidationError) as exc:
        services.case_update(
            case=case,
            expected_version=case.version,
            status=Case.Status.ARCHIVED,
            archive_no="2026-01",
            archived_on=datetime.date(2026, 5, 1),
        )
    assert "archived_on" in exc.value.message_dict
    assert Case.objects.get(pk=case.pk).status == Case.Status.CLOSED


def test_closing_before_intake_is_refused(firm, director, lawyer):
    case = make_case(firm, director, [lawyer])
    with pytest.raises(ValidationError) as exc:
        services.case_update(
            case=case,
            expected_version=case.version,
            status=Case.Status.CLOSED,
            closed_on=datetime.date(2026, 1, 1),
            result="x",
        )
    assert "closed_on" in exc.value.message_dict
    assert Case.objects.get(pk=case.pk).closed_on is None


def test_stale_edit_is_refused(firm, director, lawyer):
    case = make_case(firm, director, [lawyer])
    services.case_update(case=case, expected_version=1, contract_no="HT-1")
    with pytest.raises(StaleEdit):
        services.case_update(case=Case.objects.get(pk=case.pk), expected_version=1, contract_no="HT-2")


def test_negative_receipt_is_refused(firm, director, lawyer):
    case = make_case(firm, director, [lawyer])
    with pytest.raises(ValidationError):
        services.receipt_add(
            case=case, receipt_no="R1", amount=Decimal("-5"), received_on=datetime.date(2026, 3, 3)
        )
    assert not case.receipts.exists()


def test_completeness_marks(firm, director, lawyer):
    from casework.selectors import firm_incomplete_counts, with_completeness

    old = make_case(firm, director, [lawyer], intake_date=datetime.date(2025, 1, 6))
    complete = make_case(firm, director, [lawyer], intake_date=datetime.date(2025, 1, 6), contract_no="HT-9")
    services.receipt_add(
        case=complete, receipt_no="R9", amount=Decimal("0"), received_on=datetime.date(2025, 1, 6)
    )
    rows = {c.pk: c for c in with_completeness(Case.objects.all())}
    assert rows[old.pk].missing_contract and rows[old.pk].missing_receipt
    assert not rows[complete.pk].missing_contract and not rows[complete.pk].missing_receipt
    assert firm_incomplete_counts() == {firm.pk: 1}


def test_the_case_knows_it_has_a_receipt_whatever_writes_it(firm, director, lawyer):
    """has_receipt is kept by the database: set by a receipt however written, cleared when the
    last goes, never written back by a stale copy of the case, and never an audit event."""
    from casework.models import FeeReceipt

    case = make_case(firm, director, [lawyer], intake_date=datetime.date(2025, 1, 6))
    stale = Case.objects.get(pk=case.pk)
    assert not stale.has_receipt
    from django.apps import apps

    events = apps.get_model("casework", "CaseEvent").objects.filter(pgh_obj_id=case.pk)
    events_before = events.count()
    services.receipt_add(
        case=case, receipt_no="R1", amount=Decimal("10"), received_on=datetime.date(2025, 1, 7)
    )
    assert Case.objects.get(pk=case.pk).has_receipt
    # A copy loaded before the receipt saves its other fields; the flag stays right.
    services.case_update(case=stale, expected_version=stale.version, contract_no="HT-7")
    assert Case.objects.get(pk=case.pk).has_receipt
    FeeReceipt.objects.bulk_create(
        [FeeReceipt(case=case, receipt_no="R2", amount=Decimal("5"), received_on=datetime.date(2025, 1, 8))]
    )
    FeeReceipt.objects.filter(case=case, receipt_no="R1").delete()
    assert Case.objects.get(pk=case.pk).has_receipt  # R2 is left
    FeeReceipt.objects.filter(case=case).delete()
    assert not Case.objects.get(pk=case.pk).has_receipt
    # Only the contract number's edit is in the case's history.
    assert events.count() == events_before + 1


def test_numbering_update_saves_the_firms_letters_and_refuses_repeats(firm, director, lawyer):
    with pytest.raises(TypeError):
        services.numbering_update(firm, intake_prefix="X律")  # keyword-only
    with pytest.raises(ValidationError) as caught:
        services.numbering_update(firm=firm, letter_civil="刑")
    assert caught.value.messages == ["各类案件的代字不能重复。"]
    assert not FirmCaseSettings.objects.filter(firm=firm).exists()  # nothing half-saved
    services.numbering_update(firm=firm, intake_prefix="X律", letter_civil="民事")
    case = make_case(firm, director, [lawyer])
    assert case.intake_no == f"〔{case.year}〕X律民事字第1号"
