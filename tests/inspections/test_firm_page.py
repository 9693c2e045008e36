"""The firm page shows the firm's inspections to those who may see them."""

import pytest

pytestmark = pytest.mark.django_db


def test_firm_page_lists_inspections(login, staff, director, inspection, firm):
    html = login(staff).get(f"/firms/{firm.pk}/").content.decode()
    assert "双随机检查" in html and inspection.plan.title in html
    assert inspection.plan.title in login(director).get(f"/firms/{firm.pk}/").content.decode()
