import pytest

BUREAU_TITLE = "司法局工作台"
DIRECTOR_TITLE = "律所主任工作台"
INSPECTOR_TITLE = "检查人员工作台"
ALL_TITLES = {BUREAU_TITLE, DIRECTOR_TITLE, INSPECTOR_TITLE}


@pytest.mark.parametrize(
    "who, expected",
    [
        ("bureau_admin", BUREAU_TITLE),
        ("bureau_staff", BUREAU_TITLE),
        ("director", DIRECTOR_TITLE),
        ("director2", DIRECTOR_TITLE),
        ("inspector", INSPECTOR_TITLE),
    ],
)
def test_each_role_sees_its_own_dashboard_only(login, role_users, who, expected):
    html = login(role_users[who]).get("/").content.decode()
    assert expected in html
    for other in ALL_TITLES - {expected}:
        assert other not in html


def test_director_dashboard_names_own_firm_not_others(login, director, firm, other_firm):
    html = login(director).get("/").content.decode()
    assert firm.name in html
    assert other_firm.name not in html


def test_bureau_dashboard_counts_firms(login, staff, firm, other_firm):
    items = login(staff).get("/").context["items"]
    assert next(i for i in items if i["label"] == "登记律师事务所")["count"] == 2


def test_user_without_role_sees_no_dashboard_data(login, no_role_user, firm):
    html = login(no_role_user).get("/").content.decode()
    assert "尚未分配角色" in html
    assert firm.name not in html


def test_only_bureau_admin_may_run_the_self_check(login, role_users):
    for who in ("bureau_staff", "director", "inspector"):
        assert login(role_users[who]).post("/system/selfcheck/").status_code == 403


def test_dashboard_query_count_is_fixed(login, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import FirmFactory, LawyerFactory

    client = login(staff)
    client.get("/")  # creates the settings rows a flushed test database may lack
    counts = []
    for batch in (1, 30):
        for firm in FirmFactory.create_batch(batch):
            LawyerFactory(firm=firm)
        with CaptureQueriesContext(connection) as ctx:
            client.get("/")
        counts.append(len(ctx.captured_queries))
    # session, user, roles, firm counts, recent jobs, two charts, each app's cards (firms 3: the
    # training shortfall is two counts; casework 1, partybuild 2, inspections 1): none grows with
    # the rows. The layout's settings row is kept per process and the session renewed at most
    # once a minute.
    assert counts == [14, 14]
