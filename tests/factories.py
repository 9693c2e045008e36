import factory
from factory.django import DjangoModelFactory

from bureau.demo import demo_credit_code
from bureau.models import User
from bureau.permissions import assign_role, grant_firm
from firms.models import Firm

TEST_PASSWORD = "Test-password-1234"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            assign_role(self, extracted)

    @factory.post_generation
    def firm(self, create, extracted, **kwargs):
        if extracted:
            grant_firm(self, extracted)
        if create:
            self.save()  # the password set above


class FirmFactory(DjangoModelFactory):
    class Meta:
        model = Firm

    name = factory.Sequence(lambda n: f"测试第{n}律师事务所")
    short_name = factory.Sequence(lambda n: f"测试{n}所")
    credit_code = factory.Sequence(lambda n: demo_credit_code(500000 + n))
