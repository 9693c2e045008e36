from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import BureauSettings, CalendarDay, CalendarYear, Job, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (
        (None, {"fields": ("full_name", "phone", "must_change_password")}),
    )
    list_display = ("username", "full_name", "is_active", "last_login")
    search_fields = ("username", "full_name")

    def save_model(self, request, obj, form, change):
        if not change:
            # An account made by an administrator: its first sign-in forces a password change.
            obj.must_change_password = True
        super().save_model(request, obj, form, change)


@admin.register(BureauSettings)
class BureauSettingsAdmin(admin.ModelAdmin):
    list_display = ("bureau_name", "county_name", "doc_prefix")

    def has_add_permission(self, request):
        return not BureauSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 5


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "notice", "entered_by", "entered_at")
    inlines = [CalendarDayInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.entered_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "status", "progress", "created_by", "created_at", "finished_at")
    list_filter = ("kind", "status")
    readonly_fields = [f.name for f in Job._meta.fields]
