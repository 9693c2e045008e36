"""The bureau's local numbers for Party-building records."""

import pghistory
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bureau.models import SingletonModel


@pghistory.track()
class PartySettings(SingletonModel):
    """The bureau's local numbers for Party-building records, kept as one row."""

    attachment_max_mb = models.PositiveSmallIntegerField(
        _("会议附件大小上限（MB）"), default=10, validators=[MinValueValidator(1)]
    )
    conversion_notice_days = models.PositiveSmallIntegerField(_("预备党员转正提前提醒天数"), default=30)
    joint_branch_max_firms = models.PositiveSmallIntegerField(_("联合党支部覆盖单位上限"), default=5)
    branch_max_members = models.PositiveSmallIntegerField(_("党支部党员人数上限"), default=50)
    committee_threshold = models.PositiveSmallIntegerField(_("应设支委会的正式党员人数"), default=7)
    own_branch_threshold = models.PositiveSmallIntegerField(_("应单独建支部的正式党员人数"), default=3)

    class Meta(SingletonModel.Meta):
        verbose_name = _("党建设置")
        verbose_name_plural = _("党建设置")

    def __str__(self):
        return str(_("党建设置"))

    @property
    def attachment_max_bytes(self):
        return self.attachment_max_mb * 1024 * 1024
