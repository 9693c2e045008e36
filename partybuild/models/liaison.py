"""Liaison officers (党建联络员) and their training."""

import pghistory
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@pghistory.track()
class LiaisonOfficer(models.Model):
    """党建联络员: a bureau-appointed contact for the Party work of one or more firms."""

    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    position = models.CharField(_("职务"), max_length=50, blank=True)
    firms = models.ManyToManyField("firms.Firm", related_name="+", blank=True, verbose_name=_("联系律所"))

    class Meta:
        verbose_name = _("党建联络员")
        verbose_name_plural = _("党建联络员")
        ordering = ["name"]

    def __str__(self):
        return self.name


@pghistory.track()
class LiaisonTraining(models.Model):
    title = models.CharField(_("培训主题"), max_length=200)
    held_on = models.DateField(_("培训日期"))
    organiser = models.CharField(_("主办单位"), max_length=100, blank=True)
    hours = models.DecimalField(
        _("学时"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0.5)]
    )
    attendees = models.ManyToManyField(
        LiaisonOfficer, related_name="trainings", blank=True, verbose_name=_("参训联络员")
    )

    class Meta:
        verbose_name = _("联络员培训")
        verbose_name_plural = _("联络员培训")
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="partybuild_liaisontraining_hours_positive")
        ]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.title}"

    def clean(self):
        if self.held_on and self.held_on > timezone.localdate():
            raise ValidationError({"held_on": _("培训日期不能晚于今天。")})
