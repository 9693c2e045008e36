from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("bell/", views.bell, name="bell"),
    path("due/", views.due_list, name="due"),
    path("read-all/", views.read_all, name="read_all"),
    path("<int:notification_id>/open/", views.notification_open, name="open"),
    path("preferences/", views.preferences, name="preferences"),
    path("calendar/issue/", views.calendar_issue, name="calendar_issue"),
    path("calendar/revoke/", views.calendar_revoke, name="calendar_revoke"),
    path("calendar/<int:user_id>/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
