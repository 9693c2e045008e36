"""Registry search: part of a code or licence number, a lawyer's or director's name, pinyin."""

import importlib

import pytest
from django.apps import apps

from bureau.demo import demo_credit_code
from firms.models import Firm, Lawyer
from firms.search import pinyin_key
from firms.services import firm_update, lawyer_update
from tests.factories import FirmFactory, LawyerFactory


@pytest.fixture
def mingde(db):
    firm = FirmFactory(
        name="明德律师事务所",
        short_name="明德所",
        credit_code=demo_credit_code(123457),
        licence_no="31629999246813579",
    )
    firm.director = LawyerFactory(firm=firm, name="李明远", licence_no="16299201088770001")
    firm.save(update_fields=["director"])
    return firm


@pytest.fixture
def zhengyuan(db):
    firm = FirmFactory(
        name="正源律师事务所",
        short_name="正源所",
        credit_code=demo_credit_code(765432),
        licence_no="31629999975318642",
    )
    firm.director = LawyerFactory(firm=firm, name="张立新", licence_no="16299201033440002")
    firm.save(update_fields=["director"])
    return firm


def _firm_names(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return {firm.name for firm in response.context["page"].object_list}


def _lawyer_names(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return {lawyer.name for lawyer in response.context["page"].object_list}


def test_pinyin_key_holds_initials_and_spelling():
    assert pinyin_key("明德律师事务所") == "mdlssws mingdelvshishiwusuo"
    assert pinyin_key("") == ""


@pytest.mark.parametrize(
    "query",
    [
        "123457",  # part of the credit code
        "md1234",  # the same, typed in lower case
        "24681",  # part of the licence number
        "李明远",  # the director's name
        "明远",  # part of it
        "mdls",  # pinyin initials
        "MingDe",  # full pinyin, any case
        "德律",  # part of the name
    ],
)
def test_firm_list_finds_by_part_of_code_director_or_pinyin(login, staff, mingde, zhengyuan, query):
    assert _firm_names(login(staff), f"/firms/?q={query}") == {"明德律师事务所"}


def test_code_parts_shorter_than_four_characters_match_no_code(login, staff, mingde, zhengyuan):
    # "457" is in 明德's credit code only; three characters are too few to search codes by.
    assert _firm_names(login(staff), "/firms/?q=457") == set()


def test_pinyin_of_the_other_firm_finds_only_it(login, staff, mingde, zhengyuan):
    assert _firm_names(login(staff), "/firms/?q=zyls") == {"正源律师事务所"}
    assert _firm_names(login(staff), "/firms/?q=lssws") == {"明德律师事务所", "正源律师事务所"}


def test_director_search_stays_within_their_own_firm(login, mingde, zhengyuan):
    from bureau.permissions import Role
    from tests.factories import UserFactory

    director = UserFactory(username="zy-director", role=Role.FIRM_DIRECTOR, firm=zhengyuan)
    client = login(director)
    assert _firm_names(client, "/firms/?q=mdls") == set()
    assert _lawyer_names(client, "/lawyers/?q=lmy") == set()
    assert _lawyer_names(client, "/lawyers/?q=zlx") == {"张立新"}


@pytest.mark.parametrize(
    "query",
    [
        "8877",  # part of the licence number
        "明远",  # part of the name
        "lmy",  # pinyin initials
        "limingyuan",  # full pinyin
    ],
)
def test_lawyer_list_finds_by_part_of_licence_name_or_pinyin(login, staff, mingde, zhengyuan, query):
    assert _lawyer_names(login(staff), f"/lawyers/?q={query}") == {"李明远"}


def test_public_directory_finds_by_pinyin_and_code_part(client, mingde, zhengyuan):
    assert _firm_names(client, "/public/firms/?q=mdls") == {"明德律师事务所"}
    assert _firm_names(client, "/public/firms/?q=765432") == {"正源律师事务所"}
    assert _firm_names(client, "/public/firms/?q=zz") == set()


def test_renaming_through_the_service_keeps_the_pinyin(login, staff, mingde):
    mingde.name = "信达律师事务所"
    firm_update(firm=mingde, expected_version=mingde.version, fields=["name"])
    client = login(staff)
    assert _firm_names(client, "/firms/?q=xdls") == {"信达律师事务所"}
    assert _firm_names(client, "/firms/?q=mdls") == set()

    lawyer = Lawyer.objects.get(name="李明远")
    lawyer.name = "王小明"
    lawyer_update(lawyer=lawyer, expected_version=lawyer.version, fields=["name"])
    assert _lawyer_names(client, "/lawyers/?q=wxm") == {"王小明"}
    assert _lawyer_names(client, "/lawyers/?q=lmy") == set()


def test_migration_fills_the_pinyin_of_existing_rows(mingde):
    Firm.objects.update(name_pinyin="")
    Lawyer.objects.update(name_pinyin="")
    migration = importlib.import_module("firms.migrations.0004_name_search_indexes")
    migration.fill_name_pinyin(apps, None)
    assert Firm.objects.get(pk=mingde.pk).name_pinyin == "mdlssws mingdelvshishiwusuo"
    assert Lawyer.objects.get(name="李明远").name_pinyin == "lmy limingyuan"


def test_searches_run_a_fixed_number_of_queries(login, staff, django_assert_num_queries):
    client = login(staff)
    client.get("/firms/?q=mdls")
    client.get("/lawyers/?q=lmy")
    for batch in (2, 30):
        for firm in FirmFactory.create_batch(batch):
            LawyerFactory.create_batch(2, firm=firm)
        # session, user, roles, count, page (with lawyer-count and rating subqueries): the search
        # adds conditions, not queries.
        with django_assert_num_queries(5):
            assert client.get("/firms/?q=lssws").status_code == 200
        # session, user, roles, count, page, firms (count, then choices count and rows)
        with django_assert_num_queries(8):
            assert client.get("/lawyers/?q=1629").status_code == 200


def test_imported_lawyers_get_their_pinyin_on_create_and_on_update(login, staff, mingde):
    from .test_import_export import HEADER, _lawyer_rows, _sheet

    client = login(staff)
    rows = _lawyer_rows(mingde, 2)
    assert client.post("/registry/import/lawyers/", {"file": _sheet(HEADER, rows)}).context["result"].ok
    assert _lawyer_names(client, "/lawyers/?q=drls") == {"导入律师0", "导入律师1"}
    rows[0][0] = "钱明"
    assert client.post("/registry/import/lawyers/", {"file": _sheet(HEADER, rows)}).context["result"].ok
    assert _lawyer_names(client, "/lawyers/?q=qianming") == {"钱明"}
    assert _lawyer_names(client, "/lawyers/?q=drls") == {"导入律师1"}
