from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "weiquan.risk"
    label = "risk"
