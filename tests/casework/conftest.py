import datetime

import pytest

from casework import services
from casework.models import ConflictCheck, PartyKind, PartyRole
from tests.factories import LawyerFactory


@pytest.fixture
def lawyer(firm):
    return LawyerFactory(firm=firm, name="张律师")


@pytest.fixture
def lawyer2(firm):
    return LawyerFactory(firm=firm, name="钱律师")


@pytest.fixture
def other_lawyer(other_firm):
    return LawyerFactory(firm=other_firm, name="孙律师")


def party(name, role=PartyRole.CLIENT, kind=PartyKind.ORGANISATION, id_code=""):
    return {"role": role, "kind": kind, "name": name, "id_code": id_code}


def make_check(firm, user, parties=None, decision=ConflictCheck.Decision.NO_CONFLICT, matter="合同纠纷"):
    parties = parties or [party("甲方公司"), party("乙方公司", role=PartyRole.OPPOSING)]
    return services.conflict_check_record(
        firm=firm, user=user, matter=matter, parties=parties, decision=decision, remarks=""
    )


def make_case(firm, user, lawyers, parties=None, **fields):
    check = make_check(firm, user, parties)
    values = {
        "case_type": "civil",
        "cause": "买卖合同纠纷",
        "intake_date": datetime.date(2026, 3, 2),
        "authority": "示范县人民法院",
    }
    values.update(fields)
    return services.case_register(check=check, user=user, lawyers=lawyers, **values)


@pytest.fixture
def case_factory():
    return make_case


@pytest.fixture(autouse=True)
def chinese_messages():
    """Service messages are compared in Chinese; a test that switched a client to English must not
    leave English active in this thread for the next test."""
    from django.utils import translation

    with translation.override("zh-hans"):
        yield
