"""The firms app's deadlines (bureau.contrib.register_deadlines), built from its own selectors and
scoped to what each user may see: lawyers short of training hours from the fourth quarter,
standardisation ratings about to expire, and the annual assessment of the past year.

A director gets one deadline per firm they keep; the bureau gets the county's figure as one
deadline (a reminder per firm would bury bureau staff in a province)."""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.contrib import Deadline, registry
from bureau.permissions import Role, has_role, is_bureau

from . import selectors
from .models import Firm, FirmAssessment, FirmUserObjectPermission, StandardisationRating

# Shortfalls of training hours are reminded from the fourth quarter on: earlier in the year a
# lawyer has time enough, and a reminder in spring would be noise.
TRAINING_REMINDER_FROM_MONTH = 10
# An expired rating is still reminded for this many days, until a new one is conferred.
RATING_OVERDUE_DAYS = 28
# An assessment not done when the window closed is reminded for this many days more; after that it
# is the bureau's follow-up, not a deadline.
ASSESSMENT_OVERDUE_DAYS = 28

COUNTY = gettext_lazy("全县（区）")


def _is_director(user):
    return has_role(user, Role.FIRM_DIRECTOR)


def directors_by_firm():
    """{firm id: [user ids]} of the active firm directors who keep each firm (one query): whom a
    firm's deadlines concern, for the daily reminders' `audience` functions of every app."""
    grants = FirmUserObjectPermission.objects.filter(
        permission__codename="manage_firm",
        permission__content_type__app_label="firms",
        user__is_active=True,
        user__groups__name=Role.FIRM_DIRECTOR,
    ).values_list("content_object_id", "user_id")
    keepers = {}
    for firm_id, user_id in grants.distinct():
        keepers.setdefault(firm_id, []).append(user_id)
    return keepers


def _to_directors(keepers, deadlines):
    return [(user_id, d) for d in deadlines for user_id in keepers.get(d.firm_id, ())]


def _shortfall_url(year):
    return reverse("firms:training_shortfall") + f"?year={year}"


def training_deadlines(user, today):
    """From the fourth quarter, due on 31 December (a calendar date, never provisional): per firm
    the director keeps, its lawyers short of the year's hours; for the bureau, the county's count.
    One grouped query, and one for the firms' names."""
    if today.month < TRAINING_REMINDER_FROM_MONTH:
        return []
    due = datetime.date(today.year, 12, 31)
    url = _shortfall_url(today.year)
    if is_bureau(user):
        short = selectors.training_shortfall_by_firm(today.year, selectors.visible_lawyers(user))
        if not short:
            return []
        title = _("%(year)s年继续教育学时不足：%(n)s名律师（%(firms)s家律所）") % {
            "year": today.year,
            "n": sum(short.values()),
            "firms": len(short),
        }
        return [
            Deadline(
                kind="firms.training",
                key=f"firms.training:county:{today.year}",
                title=title,
                due_date=due,
                state=Deadline.state_on(due, today),
                url=url,
                concerns=str(COUNTY),
            )
        ]
    if not _is_director(user):
        return []
    short = selectors.training_shortfall_by_firm(today.year, selectors.visible_lawyers(user))
    if not short:
        return []
    names = dict(selectors.visible_firms(user).filter(pk__in=short).values_list("pk", "name"))
    return _training_for_firms(short, names, today)


def _training_for_firms(short, names, today):
    due = datetime.date(today.year, 12, 31)
    url = _shortfall_url(today.year)
    return [
        Deadline(
            kind="firms.training",
            key=f"firms.training:firm={firm_id}:{today.year}",
            title=_("%(firm)s：%(n)s名律师%(year)s年继续教育学时不足")
            % {"firm": names[firm_id], "n": n, "year": today.year},
            due_date=due,
            state=Deadline.state_on(due, today),
            url=url,
            firm_id=firm_id,
            concerns=names[firm_id],
        )
        for firm_id, n in sorted(short.items())
        if firm_id in names
    ]


def rating_deadlines(user, today):
    """Current standardisation ratings that expire within RATING_EXPIRY_NOTICE_DAYS (or expired
    less than RATING_OVERDUE_DAYS ago) with no later rating conferred, for the bureau and the
    firm's director, due on the last day of validity (one query)."""
    if not (is_bureau(user) or _is_director(user)):
        return []
    return _ratings(selectors.visible_firms(user), today)


def _ratings(firms, today):
    horizon = today + datetime.timedelta(days=settings.RATING_EXPIRY_NOTICE_DAYS)
    newer = StandardisationRating.objects.filter(
        firm=OuterRef("firm"), conferred_on__gt=OuterRef("conferred_on")
    )
    ratings = (
        StandardisationRating.objects.filter(
            firm__in=firms,
            valid_until__range=(today - datetime.timedelta(days=RATING_OVERDUE_DAYS), horizon),
        )
        .exclude(firm__status=Firm.Status.DEREGISTERED)
        .exclude(Exists(newer))
        .select_related("firm")
        .order_by("valid_until", "id")
    )
    return [
        Deadline(
            kind="firms.rating_expiry",
            key=f"firms.rating_expiry:rating={rating.pk}:{rating.valid_until:%Y-%m-%d}",
            title=_("%(firm)s：%(level)s规范化律师事务所称号有效期届满")
            % {"firm": rating.firm.name, "level": rating.get_level_display()},
            due_date=rating.valid_until,
            state=Deadline.state_on(rating.valid_until, today),
            url=reverse("firms:firm_detail", args=[rating.firm_id]),
            firm_id=rating.firm_id,
            concerns=rating.firm.name,
        )
        for rating in ratings
    ]


def _unassessed(firms, year):
    return (
        firms.exclude(status=Firm.Status.DEREGISTERED)
        .exclude(founded_on__gt=datetime.date(year, 12, 31))
        .exclude(Exists(FirmAssessment.objects.filter(firm=OuterRef("pk"), year=year)))
    )


def _assessment_window(year):
    opens = datetime.date.fromisoformat(f"{year}-{settings.FIRM_ASSESSMENT_OPENS}")
    closes = datetime.date.fromisoformat(f"{year}-{settings.FIRM_ASSESSMENT_CLOSES}")
    return opens, closes


def assessment_deadlines(user, today):
    """The annual assessment of the past year, from the day its window opens until
    ASSESSMENT_OVERDUE_DAYS after it closed,
    for firms (not deregistered, founded before the year ended) with no result recorded yet: due
    on the day the window closes. A director: per firm kept; the bureau: the county's count. One
    query."""
    opens, closes = _assessment_window(today.year)
    if not opens <= today <= closes + datetime.timedelta(days=ASSESSMENT_OVERDUE_DAYS):
        return []
    if not (is_bureau(user) or _is_director(user)):
        return []
    year = today.year - 1
    if is_bureau(user):
        firms = _unassessed(selectors.visible_firms(user), year)
        url = reverse("firms:firm_assessments", args=[year])
        n = firms.count()
        if not n:
            return []
        return [
            Deadline(
                kind="firms.assessment",
                key=f"firms.assessment:county:{year}",
                title=_("%(year)s年度律师事务所检查考核：%(n)s家律所尚未完成") % {"year": year, "n": n},
                due_date=closes,
                state=Deadline.state_on(closes, today),
                url=url,
                concerns=str(COUNTY),
            )
        ]
    return _assessments(selectors.visible_firms(user), today)


def _assessments(visible, today):
    opens, closes = _assessment_window(today.year)
    if not opens <= today <= closes + datetime.timedelta(days=ASSESSMENT_OVERDUE_DAYS):
        return []
    year = today.year - 1
    firms = _unassessed(visible, year)
    return [
        Deadline(
            kind="firms.assessment",
            key=f"firms.assessment:firm={firm.pk}:{year}",
            title=_("%(firm)s：%(year)s年度检查考核") % {"firm": firm.name, "year": year},
            due_date=closes,
            state=Deadline.state_on(closes, today),
            url=reverse("firms:firm_detail", args=[firm.pk]),
            firm_id=firm.pk,
            concerns=firm.name,
        )
        for firm in firms.order_by("name").only("id", "name")
    ]


# --- everyone but the bureau at once (bureau.contrib: audience) ------------------------------


def training_audience(today):
    if today.month < TRAINING_REMINDER_FROM_MONTH:
        return []
    keepers = directors_by_firm()
    from .models import Lawyer

    short = selectors.training_shortfall_by_firm(today.year, Lawyer.objects.filter(firm_id__in=list(keepers)))
    names = dict(Firm.objects.filter(pk__in=short).values_list("pk", "name"))
    return _to_directors(keepers, _training_for_firms(short, names, today))


def rating_audience(today):
    keepers = directors_by_firm()
    return _to_directors(keepers, _ratings(Firm.objects.filter(pk__in=list(keepers)), today))


def assessment_audience(today):
    keepers = directors_by_firm()
    return _to_directors(keepers, _assessments(Firm.objects.filter(pk__in=list(keepers)), today))


registry.register_deadlines(
    "firms.training", training_deadlines, label=gettext_lazy("继续教育学时不足"), audience=training_audience
)
registry.register_deadlines(
    "firms.rating_expiry", rating_deadlines, label=gettext_lazy("规范化称号到期"), audience=rating_audience
)
registry.register_deadlines(
    "firms.assessment", assessment_deadlines, label=gettext_lazy("年度检查考核"), audience=assessment_audience
)
