import datetime

import factory
from factory.django import DjangoModelFactory

from bureau.demo import demo_credit_code, demo_id_number
from bureau.models import User
from bureau.permissions import assign_role
from firms.models import Firm, Lawyer, PracticeRecord
from firms.permissions import grant_firm

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


class LawyerFactory(DjangoModelFactory):
    class Meta:
        model = Lawyer
        skip_postgeneration_save = True

    firm = factory.SubFactory(FirmFactory)
    name = factory.Sequence(lambda n: f"律师{n}")
    gender = "M"
    id_number = factory.Sequence(
        lambda n: demo_id_number(datetime.date(1980 + n % 20, 1 + n % 12, 1 + n % 28), n)
    )
    licence_no = factory.Sequence(lambda n: f"16299201010{n:06d}")
    licence_date = datetime.date(2010, 7, 1)

    @factory.post_generation
    def practice_record(self, create, extracted, **kwargs):
        if create:
            PracticeRecord.objects.create(lawyer=self, firm=self.firm, started_on=self.licence_date)


def set_firm_status(firm, status, on_date):
    """A firm's status changed through the registry's service, dated `on_date` (its history)."""
    from firms.services import firm_update

    firm.refresh_from_db()
    firm.status = status
    if status == Firm.Status.DEREGISTERED:
        firm.deregistered_on = on_date
    firm_update(
        firm=firm,
        expected_version=firm.version,
        fields=["status", "deregistered_on"],
        status_changed_on=on_date,
    )
