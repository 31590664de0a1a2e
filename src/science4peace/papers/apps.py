from django.apps import AppConfig


class PapersConfig(AppConfig):
    name = "science4peace.papers"
    label = "papers"
    verbose_name = "Papers"
