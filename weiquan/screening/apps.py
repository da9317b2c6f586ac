from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "weiquan.screening"
    label = "screening"
