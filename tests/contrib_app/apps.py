from django.apps import AppConfig


class ContribAppConfig(AppConfig):
    """An app that exists only in the tests: it shows itself in the yearly report and on the bureau's
    dashboard through its contrib module alone, as any new app would."""

    name = "tests.contrib_app"
    label = "contrib_app"
