import pytest

from tests.factories import LawyerFactory


@pytest.fixture
def lawyer(firm):
    return LawyerFactory(firm=firm, name="王律师", phone="13900000001")


@pytest.fixture
def other_lawyer(other_firm):
    return LawyerFactory(firm=other_firm, name="赵律师", phone="13900000002")
