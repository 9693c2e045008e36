import pytest

from tests.factories import TEST_PASSWORD


@pytest.fixture
def demo_county(transactional_db, settings, tmp_path):
    """The demo county, committed (the live server reads it from its own connection); every demo
    user signs in with the test password."""
    from bureau.demo import seed_demo
    from bureau.models import User

    settings.MEDIA_ROOT = tmp_path / "media"
    _password, users = seed_demo()
    for user in users.values():
        user.set_password(TEST_PASSWORD)
        user.save(update_fields=["password"])
    return {name: User.objects.get(pk=user.pk) for name, user in users.items()}
