from django.contrib import admin

from .models import (
    ChecklistItem,
    ChecklistTemplate,
    Conflict,
    Draw,
    InspectionSettings,
    Inspector,
    Visit,
)


@admin.register(InspectionSettings)
class InspectionSettingsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "yearly_cap", "rectification_workdays", "publish_workdays")

    def has_add_permission(self, request):
        return not InspectionSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class ConflictInline(admin.TabularInline):
    model = Conflict
    extra = 1
    autocomplete_fields = ["firm"]


@admin.register(Inspector)
class InspectorAdmin(admin.ModelAdmin):
    list_display = ("user", "certificate_no", "is_active")
    list_filter = ("is_active",)
    search_fields = ("user__username", "user__full_name", "certificate_no")
    inlines = [ConflictInline]


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 3


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "is_active")
    inlines = [ChecklistItemInline]


@admin.register(Draw)
class DrawAdmin(admin.ModelAdmin):
    """Read-only: draws are append-only (a database trigger refuses changes)."""

    list_display = ("id", "plan", "algorithm", "drawn_by", "drawn_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ("firm", "visited_on", "visitors")
