from django.apps import AppConfig


class WarningsConfig(AppConfig):
    name = "weiquan.warnings"
    label = "warnings"
