from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "weiquan.audit"
    label = "audit"
