"""Facilities: a firm's improvements and its service stations, per role (the list, each URL, a
guessed id), audited, with pinned query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from firms import facilities
from firms.models import FirmImprovement, ServiceStation
from tests.factories import FirmFactory

D = datetime.date
ROLES = ["bureau_admin", "bureau_staff", "director", "director2", "inspector", "anonymous"]
# Who keeps the facilities of `firm`: bureau staff and the firm's own director.
KEEPERS = {"bureau_admin", "bureau_staff", "director"}


@pytest.fixture
def client_for(client, login, role_users):
    def make(who):
        return client if who == "anonymous" else login(role_users[who])

    return make


@pytest.fixture
def station(firm):
    return facilities.station_add(
        firm=firm, kind=ServiceStation.Kind.VETERANS, name="城关镇退役军人法律服务站", since=D(2024, 1, 10)
    )


@pytest.fixture
def other_station(other_firm):
    return facilities.station_add(
        firm=other_firm, kind=ServiceStation.Kind.LEGAL_AID, name="乙所法律援助工作站", since=D(2023, 5, 1)
    )


def _refused(response, who):
    if who == "anonymous":
        return response.status_code == 302 and "/accounts/login/" in response["Location"]
    return response.status_code in (403, 404)


@pytest.mark.parametrize("who", ROLES)
def test_improvement_add_is_for_bureau_staff_and_the_firms_director(client_for, who, firm, director2):
    client = client_for(who)
    post = {"made_on": "2024-07-01", "description": "新建会议室", "area": "60", "amount": "150000"}
    response = client.post(f"/firms/{firm.pk}/improvements/new/", post)
    if who in KEEPERS:
        assert response.status_code == 302
        improvement = FirmImprovement.objects.get()
        assert (improvement.firm, improvement.area, improvement.amount) == (firm, 60, 150000)
        page = client.get(f"/firms/{firm.pk}/").content.decode()
        assert "新建会议室" in page and "150000" in page
    else:
        assert _refused(response, who) and not FirmImprovement.objects.exists()
        if who == "inspector":
            # An inspector reads the firm page but is offered no form.
            page = client.get(f"/firms/{firm.pk}/").content.decode()
            assert f"/firms/{firm.pk}/improvements/new/" not in page


@pytest.mark.parametrize("who", ROLES)
def test_station_add_and_edit_by_role(client_for, who, firm, station, director2):
    client = client_for(who)
    response = client.post(
        f"/firms/{firm.pk}/stations/new/",
        {"kind": "legal_aid", "name": "甲所法律援助工作站", "since": "2024-03-01"},
    )
    edit = client.post(
        f"/stations/{station.pk}/edit/",
        {"kind": "veterans", "name": station.name, "since": "2024-01-10", "until": "2025-05-01"},
    )
    station.refresh_from_db()
    if who in KEEPERS:
        assert response.status_code == 302 and edit.status_code == 302
        assert ServiceStation.objects.filter(firm=firm).count() == 2 and station.until == D(2025, 5, 1)
    else:
        assert _refused(response, who) and _refused(edit, who)
        assert ServiceStation.objects.count() == 1 and station.until is None


@pytest.mark.parametrize("who", ROLES)
def test_station_list_shows_only_visible_firms(client_for, who, station, other_station, director, director2):
    response = client_for(who).get("/stations/")
    if who == "anonymous":
        assert _refused(response, who)
        return
    body = response.content.decode()
    sees_own = who in ("bureau_admin", "bureau_staff", "director", "inspector")
    sees_other = who in ("bureau_admin", "bureau_staff", "director2", "inspector")
    assert (station.name in body) is sees_own
    assert (other_station.name in body) is sees_other


def test_guessed_station_id_of_another_firm_is_not_found(login, director, other_station):
    response = login(director).post(
        f"/stations/{other_station.pk}/edit/", {"kind": "legal_aid", "name": "改名", "since": "2023-05-01"}
    )
    assert response.status_code == 404
    assert login(director).get("/stations/999999/edit/").status_code == 404
    other_station.refresh_from_db()
    assert other_station.name == "乙所法律援助工作站"


def test_station_closed_before_it_opened_is_refused_in_chinese(login, staff, station):
    response = login(staff).post(
        f"/stations/{station.pk}/edit/",
        {"kind": "veterans", "name": station.name, "since": "2024-01-10", "until": "2023-01-01"},
    )
    assert "撤销日期不能早于设立日期。" in response.content.decode()
    station.refresh_from_db()
    assert station.until is None


def test_improvements_and_stations_are_audited(firm, station):
    improvement = facilities.improvement_add(
        firm=firm, made_on=D(2024, 7, 1), description="改造档案室", area=20
    )
    from pghistory.models import Events

    assert Events.objects.tracks(improvement).filter(pgh_label="insert").count() == 1
    assert Events.objects.tracks(station).filter(pgh_label="insert").count() == 1


def test_station_list_fixed_queries(login, staff):
    client = login(staff)
    client.get("/stations/")  # session renewal and other first-visit queries out of the way
    counts = []
    for batch in (1, 20):
        for _i in range(batch):
            facilities.station_add(
                firm=FirmFactory(),
                kind="veterans",
                name=f"服务站{ServiceStation.objects.count()}",
                since=D(2024, 1, 1),
            )
        with CaptureQueriesContext(connection) as ctx:
            client.get("/stations/")
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_station_list_query_budget(login, staff, station, django_assert_max_num_queries):
    client = login(staff)
    # Session, user and roles for the menu, the count and the page of stations with their firms.
    with django_assert_max_num_queries(12):
        client.get("/stations/")


def test_firm_page_with_facilities_fixed_queries(login, staff, firm, station):
    client = login(staff)
    client.get(f"/firms/{firm.pk}/")  # session renewal and other first-visit queries out of the way
    counts = []
    for batch in (1, 10):
        for i in range(batch):
            facilities.improvement_add(firm=firm, made_on=D(2024, 1, 1 + i), description="改善", amount=100)
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"/firms/{firm.pk}/")
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
