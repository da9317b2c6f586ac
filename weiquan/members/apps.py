from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "weiquan.members"
    label = "members"
