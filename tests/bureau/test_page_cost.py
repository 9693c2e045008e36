"""What keeps a page cheap must not change what it shows: {% translate %} remembered per language,
the header's copy of the settings row, the menu rendered once per role and language."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation

from bureau.models import BureauSettings


def _render(source, **context):
    return Template("{% load i18n %}" + source).render(Context(context))


def test_translate_of_a_constant_follows_the_active_language():
    template = Template("{% load i18n %}{% for i in rows %}[{% translate '律师事务所' %}]{% endfor %}")
    context = {"rows": [1, 2]}
    with translation.override("zh-hans"):
        assert template.render(Context(context)) == "[律师事务所][律师事务所]"
    with translation.override("en"):
        assert template.render(Context(context)) == "[Law firm][Law firm]"
    with translation.override("zh-hans"):
        assert template.render(Context(context)) == "[律师事务所][律师事务所]"


def test_a_language_block_switches_the_language_within_one_render():
    template = Template(
        "{% load i18n %}{% translate '工作台' %}|"
        "{% language 'en' %}{% translate '工作台' %}{% endlanguage %}|"
        "{% translate '工作台' %}"
    )
    with translation.override("zh-hans"):
        assert template.render(Context()) == "工作台|Dashboard|工作台"


def test_translate_keeps_its_context_variable_and_escaping():
    with translation.override("en"):
        # The same text with and without its menu context are two translations.
        assert _render("{% translate '双随机检查' context 'menu' %}") == "Inspections"
        assert _render("{% translate '年度报告' context 'menu' as label %}<{{ label }}>") == "<Reports>"
        # A text that is in no catalogue stays as written, its percent sign included.
        assert _render("{% translate '100%' %}") == "100%"


def test_translate_of_a_variable_is_never_remembered():
    template = Template("{% load i18n %}{% translate message %}")
    with translation.override("en"):
        assert template.render(Context({"message": "律师事务所"})) == "Law firm"
        assert template.render(Context({"message": "工作台"})) == "Dashboard"


def test_a_changed_locale_setting_forgets_remembered_translations():
    template = Template("{% load i18n %}{% translate '工作台' %}")
    with translation.override("en"):
        assert template.render(Context()) == "Dashboard"
    # Without the project's catalogue the dashboard's English name is gone.
    with override_settings(LOCALE_PATHS=[]), translation.override("en"):
        assert template.render(Context()) == "工作台"
    with translation.override("en"):
        assert template.render(Context()) == "Dashboard"


def test_the_header_reads_the_settings_row_once_and_shows_a_save_at_once(login, staff):
    client = login(staff)
    # The inspections list reads no rule from the settings row: only the header shows it.
    assert "示范县司法局" in client.get("/inspections/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get("/inspections/")
    assert not [q for q in queries if "bureau_bureausettings" in q["sql"]]
    row = BureauSettings.load()
    row.bureau_name = "新名称县司法局"
    row.save()
    assert "新名称县司法局" in client.get("/inspections/").content.decode()


@override_settings(HEADER_SETTINGS_SECONDS=0)
def test_the_header_reads_the_row_again_once_its_time_is_up(login, staff):
    client = login(staff)
    client.get("/inspections/")
    # Another process saved the row: this one's copy has had its time.
    BureauSettings.objects.update_or_create(pk=1, defaults={"bureau_name": "别处改名县司法局"})
    assert "别处改名县司法局" in client.get("/inspections/").content.decode()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_role_keeps_its_own_menu(login, staff, bureau_admin, director, inspector, language):
    def page(user):
        client = login(user)
        if language == "en":
            client.cookies["django_language"] = "en"
        return client.get("/").content.decode()

    # Rendered in turn, each after another role's page: none shows the menu kept for another role.
    director_page, staff_page, admin_page, inspector_page = (
        page(director),
        page(staff),
        page(bureau_admin),
        page(inspector),
    )
    assert 'href="/inspections/plans/"' in staff_page and 'href="/inspections/plans/"' not in director_page
    assert 'href="/reports/"' in staff_page and 'href="/reports/"' not in director_page
    assert 'href="/admin/"' in admin_page and 'href="/admin/"' not in staff_page
    assert 'href="/reports/"' not in inspector_page and 'href="/inspections/visits/"' in inspector_page
    reports = "Reports" if language == "en" else "年度报告"
    assert f'href="/reports/">{reports}</a>' in staff_page
    assert f'<html lang="{language}">' in director_page


def test_choice_labels_follow_the_language_and_keep_unknown_values():
    from casework.models import Case

    case = Case(case_type="civil")
    with translation.override("zh-hans"):
        assert case.get_case_type_display() == "民事"
    with translation.override("en"):
        assert case.get_case_type_display() == "Civil"
    with translation.override("zh-hans"):
        assert case.get_case_type_display() == "民事"
    # A value outside the choices (an old record) is shown as stored, as Django does.
    assert Case(case_type="retired_kind").get_case_type_display() == "retired_kind"
    assert Case(case_type=None).get_case_type_display() is None
