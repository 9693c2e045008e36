"""Every change to a regulated record leaves an audit entry naming who made it."""

from pghistory.models import Events

from firms.models import Firm


def _admin_edit(client, firm, **changes):
    """Post the admin change form of a firm with its current values and the given changes."""
    url = f"/admin/firms/firm/{firm.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    data = {k: v for k, v in data.items() if v is not False}  # unchecked boxes are absent
    data.update(changes)
    return client.post(url, data)


def test_audit_entry_names_the_user_who_changed_a_firm(login, bureau_admin, firm):
    client = login(bureau_admin)
    response = _admin_edit(client, firm, name="甲律师事务所（更名）", status="suspended")
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Events.objects.tracks(firm).filter(pgh_label="update").get()
    assert event.pgh_context["user"] == bureau_admin.pk
    assert event.pgh_diff["name"] == ["甲律师事务所", "甲律师事务所（更名）"]
    assert event.pgh_diff["status"] == ["practising", "suspended"]


def test_bulk_updates_are_audited_too(db, firm, other_firm):
    Firm.objects.update(status=Firm.Status.SUSPENDED)
    assert Events.objects.tracks(firm).filter(pgh_label="update").count() == 1
    assert Events.objects.tracks(other_firm).filter(pgh_label="update").count() == 1


def test_history_page_shows_who_and_what(login, bureau_admin, staff, firm):
    _admin_edit(login(bureau_admin), firm, short_name="新简称")
    html = login(staff).get(f"/history/firms/firm/{firm.pk}/").content.decode()
    assert "管理员" in html  # the admin's full name
    assert "新简称" in html


def test_history_page_is_for_bureau_only(login, director, inspector, firm):
    assert login(director).get(f"/history/firms/firm/{firm.pk}/").status_code == 403
    assert login(inspector).get(f"/history/firms/firm/{firm.pk}/").status_code == 403


def test_history_page_404_for_untracked_models_and_missing_rows(login, staff, firm):
    client = login(staff)
    assert client.get("/history/bureau/job/1/").status_code == 404
    assert client.get("/history/firms/firm/999999/").status_code == 404
    assert client.get("/history/nothing/here/1/").status_code == 404


def test_audit_events_cannot_be_altered(db, firm):
    import pytest
    from django.db import InternalError, ProgrammingError, transaction

    from firms.models import FirmEvent

    with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
        FirmEvent.objects.update(name="篡改")
