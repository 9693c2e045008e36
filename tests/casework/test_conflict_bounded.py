"""A conflict check searches all its parties in one statement: the same queries for 1, 5 or 20
parties, and the hits of several parties at once are each party's own hits."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework import services
from casework.conflict_search import search_conflicts
from casework.models import ConflictCheck, PartyKind, PartyRole

from .conftest import make_case, party
from .test_views_forms import _party_data


@pytest.fixture
def credit_code():
    from bureau.validators import credit_code_check_char

    first17 = "91620982MA73B5C2K"
    return first17 + credit_code_check_char(first17)


@pytest.fixture
def register(firm, other_firm, director, director2, lawyer, other_lawyer, credit_code):
    """Two cases of the firm, and the same names and code in another firm (never to be found)."""
    building = make_case(
        firm,
        director,
        [lawyer],
        parties=[
            party("敦煌市鸣沙建筑有限公司", id_code=credit_code),
            party("张三", role=PartyRole.OPPOSING, kind=PartyKind.PERSON),
        ],
    )
    trade = make_case(
        firm,
        director,
        [lawyer],
        cause="民间借贷纠纷",
        parties=[
            party("兰州宏达商贸有限责任公司"),
            party("ABC(甘肃)科技有限公司", role=PartyRole.OPPOSING),
        ],
    )
    make_case(
        other_firm,
        director2,
        [other_lawyer],
        parties=[
            party("敦煌市鸣沙建筑有限公司", id_code=credit_code, role=PartyRole.OPPOSING),
            party("兰州宏达商贸有限责任公司", role=PartyRole.OPPOSING),
            party("ABC(甘肃)科技有限公司"),
        ],
    )
    return building, trade


def _five(credit_code):
    return [
        party("某某公司", id_code=credit_code.lower()),  # the credit code, under another name
        party("敦煌鸣沙建筑有限公司", role=PartyRole.OPPOSING),  # a near name (市 left out)
        party("兰州宏达商贸股份有限公司", role=PartyRole.OPPOSING),  # another legal-form ending
        party("ＡＢＣ（甘肃）科技有限公司"),  # typed full-width
        party("酒泉恒信能源有限公司"),  # nobody the firm has met
    ]


def _shape(hits):
    return [
        (h["entered_index"], h["name"], h["match"], h["conflict"], h["case_id"], h["score"]) for h in hits
    ]


def test_five_parties_at_once_find_what_each_party_finds(firm, register, credit_code):
    building, trade = register
    hits = search_conflicts(firm=firm, parties=_five(credit_code))
    # Conflicts first (a client now opposing, or an opponent now the client), in entered order;
    # then the note: the credit code of the firm's earlier client, entered again as a client.
    # A name equal once the ending or the width is normalised scores 1.0.
    assert [h[:5] for h in _shape(hits)] == [
        (1, "敦煌市鸣沙建筑有限公司", "similar", True, building.pk),
        (2, "兰州宏达商贸有限责任公司", "similar", True, trade.pk),
        (3, "ABC(甘肃)科技有限公司", "similar", True, trade.pk),
        (0, "敦煌市鸣沙建筑有限公司", "exact", False, building.pk),
    ]
    assert [h["score"] for h in hits[1:3]] == [1.0, 1.0]
    assert {h["entered_name"] for h in hits} == {
        "某某公司",
        "敦煌鸣沙建筑有限公司",
        "兰州宏达商贸股份有限公司",
        "ＡＢＣ（甘肃）科技有限公司",
    }
    assert hits[0]["role"] == PartyRole.CLIENT and hits[0]["intake_no"] == building.intake_no
    assert hits[2]["role"] == PartyRole.OPPOSING and hits[2]["cause"] == "民间借贷纠纷"


def test_each_party_alone_finds_its_own_part_of_the_check(firm, register, credit_code):
    entered = _five(credit_code)
    together = search_conflicts(firm=firm, parties=entered)
    for index, one in enumerate(entered):
        alone = search_conflicts(firm=firm, parties=[one])
        mine = [h for h in together if h["entered_index"] == index]
        assert _shape(alone) == [(0, *hit[1:]) for hit in _shape(mine)]
    assert search_conflicts(firm=firm, parties=[entered[4]]) == []


def test_bad_entries_find_nothing_and_keep_the_others_places(firm, register):
    entered = [
        {},
        {"name": None, "id_code": None},
        party("   "),
        party("%' OR 1=1 --"),
        party("公司"),  # only a legal-form ending: compared as it is
        party("_%\\"),
        party("敦煌鸣沙建筑有限公司", role=PartyRole.OPPOSING),
    ]
    hits = search_conflicts(firm=firm, parties=entered)
    assert [(h["entered_index"], h["name"]) for h in hits] == [(6, "敦煌市鸣沙建筑有限公司")]
    assert search_conflicts(firm=firm, parties=entered[:6]) == []
    assert search_conflicts(firm=firm, parties=[]) == []


def _parties(n):
    names = ["敦煌鸣沙建筑有限公司", "兰州宏达商贸股份有限公司", "张三", "酒泉恒信能源有限公司"]
    return [party(f"{names[i % 4]}{'' if i < 4 else i}") for i in range(n)]


@pytest.mark.parametrize("n", [1, 5, 20])
def test_the_search_costs_one_query_whatever_the_number_of_parties(
    firm, register, n, django_assert_num_queries
):
    # One round trip: the similarity threshold (the bureau's setting read in the same statement)
    # and the search of all entered parties, as two statements of one query string.
    with django_assert_num_queries(1):
        hits = search_conflicts(firm=firm, parties=_parties(n))
    assert hits  # the first entered party is a near name of the firm's earlier client


@pytest.mark.parametrize("n", [1, 5, 20])
def test_recording_a_check_costs_the_same_whatever_the_number_of_parties(
    firm, director, register, n, django_assert_num_queries
):
    # SAVEPOINT and RELEASE of the service's transaction; the search (threshold and hits in one
    # query); the firm and the reviewer checked by full_clean; the check's INSERT; one INSERT of
    # all its parties.
    with django_assert_num_queries(7):
        check = services.conflict_check_record(
            firm=firm,
            user=director,
            matter="合同纠纷",
            parties=_parties(n),
            decision=ConflictCheck.Decision.CONSENTED,
            remarks="已取得各方书面同意",
        )
    assert check.parties.count() == n


def _post_count(client, rows, **extra):
    data = {"matter": "合同纠纷", **_party_data(*rows), **extra}
    client.post(reverse("casework:case_new"), data)  # warm up (session, translations)
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(reverse("casework:case_new"), data)
    assert response.status_code in (200, 302)
    return len(ctx.captured_queries)


def test_the_check_page_costs_the_same_for_1_5_and_20_parties(login, director, register):
    client = login(director)

    def rows(n):
        return [(p["role"], p["kind"], p["name"], "") for p in _parties(n)]

    searches = [_post_count(client, rows(n), action="search") for n in (1, 5, 20)]
    assert searches[0] == searches[1] == searches[2]
    records = [
        _post_count(client, rows(n), action="record", decision="consented", remarks="已取得各方书面同意")
        for n in (1, 5, 20)
    ]
    assert records[0] == records[1] == records[2]


def test_a_bad_identity_number_among_five_parties_saves_nothing(login, director, register, credit_code):
    rows = [(p["role"], p["kind"], p["name"], p["id_code"]) for p in _five(credit_code)]
    rows[4] = (PartyRole.CLIENT, PartyKind.PERSON, "王五", "620000198001011234")  # wrong check digit
    before = ConflictCheck.objects.count()
    response = login(director).post(
        reverse("casework:case_new"),
        {
            "matter": "合同纠纷",
            "action": "record",
            "decision": "consented",
            "remarks": "已同意",
            **_party_data(*rows),
        },
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert ConflictCheck.objects.count() == before


def test_the_bureaus_threshold_holds_for_the_search(firm, register, credit_code):
    from casework.models import CaseworkSettings

    settings = CaseworkSettings.load()
    settings.conflict_similarity = "0.95"
    settings.save()
    hits = search_conflicts(firm=firm, parties=_five(credit_code))
    # The near name (市 left out) falls below 0.95; equal keys (1.0) and the credit code remain.
    assert [(h["entered_index"], h["match"]) for h in hits] == [(2, "similar"), (3, "similar"), (0, "exact")]
    assert [
        (h["entered_index"], h["match"])
        for h in search_conflicts(firm=firm, parties=_five(credit_code), threshold=0.3)
    ] == [(1, "similar"), (2, "similar"), (3, "similar"), (0, "exact")]
