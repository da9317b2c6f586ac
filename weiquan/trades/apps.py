from django.apps import AppConfig


class TradesConfig(AppConfig):
    name = "weiquan.trades"
    label = "trades"
