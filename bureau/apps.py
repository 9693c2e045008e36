from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BureauConfig(AppConfig):
    name = "bureau"
    verbose_name = _("司法局")

    def ready(self):
        # Registers this app's job handlers.
        from . import selfcheck  # noqa: F401
        from .report import build  # noqa: F401
