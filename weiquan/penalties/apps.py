from django.apps import AppConfig


class PenaltiesConfig(AppConfig):
    name = "weiquan.penalties"
    label = "penalties"
