"""Reading a year or a quarter from the request never raises: bad, missing or out-of-range input
gives the default."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from bureau.http import int_param, quarter_param, year_param

THIS_YEAR = timezone.localdate().year


def _request(query=""):
    return RequestFactory().get("/x/" + query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?year=2024", 2024),
        ("?year=%202024%20", 2024),
        ("", THIS_YEAR),
        ("?year=", THIS_YEAR),
        ("?year=abc", THIS_YEAR),
        ("?year=%00", THIS_YEAR),
        ("?year=2024.5", THIS_YEAR),
        ("?year=1999", THIS_YEAR),
        (f"?year={THIS_YEAR + 2}", THIS_YEAR),
        ("?year=" + "9" * 5000, THIS_YEAR),  # longer than int() converts
        (f"?year={THIS_YEAR + 1}", THIS_YEAR + 1),
    ],
)
def test_year_param(query, expected):
    assert year_param(_request(query)) == expected


def test_year_param_with_own_default_and_bounds():
    assert year_param(_request("?year=x"), default=2020) == 2020
    assert year_param(_request("?year=2090"), latest=2100) == 2090
    assert year_param(_request("?y=2021"), "y") == 2021
    assert year_param(_request(), data={"year": "2022"}) == 2022


@pytest.mark.parametrize(
    ("query", "expected"),
    [("?quarter=3", 3), ("?quarter=5", 2), ("?quarter=0", 2), ("?quarter=%00", 2), ("", 2)],
)
def test_quarter_param(query, expected):
    assert quarter_param(_request(query), default=2) == expected


def test_int_param_ignores_odd_types():
    assert int_param({"n": ["1"]}, "n", default=7) == 7
    assert int_param({"n": True}, "n", default=7) == 7
    assert int_param({"n": 4}, "n", default=7, choices=(4,)) == 4
    assert int_param({"n": datetime.date.today()}, "n", default=7) == 7
