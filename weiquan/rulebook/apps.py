from django.apps import AppConfig


class RulebookConfig(AppConfig):
    name = "weiquan.rulebook"
    label = "rulebook"
