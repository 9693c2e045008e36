"""Reads of the registry, scoped to what the user may see."""

import datetime
from decimal import Decimal

from django.db.models import Count, DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from bureau.models import BureauSettings
from bureau.permissions import Role, has_role, is_bureau

from .models import Firm, FirmAssessment, Lawyer, StandardisationRating, TrainingAttendance
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


def training_roll():
    """The lawyers a training session's attendance is taken from: every practising lawyer."""
    return Lawyer.objects.filter(status=Lawyer.Status.PRACTISING).select_related("firm")


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


def year_figures(year):
    """The registry's figures for the yearly report, aggregated in SQL (a fixed number of queries)."""
    from django.db.models.functions import Coalesce as _Coalesce

    from .models import LawyerAssessment, Restructuring, RestructuringStep

    end = datetime.date(year, 12, 31)
    firms = Firm.objects.all()
    form_status = {
        (row["organisation_form"], row["status"]): row["n"]
        for row in firms.values("organisation_form", "status").annotate(n=Count("id")).order_by()
    }
    firm_counts = firms.aggregate(
        total=Count("id", filter=~Q(status=Firm.Status.DEREGISTERED)),
        new=Count("id", filter=Q(founded_on__year=year)),
        deregistered=Count("id", filter=Q(status=Firm.Status.DEREGISTERED, deregistered_on__year=year)),
    )
    lawyer_counts = Lawyer.objects.aggregate(
        total=Count("id", filter=Q(status=Lawyer.Status.PRACTISING)),
        new=Count("id", filter=Q(licence_date__year=year)),
        partners=Count("id", filter=Q(status=Lawyer.Status.PRACTISING, is_partner=True)),
        female=Count("id", filter=Q(status=Lawyer.Status.PRACTISING, gender=Lawyer.Gender.FEMALE)),
        party=Count(
            "id",
            filter=Q(
                status=Lawyer.Status.PRACTISING,
                political_status__in=[Lawyer.Political.PARTY_MEMBER, Lawyer.Political.PROBATIONARY],
            ),
        ),
    )
    by_category = dict(
        Lawyer.objects.filter(status=Lawyer.Status.PRACTISING)
        .values_list("category")
        .annotate(n=Count("id"))
        .order_by()
    )
    ratings = dict(
        StandardisationRating.objects.filter(conferred_on__lte=end)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=end))
        .values_list("level")
        .annotate(n=Count("firm", distinct=True))
        .order_by()
    )
    firm_assessments = dict(
        FirmAssessment.objects.filter(year=year).values_list("result").annotate(n=Count("id")).order_by()
    )
    lawyer_assessments = dict(
        LawyerAssessment.objects.filter(year=year).values_list("result").annotate(n=Count("id")).order_by()
    )
    required = BureauSettings.load().training_hours_required
    hours = training_hours(year, Lawyer.objects.filter(status=Lawyer.Status.PRACTISING))
    training = hours.aggregate(
        lawyers=Count("id"),
        short=Count("id", filter=Q(year_hours__lt=required)),
        total_hours=_Coalesce(Sum("year_hours"), Value(Decimal("0")), output_field=_HOURS),
    )
    sessions = TrainingAttendance.objects.filter(session__held_on__year=year).aggregate(
        sessions=Count("session", distinct=True), attendances=Count("id")
    )
    restructurings = [
        {
            "firm": r.firm.name,
            "done": r.done,
            "steps": r.steps_total,
            "completed_on": r.completed_on,
        }
        for r in Restructuring.objects.select_related("firm")
        .annotate(
            done=Count("steps", filter=Q(steps__status=RestructuringStep.Status.DONE)),
            steps_total=Count("steps"),
        )
        .order_by("firm__name")
    ]
    return {
        "firms_total": firm_counts["total"],
        "firms_new": firm_counts["new"],
        "firms_deregistered": firm_counts["deregistered"],
        "firms_by_form_status": form_status,
        "lawyers_total": lawyer_counts["total"],
        "lawyers_new": lawyer_counts["new"],
        "lawyers_partners": lawyer_counts["partners"],
        "lawyers_female": lawyer_counts["female"],
        "lawyers_party": lawyer_counts["party"],
        "lawyers_by_category": by_category,
        "ratings_by_level": ratings,
        "firm_assessments": firm_assessments,
        "lawyer_assessments": lawyer_assessments,
        "training_required_hours": required,
        "training_lawyers": training["lawyers"],
        "training_short": training["short"],
        "training_total_hours": training["total_hours"],
        "training_sessions": sessions["sessions"],
        "training_attendances": sessions["attendances"],
        "restructurings": restructurings,
    }


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
