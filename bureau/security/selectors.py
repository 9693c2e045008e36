import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from .models import AuditVerification, SignInEvent


def signin_events(*, username="", kind="", ip_address=None, date_from=None, date_to=None):
    """The sign-in log, newest first, filtered (bureau administrators only see it)."""
    qs = SignInEvent.objects.select_related("actor").order_by("-at", "-id")
    if username:
        qs = qs.filter(username__iexact=username.strip())
    if kind:
        qs = qs.filter(kind=kind)
    if ip_address:
        qs = qs.filter(ip_address=ip_address)
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(at__gte=datetime.datetime.combine(date_from, datetime.time.min, tzinfo=tz))
    if date_to:
        qs = qs.filter(
            at__lt=datetime.datetime.combine(
                date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
            )
        )
    return qs


def users_for_admin(q=""):
    qs = get_user_model().objects.prefetch_related("groups").order_by("username")
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(full_name__icontains=q))
    return qs


def latest_verification():
    return AuditVerification.objects.order_by("-ran_at", "-id").first()
