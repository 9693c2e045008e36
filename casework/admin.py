from django.contrib import admin

from .models import CaseworkSettings, FirmCaseSettings


@admin.register(CaseworkSettings)
class CaseworkSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "sensitive_filing_days", "quarterly_due_days", "completeness_days"]

    def has_add_permission(self, request):
        return not CaseworkSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FirmCaseSettings)
class FirmCaseSettingsAdmin(admin.ModelAdmin):
    list_display = ["firm", "intake_prefix", "letter_civil", "letter_criminal"]
    list_select_related = ["firm"]
