from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelayConfig(AppConfig):
    name = "weiquan.relay"
    label = "relay"
    verbose_name = _("contact relay and gate")

    def ready(self):
        from . import signals  # noqa: F401
