from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "weiquan.evidence"
    label = "evidence"
