"""Reads of the registry, scoped to what the user may see."""

import datetime
from decimal import Decimal

from django.db.models import Count, DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from bureau.models import BureauSettings
from bureau.permissions import Role, has_role, is_bureau

from .models import Firm, FirmAssessment, Lawyer, StandardisationRating, TrainingAttendance, TrainingYearHours
from .permissions import managed_firm_ids


def visible_firms(user):
    """Bureau staff and inspectors read every firm; a director only their own."""
    if is_bureau(user) or has_role(user, Role.INSPECTOR):
        return Firm.objects.all()
    if has_role(user, Role.FIRM_DIRECTOR):
        return Firm.objects.filter(id__in=managed_firm_ids(user))
    return Firm.objects.none()


def visible_lawyers(user):
    if is_bureau(user) or has_role(user, Role.INSPECTOR):
        return Lawyer.objects.all()
    if has_role(user, Role.FIRM_DIRECTOR):
        return Lawyer.objects.filter(firm_id__in=managed_firm_ids(user))
    return Lawyer.objects.none()


def can_edit_registry(user):
    """Codes, licences, ratings and assessments: bureau staff only."""
    return is_bureau(user)


def can_edit_facilities(user, firm):
    """Contact details, rooms and equipment: bureau staff and the firm's own director."""
    return is_bureau(user) or (
        has_role(user, Role.FIRM_DIRECTOR)
        and Firm.objects.filter(pk=firm.pk, id__in=managed_firm_ids(user)).exists()
    )


def can_see_id_numbers(user):
    return is_bureau(user)


def current_rating_subquery(today=None):
    today = today or timezone.localdate()
    return (
        StandardisationRating.objects.filter(firm=OuterRef("pk"), conferred_on__lte=today)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .order_by("-conferred_on")
    )


def with_list_annotations(firms):
    """Lawyer count and current rating level, each as one subquery (no per-row queries)."""
    practising = Lawyer.objects.filter(firm=OuterRef("pk"), status=Lawyer.Status.PRACTISING)
    return firms.annotate(
        lawyer_count=Coalesce(
            Subquery(practising.order_by().values("firm").annotate(n=Count("id")).values("n")[:1]), Value(0)
        ),
        rating_level=Subquery(current_rating_subquery().values("level")[:1]),
    )


_HOURS = DecimalField(max_digits=7, decimal_places=1)


def training_hours(year, lawyers=None):
    """Lawyers annotated with their training hours in `year` (one aggregate query)."""
    lawyers = Lawyer.objects.all() if lawyers is None else lawyers
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    hours = (
        TrainingAttendance.objects.filter(lawyer=OuterRef("pk"), session__held_on__range=(start, end))
        .order_by()
        .values("lawyer")
        .annotate(total=Sum("hours"))
        .values("total")[:1]
    )
    return lawyers.annotate(
        year_hours=Coalesce(
            Subquery(hours), Value(Decimal("0")), output_field=DecimalField(max_digits=7, decimal_places=1)
        )
    )


def lawyers_short_of_training(year, lawyers=None):
    """Practising lawyers whose hours in `year` are below the bureau's requirement."""
    required = BureauSettings.load().training_hours_required
    return (
        training_hours(year, lawyers)
        .filter(status=Lawyer.Status.PRACTISING, year_hours__lt=required)
        .annotate(missing_hours=Value(required, output_field=_HOURS) - F("year_hours"))
        .select_related("firm")
    )


def short_of_training_count(year, lawyers=None):
    """How many practising lawyers (of `lawyers`) are short of the year's required hours: the
    practising lawyers less those whose hours of the year reach the requirement, read from the
    yearly sums the database keeps (TrainingYearHours), so the count never sums the attendance."""
    required = BureauSettings.load().training_hours_required
    lawyers = Lawyer.objects.all() if lawyers is None else lawyers
    practising = lawyers.filter(status=Lawyer.Status.PRACTISING)
    if required <= 0:
        return 0
    met = TrainingYearHours.objects.filter(year=year, hours__gte=required, lawyer__in=practising.values("id"))
    return practising.count() - met.count()


def training_roll(day):
    """The lawyers a training session's attendance is taken from: those practising on its date."""
    return lawyers_at(day)


def firm_assessment_years(firm):
    return FirmAssessment.objects.filter(firm=firm).order_by("-year")


def hours_by_year(lawyer):
    """[(year, hours)] of a lawyer's training, newest first (one aggregate query)."""
    from django.db.models.functions import ExtractYear

    return list(
        TrainingAttendance.objects.filter(lawyer=lawyer)
        .annotate(year=ExtractYear("session__held_on"))
        .values("year")
        .annotate(total=Sum("hours"))
        .order_by("-year")
        .values_list("year", "total")
    )


def firm_counts():
    """{"total", "practising"}: the registered firms, in one aggregate query."""
    return Firm.objects.aggregate(
        total=Count("id"),
        practising=Count("id", filter=Q(status=Firm.Status.PRACTISING)),
    )


def current_firms_by_form():
    """{organisation form: number of firms not deregistered} (one grouped query)."""
    return dict(
        Firm.objects.exclude(status=Firm.Status.DEREGISTERED)
        .values_list("organisation_form")
        .annotate(n=Count("id"))
        .order_by()
    )


def practising_lawyers_by_category():
    """{practice category: number of practising lawyers} (one grouped query)."""
    return dict(
        Lawyer.objects.filter(status=Lawyer.Status.PRACTISING)
        .values_list("category")
        .annotate(n=Count("id"))
        .order_by()
    )


def training_shortfall_by_firm(year, lawyers):
    """{firm_id: number of practising lawyers short of training hours in `year`} among `lawyers`
    (one grouped query)."""
    return dict(
        lawyers_short_of_training(year, lawyers)
        .select_related(None)
        .order_by()
        .values_list("firm_id")
        .annotate(n=Count("id"))
    )


def kept_firms(user):
    """The firms whose records the user keeps (a director's own), by name."""
    return Firm.objects.filter(id__in=managed_firm_ids(user)).order_by("name")


# The registry as at a date and the yearly figures (firms.yearly); other apps import them from here.
from .yearly import facilities_figures, firms_at, lawyers_at, with_status_at, year_figures  # noqa: E402, F401
