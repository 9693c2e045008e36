"""Regressions found in review."""

from casework.forms import PartyFormSet


def _data(n):
    data = {
        "party-TOTAL_FORMS": str(n),
        "party-INITIAL_FORMS": "0",
        "party-MIN_NUM_FORMS": "1",
        "party-MAX_NUM_FORMS": "20",
    }
    for i in range(n):
        data.update(
            {
                f"party-{i}-role": "client",
                f"party-{i}-kind": "person",
                f"party-{i}-name": f"当事人{i}",
                f"party-{i}-id_code": "",
            }
        )
    return data


def test_conflict_check_takes_at_most_20_parties(db):
    assert PartyFormSet(_data(20), prefix="party").is_valid()
    too_many = PartyFormSet(_data(500), prefix="party")
    assert not too_many.is_valid()
    assert too_many.total_form_count() <= 20
