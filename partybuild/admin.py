from django.contrib import admin

from .models import Branch, LiaisonOfficer, LiaisonTraining, Meeting, Member, PartySettings


@admin.register(PartySettings)
class PartySettingsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "attachment_max_mb", "conversion_notice_days", "joint_branch_max_firms")

    def has_add_permission(self, request):
        return not PartySettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Branch)
class BranchAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "founded_on", "status")
    list_filter = ("kind", "status")


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("name", "branch", "stage", "status")
    list_filter = ("stage", "status")
    raw_id_fields = ("lawyer", "firm", "branch")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("held_on", "branch", "kind", "topic")
    list_filter = ("kind",)


admin.site.register(LiaisonOfficer)
admin.site.register(LiaisonTraining)
