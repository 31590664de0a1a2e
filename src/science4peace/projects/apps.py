from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "science4peace.projects"
    label = "projects"
    verbose_name = "Projects on open data"
