"""The service log form shows only the fields of the chosen kind, swaps them on a kind change
(htmx asks for the fragment), starts with today's date and leaves counts empty."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.forms import KIND_FIELDS, KIND_REQUIRED
from casework.models import ServiceLog


def _field_names(page):
    """The names of the inputs inside the log form (or the whole fragment)."""
    if '<form method="post" class="card card-body"' in page:
        page = page.split('<form method="post" class="card card-body"', 1)[1].split("</form>", 1)[0]
    return set(re.findall(r'name="([a-z_]+)"', page)) - {"csrfmiddlewaretoken"}


def test_without_a_kind_only_the_common_fields_are_shown(login, director, lawyer):
    page = login(director).get(reverse("casework:service_new")).content.decode()
    assert _field_names(page) == {"kind", "date", "lawyers"}
    assert f'name="date" value="{timezone.localdate().isoformat()}"' in page
    assert 'id="kind-prompt"' in page
    select = page.split('name="kind"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'<option value="([^"]*)"[^>]*selected', select) == [""]


@pytest.mark.parametrize("kind", ServiceLog.Kind.values)
def test_each_kind_shows_its_own_fields_and_no_prefilled_zero(login, director, lawyer, kind):
    page = login(director).get(reverse("casework:service_new") + f"?kind={kind}").content.decode()
    assert _field_names(page) == {"kind", "date", "lawyers", "remarks", *KIND_FIELDS[kind]}
    for name in ServiceLog.COUNT_FIELDS:
        if name in KIND_FIELDS[kind]:
            tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
            assert "value=" not in tag  # empty, not 0
    for name in KIND_REQUIRED.get(kind, {}):
        label = page.split(f'for="id_{name}"', 1)[1].split("</label>", 1)[0]
        assert 'class="text-danger">*' in label


def test_a_kind_change_swaps_in_the_fragment(login, director):
    client = login(director)
    response = client.get(
        reverse("casework:service_new") + "?partial=1&kind=mediation", headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="kind-fields"')
    assert _field_names(page) == {*KIND_FIELDS["mediation"], "remarks"}
    assert "<html" not in page


def test_the_kind_select_asks_htmx_for_the_fragment(login, director):
    page = login(director).get(reverse("casework:service_new")).content.decode()
    select = page.split('<select name="kind"', 1)[1].split(">", 1)[0]
    assert 'hx-get="/services/new/?partial=1"' in select and 'hx-target="#kind-fields"' in select


def test_optional_counts_left_empty_count_as_zero(login, director, lawyer):
    response = login(director).post(
        reverse("casework:service_new"),
        {
            "kind": "health_check",
            "date": "2026-05-01",
            "lawyers": [lawyer.pk],
            "counterpart": "示范县宏达公司",
            "risk_points": "3",
        },
    )
    assert response.status_code == 302
    log = ServiceLog.objects.get()
    assert (log.risk_points, log.opinion_letters, log.person_times) == (3, 0, 0)


def test_a_required_count_left_empty_is_refused_in_words(login, director, lawyer):
    response = login(director).post(
        reverse("casework:service_new"), {"kind": "legal_help", "date": "2026-05-01", "lawyers": [lawyer.pk]}
    )
    assert response.status_code == 200 and "请填写服务人次" in response.content.decode()
    assert not ServiceLog.objects.exists()
