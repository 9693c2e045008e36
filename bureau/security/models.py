from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignInEvent(models.Model):
    """One sign-in related event. Kept at least SIGNIN_LOG_RETENTION_DAYS (never below 180); a
    database trigger refuses updates and the deletion of younger rows (see migration 0002)."""

    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", _("登录成功")
        FAILURE = "failure", _("登录失败")
        LOCKOUT = "lockout", _("账号锁定")
        SIGN_OUT = "sign_out", _("退出登录")
        PASSWORD_CHANGE = "password_change", _("修改密码")
        PASSWORD_EXPIRED = "password_expired", _("密码过期")
        OTP_ENROLLED = "otp_enrolled", _("绑定动态口令")
        OTP_VERIFIED = "otp_verified", _("动态口令验证成功")
        OTP_RECOVERY_USED = "otp_recovery_used", _("使用恢复码")
        OTP_FAILURE = "otp_failure", _("动态口令错误")
        OTP_LOCKOUT = "otp_lockout", _("动态口令锁定")
        OTP_RESET = "otp_reset", _("管理员重置动态口令")
        SESSIONS_ENDED = "sessions_ended", _("结束会话")
        ACCOUNT_DISABLED = "account_disabled", _("停用账号")

    at = models.DateTimeField(_("时间"), auto_now_add=True)
    kind = models.CharField(_("事件"), max_length=20, choices=Kind.choices)
    username = models.CharField(_("用户名"), max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("用户"),
    )
    # Who did it when it is not the user themself (an administrator's reset).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    user_agent = models.CharField(_("浏览器标识"), max_length=300, blank=True)
    detail = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("登录日志")
        verbose_name_plural = _("登录日志")
        indexes = [
            # The log page, newest first, and the pruning task's range delete.
            models.Index(fields=["-at"], name="security_signin_at_idx"),
            # The log page filtered by username.
            models.Index(fields=["username", "-at"], name="security_signin_username_idx"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_kind_display()}"


class UserSession(models.Model):
    """The sessions of a user, so that they can see and end them: Django's session table cannot
    be searched by user."""

    session_key = models.CharField(max_length=40, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("登录时间"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    user_agent = models.CharField(_("浏览器标识"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("会话")
        verbose_name_plural = _("会话")
        indexes = [
            # A user's sessions page and "end all sessions of this user".
            models.Index(fields=["user", "-created_at"], name="security_session_user_idx"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"


class PasswordHistory(models.Model):
    """The hashes of a user's recent passwords, so that a new password is not one of the last few."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            # The history validator: a user's newest hashes.
            models.Index(fields=["user", "-created_at"], name="security_pwhistory_user_idx"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"


class AuditChainLink(models.Model):
    """One link of the hash chain over every audit event (the pghistory event tables).

    Written only by database triggers (bureau.security.audit_chain): each event table's statement
    trigger queues its new events, and a deferred trigger links the transaction's events when it
    commits, under the chain's lock, so bulk writes and raw SQL are chained too and links follow
    commit order. ``columns`` names the event's columns at the time it was hashed:
    a column added later to the event table does not break the old links."""

    event_table = models.CharField(max_length=100)
    event_id = models.BigIntegerField()
    columns = models.JSONField()
    row_hash = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64)
    chain_hash = models.CharField(max_length=64)
    linked_at = models.DateTimeField()

    class Meta:
        verbose_name = _("审计哈希链")
        verbose_name_plural = _("审计哈希链")
        constraints = [
            models.UniqueConstraint(fields=["event_table", "event_id"], name="security_chain_one_per_event")
        ]

    def __str__(self):
        return f"{self.event_table}#{self.event_id}"


class AuditVerification(models.Model):
    """The result of one run of audit_verify, shown on the administrator's dashboard."""

    ran_at = models.DateTimeField(_("校验时间"), auto_now_add=True)
    ok = models.BooleanField(_("完整"))
    links_checked = models.PositiveIntegerField(_("已校验事件数"), default=0)
    first_bad_table = models.CharField(_("首个异常事件表"), max_length=100, blank=True)
    first_bad_event_id = models.BigIntegerField(_("首个异常事件编号"), null=True, blank=True)
    message = models.TextField(_("结果"), blank=True)
    # The chain's last link at a good run: a later run that no longer finds it with the same hash
    # knows the chain's tail was cut off.
    last_link_id = models.BigIntegerField(null=True, blank=True)
    last_chain_hash = models.CharField(max_length=64, blank=True)
    last_event_table = models.CharField(max_length=100, blank=True)
    last_event_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("审计校验")
        verbose_name_plural = _("审计校验")
        indexes = [
            # The dashboard card: the latest run.
            models.Index(fields=["-ran_at"], name="security_verify_ran_idx"),
        ]

    def __str__(self):
        return f"{self.ran_at:%Y-%m-%d %H:%M} {'OK' if self.ok else 'FAIL'}"
