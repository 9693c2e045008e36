"""The demo county's firms."""

from bureau.demo import demo_credit_code
from bureau.permissions import grant_firm

from .models import Firm

DEMO_FIRMS = [
    ("示范县明德律师事务所", "明德所"),
    ("示范县正源律师事务所", "正源所"),
    ("示范县法律援助律师事务所", "援助所"),
]


def seed(users):
    firms = []
    for serial, (name, short) in enumerate(DEMO_FIRMS, start=1):
        firm, _ = Firm.objects.get_or_create(
            name=name, defaults={"short_name": short, "credit_code": demo_credit_code(serial)}
        )
        firms.append(firm)
    grant_firm(users["director"], firms[0])
    grant_firm(users["director2"], firms[1])
    return firms
