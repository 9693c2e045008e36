"""The registry as it stood at a date, and the yearly report's figures computed from dated records
(status history, practice history, ratings, dated events), so that year Y's figures stay the same
whatever is recorded after it. Aggregated in SQL: a fixed number of queries."""

import datetime
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from bureau.models import BureauSettings

from .models import (
    Firm,
    FirmAssessment,
    FirmImprovement,
    FirmStatusChange,
    Lawyer,
    LawyerAssessment,
    PracticeRecord,
    Restructuring,
    RestructuringStep,
    ServiceStation,
    StandardisationRating,
    TrainingAttendance,
    TrainingSession,
)

_HOURS = DecimalField(max_digits=7, decimal_places=1)
PARTY = (Lawyer.Political.PARTY_MEMBER, Lawyer.Political.PROBATIONARY)


def with_status_at(firms, day):
    """`firms` annotated with `status_at`: their status on `day` from the status history, None when
    the firm was not yet registered. A firm without any history (written outside the services)
    falls back to its founding and deregistration dates and its current status."""
    history = FirmStatusChange.objects.filter(firm=OuterRef("pk"), changed_on__lte=day).order_by(
        "-changed_on", "-id"
    )
    fallback = Case(
        When(Exists(FirmStatusChange.objects.filter(firm=OuterRef("pk"))), then=Value(None)),
        When(founded_on__gt=day, then=Value(None)),
        When(deregistered_on__lte=day, then=Value(Firm.Status.DEREGISTERED)),
        When(status=Firm.Status.DEREGISTERED, then=Value(Firm.Status.PRACTISING)),
        default=F("status"),
        output_field=CharField(),
    )
    return firms.annotate(status_at=Coalesce(Subquery(history.values("status")[:1]), fallback))


def firms_at(day):
    """The firms registered and not deregistered on `day` (practising, suspended or restructuring),
    each annotated with `status_at`. For other apps: the firms a figure as at a date counts."""
    return (
        with_status_at(Firm.objects.all(), day)
        .filter(status_at__isnull=False)
        .exclude(status_at=Firm.Status.DEREGISTERED)
    )


def practice_records_at(day):
    """The practice records running on `day`: started on or before it, not ended before it (the
    day of a transfer counts at the new firm). An open record of a lawyer not practising now
    (suspended or deregistered outside the services, so without a closing date) is not counted: no
    record says until when they practised."""
    return (
        PracticeRecord.objects.filter(started_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        .exclude(Q(ended_on__isnull=True) & ~Q(lawyer__status=Lawyer.Status.PRACTISING))
    )


def lawyers_at(day):
    """The lawyers practising on `day` (see practice_records_at)."""
    return Lawyer.objects.filter(pk__in=practice_records_at(day).values("lawyer_id")).select_related("firm")


def _lawyer_figures(year, end):
    records = practice_records_at(end).annotate(
        category_at=Case(
            When(category="", then=F("lawyer__category")), default=F("category"), output_field=CharField()
        ),
        partner_at=Coalesce("is_partner", "lawyer__is_partner"),
    )
    counts = records.aggregate(
        total=Count("lawyer", distinct=True),
        new=Count("lawyer", distinct=True, filter=Q(lawyer__licence_date__year=year)),
        partners=Count("lawyer", distinct=True, filter=Q(partner_at=True)),
        female=Count("lawyer", distinct=True, filter=Q(lawyer__gender=Lawyer.Gender.FEMALE)),
        party=Count("lawyer", distinct=True, filter=Q(lawyer__political_status__in=PARTY)),
    )
    counts["by_category"] = dict(
        records.values_list("category_at").annotate(n=Count("lawyer", distinct=True)).order_by()
    )
    return counts


def _training_figures(year, end):
    """The lawyers practising at year end, how many of them fall short of the required hours, and
    their hours in all: two queries, each summing attendance once (a subquery per lawyer took
    seconds for a province's 40,000 lawyers)."""
    start = datetime.date(year, 1, 1)
    required = BureauSettings.load().training_hours_required
    roll = practice_records_at(end).values("lawyer_id")
    lawyers = Lawyer.objects.filter(pk__in=roll).count()
    hours = (
        TrainingAttendance.objects.filter(session__held_on__range=(start, end), lawyer_id__in=roll)
        .order_by()
        .values("lawyer")
        .annotate(total=Sum("hours"))
        .aggregate(
            met=Count("lawyer", filter=Q(total__gte=required)),
            hours=Coalesce(Sum("total"), Value(Decimal("0")), output_field=_HOURS),
        )
    )
    # Lawyers with no attendance have no row above: they are short whenever hours are required.
    training = {
        "lawyers": lawyers,
        "short": lawyers - hours["met"] if required > 0 else 0,
        "total_hours": hours["hours"],
    }
    # A session held counts whether or not its attendance has been entered yet.
    sessions = TrainingSession.objects.filter(held_on__year=year).aggregate(
        sessions=Count("id", distinct=True), attendances=Count("attendances")
    )
    return required, training, sessions


def _restructurings(end):
    """Each restructuring started by `end`, with its steps done by then."""
    done_by_end = Q(steps__status=RestructuringStep.Status.DONE, steps__completed_on__lte=end)
    rows = []
    for r in (
        Restructuring.objects.filter(started_on__lte=end)
        .select_related("firm")
        .annotate(done=Count("steps", filter=done_by_end), steps_total=Count("steps"))
        .order_by("firm__name")
    ):
        rows.append(
            {
                "firm": r.firm.name,
                "done": r.done,
                "steps": r.steps_total,
                "completed_on": r.completed_on if r.completed_on and r.completed_on <= end else None,
            }
        )
    names = dict(RestructuringStep.Step.choices)
    done_steps = {}
    for firm_name, step in (
        RestructuringStep.objects.filter(
            restructuring__started_on__lte=end, status=RestructuringStep.Status.DONE, completed_on__lte=end
        )
        .order_by("step")
        .values_list("restructuring__firm__name", "step")
    ):
        done_steps.setdefault(firm_name, []).append(str(names[step]))
    for row in rows:
        row["done_steps"] = done_steps.get(row["firm"], [])
    return rows


def year_figures(year):
    """The registry's figures for year `year`: as at 31 December (firms, lawyers, ratings,
    restructuring) or during the year (new, deregistered, training, assessments, ratings conferred)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    gone = Firm.Status.DEREGISTERED
    # A firm deregistered before the year is history: the year's figures show the firms registered
    # at its end and those deregistered during it.
    before = with_status_at(Firm.objects.all(), start - datetime.timedelta(days=1)).values("status_at")
    at_end = (
        with_status_at(Firm.objects.all(), end)
        .filter(status_at__isnull=False)
        .exclude(pk__in=before.filter(status_at=gone).values("pk"))
    )
    form_status = {
        (row["organisation_form"], row["status_at"]): row["n"]
        for row in at_end.values("organisation_form", "status_at").annotate(n=Count("id")).order_by()
    }
    firms_total = sum(n for (_f, status), n in form_status.items() if status != Firm.Status.DEREGISTERED)
    firm_counts = at_end.aggregate(
        new=Count("id", filter=Q(founded_on__range=(start, end))),
        deregistered=Count("id", filter=Q(status_at=gone)),
    )
    lawyers = _lawyer_figures(year, end)
    ratings = dict(
        StandardisationRating.objects.filter(conferred_on__lte=end)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=end))
        .values_list("level")
        .annotate(n=Count("firm", distinct=True))
        .order_by()
    )
    conferred = list(
        StandardisationRating.objects.filter(conferred_on__range=(start, end))
        .select_related("firm")
        .order_by("conferred_on", "id")
        .values("firm__name", "level", "conferred_by", "conferred_on", "valid_until")
    )
    firm_assessments = dict(
        FirmAssessment.objects.filter(year=year).values_list("result").annotate(n=Count("id")).order_by()
    )
    lawyer_assessments = dict(
        LawyerAssessment.objects.filter(year=year).values_list("result").annotate(n=Count("id")).order_by()
    )
    required, training, sessions = _training_figures(year, end)
    return {
        "firms_total": firms_total,
        "firms_new": firm_counts["new"],
        "firms_deregistered": firm_counts["deregistered"],
        "firms_by_form_status": form_status,
        "lawyers_total": lawyers["total"],
        "lawyers_new": lawyers["new"],
        "lawyers_partners": lawyers["partners"],
        "lawyers_female": lawyers["female"],
        "lawyers_party": lawyers["party"],
        "lawyers_by_category": lawyers["by_category"],
        "ratings_by_level": ratings,
        "ratings_conferred": conferred,
        "firm_assessments": firm_assessments,
        "lawyer_assessments": lawyer_assessments,
        "training_required_hours": required,
        "training_lawyers": training["lawyers"],
        "training_short": training["short"],
        "training_total_hours": training["total_hours"],
        "training_sessions": sessions["sessions"],
        "training_attendances": sessions["attendances"],
        "restructurings": _restructurings(end),
    }


def facilities_figures(year):
    """Rooms and equipment of the firms registered at year end (as their records say now: these
    fields are not dated), the year's improvements by firm, the stations running on 31 December."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    firms = firms_at(end)
    rooms = firms.aggregate(
        firms=Count("id"),
        reception=Count("id", filter=Q(has_reception=True)),
        meeting=Count("id", filter=Q(has_meeting_room=True)),
        archive=Count("id", filter=Q(has_archive_room=True)),
        office_rooms=Coalesce(Sum("office_rooms"), 0),
        computers=Coalesce(Sum("computers"), 0),
        printers=Coalesce(Sum("printers"), 0),
        copiers=Coalesce(Sum("copiers"), 0),
        projectors=Coalesce(Sum("projectors"), 0),
        scanners=Coalesce(Sum("scanners"), 0),
        av_recorders=Coalesce(Sum("av_recorders"), 0),
    )
    by_firm = list(
        FirmImprovement.objects.filter(made_on__range=(start, end))
        .values("firm__name")
        .annotate(n=Count("id"), area=Coalesce(Sum("area"), 0), amount=Coalesce(Sum("amount"), 0))
        .order_by("firm__name")
    )
    stations = dict(
        ServiceStation.objects.filter(since__lte=end)
        .filter(Q(until__isnull=True) | Q(until__gte=end))
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        "rooms": rooms,
        "by_firm": by_firm,
        "improvements": sum(r["n"] for r in by_firm),
        "area": sum(r["area"] for r in by_firm),
        "amount": sum(r["amount"] for r in by_firm),
        "stations": stations,
    }
