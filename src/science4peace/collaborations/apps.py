from django.apps import AppConfig


class CollaborationsConfig(AppConfig):
    name = "science4peace.collaborations"
    label = "collaborations"
    verbose_name = "Collaborations"
