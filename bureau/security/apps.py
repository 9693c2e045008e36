from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "bureau.security"
    label = "security"
    verbose_name = _("安全")

    def ready(self):
        from . import audit_chain, signin_audit

        signin_audit.connect_signals()
        # After every migrate (the owner role runs it), so that an event table added later by any
        # app is chained too.
        post_migrate.connect(audit_chain.install_after_migrate, dispatch_uid="security_audit_chain")
