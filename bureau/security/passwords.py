"""The password policy: at least 10 characters of 3 classes, not containing the username, not a
common password, not one of the last PASSWORD_HISTORY_COUNT; expiry after PASSWORD_MAX_AGE_DAYS.

The messages are Chinese source strings, so they read the same whatever Django's own catalogue
holds. ``HistoryValidator.password_changed`` runs after every saved password change (Django calls
it from ``User.save()``), which keeps the history and the change time in one place.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PasswordHistory


class MinimumLengthValidator:
    def __init__(self, min_length=10):
        self.min_length = min_length

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                _("密码长度太短，至少需要 %(min_length)d 个字符。"),
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self):
        return _("至少 %(min_length)d 个字符。") % {"min_length": self.min_length}


def character_classes(password):
    """How many of the four classes (upper case, lower case, digits, other) the password uses."""
    return sum(
        (
            any(c.isupper() for c in password),
            any(c.islower() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )


class CharacterClassesValidator:
    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if character_classes(password) < self.min_classes:
            raise ValidationError(
                _("密码须包含大写字母、小写字母、数字、符号中的至少 %(min_classes)d 类。"),
                code="password_too_few_classes",
                params={"min_classes": self.min_classes},
            )

    def get_help_text(self):
        return _("须包含大写字母、小写字母、数字、符号中的至少 %(min_classes)d 类。") % {
            "min_classes": self.min_classes
        }


class UsernameValidator:
    def validate(self, password, user=None):
        username = getattr(user, "username", "") or ""
        if username and username.casefold() in password.casefold():
            raise ValidationError(_("密码不能包含用户名。"), code="password_contains_username")

    def get_help_text(self):
        return _("不能包含用户名。")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    """Django's list of 20,000 common passwords, compared case-insensitively."""

    def validate(self, password, user=None):
        if password.lower().strip() in self.passwords:
            raise ValidationError(_("该密码过于常见，请换一个。"), code="password_too_common")

    def get_help_text(self):
        return _("不能是常见密码。")


class HistoryValidator:
    def __init__(self, count=None):
        self.count = count or settings.PASSWORD_HISTORY_COUNT

    def recent_hashes(self, user):
        hashes = list(
            PasswordHistory.objects.filter(user=user)
            .order_by("-created_at", "-id")
            .values_list("password", flat=True)[: self.count]
        )
        # The current password counts as one of the recent ones even before any history exists.
        if user.password and user.password not in hashes:
            hashes = [user.password, *hashes][: self.count]
        return hashes

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        if any(check_password(password, encoded) for encoded in self.recent_hashes(user)):
            raise ValidationError(
                _("新密码不能与最近 %(count)d 次使用过的密码相同。"),
                code="password_reused",
                params={"count": self.count},
            )

    def get_help_text(self):
        return _("不能与最近 %(count)d 次使用过的密码相同。") % {"count": self.count}

    def password_changed(self, password, user):
        if user.pk is None:
            return
        now = timezone.now()
        PasswordHistory.objects.create(user=user, password=user.password)
        # Keep only the newest few: the older hashes serve no rule.
        keep = PasswordHistory.objects.filter(user=user).order_by("-created_at", "-id")[: self.count]
        PasswordHistory.objects.filter(user=user).exclude(
            id__in=list(keep.values_list("id", flat=True))
        ).delete()
        get_user_model().objects.filter(pk=user.pk).update(password_changed_at=now)
        user.password_changed_at = now


def password_expired(user, now=None):
    """Whether the user's password is older than PASSWORD_MAX_AGE_DAYS (never when 0)."""
    days = settings.PASSWORD_MAX_AGE_DAYS
    if not days:
        return False
    changed = user.password_changed_at or user.date_joined
    return changed < (now or timezone.now()) - datetime.timedelta(days=days)
