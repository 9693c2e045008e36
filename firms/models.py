import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


@pghistory.track()
class Firm(models.Model):
    class Status(models.TextChoices):
        PRACTISING = "practising", _("执业")
        SUSPENDED = "suspended", _("停业整顿")
        RESTRUCTURING = "restructuring", _("改制中")
        DEREGISTERED = "deregistered", _("注销")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    status = models.CharField(_("状态"), max_length=15, choices=Status.choices, default=Status.PRACTISING)

    class Meta:
        verbose_name = _("律师事务所")
        verbose_name_plural = _("律师事务所")
        ordering = ["name"]
        permissions = [("manage_firm", _("管理本所信息"))]

    def __str__(self):
        return self.name


class FirmUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign-key object permissions (guardian's advice for tables that grow)."""

    content_object = models.ForeignKey(Firm, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        indexes = [
            # managed_firm_ids(): the firms one user keeps.
            models.Index(fields=["user", "permission"], name="firms_firmuop_user_perm_idx"),
        ]


class FirmGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Firm, on_delete=models.CASCADE)
