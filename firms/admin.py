from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from .models import Firm


@admin.register(Firm)
class FirmAdmin(GuardedModelAdmin):
    list_display = ("name", "credit_code", "status")
    search_fields = ("name", "credit_code")
