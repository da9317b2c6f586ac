from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "weiquan.worker"
    label = "worker"
