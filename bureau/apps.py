from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BureauConfig(AppConfig):
    name = "bureau"
    verbose_name = _("司法局")

    def import_models(self):
        super().import_models()
        # The notification centre's models live in a module of their own (bureau.notifications),
        # imported here rather than from bureau.models, which the reminders' code itself reads.
        import_module(f"{self.name}.notifications.models")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .dbroles import grant_after_migrate

        # Tables a migration creates are granted to the application role at once (bureau.dbroles).
        post_migrate.connect(grant_after_migrate, sender=self, dispatch_uid="bureau-grant-app-role")
        # The page header's copy of the settings row is dropped when the row is saved.
        from django.db.models.signals import post_save

        from .context_processors import forget_header_settings
        from .models import BureauSettings

        post_save.connect(forget_header_settings, sender=BureauSettings, dispatch_uid="bureau-header")
        # get_FOO_display() keeps the labels of a field's choices per language (bureau.choices).
        from django.apps import apps

        from .choices import install

        install(apps.get_models())
        # Registers this app's job handlers.
        from . import selfcheck  # noqa: F401
        from .contrib import registry
        from .report import build  # noqa: F401

        # Every installed app's contrib module registers its report sections, dashboard cards,
        # firm-page sections and deadlines, the way admin.py modules register with the admin.
        registry.autodiscover()
