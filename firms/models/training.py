"""Continuing education: training sessions and who attended them."""

import pghistory
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .registry import Lawyer


@pghistory.track()
class TrainingSession(models.Model):
    class Kind(models.TextChoices):
        DISCIPLINE = "discipline", _("执业纪律")
        ETHICS = "ethics", _("职业道德")
        PRACTICE = "practice", _("业务")
        NEW_LAW = "new_law", _("新法")
        OTHER = "other", _("其他")

    title = models.CharField(_("培训主题"), max_length=200)
    held_on = models.DateField(_("培训日期"))
    organiser = models.CharField(_("主办单位"), max_length=100)
    kind = models.CharField(_("培训类别"), max_length=12, choices=Kind.choices)
    hours = models.DecimalField(
        _("学时"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0.5)]
    )

    class Meta:
        verbose_name = _("培训")
        verbose_name_plural = _("培训")
        ordering = ["-held_on"]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0), name="firms_training_hours_positive")]
        indexes = [
            # Yearly hours per lawyer: attendance joined to sessions of one year.
            models.Index(fields=["held_on"], name="firms_training_held_on_idx"),
        ]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.title}"


@pghistory.track()
class TrainingAttendance(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendances")
    lawyer = models.ForeignKey(
        Lawyer, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("律师")
    )
    hours = models.DecimalField(
        _("计入学时"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("培训签到")
        verbose_name_plural = _("培训签到")
        constraints = [
            models.UniqueConstraint(fields=["session", "lawyer"], name="firms_attendance_once_per_session"),
            models.CheckConstraint(condition=Q(hours__gte=0), name="firms_attendance_hours_not_negative"),
        ]
        indexes = [
            models.Index(fields=["lawyer", "session"], name="firms_attendance_lawyer_idx"),
            # The dashboards' shortfall count sums a year's sessions' hours by lawyer from the index
            # alone (firms.selectors.short_of_training_count).
            models.Index(
                fields=["session"], include=["lawyer", "hours"], name="firms_attendance_session_idx"
            ),
        ]

    def __str__(self):
        return f"{self.lawyer} {self.session}"


class TrainingYearHours(models.Model):
    """A lawyer's training hours of one year: the sum of their attendances at that year's sessions.
    Kept by database triggers (migration 0008) whatever writes the attendance or moves a session to
    another year, so the dashboards count the year's shortfall from one row per lawyer instead of
    summing every attendance of the year. Derived, so not audited: the attendance is."""

    # No constraint: the triggers write these rows while Django deletes a lawyer's attendance, and
    # the row of a removed lawyer is never read (counts join the practising lawyers).
    lawyer = models.ForeignKey(
        Lawyer, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", verbose_name=_("律师")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    hours = models.DecimalField(_("学时"), max_digits=7, decimal_places=1)

    class Meta:
        verbose_name = _("年度培训学时")
        verbose_name_plural = _("年度培训学时")
        constraints = [
            models.UniqueConstraint(fields=["lawyer", "year"], name="firms_training_year_hours_unique"),
        ]
        indexes = [
            # The lawyers who reached a year's requirement: one range of the index
            # (firms.selectors.short_of_training_count).
            models.Index(fields=["year", "hours"], include=["lawyer"], name="firms_training_year_met_idx"),
        ]

    def __str__(self):
        return f"{self.lawyer_id} {self.year}: {self.hours}"
