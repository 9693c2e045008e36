"""The settings singleton base: reading never writes, saving always writes row 1, and the database
keeps a second row out."""

import pytest
from django.db import IntegrityError, transaction

from bureau.models import BureauSettings


def test_load_reads_the_row(db):
    BureauSettings.objects.update_or_create(id=1, defaults={"county_name": "甲县"})
    assert BureauSettings.load().county_name == "甲县"


def test_load_without_a_row_writes_nothing_and_gives_the_defaults(db):
    BureauSettings.objects.all().delete()
    row = BureauSettings.load()
    assert row.pk == 1 and row.county_name == "示范县"
    assert not BureauSettings.objects.exists()


def test_save_always_writes_row_one(db):
    BureauSettings.objects.all().delete()
    row = BureauSettings.load()
    row.county_name = "乙县"
    row.save()
    BureauSettings(county_name="丙县").save()  # a stray second instance replaces, never adds
    assert list(BureauSettings.objects.values_list("id", "county_name")) == [(1, "丙县")]


def test_the_database_refuses_a_second_row(db):
    with pytest.raises(IntegrityError, match="bureau_settings_singleton"), transaction.atomic():
        BureauSettings.objects.bulk_create([BureauSettings(id=2)])
