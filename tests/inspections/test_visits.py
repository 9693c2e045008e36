"""走访: bureau staff see every visit; an inspector the visits they recorded and those to firms they
were drawn for; a director their own firm's. Only bureau staff and inspectors record visits, an
inspector only to a firm they were drawn for."""

import datetime

import pytest

from inspections import services
from inspections.models import Visit

pytestmark = pytest.mark.django_db
VISIT_LIST_QUERIES = 7
VISIT_DETAIL_QUERIES = 4


@pytest.fixture
def users(role_users, no_role_user):
    return {**role_users, "nobody": no_role_user}


@pytest.fixture
def visits(inspection, other_inspection, staff, inspector2, firm, other_firm):
    """`inspection`: firm by inspector (+inspector3); `other_inspection`: other_firm by inspector2
    (+inspector3). One visit to each firm by staff, and one to other_firm by inspector2."""
    day = datetime.date(2026, 5, 6)
    return {
        "to_firm": services.visit_record(
            recorded_by=staff, firm=firm, visited_on=day, visitors="王科员", problems="甲所档案室狭小"
        ),
        "to_other": services.visit_record(
            recorded_by=staff, firm=other_firm, visited_on=day, visitors="王科员", problems="乙所案源不足"
        ),
        "by_inspector2": services.visit_record(
            recorded_by=inspector2, firm=other_firm, visited_on=day, visitors="刘检查员", problems="乙所场地"
        ),
    }


@pytest.mark.parametrize(
    "role,seen",
    [
        ("bureau_admin", {"to_firm", "to_other", "by_inspector2"}),
        ("bureau_staff", {"to_firm", "to_other", "by_inspector2"}),
        ("inspector", {"to_firm"}),  # drawn for firm only
        ("inspector2", {"to_other", "by_inspector2"}),  # drawn for other_firm, and their own visit
        ("director", {"to_firm"}),
        ("director2", {"to_other", "by_inspector2"}),
    ],
)
def test_visit_list_and_detail_are_scoped(login, users, visits, role, seen):
    client = login(users[role])
    html = client.get("/inspections/visits/").content.decode()
    for key, visit in visits.items():
        assert (visit.problems in html) is (key in seen), key
        status = client.get(f"/inspections/visits/{visit.pk}/").status_code
        assert status == (200 if key in seen else 404), key


def test_inspector_sees_the_visits_they_recorded_without_an_assignment(login, inspection, inspector, firm):
    visit = services.visit_record(
        recorded_by=inspector, firm=firm, visited_on=datetime.date(2026, 5, 6), visitors="陈检查员"
    )
    # The assignment goes (a re-draw removes it); the inspector still sees what they wrote.
    inspection.assignments.all().delete()
    assert login(inspector).get(f"/inspections/visits/{visit.pk}/").status_code == 200


def test_users_without_a_role_and_anonymous_see_no_visits(login, client, no_role_user, visits):
    visit = visits["to_firm"]
    assert login(no_role_user).get("/inspections/visits/").status_code == 403
    assert login(no_role_user).get(f"/inspections/visits/{visit.pk}/").status_code == 403
    for path in ("/inspections/visits/", f"/inspections/visits/{visit.pk}/"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_guessed_visit_id_is_404(login, users, visits):
    assert login(users["inspector"]).get("/inspections/visits/999999/").status_code == 404


def _visit_data(firm):
    return {"firm": firm.pk, "visited_on": "2026-05-06", "visitors": "检查组", "problems": "新记录的问题"}


@pytest.mark.parametrize(
    "role,which,status,saved",
    [
        ("bureau_staff", "firm", 302, True),
        ("bureau_staff", "other_firm", 302, True),
        ("inspector", "firm", 302, True),  # drawn for it
        ("inspector", "other_firm", 400, False),  # not drawn for it
        ("inspector2", "other_firm", 302, True),
        ("inspector2", "firm", 400, False),
        ("director", "firm", 403, False),  # directors do not record visits, not even to their firm
        ("director2", "other_firm", 403, False),
        ("nobody", "firm", 403, False),
    ],
)
def test_who_may_record_a_visit(
    login, users, inspection, other_inspection, firm, other_firm, role, which, status, saved
):
    target = {"firm": firm, "other_firm": other_firm}[which]
    response = login(users[role]).post("/inspections/visits/", _visit_data(target))
    assert response.status_code == status
    assert Visit.objects.filter(problems="新记录的问题", firm=target).exists() is saved
    if status == 400:
        assert "选择一个有效的选项" in response.content.decode() or "未被抽派" in response.content.decode()


def test_inspector_without_any_draw_is_offered_no_firm(login, inspector, firm):
    response = login(inspector).get("/inspections/visits/")
    assert response.status_code == 200
    assert firm.name not in response.content.decode()


def test_service_refuses_a_visit_to_a_firm_not_drawn_for(inspection, inspector, other_firm):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="未被抽派"):
        services.visit_record(
            recorded_by=inspector, firm=other_firm, visited_on=datetime.date(2026, 5, 6), visitors="陈检查员"
        )
    assert not Visit.objects.exists()


def test_visit_in_the_future_is_refused_on_the_form(login, staff, firm):
    from django.utils import timezone

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = login(staff).post("/inspections/visits/", {**_visit_data(firm), "visited_on": tomorrow})
    assert response.status_code == 400 and "走访日期不能晚于今天" in response.content.decode()
    assert not Visit.objects.exists()


def test_visit_list_filters_by_firm_and_keeps_fixed_queries(
    login, staff, firm, other_firm, django_assert_num_queries
):
    client = login(staff)
    day = datetime.date(2026, 5, 6)

    def add(n):
        for i in range(n):
            for target in (firm, other_firm):
                services.visit_record(
                    recorded_by=staff,
                    firm=target,
                    visited_on=day,
                    visitors="王科员",
                    problems=f"{target.name}{i}",
                )

    add(1)
    html = client.get(f"/inspections/visits/?firm={firm.pk}").content.decode()
    assert f"{firm.name}0" in html and f"{other_firm.name}0" not in html
    client.get("/inspections/visits/")
    for n in (1, 5):
        add(n)
        # session, user, roles, count, firms of the filter, page of visits with their firms, firms
        # of the form; none per visit (the header's settings row is kept by the process, the
        # session renewed once a minute)
        with django_assert_num_queries(VISIT_LIST_QUERIES):
            client.get("/inspections/visits/")


def test_visit_detail_runs_fixed_queries(login, staff, firm, django_assert_num_queries):
    visit = services.visit_record(
        recorded_by=staff, firm=firm, visited_on=datetime.date(2026, 5, 6), visitors="王科员"
    )
    client = login(staff)
    client.get(f"/inspections/visits/{visit.pk}/")
    # session, user, roles, the visit with its firm and recorder
    with django_assert_num_queries(VISIT_DETAIL_QUERIES):
        client.get(f"/inspections/visits/{visit.pk}/")
