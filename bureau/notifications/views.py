"""The notification centre: the bell, the list with filters, opening (marks read, then goes to the
record), all read; what is due; the e-mail preference and the calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import calendar, selectors, services
from .filters import NotificationFilter
from .forms import PreferencesForm
from .steps import step_label

PAGE_SIZE = 30
DUE_PAGE_LIMIT = 300


@require_GET
def bell(request):
    """The bell's badge, loaded by the page after it rendered (htmx), so that no page pays a query
    for it."""
    return render(
        request, "bureau/notifications/_bell_count.html", {"unread": selectors.unread_count(request.user)}
    )


@require_GET
def notification_list(request):
    # Queries: the page's rows, their count, the unread count (plus session and user).
    filterset = NotificationFilter(request.GET, queryset=selectors.user_notifications(request.user))
    page = Paginator(filterset.qs.order_by("-for_date", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    for notification in page:
        notification.step_label = step_label(notification.step)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "bureau/notifications/list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "unread": selectors.unread_count(request.user),
        },
    )


@require_POST
def notification_open(request, notification_id):
    notification = services.notification_open(user=request.user, notification_id=notification_id)
    if notification is None:
        raise Http404
    if url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notifications:list")


@require_POST
def read_all(request):
    count = services.notifications_read_all(user=request.user)
    messages.success(request, _("已将 %(n)s 条提醒标为已读。") % {"n": count})
    return redirect("notifications:list")


@require_GET
def due_list(request):
    """What is due for the user now, over every registered deadline."""
    today = timezone.localdate()
    kinds = dict(selectors.deadline_kinds())
    due = selectors.due_for_user(request.user, today)
    # The soonest first; a province's bureau may have thousands, which the calendar feed holds.
    items = [
        {"deadline": d, "label": kinds.get(d.kind, d.kind), "overdue": d.due_date < today}
        for d in due[:DUE_PAGE_LIMIT]
    ]
    return render(
        request,
        "bureau/notifications/due.html",
        {"items": items, "today": today, "total": len(due), "limit": DUE_PAGE_LIMIT},
    )


def preferences(request):
    user = request.user
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            try:
                services.preferences_update(
                    user=user,
                    email=form.cleaned_data["email"],
                    email_reminders=form.cleaned_data["email_reminders"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("提醒设置已保存。"))
                return redirect("notifications:preferences")
        status = 400
    else:
        form = PreferencesForm(initial={"email": user.email, "email_reminders": user.email_reminders})
        status = 200
    return render(
        request,
        "bureau/notifications/preferences.html",
        {"form": form, "feed_url": calendar.feed_url(user)},
        status=status,
    )


@require_POST
def calendar_issue(request):
    services.calendar_issue(user=request.user)
    messages.success(request, _("已生成新的日历订阅地址，原地址即日起失效。"))
    return redirect("notifications:preferences")


@require_POST
def calendar_revoke(request):
    services.calendar_revoke(user=request.user)
    messages.success(request, _("日历订阅地址已停用。"))
    return redirect("notifications:preferences")


@login_not_required
@never_cache
@require_GET
def calendar_feed(request, user_id, token):
    """The private ICS feed: the secret in the address is the only credential (calendar apps sign
    in to nothing). An unknown, revoked or outdated secret answers 404, revealing nothing."""
    user = calendar.user_for_token(user_id, token)
    if user is None:
        raise Http404
    response = HttpResponse(
        calendar.build_feed(user, timezone.localdate()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return response
