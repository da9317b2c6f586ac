from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured


class RulebookConfig(AppConfig):
    name = "weiquan.rulebook"
    label = "rulebook"

    def ready(self):
        # A bad rulebook stops start-up, naming the file and the field (RULES 7.1).
        from .registry import all_rulebooks
        from .schema import RulebookInvalid

        try:
            all_rulebooks()
        except RulebookInvalid as exc:
            raise ImproperlyConfigured(str(exc)) from exc
