from django.apps import AppConfig


class InstitutionsConfig(AppConfig):
    name = "science4peace.institutions"
    label = "institutions"
    verbose_name = "Institutions"
